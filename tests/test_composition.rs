//! A service's error enum that embeds `CommonError` beside its product codes:
//! `?` conversion, the documented example envelopes end to end (server to
//! client), and the flattened catalogue.

use rest_error::catalog::{self, Entry};
use rest_error::{ApiError, CommonCode, CommonError, CorrelationId, ErrorBody, ErrorResponse};

#[derive(Debug, Clone, PartialEq, Eq, ApiError)]
#[api(display)]
enum ServiceError {
    #[api(transparent, from)]
    Common(CommonError),
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found"
    )]
    MachineNotFound(u64),
    #[api(
        code = "InvalidRequestBody",
        status = 400,
        msg = "Request body is incorrect"
    )]
    BadBody,
}

/// The same, with plain `transparent` (no `From`) and the member declared last.
#[derive(Debug, ApiError)]
enum ProductFirst {
    #[api(status = 409, msg = "Machine <0> is isolated")]
    MachineIsolated(u64),
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found"
    )]
    MachineNotFound(u64),
    #[api(transparent)]
    Common(CommonError),
}

fn check_batch(ids: &[u64]) -> Result<(), CommonError> {
    if ids.len() > 3 {
        return Err(CommonError::MaximumBatchSizeExceeded {
            received: ids.len(),
            allowed: 3,
        });
    }
    Ok(())
}

fn find_machine(id: u64) -> Result<&'static str, ServiceError> {
    check_batch(&[id])?;
    match id {
        1 => Ok("machine-1"),
        0 => Err(CommonError::InvalidInput("machine id 0".into()))?,
        _ => Err(ServiceError::MachineNotFound(id)),
    }
}

fn isolate(ids: &[u64]) -> Result<(), ServiceError> {
    check_batch(ids)?;
    for &id in ids {
        find_machine(id)?;
    }
    Ok(())
}

fn response(code: &str, message: &str, target: &str) -> ErrorResponse {
    ErrorResponse {
        error: ErrorBody {
            code: code.to_owned(),
            message: message.to_owned(),
            target: Some(target.to_owned()),
            details: Vec::new(),
            innererror: None,
        },
    }
}

/// Serializes `err` with `target` both ways, checks both give `expected_json`
/// byte for byte, and parses each back with the client side.
fn round_trip(err: &ServiceError, target: &str, expected_json: &str) -> ErrorResponse {
    let envelope = err.envelope_with_target(CorrelationId::parse(target).unwrap());
    let serde = serde_json::to_string(&envelope).unwrap();
    assert_eq!(serde, expected_json);
    let mut direct = Vec::new();
    envelope.write_json(&mut direct);
    assert_eq!(String::from_utf8(direct.clone()).unwrap(), expected_json);
    assert_eq!(envelope.to_json(), expected_json);

    let from_serde: ErrorResponse = serde.parse().unwrap();
    let from_direct = ErrorResponse::from_slice(&direct).unwrap();
    let via_serde_json: ErrorResponse = serde_json::from_str(&serde).unwrap();
    assert_eq!(from_serde, from_direct);
    assert_eq!(from_serde, via_serde_json);
    // And what the client read, it writes back unchanged.
    assert_eq!(serde_json::to_string(&from_serde).unwrap(), expected_json);
    from_serde
}

#[test]
fn question_mark_converts_common_errors() {
    assert_eq!(find_machine(1), Ok("machine-1"));
    assert_eq!(
        isolate(&[1, 2, 3, 4]),
        Err(ServiceError::Common(
            CommonError::MaximumBatchSizeExceeded {
                received: 4,
                allowed: 3
            }
        ))
    );
    assert_eq!(
        isolate(&[1, 0]),
        Err(ServiceError::Common(CommonError::InvalidInput(
            "machine id 0".into()
        )))
    );
    assert_eq!(isolate(&[1, 7]), Err(ServiceError::MachineNotFound(7)));

    let err = isolate(&[1, 2, 3, 4]).unwrap_err();
    assert_eq!(err.code(), "MaximumBatchSizeExceeded");
    assert_eq!(err.status(), 400);
    assert_eq!(
        err.to_string(),
        "Maximum batch size exceeded. Received: 4, allowed: 3."
    );
}

