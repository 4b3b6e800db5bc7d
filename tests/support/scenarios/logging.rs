//! Server errors never leak; every error response is logged once.

use hyper::Method;

use super::unique_id;
use crate::support::*;

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
