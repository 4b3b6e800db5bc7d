//! The client side: parsing error envelopes that a server sent.
//!
//! A server answers every error with an envelope such as
//!
//! ```json
//! {"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}
//! ```
//!
//! [`ErrorResponse::from_slice`] (or [`str::parse`]) turns such a body into an
//! [`ErrorResponse`], and [`ErrorBody::common_code`] classifies its `code`:
//!
//! ```
//! use rest_error::{CommonCode, ErrorResponse};
//!
//! let body = br#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#;
//! let response = ErrorResponse::from_slice(body)?;
//! assert_eq!(response.error.common_code(), CommonCode::ResourceNotFound);
//! assert_eq!(response.error.message, "Machine 123123123 was not found");
//! assert_eq!(response.error.target.as_deref(), Some("43f4cb08-8fac-4b65-9db1-745c2ae65f3a"));
//! # Ok::<(), rest_error::client::ParseError>(())
//! ```
//!
//! The body shape follows the Microsoft REST API guidelines (the `OData` error
//! shape): besides `code`, `message` and `target`, a body may carry `details`
//! (more error bodies) and `innererror` (free-form JSON). Keys are
//! case-sensitive, unknown keys are ignored, and a `null` optional field reads
//! as absent.
//!
//! Parsing never panics. Bodies larger than [`ErrorResponse::MAX_BODY_BYTES`]
//! or nested deeper than [`ErrorResponse::MAX_DEPTH`] are rejected, and every
//! failure is a [`ParseError`] that says what was wrong without quoting the
//! input.
//!
//! # The server side of the same codes
//!
//! [`CommonError`](crate::CommonError) answers with exactly the codes of
//! [`CommonCode::DOCUMENTED`], each with the status of [`CommonCode::status`],
//! so what a server sends with it, a client reads back as the matching variant:
//!
//! ```
//! use rest_error::{ApiError, CommonCode, CommonError, ErrorResponse};
//!
//! let sent = CommonError::TooManyRequests { retry_after_secs: 30 }.envelope().to_json();
//! let received = ErrorResponse::from_slice(sent.as_bytes())?;
//! assert_eq!(received.error.common_code(), CommonCode::TooManyRequests);
//! assert_eq!(received.error.common_code().status(), Some(429));
//!
//! let codes: Vec<_> = rest_error::catalog::<CommonError>().iter().map(|e| e.code).collect();
//! assert_eq!(codes, CommonCode::DOCUMENTED);
//! # Ok::<(), rest_error::client::ParseError>(())
//! ```

use core::convert::Infallible;
use core::fmt;
use core::str::FromStr;

use serde::de::{self, Deserialize, Deserializer};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::{Map, Value};

/// A parsed error envelope: `{"error": {...}}`.
///
/// Read one with [`ErrorResponse::from_slice`] or [`str::parse`]; it also
/// implements serde's `Deserialize` with the same rules (and `Serialize`).
///
/// ```
/// use rest_error::ErrorResponse;
///
/// let response: ErrorResponse = r#"{"error":{"code":"InvalidRequestBody","message":"Request body is incorrect","target":"1fa66c0f-18bd-4133-b378-36d76f3a2ba0"}}"#.parse()?;
/// assert_eq!(response.error.code, "InvalidRequestBody");
///
/// // Serializing writes the same envelope back.
/// assert_eq!(
///     serde_json::to_string(&response).unwrap(),
///     r#"{"error":{"code":"InvalidRequestBody","message":"Request body is incorrect","target":"1fa66c0f-18bd-4133-b378-36d76f3a2ba0"}}"#,
/// );
/// # Ok::<(), rest_error::client::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorResponse {
    /// The error itself.
    pub error: ErrorBody,
}

