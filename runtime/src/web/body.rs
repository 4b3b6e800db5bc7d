//! Request-body failures as documented error codes instead of plain-text rejections.
//!
//! `serde_json` reports a syntax error, an early end and a data error as
//! structured categories (`Error::classify`) with a line and column, and
//! `serde_path_to_error` gives the path of the value at fault: the rejection is
//! chosen from those. Which field is missing or unknown serde only says in its
//! message text (``missing field `x` ``, ``unknown field `x`, expected …``), read
//! by [`quoted_after`] and [`expected_names`]; the tests below pin that wording,
//! so a `serde_json` upgrade that changes it fails the tests loudly.

use core::fmt;

use serde::de::DeserializeOwned;
use serde_json::error::Category;

use super::echo::clip;
use crate::catalog::{Catalog, Node};
use crate::codes::RejectionCode;
use crate::{ApiError, MessageWriter};

/// Why a JSON request body was rejected, answered as an error envelope.
///
/// The rejection of `rest_error::axum::Json` (and `rest_error::actix::Json`). It
/// answers with the documented codes of [`CommonError`](crate::CommonError), each
/// message saying exactly what is wrong:
///
/// | case | code | status | message, for example |
/// |---|---|---|---|
/// | missing or wrong `content-type` | `InvalidRequestBody` | 400 | Invalid request body: the content-type must be application/json. |
/// | malformed JSON | `InvalidRequestBody` | 400 | Invalid request body: expected `,` or `}` at line 1, column 17. |
/// | a required field is absent | `MissingRequiredParameter` | 400 | Parameter `machineId` is missing. |
/// | …sent with another case | `MissingRequiredParameter` | 400 | Parameter `machineId` is missing; parameter names are case-sensitive and `MachineId` was sent. |
/// | a value of the wrong type | `InvalidInput` | 400 | Invalid input machines\[0\].id: invalid type: string "x", expected u64. |
/// | an unknown field (`deny_unknown_fields`) | `InvalidInput` | 400 | Invalid input `MachineId`: parameter names are case-sensitive; expected `machineId`. |
/// | the body is over the limit | `RequestBodyTooLarge` | 413 | The request body is larger than the limit. |
///
/// `InvalidRequestBody`, `MissingRequiredParameter` and `InvalidInput` are the
/// codes (and statuses) of `CommonError`; the messages start like its templates
/// and add the detail, which `CommonError::InvalidRequestBody`'s fixed text can't
/// carry. A field is named as the client must spell it (after serde renames), with
/// its path in the body (`machines[0].id`).
///
/// Text the client sent is never echoed at length: each piece that reaches a
/// message (a field path with the map keys in it, a key, a value or a parser's
/// reason quoting the body) is cut to 200 bytes, marked `…` when cut, with
/// control characters replaced by `\u{FFFD}`, so an error response stays under
/// 8 KiB whatever the body (the same cap applies to
/// [`ParamRejection`](super::ParamRejection)).
///
/// Body parameter names are case-sensitive, as serde matches them: a required
/// field sent with another case is missing, and the message names both spellings
/// (found by reading the body again along the field's path, skipping every
/// other value: no memory beyond the body, whatever its size).
/// An *optional* field sent with another case is ignored by serde, unless the
/// type says `#[serde(deny_unknown_fields)]`, which makes it an `InvalidInput`
/// naming the expected spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonRejection(Kind);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// No `content-type`, or not JSON.
    ContentType { missing: bool },
    /// The body could not be read (the connection failed).
    Unreadable,
    /// The body is empty.
    Empty,
    /// Not JSON, or not the expected JSON shape at the top level.
    Malformed { reason: String },
    /// A required field is absent; `sent` is a key that matches it but for case.
    Missing { param: String, sent: Option<String> },
    /// A value of the wrong type or shape at `param`.
    Invalid { param: String, reason: String },
    /// A field the type does not know; `expected` is a field it matches but for case.
    Unknown {
        param: String,
        expected: Option<String>,
    },
    /// The body is over the configured limit.
    TooLarge,
}

