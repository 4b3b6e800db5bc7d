//! What only the axum integration does, against real servers on 127.0.0.1. The
//! scenarios both frameworks share run in `test_web.rs`.
#![cfg(feature = "axum")]
// Both example services are compiled in, each with its own copy of
// examples/shared/inventory.rs, as each is a program of its own.
#![allow(clippy::duplicate_mod)]

mod support;
use support::axum_server::serve;
use support::*;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::post;
use hyper::{Method, StatusCode};
use rest_error::axum::Json;

#[tokio::test]
async fn the_limit_is_axum_default_body_limit() {
    async fn echo(Json(body): Json<routes::Strict>) -> Json<routes::Strict> {
        Json(body)
    }
    let app = Router::new()
        .route("/strict", post(echo).layer(DefaultBodyLimit::max(64)))
        .route("/roomy", post(echo).layer(DefaultBodyLimit::max(1024)));
    let server = serve(app);
    let addr = server.addr;
    let body = format!(
        r#"{{"machineId": 1, "tags": [{{"tagName": "{}"}}]}}"#,
        "a".repeat(60)
    );
    let (code, _, _) = call(addr, Method::POST, "/strict", &[JSON], &body)
        .await
        .error(413);
    assert_eq!(code, "RequestBodyTooLarge");
    // The unread rest of the body ends the connection: the answer says so.
    let reply = call(addr, Method::POST, "/strict", &[JSON], &body).await;
    assert_eq!(reply.header("connection"), Some("close"), "{reply:?}");
    let reply = call(addr, Method::POST, "/roomy", &[JSON], &body).await;
    assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
    server.stop().await;
}

#[test]
fn correlation_id_is_none_outside_a_request() {
    assert!(rest_error::axum::correlation_id().is_none());
}
