//! `POST /machines` of the example service: validation that answers with one
//! `details` entry per invalid field.

use hyper::{Method, StatusCode};
use serde_json::json;

use crate::support::*;

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

pub async fn invalid_fields_in_problem_json_carry_the_same_details<F: Framework>() {
    let server = F::service();
    let reply = call(
        server.addr,
        Method::POST,
        "/machines",
        &[
            JSON,
            ("accept", "application/problem+json"),
            ("x-request-id", "req-problem"),
        ],
        r#"{"computerDnsName": "", "osPlatform": "Linux"}"#,
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    // The service answers in English and Swedish: the language varies too.
    assert_eq!(reply.header("vary"), Some("accept, accept-language"));
    assert_eq!(reply.header("content-language"), Some("en"));
    assert_eq!(reply.header("x-ms-error-code"), Some("InvalidInput"));
    assert_eq!(reply.header("x-request-id"), Some("req-problem"));
    // Byte for byte, as README shows it.
    assert_eq!(
        String::from_utf8_lossy(&reply.body),
        concat!(
            r#"{"type":"about:blank","title":"Bad Request","status":400,"#,
            r#""detail":"Invalid input: 1 field is invalid.","code":"InvalidInput","#,
            r#""target":"req-problem","details":[{"code":"InvalidInput","#,
            r#""message":"Must not be empty.","target":"computerDnsName"}]}"#
        )
    );
    server.stop().await;
}