/// Which answer of the body extractor a rejection is, for
/// [`WebSettings::remap_rejection`](super::WebSettings::remap_rejection): a
/// service can give each kind its own code and status, without matching on
/// message text.
///
/// ```
/// use rest_error::web::{RejectionKind, WebSettings};
///
/// let settings = WebSettings::default()
///     .remap_rejection(RejectionKind::ContentType, "invalid_content_type", 415)
///     .remap_rejection(RejectionKind::MissingField, "missing_field", 400);
/// assert_eq!(settings.rejection_remap(RejectionKind::ContentType), Some(("invalid_content_type", 415)));
/// assert_eq!(settings.rejection_remap(RejectionKind::TooLarge), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RejectionKind {
    /// No `content-type`, or not JSON (`InvalidRequestBody`, 400).
    ContentType,
    /// The body could not be read (`InvalidRequestBody`, 400).
    Unreadable,
    /// The body is empty (`InvalidRequestBody`, 400).
    Empty,
    /// Not JSON, or not the expected shape at the top level (`InvalidRequestBody`, 400).
    Malformed,
    /// A required field is absent (`MissingRequiredParameter`, 400).
    MissingField,
    /// A value of the wrong type or shape (`InvalidInput`, 400).
    InvalidValue,
    /// A field the type does not know, with `deny_unknown_fields` (`InvalidInput`, 400).
    UnknownField,
    /// The body is over the limit (`RequestBodyTooLarge`, 413).
    TooLarge,
}

impl JsonRejection {
    /// Which answer this is.
    #[must_use]
    pub fn kind(&self) -> RejectionKind {
        match self.0 {
            Kind::ContentType { .. } => RejectionKind::ContentType,
            Kind::Unreadable => RejectionKind::Unreadable,
            Kind::Empty => RejectionKind::Empty,
            Kind::Malformed { .. } => RejectionKind::Malformed,
            Kind::Missing { .. } => RejectionKind::MissingField,
            Kind::Invalid { .. } => RejectionKind::InvalidValue,
            Kind::Unknown { .. } => RejectionKind::UnknownField,
            Kind::TooLarge => RejectionKind::TooLarge,
        }
    }
}

impl Catalog for JsonRejection {
    /// Every code a body rejection answers with, from the table of codes; the
    /// templates name what the message fills in.
    const CATALOG: &'static [Node] = RejectionCode::CATALOG;
}

impl JsonRejection {
    /// The body is over the configured limit: `RequestBodyTooLarge` (413).
    pub(crate) fn too_large() -> Self {
        Self(Kind::TooLarge)
    }

    /// The body could not be read: `InvalidRequestBody` (400).
    pub(crate) fn unreadable() -> Self {
        Self(Kind::Unreadable)
    }

    /// The body's content type is not JSON: `InvalidRequestBody` (400). (axum's
    /// extractor checks the header itself; actix reports it from `PayloadConfig`.)
    #[cfg_attr(not(feature = "actix-web"), allow(dead_code))]
    pub(crate) fn wrong_content_type() -> Self {
        Self(Kind::ContentType { missing: false })
    }
}

/// Accepts `application/json` and `application/<anything>+json`, with any
/// parameters (`; charset=utf-8`), in any case.
pub(crate) fn check_content_type(content_type: Option<&[u8]>) -> Result<(), JsonRejection> {
    let Some(value) = content_type else {
        return Err(JsonRejection(Kind::ContentType { missing: true }));
    };
    let essence = value
        .split(|&b| b == b';')
        .next()
        .unwrap_or_default()
        .trim_ascii();
    let json = essence
        .get(..12)
        .is_some_and(|head| head.eq_ignore_ascii_case(b"application/"))
        && essence.get(12..).is_some_and(|subtype| {
            subtype.eq_ignore_ascii_case(b"json")
                || (subtype.len() > 5
                    && subtype
                        .get(subtype.len() - 5..)
                        .is_some_and(|suffix| suffix.eq_ignore_ascii_case(b"+json")))
        });
    if json {
        Ok(())
    } else {
        Err(JsonRejection(Kind::ContentType { missing: false }))
    }
}

