//! Correlation ids: where each request's id comes from, where it goes, and
//! what the layer's settings change.

use std::collections::HashSet;

use hyper::{Method, StatusCode};

use crate::support::*;

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
