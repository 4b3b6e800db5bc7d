//! The client side: reading error envelopes that a server sent.

use proptest::prelude::*;
use rest_error::client::{BodyKind, ParseError, ParseErrorKind, ReceivedError};
use rest_error::{
    ApiError, CommonCode, CorrelationId, ErrorBody, ErrorDetail, ErrorResponse, MessageWriter,
    SubError,
};
use serde_json::{Value, json};

const RESOURCE_NOT_FOUND: &str = r#"{
    "error": {
        "code": "ResourceNotFound",
        "message": "Machine 123123123 was not found",
        "target": "43f4cb08-8fac-4b65-9db1-745c2ae65f3a"
    }
}"#;

const INVALID_REQUEST_BODY: &str = r#"{
    "error": {
        "code": "InvalidRequestBody",
        "message": "Request body is incorrect",
        "target": "1fa66c0f-18bd-4133-b378-36d76f3a2ba0"
    }
}"#;

fn body(code: &str, message: &str, target: Option<&str>) -> ErrorBody {
    ErrorBody {
        code: code.to_owned(),
        message: message.to_owned(),
        target: target.map(str::to_owned),
        details: Vec::new(),
        innererror: None,
    }
}

fn parse_err(input: impl AsRef<[u8]>) -> ParseError {
    match ErrorResponse::from_slice(input.as_ref()) {
        Ok(response) => panic!("expected an error, parsed {response:?}"),
        Err(err) => err,
    }
}

fn kind(input: impl AsRef<[u8]>) -> ParseErrorKind {
    parse_err(input).kind()
}

/// `innererror` holding `levels` nested arrays, so the whole envelope is
/// `levels + 2` levels deep.
fn nested_innererror(levels: usize) -> String {
    format!(
        r#"{{"error":{{"code":"X","message":"y","innererror":{}{}}}}}"#,
        "[".repeat(levels),
        "]".repeat(levels),
    )
}

#[test]
fn test_documented_examples() {
    let response = ErrorResponse::from_slice(RESOURCE_NOT_FOUND.as_bytes()).unwrap();
    assert_eq!(
        response,
        ErrorResponse {
            error: body(
                "ResourceNotFound",
                "Machine 123123123 was not found",
                Some("43f4cb08-8fac-4b65-9db1-745c2ae65f3a"),
            ),
        },
    );
    assert_eq!(response.error.common_code(), CommonCode::ResourceNotFound);

    let response: ErrorResponse = INVALID_REQUEST_BODY.parse().unwrap();
    assert_eq!(
        response,
        ErrorResponse {
            error: body(
                "InvalidRequestBody",
                "Request body is incorrect",
                Some("1fa66c0f-18bd-4133-b378-36d76f3a2ba0"),
            ),
        },
    );
    assert_eq!(response.error.common_code(), CommonCode::InvalidRequestBody);
    assert_eq!(response.error.common_code().status(), Some(400));
}

#[test]
fn test_round_trip() {
    let full = json!({
        "error": {
            "code": "BadRequest",
            "message": "Multiple errors in the request",
            "target": "f0e1d2c3-0000-4000-8000-000000000000",
            "details": [
                {"code": "InvalidUrl", "message": "URL x is invalid.", "target": "url"},
                {
                    "code": "MissingRequiredParameter",
                    "message": "Parameter id is missing.",
                    "details": [{"code": "Nested", "message": "deeper"}],
                    "innererror": {"code": "Inner", "innererror": {"trace": [1, 2.5, null, true]}}
                }
            ],
            "innererror": {"code": "RequestValidation", "stack": ["a", "b"]}
        }
    })
    .to_string();
    for input in [RESOURCE_NOT_FOUND, INVALID_REQUEST_BODY, &full] {
        let parsed = ErrorResponse::from_slice(input.as_bytes()).unwrap();
        let written = serde_json::to_string(&parsed).unwrap();
        assert_eq!(
            ErrorResponse::from_slice(written.as_bytes()).unwrap(),
            parsed
        );
        let input_value: Value = serde_json::from_str(input).unwrap();
        assert_eq!(serde_json::to_value(&parsed).unwrap(), input_value);
    }
}

#[test]
fn test_details_and_innererror() {
    let response = ErrorResponse::from_slice(
        br#"{"error":{"code":"BadRequest","message":"m","details":[
            {"code":"InvalidInput","message":"a","details":[{"code":"C","message":"c"}]},
            {"code":"InvalidUrl","message":"b","target":"url","innererror":{"x":[1]}}
        ],"innererror":{"code":"Outer","innererror":{"code":"Inner"}}}}"#,
    )
    .unwrap();
    let error = &response.error;
    assert_eq!(error.target, None);
    assert_eq!(error.details.len(), 2);
    assert_eq!(error.details[0].common_code(), CommonCode::InvalidInput);
    assert_eq!(error.details[0].details, vec![body("C", "c", None)]);
    assert_eq!(error.details[1].target.as_deref(), Some("url"));
    assert_eq!(error.details[1].innererror, Some(json!({"x": [1]})));
    assert_eq!(
        error.innererror,
        Some(json!({"code": "Outer", "innererror": {"code": "Inner"}})),
    );
}

#[test]
fn test_serialized_key_order_and_omissions() {
    let mut error = body("NotFound", "Not found", Some("t"));
    error.details.push(body("D", "d", None));
    error.innererror = Some(json!({"k": 1}));
    assert_eq!(
        serde_json::to_string(&ErrorResponse { error }).unwrap(),
        r#"{"error":{"code":"NotFound","message":"Not found","target":"t","details":[{"code":"D","message":"d"}],"innererror":{"k":1}}}"#,
    );
    let bare = ErrorResponse {
        error: body("NotFound", "Not found", None),
    };
    assert_eq!(
        serde_json::to_string(&bare).unwrap(),
        r#"{"error":{"code":"NotFound","message":"Not found"}}"#,
    );
}