/// Deserializes a whole body (trailing non-whitespace is an error) into `T`.
pub(crate) fn deserialize_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, JsonRejection> {
    if body.trim_ascii().is_empty() {
        return Err(JsonRejection(Kind::Empty));
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(value) => value,
        Err(err) => return Err(classify(body, err.path(), err.inner())),
    };
    match de.end() {
        Ok(()) => Ok(value),
        Err(err) => Err(JsonRejection(Kind::Malformed {
            reason: without_position(&err),
        })),
    }
}

/// Maps a `serde_json` error at `path` to a rejection.
fn classify(
    body: &[u8],
    path: &serde_path_to_error::Path,
    err: &serde_json::Error,
) -> JsonRejection {
    let at_root = path.iter().next().is_none();
    let reason = without_position(err);
    match err.classify() {
        Category::Io => JsonRejection(Kind::Unreadable),
        Category::Syntax | Category::Eof => JsonRejection(Kind::Malformed { reason }),
        Category::Data => {
            if let Some(field) = quoted_after(&reason, "missing field `") {
                let param = clip(&join(path, &field));
                let sent = key_with_other_case(body, path, &field).map(|sent| clip(&sent));
                JsonRejection(Kind::Missing { param, sent })
            } else if let Some(field) = quoted_after(&reason, "unknown field `") {
                let expected = expected_names(&reason)
                    .into_iter()
                    .find(|name| name.eq_ignore_ascii_case(&field));
                // Whether the path already ends in the key depends on where serde
                // raised it; name the key once.
                let param = if path.iter().next_back().is_some_and(
                    |seg| matches!(seg, serde_path_to_error::Segment::Map { key } if *key == field),
                ) {
                    path.to_string()
                } else {
                    join(path, &field)
                };
                JsonRejection(Kind::Unknown {
                    param: clip(&param),
                    expected,
                })
            } else if at_root {
                JsonRejection(Kind::Malformed { reason })
            } else {
                JsonRejection(Kind::Invalid {
                    param: clip(&path.to_string()),
                    reason,
                })
            }
        }
    }
}

/// `serde_json`'s message without its ` at line L column C` suffix, cut and
/// cleaned by [`clip`] (it may quote the body), the position re-added in our
/// own words for a syntax error.
fn without_position(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let text = clip(full.strip_suffix(&suffix).unwrap_or(&full));
    if err.line() > 0 && matches!(err.classify(), Category::Syntax | Category::Eof) {
        format!("{text} at line {}, column {}", err.line(), err.column())
    } else {
        text
    }
}

/// The text between `prefix` (which ends in a backquote) and the next backquote.
pub(super) fn quoted_after(text: &str, prefix: &str) -> Option<String> {
    let rest = text.strip_prefix(prefix)?;
    let end = rest.find('`')?;
    Some(rest.get(..end)?.to_owned())
}

/// The backquoted names after `expected` in serde's unknown-field message.
fn expected_names(reason: &str) -> Vec<String> {
    let Some(start) = reason.find(", expected ") else {
        return Vec::new();
    };
    reason
        .get(start..)
        .unwrap_or_default()
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// `path.field`, or `field` at the root.
fn join(path: &serde_path_to_error::Path, field: &str) -> String {
    if path.iter().next().is_none() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

/// A key of the object at `path` in `body` that equals `field` but for case.
///
/// Only on the error path, and without building the document: the body is
/// read again by [`Walk`], which skips (`IgnoredAny`) every value off the
/// path and looks only at the keys of the object the error is about, so the
/// hint costs no memory beyond that object's keys, one at a time, whatever the
/// body's size.
fn key_with_other_case(
    body: &[u8],
    path: &serde_path_to_error::Path,
    field: &str,
) -> Option<String> {
    let path: Vec<&serde_path_to_error::Segment> = path.iter().collect();
    let mut de = serde_json::Deserializer::from_slice(body);
    serde::de::DeserializeSeed::deserialize(Walk { path: &path, field }, &mut de)
        .ok()
        .flatten()
}

/// Follows `path` into a JSON document, then finds a key of the object there
/// that equals `field` but for case.
struct Walk<'p> {
    path: &'p [&'p serde_path_to_error::Segment],
    field: &'p str,
}

