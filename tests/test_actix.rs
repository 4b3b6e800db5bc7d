//! The actix-web integration against real servers on 127.0.0.1 (actix's
//! `HttpServer` on a std listener, run on the test's tokio runtime) and a real
//! HTTP client (hyper's HTTP/1.1 client, plus raw TCP where a client would
//! refuse the bytes).
#![cfg(feature = "actix-web")]
// The generated impl's higher-ranked bound must not trip these in a user crate.
#![deny(unused_lifetimes, single_use_lifetimes, unused_qualifications)]

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/actix_service.rs"]
mod service;

mod support;
use support::*;

use std::collections::HashSet;
use std::marker::PhantomData;
use std::net::SocketAddr;
use std::sync::Arc;

use actix_web::dev::{ServerHandle, ServiceRequest};
use actix_web::middleware::{Next, from_fn};
use actix_web::{App, HttpResponse, HttpServer, ResponseError, web};
use hyper::{Method, StatusCode};
use rest_error::actix::{ApiResponse, Correlation, Json};
use rest_error::{ApiError, CommonError, CorrelationId};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Starts `HttpServer::new($factory)` on 127.0.0.1:0 with `$workers` worker
/// threads, on the current tokio runtime; gives its address and handle.
macro_rules! serve {
    ($factory:expr) => {
        serve!($factory, 1)
    };
    ($factory:expr, $workers:expr) => {{
        capture();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = HttpServer::new($factory)
            .workers($workers)
            .disable_signals()
            .listen(listener)
            .expect("listen")
            .run();
        let handle: ServerHandle = server.handle();
        tokio::spawn(server);
        Server { addr, handle }
    }};
}

/// A running server; stopped when the test is done with it.
struct Server {
    addr: SocketAddr,
    handle: ServerHandle,
}

impl Server {
    async fn stop(self) {
        self.handle.stop(false).await;
    }
}

/// The example service over a fresh inventory.
fn service() -> Server {
    let inventory = service::inventory();
    serve!(move || service::app(inventory.clone()))
}

// ---------------------------------------------------------------------------
// The example service: every status and code path.

#[tokio::test]
async fn service_success_paths_echo_a_fresh_id() {
    let server = service();
    let addr = server.addr;
    let list = get(addr, "/machines").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.header("content-type"), Some("application/json"));
    assert!(
        is_uuid_v4(list.header("x-request-id").expect("echoed")),
        "{list:?}"
    );
    assert_eq!(list.json().as_array().map(Vec::len), Some(5));

    let one = get(addr, "/machines/2").await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(
        one.json(),
        json!({"id": 2, "computerDnsName": "ws-002.contoso.com", "isolated": false})
    );
    assert!(one.header("x-ms-error-code").is_none());

    let done = isolate(addr, r#"{"machineIds": [1, 2], "comment": "incident 42"}"#).await;
    assert_eq!(done.status, StatusCode::OK);
    assert_eq!(done.json(), json!({"isolated": [1, 2]}));
    assert!(is_uuid_v4(done.header("x-request-id").expect("echoed")));
    assert_eq!(
        get(addr, "/machines/1").await.json()["isolated"],
        json!(true)
    );
    server.stop().await;
}