#[test]
fn test_unknown_fields_and_nulls_tolerated() {
    let response = ErrorResponse::from_slice(
        br#"{"error":{"code":"Forbidden","message":"m","target":null,"details":null,"innererror":null,
            "extra":{"a":[1,2]},"Code":"ignored"},"requestId":"r","errors":[]}"#,
    )
    .unwrap();
    assert_eq!(response.error, body("Forbidden", "m", None));
    // A missing target, details and innererror read the same way.
    let response = ErrorResponse::from_slice(br#"{"error":{"message":"m","code":"Forbidden"}}"#);
    assert_eq!(response.unwrap().error, body("Forbidden", "m", None));
    // A byte order mark is skipped.
    let with_bom = format!("\u{feff}{RESOURCE_NOT_FOUND}");
    assert_eq!(
        ErrorResponse::from_slice(with_bom.as_bytes()).unwrap(),
        RESOURCE_NOT_FOUND.parse().unwrap(),
    );
    // The last of duplicate keys wins.
    let response = ErrorResponse::from_slice(br#"{"error":{"code":"A","code":"B","message":"m"}}"#);
    assert_eq!(response.unwrap().error.code, "B");
}

#[test]
fn test_keys_are_case_sensitive() {
    let err = parse_err(br#"{"error":{"Code":"NotFound","message":"m"}}"#);
    assert_eq!(err.kind(), ParseErrorKind::InvalidCode);
    assert_eq!(
        err.to_string(),
        "missing `code` in `error`; keys are case-sensitive, write it as `code`",
    );
    let err = parse_err(br#"{"Error":{"code":"NotFound","message":"m"}}"#);
    assert_eq!(err.kind(), ParseErrorKind::NotEnvelope);
    assert_eq!(
        err.to_string(),
        "not an error envelope: the object has no `error` key; keys are case-sensitive, write it as `error`",
    );
}

#[test]
fn test_not_json() {
    for input in [
        &b"<html>502 Bad Gateway</html>"[..],
        b"{\"error\":",
        b"nul",
        b"{} {}",
    ] {
        assert_eq!(kind(input), ParseErrorKind::NotJson);
    }
    assert_eq!(
        parse_err("<html>").to_string(),
        "not JSON: expected value at line 1 column 1",
    );
}

#[test]
fn test_empty_body() {
    for input in ["", "   ", "\r\n\t"] {
        let err = parse_err(input);
        assert_eq!(err.kind(), ParseErrorKind::NotJson);
        assert_eq!(err.to_string(), "not JSON: the body is empty");
    }
}

#[test]
fn test_invalid_utf8() {
    let err = parse_err(b"{\"error\":{\"code\":\"X\xff\",\"message\":\"m\"}}");
    assert_eq!(err.kind(), ParseErrorKind::NotJson);
    assert_eq!(err.to_string(), "not JSON: invalid UTF-8 at byte 19");
    assert_eq!(kind(b"\xc3"), ParseErrorKind::NotJson);
}

#[test]
fn test_not_an_envelope() {
    let cases = [
        (
            "[]",
            "not an error envelope: expected an object with an `error` key, found an array",
        ),
        (
            "[{\"error\":{}}]",
            "not an error envelope: expected an object with an `error` key, found an array",
        ),
        (
            "\"ResourceNotFound\"",
            "not an error envelope: expected an object with an `error` key, found a string",
        ),
        (
            "404",
            "not an error envelope: expected an object with an `error` key, found a number",
        ),
        (
            "null",
            "not an error envelope: expected an object with an `error` key, found null",
        ),
        ("{}", "not an error envelope: the object has no `error` key"),
        (
            "{\"code\":\"NotFound\",\"message\":\"m\"}",
            "not an error envelope: the object has no `error` key",
        ),
    ];
    for (input, message) in cases {
        let err = parse_err(input);
        assert_eq!(err.kind(), ParseErrorKind::NotEnvelope, "{input}");
        assert_eq!(err.to_string(), message);
    }
}

#[test]
fn test_error_not_an_object() {
    let err = parse_err(r#"{"error":"ResourceNotFound"}"#);
    assert_eq!(err.kind(), ParseErrorKind::NotObject);
    assert_eq!(err.to_string(), "`error` is a string, expected an object");
    assert_eq!(kind(r#"{"error":null}"#), ParseErrorKind::NotObject);
    assert_eq!(kind(r#"{"error":[]}"#), ParseErrorKind::NotObject);
    let err = parse_err(
        r#"{"error":{"code":"A","message":"m","details":[{"code":"B","message":"n","details":[{"code":"C","message":"o"},7]}]}}"#,
    );
    assert_eq!(err.kind(), ParseErrorKind::NotObject);
    assert_eq!(
        err.to_string(),
        "`error.details[0].details[1]` is a number, expected an object",
    );
}

#[test]
fn test_code_and_message_required_strings() {
    let cases = [
        (
            r#"{"error":{"code":404,"message":"m"}}"#,
            ParseErrorKind::InvalidCode,
            "`code` in `error` is a number, expected a string",
        ),
        (
            r#"{"error":{"code":null,"message":"m"}}"#,
            ParseErrorKind::InvalidCode,
            "`code` in `error` is null, expected a string",
        ),
        (
            r#"{"error":{"message":"m"}}"#,
            ParseErrorKind::InvalidCode,
            "missing `code` in `error`",
        ),
        (
            r#"{"error":{"code":"NotFound"}}"#,
            ParseErrorKind::InvalidMessage,
            "missing `message` in `error`",
        ),
        (
            r#"{"error":{"code":"NotFound","message":["m"]}}"#,
            ParseErrorKind::InvalidMessage,
            "`message` in `error` is an array, expected a string",
        ),
        (
            r#"{"error":{"code":"A","message":"m","details":[{"message":"n"}]}}"#,
            ParseErrorKind::InvalidCode,
            "missing `code` in `error.details[0]`",
        ),
        (
            r#"{"error":{"code":"A","message":"m","target":42}}"#,
            ParseErrorKind::InvalidTarget,
            "`target` in `error` is a number, expected a string",
        ),
        (
            r#"{"error":{"code":"A","message":"m","details":{"code":"B","message":"n"}}}"#,
            ParseErrorKind::InvalidDetails,
            "`details` in `error` is an object, expected an array",
        ),
    ];
    for (input, expected_kind, message) in cases {
        let err = parse_err(input);
        assert_eq!(err.kind(), expected_kind, "{input}");
        assert_eq!(err.to_string(), message);
    }
}

#[test]
fn test_body_size_limit() {
    let mut at_limit = RESOURCE_NOT_FOUND.as_bytes().to_vec();
    at_limit.resize(ErrorResponse::MAX_BODY_BYTES, b' ');
    assert!(ErrorResponse::from_slice(&at_limit).is_ok());

    at_limit.push(b' ');
    let err = parse_err(&at_limit);
    assert_eq!(err.kind(), ParseErrorKind::TooLarge);
    assert_eq!(
        err.to_string(),
        "error body is too large: 1048577 bytes, the limit is 1048576 bytes",
    );

    let two_mib = format!(
        r#"{{"error":{{"code":"X","message":"{}"}}}}"#,
        "a".repeat(2 * 1024 * 1024),
    );
    assert_eq!(kind(&two_mib), ParseErrorKind::TooLarge);
    assert_eq!(
        two_mib.parse::<ErrorResponse>().unwrap_err().kind(),
        ParseErrorKind::TooLarge,
    );
}

#[test]
fn test_nesting_limit() {
    assert_eq!(ErrorResponse::MAX_DEPTH, 64);
    // The deepest accepted body parses, and survives a round trip.
    let deepest = nested_innererror(ErrorResponse::MAX_DEPTH - 2);
    let response = ErrorResponse::from_slice(deepest.as_bytes()).unwrap();
    let written = serde_json::to_string(&response).unwrap();
    assert_eq!(written, deepest);
    assert_eq!(
        ErrorResponse::from_slice(written.as_bytes()).unwrap(),
        response
    );

    let err = parse_err(nested_innererror(ErrorResponse::MAX_DEPTH - 1));
    assert_eq!(err.kind(), ParseErrorKind::TooDeep);
    assert_eq!(
        err.to_string(),
        "JSON is nested too deeply: more than 64 levels of arrays and objects",
    );
    // Far deeper than serde_json's own limit: no stack overflow, same answer.
    assert_eq!(kind(nested_innererror(10_000)), ParseErrorKind::TooDeep);
    assert_eq!(kind("[".repeat(100_000)), ParseErrorKind::TooDeep);
    // Unknown keys count too, and brackets inside strings do not.
    let deep_unknown = format!(
        r#"{{"error":{{"code":"X","message":"y"}},"x":{}{}}}"#,
        "{\"a\":".repeat(100),
        "}".repeat(100),
    );
    assert_eq!(kind(deep_unknown), ParseErrorKind::TooDeep);
    let brackets_in_strings = format!(
        r#"{{"error":{{"code":"[[[","message":"{}\"{}"}}}}"#,
        "[".repeat(1000),
        "{".repeat(1000),
    );
    assert!(ErrorResponse::from_slice(brackets_in_strings.as_bytes()).is_ok());
}

#[test]
fn test_nested_details_limit() {
    fn chain(levels: usize) -> Value {
        let mut value = json!({"code": "Leaf", "message": "m"});
        for _ in 0..levels {
            value = json!({"code": "Node", "message": "m", "details": [value]});
        }
        json!({"error": value})
    }
    // Each level of details adds an array and an object: 2 + 2 * 31 = 64.
    let deepest = chain(31).to_string();
    let response = ErrorResponse::from_slice(deepest.as_bytes()).unwrap();
    assert_eq!(serde_json::to_value(&response).unwrap(), chain(31));
    assert_eq!(kind(chain(32).to_string()), ParseErrorKind::TooDeep);
    // The same limit holds when deserializing through serde, below serde_json's own.
    let err = serde_json::from_value::<ErrorResponse>(chain(32)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "JSON is nested too deeply: more than 64 levels of arrays and objects",
    );
}

#[test]
fn test_serde_deserialize_agrees() {
    let response: ErrorResponse = serde_json::from_str(RESOURCE_NOT_FOUND).unwrap();
    assert_eq!(response, RESOURCE_NOT_FOUND.parse().unwrap());
    let body: ErrorBody =
        serde_json::from_value(json!({"code": "NotFound", "message": "m", "extra": 1})).unwrap();
    assert_eq!(body, self::body("NotFound", "m", None));

    let err =
        serde_json::from_str::<ErrorResponse>(r#"{"error":{"code":1,"message":"m"}}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "`code` in `error` is a number, expected a string"
    );
    assert!(serde_json::from_str::<ErrorResponse>("[]").is_err());
    // Kept parts are held to the same depth limit; serde_json stops the rest.
    let too_deep =
        serde_json::from_str::<ErrorResponse>(&nested_innererror(ErrorResponse::MAX_DEPTH));
    assert_eq!(
        too_deep.unwrap_err().to_string(),
        "JSON is nested too deeply: more than 64 levels of arrays and objects",
    );
    let err = serde_json::from_str::<ErrorResponse>(&nested_innererror(10_000)).unwrap_err();
    assert!(
        err.to_string().starts_with("recursion limit exceeded"),
        "{err}"
    );
}

#[test]
fn test_errors_do_not_echo_input() {
    let secret = "s3cr3t-".repeat(10_000);
    let inputs = [
        format!(r#"{{"error":{{"code":"X","message":"{secret}"}}, oops"#),
        format!(r#"{{"error":{{"code":"X","message":{{"{secret}":1}}}}}}"#),
        format!(r#"{{"error":{{"code":"X","message":"m","details":["{secret}"]}}}}"#),
        format!(r#"{{"{secret}":1}}"#),
        format!(r#"["{secret}"]"#),
        format!(r#""{secret}"#),
        format!(r#"{{"error":{{"code":"X","message":"m","target":"{secret}""#),
    ];
    for input in inputs {
        let message = parse_err(&input).to_string();
        assert!(!message.contains("s3cr3t"), "{message}");
        assert!(message.len() < 120, "{message}");
    }
}

#[test]
fn test_parse_error_is_an_error() {
    fn assert_error<E: core::error::Error + Send + Sync + Clone + 'static>(_: &E) {}
    let err = parse_err("[]");
    assert_error(&err);
    assert!(format!("{err:?}").contains("NotEnvelope"));
}

#[test]
fn test_common_code_documented_round_trip() {
    let expected = [
        (CommonCode::BadRequest, 400),
        (CommonCode::ODataError, 400),
        (CommonCode::InvalidInput, 400),
        (CommonCode::InvalidRequestBody, 400),
        (CommonCode::InvalidHashValue, 400),
        (CommonCode::InvalidDomainName, 400),
        (CommonCode::InvalidIpAddress, 400),
        (CommonCode::InvalidUrl, 400),
        (CommonCode::MaximumBatchSizeExceeded, 400),
        (CommonCode::MissingRequiredParameter, 400),
        (CommonCode::OsPlatformNotSupported, 400),
        (CommonCode::ClientVersionNotSupported, 400),
        (CommonCode::Unauthorized, 401),
        (CommonCode::Forbidden, 403),
        (CommonCode::DisabledFeature, 403),
        (CommonCode::DisallowedOperation, 403),
        (CommonCode::NotFound, 404),
        (CommonCode::ResourceNotFound, 404),
        (CommonCode::TooManyRequests, 429),
        (CommonCode::InternalServerError, 500),
    ];
    assert_eq!(CommonCode::DOCUMENTED.len(), expected.len());
    for (&text, (code, status)) in CommonCode::DOCUMENTED.iter().zip(expected) {
        let Ok(parsed) = text.parse::<CommonCode>();
        assert_eq!(parsed, code);
        assert_eq!(parsed.as_str(), text);
        assert_eq!(parsed.to_string(), text);
        assert_eq!(format!("{parsed:?}"), text);
        assert_eq!(parsed.status(), Some(status), "{text}");
        assert_eq!(serde_json::to_value(&parsed).unwrap(), json!(text));
        assert_eq!(
            serde_json::from_value::<CommonCode>(json!(text)).unwrap(),
            parsed
        );
        let error = body(text, "m", None);
        assert_eq!(error.common_code(), code);
    }
}

#[test]
fn test_common_code_other() {
    for text in [
        "FooBar",
        "",
        "resourcenotfound",
        "RESOURCENOTFOUND",
        " NotFound",
        "NotFound ",
        "Ünauthorized",
    ] {
        let Ok(parsed) = text.parse::<CommonCode>();
        assert_eq!(parsed, CommonCode::Other(text.to_owned()));
        assert_eq!(parsed.as_str(), text);
        assert_eq!(parsed.status(), None);
        assert_eq!(
            serde_json::from_value::<CommonCode>(json!(text)).unwrap(),
            parsed,
        );
    }
    assert!(serde_json::from_value::<CommonCode>(json!(404)).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn prop_from_slice_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = ErrorResponse::from_slice(&bytes);
    }

    #[test]
    fn prop_json_like_text_never_panics(text in r#"[\[\]{}",:\\ a-z0-9]{0,200}"#) {
        let _ = ErrorResponse::from_slice(text.as_bytes());
    }

    #[test]
    fn prop_envelopes_round_trip(
        code in ".{0,20}",
        message in ".{0,40}",
        target in proptest::option::of(".{0,40}"),
        inner in proptest::option::of(any::<i64>()),
    ) {
        let response = ErrorResponse {
            error: ErrorBody {
                code,
                message,
                target,
                details: Vec::new(),
                innererror: inner.map(|n| json!({"n": n})),
            },
        };
        let written = serde_json::to_vec(&response).unwrap();
        prop_assert_eq!(ErrorResponse::from_slice(&written).unwrap(), response);
    }

    #[test]
    fn prop_common_code_round_trips(text in ".{0,30}") {
        let Ok(code) = text.parse::<CommonCode>();
        prop_assert_eq!(code.as_str(), text.as_str());
        prop_assert_eq!(code.status().is_some(), CommonCode::ALL.contains(&text.as_str()));
    }
}

// ---------------------------------------------------------------------------
// Codes the library sends on its own

#[test]
fn test_common_code_knows_every_code_the_library_sends() {
    let mut expected: Vec<&str> = CommonCode::DOCUMENTED.to_vec();
    expected.extend(["MethodNotAllowed", "RequestBodyTooLarge"]);
    assert_eq!(CommonCode::ALL, expected);
    let Ok(code) = "RequestBodyTooLarge".parse::<CommonCode>();
    assert_eq!(code, CommonCode::RequestBodyTooLarge);
    assert_eq!(code.status(), Some(413));
    assert_eq!(code.as_str(), "RequestBodyTooLarge");
    // Every code of CommonError's catalogue has a variant.
    for entry in rest_error::catalog::<rest_error::CommonError>() {
        assert!(CommonCode::ALL.contains(&entry.code), "{}", entry.code);
    }
}

// ---------------------------------------------------------------------------
// Problem documents (RFC 9457)

/// RFC 9457 §3, the example with extension members.
const RFC_9457_EXAMPLE: &str = r#"{
    "type": "https://example.com/probs/out-of-credit",
    "title": "You do not have enough credit.",
    "detail": "Your current balance is 30, but that costs 50.",
    "instance": "/account/12345/msgs/abc",
    "balance": 30,
    "accounts": ["/account/12345", "/account/67890"]
}"#;

#[test]
fn test_rfc_9457_example_parses() {
    let response = ErrorResponse::from_slice(RFC_9457_EXAMPLE.as_bytes()).unwrap();
    assert_eq!(
        response.error,
        ErrorBody {
            code: "out-of-credit".to_owned(),
            message: "Your current balance is 30, but that costs 50.".to_owned(),
            target: None,
            details: Vec::new(),
            innererror: Some(json!({
                "instance": "/account/12345/msgs/abc",
                "balance": 30,
                "accounts": ["/account/12345", "/account/67890"]
            })),
        }
    );
    assert_eq!(
        response.error.common_code(),
        CommonCode::Other("out-of-credit".to_owned())
    );
    // The same through str::parse and serde.
    assert_eq!(RFC_9457_EXAMPLE.parse::<ErrorResponse>().unwrap(), response);
    assert_eq!(
        serde_json::from_str::<ErrorResponse>(RFC_9457_EXAMPLE).unwrap(),
        response
    );
    // Written back as an envelope, it reads the same.
    let written = serde_json::to_string(&response).unwrap();
    assert_eq!(
        ErrorResponse::from_slice(written.as_bytes()).unwrap(),
        response
    );
}

#[test]
fn test_problem_of_this_crate_reads_like_the_envelope() {
    let envelope = json!({"error": {
        "code": "InvalidInput",
        "message": "2 fields are invalid",
        "target": "43f4cb08-8fac-4b65-9db1-745c2ae65f3a",
        "details": [
            {"code": "InvalidInput", "message": "Must not be empty", "target": "computerDnsName"},
            {"code": "InvalidInput", "message": "Unknown platform", "target": "osPlatform"}
        ]
    }});
    let problem = json!({
        "type": "https://errors.example.com/InvalidInput",
        "title": "Bad Request",
        "status": 400,
        "detail": "2 fields are invalid",
        "code": "InvalidInput",
        "target": "43f4cb08-8fac-4b65-9db1-745c2ae65f3a",
        "details": [
            {"code": "InvalidInput", "message": "Must not be empty", "target": "computerDnsName"},
            {"code": "InvalidInput", "message": "Unknown platform", "target": "osPlatform"}
        ]
    });
    let from_envelope = ErrorResponse::from_slice(envelope.to_string().as_bytes()).unwrap();
    let from_problem = ErrorResponse::from_slice(problem.to_string().as_bytes()).unwrap();
    assert_eq!(from_problem, from_envelope);
    assert_eq!(from_problem.error.details.len(), 2);
    assert_eq!(serde_json::to_value(&from_problem).unwrap(), envelope);
    // Without a base URI, `type` is about:blank; nothing changes.
    let mut blank = problem.clone();
    blank["type"] = json!("about:blank");
    assert_eq!(
        ErrorResponse::from_slice(blank.to_string().as_bytes()).unwrap(),
        from_envelope
    );
}

#[test]
fn test_problem_code_without_a_code_member() {
    let code = |doc: Value| {
        ErrorResponse::from_slice(doc.to_string().as_bytes())
            .unwrap()
            .error
            .code
    };
    // The last segment of `type`.
    assert_eq!(
        code(json!({"type": "https://errors.example.com/ResourceNotFound"})),
        "ResourceNotFound"
    );
    assert_eq!(
        code(json!({"type": "/probs/out-of-credit#x", "status": 403})),
        "out-of-credit"
    );
    // about:blank, or no type: the general code of the status.
    assert_eq!(
        code(json!({"type": "about:blank", "status": 404, "title": "Not Found"})),
        "NotFound"
    );
    assert_eq!(
        code(json!({"title": "Too Many Requests", "status": 429})),
        "TooManyRequests"
    );
    assert_eq!(
        code(json!({"detail": "Upstream down", "status": 502})),
        "BadGateway"
    );
    assert_eq!(code(json!({"detail": "Not Found"})), "Error");
    // A code member wins, an empty one does not count.
    assert_eq!(code(json!({"type": "https://x/A", "code": "B"})), "B");
    assert_eq!(code(json!({"type": "https://x/A", "code": ""})), "A");
}

#[test]
fn test_problem_message_and_mistyped_members() {
    let error = |doc: Value| {
        ErrorResponse::from_slice(doc.to_string().as_bytes())
            .unwrap()
            .error
    };
    assert_eq!(
        error(json!({"title": "Out of credit", "detail": "Balance 30"})).message,
        "Balance 30"
    );
    assert_eq!(
        error(json!({"title": "Out of credit"})).message,
        "Out of credit"
    );
    assert_eq!(
        error(json!({"type": "https://x/Gone", "status": 410})).message,
        "Gone"
    );
    assert_eq!(error(json!({"type": "https://x/Gone"})).message, "");
    // A standard member of the wrong type is ignored (RFC 9457 §3.1), and not kept.
    let mistyped = error(
        json!({"type": 7, "title": "T", "detail": ["no"], "status": "404", "code": 1, "target": 2}),
    );
    assert_eq!(mistyped, body("Error", "T", None));
    // `details` of another shape stays, as an unknown member.
    let other_details = error(json!({"detail": "d", "details": ["a", "b"]}));
    assert!(other_details.details.is_empty());
    assert_eq!(
        other_details.innererror,
        Some(json!({"details": ["a", "b"]}))
    );
}

#[test]
fn test_what_is_not_a_problem_document() {
    for input in [
        r#"{"status":"ok"}"#,
        r#"{"status":503,"message":"down"}"#,
        r#"{"type":1,"title":null}"#,
        r#"{"code":"NotFound","message":"m"}"#,
    ] {
        assert_eq!(kind(input), ParseErrorKind::NotEnvelope, "{input}");
    }
}

#[test]
fn test_problem_limits() {
    // Extension members are held to the depth limit in their envelope form.
    let deep = |levels: usize| {
        format!(
            r#"{{"detail":"d","x":{}{}}}"#,
            "[".repeat(levels),
            "]".repeat(levels)
        )
    };
    let response =
        ErrorResponse::from_slice(deep(ErrorResponse::MAX_DEPTH - 3).as_bytes()).unwrap();
    let written = serde_json::to_string(&response).unwrap();
    assert!(ErrorResponse::from_slice(written.as_bytes()).is_ok());
    assert_eq!(
        kind(deep(ErrorResponse::MAX_DEPTH - 2)),
        ParseErrorKind::TooDeep
    );
    assert_eq!(
        kind(deep(ErrorResponse::MAX_DEPTH)),
        ParseErrorKind::TooDeep
    );
}

// ---------------------------------------------------------------------------
// A server envelope with `details` round-trips

struct Validation(Vec<SubError<FieldError>>);

#[derive(Debug)]
enum FieldError {
    Empty,
    Unknown(String),
}

impl ApiError for FieldError {
    fn code(&self) -> &'static str {
        "InvalidInput"
    }
    fn status(&self) -> u16 {
        400
    }
    fn write_message(&self, w: &mut MessageWriter<'_>) -> core::fmt::Result {
        match self {
            FieldError::Empty => w.text("Must not be empty"),
            FieldError::Unknown(value) => {
                w.text("Unknown platform \"")?;
                w.field(value)?;
                w.text("\"")
            }
        }
    }
}

impl ApiError for Validation {
    fn code(&self) -> &'static str {
        "InvalidInput"
    }
    fn status(&self) -> u16 {
        400
    }
    fn write_message(&self, w: &mut MessageWriter<'_>) -> core::fmt::Result {
        w.field(&self.0.len())?;
        w.text(" fields are invalid")
    }
    fn details(&self, detail: &mut dyn FnMut(&dyn ErrorDetail)) {
        for sub in &self.0 {
            detail(sub);
        }
    }
}

#[test]
fn test_server_envelope_with_details_round_trips() {
    let err = Validation(vec![
        SubError::new(FieldError::Empty, "computerDnsName"),
        SubError::new(FieldError::Unknown("Amiga\n".into()), "osPlatform"),
    ]);
    let target = CorrelationId::parse("43f4cb08-8fac-4b65-9db1-745c2ae65f3a").unwrap();
    let sent = err.envelope_with_target(target).to_json();
    let received = ErrorResponse::from_slice(sent.as_bytes()).unwrap();
    let mut expected = body(
        "InvalidInput",
        "2 fields are invalid",
        Some("43f4cb08-8fac-4b65-9db1-745c2ae65f3a"),
    );
    expected.details = vec![
        body("InvalidInput", "Must not be empty", Some("computerDnsName")),
        body(
            "InvalidInput",
            "Unknown platform \"Amiga\n\"",
            Some("osPlatform"),
        ),
    ];
    assert_eq!(received.error, expected);
    // And back to the same bytes.
    assert_eq!(serde_json::to_string(&received).unwrap(), sent);
    // Through from_parts too.
    let parts =
        ErrorResponse::from_parts(400, [("content-type", "application/json")], sent.as_bytes());
    assert_eq!(parts.body, BodyKind::Envelope);
    assert_eq!(parts.error, expected);
}

// ---------------------------------------------------------------------------
// from_parts: any response

const NO_HEADERS: [(&str, &str); 0] = [];

fn raw(received: &ReceivedError) -> (&str, bool, ParseErrorKind) {
    match &received.body {
        BodyKind::NotAnErrorDocument {
            raw,
            truncated,
            reason,
        } => (raw, *truncated, reason.kind()),
        other => panic!("expected no error document, got {other:?}"),
    }
}

#[test]
fn test_from_parts_html_from_a_gateway() {
    let html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body></html>";
    let received = ErrorResponse::from_parts(502, [("content-type", "text/html")], html.as_bytes());
    assert_eq!(received.status, 502);
    assert_eq!(received.error, body("BadGateway", "Bad Gateway", None));
    assert_eq!(raw(&received), (html, false, ParseErrorKind::NotJson));
    assert_eq!(received.to_string(), "HTTP 502 BadGateway: Bad Gateway");
}

#[test]
fn test_from_parts_empty_body() {
    let received = ErrorResponse::from_parts(404, NO_HEADERS, b"");
    assert_eq!(received.error, body("NotFound", "Not Found", None));
    assert_eq!(received.error.common_code(), CommonCode::NotFound);
    assert_eq!(raw(&received), ("", false, ParseErrorKind::NotJson));

    // Each status with a general code in the table gets it.
    for (status, code) in [
        (400, CommonCode::BadRequest),
        (401, CommonCode::Unauthorized),
        (403, CommonCode::Forbidden),
        (405, CommonCode::MethodNotAllowed),
        (413, CommonCode::RequestBodyTooLarge),
        (429, CommonCode::TooManyRequests),
        (500, CommonCode::InternalServerError),
    ] {
        let received = ErrorResponse::from_parts(status, NO_HEADERS, b"");
        assert_eq!(received.error.common_code(), code, "{status}");
        assert_eq!(received.error.common_code().status(), Some(status));
    }
    let received = ErrorResponse::from_parts(599, NO_HEADERS, b" ");
    assert_eq!(received.error, body("ServerError", "Server Error", None));
}

#[test]
fn test_from_parts_json_that_is_no_error_document() {
    let received = ErrorResponse::from_parts(
        500,
        [("Content-Type", "application/json")],
        br#"{"status":"ok"}"#,
    );
    assert_eq!(
        received.error.common_code(),
        CommonCode::InternalServerError
    );
    assert_eq!(received.error.message, "Internal Server Error");
    assert_eq!(
        raw(&received),
        (r#"{"status":"ok"}"#, false, ParseErrorKind::NotEnvelope)
    );
    // A malformed envelope is kept raw, with why it was not read.
    let received = ErrorResponse::from_parts(404, NO_HEADERS, br#"{"error":{"code":404}}"#);
    assert_eq!(received.error.common_code(), CommonCode::NotFound);
    assert_eq!(raw(&received).2, ParseErrorKind::InvalidCode);
}

#[test]
fn test_from_parts_truncates_the_raw_body() {
    assert_eq!(ErrorResponse::MAX_RAW_BODY_BYTES, 4096);
    // Over the raw limit, under the parse limit.
    let page = format!("<html>{}</html>", "é".repeat(3000));
    let received = ErrorResponse::from_parts(503, NO_HEADERS, page.as_bytes());
    let (text, truncated, _) = raw(&received);
    assert!(truncated);
    assert!(text.len() <= 4096 && text.len() > 4090, "{}", text.len());
    assert!(page.starts_with(text));
    // Over the parse limit: not parsed at all, still kept.
    let huge = format!(
        r#"{{"error":{{"code":"X","message":"{}"}}}}"#,
        "a".repeat(2 * 1024 * 1024)
    );
    let received = ErrorResponse::from_parts(500, NO_HEADERS, huge.as_bytes());
    let (text, truncated, kind) = raw(&received);
    assert_eq!(
        (text.len(), truncated, kind),
        (4096, true, ParseErrorKind::TooLarge)
    );
    assert!(huge.starts_with(text));
    assert_eq!(received.error.code, "InternalServerError");
    // Exactly at the limit: kept whole.
    let at_limit = "x".repeat(4096);
    let received = ErrorResponse::from_parts(502, NO_HEADERS, at_limit.as_bytes());
    assert_eq!(
        raw(&received),
        (at_limit.as_str(), false, ParseErrorKind::NotJson)
    );
}

#[test]
fn test_from_parts_header_code_wins_over_status_body_code_over_header() {
    // No error document: the header, in any case, wins over the status.
    let received =
        ErrorResponse::from_parts(503, [("X-MS-Error-Code", "MaintenanceWindow")], b"down");
    assert_eq!(received.error.code, "MaintenanceWindow");
    assert_eq!(received.error.message, "Service Unavailable");
    // A header value that is no code is ignored.
    let received = ErrorResponse::from_parts(404, [("x-ms-error-code", "two words")], b"");
    assert_eq!(received.error.code, "NotFound");
    // The first of two headers counts.
    let received = ErrorResponse::from_parts(
        404,
        [("x-ms-error-code", "A"), ("x-ms-error-code", "B")],
        b"",
    );
    assert_eq!(received.error.code, "A");
    // An envelope's own code wins over the header.
    let envelope = br#"{"error":{"code":"ResourceNotFound","message":"m"}}"#;
    let received = ErrorResponse::from_parts(404, [("x-ms-error-code", "Spoofed")], envelope);
    assert_eq!(received.error.code, "ResourceNotFound");
    // A problem without `code`: the header before `type`, `type` before the status.
    let problem = br#"{"type":"https://x/probs/out-of-credit","title":"t"}"#;
    let received = ErrorResponse::from_parts(403, [("x-ms-error-code", "OutOfCredit")], problem);
    assert_eq!(
        (received.error.code.as_str(), received.body),
        ("OutOfCredit", BodyKind::Problem)
    );
    let received = ErrorResponse::from_parts(403, NO_HEADERS, problem);
    assert_eq!(received.error.code, "out-of-credit");
    // The HTTP status wins over the document's `status`.
    let blank = br#"{"type":"about:blank","status":400,"title":"t"}"#;
    assert_eq!(
        ErrorResponse::from_parts(404, NO_HEADERS, blank).error.code,
        "NotFound"
    );
}

#[test]
fn test_from_parts_target_from_x_request_id() {
    let headers = [("x-request-id", "req-42")];
    assert_eq!(
        ErrorResponse::from_parts(502, headers, b"<html/>")
            .error
            .target
            .as_deref(),
        Some("req-42")
    );
    let envelope = br#"{"error":{"code":"NotFound","message":"m"}}"#;
    assert_eq!(
        ErrorResponse::from_parts(404, headers, envelope)
            .error
            .target
            .as_deref(),
        Some("req-42")
    );
    // The body's own target wins.
    let envelope = br#"{"error":{"code":"NotFound","message":"m","target":"body-id"}}"#;
    assert_eq!(
        ErrorResponse::from_parts(404, headers, envelope)
            .error
            .target
            .as_deref(),
        Some("body-id")
    );
    // A value that is no id is ignored.
    let bad = [("x-request-id", "a\tb")];
    assert_eq!(ErrorResponse::from_parts(502, bad, b"").error.target, None);
}

#[test]
fn test_from_parts_invalid_utf8() {
    let received = ErrorResponse::from_parts(500, NO_HEADERS, b"caf\xc3\xa9 \xff\xfe bad");
    assert_eq!(received.error.code, "InternalServerError");
    assert_eq!(
        raw(&received),
        ("café \u{fffd}\u{fffd} bad", false, ParseErrorKind::NotJson)
    );
    // Header bytes that are not UTF-8 are ignored, not a panic.
    let headers: [(&[u8], &[u8]); 2] = [(b"x-ms-error-code", b"\xff\xfe"), (b"\xff", b"x")];
    let received = ErrorResponse::from_parts(404, headers, b"");
    assert_eq!(received.error.code, "NotFound");
}

#[test]
fn test_from_parts_display_escapes_and_caps() {
    let body = format!(
        r#"{{"error":{{"code":"Bad\nCode","message":"{}\u001b[31m"}}}}"#,
        "m".repeat(300)
    );
    let received = ErrorResponse::from_parts(400, NO_HEADERS, body.as_bytes());
    let shown = received.to_string();
    assert!(shown.starts_with("HTTP 400 Bad\\nCode: mmm"), "{shown}");
    assert!(!shown.chars().any(char::is_control), "{shown}");
    assert!(shown.ends_with('…'));
    assert!(shown.len() < 260, "{}", shown.len());
    fn assert_error<E: std::error::Error + Send + Sync + 'static>(_: &E) {}
    assert_error(&received);
}

#[test]
fn test_from_parts_takes_an_http_header_map() {
    use hyper::header::{HeaderMap, HeaderValue};
    let mut headers = HeaderMap::new();
    headers.insert("x-ms-error-code", HeaderValue::from_static("Throttled"));
    headers.insert("x-request-id", HeaderValue::from_static("req-9"));
    headers.insert("content-type", HeaderValue::from_static("text/plain"));
    let received = ErrorResponse::from_parts(429, &headers, b"slow down");
    assert_eq!(
        received.error,
        body("Throttled", "Too Many Requests", Some("req-9"))
    );
}

/// A real server that answers like a gateway does, read by a real client.
#[test]
fn test_from_parts_with_a_real_gateway_response() {
    use http_body_util::BodyExt;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let html = "<html><body><h1>504 Gateway Time-out</h1>The server didn't respond in time.</body></html>";
        let server = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut request = vec![0; 4096];
            let _ = stream.read(&mut request).await.unwrap();
            let response = format!(
                "HTTP/1.1 504 Gateway Time-out\r\ncontent-type: text/html\r\nx-request-id: edge-7\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{html}",
                html.len()
            );
            stream.write_all(response.as_bytes()).await.unwrap();
        });

        let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let io = hyper_util::rt::TokioIo::new(stream);
        let (mut sender, connection) = hyper::client::conn::http1::handshake(io).await.unwrap();
        tokio::spawn(connection);
        let request = hyper::Request::get("/machines/7")
            .header("host", "127.0.0.1")
            .body(http_body_util::Empty::<hyper::body::Bytes>::new())
            .unwrap();
        let response = sender.send_request(request).await.unwrap();
        let (parts, incoming) = response.into_parts();
        let body = incoming.collect().await.unwrap().to_bytes();

        let received = ErrorResponse::from_parts(parts.status.as_u16(), &parts.headers, &body);
        assert_eq!(received.error, body_of("GatewayTimeout", "Gateway Timeout", Some("edge-7")));
        assert_eq!(raw(&received), (html, false, ParseErrorKind::NotJson));
        server.await.unwrap();
    });

    fn body_of(code: &str, message: &str, target: Option<&str>) -> ErrorBody {
        body(code, message, target)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn prop_from_parts_never_panics(
        status in any::<u16>(),
        name in proptest::collection::vec(any::<u8>(), 0..20),
        value in proptest::collection::vec(any::<u8>(), 0..40),
        bytes in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        let received = ErrorResponse::from_parts(status, [(name, value)], &bytes);
        prop_assert_eq!(received.status, status);
        prop_assert!(!received.error.code.is_empty());
        if let BodyKind::NotAnErrorDocument { raw, truncated, .. } = &received.body {
            prop_assert!(raw.len() <= ErrorResponse::MAX_RAW_BODY_BYTES);
            prop_assert!(!truncated);
        }
        let _ = received.to_string();
    }

    #[test]
    fn prop_problem_like_text_never_panics(
        text in r#"\{("(type|title|detail|status|code|target|details|x)":("[a-z:/]{0,8}"|[0-9]{1,4}|null|\[\]|\{\}|\[\{"code":"a","message":"b"\}\]),?){0,6}\}"#,
    ) {
        let _ = ErrorResponse::from_slice(text.as_bytes());
        let _ = ErrorResponse::from_parts(400, [("x-ms-error-code", "C")], text.as_bytes());
    }
}
