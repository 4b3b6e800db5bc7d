//! Error formats over HTTP: the envelope, RFC 9457 problem+json chosen by
//! `Accept`, and a service's own format as the default or as a negotiated
//! alternative, each scenario run against a real axum server and a real
//! actix-web server on 127.0.0.1 with hyper's HTTP/1.1 client.
#![cfg(all(feature = "axum", feature = "actix-web"))]
// Both example services are compiled in (through tests/support), each with its
// own copy of examples/shared/inventory.rs, as each is a program of its own.
#![allow(clippy::duplicate_mod)]

mod support;
use support::*;

use std::net::SocketAddr;

use hyper::Method;
use rest_error::web::{ApiResponse, ErrorContext, ErrorFormat, Json, ProblemFormat, WebSettings};
use rest_error::{ApiError, ErrorDetail, MessageWriter, SubError};
use serde_json::{Value, json};

#[derive(Debug, ApiError)]
#[api(display)]
enum DemoError {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found"
    )]
    NotFound(u64),
    #[api(status = 429, msg = "Slow \"down\"", header("Retry-After", "<0>"))]
    TooManyRequests(u32),
    #[api(status = 401, msg = "Sign in")]
    Unauthorized,
}

/// A hand-written validation error with one sub-error per invalid field.
struct Invalid(Vec<SubError<DemoError>>);

impl ApiError for Invalid {
    fn code(&self) -> &'static str {
        "InvalidInput"
    }
    fn status(&self) -> u16 {
        400
    }
    fn write_message(&self, w: &mut MessageWriter<'_>) -> core::fmt::Result {
        w.field(&self.0.len())?;
        w.text(" fields are invalid")
    }
    fn details(&self, detail: &mut dyn FnMut(&dyn ErrorDetail)) {
        for sub in &self.0 {
            detail(sub);
        }
    }
}

fn invalid() -> ApiResponse<Invalid> {
    ApiResponse(Invalid(vec![
        SubError::new(DemoError::NotFound(1), "machineIds[0]"),
        SubError::new(DemoError::Unauthorized, "token\"x\""),
    ]))
}

#[derive(Debug, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Isolate {
    machine_id: u64,
}

/// A service's own shape, `{"message","code","type","link"}`, under the media
/// type it is constructed with.
#[derive(Debug)]
struct Flat(&'static str);

impl ErrorFormat for Flat {
    fn media_type(&self) -> &'static str {
        self.0
    }

    fn write_body(&self, error: &dyn ApiError, context: &ErrorContext<'_>, out: &mut Vec<u8>) {
        let body = json!({
            "message": error.message().to_string(),
            "code": error.code(),
            "type": if context.status() >= 500 { "server" } else { "client" },
            "link": format!("https://docs.example.com/errors#{}/{}", error.code(), context.target()),
        });
        serde_json::to_writer(out, &body).expect("a Value into a Vec");
    }
}

// ---------------------------------------------------------------------------
// The same routes on both frameworks.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framework {
    Axum,
    Actix,
}

const BOTH: [Framework; 2] = [Framework::Axum, Framework::Actix];

/// Starts a server of `framework` with `settings`; it runs until the test's runtime ends.
async fn serve(framework: Framework, settings: WebSettings) -> SocketAddr {
    capture();
    match framework {
        Framework::Axum => serve_axum(settings).await,
        Framework::Actix => serve_actix(settings),
    }
}

async fn serve_axum(settings: WebSettings) -> SocketAddr {
    use axum::Router;
    use axum::extract::Path;
    use axum::routing::{get, post};

    async fn machine(Path(id): Path<u64>) -> Result<&'static str, DemoError> {
        if id == 1 {
            Ok("found")
        } else {
            Err(DemoError::NotFound(id))
        }
    }
    async fn throttled() -> Result<(), DemoError> {
        Err(DemoError::TooManyRequests(7))
    }
    async fn unauthorized() -> Result<(), DemoError> {
        Err(DemoError::Unauthorized)
    }
    async fn isolate(Json(body): Json<Isolate>) -> Json<Isolate> {
        Json(body)
    }
    async fn validate() -> Result<(), ApiResponse<Invalid>> {
        Err(invalid())
    }
    let app = Router::new()
        .route("/invalid", get(validate))
        .route("/machines/{id}", get(machine))
        .route("/throttled", get(throttled))
        .route("/unauthorized", get(unauthorized))
        .route("/isolate", post(isolate))
        .layer(rest_error::axum::CorrelationLayer::new(settings));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