#[tokio::test]
async fn service_error_paths() {
    let server = service();
    let addr = server.addr;

    let (code, message, _) = get(addr, "/machines/7").await.error(404);
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("ResourceNotFound", "Resource machine 7 was not found.")
    );

    let (code, message, _) = get(addr, "/machines/x7").await.error(400);
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("InvalidInput", "Invalid input machine id x7.")
    );

    let unavailable = get(addr, "/machines/13").await;
    assert_eq!(unavailable.header("retry-after"), Some("30"));
    let (code, message, _) = unavailable.error(503);
    assert_eq!(code, "InventoryUnavailable");
    assert_eq!(
        message,
        "The machine inventory is temporarily unavailable. Retry after 30 seconds."
    );

    // Another path, or a known path with another method.
    for (method, path) in [
        (Method::GET, "/no/such/route"),
        (Method::DELETE, "/machines"),
        (Method::GET, "/machines/isolate"),
        (Method::PUT, "/machines/1"),
    ] {
        let (code, message, _) = call(addr, method.clone(), path, &[], "").await.error(404);
        assert_eq!(
            (code.as_str(), message.as_str()),
            ("NotFound", "The requested resource was not found."),
            "{method} {path}"
        );
    }

    let body = r#"{"machineIds": [3], "comment": "x"}"#;
    let unauthorized = call(addr, Method::POST, "/machines/isolate", &[JSON], body).await;
    assert_eq!(unauthorized.header("www-authenticate"), Some("Bearer"));
    assert_eq!(unauthorized.error(401).0, "Unauthorized");
    let bad_scheme = call(
        addr,
        Method::POST,
        "/machines/isolate",
        &[JSON, ("authorization", "Basic eA==")],
        body,
    )
    .await;
    assert_eq!(bad_scheme.error(401).0, "Unauthorized");

    let (code, message, _) = isolate(addr, r#"{"machineIds": [1, 2, 3, 4], "comment": "x"}"#)
        .await
        .error(400);
    assert_eq!(code, "MaximumBatchSizeExceeded");
    assert_eq!(
        message,
        "Maximum batch size exceeded. Received: 4, allowed: 3."
    );

    let (code, message, _) = isolate(addr, r#"{"machineIds": [3, 99], "comment": "x"}"#)
        .await
        .error(404);
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("ResourceNotFound", "Resource machine 99 was not found.")
    );
    // A failing batch changes nothing.
    assert_eq!(
        get(addr, "/machines/3").await.json()["isolated"],
        json!(false)
    );

    assert_eq!(
        isolate(addr, r#"{"machineIds": [3], "comment": "x"}"#)
            .await
            .status,
        StatusCode::OK
    );
    let (code, message, _) = isolate(addr, r#"{"machineIds": [3], "comment": "x"}"#)
        .await
        .error(409);
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("MachineAlreadyIsolated", "Machine 3 is already isolated.")
    );
    server.stop().await;
}

// ---------------------------------------------------------------------------
// Correlation ids.

#[tokio::test]
async fn a_valid_incoming_id_is_the_target_and_is_echoed() {
    let server = service();
    let addr = server.addr;
    let id = "req-43f4cb08_8fac.4b65~9db1";
    let reply = call(
        addr,
        Method::GET,
        "/machines/7",
        &[("x-request-id", id)],
        "",
    )
    .await;
    assert_eq!(reply.error(404).2, id);
    let ok = call(
        addr,
        Method::GET,
        "/machines/1",
        &[("x-request-id", id)],
        "",
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.header("x-request-id"), Some(id));
    let longest = "x".repeat(128);
    let reply = call(
        addr,
        Method::GET,
        "/machines/7",
        &[("x-request-id", &longest)],
        "",
    )
    .await;
    assert_eq!(reply.error(404).2, longest);
    // Errors of the extractor carry it too.
    let reply = call(
        addr,
        Method::POST,
        "/machines/isolate",
        &[AUTH, ("x-request-id", id)],
        "{}",
    )
    .await;
    assert_eq!(reply.error(400).2, id);
    server.stop().await;
}

#[tokio::test]
async fn without_an_incoming_id_each_response_gets_a_fresh_uuid() {
    let server = service();
    let mut sender = connect(server.addr).await;
    let mut seen = HashSet::new();
    for _ in 0..5 {
        let reply = send(&mut sender, request(Method::GET, "/machines/7", &[], "")).await;
        let target = reply.error(404).2;
        assert!(is_uuid_v4(&target), "{target}");
        assert!(seen.insert(target));
    }
    server.stop().await;
}

/// The target of a raw response, after checking it is echoed and fresh.
fn raw_target(response: &[u8]) -> String {
    let text = String::from_utf8_lossy(response);
    let body = text.split("\r\n\r\n").nth(1).expect("a body");
    let target = serde_json::from_str::<Value>(body).expect("JSON")["error"]["target"]
        .as_str()
        .expect("target")
        .to_owned();
    assert!(is_uuid_v4(&target), "{text}");
    assert!(
        text.contains(&format!("x-request-id: {target}\r\n")),
        "{text}"
    );
    target
}

#[tokio::test]
async fn an_invalid_incoming_id_is_replaced_and_never_echoed() {
    let server = service();
    let addr = server.addr;
    let oversized = format!("evil{}", "x".repeat(200));
    let bad: [&[u8]; 5] = [
        oversized.as_bytes(),
        "evil-é-id".as_bytes(),
        b"evil id",
        b"evil\tid",
        b"evil\x7fid",
    ];
    for value in bad {
        let mut bytes =
            b"GET /machines/7 HTTP/1.1\r\nhost: x\r\nconnection: close\r\nx-request-id: ".to_vec();
        bytes.extend_from_slice(value);
        bytes.extend_from_slice(b"\r\n\r\n");
        let response = raw(addr, &bytes).await;
        let text = String::from_utf8_lossy(&response);
        if text.starts_with("HTTP/1.1 400") {
            // actix's HTTP parser refused the request before any handler ran.
            assert!(!contains(&response, b"evil"), "{text}");
            continue;
        }
        assert!(text.starts_with("HTTP/1.1 404"), "{value:?}: {text}");
        assert!(!contains(&response, b"evil"), "{text}");
        let target = raw_target(&response);
        let events = events_for(&target);
        assert_eq!(events.len(), 1, "{events:?}");
        assert!(
            events[0].fields.iter().all(|(_, v)| !v.contains("evil")),
            "{events:?}"
        );
    }
    // Only DEL is refused by actix's parser (a plain 400 before any handler runs);
    // the oversized, non-ASCII, space and tab values reach the middleware and are
    // answered with a fresh id.
    for value in [
        oversized.as_bytes(),
        "evil-é-id".as_bytes(),
        b"evil id",
        b"evil\tid",
    ] {
        let mut bytes =
            b"GET /machines/7 HTTP/1.1\r\nhost: x\r\nconnection: close\r\nx-request-id: ".to_vec();
        bytes.extend_from_slice(value);
        bytes.extend_from_slice(b"\r\n\r\n");
        let response = raw(addr, &bytes).await;
        assert!(response.starts_with(b"HTTP/1.1 404"));
        raw_target(&response);
    }
    // CR or LF inside a value never reaches the application: the HTTP parser either
    // refuses the request or ends the value there, and "X-Evil" is never echoed.
    for injection in [
        &b"good\rX-Evil: 1"[..],
        b"good\nX-Evil: 1",
        b"good\r\nX-Evil: 1",
    ] {
        let mut bytes =
            b"GET /machines/7 HTTP/1.1\r\nhost: x\r\nconnection: close\r\nx-request-id: ".to_vec();
        bytes.extend_from_slice(injection);
        bytes.extend_from_slice(b"\r\n\r\n");
        let response = raw(addr, &bytes).await;
        let text = String::from_utf8_lossy(&response).to_ascii_lowercase();
        assert!(!text.contains("x-evil"), "{text}");
        assert!(
            text.is_empty()
                || text.starts_with("http/1.1 400")
                || (text.starts_with("http/1.1 404") && text.contains("x-request-id: good\r\n")),
            "{text}"
        );
    }
    server.stop().await;
}

#[tokio::test]
async fn traceparent_is_the_fallback() {
    let server = service();
    let addr = server.addr;
    let trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    let header = format!("00-{trace}-00f067aa0ba902b7-01");
    let reply = call(
        addr,
        Method::GET,
        "/machines/7",
        &[("traceparent", &header)],
        "",
    )
    .await;
    assert_eq!(reply.error(404).2, trace);
    // The request header wins over it.
    let reply = call(
        addr,
        Method::GET,
        "/machines/7",
        &[("traceparent", &header), ("x-request-id", "mine")],
        "",
    )
    .await;
    assert_eq!(reply.error(404).2, "mine");
    // An invalid one (all-zero trace id, uppercase, wrong shape) is ignored.
    for bad in [
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01".to_owned(),
        format!("00-{}-00f067aa0ba902b7-01", trace.to_ascii_uppercase()),
        format!("00-{trace}-0000000000000000-01"),
        format!("ff-{trace}-00f067aa0ba902b7-01"),
        format!("00-{trace}-00f067aa0ba902b7-01-extra"),
        format!("00-{trace}"),
    ] {
        let reply = call(
            addr,
            Method::GET,
            "/machines/7",
            &[("traceparent", &bad)],
            "",
        )
        .await;
        assert!(is_uuid_v4(&reply.error(404).2), "{bad}");
    }
    server.stop().await;
}

async fn forbidden() -> Result<HttpResponse, CommonError> {
    Err(CommonError::Forbidden)
}

#[tokio::test]
async fn the_middleware_is_configurable() {
    let server = serve!(|| {
        App::new()
            .route("/", web::get().to(forbidden))
            .wrap(Correlation::new(
                rest_error::web::WebSettings::default()
                    .request_header("x-correlation-id")
                    .response_header("x-correlation-id")
                    .error_code_header("x-error-code")
                    .traceparent(false),
            ))
    });
    let addr = server.addr;
    let reply = call(
        addr,
        Method::GET,
        "/",
        &[("x-correlation-id", "corr-1"), ("x-request-id", "ignored")],
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.header("x-correlation-id"), Some("corr-1"));
    assert_eq!(reply.header("x-error-code"), Some("Forbidden"));
    assert!(reply.header("x-ms-error-code").is_none() && reply.header("x-request-id").is_none());
    assert_eq!(reply.json()["error"]["target"], "corr-1");
    let traced = format!("00-{}-00f067aa0ba902b7-01", "ab".repeat(16));
    let reply = call(addr, Method::GET, "/", &[("traceparent", &traced)], "").await;
    assert!(is_uuid_v4(
        reply.header("x-correlation-id").expect("echoed")
    ));
    server.stop().await;

    let server = serve!(|| {
        App::new()
            .route("/", web::get().to(forbidden))
            .wrap(Correlation::new(
                rest_error::web::WebSettings::default().without_error_code_header(),
            ))
    });
    let reply = get(server.addr, "/").await;
    assert!(reply.header("x-ms-error-code").is_none());
    assert_eq!(reply.json()["error"]["code"], "Forbidden");
    assert!(reply.header("x-request-id").is_some());
    server.stop().await;
}

async fn not_found() -> Result<HttpResponse, CommonError> {
    Err(CommonError::NotFound)
}

#[tokio::test]
async fn without_the_middleware_each_error_gets_a_fresh_id() {
    let server = serve!(|| {
        App::new()
            .route("/ok", web::get().to(|| async { "ok" }))
            .route("/err", web::get().to(not_found))
    });
    let addr = server.addr;
    let first = call(
        addr,
        Method::GET,
        "/err",
        &[("x-request-id", "not-used")],
        "",
    )
    .await
    .error(404)
    .2;
    let second = get(addr, "/err").await.error(404).2;
    assert!(is_uuid_v4(&first) && is_uuid_v4(&second) && first != second);
    assert!(get(addr, "/ok").await.header("x-request-id").is_none());
    assert!(rest_error::actix::correlation_id().is_none());
    server.stop().await;
}

/// Answers with the id as the handler sees it, both ways.
async fn whoami(id: web::ReqData<CorrelationId>) -> String {
    let current = rest_error::actix::correlation_id().map(|id| id.to_string());
    format!("{} {}", id.into_inner(), current.unwrap_or_default())
}

/// An inner middleware that refuses requests without a token by returning `Err`.
async fn require_token(
    request: ServiceRequest,
    next: Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    if request.headers().contains_key("authorization") {
        next.call(request).await
    } else {
        Err(CommonError::Unauthorized.into())
    }
}

#[tokio::test]
async fn handlers_and_inner_middleware_errors_see_the_request_id() {
    let server = serve!(|| {
        App::new()
            .route("/whoami", web::get().to(whoami))
            .wrap(from_fn(require_token))
            .wrap(Correlation::default())
    });
    let addr = server.addr;
    let reply = call(
        addr,
        Method::GET,
        "/whoami",
        &[AUTH, ("x-request-id", "me-1")],
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(&reply.body[..], b"me-1 me-1");
    assert_eq!(reply.header("x-request-id"), Some("me-1"));

    // The inner middleware's `Err` is answered with the request's id, not a new one.
    let reply = call(
        addr,
        Method::GET,
        "/whoami",
        &[("x-request-id", "me-2")],
        "",
    )
    .await;
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    let (code, _, target) = reply.error(401);
    assert_eq!((code.as_str(), target.as_str()), ("Unauthorized", "me-2"));
    assert_eq!(events_for("me-2").len(), 1);
    server.stop().await;
}

// ---------------------------------------------------------------------------
// Server errors never leak.

#[tokio::test]
async fn a_5xx_cause_is_logged_under_the_target_and_never_answered() {
    let server = service();
    let id = "actix-redaction-check-1";
    let response = raw(
        server.addr,
        format!(
            "GET /machines/13 HTTP/1.1\r\nhost: x\r\nconnection: close\r\nx-request-id: {id}\r\n\r\n"
        )
        .as_bytes(),
    )
    .await;
    let text = String::from_utf8_lossy(&response);
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
    assert!(text.contains(&format!("\"target\":\"{id}\"")), "{text}");
    for secret in [
        "hunter2",
        "postgres",
        "shard",
        "StoreError",
        "Unavailable {",
        "inventory store failed",
    ] {
        assert!(
            !contains(&response, secret.as_bytes()),
            "{secret} leaked: {text}"
        );
    }
    let events = events_for(id);
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0];
    assert_eq!(event.level, tracing::Level::ERROR);
    assert_eq!(event.field("code"), Some("InventoryUnavailable"));
    assert_eq!(event.field("status"), Some("503"));
    assert!(
        event
            .field("error")
            .is_some_and(|e| e.contains("hunter2") && e.contains("StoreError")),
        "{event:?}"
    );
    assert!(
        event.field("sources").is_some_and(
            |s| s.contains("shard 3 refused the connection (postgres://inventory:hunter2@")
        ),
        "{event:?}"
    );
    server.stop().await;
}

#[tokio::test]
async fn a_4xx_is_logged_at_debug_without_detail() {
    let server = service();
    let id = "actix-debug-level-1";
    call(
        server.addr,
        Method::GET,
        "/machines/7",
        &[("x-request-id", id)],
        "",
    )
    .await
    .error(404);
    let events = events_for(id);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].level, tracing::Level::DEBUG);
    assert_eq!(events[0].field("code"), Some("ResourceNotFound"));
    assert_eq!(events[0].field("status"), Some("404"));
    assert!(events[0].field("error").is_none());
    server.stop().await;
}

