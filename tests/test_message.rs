//! Template rendering: escapes, adjacent placeholders, field `Display`, `Debug`
//! (`<x:?>`), joined lists (`<xs:, >`), `Option` fields, and field values that are
//! data, never templates.

use rest_error::ApiError;
use std::fmt;

struct Hex(u32);

impl fmt::Display for Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#x}", self.0)
    }
}

#[derive(ApiError)]
#[api(status = 400)]
enum Messages {
    #[api(msg = "a << b, c > d, <<0>> is literal")]
    Escapes,
    #[api(msg = "<0><1><0>")]
    Adjacent(u8, char),
    #[api(msg = "")]
    EmptyMessage,
    #[api(msg = "{{0}} {{}} { } {x} %s are not placeholders: <0>")]
    FormatLookalikes(i32),
    #[api(msg = "value <0>")]
    CustomDisplay(Hex),
    #[api(msg = "Fält <fält> är ogiltigt ✓")]
    NonAscii { fält: &'static str },
    #[api(msg = "<0>")]
    Verbatim(String),
    #[api(msg = "float <0>, bool <1>, option-free <2>")]
    Mixed(f64, bool, &'static str),
}

fn message(err: &impl ApiError) -> String {
    err.message().to_string()
}

#[test]
fn escapes_and_lone_angle_brackets() {
    assert_eq!(message(&Messages::Escapes), "a < b, c > d, <0>> is literal");
}

#[test]
fn adjacent_and_repeated_placeholders() {
    assert_eq!(message(&Messages::Adjacent(1, 'x')), "1x1");
}

#[test]
fn empty_message_is_empty() {
    assert_eq!(message(&Messages::EmptyMessage), "");
}

#[test]
fn braces_are_plain_text() {
    assert_eq!(
        message(&Messages::FormatLookalikes(-3)),
        "{0} {} { } {x} %s are not placeholders: -3"
    );
}

#[test]
fn fields_are_written_with_display() {
    assert_eq!(message(&Messages::CustomDisplay(Hex(255))), "value 0xff");
    assert_eq!(
        message(&Messages::Mixed(1.5, true, "s")),
        "float 1.5, bool true, option-free s"
    );
}

#[test]
fn non_ascii_text_and_field_names() {
    assert_eq!(
        message(&Messages::NonAscii { fält: "namn" }),
        "Fält namn är ogiltigt ✓"
    );
}

#[test]
fn field_values_are_data_not_templates() {
    for value in [
        "<0>",
        "<<",
        "<1>",
        "\"quoted\"",
        "back\\slash",
        "new\nline",
        "\u{0}\u{1f}",
        "日本 🎉",
    ] {
        assert_eq!(message(&Messages::Verbatim(value.to_owned())), value);
    }
}

#[test]
fn formatter_flags_do_not_leak_into_fields() {
    // The message is written piecewise into the caller's formatter; the caller's
    // width applies to each piece, which is why callers format via to_string().
    let err = Messages::Adjacent(7, 'y');
    assert_eq!(format!("{}", err.message()), "7y7");
}

mod shadow {
    /// Not the std `String`: a type that only shares its name.
    pub struct String(pub u8);

    impl std::fmt::Display for String {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "shadow#{}", self.0)
        }
    }
}

#[derive(ApiError)]
#[api(status = 400, msg = "<0> <1> <2> <3> <4> <5> <6>")]
struct FastPaths(i64, u64, &'static str, String, shadow::String, usize, i8);

#[test]
fn strings_and_integers_by_name_write_like_display() {
    let err = FastPaths(
        i64::MIN,
        u64::MAX,
        "a\"b",
        "c\nd".to_owned(),
        shadow::String(7),
        0,
        -8,
    );
    let expected = format!("{} {} a\"b c\nd shadow#7 0 -8", i64::MIN, u64::MAX);
    assert_eq!(message(&err), expected);
    let json = err.envelope().to_json();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["error"]["message"], expected);
}

#[derive(Debug)]
#[allow(dead_code)] // read through Debug
struct Point {
    x: i32,
}

