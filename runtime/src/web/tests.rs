//! Unit tests of the framework-neutral web core.

use core::fmt;
use std::borrow::Cow;

use super::{Detail, ErrorParts, WebSettings, build, check_content_type, incoming_id, trace_id};
use crate::{ApiError, CommonError, CorrelationId, MessageWriter};

fn id(s: &str) -> CorrelationId {
    CorrelationId::parse(s).unwrap()
}

fn header<'a>(parts: &'a ErrorParts, name: &str) -> Vec<&'a str> {
    parts
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| &**v)
        .collect()
}

#[test]
fn incoming_id_takes_a_valid_header() {
    let settings = WebSettings::DEFAULT;
    let got = incoming_id(&settings, |name| {
        (name == "x-request-id").then_some(b"req-1".as_slice())
    });
    assert_eq!(got, id("req-1"));
}

#[test]
fn incoming_id_drops_invalid_values() {
    let settings = WebSettings::DEFAULT;
    let long = "x".repeat(129);
    let bad: [&[u8]; 6] = [
        b"a\r\nb",
        b"a b",
        b"",
        "é".as_bytes(),
        &[0xff, 0xfe],
        long.as_bytes(),
    ];
    for value in bad {
        let got = incoming_id(&settings, |name| (name == "x-request-id").then_some(value));
        assert_eq!(got.as_str().len(), 36, "{value:?}");
        assert!(!got.as_str().contains('a') || got.as_str() != "a b");
    }
}

#[test]
fn incoming_id_falls_back_to_traceparent_then_fresh() {
    let tp = b"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".as_slice();
    let headers = |name: &str| match name {
        "x-request-id" => Some(b"bad value".as_slice()),
        "traceparent" => Some(tp),
        _ => None,
    };
    assert_eq!(
        incoming_id(&WebSettings::DEFAULT, headers),
        id("4bf92f3577b34da6a3ce929d0e0e4736")
    );
    let off = WebSettings {
        traceparent: false,
        ..WebSettings::DEFAULT
    };
    assert_eq!(incoming_id(&off, headers).as_str().len(), 36);
    let custom = WebSettings {
        request_header: Cow::Borrowed("x-correlation-id"),
        ..WebSettings::DEFAULT
    };
    let got = incoming_id(&custom, |name| {
        (name == "x-correlation-id").then_some(b"c-1".as_slice())
    });
    assert_eq!(got, id("c-1"));
}

#[test]
fn traceparent_parsing() {
    let trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    let ok = [
        format!("00-{trace}-00f067aa0ba902b7-01"),
        format!("00-{trace}-00f067aa0ba902b7-00"),
        format!(" 00-{trace}-00f067aa0ba902b7-01 "),
        format!("01-{trace}-00f067aa0ba902b7-01-future"),
        format!("cc-{trace}-00f067aa0ba902b7-01"),
    ];
    for value in ok {
        assert_eq!(trace_id(value.as_bytes()), Some(id(trace)), "{value}");
    }
    let bad = [
        String::new(),
        format!("00-{}-00f067aa0ba902b7-01", "0".repeat(32)),
        format!("00-{trace}-{}-01", "0".repeat(16)),
        format!("00-{}-00f067aa0ba902b7-01", trace.to_ascii_uppercase()),
        format!("ff-{trace}-00f067aa0ba902b7-01"),
        format!("00-{trace}-00f067aa0ba902b7-01-extra"),
        format!("01-{trace}-00f067aa0ba902b7-01x"),
        format!("00-{trace}-00f067aa0ba902b7"),
        format!("00_{trace}_00f067aa0ba902b7_01"),
        format!("00-{}g-00f067aa0ba902b7-01", &trace[..31]),
        format!("0-{trace}-00f067aa0ba902b7-011"),
    ];
    for value in bad {
        assert_eq!(trace_id(value.as_bytes()), None, "{value}");
    }
}

