//! Every response of the service is an error response in the negotiated
//! format: unknown paths, wrong methods, path and query parameters that don't
//! parse, and the body extractor's answers remapped by the service.

use hyper::{Method, StatusCode};
use rest_error::web::{RejectionKind, WebSettings};

use crate::support::*;

pub async fn an_unknown_path_is_a_404_envelope<F: Framework>() {
    let server = F::fallbacks(WebSettings::default());
    let addr = server.addr;
    let reply = call(
        addr,
        Method::GET,
        "/nowhere",
        &[("x-request-id", "nf-1")],
        "",
    )
    .await;
    let (code, message, target) = reply.error(404);
    assert_eq!(
        (code.as_str(), message.as_str(), target.as_str()),
        ("NotFound", "The requested resource was not found.", "nf-1")
    );
    // The negotiated format applies too.
    let reply = call(
        addr,
        Method::DELETE,
        "/nowhere/else",
        &[("accept", "application/problem+json")],
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.json()["code"], "NotFound");
    // The routes still answer.
    let ok = get(addr, "/items").await;
    assert_eq!((ok.status, &ok.body[..]), (StatusCode::OK, &b"[]"[..]));
    server.stop().await;
}

pub async fn a_wrong_method_is_a_405_envelope_with_allow<F: Framework>() {
    let server = F::fallbacks(WebSettings::default());
    let addr = server.addr;
    for method in [Method::DELETE, Method::PUT, Method::PATCH] {
        let reply = call(
            addr,
            method.clone(),
            "/items",
            &[("x-request-id", "m-1")],
            "",
        )
        .await;
        let (code, message, target) = reply.error(405);
        assert_eq!(
            (code.as_str(), message.as_str(), target.as_str()),
            (
                "MethodNotAllowed",
                "The method is not allowed for the requested resource.",
                "m-1"
            ),
            "{method}"
        );
        let allow = reply.header("allow").expect("an Allow header");
        let mut allowed: Vec<&str> = allow.split(',').map(str::trim).collect();
        allowed.sort_unstable();
        assert!(
            allowed == ["GET", "HEAD", "POST"] || allowed == ["GET", "POST"],
            "{allow}"
        );
    }
    // The allowed methods still answer.
    let ok = call(addr, Method::POST, "/items", &[JSON], r#"{"machineId":3}"#).await;
    assert_eq!(ok.status, StatusCode::OK, "{ok:?}");
    server.stop().await;
}

pub async fn path_and_query_failures_name_the_parameter<F: Framework>() {
    let server = F::fallbacks(WebSettings::default());
    let addr = server.addr;
    let ok = get(addr, "/machines/7").await;
    assert_eq!((ok.status, &ok.body[..]), (StatusCode::OK, &b"7"[..]));
    let ok = get(addr, "/search?limit=5&name=x").await;
    assert_eq!((ok.status, &ok.body[..]), (StatusCode::OK, &b"5"[..]));

    let (code, message, _) = get(addr, "/machines/abc").await.error(400);
    assert_eq!(code, "InvalidInput");
    assert!(message.starts_with("Invalid input id: "), "{message}");
    assert!(
        message.contains("abc") && message.contains("u32"),
        "{message}"
    );

    // A long value is cut (≤ 200 bytes, marked) and control characters replaced.
    let long = format!("x%0D%0A{}", "y".repeat(400));
    let (code, message, _) = get(addr, &format!("/machines/{long}")).await.error(400);
    assert_eq!(code, "InvalidInput");
    assert!(
        !message.contains('\r') && !message.contains('\n'),
        "{message}"
    );
    assert!(message.contains('…') && message.len() < 300, "{message}");

    let (code, message, _) = get(addr, "/search?limit=abc").await.error(400);
    assert_eq!(
        (code.as_str(), message.as_str()),
        (
            "InvalidInput",
            "Invalid input limit: invalid digit found in string."
        )
    );
    for path in ["/search", "/search?name=x"] {
        let (code, message, _) = get(addr, path).await.error(400);
        assert_eq!(
            (code.as_str(), message.as_str()),
            ("MissingRequiredParameter", "Parameter limit is missing."),
            "{path}"
        );
    }
    server.stop().await;
}

pub async fn a_service_remaps_the_body_extractors_answers<F: Framework>() {
    let settings = WebSettings::default()
        .remap_rejection(RejectionKind::ContentType, "invalid_content_type", 415)
        .remap_rejection(RejectionKind::MissingField, "missing_field", 422);
    let server = F::fallbacks(settings);
    let addr = server.addr;
    let post = |headers: &'static [(&'static str, &'static str)], body: &'static str| {
        call(addr, Method::POST, "/items", headers, body)
    };
    let (code, message, _) = post(&[("content-type", "text/plain")], r#"{"machineId":1}"#)
        .await
        .error(415);
    assert_eq!(
        (code.as_str(), message.as_str()),
        (
            "invalid_content_type",
            "Invalid request body: the content-type must be application/json."
        )
    );
    let (code, message, _) = post(&[], r#"{"machineId":1}"#).await.error(415);
    assert_eq!(code, "invalid_content_type", "{message}");
    let (code, message, _) = post(&[JSON], "{}").await.error(422);
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("missing_field", "Parameter machineId is missing.")
    );
    // Kinds that are not remapped keep their documented code and status.
    let (code, _, _) = post(&[JSON], "{").await.error(400);
    assert_eq!(code, "InvalidRequestBody");
    // In problem+json too.
    let reply = post(
        &[
            ("content-type", "text/plain"),
            ("accept", "application/problem+json"),
        ],
        "{}",
    )
    .await;
    assert_eq!(reply.status.as_u16(), 415);
    assert_eq!(reply.json()["code"], "invalid_content_type");
    assert_eq!(reply.json()["status"], 415);
    server.stop().await;
}
