//! A handler that panics is answered like an error: a 500 `InternalServerError`
//! with the request's target, the panic logged under it, and the server keeps
//! serving.

use hyper::{Method, StatusCode};
use rest_error::web::WebSettings;

use super::unique_id;
use crate::support::*;

pub async fn a_panic_is_a_500_with_the_target_and_the_server_keeps_serving<F: Framework>() {
    let server = F::layered(WebSettings::default());
    let addr = server.addr;
    let id = unique_id("panicked");
    let mut sender = connect(addr).await;
    let reply = send(
        &mut sender,
        request(Method::GET, "/panic", &[("x-request-id", &id)], ""),
    )
    .await;
    let (code, message, target) = reply.error(500);
    assert_eq!(
        (code.as_str(), target.as_str()),
        ("InternalServerError", id.as_str())
    );
    assert!(
        message.starts_with("An internal error occurred."),
        "{message}"
    );
    assert!(!contains(&reply.body, b"exploded"), "{reply:?}");
    let events = events_for(&id);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].level, tracing::Level::ERROR);
    assert_eq!(events[0].field("code"), Some("InternalServerError"));
    assert!(
        events[0]
            .field("error")
            .is_some_and(|e| e.contains("machine 7 exploded")),
        "{events:?}"
    );
    // The same connection answers the next request, and so does a new one.
    let ok = send(&mut sender, request(Method::GET, "/ok", &[], "")).await;
    assert_eq!((ok.status, &ok.body[..]), (StatusCode::OK, &b"ok"[..]));
    let ok = get(addr, "/ok").await;
    assert_eq!((ok.status, &ok.body[..]), (StatusCode::OK, &b"ok"[..]));
    // In the negotiated format, with a fresh id when none is sent.
    let reply = call(
        addr,
        Method::GET,
        "/panic",
        &[("accept", "application/problem+json")],
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    let body = reply.json();
    assert_eq!(body["code"], "InternalServerError");
    let target = body["target"].as_str().expect("a target");
    assert!(is_uuid_v4(target), "{body}");
    assert_eq!(reply.header("x-request-id"), Some(target));
    server.stop().await;
}

pub async fn a_panic_message_is_logged_escaped_and_capped<F: Framework>() {
    let server = F::layered(WebSettings::default());
    let id = unique_id("panicked-long");
    let reply = call(
        server.addr,
        Method::GET,
        "/panic-long",
        &[("x-request-id", &id)],
        "",
    )
    .await;
    assert_eq!(reply.error(500).2, id);
    let events = events_for(&id);
    assert_eq!(events.len(), 1, "{events:?}");
    let error = events[0].field("error").expect("the panic message");
    assert!(
        !error.contains('\n') && !error.contains('\u{1b}'),
        "{error}"
    );
    assert!(error.len() < 8 * 1024, "{} bytes", error.len());
    server.stop().await;
}

pub async fn panics_are_not_caught_when_turned_off<F: Framework>() {
    let server = F::layered(WebSettings::default().catch_panics(false));
    let response = raw(
        server.addr,
        b"GET /panic HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
    )
    .await;
    assert!(!contains(&response, b"InternalServerError"), "{response:?}");
    server.stop().await;
}
