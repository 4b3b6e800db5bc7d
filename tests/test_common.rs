//! `CommonError`: the documented error set, row by row, its catalogue and its
//! agreement with the client side's `CommonCode`.

use rest_error::catalog::{self, Entry};
use rest_error::{ApiError, CommonCode, CommonError, CorrelationId, ErrorBody, ErrorResponse};

/// Checks one row: code, status, public message, `Display`, and the envelope
/// (both writers, and parsed back by the client side).
fn check(err: &CommonError, code: &str, status: u16, message: &str) {
    assert_eq!(err.code(), code, "code of {err:?}");
    assert_eq!(err.status(), status, "status of {err:?}");
    assert_eq!(err.message().to_string(), message, "message of {err:?}");
    assert_eq!(err.to_string(), message, "Display of {err:?}");

    let target = "0e2bb5a4-5b8b-4d4c-9f39-a1a8a9c0d3e1";
    let envelope = err.envelope_with_target(CorrelationId::parse(target).unwrap());
    assert_eq!(envelope.status(), status);
    let json = serde_json::to_string(&envelope).unwrap();
    let mut direct = Vec::new();
    envelope.write_json(&mut direct);
    assert_eq!(direct, json.as_bytes(), "write_json and serde agree");

    let parsed = ErrorResponse::from_slice(json.as_bytes()).unwrap();
    assert_eq!(
        parsed,
        ErrorResponse {
            error: ErrorBody {
                code: code.to_owned(),
                message: message.to_owned(),
                target: Some(target.to_owned()),
                details: Vec::new(),
                innererror: None,
            }
        }
    );
    let common = parsed.error.common_code();
    assert_eq!(common.as_str(), code);
    assert_eq!(common.status(), Some(status));
}

/// One `#[test]` per row of the documented table.
macro_rules! rows {
    ($($name:ident: $err:expr => ($code:literal, $status:literal, $message:expr);)*) => {
        $(
            #[test]
            fn $name() {
                check(&$err, $code, $status, $message);
            }
        )*

        /// Every row above, in declaration order: (value, code, status).
        fn all_rows() -> Vec<(CommonError, &'static str, u16)> {
            vec![$(($err, $code, $status)),*]
        }
    };
}

const INTERNAL: &str = "An internal error occurred. Retry the operation; if it persists, contact support with the target id of this response.";

rows! {
    bad_request: CommonError::BadRequest("The filter is malformed.".into())
        => ("BadRequest", 400, "The filter is malformed.");
    odata_error: CommonError::ODataError("$top must be a number".into())
        => ("ODataError", 400, "Invalid OData URI query: $top must be a number");
    invalid_input: CommonError::InvalidInput("machineId".into())
        => ("InvalidInput", 400, "Invalid input machineId.");
    invalid_request_body: CommonError::InvalidRequestBody
        => ("InvalidRequestBody", 400, "Invalid request body.");
    invalid_hash_value: CommonError::InvalidHashValue("xyz".into())
        => ("InvalidHashValue", 400, "Hash value xyz is invalid.");
    invalid_domain_name: CommonError::InvalidDomainName("exa mple.com".into())
        => ("InvalidDomainName", 400, "Domain name exa mple.com is invalid.");
    invalid_ip_address: CommonError::InvalidIpAddress("300.1.1.1".into())
        => ("InvalidIpAddress", 400, "IP address 300.1.1.1 is invalid.");
    invalid_url: CommonError::InvalidUrl("htp:/x".into())
        => ("InvalidUrl", 400, "URL htp:/x is invalid.");
    maximum_batch_size_exceeded: CommonError::MaximumBatchSizeExceeded { received: 1200, allowed: 1000 }
        => ("MaximumBatchSizeExceeded", 400, "Maximum batch size exceeded. Received: 1200, allowed: 1000.");
    missing_required_parameter: CommonError::MissingRequiredParameter("Comment".into())
        => ("MissingRequiredParameter", 400, "Parameter Comment is missing.");
    os_platform_not_supported: CommonError::OsPlatformNotSupported("Linux".into())
        => ("OsPlatformNotSupported", 400, "OS Platform Linux is not supported for this action.");
    client_version_not_supported: CommonError::ClientVersionNotSupported {
        action: "Live response".into(),
        min_version: "10.8040".into(),
    } => ("ClientVersionNotSupported", 400, "Live response is supported on client version 10.8040 and above.");
    unauthorized: CommonError::Unauthorized
        => ("Unauthorized", 401, "Unauthorized: the authorization header is missing, invalid or expired.");
    forbidden: CommonError::Forbidden
        => ("Forbidden", 403, "Forbidden: the token is valid but lacks permission for this action.");
    disabled_feature: CommonError::DisabledFeature
        => ("DisabledFeature", 403, "Tenant feature is not enabled.");
    disallowed_operation: CommonError::DisallowedOperation("Isolation is not allowed: the machine is already isolated.".into())
        => ("DisallowedOperation", 403, "Isolation is not allowed: the machine is already isolated.");
    not_found: CommonError::NotFound
        => ("NotFound", 404, "The requested resource was not found.");
    resource_not_found: CommonError::ResourceNotFound("machine 42".into())
        => ("ResourceNotFound", 404, "Resource machine 42 was not found.");
    too_many_requests: CommonError::TooManyRequests { retry_after_secs: 30 }
        => ("TooManyRequests", 429, "Too many requests: the quota was reached. Retry after 30 seconds.");
    internal_server_error: CommonError::InternalServerError
        => ("InternalServerError", 500, INTERNAL);
}