#[derive(ApiError)]
#[api(status = 400)]
enum Rich {
    #[api(msg = "got <0:?> and <1:?>")]
    Debugged(Point, String),
    #[api(msg = "unknown fields: <names:, >; ids <ids: and >")]
    Joined { names: Vec<String>, ids: [u32; 3] },
    #[api(msg = "retry<after>!")]
    Optional { after: Option<u64> },
    #[api(msg = "[<0:?>] [<1:|>] [<2>]")]
    OptionalFormats(Option<&'static str>, Option<Vec<u8>>, Option<Point2>),
    #[api(msg = "none: [<0: >]")]
    EmptyList(Vec<String>),
}

struct Point2;

impl fmt::Display for Point2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("p2")
    }
}

#[test]
fn debug_placeholders() {
    assert_eq!(
        message(&Rich::Debugged(Point { x: -1 }, "a\"b".into())),
        r#"got Point { x: -1 } and "a\"b""#
    );
}

#[test]
fn joined_lists() {
    let err = Rich::Joined {
        names: vec!["a".into(), "b<0>".into(), "c".into()],
        ids: [1, 2, 3],
    };
    assert_eq!(
        message(&err),
        "unknown fields: a, b<0>, c; ids 1 and 2 and 3"
    );
    assert_eq!(message(&Rich::EmptyList(Vec::new())), "none: []");
    let json: serde_json::Value = serde_json::from_str(&err.envelope().to_json()).unwrap();
    assert_eq!(json["error"]["message"], message(&err));
}

#[test]
fn option_fields_write_their_value_or_nothing() {
    assert_eq!(message(&Rich::Optional { after: Some(30) }), "retry30!");
    assert_eq!(message(&Rich::Optional { after: None }), "retry!");
    assert_eq!(
        message(&Rich::OptionalFormats(
            Some("s"),
            Some(vec![1, 2]),
            Some(Point2)
        )),
        r#"["s"] [1|2] [p2]"#
    );
    assert_eq!(
        message(&Rich::OptionalFormats(None, None, None)),
        "[] [] []"
    );
}

/// `message_values` gives each field the default template names, once, by
/// placeholder name, whichever way the derive writes the variant: one call
/// (`Display` fields), a statement per piece (`Debug`, `Option`), or a member.
#[test]
fn message_values_name_each_templated_field_once() {
    #[derive(Debug, ApiError)]
    enum Inner {
        #[api(
            code = "Held",
            status = 409,
            msg = "Machine <0> is held by <1>; <0> again"
        )]
        Held(u64, String),
    }

    #[derive(Debug, ApiError)]
    #[allow(dead_code)] // `secret` is never in a template: that is the point
    enum Outer {
        #[api(code = "Gone", status = 410, msg = "Item <name> (<id>) is gone")]
        Gone {
            id: u32,
            name: String,
            secret: String,
        },
        #[api(code = "Odd", status = 400, msg = "Odd <what:?> and <maybe>")]
        Odd {
            what: String,
            maybe: Option<u8>,
            secret: String,
        },
        #[api(transparent)]
        Inner(Inner),
        #[api(code = "Plain", status = 400, msg = "Nothing to name")]
        Plain,
    }

    fn values(error: &dyn ApiError) -> Vec<String> {
        let mut out = Vec::new();
        error.message_values(&mut |name, value| out.push(format!("{name}={value}")));
        out
    }

    let gone = Outer::Gone {
        id: 7,
        name: "web-01".into(),
        secret: "s3cr3t".into(),
    };
    assert_eq!(values(&gone), ["name=web-01", "id=7"]);
    let odd = Outer::Odd {
        what: "x".into(),
        maybe: Some(3),
        secret: "s3cr3t".into(),
    };
    assert_eq!(values(&odd), [r#"what="x""#, "maybe=3"]);
    let inner = Outer::Inner(Inner::Held(5, "ops".into()));
    assert_eq!(values(&inner), ["0=5", "1=ops"]);
    assert!(values(&Outer::Plain).is_empty());
    // The message itself still reads every placeholder, repeats included.
    assert_eq!(
        Inner::Held(5, "ops".into()).message().to_string(),
        "Machine 5 is held by ops; 5 again"
    );
}
