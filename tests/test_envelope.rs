//! The JSON envelope: exact output, key order, fresh targets, escaping and trait objects.

use core::fmt;
use rest_error::{ApiError, CorrelationId};
use serde_json::{Value, json};

// Hand-written impls stand in for the derive, so these tests pin the runtime on its own.

struct MachineNotFound(u64);

impl ApiError for MachineNotFound {
    fn code(&self) -> &'static str {
        "ResourceNotFound"
    }
    fn status(&self) -> u16 {
        404
    }
    fn write_message(&self, w: &mut rest_error::MessageWriter<'_>) -> fmt::Result {
        w.text("Machine ")?;
        w.field(&self.0)?;
        w.text(" was not found")
    }
}

/// Its message is a field written verbatim, like a derived `msg = "<0>"`.
struct Echo(String);

impl ApiError for Echo {
    fn code(&self) -> &'static str {
        "Echo"
    }
    fn status(&self) -> u16 {
        400
    }
    fn write_message(&self, w: &mut rest_error::MessageWriter<'_>) -> fmt::Result {
        w.field(&self.0)
    }
}

const TARGET: &str = "43f4cb08-8fac-4b65-9db1-745c2ae65f3a";
const EXPECTED: &str = r#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#;

fn target() -> CorrelationId {
    CorrelationId::parse(TARGET).unwrap()
}

fn is_v4_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 36
        && s.bytes().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(&c),
        })
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}

#[test]
fn exact_json() {
    let err = MachineNotFound(123_123_123);
    let envelope = err.envelope_with_target(target());
    assert_eq!(serde_json::to_string(&envelope).unwrap(), EXPECTED);
    assert_eq!(envelope.to_json(), EXPECTED);
    assert_eq!(envelope.code(), "ResourceNotFound");
    assert_eq!(envelope.status(), 404);
    assert_eq!(envelope.target().as_str(), TARGET);
}

#[test]
fn round_trips_through_value() {
    let envelope = MachineNotFound(123_123_123).envelope_with_target(target());
    let value = serde_json::to_value(&envelope).unwrap();
    assert_eq!(
        value,
        json!({
            "error": {
                "code": "ResourceNotFound",
                "message": "Machine 123123123 was not found",
                "target": TARGET,
            }
        })
    );
    let parsed: Value = serde_json::from_str(&envelope.to_json()).unwrap();
    assert_eq!(parsed, value);
}

#[test]
fn keys_in_order() {
    let json = MachineNotFound(1).envelope_with_target(target()).to_json();
    let at = |key: &str| json.find(&format!("\"{key}\":")).unwrap();
    assert_eq!(at("error"), 1);
    assert!(at("code") < at("message"));
    assert!(at("message") < at("target"));
}

#[test]
fn envelope_gives_a_fresh_target_each_call() {
    let err = MachineNotFound(5);
    let first = err.envelope();
    let second = err.envelope();
    assert!(is_v4_uuid(first.target().as_str()), "{}", first.target());
    assert!(is_v4_uuid(second.target().as_str()), "{}", second.target());
    assert_ne!(first.target(), second.target());

    let value = serde_json::to_value(&first).unwrap();
    assert_eq!(value["error"]["target"], first.target().as_str());
}

#[test]
fn target_parses_back() {
    let envelope = MachineNotFound(5).envelope();
    let value = serde_json::to_value(&envelope).unwrap();
    let back: CorrelationId = serde_json::from_value(value["error"]["target"].clone()).unwrap();
    assert_eq!(&back, envelope.target());
}

