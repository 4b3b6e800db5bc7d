//! The axum integration against real servers on 127.0.0.1 and a real HTTP client
//! (hyper's HTTP/1.1 client, plus raw TCP where a client would refuse the bytes).
#![cfg(feature = "axum")]

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/axum_service.rs"]
mod service;

mod support;
use support::*;

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::http::{Method, StatusCode};
use axum::routing::{get as route_get, post};
use rest_error::axum::{CorrelationLayer, Json};
use rest_error::{ApiError, CorrelationId};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

async fn serve(app: Router) -> SocketAddr {
    capture();
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

// ---------------------------------------------------------------------------
// The example service: every status and code path.

#[tokio::test]
async fn service_success_paths_echo_a_fresh_id() {
    let addr = serve(service::app()).await;
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
    assert_eq!(
        get(addr, "/machines/1").await.json()["isolated"],
        json!(true)
    );
}

#[tokio::test]
async fn service_error_paths() {
    let addr = serve(service::app()).await;

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

    let (code, message, _) = get(addr, "/no/such/route").await.error(404);
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("NotFound", "The requested resource was not found.")
    );

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
}

// ---------------------------------------------------------------------------
// Correlation ids.

#[tokio::test]
async fn a_valid_incoming_id_is_the_target_and_is_echoed() {
    let addr = serve(service::app()).await;
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
}

#[tokio::test]
async fn without_an_incoming_id_each_response_gets_a_fresh_uuid() {
    let addr = serve(service::app()).await;
    let mut sender = connect(addr).await;
    let mut seen = HashSet::new();
    for _ in 0..5 {
        let reply = send(&mut sender, request(Method::GET, "/machines/7", &[], "")).await;
        let target = reply.error(404).2;
        assert!(is_uuid_v4(&target), "{target}");
        assert!(seen.insert(target));
    }
}