/// The codes, statuses and raw templates, in declaration order.
const CATALOG: [(&str, u16, &str); 20] = [
    ("BadRequest", 400, "<0>"),
    ("ODataError", 400, "Invalid OData URI query: <0>"),
    ("InvalidInput", 400, "Invalid input <0>."),
    ("InvalidRequestBody", 400, "Invalid request body."),
    ("InvalidHashValue", 400, "Hash value <0> is invalid."),
    ("InvalidDomainName", 400, "Domain name <0> is invalid."),
    ("InvalidIpAddress", 400, "IP address <0> is invalid."),
    ("InvalidUrl", 400, "URL <0> is invalid."),
    (
        "MaximumBatchSizeExceeded",
        400,
        "Maximum batch size exceeded. Received: <received>, allowed: <allowed>.",
    ),
    ("MissingRequiredParameter", 400, "Parameter <0> is missing."),
    (
        "OsPlatformNotSupported",
        400,
        "OS Platform <0> is not supported for this action.",
    ),
    (
        "ClientVersionNotSupported",
        400,
        "<action> is supported on client version <min_version> and above.",
    ),
    (
        "Unauthorized",
        401,
        "Unauthorized: the authorization header is missing, invalid or expired.",
    ),
    (
        "Forbidden",
        403,
        "Forbidden: the token is valid but lacks permission for this action.",
    ),
    ("DisabledFeature", 403, "Tenant feature is not enabled."),
    ("DisallowedOperation", 403, "<0>"),
    ("NotFound", 404, "The requested resource was not found."),
    ("ResourceNotFound", 404, "Resource <0> was not found."),
    (
        "TooManyRequests",
        429,
        "Too many requests: the quota was reached. Retry after <retry_after_secs> seconds.",
    ),
    ("InternalServerError", 500, INTERNAL),
];

#[test]
fn catalogue_has_the_twenty_codes_in_order_with_raw_templates() {
    // Each row has its Swedish translation too (checked in test_lang.rs).
    let expected: Vec<Entry> = CATALOG
        .iter()
        .map(|&(code, status, template)| {
            let swedish = rest_error::catalog::<CommonError>()
                .iter()
                .find(|entry| entry.code == code)
                .map_or(&[][..], |entry| entry.translations);
            Entry::new(code, status, template).with_translations("en", swedish)
        })
        .collect();
    assert_eq!(rest_error::catalog::<CommonError>(), expected);
    assert_eq!(catalog::entries::<CommonError>(), expected);
    assert!(expected.iter().all(|entry| entry.translations.len() == 1));
}

#[test]
fn every_row_is_in_the_catalogue_in_the_same_order() {
    let rows = all_rows();
    assert_eq!(rows.len(), 20);
    let codes: Vec<&str> = rows.iter().map(|(_, code, _)| *code).collect();
    let catalogued: Vec<&str> = CATALOG.iter().map(|(code, _, _)| *code).collect();
    assert_eq!(codes, catalogued);
    for (err, code, status) in &rows {
        assert_eq!((err.code(), err.status()), (*code, *status));
        // The code is the variant's name.
        assert!(format!("{err:?}").starts_with(code), "{err:?}");
    }
}

#[test]
fn markdown_table() {
    let expected = "\
Error code | HTTP status code | Message
:--- | :--- | :---
BadRequest | BadRequest (400) | {0}
ODataError | BadRequest (400) | Invalid OData URI query: {0}
InvalidInput | BadRequest (400) | Invalid input {0}.
InvalidRequestBody | BadRequest (400) | Invalid request body.
InvalidHashValue | BadRequest (400) | Hash value {0} is invalid.
InvalidDomainName | BadRequest (400) | Domain name {0} is invalid.
InvalidIpAddress | BadRequest (400) | IP address {0} is invalid.
InvalidUrl | BadRequest (400) | URL {0} is invalid.
MaximumBatchSizeExceeded | BadRequest (400) | Maximum batch size exceeded. Received: {received}, allowed: {allowed}.
MissingRequiredParameter | BadRequest (400) | Parameter {0} is missing.
OsPlatformNotSupported | BadRequest (400) | OS Platform {0} is not supported for this action.
ClientVersionNotSupported | BadRequest (400) | {action} is supported on client version {min_version} and above.
Unauthorized | Unauthorized (401) | Unauthorized: the authorization header is missing, invalid or expired.
Forbidden | Forbidden (403) | Forbidden: the token is valid but lacks permission for this action.
DisabledFeature | Forbidden (403) | Tenant feature is not enabled.
DisallowedOperation | Forbidden (403) | {0}
NotFound | Not Found (404) | The requested resource was not found.
ResourceNotFound | Not Found (404) | Resource {0} was not found.
TooManyRequests | Too Many Requests (429) | Too many requests: the quota was reached. Retry after {retry_after_secs} seconds.
InternalServerError | Internal Server Error (500) | An internal error occurred. Retry the operation; if it persists, contact support with the target id of this response.
";
    assert_eq!(catalog::markdown::<CommonError>(), expected);
}

