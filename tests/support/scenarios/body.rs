//! The crate's `Json` extractor: body errors and the body limit.

use hyper::{Method, StatusCode};
use serde_json::json;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use super::BODY_LIMIT;
use crate::support::*;

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