#[tokio::test]
async fn an_invalid_incoming_id_is_replaced_and_never_echoed() {
    let addr = serve(service::app()).await;
    let oversized = format!("evil{}", "x".repeat(200));
    let bad: [&[u8]; 4] = [
        oversized.as_bytes(),
        "evil-é-id".as_bytes(),
        b"evil id",
        b"evil\tid",
    ];
    for value in bad {
        let mut bytes =
            b"GET /machines/7 HTTP/1.1\r\nhost: x\r\nconnection: close\r\nx-request-id: ".to_vec();
        bytes.extend_from_slice(value);
        bytes.extend_from_slice(b"\r\n\r\n");
        let response = raw(addr, &bytes).await;
        let text = String::from_utf8_lossy(&response);
        assert!(text.starts_with("HTTP/1.1 404"), "{text}");
        assert!(!contains(&response, b"evil"), "{text}");
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
        assert!(
            events_for(&target)
                .iter()
                .all(|e| e.fields.iter().all(|(_, v)| !v.contains("evil")))
        );
    }
    // CR or LF inside a value never reaches the application: the HTTP parser refuses
    // the request, and nothing of the value comes back.
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
        // hyper either refuses the request or ends the value at the CR: then
        // "good" is what the application saw, and "X-Evil" was never part of it.
        assert!(
            !text.contains("x-evil") && !text.contains("good\r\n")
                || text.contains("x-request-id: good\r\n") && !text.contains("x-evil"),
            "{text}"
        );
        assert!(
            text.is_empty() || text.starts_with("http/1.1 400") || text.starts_with("http/1.1 404"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn traceparent_is_the_fallback() {
    let addr = serve(service::app()).await;
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
}

#[tokio::test]
async fn the_layer_is_configurable() {
    let app = Router::new()
        .route(
            "/",
            route_get(|| async { rest_error::CommonError::Forbidden }),
        )
        .layer(CorrelationLayer::new(
            rest_error::web::WebSettings::default()
                .request_header("x-correlation-id")
                .response_header("x-correlation-id")
                .error_code_header("x-error-code")
                .traceparent(false),
        ));
    let addr = serve(app).await;
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

    let app = Router::new()
        .route(
            "/",
            route_get(|| async { rest_error::CommonError::Forbidden }),
        )
        .layer(CorrelationLayer::new(
            rest_error::web::WebSettings::default().without_error_code_header(),
        ));
    let reply = get(serve(app).await, "/").await;
    assert!(reply.header("x-ms-error-code").is_none());
    assert_eq!(reply.json()["error"]["code"], "Forbidden");
}

#[tokio::test]
async fn handlers_see_the_request_id() {
    let app = Router::new()
        .route(
            "/id",
            route_get(
                |axum::Extension(id): axum::Extension<CorrelationId>| async move {
                    let current = rest_error::axum::correlation_id().map(|c| c.to_string());
                    format!("{id} {}", current.unwrap_or_default())
                },
            ),
        )
        .layer(CorrelationLayer::default());
    let addr = serve(app).await;
    let reply = call(addr, Method::GET, "/id", &[("x-request-id", "seen-1")], "").await;
    assert_eq!(reply.body, "seen-1 seen-1");
    assert_eq!(reply.header("x-request-id"), Some("seen-1"));
}

#[tokio::test]
async fn without_the_layer_each_error_gets_a_fresh_id() {
    let app = Router::new()
        .route("/ok", route_get(|| async { "ok" }))
        .route(
            "/err",
            route_get(|| async { rest_error::CommonError::NotFound }),
        );
    let addr = serve(app).await;
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
}

// ---------------------------------------------------------------------------
// Server errors never leak.

#[tokio::test]
async fn a_5xx_cause_is_logged_under_the_target_and_never_answered() {
    let addr = serve(service::app()).await;
    let id = "redaction-check-1";
    let response = raw(
        addr,
        format!("GET /machines/13 HTTP/1.1\r\nhost: x\r\nconnection: close\r\nx-request-id: {id}\r\n\r\n").as_bytes(),
    )
    .await;
    let text = String::from_utf8_lossy(&response);
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
    for secret in [
        "hunter2",
        "postgres",
        "shard",
        "StoreError",
        "Unavailable {",
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
}

#[tokio::test]
async fn a_4xx_is_logged_at_debug_without_detail() {
    let addr = serve(service::app()).await;
    let id = "debug-level-1";
    call(
        addr,
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
}

/// No `Debug`: the impl still exists, and the log says what it can.
#[derive(ApiError)]
#[api(code = "InternalServerError", status = 500, msg = "Internal error.")]
struct Opaque {
    #[allow(dead_code)]
    secret: &'static str,
}

/// Generic: the impl follows the type's bounds.
#[derive(Debug, ApiError)]
enum Generic<T> {
    #[api(status = 502, msg = "Upstream answered <0>")]
    Upstream(T),
}

#[tokio::test]
async fn types_without_debug_and_generic_types_answer_too() {
    let app = Router::new()
        .route(
            "/opaque",
            route_get(|| async { Opaque { secret: "s3cr3t" } }),
        )
        .route(
            "/generic",
            route_get(|| async { Generic::Upstream(418_u16) }),
        )
        .layer(CorrelationLayer::default());
    let addr = serve(app).await;
    let opaque = call(
        addr,
        Method::GET,
        "/opaque",
        &[("x-request-id", "opaque-1")],
        "",
    )
    .await;
    assert_eq!(opaque.error(500).1, "Internal error.");
    assert!(!contains(&opaque.body, b"s3cr3t"));
    let events = events_for("opaque-1");
    assert_eq!(
        events[0].field("error"),
        Some("(the type does not implement Debug)")
    );
    let generic = get(addr, "/generic").await;
    assert_eq!(generic.error(502).1, "Upstream answered 418");
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
    let addr = serve(service::app()).await;
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
}

#[tokio::test]
async fn json_extractor_paths_and_unknown_fields() {
    let app = Router::new().route(
        "/strict",
        post(|Json(body): Json<Strict>| async move { Json(body) }),
    );
    let addr = serve(app).await;
    let strict = |body: &'static str| call(addr, Method::POST, "/strict", &[JSON], body);
    let ok = strict(r#"{"machineId": 1, "tags": [{"tagName": "a"}]}"#).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(
        ok.json(),
        json!({"machineId": 1, "tags": [{"tagName": "a"}]})
    );
    assert!(ok.header("x-request-id").is_none(), "no layer here");
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
}

#[tokio::test]
async fn a_body_over_the_limit_is_an_envelope_and_is_not_read_to_the_end() {
    let addr = serve(service::app()).await;
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

    // A client that announces 100 MB and sends only 64 KiB gets its answer at once:
    // the server stops reading at the limit and does not wait for the rest.
    let mut head = format!(
        "POST /machines/isolate HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nauthorization: Bearer t\r\ncontent-length: {}\r\n\r\n",
        100_000_000
    )
    .into_bytes();
    head.extend(std::iter::repeat_n(b' ', 64 * 1024));
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(&head).await.expect("write");
    let mut response = vec![0; 4096];
    let n = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        stream.read(&mut response),
    )
    .await
    .expect("an answer without the rest of the body")
    .expect("read");
    let text = String::from_utf8_lossy(&response[..n]);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(
        text.contains("x-ms-error-code: RequestBodyTooLarge"),
        "{text}"
    );
}

#[tokio::test]
async fn a_response_that_fails_to_serialize_is_a_500_envelope() {
    let app = Router::new()
        .route(
            "/",
            route_get(|| async {
                let mut map = std::collections::HashMap::new();
                map.insert((1, 2), "tuple keys are not JSON");
                Json(map)
            }),
        )
        .layer(CorrelationLayer::default());
    let addr = serve(app).await;
    let reply = call(
        addr,
        Method::GET,
        "/",
        &[("x-request-id", "serialize-1")],
        "",
    )
    .await;
    let (code, _, target) = reply.error(500);
    assert_eq!(
        (code.as_str(), target.as_str()),
        ("InternalServerError", "serialize-1")
    );
    assert!(!contains(&reply.body, b"tuple keys"));
    let events = events_for("serialize-1");
    assert!(
        events[0]
            .field("sources")
            .is_some_and(|s| s.contains("key must be a string")),
        "{events:?}"
    );
}

// ---------------------------------------------------------------------------
// Under load.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_failures_each_get_their_own_target() {
    const REQUESTS: usize = 1000;
    const CONNECTIONS: usize = 32;
    let addr = serve(service::app()).await;
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut workers = Vec::new();
    for _ in 0..CONNECTIONS {
        let next = Arc::clone(&next);
        workers.push(tokio::spawn(async move {
            let mut sender = connect(addr).await;
            let mut targets = Vec::new();
            while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < REQUESTS {
                let reply = send(&mut sender, request(Method::GET, "/machines/404", &[], "")).await;
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
}

#[test]
fn correlation_id_is_none_outside_a_request() {
    assert!(rest_error::axum::correlation_id().is_none());
}