/// One error: the value of `error` in an envelope, or an entry of `details`.
///
/// Serializes its fields in the order `code`, `message`, `target`, `details`,
/// `innererror`, leaving out `target` and `innererror` when they are `None`
/// and `details` when it is empty.
///
/// ```
/// use rest_error::ErrorBody;
///
/// let body = ErrorBody {
///     code: "InvalidUrl".to_owned(),
///     message: "URL ftp://x is invalid.".to_owned(),
///     target: None,
///     details: Vec::new(),
///     innererror: None,
/// };
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"code":"InvalidUrl","message":"URL ftp://x is invalid."}"#,
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorBody {
    /// The machine-readable error code, for example `"ResourceNotFound"`;
    /// see [`ErrorBody::common_code`].
    pub code: String,
    /// The human-readable message. Free text: servers may change it at any time.
    pub message: String,
    /// The target of the error. Servers following this crate put the
    /// correlation id of the request here, to quote when reporting the problem.
    pub target: Option<String>,
    /// More specific errors that led to this one.
    pub details: Vec<ErrorBody>,
    /// Free-form, server-specific information about the error.
    pub innererror: Option<Value>,
}

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

    /// Parses an error envelope from the raw bytes of a response body.
    ///
    /// Unknown keys are ignored; `target`, `details` and `innererror` may be
    /// missing or `null`. If a key appears twice in one object, the last one
    /// wins. A leading byte order mark is skipped.
    ///
    /// ```
    /// use rest_error::ErrorResponse;
    ///
    /// let response = ErrorResponse::from_slice(br#"{"error":{"code":"NotFound","message":"Not found"}}"#)?;
    /// assert_eq!(response.error.target, None);
    /// # Ok::<(), rest_error::client::ParseError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When the body is larger than [`ErrorResponse::MAX_BODY_BYTES`], is not
    /// JSON, is nested deeper than [`ErrorResponse::MAX_DEPTH`], or is not an
    /// error envelope; [`ParseError::kind`] tells which.
    pub fn from_slice(body: &[u8]) -> Result<Self, ParseError> {
        if body.len() > Self::MAX_BODY_BYTES {
            return Err(Repr::TooLarge { len: body.len() }.into());
        }
        let text = core::str::from_utf8(body).map_err(|err| Repr::NotUtf8 {
            valid_up_to: err.valid_up_to(),
        })?;
        Self::parse_text(text)
    }

    fn parse_text(text: &str) -> Result<Self, ParseError> {
        if text.len() > Self::MAX_BODY_BYTES {
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
        let value: Value =
            serde_json::from_str(text).map_err(|err| Repr::Syntax(err.to_string().into()))?;
        Self::from_value(value)
    }

    /// Interprets an already parsed JSON value as an envelope.
    fn from_value(value: Value) -> Result<Self, ParseError> {
        match value {
            Value::Object(mut map) => match map.remove("error") {
                Some(error) => Ok(Self {
                    error: ErrorBody::from_value(error, &mut Vec::new(), 2)?,
                }),
                None => Err(Repr::NotEnvelope {
                    found: JsonType::Object,
                    case_hint: has_key_ignoring_case(&map, "error"),
                }
                .into()),
            },
            other => Err(Repr::NotEnvelope {
                found: JsonType::of(&other),
                case_hint: false,
            }
            .into()),
        }
    }
}

/// Parses an error envelope from a response body; see
/// [`ErrorResponse::from_slice`] for the rules.
///
/// ```
/// use rest_error::ErrorResponse;
/// use rest_error::client::ParseErrorKind;
///
/// let err = "[1, 2]".parse::<ErrorResponse>().unwrap_err();
/// assert_eq!(err.kind(), ParseErrorKind::NotEnvelope);
/// ```
impl FromStr for ErrorResponse {
    type Err = ParseError;

    fn from_str(body: &str) -> Result<Self, ParseError> {
        Self::parse_text(body)
    }
}

/// Reads an envelope with the rules of [`ErrorResponse::from_slice`], except
/// that the size limit is up to the caller and that only the parts kept
/// (`details` and `innererror`) are held to [`ErrorResponse::MAX_DEPTH`].
///
/// ```
/// use rest_error::ErrorResponse;
///
/// let value = serde_json::json!({"error": {"code": "Forbidden", "message": "Forbidden", "extra": 1}});
/// let response: ErrorResponse = serde_json::from_value(value).unwrap();
/// assert_eq!(response.error.code, "Forbidden");
/// ```
impl<'de> Deserialize<'de> for ErrorResponse {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(value).map_err(de::Error::custom)
    }
}

