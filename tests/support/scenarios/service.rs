//! The example service: every status and code path of its routes.

use hyper::{Method, StatusCode};
use serde_json::json;

use crate::support::*;

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