impl<'de> serde::de::DeserializeSeed<'de> for Walk<'_> {
    type Value = Option<String>;

    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        use serde_path_to_error::Segment;
        match self.path.split_first() {
            None => de.deserialize_map(self),
            Some((Segment::Seq { index }, rest)) => de.deserialize_seq(
                Walk {
                    path: rest,
                    field: self.field,
                }
                .at_index(*index),
            ),
            // An enum's variant is a key of the object that holds it.
            Some((Segment::Map { key } | Segment::Enum { variant: key }, _)) => {
                de.deserialize_map(self.at_key(key))
            }
            Some((Segment::Unknown, _)) => Ok(None),
        }
    }
}

impl<'p> Walk<'p> {
    fn at_index(self, index: usize) -> Step<'p> {
        Step::Index(index, self)
    }

    fn at_key(self, key: &'p str) -> Step<'p> {
        let rest = self.path.get(1..).unwrap_or_default();
        Step::Key(
            key,
            Walk {
                path: rest,
                field: self.field,
            },
        )
    }
}

/// One step of a [`Walk`]: into element `index` of an array, or into the
/// value of `key` of an object; the rest of the walk from there.
enum Step<'p> {
    Index(usize, Walk<'p>),
    Key(&'p str, Walk<'p>),
}

impl<'de> serde::de::Visitor<'de> for Step<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array or an object")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        use serde::de::IgnoredAny;
        let Step::Index(index, rest) = self else {
            return skip_seq(seq).map(|()| None);
        };
        for _ in 0..index {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(None);
            }
        }
        let found = seq.next_element_seed(rest)?.flatten();
        skip_seq(seq)?;
        Ok(found)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde::de::IgnoredAny;
        let Step::Key(key, rest) = self else {
            return skip_map(map).map(|()| None);
        };
        let mut found = None;
        while let Some(matched) = map.next_key_seed(KeyIs(key))? {
            if matched && found.is_none() {
                found = map.next_value_seed(Walk {
                    path: rest.path,
                    field: rest.field,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

impl<'de> serde::de::Visitor<'de> for Walk<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    /// The object the error is about: its first key that equals `field` but for case.
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key_seed(OtherCase(self.field))? {
            if found.is_none() {
                found = key;
            }
            map.next_value::<serde::de::IgnoredAny>()?;
        }
        Ok(found)
    }
}

/// Skips the rest of an array (`serde_json` wants it read to its end).
fn skip_seq<'de, A: serde::de::SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Skips the rest of an object.
fn skip_map<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map
        .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
        .is_some()
    {}
    Ok(())
}

/// Reads a key without keeping it: whether it is the given one.
struct KeyIs<'p>(&'p str);

impl<'de> serde::de::DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;

    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<bool, D::Error> {
        de.deserialize_str(self)
    }
}

impl serde::de::Visitor<'_> for KeyIs<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}

/// Reads a key, keeping it only when it equals the given one but for case.
struct OtherCase<'p>(&'p str);

impl<'de> serde::de::DeserializeSeed<'de> for OtherCase<'_> {
    type Value = Option<String>;

    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_str(self)
    }
}

impl serde::de::Visitor<'_> for OtherCase<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok((key != self.0 && key.eq_ignore_ascii_case(self.0)).then(|| key.to_owned()))
    }
}