// ---------------------------------------------------------------------------
// Which derived types are a `ResponseError`.

/// No `Debug`, no `Display`: it compiles with the feature on, is not a
/// `ResponseError`, and answers through `ApiResponse`.
#[derive(ApiError)]
#[api(code = "InternalServerError", status = 500, msg = "Internal error.")]
struct Opaque {
    #[allow(dead_code)]
    secret: &'static str,
}

/// `Debug` only: not a `ResponseError` either.
#[derive(Debug, ApiError)]
#[api(status = 400)]
struct DebugOnly;

/// Generic, with `Display` from the derive: a `ResponseError` when `T` allows.
#[derive(Debug, ApiError)]
#[api(display)]
enum Generic<T> {
    #[api(status = 502, msg = "Upstream answered <0>")]
    Upstream(T),
}

/// Generic with a where clause and a lifetime.
#[derive(Debug, ApiError)]
#[api(display)]
enum Borrowed<'a, T>
where
    T: Clone,
{
    #[api(status = 409, msg = "Conflict on <0>")]
    Conflict(&'a str, PhantomData<T>),
}

/// `IS` is true exactly when `T: ResponseError` (inherent items win over trait items).
struct IsResponseError<T>(PhantomData<T>);
trait No {
    const IS: bool = false;
}
impl<T> No for IsResponseError<T> {}
impl<T: ResponseError> IsResponseError<T> {
    const IS: bool = true;
}

// Checked at compile time.
const _: () = {
    assert!(!IsResponseError::<Opaque>::IS);
    assert!(!IsResponseError::<DebugOnly>::IS);
    assert!(IsResponseError::<Generic<u16>>::IS);
    assert!(IsResponseError::<Borrowed<'static, u8>>::IS);
    assert!(IsResponseError::<service::InventoryError>::IS);
    assert!(IsResponseError::<CommonError>::IS);
    assert!(IsResponseError::<rest_error::actix::JsonRejection>::IS);
    assert!(IsResponseError::<ApiResponse<Opaque>>::IS);
};

#[test]
fn response_error_exactly_for_types_with_debug_and_display() {
    // The status comes from the error.
    assert_eq!(
        ResponseError::status_code(&Generic::Upstream(1)).as_u16(),
        502
    );
    let _ = Borrowed::<u8>::Conflict("x", PhantomData).code();
}

async fn opaque() -> Result<HttpResponse, ApiResponse<Opaque>> {
    Err(Opaque { secret: "s3cr3t" })?;
    Ok(HttpResponse::Ok().finish())
}

async fn generic() -> Result<HttpResponse, Generic<u16>> {
    Err(Generic::Upstream(418))
}

#[tokio::test]
async fn types_without_display_answer_through_api_response_and_generic_types_answer_too() {
    let server = serve!(|| {
        App::new()
            .route("/opaque", web::get().to(opaque))
            .route("/generic", web::get().to(generic))
            .wrap(Correlation::default())
    });
    let addr = server.addr;
    let opaque = call(
        addr,
        Method::GET,
        "/opaque",
        &[("x-request-id", "actix-opaque-1")],
        "",
    )
    .await;
    assert_eq!(opaque.error(500).1, "Internal error.");
    assert!(!contains(&opaque.body, b"s3cr3t"));
    let events = events_for("actix-opaque-1");
    assert_eq!(
        events[0].field("error"),
        Some("(the type does not implement Debug)")
    );
    let generic = get(addr, "/generic").await;
    assert_eq!(generic.error(502).1, "Upstream answered 418");
    server.stop().await;
}

// ---------------------------------------------------------------------------
// The Json extractor.

#[derive(Debug, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Strict {
    machine_id: u64,
    #[serde(default)]
    tags: Vec<Tag>,
}

#[derive(Debug, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Tag {
    tag_name: String,
}