#[test]
fn every_code_is_a_documented_common_code_with_the_same_status() {
    for (code, status, _) in CATALOG {
        let Ok(common) = code.parse::<CommonCode>();
        assert!(
            !matches!(common, CommonCode::Other(_)),
            "{code} is not a documented CommonCode"
        );
        assert_eq!(common.as_str(), code);
        assert_eq!(common.status(), Some(status), "status of {code}");
    }
}

#[test]
fn every_documented_common_code_is_a_common_error() {
    let entries = rest_error::catalog::<CommonError>();
    assert_eq!(entries.len(), CommonCode::DOCUMENTED.len());
    for &code in CommonCode::DOCUMENTED {
        let entry = entries
            .iter()
            .find(|entry| entry.code == code)
            .unwrap_or_else(|| panic!("{code} is missing from CommonError"));
        let Ok(common) = code.parse::<CommonCode>();
        assert_eq!(common.status(), Some(entry.status), "status of {code}");
    }
    // Same order, too.
    let codes: Vec<&str> = entries.iter().map(|entry| entry.code).collect();
    assert_eq!(codes, CommonCode::DOCUMENTED);
}

#[test]
fn display_is_the_message_and_it_is_a_std_error() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<CommonError>();

    for (err, _, _) in all_rows() {
        assert_eq!(err.to_string(), err.message().to_string());
        let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(err.clone());
        assert_eq!(boxed.to_string(), err.message().to_string());
        assert!(boxed.source().is_none());
        let api: &dyn ApiError = &err;
        assert_eq!(api.message().to_string(), err.to_string());
    }
}

#[test]
fn clone_and_eq() {
    let rows = all_rows();
    for (i, (a, _, _)) in rows.iter().enumerate() {
        assert_eq!(a, &a.clone());
        for (j, (b, _, _)) in rows.iter().enumerate() {
            assert_eq!(i == j, a == b, "{a:?} vs {b:?}");
        }
    }
    assert_ne!(
        CommonError::ResourceNotFound("a".into()),
        CommonError::ResourceNotFound("b".into())
    );
    assert_ne!(
        CommonError::TooManyRequests {
            retry_after_secs: 1
        },
        CommonError::TooManyRequests {
            retry_after_secs: 2
        }
    );
}

fn headers(err: &dyn ApiError) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    err.headers(&mut |name, value| out.push((name, value.to_string())));
    out
}

#[test]
fn too_many_requests_sends_retry_after() {
    let err = CommonError::TooManyRequests {
        retry_after_secs: 120,
    };
    assert_eq!(headers(&err), [("Retry-After", "120".to_owned())]);
    assert_eq!(
        headers(&CommonError::TooManyRequests {
            retry_after_secs: 0
        }),
        [("Retry-After", "0".to_owned())]
    );
}

#[test]
fn no_other_row_sends_headers() {
    for (err, code, _) in all_rows() {
        if code != "TooManyRequests" {
            assert_eq!(headers(&err), [], "{code}");
        }
    }
}

#[test]
fn internal_server_error_carries_no_detail() {
    let err = CommonError::InternalServerError;
    let message = err.message().to_string();
    assert_eq!(message, INTERNAL);
    // It asks to retry and to quote the target id.
    assert!(message.contains("Retry"));
    assert!(message.contains("target id"));
    // And it is fixed text: the template has no placeholder, so nothing can be
    // written into it.
    let entry = rest_error::catalog::<CommonError>()
        .into_iter()
        .find(|entry| entry.code == "InternalServerError")
        .unwrap();
    assert_eq!(entry.template, message);
    assert!(!entry.template.contains('<'));
    for word in ["panic", "stack", "database", "sql", "exception", "{", "}"] {
        assert!(!message.to_lowercase().contains(word), "{word}");
    }
}

#[test]
fn field_values_are_data() {
    let err = CommonError::BadRequest("<0> \"quoted\" \\ \n <action>".into());
    assert_eq!(err.to_string(), "<0> \"quoted\" \\ \n <action>");
    let json = err.envelope().to_json();
    let parsed: ErrorResponse = json.parse().unwrap();
    assert_eq!(parsed.error.message, "<0> \"quoted\" \\ \n <action>");
}

#[test]
fn usable_through_dyn_and_in_threads() {
    let errs: Vec<Box<dyn ApiError + Send + Sync>> = vec![
        Box::new(CommonError::NotFound),
        Box::new(CommonError::InvalidUrl("x".into())),
    ];
    let handle = std::thread::spawn(move || {
        errs.iter()
            .map(|err| (err.code(), err.status()))
            .collect::<Vec<_>>()
    });
    assert_eq!(
        handle.join().unwrap(),
        [("NotFound", 404), ("InvalidUrl", 400)]
    );
}