#[test]
fn message_is_written_verbatim_and_escaped() {
    let controls: String = ('\u{0}'..='\u{1f}').collect();
    let values = [
        "<0>".to_owned(),
        "<name> and <<escaped>>".to_owned(),
        r#"say "quotes""#.to_owned(),
        r"back\slash \\ \n \u0000".to_owned(),
        "line one\nline two\r\n\ttabbed".to_owned(),
        controls.clone(),
        format!("before{controls}after"),
        "\u{7f} \u{2028} \u{2029}".to_owned(),
        "non-ASCII: é ß ﬁ 日本語".to_owned(),
        "emoji: 🦀 👩‍👩‍👧 🇪🇺".to_owned(),
        "</script><script>alert(1)</script>".to_owned(),
        "{} {0} {{}}".to_owned(),
        String::new(),
    ];
    for value in values {
        let err = Echo(value.clone());
        let envelope = err.envelope_with_target(target());
        let json = envelope.to_json();
        // serde_json escapes every control character; none is written raw.
        assert!(!json.chars().any(|c| c < ' '), "{json:?}");
        let parsed: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed["error"]["message"], Value::String(value.clone()));
        assert_eq!(serde_json::to_value(&envelope).unwrap(), parsed);
    }
}

#[test]
fn write_json_appends_into_a_reused_buffer() {
    let err = MachineNotFound(123_123_123);
    let mut buf = b"HTTP body: ".to_vec();
    err.envelope_with_target(target()).write_json(&mut buf);
    assert_eq!(buf, format!("HTTP body: {EXPECTED}").as_bytes());

    for _ in 0..3 {
        let capacity = buf.capacity();
        buf.clear();
        err.envelope_with_target(target()).write_json(&mut buf);
        assert_eq!(buf, EXPECTED.as_bytes());
        assert_eq!(buf.capacity(), capacity);
    }

    buf.clear();
    serde_json::to_writer(&mut buf, &err.envelope_with_target(target())).unwrap();
    assert_eq!(buf, EXPECTED.as_bytes());
}

#[test]
fn works_through_trait_objects() {
    let concrete = MachineNotFound(123_123_123);
    let by_ref: &dyn ApiError = &concrete;
    assert_eq!(by_ref.envelope_with_target(target()).to_json(), EXPECTED);
    assert_eq!(
        by_ref.message().to_string(),
        "Machine 123123123 was not found"
    );

    let boxed: Box<dyn ApiError> = Box::new(MachineNotFound(123_123_123));
    assert_eq!(
        serde_json::to_string(&boxed.envelope_with_target(target())).unwrap(),
        EXPECTED
    );
    assert!(is_v4_uuid(boxed.envelope().target().as_str()));

    let mixed: Vec<Box<dyn ApiError>> =
        vec![Box::new(MachineNotFound(1)), Box::new(Echo("x".into()))];
    let codes: Vec<&str> = mixed.iter().map(|e| e.envelope().code()).collect();
    assert_eq!(codes, ["ResourceNotFound", "Echo"]);

    // `error()` hands back the same object, not a copy.
    let envelope = by_ref.envelope();
    assert!(core::ptr::addr_eq(envelope.error(), by_ref));
}

#[test]
fn debug_names_code_status_message_and_target() {
    let debug = format!(
        "{:?}",
        MachineNotFound(123_123_123).envelope_with_target(target())
    );
    assert_eq!(
        debug,
        format!(
            "Envelope {{ code: \"ResourceNotFound\", status: 404, \
             message: \"Machine 123123123 was not found\", target: CorrelationId(\"{TARGET}\") }}"
        )
    );
}

#[test]
fn correlation_id_deserializes_with_validation() {
    let id: CorrelationId = serde_json::from_str(&format!("\"{TARGET}\"")).unwrap();
    assert_eq!(id.as_str(), TARGET);
    // Owned (escaped) input takes the same path.
    let id: CorrelationId = serde_json::from_str(r#""req\u002d1""#).unwrap();
    assert_eq!(id.as_str(), "req-1");

    for bad in [r#""""#, r#""a b""#, r#""a\r\nb""#, r#""é""#, "17", "null"] {
        let err = serde_json::from_str::<CorrelationId>(bad).unwrap_err();
        assert!(!err.to_string().contains("a b"), "{err}");
    }
    let err = serde_json::from_str::<CorrelationId>(r#""evil\nvalue""#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid correlation id: disallowed byte at index 4; \
         only visible ASCII characters ('!' to '~') are allowed at line 1 column 13"
    );
}