#[test]
fn error_response_headers_and_body() {
    let parts = build(
        &CommonError::ResourceNotFound("machine 7".into()),
        Detail::none(),
        &id("t-1"),
        &WebSettings::DEFAULT,
        Some(0),
        None,
    );
    assert_eq!(parts.status, 404);
    assert_eq!(
        parts.headers,
        [
            (
                Cow::Borrowed("content-type"),
                Cow::Borrowed("application/json")
            ),
            // CommonError speaks English and Swedish: the language is negotiated too.
            (
                Cow::Borrowed("vary"),
                Cow::Borrowed("accept, accept-language")
            ),
            (Cow::Borrowed("content-language"), Cow::Borrowed("en")),
            (
                Cow::Borrowed("x-ms-error-code"),
                Cow::Borrowed("ResourceNotFound")
            ),
            (Cow::Borrowed("x-request-id"), Cow::Borrowed("t-1")),
        ]
    );
    assert_eq!(
        String::from_utf8_lossy(&parts.body),
        r#"{"error":{"code":"ResourceNotFound","message":"Resource machine 7 was not found.","target":"t-1"}}"#
    );
}

#[test]
fn unauthorized_gets_bearer_and_error_headers_are_kept() {
    let parts = build(
        &CommonError::Unauthorized,
        Detail::none(),
        &id("t"),
        &WebSettings::DEFAULT,
        None,
        None,
    );
    assert_eq!(header(&parts, "www-authenticate"), ["Bearer"]);
    let parts = build(
        &CommonError::TooManyRequests {
            retry_after_secs: 7,
        },
        Detail::none(),
        &id("t"),
        &WebSettings::DEFAULT,
        None,
        None,
    );
    assert_eq!(header(&parts, "retry-after"), ["7"]);
    assert!(header(&parts, "www-authenticate").is_empty());
}

/// A hand-written error whose headers are whatever it is given.
struct Headers(u16, Vec<(&'static str, &'static str)>);

impl ApiError for Headers {
    fn code(&self) -> &'static str {
        "Custom"
    }
    fn status(&self) -> u16 {
        self.0
    }
    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
        w.text("custom")
    }
    fn headers(&self, header: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        for (name, value) in &self.1 {
            header(name, value);
        }
    }
}

#[test]
fn invalid_and_reserved_headers_are_dropped() {
    let error = Headers(
        401,
        vec![
            ("WWW-Authenticate", "Bearer error=\"invalid_token\""),
            ("X-Ok", "fine value"),
            ("X-Crlf", "a\r\nSet-Cookie: x"),
            ("X-Tab", "a\tb"),
            ("X-Utf8", "é"),
            ("Bad Name", "x"),
            ("", "x"),
            ("Content-Type", "text/html"),
            ("X-Request-Id", "spoofed"),
            ("x-ms-error-code", "Spoofed"),
        ],
    );
    let parts = build(
        &error,
        Detail::none(),
        &id("t"),
        &WebSettings::DEFAULT,
        None,
        None,
    );
    let names: Vec<&str> = parts.headers.iter().map(|(n, _)| &**n).collect();
    assert_eq!(
        names,
        [
            "content-type",
            "x-ms-error-code",
            "WWW-Authenticate",
            "X-Ok",
            "x-request-id"
        ]
    );
    assert_eq!(
        header(&parts, "www-authenticate"),
        ["Bearer error=\"invalid_token\""]
    );
    assert_eq!(header(&parts, "content-type"), ["application/json"]);
    assert_eq!(header(&parts, "x-request-id"), ["t"]);
    assert_eq!(header(&parts, "x-ms-error-code"), ["Custom"]);
    let long: &'static str = Box::leak("x".repeat(5000).into_boxed_str());
    let parts = build(
        &Headers(400, vec![("X-Long", long)]),
        Detail::none(),
        &id("t"),
        &WebSettings::DEFAULT,
        None,
        None,
    );
    assert!(header(&parts, "x-long").is_empty());
}

#[test]
fn out_of_range_status_is_500_and_settings_apply() {
    let settings = WebSettings {
        response_header: Cow::Borrowed("x-correlation-id"),
        error_code_header: None,
        ..WebSettings::DEFAULT
    };
    for status in [0, 200, 302, 399, 600, 999] {
        let parts = build(
            &Headers(status, vec![]),
            Detail::none(),
            &id("t"),
            &settings,
            None,
            None,
        );
        assert_eq!(parts.status, 500, "{status}");
        assert!(header(&parts, "x-ms-error-code").is_empty());
        assert_eq!(header(&parts, "x-correlation-id"), ["t"]);
    }
}

