//! Reading JSON safely: the size and nesting limits, and [`ParseError`], what
//! went wrong when a body is not an error document.

use core::fmt;

use serde_json::{Map, Value};

use super::ErrorResponse;

impl ErrorResponse {
    /// The largest body, in bytes, that [`ErrorResponse::from_slice`] and
    /// [`str::parse`] accept: 1 MiB. Larger bodies are rejected before parsing.
    ///
    /// ```
    /// use rest_error::ErrorResponse;
    /// use rest_error::client::ParseErrorKind;
    ///
    /// let huge = vec![b' '; ErrorResponse::MAX_BODY_BYTES + 1];
    /// let err = ErrorResponse::from_slice(&huge).unwrap_err();
    /// assert_eq!(err.kind(), ParseErrorKind::TooLarge);
    /// ```
    pub const MAX_BODY_BYTES: usize = 1024 * 1024;

    /// The deepest nesting of JSON arrays and objects accepted, counting the
    /// envelope itself as level 1 (so `{"error":{}}` is 2 levels deep): 64.
    /// A problem document is held to it as it reads in the envelope form: its
    /// extension members sit one level deeper there, under `innererror`.
    ///
    /// This applies to the whole body, unknown keys and `innererror`
    /// included, and lies below `serde_json`'s own recursion limit (127
    /// levels), so too deep input is always reported as
    /// [`ParseErrorKind::TooDeep`].
    ///
    /// ```
    /// use rest_error::ErrorResponse;
    /// use rest_error::client::ParseErrorKind;
    ///
    /// let deep = format!(
    ///     r#"{{"error":{{"code":"X","message":"y","innererror":{}{}}}}}"#,
    ///     "[".repeat(ErrorResponse::MAX_DEPTH),
    ///     "]".repeat(ErrorResponse::MAX_DEPTH),
    /// );
    /// let err = ErrorResponse::from_slice(deep.as_bytes()).unwrap_err();
    /// assert_eq!(err.kind(), ParseErrorKind::TooDeep);
    /// ```
    pub const MAX_DEPTH: usize = 64;
}

/// Checks the limits and parses `body` as JSON: at most
/// [`ErrorResponse::MAX_BODY_BYTES`], UTF-8 (a leading byte order mark is
/// skipped), not blank, nested at most [`ErrorResponse::MAX_DEPTH`] deep.
pub(super) fn read_json(body: &[u8]) -> Result<Value, ParseError> {
    if body.len() > ErrorResponse::MAX_BODY_BYTES {
        return Err(Repr::TooLarge { len: body.len() }.into());
    }
    let text = core::str::from_utf8(body).map_err(|err| Repr::NotUtf8 {
        valid_up_to: err.valid_up_to(),
    })?;
    read_json_text(text)
}

/// [`read_json`] for text that is already a `str`.
pub(super) fn read_json_text(text: &str) -> Result<Value, ParseError> {
    if text.len() > ErrorResponse::MAX_BODY_BYTES {
        return Err(Repr::TooLarge { len: text.len() }.into());
    }
    // RFC 8259 lets parsers ignore a byte order mark; some servers send one.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_ascii().is_empty() {
        return Err(Repr::Empty.into());
    }
    // Checked before serde_json sees the text, so that deep input is
    // reported as such rather than as serde_json's recursion-limit error.
    check_depth(text.as_bytes())?;
    serde_json::from_str(text).map_err(|err| Repr::Syntax(err.to_string().into()).into())
}

pub(super) fn required_string(
    map: &mut Map<String, Value>,
    field: Field,
    path: &[usize],
) -> Result<String, ParseError> {
    match map.remove(field.name()) {
        Some(Value::String(value)) => Ok(value),
        Some(other) => Err(wrong_type(field, path, &other)),
        None => Err(Repr::Missing {
            field,
            at: path.to_vec(),
            case_hint: has_key_ignoring_case(map, field.name()),
        }
        .into()),
    }
}