#[tokio::test]
async fn json_extractor_cases() {
    let server = service();
    let addr = server.addr;
    let post = |headers: &'static [(&'static str, &'static str)], body: &'static str| {
        call(addr, Method::POST, "/machines/isolate", headers, body)
    };
    let valid = r#"{"machineIds": [4], "comment": "x"}"#;
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str, &'a str);
    let cases: [Case<'_>; 12] = [
        (
            &[AUTH],
            valid,
            "InvalidRequestBody",
            "Invalid request body: the content-type header is missing; it must be application/json.",
        ),
        (
            &[AUTH, ("content-type", "text/plain")],
            valid,
            "InvalidRequestBody",
            "Invalid request body: the content-type must be application/json.",
        ),
        (
            &[AUTH, ("content-type", "application/jsonx")],
            valid,
            "InvalidRequestBody",
            "Invalid request body: the content-type must be application/json.",
        ),
        (
            &[AUTH, JSON],
            "",
            "InvalidRequestBody",
            "Invalid request body: the body is empty; expected JSON.",
        ),
        (
            &[AUTH, JSON],
            r#"{"machineIds": [4] "comment": "x"}"#,
            "InvalidRequestBody",
            "Invalid request body: expected `,` or `}` at line 1, column 20.",
        ),
        (
            &[AUTH, JSON],
            r#"{"machineIds": [4], "#,
            "InvalidRequestBody",
            "Invalid request body: EOF while parsing a value at line 1, column 20.",
        ),
        (
            &[AUTH, JSON],
            r#"{"machineIds": [4], "comment": "x"} []"#,
            "InvalidRequestBody",
            "Invalid request body: trailing characters at line 1, column 37.",
        ),
        (
            &[AUTH, JSON],
            r#"true"#,
            "InvalidRequestBody",
            "Invalid request body: invalid type: boolean `true`, expected struct IsolateRequest.",
        ),
        (
            &[AUTH, JSON],
            r#"{"comment": "x"}"#,
            "MissingRequiredParameter",
            "Parameter machineIds is missing.",
        ),
        (
            &[AUTH, JSON],
            r#"{"MachineIds": [4], "comment": "x"}"#,
            "MissingRequiredParameter",
            "Parameter machineIds is missing; parameter names are case-sensitive and MachineIds was sent.",
        ),
        (
            &[AUTH, JSON],
            r#"{"machineIds": "4", "comment": "x"}"#,
            "InvalidInput",
            "Invalid input machineIds: invalid type: string \"4\", expected a sequence.",
        ),
        (
            &[AUTH, JSON],
            r#"{"machineIds": [4, -1], "comment": "x"}"#,
            "InvalidInput",
            "Invalid input machineIds[1]: invalid value: integer `-1`, expected u64.",
        ),
    ];
    for (headers, body, code, message) in cases {
        let reply = post(headers, body).await;
        let (got_code, got_message, _) = reply.error(400);
        assert_eq!(
            (got_code.as_str(), got_message.as_str()),
            (code, message),
            "{body}"
        );
    }
    // `application/*+json` and parameters are fine.
    for content_type in [
        "application/json; charset=utf-8",
        "Application/JSON",
        "application/merge-patch+json",
    ] {
        let reply = call(
            addr,
            Method::POST,
            "/machines/isolate",
            &[AUTH, ("content-type", content_type)],
            valid,
        )
        .await;
        assert!(
            reply.status == StatusCode::OK || reply.status == StatusCode::CONFLICT,
            "{content_type}: {reply:?}"
        );
    }
    server.stop().await;
}

