//! Path and query parameters that don't parse, as documented error codes
//! naming the parameter, shared by `rest_error::axum`'s and
//! `rest_error::actix`'s `Path` and `Query` extractors.

use core::fmt;

use serde::de::DeserializeOwned;

use super::echo::clip;
// The name axum's `Path` calls it by (web/axum.rs).
pub(crate) use super::echo::clip as sanitize;
use crate::catalog::{Catalog, Entry, Node};
use crate::{ApiError, MessageWriter};

/// A path or query parameter that is missing or does not parse, answered as
/// an error response (the rejection of the crate's `Path` and `Query`):
///
/// | case | code | status | message, for example |
/// |---|---|---|---|
/// | a required query parameter is absent | `MissingRequiredParameter` | 400 | Parameter limit is missing. |
/// | a value that does not parse | `InvalidInput` | 400 | Invalid input id: cannot parse `abc` as u32. |
/// | the route and the type don't fit (a programming mistake) | `InternalServerError` | 500 | (`CommonError`'s fixed text) |
///
/// Text the client sent (a value, a parameter name) is cut to 200 bytes,
/// marked `…` when cut, with control characters replaced by `\u{FFFD}`.
///
/// ```
/// use rest_error::ApiError;
/// use rest_error::web::ParamRejection;
///
/// let rejection = ParamRejection::invalid("id", "cannot parse `abc` as u32");
/// assert_eq!((rejection.code(), rejection.status()), ("InvalidInput", 400));
/// assert_eq!(rejection.message().to_string(), "Invalid input id: cannot parse `abc` as u32.");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamRejection(Kind);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Missing { param: String },
    Invalid { param: String, reason: String },
    Misconfigured,
}

impl ParamRejection {
    /// Parameter `param` does not parse: `InvalidInput` (400), `reason` says why.
    /// Both are cut and cleaned, as the type's docs say.
    #[must_use]
    pub fn invalid(param: &str, reason: &str) -> Self {
        Self(Kind::Invalid {
            param: clip(param),
            reason: clip(reason),
        })
    }

    /// Required parameter `param` is absent: `MissingRequiredParameter` (400).
    #[must_use]
    pub fn missing(param: &str) -> Self {
        Self(Kind::Missing { param: clip(param) })
    }

    /// The route's parameters and the extractor's type don't fit (a programming
    /// mistake, as the framework's own extractor says): `InternalServerError` (500).
    #[must_use]
    pub fn misconfigured() -> Self {
        Self(Kind::Misconfigured)
    }
}

/// Deserializes a query string (`a=1&b=x`, without `?`) into `T`, naming the
/// parameter at fault.
pub(crate) fn deserialize_query<T: DeserializeOwned>(query: &str) -> Result<T, ParamRejection> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize::<_, T>(de).map_err(|err| {
        let path = err.path().to_string();
        let reason = err.inner().to_string();
        if let Some(field) = super::body::quoted_after(&reason, "missing field `") {
            let param = if path == "." {
                field
            } else {
                format!("{path}.{field}")
            };
            ParamRejection::missing(&param)
        } else if path == "." {
            ParamRejection::invalid("query", &reason)
        } else {
            ParamRejection::invalid(&path, &reason)
        }
    })
}

impl Catalog for ParamRejection {
    /// `MissingRequiredParameter` and `InvalidInput` (400), `InternalServerError` (500).
    const CATALOG: &'static [Node] = &[
        Node::Entry(
            Entry::new(
                "MissingRequiredParameter",
                400,
                "Parameter <param> is missing.",
            )
            .with_translations("en", &[("sv", "Parametern <param> saknas.")]),
        ),
        Node::Entry(
            Entry::new("InvalidInput", 400, "Invalid input <param>: <reason>.")
                .with_translations("en", &[("sv", "Ogiltig inmatning <param>: <reason>.")]),
        ),
        Node::Entry(
            Entry::new(
                "InternalServerError",
                500,
                "An internal error occurred. Retry the operation; if it persists, contact support with the target id of this response.",
            )
            .with_translations(
                "en",
                &[(
                    "sv",
                    "Ett internt fel inträffade. Försök igen; om felet kvarstår, kontakta supporten med target-id:t för det här svaret.",
                )],
            ),
        ),
    ];
}