pub(super) fn wrong_type(field: Field, path: &[usize], found: &Value) -> ParseError {
    Repr::WrongType {
        field,
        at: path.to_vec(),
        found: JsonType::of(found),
    }
    .into()
}

pub(super) fn has_key_ignoring_case(map: &Map<String, Value>, key: &str) -> bool {
    map.keys().any(|k| k.eq_ignore_ascii_case(key))
}

/// Whether `value` holds more than `levels` nested arrays and objects.
/// Recurses at most `levels + 1` deep, whatever the value.
pub(super) fn nests_deeper_than(value: &Value, levels: usize) -> bool {
    match value {
        Value::Array(items) => {
            levels == 0 || items.iter().any(|item| nests_deeper_than(item, levels - 1))
        }
        Value::Object(map) => {
            levels == 0 || map.values().any(|item| nests_deeper_than(item, levels - 1))
        }
        _ => false,
    }
}

/// Rejects text whose arrays and objects nest deeper than
/// [`ErrorResponse::MAX_DEPTH`], without parsing it.
///
/// For valid JSON this counts exactly the nesting `serde_json` would see, since
/// brackets can only be non-structural inside strings. On invalid JSON it may
/// report nesting before `serde_json` would report the syntax error; either
/// answer is an error.
fn check_depth(text: &[u8]) -> Result<(), ParseError> {
    let mut depth = 0_usize;
    let mut in_string = false;
    let mut escaped = false;
    for &byte in text {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
        } else {
            match byte {
                b'"' => in_string = true,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > ErrorResponse::MAX_DEPTH {
                        return Err(Repr::TooDeep.into());
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    Ok(())
}

/// Why a body could not be read as an error document (an envelope or a
/// problem document).
///
/// Its `Display` says what was wrong and where (for example
/// ``missing `code` in `error.details[1]` ``), never quoting the input.
///
/// ```
/// use rest_error::ErrorResponse;
/// use rest_error::client::ParseErrorKind;
///
/// let err = ErrorResponse::from_slice(br#"{"error":{"code":404,"message":"Not found"}}"#).unwrap_err();
/// assert_eq!(err.kind(), ParseErrorKind::InvalidCode);
/// assert_eq!(err.to_string(), "`code` in `error` is a number, expected a string");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    repr: Repr,
}

/// What kind of problem a [`ParseError`] reports.
///
/// ```
/// use rest_error::ErrorResponse;
/// use rest_error::client::ParseErrorKind;
///
/// let err = ErrorResponse::from_slice(b"<html>Bad Gateway</html>").unwrap_err();
/// assert_eq!(err.kind(), ParseErrorKind::NotJson);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The body is larger than [`ErrorResponse::MAX_BODY_BYTES`].
    TooLarge,
    /// The body is not JSON: empty, not UTF-8, or a syntax error.
    NotJson,
    /// The body nests arrays and objects deeper than [`ErrorResponse::MAX_DEPTH`].
    TooDeep,
    /// The body is JSON but no error document: not an object, or an object
    /// with neither an `error` key nor a string `type`, `title` or `detail`
    /// (the marks of a problem document).
    NotEnvelope,
    /// `error`, or an entry of some `details`, is not an object.
    NotObject,
    /// A `code` is missing or not a string.
    InvalidCode,
    /// A `message` is missing or not a string.
    InvalidMessage,
    /// A `target` is neither a string nor `null`.
    InvalidTarget,
    /// A `details` is neither an array nor `null`.
    InvalidDetails,
}

impl ParseError {
    /// What kind of problem this is.
    ///
    /// ```
    /// use rest_error::ErrorResponse;
    /// use rest_error::client::ParseErrorKind;
    ///
    /// let err = ErrorResponse::from_slice(br#"{"error":{"code":"NotFound"}}"#).unwrap_err();
    /// assert_eq!(err.kind(), ParseErrorKind::InvalidMessage);
    /// ```
    #[must_use]
    pub fn kind(&self) -> ParseErrorKind {
        match &self.repr {
            Repr::TooLarge { .. } => ParseErrorKind::TooLarge,
            Repr::Empty | Repr::NotUtf8 { .. } | Repr::Syntax(_) => ParseErrorKind::NotJson,
            Repr::TooDeep => ParseErrorKind::TooDeep,
            Repr::NotEnvelope { .. } => ParseErrorKind::NotEnvelope,
            Repr::NotObject { .. } => ParseErrorKind::NotObject,
            Repr::Missing { field, .. } | Repr::WrongType { field, .. } => match field {
                Field::Code => ParseErrorKind::InvalidCode,
                Field::Message => ParseErrorKind::InvalidMessage,
                Field::Target => ParseErrorKind::InvalidTarget,
                Field::Details => ParseErrorKind::InvalidDetails,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Repr {
    TooLarge {
        len: usize,
    },
    Empty,
    NotUtf8 {
        valid_up_to: usize,
    },
    /// `serde_json`'s message, which names the problem and its line and
    /// column but never quotes the input.
    Syntax(Box<str>),
    TooDeep,
    NotEnvelope {
        found: JsonType,
        case_hint: bool,
    },
    NotObject {
        at: Vec<usize>,
        found: JsonType,
    },
    Missing {
        field: Field,
        at: Vec<usize>,
        case_hint: bool,
    },
    WrongType {
        field: Field,
        at: Vec<usize>,
        found: JsonType,
    },
}

impl From<Repr> for ParseError {
    fn from(repr: Repr) -> Self {
        Self { repr }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Code,
    Message,
    Target,
    Details,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::Message => "message",
            Field::Target => "target",
            Field::Details => "details",
        }
    }

    fn expected(self) -> &'static str {
        match self {
            Field::Code | Field::Message | Field::Target => "a string",
            Field::Details => "an array",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum JsonType {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    pub(super) fn of(value: &Value) -> Self {
        match value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Bool,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }

    fn with_article(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Bool => "a boolean",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        }
    }
}

/// Writes the location of a body: `error`, `error.details[0]`, ...
struct Path<'a>(&'a [usize]);

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("error")?;
        for index in self.0 {
            write!(f, ".details[{index}]")?;
        }
        Ok(())
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::TooLarge { len } => write!(
                f,
                "error body is too large: {len} bytes, the limit is {} bytes",
                ErrorResponse::MAX_BODY_BYTES,
            ),
            Repr::Empty => f.write_str("not JSON: the body is empty"),
            Repr::NotUtf8 { valid_up_to } => {
                write!(f, "not JSON: invalid UTF-8 at byte {valid_up_to}")
            }
            Repr::Syntax(message) => write!(f, "not JSON: {message}"),
            Repr::TooDeep => write!(
                f,
                "JSON is nested too deeply: more than {} levels of arrays and objects",
                ErrorResponse::MAX_DEPTH,
            ),
            Repr::NotEnvelope {
                found: JsonType::Object,
                case_hint,
            } => {
                f.write_str("not an error envelope: the object has no `error` key")?;
                if *case_hint {
                    f.write_str("; keys are case-sensitive, write it as `error`")?;
                }
                Ok(())
            }
            Repr::NotEnvelope { found, .. } => write!(
                f,
                "not an error envelope: expected an object with an `error` key, found {}",
                found.with_article(),
            ),
            Repr::NotObject { at, found } => write!(
                f,
                "`{}` is {}, expected an object",
                Path(at),
                found.with_article(),
            ),
            Repr::Missing {
                field,
                at,
                case_hint,
            } => {
                write!(f, "missing `{}` in `{}`", field.name(), Path(at))?;
                if *case_hint {
                    write!(
                        f,
                        "; keys are case-sensitive, write it as `{}`",
                        field.name()
                    )?;
                }
                Ok(())
            }
            Repr::WrongType { field, at, found } => write!(
                f,
                "`{}` in `{}` is {}, expected {}",
                field.name(),
                Path(at),
                found.with_article(),
                field.expected(),
            ),
        }
    }
}

impl core::error::Error for ParseError {}
