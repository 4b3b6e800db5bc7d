//! The client side: reading error envelopes that a server sent.

use proptest::prelude::*;
use rest_error::client::{ParseError, ParseErrorKind};
use rest_error::{CommonCode, ErrorBody, ErrorResponse};
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
        prop_assert_eq!(code.status().is_some(), CommonCode::DOCUMENTED.contains(&text.as_str()));
    }
}