#[test]
fn from_is_generated() {
    let err: ServiceError = CommonError::NotFound.into();
    assert_eq!(err, ServiceError::Common(CommonError::NotFound));
    assert_eq!(ServiceError::from(CommonError::Forbidden).status(), 403);
}

#[test]
fn transparent_forwards_code_status_message_and_headers() {
    let err = ServiceError::from(CommonError::TooManyRequests {
        retry_after_secs: 9,
    });
    assert_eq!((err.code(), err.status()), ("TooManyRequests", 429));
    assert_eq!(
        err.message().to_string(),
        "Too many requests: the quota was reached. Retry after 9 seconds."
    );
    let mut headers = Vec::new();
    err.headers(&mut |name, value| headers.push((name, value.to_string())));
    assert_eq!(headers, [("Retry-After", "9".to_owned())]);

    let isolated = ProductFirst::MachineIsolated(5);
    assert_eq!(
        (isolated.code(), isolated.status()),
        ("MachineIsolated", 409)
    );
    let missing = ProductFirst::MachineNotFound(5);
    assert_eq!(missing.message().to_string(), "Machine 5 was not found");

    let err = ProductFirst::Common(CommonError::InvalidUrl("x".into()));
    assert_eq!(
        (err.code(), err.status(), err.message().to_string()),
        ("InvalidUrl", 400, "URL x is invalid.".to_owned())
    );
}

#[test]
fn documented_resource_not_found_envelope() {
    let target = "43f4cb08-8fac-4b65-9db1-745c2ae65f3a";
    let err = find_machine(123_123_123).unwrap_err();
    assert_eq!(err, ServiceError::MachineNotFound(123_123_123));
    assert_eq!(err.status(), 404);
    let parsed = round_trip(
        &err,
        target,
        r#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#,
    );
    assert_eq!(
        parsed,
        response(
            "ResourceNotFound",
            "Machine 123123123 was not found",
            target
        )
    );
    assert_eq!(parsed.error.common_code(), CommonCode::ResourceNotFound);
    assert_eq!(parsed.error.common_code().status(), Some(err.status()));
}

#[test]
fn documented_invalid_request_body_envelope() {
    let target = "1fa66c0f-18bd-4133-b378-36d76f3a2ba0";
    let err = ServiceError::BadBody;
    assert_eq!(err.status(), 400);
    let parsed = round_trip(
        &err,
        target,
        r#"{"error":{"code":"InvalidRequestBody","message":"Request body is incorrect","target":"1fa66c0f-18bd-4133-b378-36d76f3a2ba0"}}"#,
    );
    assert_eq!(
        parsed,
        response("InvalidRequestBody", "Request body is incorrect", target)
    );
    assert_eq!(parsed.error.common_code(), CommonCode::InvalidRequestBody);
    assert_eq!(parsed.error.common_code().status(), Some(err.status()));
}

#[test]
fn documented_envelopes_as_pretty_printed_in_the_documentation_parse_to_the_same_values() {
    let pretty = r#"{
        "error": {
            "code": "ResourceNotFound",
            "message": "Machine 123123123 was not found",
            "target": "43f4cb08-8fac-4b65-9db1-745c2ae65f3a"
        }
    }"#;
    let served = ServiceError::MachineNotFound(123_123_123)
        .envelope_with_target(CorrelationId::parse("43f4cb08-8fac-4b65-9db1-745c2ae65f3a").unwrap())
        .to_json();
    assert_eq!(
        pretty.parse::<ErrorResponse>().unwrap(),
        served.parse::<ErrorResponse>().unwrap()
    );
}

#[test]
fn the_common_variant_and_the_product_variant_share_a_code_not_a_message() {
    let common = ServiceError::from(CommonError::ResourceNotFound("machine 7".into()));
    let product = ServiceError::MachineNotFound(7);
    assert_eq!(common.code(), product.code());
    assert_eq!(common.status(), product.status());
    assert_eq!(common.to_string(), "Resource machine 7 was not found.");
    assert_eq!(product.to_string(), "Machine 7 was not found");
}