async fn strict(Json(body): Json<Strict>) -> Json<Strict> {
    Json(body)
}

#[tokio::test]
async fn json_extractor_paths_and_unknown_fields() {
    let server = serve!(|| App::new().route("/strict", web::post().to(strict)));
    let addr = server.addr;
    let strict = |body: &'static str| call(addr, Method::POST, "/strict", &[JSON], body);
    let ok = strict(r#"{"machineId": 1, "tags": [{"tagName": "a"}]}"#).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.header("content-type"), Some("application/json"));
    assert_eq!(
        ok.json(),
        json!({"machineId": 1, "tags": [{"tagName": "a"}]})
    );
    assert!(ok.header("x-request-id").is_none(), "no middleware here");
    let cases = [
        (
            r#"{"MachineId": 1}"#,
            "InvalidInput",
            "Invalid input MachineId: parameter names are case-sensitive; expected machineId.",
        ),
        (
            r#"{"machineId": 1, "color": "red"}"#,
            "InvalidInput",
            "Invalid input color: unknown parameter.",
        ),
        (
            r#"{"machineId": 1, "tags": [{"tagName": "a"}, {"TagName": "b"}]}"#,
            "MissingRequiredParameter",
            "Parameter tags[1].tagName is missing; parameter names are case-sensitive and TagName was sent.",
        ),
        (
            r#"{"machineId": 1, "tags": [{"tagName": 7}]}"#,
            "InvalidInput",
            "Invalid input tags[0].tagName: invalid type: integer `7`, expected a string.",
        ),
    ];
    for (body, code, message) in cases {
        let (got_code, got_message, _) = strict(body).await.error(400);
        assert_eq!(
            (got_code.as_str(), got_message.as_str()),
            (code, message),
            "{body}"
        );
    }
    server.stop().await;
}

/// Reads one response off `stream` (headers and, if the server sends them, a
/// little of the body) within 5 seconds.
async fn read_answer(stream: &mut TcpStream) -> String {
    let mut response = vec![0; 4096];
    let n = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        stream.read(&mut response),
    )
    .await
    .expect("an answer without the rest of the body")
    .expect("read");
    String::from_utf8_lossy(&response[..n]).into_owned()
}