fn serve_actix(settings: WebSettings) -> SocketAddr {
    use actix_web::{App, HttpServer, web};

    async fn machine(id: web::Path<u64>) -> Result<&'static str, DemoError> {
        match id.into_inner() {
            1 => Ok("found"),
            id => Err(DemoError::NotFound(id)),
        }
    }
    async fn throttled() -> Result<&'static str, DemoError> {
        Err(DemoError::TooManyRequests(7))
    }
    async fn unauthorized() -> Result<&'static str, DemoError> {
        Err(DemoError::Unauthorized)
    }
    async fn isolate(Json(body): Json<Isolate>) -> Json<Isolate> {
        Json(body)
    }
    async fn validate() -> Result<&'static str, ApiResponse<Invalid>> {
        Err(invalid())
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = HttpServer::new(move || {
        App::new()
            .wrap(rest_error::actix::Correlation::new(settings.clone()))
            .route("/machines/{id}", web::get().to(machine))
            .route("/throttled", web::get().to(throttled))
            .route("/unauthorized", web::get().to(unauthorized))
            .route("/isolate", web::post().to(isolate))
            .route("/invalid", web::get().to(validate))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)
    .expect("listen")
    .run();
    tokio::spawn(server);
    addr
}

async fn missing(addr: SocketAddr, accept: &[&str]) -> Reply {
    let headers: Vec<(&str, &str)> = accept.iter().map(|value| ("accept", *value)).collect();
    call(addr, Method::GET, "/machines/7", &headers, "").await
}

