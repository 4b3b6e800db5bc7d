//! Correlation layers (middleware) nested inside each other agree on one id.

use hyper::{Method, StatusCode};
use rest_error::web::WebSettings;

use crate::support::*;

pub async fn nested_layers_agree_on_the_id<F: Framework>() {
    let server = F::nested(WebSettings::default());
    let addr = server.addr;
    for _ in 0..3 {
        // `error` checks that `x-request-id` is the body's target.
        let (_, _, target) = get(addr, "/inner/not-found").await.error(404);
        assert!(is_uuid_v4(&target), "{target}");
        let reply = get(addr, "/inner/whoami").await;
        assert_eq!(reply.status, StatusCode::OK);
        let echoed = reply.header("x-request-id").expect("an id");
        assert_eq!(
            String::from_utf8_lossy(&reply.body),
            format!("{echoed} {echoed}")
        );
    }
    // An incoming id is the id of both.
    let reply = call(
        addr,
        Method::GET,
        "/inner/not-found",
        &[("x-request-id", "nested-1")],
        "",
    )
    .await;
    assert_eq!(reply.error(404).2, "nested-1");
    // Outside the inner router, the outer layer alone.
    let (_, _, target) = get(addr, "/not-found").await.error(404);
    assert!(is_uuid_v4(&target), "{target}");
    server.stop().await;
}