/// Writes `{"error": ...}`.
///
/// ```
/// use rest_error::{ErrorBody, ErrorResponse};
///
/// let response = ErrorResponse {
///     error: ErrorBody {
///         code: "NotFound".to_owned(),
///         message: "Not found".to_owned(),
///         target: None,
///         details: Vec::new(),
///         innererror: None,
///     },
/// };
/// assert_eq!(
///     serde_json::to_string(&response).unwrap(),
///     r#"{"error":{"code":"NotFound","message":"Not found"}}"#,
/// );
/// ```
impl Serialize for ErrorResponse {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut envelope = serializer.serialize_struct("ErrorResponse", 1)?;
        envelope.serialize_field("error", &self.error)?;
        envelope.end()
    }
}

/// Writes `code`, `message`, `target`, `details`, `innererror` in this order,
/// leaving out `None` and empty fields.
///
/// ```
/// use rest_error::ErrorBody;
///
/// let body = ErrorBody {
///     code: "BadRequest".to_owned(),
///     message: "Bad request".to_owned(),
///     target: Some("t".to_owned()),
///     details: Vec::new(),
///     innererror: Some(serde_json::json!({"trace": 7})),
/// };
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"code":"BadRequest","message":"Bad request","target":"t","innererror":{"trace":7}}"#,
/// );
/// ```
impl Serialize for ErrorBody {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = 2
            + usize::from(self.target.is_some())
            + usize::from(!self.details.is_empty())
            + usize::from(self.innererror.is_some());
        let mut body = serializer.serialize_struct("ErrorBody", len)?;
        body.serialize_field("code", &self.code)?;
        body.serialize_field("message", &self.message)?;
        match &self.target {
            Some(target) => body.serialize_field("target", target)?,
            None => body.skip_field("target")?,
        }
        if self.details.is_empty() {
            body.skip_field("details")?;
        } else {
            body.serialize_field("details", &self.details)?;
        }
        match &self.innererror {
            Some(innererror) => body.serialize_field("innererror", innererror)?,
            None => body.skip_field("innererror")?,
        }
        body.end()
    }
}

impl ErrorBody {
    /// Classifies [`code`](ErrorBody::code) as one of the documented codes.
    ///
    /// ```
    /// use rest_error::{CommonCode, ErrorResponse};
    ///
    /// let response: ErrorResponse = r#"{"error":{"code":"TooManyRequests","message":"Slow down"}}"#.parse()?;
    /// assert_eq!(response.error.common_code(), CommonCode::TooManyRequests);
    /// assert_eq!(response.error.common_code().status(), Some(429));
    /// # Ok::<(), rest_error::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn common_code(&self) -> CommonCode {
        let Ok(code) = self.code.parse();
        code
    }

    /// Interprets a JSON value as an error body that sits `depth` levels deep
    /// (the envelope is level 1); `path` lists the `details` indices leading to it.
    fn from_value(value: Value, path: &mut Vec<usize>, depth: usize) -> Result<Self, ParseError> {
        if depth > ErrorResponse::MAX_DEPTH {
            return Err(Repr::TooDeep.into());
        }
        let Value::Object(mut map) = value else {
            return Err(Repr::NotObject {
                at: path.clone(),
                found: JsonType::of(&value),
            }
            .into());
        };
        let code = required_string(&mut map, Field::Code, path)?;
        let message = required_string(&mut map, Field::Message, path)?;
        let target = match map.remove("target") {
            None | Some(Value::Null) => None,
            Some(Value::String(target)) => Some(target),
            Some(other) => return Err(wrong_type(Field::Target, path, &other)),
        };
        let details = match map.remove("details") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => {
                if depth + 1 > ErrorResponse::MAX_DEPTH {
                    return Err(Repr::TooDeep.into());
                }
                let mut details = Vec::with_capacity(items.len());
                for (index, item) in items.into_iter().enumerate() {
                    path.push(index);
                    details.push(Self::from_value(item, path, depth + 2)?);
                    path.pop();
                }
                details
            }
            Some(other) => return Err(wrong_type(Field::Details, path, &other)),
        };
        let innererror = match map.remove("innererror") {
            None | Some(Value::Null) => None,
            Some(inner) => {
                if nests_deeper_than(&inner, ErrorResponse::MAX_DEPTH - depth) {
                    return Err(Repr::TooDeep.into());
                }
                Some(inner)
            }
        };
        Ok(Self {
            code,
            message,
            target,
            details,
            innererror,
        })
    }
}