impl JsonRejection {
    /// The code of the table this rejection answers with.
    fn rejection_code(&self) -> RejectionCode {
        match &self.0 {
            Kind::ContentType { .. } | Kind::Unreadable | Kind::Empty | Kind::Malformed { .. } => {
                RejectionCode::InvalidRequestBody
            }
            Kind::Missing { .. } => RejectionCode::MissingRequiredParameter,
            Kind::Invalid { .. } | Kind::Unknown { .. } => RejectionCode::InvalidInput,
            Kind::TooLarge => RejectionCode::RequestBodyTooLarge,
        }
    }
}

impl ApiError for JsonRejection {
    fn code(&self) -> &'static str {
        self.rejection_code().as_str()
    }

    fn status(&self) -> u16 {
        self.rejection_code().status()
    }

    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
        self.write_words(&ENGLISH, w)
    }

    fn languages(&self) -> &'static [&'static str] {
        crate::lang::LIBRARY_LANGUAGES
    }

    fn write_message_in(&self, lang: &str, w: &mut MessageWriter<'_>) -> fmt::Result {
        if crate::lang::is_swedish(lang) {
            self.write_words(&SWEDISH, w)
        } else {
            self.write_words(&ENGLISH, w)
        }
    }

    /// The client's text the message names, clipped as it is there, for a
    /// [`Localizer`](crate::localizer::Localizer): `param` (the field's path as
    /// the client spells it), `reason` (the parser's), `sent` (the key sent in
    /// another case) and `expected` (the field a key matches but for case).
    fn message_values(&self, value: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        match &self.0 {
            Kind::Missing { param, sent } => {
                value("param", param);
                if let Some(sent) = sent {
                    value("sent", sent);
                }
            }
            Kind::Invalid { param, reason } => {
                value("param", param);
                value("reason", reason);
            }
            Kind::Unknown { param, expected } => {
                value("param", param);
                if let Some(expected) = expected {
                    value("expected", expected);
                }
            }
            Kind::Malformed { reason } => value("reason", reason),
            Kind::ContentType { .. } | Kind::Unreadable | Kind::Empty | Kind::TooLarge => {}
        }
    }
}

/// The fixed words of the rejections' messages in one language; the client's
/// text (names, serde's reason) goes between them unchanged.
struct Words {
    /// `InvalidRequestBody`'s start, before the detail.
    invalid_body: &'static str,
    content_type_missing: &'static str,
    content_type_wrong: &'static str,
    unreadable: &'static str,
    empty: &'static str,
    /// `Parameter <param> is missing`, around the name.
    missing: (&'static str, &'static str),
    /// The case hint, around the key that was sent.
    missing_case_hint: (&'static str, &'static str),
    /// `Invalid input <param>`, before the name.
    invalid_input: &'static str,
    /// The case hint of an unknown field, before the expected name.
    unknown_case_hint: &'static str,
    unknown: &'static str,
    too_large: &'static str,
}

const ENGLISH: Words = Words {
    invalid_body: "Invalid request body: ",
    content_type_missing: "the content-type header is missing; it must be application/json.",
    content_type_wrong: "the content-type must be application/json.",
    unreadable: "the body could not be read.",
    empty: "the body is empty; expected JSON.",
    missing: ("Parameter ", " is missing"),
    missing_case_hint: ("; parameter names are case-sensitive and ", " was sent"),
    invalid_input: "Invalid input ",
    unknown_case_hint: ": parameter names are case-sensitive; expected ",
    unknown: ": unknown parameter.",
    too_large: "The request body is larger than the limit.",
};

const SWEDISH: Words = Words {
    invalid_body: "Ogiltig brödtext i begäran: ",
    content_type_missing: "content-type-huvudet saknas; det måste vara application/json.",
    content_type_wrong: "content-type måste vara application/json.",
    unreadable: "brödtexten kunde inte läsas.",
    empty: "brödtexten är tom; JSON förväntades.",
    missing: ("Parametern ", " saknas"),
    missing_case_hint: ("; parameternamn är skiftlägeskänsliga och ", " skickades"),
    invalid_input: "Ogiltig inmatning ",
    unknown_case_hint: ": parameternamn är skiftlägeskänsliga; förväntat ",
    unknown: ": okänd parameter.",
    too_large: "Brödtexten i begäran är större än gränsen.",
};

