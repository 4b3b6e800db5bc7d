//! [`ErrorResponse`] and [`ErrorBody`]: the parsed error, reading a body as an
//! envelope or a problem document, and writing it back as an envelope.

use core::str::FromStr;

use serde::de::{self, Deserialize, Deserializer};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::Value;

use super::CommonCode;
use super::parse::{
    Field, JsonType, ParseError, Repr, has_key_ignoring_case, nests_deeper_than, read_json,
    read_json_text, required_string, wrong_type,
};
use super::parts::BodyKind;
use super::problem::{self, Fallback};

/// A parsed error document: an envelope `{"error": {...}}`, or an RFC 9457
/// problem document read into the same shape (see the [module docs](crate::client)).
///
/// Read one with [`ErrorResponse::from_slice`] or [`str::parse`]; it also
/// implements serde's `Deserialize` with the same rules, and `Serialize`, which
/// always writes the envelope. For a whole HTTP response (status, headers and a
/// body that may be no error document at all), use [`ErrorResponse::from_parts`].
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

/// One error: the value of `error` in an envelope (or what a problem document
/// says), or an entry of `details`.
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
    /// Parses an error document from the raw bytes of a response body: an
    /// envelope, or a problem document (see the [module docs](crate::client)
    /// for how its members map).
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
    /// JSON, is nested deeper than [`ErrorResponse::MAX_DEPTH`], or is neither
    /// an error envelope nor a problem document; [`ParseError::kind`] tells which.
    pub fn from_slice(body: &[u8]) -> Result<Self, ParseError> {
        Self::from_json(read_json(body)?, &Fallback::default()).map(|(response, _)| response)
    }

    /// Interprets parsed JSON as an envelope (an object with an `error` key) or
    /// else as a problem document (an object with a string `type`, `title` or
    /// `detail`).
    pub(super) fn from_json(
        value: Value,
        fallback: &Fallback<'_>,
    ) -> Result<(Self, BodyKind), ParseError> {
        match value {
            Value::Object(mut map) => match map.remove("error") {
                Some(error) => Ok((
                    Self {
                        error: ErrorBody::from_value(error, &mut Vec::new(), 2)?,
                    },
                    BodyKind::Envelope,
                )),
                None if problem::is_problem(&map) => Ok((
                    Self {
                        error: problem::read(map, fallback)?,
                    },
                    BodyKind::Problem,
                )),
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

/// Parses an error document from a response body; see
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
        Self::from_json(read_json_text(body)?, &Fallback::default()).map(|(response, _)| response)
    }
}

/// Reads an error document with the rules of [`ErrorResponse::from_slice`], except
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
        Self::from_json(value, &Fallback::default())
            .map(|(response, _)| response)
            .map_err(de::Error::custom)
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
    pub(super) fn from_value(
        value: Value,
        path: &mut Vec<usize>,
        depth: usize,
    ) -> Result<Self, ParseError> {
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
