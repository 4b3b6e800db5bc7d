//! Template rendering: escapes, adjacent placeholders, field `Display`, and field
//! values that are data, never templates.

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
    #[api(msg = "{0} {{}} %s are not placeholders: <0>")]
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
        "{0} {{}} %s are not placeholders: -3"
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