impl JsonRejection {
    /// The message in the language of `words`.
    fn write_words(&self, words: &Words, w: &mut MessageWriter<'_>) -> fmt::Result {
        match &self.0 {
            Kind::ContentType { missing } => {
                w.text(words.invalid_body)?;
                w.text(if *missing {
                    words.content_type_missing
                } else {
                    words.content_type_wrong
                })
            }
            Kind::Unreadable => {
                w.text(words.invalid_body)?;
                w.text(words.unreadable)
            }
            Kind::Empty => {
                w.text(words.invalid_body)?;
                w.text(words.empty)
            }
            Kind::Malformed { reason } => {
                w.text(words.invalid_body)?;
                w.field(reason)?;
                w.text(".")
            }
            Kind::Missing { param, sent } => {
                w.text(words.missing.0)?;
                w.field(param)?;
                w.text(words.missing.1)?;
                if let Some(sent) = sent {
                    w.text(words.missing_case_hint.0)?;
                    w.field(sent)?;
                    w.text(words.missing_case_hint.1)?;
                }
                w.text(".")
            }
            Kind::Invalid { param, reason } => {
                w.text(words.invalid_input)?;
                w.field(param)?;
                w.text(": ")?;
                w.field(reason)?;
                w.text(".")
            }
            Kind::Unknown { param, expected } => {
                w.text(words.invalid_input)?;
                w.field(param)?;
                if let Some(expected) = expected {
                    w.text(words.unknown_case_hint)?;
                    w.field(expected)?;
                    w.text(".")
                } else {
                    w.text(words.unknown)
                }
            }
            Kind::TooLarge => w.text(words.too_large),
        }
    }
}

impl fmt::Display for JsonRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.message(), f)
    }
}

impl core::error::Error for JsonRejection {}

#[cfg(test)]
mod tests {
    use super::{JsonRejection, Kind, deserialize_json};
    use crate::{ApiError, Catalog as _};

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[allow(dead_code)] // only deserialized
    struct Isolate {
        machine_id: u64,
        comment: Option<String>,
        machines: Option<Vec<Machine>>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Machine {
        id: u64,
    }

    fn reject(body: &str) -> JsonRejection {
        deserialize_json::<Isolate>(body.as_bytes()).unwrap_err()
    }

    /// `body.rs` reads these texts of `serde_json`'s. When this test fails, `serde_json`
    /// changed its wording: update `quoted_after`, `expected_names` and
    /// `without_position` to the new text, then this test.
    #[test]
    fn serde_json_wording_is_pinned() {
        let err = serde_json::from_str::<Isolate>("{}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "missing field `machineId` at line 1 column 2"
        );
        let err = serde_json::from_str::<Isolate>(r#"{"MachineId":1}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown field `MachineId`, expected one of `machineId`, `comment`, `machines` at line 1 column 12"
        );
        let err = serde_json::from_str::<Isolate>(r#"{"machineId":"x"}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid type: string \"x\", expected u64 at line 1 column 16"
        );
        let err = serde_json::from_str::<Isolate>(r#"{"machineId":1"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "EOF while parsing an object at line 1 column 14"
        );
    }