#[test]
fn a_fresh_target_is_a_uuid_and_parses_back() {
    let err = ServiceError::BadBody;
    let envelope = err.envelope();
    let parsed = ErrorResponse::from_slice(envelope.to_json().as_bytes()).unwrap();
    assert_eq!(
        parsed.error.target.as_deref(),
        Some(envelope.target().as_str())
    );
    assert_eq!(envelope.target().as_str().len(), 36);
}

fn common_entries() -> Vec<Entry> {
    rest_error::catalog::<CommonError>()
}

#[test]
fn catalogue_flattens_common_error_in_place_each_code_once() {
    // The member comes first, so its entries (with their templates) win; the
    // product variants reuse two of its codes and add nothing new.
    let entries = rest_error::catalog::<ServiceError>();
    assert_eq!(entries, common_entries());
    assert_eq!(entries.len(), 20);
    for code in ["ResourceNotFound", "InvalidRequestBody"] {
        assert_eq!(entries.iter().filter(|e| e.code == code).count(), 1);
    }
    let resource = entries
        .iter()
        .find(|e| e.code == "ResourceNotFound")
        .unwrap();
    assert_eq!(resource.template, "Resource <0> was not found.");
}

#[test]
fn catalogue_keeps_declaration_order_when_products_come_first() {
    let entries = rest_error::catalog::<ProductFirst>();
    let mut expected = vec![
        Entry::new("MachineIsolated", 409, "Machine <0> is isolated"),
        Entry::new("ResourceNotFound", 404, "Machine <0> was not found"),
    ];
    expected.extend(
        common_entries()
            .into_iter()
            .filter(|e| e.code != "ResourceNotFound"),
    );
    assert_eq!(entries, expected);
    assert_eq!(entries.len(), 21);
}

#[test]
fn catalogue_of_a_service_with_new_codes() {
    #[derive(Debug, ApiError)]
    enum Inventory {
        #[api(transparent, from)]
        Common(CommonError),
        #[api(status = 409, msg = "Machine <0> is isolated")]
        MachineIsolated(u64),
        #[api(
            code = "ResourceNotFound",
            status = 404,
            msg = "Machine <0> was not found"
        )]
        MachineNotFound(u64),
    }

    let entries = rest_error::catalog::<Inventory>();
    assert_eq!(entries.len(), 21);
    assert_eq!(entries[..20], common_entries()[..]);
    assert_eq!(
        entries[20],
        Entry::new("MachineIsolated", 409, "Machine <0> is isolated")
    );
    for (err, code) in [
        (Inventory::MachineIsolated(1), "MachineIsolated"),
        (Inventory::MachineNotFound(1), "ResourceNotFound"),
        (CommonError::NotFound.into(), "NotFound"),
    ] {
        assert_eq!(err.code(), code);
    }
}

#[test]
fn markdown_of_the_service_enum() {
    // ServiceError's catalogue is CommonError's: the same table.
    assert_eq!(
        catalog::markdown::<ServiceError>(),
        catalog::markdown::<CommonError>()
    );

    let table = catalog::markdown::<ProductFirst>();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 2 + 21);
    assert_eq!(lines[0], "Error code | HTTP status code | Message");
    assert_eq!(lines[1], ":--- | :--- | :---");
    assert_eq!(
        lines[2],
        "MachineIsolated | Conflict (409) | Machine {0} is isolated"
    );
    assert_eq!(
        lines[3],
        "ResourceNotFound | Not Found (404) | Machine {0} was not found"
    );
    assert_eq!(lines[4], "BadRequest | BadRequest (400) | {0}");
    assert_eq!(
        lines[5],
        "ODataError | BadRequest (400) | Invalid OData URI query: {0}"
    );
    assert_eq!(
        lines[22],
        "InternalServerError | Internal Server Error (500) | An internal error occurred. Retry the operation; if it persists, contact support with the target id of this response."
    );
    assert!(!table.contains("Resource {0} was not found."));
    assert!(table.ends_with('\n'));
}
