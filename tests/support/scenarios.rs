//! The HTTP scenarios, written once: each takes a [`Framework`] and runs against
//! a real server of it on 127.0.0.1. `tests/test_web.rs` runs every one against
//! axum and against actix-web.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use hyper::{Method, StatusCode};
use serde_json::json;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use super::*;

/// The example services' body limit (the same in both).
const BODY_LIMIT: usize = 16 * 1024;

// ---------------------------------------------------------------------------
// The example service: every status and code path.

pub async fn service_success_paths_echo_a_fresh_id<F: Framework>() {
    let server = F::service();
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

pub async fn service_error_paths<F: Framework>() {
    let server = F::service();
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
// POST /machines: validation with one `details` entry per invalid field.

pub async fn a_valid_machine_is_created<F: Framework>() {
    let server = F::service();
    let addr = server.addr;
    let reply = create(
        addr,
        r#"{"computerDnsName": "ws-014.contoso.com", "osPlatform": "Linux"}"#,
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{reply:?}");
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert!(is_uuid_v4(reply.header("x-request-id").expect("echoed")));
    assert!(reply.header("x-ms-error-code").is_none());
    let created = json!({"id": 14, "computerDnsName": "ws-014.contoso.com", "isolated": false});
    assert_eq!(reply.json(), created);
    assert_eq!(get(addr, "/machines/14").await.json(), created);
    // Every platform is accepted; each machine gets the next id.
    for (id, platform) in (15..).zip(["Windows10", "Windows11", "WindowsServer2022", "macOS"]) {
        let body = json!({"computerDnsName": format!("ws-{id}"), "osPlatform": platform});
        let reply = create(addr, &body.to_string()).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{platform}: {reply:?}");
        assert_eq!(reply.json()["id"], id, "{platform}");
    }
    assert_eq!(
        get(addr, "/machines").await.json().as_array().map(Vec::len),
        Some(10)
    );
    server.stop().await;
}

pub async fn invalid_fields_are_answered_together_in_details<F: Framework>() {
    let server = F::service();
    let addr = server.addr;
    let empty = ("InvalidInput", "Must not be empty.", "computerDnsName");
    let platform = (
        "InvalidInput",
        "Must be one of Windows10, Windows11, WindowsServer2022, Linux or macOS.",
        "osPlatform",
    );
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str, &'a str)]);
    let cases: [Case<'_>; 4] = [
        (
            r#"{"computerDnsName": "", "osPlatform": "Linux"}"#,
            "Invalid input: 1 field is invalid.",
            &[empty],
        ),
        (
            // Platform names are case-sensitive.
            r#"{"computerDnsName": "ws-014", "osPlatform": "windows10"}"#,
            "Invalid input: 1 field is invalid.",
            &[platform],
        ),
        (
            r#"{"computerDnsName": "ws-014", "osPlatform": ""}"#,
            "Invalid input: 1 field is invalid.",
            &[platform],
        ),
        (
            r#"{"computerDnsName": "", "osPlatform": "Windows 3.1"}"#,
            "Invalid input: 2 fields are invalid.",
            &[empty, platform],
        ),
    ];
    for (body, message, details) in cases {
        let id = "details-1";
        let reply = call(
            addr,
            Method::POST,
            "/machines",
            &[JSON, ("x-request-id", id)],
            body,
        )
        .await;
        let ((got_code, got_message, target), got_details) = reply.error_with_details(400);
        assert_eq!(
            (got_code.as_str(), got_message.as_str(), target.as_str()),
            ("InvalidInput", message, id),
            "{body}"
        );
        let got_details: Vec<_> = got_details
            .iter()
            .map(|(c, m, t)| (c.as_str(), m.as_str(), t.as_str()))
            .collect();
        assert_eq!(got_details, details, "{body}");
        // The value sent is not repeated.
        assert!(!contains(&reply.body, b"Windows 3.1") && !contains(&reply.body, b"windows10"));
    }
    // Nothing was created.
    assert_eq!(
        get(addr, "/machines").await.json().as_array().map(Vec::len),
        Some(5)
    );
    assert_eq!(
        get(addr, "/machines/14").await.error(404).0,
        "ResourceNotFound"
    );
    server.stop().await;
}

pub async fn a_machine_body_of_the_wrong_shape_is_a_body_error<F: Framework>() {
    let server = F::service();
    let addr = server.addr;
    let cases = [
        (
            r#"{"computerDnsName": 14, "osPlatform": "Linux"}"#,
            "InvalidInput",
            "Invalid input computerDnsName: invalid type: integer `14`, expected a string.",
        ),
        (
            r#"{"computerDnsName": "ws-014", "osPlatform": ["Linux"]}"#,
            "InvalidInput",
            "Invalid input osPlatform: invalid type: sequence, expected a string.",
        ),
        (
            r#"{"computerDnsName": "ws-014"}"#,
            "MissingRequiredParameter",
            "Parameter osPlatform is missing.",
        ),
        (
            r#"{"ComputerDnsName": "ws-014", "osPlatform": "Linux"}"#,
            "MissingRequiredParameter",
            "Parameter computerDnsName is missing; parameter names are case-sensitive and ComputerDnsName was sent.",
        ),
        (
            r#""ws-014""#,
            "InvalidRequestBody",
            "Invalid request body: invalid type: string \"ws-014\", expected struct NewMachine.",
        ),
    ];
    for (body, code, message) in cases {
        let reply = create(addr, body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}: {reply:?}");
        let (got_code, got_message, _) = reply.error(400);
        assert_eq!(
            (got_code.as_str(), got_message.as_str()),
            (code, message),
            "{body}"
        );
    }
    let no_type = call(
        addr,
        Method::POST,
        "/machines",
        &[],
        r#"{"computerDnsName": "ws-014", "osPlatform": "Linux"}"#,
    )
    .await;
    assert_eq!(no_type.error(400).0, "InvalidRequestBody");
    server.stop().await;
}

// ---------------------------------------------------------------------------
// Correlation ids.

pub async fn a_valid_incoming_id_is_the_target_and_is_echoed<F: Framework>() {
    let server = F::service();
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

pub async fn without_an_incoming_id_each_response_gets_a_fresh_uuid<F: Framework>() {
    let server = F::service();
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

/// `GET /machines/7` with `value` as the `x-request-id`, as raw bytes.
async fn with_raw_id(addr: std::net::SocketAddr, value: &[u8]) -> Vec<u8> {
    let mut bytes =
        b"GET /machines/7 HTTP/1.1\r\nhost: x\r\nconnection: close\r\nx-request-id: ".to_vec();
    bytes.extend_from_slice(value);
    bytes.extend_from_slice(b"\r\n\r\n");
    raw(addr, &bytes).await
}

pub async fn an_invalid_incoming_id_is_replaced_and_never_echoed<F: Framework>() {
    let server = F::service();
    let addr = server.addr;
    let oversized = format!("evil{}", "x".repeat(200));
    // Too long, non-ASCII, a space, a tab: they reach the layer, which answers
    // with a fresh id and never logs them.
    let reach_the_layer: [&[u8]; 4] = [
        oversized.as_bytes(),
        "evil-é-id".as_bytes(),
        b"evil id",
        b"evil\tid",
    ];
    for value in reach_the_layer {
        let response = with_raw_id(addr, value).await;
        let text = String::from_utf8_lossy(&response);
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
    // DEL: the HTTP parser may refuse the request before any handler runs (actix
    // does); either way nothing of it comes back.
    let response = with_raw_id(addr, b"evil\x7fid").await;
    let text = String::from_utf8_lossy(&response);
    assert!(!contains(&response, b"evil"), "{text}");
    if !text.starts_with("HTTP/1.1 400") {
        assert!(text.starts_with("HTTP/1.1 404"), "{text}");
        raw_target(&response);
    }
    // CR or LF inside a value never reaches the application: the HTTP parser either
    // refuses the request or ends the value there, and "X-Evil" is never echoed.
    for injection in [
        &b"good\rX-Evil: 1"[..],
        b"good\nX-Evil: 1",
        b"good\r\nX-Evil: 1",
    ] {
        let response = with_raw_id(addr, injection).await;
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

pub async fn traceparent_is_the_fallback<F: Framework>() {
    let server = F::service();
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

pub async fn the_layer_is_configurable<F: Framework>() {
    let server = F::routes(Some(Settings {
        request_header: "x-correlation-id",
        response_header: "x-correlation-id",
        error_code_header: Some("x-error-code"),
        traceparent: false,
    }));
    let addr = server.addr;
    let reply = call(
        addr,
        Method::GET,
        "/forbidden",
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
    let reply = call(
        addr,
        Method::GET,
        "/forbidden",
        &[("traceparent", &traced)],
        "",
    )
    .await;
    assert!(is_uuid_v4(
        reply.header("x-correlation-id").expect("echoed")
    ));
    server.stop().await;

    let server = F::routes(Some(Settings {
        error_code_header: None,
        ..Settings::default()
    }));
    let reply = get(server.addr, "/forbidden").await;
    assert!(reply.header("x-ms-error-code").is_none());
    assert_eq!(reply.json()["error"]["code"], "Forbidden");
    assert!(reply.header("x-request-id").is_some());
    server.stop().await;
}

pub async fn without_the_layer_each_error_gets_a_fresh_id<F: Framework>() {
    let server = F::routes(None);
    let addr = server.addr;
    let first = call(
        addr,
        Method::GET,
        "/not-found",
        &[("x-request-id", "not-used")],
        "",
    )
    .await
    .error(404)
    .2;
    let second = get(addr, "/not-found").await.error(404).2;
    assert!(is_uuid_v4(&first) && is_uuid_v4(&second) && first != second);
    assert!(get(addr, "/ok").await.header("x-request-id").is_none());
    server.stop().await;
}

pub async fn handlers_see_the_request_id<F: Framework>() {
    let server = F::routes(Some(Settings::default()));
    let reply = call(
        server.addr,
        Method::GET,
        "/whoami",
        &[("x-request-id", "seen-1")],
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(&reply.body[..], b"seen-1 seen-1");
    assert_eq!(reply.header("x-request-id"), Some("seen-1"));
    server.stop().await;
}

// ---------------------------------------------------------------------------
// Server errors never leak; every error response is logged once.

pub async fn a_5xx_cause_is_logged_under_the_target_and_never_answered<F: Framework>() {
    let server = F::service();
    let id = unique_id("redaction-check");
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
    let events = events_for(&id);
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

pub async fn a_4xx_is_logged_at_debug_without_detail<F: Framework>() {
    let server = F::service();
    let id = unique_id("debug-level");
    call(
        server.addr,
        Method::GET,
        "/machines/7",
        &[("x-request-id", &id)],
        "",
    )
    .await
    .error(404);
    let events = events_for(&id);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].level, tracing::Level::DEBUG);
    assert_eq!(events[0].field("code"), Some("ResourceNotFound"));
    assert_eq!(events[0].field("status"), Some("404"));
    assert!(events[0].field("error").is_none());
    server.stop().await;
}

pub async fn types_without_debug_and_generic_types_answer_too<F: Framework>() {
    let server = F::routes(Some(Settings::default()));
    let addr = server.addr;
    let id = unique_id("opaque");
    let opaque = call(addr, Method::GET, "/opaque", &[("x-request-id", &id)], "").await;
    assert_eq!(opaque.error(500).1, "Internal error.");
    assert!(!contains(&opaque.body, b"s3cr3t"));
    let events = events_for(&id);
    assert_eq!(
        events[0].field("error"),
        Some("(the type does not implement Debug)")
    );
    let generic = get(addr, "/generic").await;
    assert_eq!(generic.error(502).1, "Upstream answered 418");
    server.stop().await;
}

pub async fn a_response_that_fails_to_serialize_is_a_500_envelope<F: Framework>() {
    let server = F::routes(Some(Settings::default()));
    let id = unique_id("serialize");
    let reply = call(
        server.addr,
        Method::GET,
        "/unserializable",
        &[("x-request-id", &id)],
        "",
    )
    .await;
    let (code, _, target) = reply.error(500);
    assert_eq!(
        (code.as_str(), target.as_str()),
        ("InternalServerError", id.as_str())
    );
    assert!(!contains(&reply.body, b"tuple keys"));
    let events = events_for(&id);
    assert!(
        events[0]
            .field("sources")
            .is_some_and(|s| s.contains("key must be a string")),
        "{events:?}"
    );
    server.stop().await;
}

/// An id unique within the test binary: every framework's run logs into the
/// same capture, and each finds its own events by it.
fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

// ---------------------------------------------------------------------------
// The Json extractor.

pub async fn json_extractor_cases<F: Framework>() {
    let server = F::service();
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

pub async fn json_extractor_paths_and_unknown_fields<F: Framework>() {
    let server = F::routes(None);
    let addr = server.addr;
    let strict = |body: &'static str| call(addr, Method::POST, "/strict", &[JSON], body);
    let ok = strict(r#"{"machineId": 1, "tags": [{"tagName": "a"}]}"#).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.header("content-type"), Some("application/json"));
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
    server.stop().await;
}

pub async fn a_body_over_the_limit_is_an_envelope_and_is_not_read_to_the_end<F: Framework>() {
    let server = F::service();
    let addr = server.addr;
    let big = format!(
        r#"{{"machineIds": [1], "comment": "{}"}}"#,
        "x".repeat(BODY_LIMIT)
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
        "x".repeat(BODY_LIMIT - 34)
    );
    assert_eq!(at_limit.len(), BODY_LIMIT);
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
    // the server stops at the limit and does not wait for the rest.
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
    for _ in 0..(BODY_LIMIT / 4096 + 1) {
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

// ---------------------------------------------------------------------------
// Under load.

pub async fn a_thousand_concurrent_failures_each_get_their_own_target<F: Framework>() {
    const REQUESTS: usize = 1000;
    const CONNECTIONS: usize = 32;
    let server = F::service();
    let addr = server.addr;
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = Vec::new();
    for _ in 0..CONNECTIONS {
        let next = Arc::clone(&next);
        workers.push(tokio::spawn(async move {
            let mut sender = connect(addr).await;
            let mut targets = Vec::new();
            while next.fetch_add(1, Ordering::Relaxed) < REQUESTS {
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
