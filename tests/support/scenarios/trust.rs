//! Which incoming ids are trusted: `x-request-id` (settings), `traceparent`
//! (settings), and the echo of an untrusted id in `x-client-request-id`.

use hyper::{Method, StatusCode};
use rest_error::web::WebSettings;

use crate::support::*;

pub async fn an_untrusted_incoming_id_is_echoed_apart_and_the_target_is_fresh<F: Framework>() {
    let server = F::layered(WebSettings::default().trust_request_header(false));
    let addr = server.addr;
    let reply = call(
        addr,
        Method::GET,
        "/not-found",
        &[("x-request-id", "client-1")],
        "",
    )
    .await;
    let (_, _, target) = reply.error(404);
    assert!(is_uuid_v4(&target), "{target}");
    assert_eq!(reply.header("x-client-request-id"), Some("client-1"));
    // Successes echo it too, beside their own fresh id.
    let ok = call(
        addr,
        Method::GET,
        "/ok",
        &[("x-request-id", "client-2")],
        "",
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.header("x-client-request-id"), Some("client-2"));
    assert!(is_uuid_v4(ok.header("x-request-id").expect("an id")));
    // Two responses to the same client id have different targets.
    let again = call(
        addr,
        Method::GET,
        "/not-found",
        &[("x-request-id", "client-1")],
        "",
    )
    .await;
    assert_ne!(again.error(404).2, target);
    // An id that is not valid is not echoed at all.
    let reply = call(
        addr,
        Method::GET,
        "/not-found",
        &[("x-request-id", "é")],
        "",
    )
    .await;
    assert!(reply.header("x-client-request-id").is_none(), "{reply:?}");
    // Without an incoming id, there is nothing to echo.
    let reply = get(addr, "/not-found").await;
    assert!(reply.header("x-client-request-id").is_none(), "{reply:?}");
    server.stop().await;

    // Trusted (the default): the id is the target and nothing else is echoed.
    let server = F::layered(WebSettings::default());
    let reply = call(
        server.addr,
        Method::GET,
        "/not-found",
        &[("x-request-id", "client-3")],
        "",
    )
    .await;
    assert_eq!(reply.error(404).2, "client-3");
    assert!(reply.header("x-client-request-id").is_none(), "{reply:?}");
    server.stop().await;
}

pub async fn traceparent_can_be_ignored<F: Framework>() {
    let trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    let traceparent = format!("00-{trace}-00f067aa0ba902b7-01");
    for (settings, expect_trace) in [
        (WebSettings::default(), true),
        (WebSettings::default().traceparent(false), false),
        (WebSettings::default().trust_request_header(false), true),
    ] {
        let server = F::layered(settings);
        let reply = call(
            server.addr,
            Method::GET,
            "/not-found",
            &[("traceparent", &traceparent)],
            "",
        )
        .await;
        let target = reply.error(404).2;
        assert_eq!(target == trace, expect_trace, "{target}");
        if !expect_trace {
            assert!(is_uuid_v4(&target), "{target}");
        }
        server.stop().await;
    }
}