    #[test]
    fn each_failure_gets_its_code_and_message() {
        for (body, code, message) in [
            (
                "  ",
                "InvalidRequestBody",
                "Invalid request body: the body is empty; expected JSON.",
            ),
            (
                r#"{"machineId":1"#,
                "InvalidRequestBody",
                "Invalid request body: EOF while parsing an object at line 1, column 14.",
            ),
            (
                r#"{"machineId":1} x"#,
                "InvalidRequestBody",
                "Invalid request body: trailing characters at line 1, column 17.",
            ),
            (
                r#""7""#,
                "InvalidRequestBody",
                r#"Invalid request body: invalid type: string "7", expected struct Isolate."#,
            ),
            (
                "{}",
                "MissingRequiredParameter",
                "Parameter machineId is missing.",
            ),
            (
                r#"{"MACHINEID":1}"#,
                "InvalidInput",
                "Invalid input MACHINEID: parameter names are case-sensitive; expected machineId.",
            ),
            (
                r#"{"machineId":1,"extra":1}"#,
                "InvalidInput",
                "Invalid input extra: unknown parameter.",
            ),
            (
                r#"{"machineId":"x"}"#,
                "InvalidInput",
                "Invalid input machineId: invalid type: string \"x\", expected u64.",
            ),
            (
                r#"{"machineId":1,"machines":[{"id":1},{"id":"2"}]}"#,
                "InvalidInput",
                "Invalid input machines[1].id: invalid type: string \"2\", expected u64.",
            ),
            (
                r#"{"machineId":1,"machines":[{}]}"#,
                "MissingRequiredParameter",
                "Parameter machines[0].id is missing.",
            ),
        ] {
            let rejection = reject(body);
            assert_eq!(
                (rejection.code(), rejection.message().to_string().as_str()),
                (code, message),
                "{body}"
            );
            assert_eq!(rejection.status(), 400);
        }
        assert!(deserialize_json::<Isolate>(br#" {"machineId":1} "#).is_ok());
    }

    /// A body type without `deny_unknown_fields`: a required field sent with
    /// another case is missing, and the message names the spelling sent.
    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)] // only deserialized
    struct Lenient {
        machine_id: u64,
        #[serde(default)]
        machines: Vec<Lenient>,
        #[serde(default)]
        by_name: std::collections::BTreeMap<String, Lenient>,
        action: Option<Action>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    enum Action {
        Isolate { machine_id: u64 },
    }

    #[test]
    fn a_missing_field_sent_with_another_case_is_named_at_any_depth() {
        for (body, message) in [
            (
                r#"{"MachineId":1}"#,
                "Parameter machineId is missing; parameter names are case-sensitive and MachineId was sent.",
            ),
            (
                r#"{"skipped":[{"a":[1,{"machineId":2}]}],"MACHINEID":1,"MachineId":2}"#,
                "Parameter machineId is missing; parameter names are case-sensitive and MACHINEID was sent.",
            ),
            (
                r#"{"machineId":1,"machines":[{"machineId":2},{"x":{"MachineId":1},"machineid":3},{}]}"#,
                "Parameter machines[1].machineId is missing; parameter names are case-sensitive and machineid was sent.",
            ),
            (
                r#"{"machineId":1,"byName":{"a":{"machineId":2},"b\"c":{"MachineID":3}}}"#,
                r#"Parameter byName.b"c.machineId is missing; parameter names are case-sensitive and MachineID was sent."#,
            ),
            (
                r#"{"machineId":1,"action":{"Isolate":{"Machine_Id":1,"MACHINE_ID":2}}}"#,
                "Parameter action.Isolate.machine_id is missing; parameter names are case-sensitive and Machine_Id was sent.",
            ),
            ("{}", "Parameter machineId is missing."),
            (
                r#"{"machineId":1,"machines":[{"machine_id":2}]}"#,
                "Parameter machines[0].machineId is missing.",
            ),
        ] {
            let rejection = deserialize_json::<Lenient>(body.as_bytes()).unwrap_err();
            assert_eq!(rejection.message().to_string(), message, "{body}");
        }
    }