#[test]
fn content_types() {
    for ok in [
        "application/json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        " application/json ;x=y",
        "application/merge-patch+json",
        "application/vnd.api+json",
    ] {
        assert!(check_content_type(Some(ok.as_bytes())).is_ok(), "{ok}");
    }
    for bad in [
        "",
        "text/plain",
        "application/jsonx",
        "application/+json",
        "application/xml",
        "json",
        "text/json",
        "application",
    ] {
        let err = check_content_type(Some(bad.as_bytes())).unwrap_err();
        assert_eq!(
            (err.code(), err.status()),
            ("InvalidRequestBody", 400),
            "{bad}"
        );
    }
    assert!(check_content_type(None).is_err());
}

#[test]
fn rejection_codes_are_the_documented_ones() {
    let documented = crate::catalog::<CommonError>();
    let status_of = |code: &str| documented.iter().find(|e| e.code == code).map(|e| e.status);
    for code in [
        "InvalidRequestBody",
        "MissingRequiredParameter",
        "InvalidInput",
    ] {
        assert_eq!(status_of(code), Some(400), "{code}");
    }
}

#[test]
#[allow(clippy::needless_borrow)] // the borrows are the point: autoref specialization
fn detail_probe_picks_the_richest() {
    use super::{Probe, ViaDebug as _, ViaError as _, ViaNothing as _};
    #[derive(Debug)]
    struct OnlyDebug;
    struct Nothing;
    let error = CommonError::NotFound;
    assert!((&&&Probe(&error)).__api_error_detail().error.is_some());
    let debug = (&&&Probe(&OnlyDebug)).__api_error_detail();
    assert!(debug.debug.is_some() && debug.error.is_none());
    let none = (&&&Probe(&Nothing)).__api_error_detail();
    assert!(none.debug.is_none() && none.error.is_none());
}

/// `{"msg":…}` as `application/vnd.test+json`, to see the seam carry a format.
#[derive(Debug)]
struct Plain;

impl super::ErrorFormat for Plain {
    fn media_type(&self) -> &'static str {
        "application/vnd.test+json"
    }
    fn write_body(
        &self,
        error: &dyn ApiError,
        context: &super::ErrorContext<'_>,
        out: &mut Vec<u8>,
    ) {
        let body = serde_json::json!({
            "msg": error.message().to_string(),
            "status": context.status(),
            "target": context.target().as_str(),
            "base": context.problem_type_base(),
        });
        serde_json::to_writer(out, &body).unwrap();
    }
}

#[test]
fn the_negotiated_format_writes_the_body_and_content_type() {
    let error = CommonError::ResourceNotFound("m".into());
    let settings = WebSettings::default()
        .problem_type_base("https://errors.example.com/")
        .negotiated_format(Plain);
    let parts = build(&error, Detail::none(), &id("t"), &settings, Some(1), None);
    assert_eq!(header(&parts, "content-type"), ["application/problem+json"]);
    assert_eq!(header(&parts, "vary"), ["accept, accept-language"]);
    assert_eq!(header(&parts, "x-ms-error-code"), ["ResourceNotFound"]);
    assert_eq!(header(&parts, "x-request-id"), ["t"]);
    assert_eq!(
        String::from_utf8_lossy(&parts.body),
        r#"{"type":"https://errors.example.com/ResourceNotFound","title":"Not Found","status":404,"detail":"Resource m was not found.","code":"ResourceNotFound","target":"t"}"#
    );

    let parts = build(&error, Detail::none(), &id("t"), &settings, Some(2), None);
    assert_eq!(
        header(&parts, "content-type"),
        ["application/vnd.test+json"]
    );
    let body: serde_json::Value = serde_json::from_slice(&parts.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"msg": "Resource m was not found.", "status": 404, "target": "t", "base": "https://errors.example.com/"})
    );

    // Without negotiation (no middleware) or without alternatives: no `Vary:
    // accept` (the language still varies).
    let parts = build(&error, Detail::none(), &id("t"), &settings, None, None);
    assert_eq!(header(&parts, "vary"), ["accept-language"]);
    assert_eq!(header(&parts, "content-type"), ["application/json"]);
    let alone = WebSettings::default().without_negotiated_formats();
    let parts = build(&error, Detail::none(), &id("t"), &alone, Some(0), None);
    assert_eq!(header(&parts, "vary"), ["accept-language"]);
    // A custom default.
    let custom = WebSettings::default().default_format(Plain);
    let parts = build(&error, Detail::none(), &id("t"), &custom, Some(0), None);
    assert_eq!(
        header(&parts, "content-type"),
        ["application/vnd.test+json"]
    );
    assert_eq!(header(&parts, "vary"), ["accept, accept-language"]);
}