/// Reads a body with the rules of [`ErrorResponse::from_slice`]: `code` and
/// `message` are required strings, everything else is optional.
///
/// ```
/// use rest_error::ErrorBody;
///
/// let body: ErrorBody = serde_json::from_str(r#"{"code":"NotFound","message":"Not found","target":null}"#).unwrap();
/// assert_eq!(body.target, None);
/// assert!(serde_json::from_str::<ErrorBody>(r#"{"Code":"NotFound","message":"Not found"}"#).is_err());
/// ```
impl<'de> Deserialize<'de> for ErrorBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(value, &mut Vec::new(), 1).map_err(de::Error::custom)
    }
}

fn required_string(
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

fn wrong_type(field: Field, path: &[usize], found: &Value) -> ParseError {
    Repr::WrongType {
        field,
        at: path.to_vec(),
        found: JsonType::of(found),
    }
    .into()
}

fn has_key_ignoring_case(map: &Map<String, Value>, key: &str) -> bool {
    map.keys().any(|k| k.eq_ignore_ascii_case(key))
}

/// Whether `value` holds more than `levels` nested arrays and objects.
/// Recurses at most `levels + 1` deep, whatever the value.
fn nests_deeper_than(value: &Value, levels: usize) -> bool {
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

/// Why a body could not be read as an error envelope.
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
    /// The body is JSON but not an envelope: not an object, or without an `error` key.
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
enum Repr {
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
enum Field {
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
enum JsonType {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    fn of(value: &Value) -> Self {
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

/// The error codes documented for the API, plus [`Other`](CommonCode::Other)
/// for any other code.
///
/// Parsing never fails and matches case-sensitively, as the API's keys and
/// codes are case-sensitive; [`CommonCode::as_str`] gives back exactly the
/// parsed text. Parsing puts a code in [`Other`](CommonCode::Other) only when
/// it is not documented; build codes by parsing to keep it that way.
///
/// ```
/// use rest_error::CommonCode;
///
/// let Ok(code) = "ResourceNotFound".parse::<CommonCode>();
/// assert_eq!(code, CommonCode::ResourceNotFound);
/// assert_eq!(code.status(), Some(404));
///
/// let Ok(code) = "resourcenotfound".parse::<CommonCode>();
/// assert_eq!(code, CommonCode::Other("resourcenotfound".to_owned()));
/// assert_eq!(code.as_str(), "resourcenotfound");
/// assert_eq!(code.status(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CommonCode {
    /// General Bad Request error message. 400.
    BadRequest,
    /// Invalid `OData` URI query (the specific error is specified). 400.
    ODataError,
    /// Invalid input {the invalid input}. 400.
    InvalidInput,
    /// Invalid request body. 400.
    InvalidRequestBody,
    /// Hash value {the invalid hash} is invalid. 400.
    InvalidHashValue,
    /// Domain name {the invalid domain} is invalid. 400.
    InvalidDomainName,
    /// IP address {the invalid IP} is invalid. 400.
    InvalidIpAddress,
    /// URL {the invalid URL} is invalid. 400.
    InvalidUrl,
    /// Maximum batch size exceeded. Received: {batch size received}, allowed: {batch size allowed}. 400.
    MaximumBatchSizeExceeded,
    /// Parameter {the missing parameter} is missing. 400.
    MissingRequiredParameter,
    /// OS Platform {the client OS Platform} is not supported for this action. 400.
    OsPlatformNotSupported,
    /// {The requested action} is supported on client version {supported client version} and above. 400.
    ClientVersionNotSupported,
    /// Unauthorized (usually invalid or expired authorization header). 401.
    Unauthorized,
    /// Forbidden (valid token but insufficient permission for the action). 403.
    Forbidden,
    /// Tenant feature is not enabled. 403.
    DisabledFeature,
    /// {the disallowed operation and the reason}. 403.
    DisallowedOperation,
    /// General Not Found error message. 404.
    NotFound,
    /// Resource {the requested resource} was not found. 404.
    ResourceNotFound,
    /// The request quota, by number of requests or by CPU, was reached. 429.
    TooManyRequests,
    /// No error message; retry the operation, or report it if it persists. 500.
    InternalServerError,
    /// Any code not documented above, exactly as sent.
    Other(String),
}

impl CommonCode {
    /// The text of every documented code, in the order of the documentation
    /// (the variants other than [`Other`](CommonCode::Other)).
    ///
    /// ```
    /// use rest_error::CommonCode;
    ///
    /// assert_eq!(CommonCode::DOCUMENTED.len(), 20);
    /// for &text in CommonCode::DOCUMENTED {
    ///     let Ok(code) = text.parse::<CommonCode>();
    ///     assert!(!matches!(code, CommonCode::Other(_)));
    ///     assert_eq!(code.as_str(), text);
    /// }
    /// ```
    pub const DOCUMENTED: &'static [&'static str] = &[
        "BadRequest",
        "ODataError",
        "InvalidInput",
        "InvalidRequestBody",
        "InvalidHashValue",
        "InvalidDomainName",
        "InvalidIpAddress",
        "InvalidUrl",
        "MaximumBatchSizeExceeded",
        "MissingRequiredParameter",
        "OsPlatformNotSupported",
        "ClientVersionNotSupported",
        "Unauthorized",
        "Forbidden",
        "DisabledFeature",
        "DisallowedOperation",
        "NotFound",
        "ResourceNotFound",
        "TooManyRequests",
        "InternalServerError",
    ];

    /// The code as it appears in an error body.
    ///
    /// ```
    /// use rest_error::CommonCode;
    ///
    /// assert_eq!(CommonCode::InvalidUrl.as_str(), "InvalidUrl");
    /// assert_eq!(CommonCode::Other("Teapot".to_owned()).as_str(), "Teapot");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            CommonCode::BadRequest => "BadRequest",
            CommonCode::ODataError => "ODataError",
            CommonCode::InvalidInput => "InvalidInput",
            CommonCode::InvalidRequestBody => "InvalidRequestBody",
            CommonCode::InvalidHashValue => "InvalidHashValue",
            CommonCode::InvalidDomainName => "InvalidDomainName",
            CommonCode::InvalidIpAddress => "InvalidIpAddress",
            CommonCode::InvalidUrl => "InvalidUrl",
            CommonCode::MaximumBatchSizeExceeded => "MaximumBatchSizeExceeded",
            CommonCode::MissingRequiredParameter => "MissingRequiredParameter",
            CommonCode::OsPlatformNotSupported => "OsPlatformNotSupported",
            CommonCode::ClientVersionNotSupported => "ClientVersionNotSupported",
            CommonCode::Unauthorized => "Unauthorized",
            CommonCode::Forbidden => "Forbidden",
            CommonCode::DisabledFeature => "DisabledFeature",
            CommonCode::DisallowedOperation => "DisallowedOperation",
            CommonCode::NotFound => "NotFound",
            CommonCode::ResourceNotFound => "ResourceNotFound",
            CommonCode::TooManyRequests => "TooManyRequests",
            CommonCode::InternalServerError => "InternalServerError",
            CommonCode::Other(code) => code,
        }
    }

    /// The HTTP status documented for the code; `None` for
    /// [`Other`](CommonCode::Other).
    ///
    /// ```
    /// use rest_error::CommonCode;
    ///
    /// assert_eq!(CommonCode::InvalidRequestBody.status(), Some(400));
    /// assert_eq!(CommonCode::Unauthorized.status(), Some(401));
    /// assert_eq!(CommonCode::DisabledFeature.status(), Some(403));
    /// assert_eq!(CommonCode::NotFound.status(), Some(404));
    /// assert_eq!(CommonCode::TooManyRequests.status(), Some(429));
    /// assert_eq!(CommonCode::InternalServerError.status(), Some(500));
    /// assert_eq!(CommonCode::Other("Teapot".to_owned()).status(), None);
    /// ```
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        match self {
            CommonCode::BadRequest
            | CommonCode::ODataError
            | CommonCode::InvalidInput
            | CommonCode::InvalidRequestBody
            | CommonCode::InvalidHashValue
            | CommonCode::InvalidDomainName
            | CommonCode::InvalidIpAddress
            | CommonCode::InvalidUrl
            | CommonCode::MaximumBatchSizeExceeded
            | CommonCode::MissingRequiredParameter
            | CommonCode::OsPlatformNotSupported
            | CommonCode::ClientVersionNotSupported => Some(400),
            CommonCode::Unauthorized => Some(401),
            CommonCode::Forbidden
            | CommonCode::DisabledFeature
            | CommonCode::DisallowedOperation => Some(403),
            CommonCode::NotFound | CommonCode::ResourceNotFound => Some(404),
            CommonCode::TooManyRequests => Some(429),
            CommonCode::InternalServerError => Some(500),
            CommonCode::Other(_) => None,
        }
    }

    /// The documented variant for `code`, if there is one.
    fn documented(code: &str) -> Option<Self> {
        Some(match code {
            "BadRequest" => CommonCode::BadRequest,
            "ODataError" => CommonCode::ODataError,
            "InvalidInput" => CommonCode::InvalidInput,
            "InvalidRequestBody" => CommonCode::InvalidRequestBody,
            "InvalidHashValue" => CommonCode::InvalidHashValue,
            "InvalidDomainName" => CommonCode::InvalidDomainName,
            "InvalidIpAddress" => CommonCode::InvalidIpAddress,
            "InvalidUrl" => CommonCode::InvalidUrl,
            "MaximumBatchSizeExceeded" => CommonCode::MaximumBatchSizeExceeded,
            "MissingRequiredParameter" => CommonCode::MissingRequiredParameter,
            "OsPlatformNotSupported" => CommonCode::OsPlatformNotSupported,
            "ClientVersionNotSupported" => CommonCode::ClientVersionNotSupported,
            "Unauthorized" => CommonCode::Unauthorized,
            "Forbidden" => CommonCode::Forbidden,
            "DisabledFeature" => CommonCode::DisabledFeature,
            "DisallowedOperation" => CommonCode::DisallowedOperation,
            "NotFound" => CommonCode::NotFound,
            "ResourceNotFound" => CommonCode::ResourceNotFound,
            "TooManyRequests" => CommonCode::TooManyRequests,
            "InternalServerError" => CommonCode::InternalServerError,
            _ => return None,
        })
    }

    fn from_string(code: String) -> Self {
        Self::documented(&code).unwrap_or(CommonCode::Other(code))
    }
}

/// Never fails: a code that is not documented becomes [`CommonCode::Other`].
///
/// ```
/// use rest_error::CommonCode;
///
/// let Ok(code) = "FooBar".parse::<CommonCode>();
/// assert_eq!(code, CommonCode::Other("FooBar".to_owned()));
/// ```
impl FromStr for CommonCode {
    type Err = Infallible;

    fn from_str(code: &str) -> Result<Self, Infallible> {
        Ok(Self::documented(code).unwrap_or_else(|| CommonCode::Other(code.to_owned())))
    }
}

/// Writes [`CommonCode::as_str`].
///
/// ```
/// assert_eq!(rest_error::CommonCode::NotFound.to_string(), "NotFound");
/// ```
impl fmt::Display for CommonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Serializes as the code string.
///
/// ```
/// assert_eq!(serde_json::to_string(&rest_error::CommonCode::InvalidUrl).unwrap(), r#""InvalidUrl""#);
/// ```
impl Serialize for CommonCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Deserializes from a string, like [`FromStr`].
///
/// ```
/// use rest_error::CommonCode;
///
/// let code: CommonCode = serde_json::from_str(r#""Forbidden""#).unwrap();
/// assert_eq!(code, CommonCode::Forbidden);
/// ```
impl<'de> Deserialize<'de> for CommonCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from_string)
    }
}