impl ApiError for ParamRejection {
    fn code(&self) -> &'static str {
        match self.0 {
            Kind::Missing { .. } => "MissingRequiredParameter",
            Kind::Invalid { .. } => "InvalidInput",
            Kind::Misconfigured => crate::CommonError::InternalServerError.code(),
        }
    }

    fn status(&self) -> u16 {
        match self.0 {
            Kind::Missing { .. } | Kind::Invalid { .. } => 400,
            Kind::Misconfigured => 500,
        }
    }

    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
        self.write_in(false, w)
    }

    fn languages(&self) -> &'static [&'static str] {
        crate::lang::LIBRARY_LANGUAGES
    }

    fn write_message_in(&self, lang: &str, w: &mut MessageWriter<'_>) -> fmt::Result {
        self.write_in(crate::lang::is_swedish(lang), w)
    }

    /// The client's text the message names, clipped as it is there, for a
    /// [`Localizer`](crate::localizer::Localizer): `param` (the parameter's
    /// name) and `reason` (why its value does not parse).
    fn message_values(&self, value: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        match &self.0 {
            Kind::Missing { param } => value("param", param),
            Kind::Invalid { param, reason } => {
                value("param", param);
                value("reason", reason);
            }
            Kind::Misconfigured => {}
        }
    }
}

impl ParamRejection {
    /// The message in English, or in Swedish; the client's text goes between
    /// the fixed words unchanged.
    fn write_in(&self, swedish: bool, w: &mut MessageWriter<'_>) -> fmt::Result {
        match &self.0 {
            Kind::Missing { param } => {
                w.text(if swedish { "Parametern " } else { "Parameter " })?;
                w.field(param)?;
                w.text(if swedish { " saknas." } else { " is missing." })
            }
            Kind::Invalid { param, reason } => {
                w.text(if swedish {
                    "Ogiltig inmatning "
                } else {
                    "Invalid input "
                })?;
                w.field(param)?;
                w.text(": ")?;
                w.field(reason)?;
                w.text(".")
            }
            Kind::Misconfigured => crate::CommonError::InternalServerError
                .write_message_in(if swedish { "sv" } else { "en" }, w),
        }
    }
}

impl fmt::Display for ParamRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.message(), f)
    }
}

impl core::error::Error for ParamRejection {}

#[cfg(test)]
mod tests {
    use super::{ParamRejection, deserialize_query};
    use crate::{ApiError, CommonError};

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // only deserialized
    struct Search {
        limit: u32,
        name: Option<String>,
    }

    fn reject(query: &str) -> (String, u16, String) {
        let rejection = deserialize_query::<Search>(query).unwrap_err();
        (
            rejection.code().to_owned(),
            rejection.status(),
            rejection.message().to_string(),
        )
    }

    #[test]
    fn query_failures_name_the_parameter() {
        assert!(deserialize_query::<Search>("limit=3&name=x").is_ok());
        assert_eq!(
            reject("name=x"),
            (
                "MissingRequiredParameter".into(),
                400,
                "Parameter limit is missing.".into()
            )
        );
        assert_eq!(
            reject("limit=abc"),
            (
                "InvalidInput".into(),
                400,
                "Invalid input limit: invalid digit found in string.".into()
            )
        );
    }

    #[test]
    fn client_text_is_capped_and_cleaned() {
        let rejection = ParamRejection::invalid(&"k".repeat(500), "bad\nvalue");
        assert_eq!(
            rejection.message().to_string(),
            format!("Invalid input {}…: bad\u{FFFD}value.", "k".repeat(200))
        );
    }

    #[test]
    fn messages_in_swedish() {
        let cases = [
            (ParamRejection::missing("limit"), "Parametern limit saknas."),
            (
                ParamRejection::invalid("id", "cannot parse `abc` as u32"),
                "Ogiltig inmatning id: cannot parse `abc` as u32.",
            ),
            (
                ParamRejection::misconfigured(),
                "Ett internt fel inträffade. Försök igen; om felet kvarstår, kontakta supporten med target-id:t för det här svaret.",
            ),
        ];
        for (rejection, swedish) in cases {
            assert_eq!(rejection.languages(), ["en", "sv"]);
            assert_eq!(rejection.message_in("sv").to_string(), swedish);
            assert_eq!(
                rejection.message_in("fr").to_string(),
                rejection.message().to_string()
            );
        }
        assert_eq!(
            ParamRejection::missing("limit")
                .message_in("en")
                .to_string(),
            "Parameter limit is missing."
        );
    }

    #[test]
    fn codes_are_the_tables() {
        let misconfigured = ParamRejection::misconfigured();
        assert_eq!(
            (misconfigured.code(), misconfigured.status()),
            (CommonError::InternalServerError.code(), 500)
        );
        let catalogue = crate::catalog::<ParamRejection>();
        let common = crate::catalog::<CommonError>();
        for entry in &catalogue {
            let documented = common.iter().find(|e| e.code == entry.code);
            assert_eq!(
                documented.map(|e| e.status),
                Some(entry.status),
                "{}",
                entry.code
            );
        }
        for rejection in [
            ParamRejection::missing("a"),
            ParamRejection::invalid("a", "b"),
            misconfigured,
        ] {
            assert!(catalogue.iter().any(|e| e.code == rejection.code()));
        }
    }
}