    #[test]
    fn each_message_in_swedish_keeps_the_code_and_the_client_text() {
        for (rejection, code, message) in [
            (
                JsonRejection(Kind::ContentType { missing: true }),
                "InvalidRequestBody",
                "Ogiltig brödtext i begäran: content-type-huvudet saknas; det måste vara application/json.",
            ),
            (
                JsonRejection::wrong_content_type(),
                "InvalidRequestBody",
                "Ogiltig brödtext i begäran: content-type måste vara application/json.",
            ),
            (
                JsonRejection::unreadable(),
                "InvalidRequestBody",
                "Ogiltig brödtext i begäran: brödtexten kunde inte läsas.",
            ),
            (
                reject(" "),
                "InvalidRequestBody",
                "Ogiltig brödtext i begäran: brödtexten är tom; JSON förväntades.",
            ),
            (
                reject(r#"{"machineId":1"#),
                "InvalidRequestBody",
                "Ogiltig brödtext i begäran: EOF while parsing an object at line 1, column 14.",
            ),
            (
                reject("{}"),
                "MissingRequiredParameter",
                "Parametern machineId saknas.",
            ),
            (
                JsonRejection(Kind::Missing {
                    param: "machineId".into(),
                    sent: Some("MachineId".into()),
                }),
                "MissingRequiredParameter",
                "Parametern machineId saknas; parameternamn är skiftlägeskänsliga och MachineId skickades.",
            ),
            (
                reject(r#"{"MACHINEID":1}"#),
                "InvalidInput",
                "Ogiltig inmatning MACHINEID: parameternamn är skiftlägeskänsliga; förväntat machineId.",
            ),
            (
                reject(r#"{"machineId":1,"extra":1}"#),
                "InvalidInput",
                "Ogiltig inmatning extra: okänd parameter.",
            ),
            (
                reject(r#"{"machineId":"x"}"#),
                "InvalidInput",
                "Ogiltig inmatning machineId: invalid type: string \"x\", expected u64.",
            ),
            (
                JsonRejection::too_large(),
                "RequestBodyTooLarge",
                "Brödtexten i begäran är större än gränsen.",
            ),
        ] {
            assert_eq!(rejection.languages(), ["en", "sv"]);
            assert_eq!(rejection.code(), code);
            assert_eq!(rejection.message_in("sv").to_string(), message);
            assert_eq!(rejection.message_in("SV").to_string(), message);
            // Any other language, and the default, in English.
            let english = rejection.message().to_string();
            assert_eq!(rejection.message_in("de").to_string(), english);
            assert_eq!(rejection.message_in("en").to_string(), english);
            assert_ne!(english, message);
        }
        // The case hint in English too.
        let hinted = JsonRejection(Kind::Missing {
            param: "machineId".into(),
            sent: Some("MachineId".into()),
        });
        assert_eq!(
            hinted.message().to_string(),
            "Parameter machineId is missing; parameter names are case-sensitive and MachineId was sent."
        );
    }

    #[test]
    fn the_catalogue_lists_every_code_with_its_status() {
        let catalogue = crate::catalog::<JsonRejection>();
        let every = [
            JsonRejection(Kind::ContentType { missing: true }),
            JsonRejection::wrong_content_type(),
            JsonRejection::unreadable(),
            JsonRejection(Kind::Empty),
            reject("{"),
            reject("{}"),
            reject(r#"{"machineId":"x"}"#),
            reject(r#"{"x":1}"#),
            JsonRejection::too_large(),
        ];
        for rejection in &every {
            let entry = catalogue.iter().find(|e| e.code == rejection.code());
            assert_eq!(
                entry.map(|e| e.status),
                Some(rejection.status()),
                "{rejection:?}"
            );
        }
        assert_eq!(catalogue.len(), JsonRejection::CATALOG.len());
        // Each case has its own kind.
        let kinds: std::collections::HashSet<_> =
            every[1..].iter().map(JsonRejection::kind).collect();
        assert_eq!(kinds.len(), every.len() - 1);
        assert_eq!(every[0].kind(), every[1].kind());
        // Every listed code is answered by some rejection.
        for entry in &catalogue {
            assert!(
                every.iter().any(|r| r.code() == entry.code),
                "{}",
                entry.code
            );
        }
        // The codes CommonError documents keep its statuses.
        let common = crate::catalog::<crate::CommonError>();
        for entry in &catalogue {
            if let Some(documented) = common.iter().find(|e| e.code == entry.code) {
                assert_eq!(documented.status, entry.status, "{}", entry.code);
            }
        }
    }
}