/// Checks a problem+json response and returns its body.
fn problem(reply: &Reply, status: u16) -> Value {
    assert_eq!(reply.status.as_u16(), status, "{reply:?}");
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert!(varies_by_accept(reply), "{reply:?}");
    let body = reply.json();
    let members = if body.get("details").is_some() { 7 } else { 6 };
    assert_eq!(body.as_object().map(|o| o.len()), Some(members), "{body}");
    // The members in RFC 9457's order, extensions after (`Value` sorts its keys:
    // the order is read from the bytes).
    let text = std::str::from_utf8(&reply.body).expect("UTF-8");
    let positions: Vec<usize> = ["type", "title", "status", "detail", "code", "target"]
        .iter()
        .map(|key| text.find(&format!("\"{key}\":")).expect(key))
        .collect();
    assert!(text.starts_with(r#"{"type":""#), "{text}");
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert_eq!(body["status"], status);
    assert_eq!(
        reply.header("x-ms-error-code"),
        body["code"].as_str(),
        "{body}"
    );
    assert_eq!(reply.header("x-request-id"), body["target"].as_str());
    body
}

/// Checks an envelope response: the shape `support` checks, plus `Vary`.
fn envelope(reply: &Reply, status: u16) -> (String, String, String) {
    assert!(varies_by_accept(reply), "{reply:?}");
    reply.error(status)
}

/// Whether `Vary` names `accept` (beside `accept-language` for an error with
/// more than one language).
fn varies_by_accept(reply: &Reply) -> bool {
    let vary = reply.header("vary").unwrap_or_default();
    vary.split(", ").any(|name| name == "accept")
        && vary
            .split(", ")
            .all(|name| name == "accept" || name == "accept-language")
}

// ---------------------------------------------------------------------------
// Negotiation.

#[tokio::test]
async fn accept_chooses_problem_json_only_when_it_is_preferred() {
    for framework in BOTH {
        let addr = serve(framework, WebSettings::default()).await;
        for accept in [
            &[][..],
            &["*/*"],
            &["application/json"],
            &["application/*"],
            &["text/html"],
            &["application/problem+json;q=0"],
            &["application/problem+json;q=0.5, application/json"],
            &["application/problem+json;q=0.5, */*;q=0.6"],
            &["application/problem+json;q=0.5, application/*;q=0.9"],
            // Malformed: the envelope.
            &["application/problem+json;q=2"],
            &["application/problem+json, json"],
            &["application/problem+json;q=0.1234"],
            &["application/problem+json, */json"],
        ] {
            let reply = missing(addr, accept).await;
            let (code, message, _) = envelope(&reply, 404);
            assert_eq!(code, "ResourceNotFound", "{framework:?} {accept:?}");
            assert_eq!(message, "Machine 7 was not found");
        }
        for accept in [
            &["application/problem+json"][..],
            &["Application/Problem+JSON"],
            &["application/json, application/problem+json"],
            &["application/problem+json, */*"],
            &["application/problem+json;q=0.8, application/json;q=0.8"],
            &["application/json;q=0.3, application/problem+json;q=0.4, */*;q=0.1"],
            &["  application/problem+json ; q=1 , text/html"],
            &["application/problem+json;profile=\"x,y\""],
            // Several Accept headers form one list.
            &["application/json;q=0.5", "application/problem+json"],
        ] {
            let reply = missing(addr, accept).await;
            let body = problem(&reply, 404);
            assert_eq!(body["type"], "about:blank", "{framework:?} {accept:?}");
            assert_eq!(body["title"], "Not Found");
            assert_eq!(body["detail"], "Machine 7 was not found");
            assert_eq!(body["code"], "ResourceNotFound");
            assert!(is_uuid_v4(body["target"].as_str().unwrap_or_default()));
        }
    }
}

#[tokio::test]
async fn problem_type_uses_the_configured_base_and_the_request_id() {
    for framework in BOTH {
        let settings = WebSettings::default().problem_type_base("https://errors.example.com/");
        let addr = serve(framework, settings).await;
        let reply = call(
            addr,
            Method::GET,
            "/machines/7",
            &[
                ("accept", "application/problem+json"),
                ("x-request-id", "req-42"),
            ],
            "",
        )
        .await;
        let body = problem(&reply, 404);
        assert_eq!(
            body,
            json!({
                "type": "https://errors.example.com/ResourceNotFound",
                "title": "Not Found",
                "status": 404,
                "detail": "Machine 7 was not found",
                "code": "ResourceNotFound",
                "target": "req-42",
            }),
            "{framework:?}"
        );
        // Byte for byte what `Problem` writes.
        let expected = DemoError::NotFound(7)
            .problem_with_target(rest_error::CorrelationId::parse("req-42").expect("id"))
            .with_type_base("https://errors.example.com/")
            .to_json();
        assert_eq!(reply.body, expected.as_bytes(), "{framework:?}");
    }
}

#[tokio::test]
async fn the_error_headers_are_the_same_in_both_formats() {
    for framework in BOTH {
        let addr = serve(framework, WebSettings::default()).await;
        for path in ["/throttled", "/unauthorized"] {
            let json = call(addr, Method::GET, path, &[], "").await;
            let problem_reply = call(
                addr,
                Method::GET,
                path,
                &[("accept", "application/problem+json")],
                "",
            )
            .await;
            let (code, _, _) = envelope(&json, json.status.as_u16());
            let body = problem(&problem_reply, json.status.as_u16());
            assert_eq!(body["code"], code.as_str(), "{framework:?} {path}");
            for name in ["retry-after", "www-authenticate", "x-ms-error-code"] {
                assert_eq!(
                    json.header(name),
                    problem_reply.header(name),
                    "{framework:?} {path} {name}"
                );
            }
        }
        let throttled = call(
            addr,
            Method::GET,
            "/throttled",
            &[("accept", "application/problem+json")],
            "",
        )
        .await;
        assert_eq!(throttled.header("retry-after"), Some("7"));
        let body = problem(&throttled, 429);
        assert_eq!(body["detail"], "Slow \"down\"");
        assert_eq!(body["title"], "Too Many Requests");
    }
}

#[tokio::test]
async fn body_rejections_and_successes_follow_the_format() {
    for framework in BOTH {
        let addr = serve(framework, WebSettings::default()).await;
        let headers = [
            ("content-type", "application/json"),
            ("accept", "application/problem+json"),
        ];
        let reply = call(addr, Method::POST, "/isolate", &headers, "{").await;
        let body = problem(&reply, 400);
        assert_eq!(body["code"], "InvalidRequestBody", "{framework:?}");
        let reply = call(
            addr,
            Method::POST,
            "/isolate",
            &headers,
            r#"{"machineId":1}"#,
        )
        .await;
        assert_eq!(reply.status.as_u16(), 200, "{framework:?}");
        assert_eq!(reply.header("content-type"), Some("application/json"));
        assert_eq!(reply.header("vary"), None);
        assert_eq!(reply.json(), json!({"machineId": 1}));
        let found = call(
            addr,
            Method::GET,
            "/machines/1",
            &[("accept", "application/problem+json")],
            "",
        )
        .await;
        assert_eq!(found.status.as_u16(), 200);
        assert_eq!(found.header("vary"), None);
    }
}

#[tokio::test]
async fn sub_errors_are_details_in_both_formats() {
    let details = json!([
        {"code": "ResourceNotFound", "message": "Machine 1 was not found", "target": "machineIds[0]"},
        {"code": "Unauthorized", "message": "Sign in", "target": "token\"x\""},
    ]);
    for framework in BOTH {
        let addr = serve(framework, WebSettings::default()).await;
        let reply = call(addr, Method::GET, "/invalid", &[], "").await;
        assert_eq!(reply.status.as_u16(), 400, "{framework:?}");
        assert_eq!(reply.header("content-type"), Some("application/json"));
        let body = reply.json();
        assert_eq!(body["error"]["code"], "InvalidInput");
        assert_eq!(body["error"]["message"], "2 fields are invalid");
        assert_eq!(body["error"]["details"], details, "{framework:?}");
        assert!(
            std::str::from_utf8(&reply.body)
                .expect("UTF-8")
                .contains(r#""target":"#),
        );

        let reply = call(
            addr,
            Method::GET,
            "/invalid",
            &[("accept", "application/problem+json")],
            "",
        )
        .await;
        let body = problem(&reply, 400);
        assert_eq!(body["detail"], "2 fields are invalid", "{framework:?}");
        assert_eq!(body["details"], details, "{framework:?}");
        let text = std::str::from_utf8(&reply.body).expect("UTF-8");
        assert!(text.ends_with("]}"), "details come last: {text}");
    }
}

#[tokio::test]
async fn without_negotiation_accept_is_ignored_and_nothing_varies() {
    for framework in BOTH {
        let addr = serve(
            framework,
            WebSettings::default().without_negotiated_formats(),
        )
        .await;
        let reply = missing(addr, &["application/problem+json"]).await;
        let (code, _, _) = reply.error(404);
        assert_eq!(code, "ResourceNotFound", "{framework:?}");
        assert_eq!(reply.header("vary"), None);
    }
}

// ---------------------------------------------------------------------------
// A service's own format.

#[tokio::test]
async fn a_custom_format_as_the_default() {
    for framework in BOTH {
        let settings = WebSettings::default().default_format(Flat("application/json"));
        let addr = serve(framework, settings).await;
        for accept in [&[][..], &["*/*"], &["application/json"]] {
            let reply = call(
                addr,
                Method::GET,
                "/machines/7",
                &accept
                    .iter()
                    .map(|value| ("accept", *value))
                    .chain([("x-request-id", "flat-1")])
                    .collect::<Vec<_>>(),
                "",
            )
            .await;
            assert_eq!(reply.status.as_u16(), 404, "{framework:?} {accept:?}");
            assert_eq!(reply.header("content-type"), Some("application/json"));
            assert_eq!(reply.header("vary"), Some("accept"));
            assert_eq!(reply.header("x-ms-error-code"), Some("ResourceNotFound"));
            assert_eq!(reply.header("x-request-id"), Some("flat-1"));
            assert_eq!(
                reply.json(),
                json!({
                    "message": "Machine 7 was not found",
                    "code": "ResourceNotFound",
                    "type": "client",
                    "link": "https://docs.example.com/errors#ResourceNotFound/flat-1",
                }),
                "{framework:?} {accept:?}"
            );
        }
        // problem+json is still there for those who ask.
        let reply = missing(addr, &["application/problem+json"]).await;
        problem(&reply, 404);
    }
}

#[tokio::test]
async fn a_custom_format_as_a_negotiated_alternative() {
    const FLAT: &str = "application/vnd.example.error+json";
    for framework in BOTH {
        let settings = WebSettings::default()
            .problem_type_base("https://errors.example.com")
            .negotiated_format(Flat(FLAT));
        let addr = serve(framework, settings).await;

        let reply = missing(addr, &[FLAT]).await;
        assert_eq!(reply.status.as_u16(), 404, "{framework:?}");
        assert_eq!(reply.header("content-type"), Some(FLAT));
        assert_eq!(reply.header("vary"), Some("accept"));
        assert_eq!(reply.header("x-ms-error-code"), Some("ResourceNotFound"));
        let body = reply.json();
        assert_eq!(body["message"], "Machine 7 was not found");
        assert_eq!(body["type"], "client");
        let target = reply.header("x-request-id").expect("an id");
        assert_eq!(
            body["link"],
            format!("https://docs.example.com/errors#ResourceNotFound/{target}")
        );

        // The higher q wins; a tie between alternatives goes to the one added first.
        let reply = missing(
            addr,
            &[format!("application/problem+json;q=0.5, {FLAT};q=0.6").as_str()],
        )
        .await;
        assert_eq!(reply.header("content-type"), Some(FLAT), "{framework:?}");
        let reply = missing(
            addr,
            &[format!("{FLAT}, application/problem+json").as_str()],
        )
        .await;
        let body = problem(&reply, 404);
        assert_eq!(body["type"], "https://errors.example.com/ResourceNotFound");
        // Not asked for: the envelope.
        let reply = missing(addr, &[format!("{FLAT};q=0.5, application/json").as_str()]).await;
        envelope(&reply, 404);
    }
}

#[tokio::test]
async fn problem_json_can_be_the_default_and_the_envelope_negotiated() {
    for framework in BOTH {
        let settings = WebSettings::default()
            .default_format(ProblemFormat)
            .without_negotiated_formats()
            .negotiated_format(rest_error::web::EnvelopeFormat);
        let addr = serve(framework, settings).await;
        for accept in [&[][..], &["*/*"], &["application/problem+json"]] {
            let reply = missing(addr, accept).await;
            problem(&reply, 404);
        }
        let reply = missing(addr, &["application/json"]).await;
        envelope(&reply, 404);
    }
}