/// A 401 in English alone.
#[derive(Debug, crate::ApiError)]
#[api(code = "Unauthorized", status = 401, msg = "No entry")]
struct EnglishOnly;

/// A 404 in English and Swedish, for the language negotiation.
#[derive(Debug, crate::ApiError)]
#[api(
    code = "ResourceNotFound",
    status = 404,
    msg = "Machine <0> was not found",
    msg(sv = "Datorn <0> hittades inte")
)]
struct Bilingual(u64);

#[test]
fn accept_language_picks_the_message_and_nothing_else() {
    let english = br#"{"error":{"code":"ResourceNotFound","message":"Machine 7 was not found","target":"t"}}"#;
    let swedish =
        r#"{"error":{"code":"ResourceNotFound","message":"Datorn 7 hittades inte","target":"t"}}"#;
    let cases = [
        (Some("sv-SE, en;q=0.5"), "sv"),
        (Some("sv"), "sv"),
        (Some("sv;q=0, en"), "en"),
        (Some("fr"), "en"),
        (Some("*"), "en"),
        (Some(";;q=x,,"), "en"),
        (None, "en"),
    ];
    for (accept_language, lang) in cases {
        let parts = build(
            &Bilingual(7),
            Detail::none(),
            &id("t"),
            &WebSettings::DEFAULT,
            Some(0),
            accept_language,
        );
        assert_eq!(parts.status, 404);
        assert_eq!(
            header(&parts, "content-language"),
            [lang],
            "{accept_language:?}"
        );
        assert_eq!(header(&parts, "vary"), ["accept, accept-language"]);
        assert_eq!(header(&parts, "x-ms-error-code"), ["ResourceNotFound"]);
        let body = String::from_utf8_lossy(&parts.body);
        if lang == "sv" {
            assert_eq!(body, swedish);
        } else {
            assert_eq!(body, String::from_utf8_lossy(english));
        }
    }
    // Without format negotiation, Vary names the language alone.
    let parts = build(
        &Bilingual(7),
        Detail::none(),
        &id("t"),
        &WebSettings::DEFAULT,
        None,
        Some("sv"),
    );
    assert_eq!(header(&parts, "vary"), ["accept-language"]);
    // An error in one language: no Content-Language, Vary as before.
    let parts = build(
        &EnglishOnly,
        Detail::none(),
        &id("t"),
        &WebSettings::DEFAULT,
        Some(0),
        Some("sv"),
    );
    assert!(header(&parts, "content-language").is_empty());
    assert_eq!(header(&parts, "vary"), ["accept"]);
}

#[test]
fn problem_json_is_localized_too() {
    let settings = WebSettings::default();
    let parts = build(
        &Bilingual(7),
        Detail::none(),
        &id("t"),
        &settings,
        Some(1),
        Some("sv"),
    );
    let body = String::from_utf8_lossy(&parts.body);
    assert!(
        body.contains(r#""detail":"Datorn 7 hittades inte""#),
        "{body}"
    );
    assert!(body.contains(r#""code":"ResourceNotFound""#), "{body}");
}

#[test]
fn a_long_accept_language_keeps_whole_items() {
    use super::negotiate::AcceptLanguage;
    assert_eq!(AcceptLanguage::new(None).as_str(), None);
    assert_eq!(AcceptLanguage::new(Some(b"")).as_str(), None);
    assert_eq!(
        AcceptLanguage::new(Some(b"sv, en")).as_str(),
        Some("sv, en")
    );
    assert_eq!(AcceptLanguage::new(Some(b"\xff\xfe")).as_str(), None);
    let long = format!("sv;q=0.9, {}", "en-GB;q=0.1, ".repeat(40));
    let kept = AcceptLanguage::new(Some(long.as_bytes()));
    let kept = kept.as_str().unwrap();
    assert!(
        kept.len() <= 256 && kept.starts_with("sv;q=0.9, "),
        "{kept}"
    );
    assert!(kept.ends_with("en-GB;q=0.1"), "{kept}");
}