#[tokio::test]
async fn a_body_over_the_limit_is_an_envelope_and_is_not_read_to_the_end() {
    let server = service();
    let addr = server.addr;
    let big = format!(
        r#"{{"machineIds": [1], "comment": "{}"}}"#,
        "x".repeat(service::BODY_LIMIT)
    );
    let reply = call(addr, Method::POST, "/machines/isolate", &[JSON, AUTH], &big).await;
    let (code, message, _) = reply.error(413);
    assert_eq!(
        (code.as_str(), message.as_str()),
        (
            "RequestBodyTooLarge",
            "The request body is larger than the limit."
        )
    );
    // Exactly at the limit is fine (the body parses; the comment is long).
    let at_limit = format!(
        r#"{{"machineIds": [5], "comment": "{}"}}"#,
        "x".repeat(service::BODY_LIMIT - 34)
    );
    assert_eq!(at_limit.len(), service::BODY_LIMIT);
    let reply = call(
        addr,
        Method::POST,
        "/machines/isolate",
        &[JSON, AUTH],
        &at_limit,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{reply:?}");

    // A client that announces 100 MB and sends only 64 KiB gets its answer at once:
    // the server checks the content-length and does not wait for the rest.
    let mut head = format!(
        "POST /machines/isolate HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nauthorization: Bearer t\r\nx-request-id: big-1\r\ncontent-length: {}\r\n\r\n",
        100_000_000
    )
    .into_bytes();
    head.extend(std::iter::repeat_n(b' ', 64 * 1024));
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(&head).await.expect("write");
    let text = read_answer(&mut stream).await;
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(
        text.contains("x-ms-error-code: RequestBodyTooLarge"),
        "{text}"
    );
    assert!(text.contains("x-request-id: big-1\r\n"), "{text}");

    // A chunked body, with no length announced, is cut off as soon as it passes
    // the limit: the answer comes while the client is still sending.
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(b"POST /machines/isolate HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nauthorization: Bearer t\r\ntransfer-encoding: chunked\r\n\r\n")
        .await
        .expect("write");
    let chunk = format!("{:x}\r\n{}\r\n", 4096, " ".repeat(4096));
    for _ in 0..(service::BODY_LIMIT / 4096 + 1) {
        stream.write_all(chunk.as_bytes()).await.expect("write");
    }
    // No terminating chunk: the server must answer without the end of the body.
    let text = read_answer(&mut stream).await;
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(
        text.contains("x-ms-error-code: RequestBodyTooLarge"),
        "{text}"
    );
    server.stop().await;
}

#[tokio::test]
async fn the_limit_is_actix_payload_config() {
    let server = serve!(|| {
        App::new()
            .app_data(web::PayloadConfig::new(64))
            .route("/strict", web::post().to(strict))
            .service(
                web::resource("/roomy")
                    .app_data(web::PayloadConfig::new(1024))
                    .route(web::post().to(strict)),
            )
    });
    let addr = server.addr;
    let body = format!(
        r#"{{"machineId": 1, "tags": [{{"tagName": "{}"}}]}}"#,
        "a".repeat(60)
    );
    let (code, _, _) = call(addr, Method::POST, "/strict", &[JSON], &body)
        .await
        .error(413);
    assert_eq!(code, "RequestBodyTooLarge");
    let reply = call(addr, Method::POST, "/roomy", &[JSON], &body).await;
    assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
    server.stop().await;
}

#[tokio::test]
async fn a_response_that_fails_to_serialize_is_a_500_envelope() {
    async fn unserializable() -> Json<std::collections::HashMap<(u8, u8), &'static str>> {
        let mut map = std::collections::HashMap::new();
        map.insert((1, 2), "tuple keys are not JSON");
        Json(map)
    }
    let server = serve!(|| {
        App::new()
            .route("/", web::get().to(unserializable))
            .wrap(Correlation::default())
    });
    let reply = call(
        server.addr,
        Method::GET,
        "/",
        &[("x-request-id", "actix-serialize-1")],
        "",
    )
    .await;
    let (code, _, target) = reply.error(500);
    assert_eq!(
        (code.as_str(), target.as_str()),
        ("InternalServerError", "actix-serialize-1")
    );
    assert!(!contains(&reply.body, b"tuple keys"));
    let events = events_for("actix-serialize-1");
    assert!(
        events[0]
            .field("sources")
            .is_some_and(|s| s.contains("key must be a string")),
        "{events:?}"
    );
    server.stop().await;
}

// ---------------------------------------------------------------------------
// Under load.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_failures_each_get_their_own_target() {
    const REQUESTS: usize = 1000;
    const CONNECTIONS: usize = 32;
    let inventory = service::inventory();
    let server = serve!(move || service::app(inventory.clone()), 2);
    let addr = server.addr;
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut workers = Vec::new();
    for _ in 0..CONNECTIONS {
        let next = Arc::clone(&next);
        workers.push(tokio::spawn(async move {
            let mut sender = connect(addr).await;
            let mut targets = Vec::new();
            while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < REQUESTS {
                let reply = send(&mut sender, request(Method::GET, "/machines/404", &[], "")).await;
                // `error` checks that the target equals the x-request-id header.
                let (code, _, target) = reply.error(404);
                assert_eq!(code, "ResourceNotFound");
                targets.push(target);
            }
            targets
        }));
    }
    let mut all = HashSet::new();
    for worker in workers {
        for target in worker.await.expect("worker") {
            assert!(is_uuid_v4(&target));
            assert!(all.insert(target), "duplicate target");
        }
    }
    assert_eq!(all.len(), REQUESTS);
    server.stop().await;
}
