//! Requests no route answers: an unknown path, or a method the path does not
//! accept, answered as error responses instead of the frameworks' empty ones.

use core::fmt;

use crate::catalog::{Catalog, Entry, Node};
use crate::{ApiError, MessageWriter};

/// No route answered the request: 404 `NotFound` for an unknown path, 405
/// `MethodNotAllowed` (with an `Allow` header) for a method the path does not
/// accept. Both codes are in the table of codes
/// ([`CommonCode`](crate::CommonCode)).
///
/// The fallbacks of `rest_error::axum` and `rest_error::actix` answer with it,
/// in the format negotiated for the request (the envelope by default):
///
/// | case | code | status | message |
/// |---|---|---|---|
/// | unknown path | `NotFound` | 404 | The requested resource was not found. |
/// | the path does not accept the method | `MethodNotAllowed` | 405 | The method is not allowed for the requested resource. |
///
/// The messages echo nothing the client sent.
///
/// ```
/// use rest_error::ApiError;
/// use rest_error::web::RouteRejection;
///
/// let missing = RouteRejection::not_found();
/// assert_eq!((missing.code(), missing.status()), ("NotFound", 404));
/// let method = RouteRejection::method_not_allowed(["GET", "HEAD"]);
/// assert_eq!((method.code(), method.status()), ("MethodNotAllowed", 405));
/// let mut headers = Vec::new();
/// method.headers(&mut |name, value| headers.push((name, value.to_string())));
/// assert_eq!(headers, [("allow", "GET, HEAD".to_owned())]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteRejection(Kind);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    NotFound,
    /// `allow`: the methods the path accepts, `, `-separated; empty when unknown
    /// (axum adds the header itself).
    MethodNotAllowed {
        allow: String,
    },
}

/// The table's code and template of each case.
const NOT_FOUND: (&str, u16, &str) = ("NotFound", 404, "The requested resource was not found.");
const METHOD_NOT_ALLOWED: (&str, u16, &str) = (
    "MethodNotAllowed",
    405,
    "The method is not allowed for the requested resource.",
);

/// The messages in Swedish, as the table of codes has them.
const NOT_FOUND_SV: &str = "Den begärda resursen hittades inte.";
const METHOD_NOT_ALLOWED_SV: &str = "Metoden tillåts inte för den begärda resursen.";

impl RouteRejection {
    /// An unknown path: `NotFound` (404).
    #[must_use]
    pub fn not_found() -> Self {
        Self(Kind::NotFound)
    }

    /// [`method_not_allowed`](Self::method_not_allowed) with the methods a
    /// framework's own `Allow` value lists (`GET, POST`).
    #[cfg(feature = "actix-web")]
    pub(crate) fn allowing(allow: &str) -> Self {
        Self::method_not_allowed(allow.split(',').map(str::trim))
    }

    /// A method the path does not accept: `MethodNotAllowed` (405), whose
    /// `Allow` header lists `allowed` (method names that are not HTTP tokens are
    /// left out). With no methods, it sends no `Allow` of its own.
    #[must_use]
    pub fn method_not_allowed<'m>(allowed: impl IntoIterator<Item = &'m str>) -> Self {
        let mut allow = String::new();
        for method in allowed {
            if super::response::valid_header_name(method) {
                if !allow.is_empty() {
                    allow.push_str(", ");
                }
                allow.push_str(method);
            }
        }
        Self(Kind::MethodNotAllowed { allow })
    }

    fn row(&self) -> (&'static str, u16, &'static str) {
        match self.0 {
            Kind::NotFound => NOT_FOUND,
            Kind::MethodNotAllowed { .. } => METHOD_NOT_ALLOWED,
        }
    }
}

impl Catalog for RouteRejection {
    /// `NotFound` (404) and `MethodNotAllowed` (405).
    const CATALOG: &'static [Node] = &[
        Node::Entry(
            Entry::new(NOT_FOUND.0, NOT_FOUND.1, NOT_FOUND.2)
                .with_translations("en", &[("sv", NOT_FOUND_SV)]),
        ),
        Node::Entry(
            Entry::new(
                METHOD_NOT_ALLOWED.0,
                METHOD_NOT_ALLOWED.1,
                METHOD_NOT_ALLOWED.2,
            )
            .with_translations("en", &[("sv", METHOD_NOT_ALLOWED_SV)]),
        ),
    ];
}

impl ApiError for RouteRejection {
    fn code(&self) -> &'static str {
        self.row().0
    }

    fn status(&self) -> u16 {
        self.row().1
    }

    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
        w.text(self.row().2)
    }

    fn languages(&self) -> &'static [&'static str] {
        crate::lang::LIBRARY_LANGUAGES
    }

    fn write_message_in(&self, lang: &str, w: &mut MessageWriter<'_>) -> fmt::Result {
        if crate::lang::is_swedish(lang) {
            w.text(match self.0 {
                Kind::NotFound => NOT_FOUND_SV,
                Kind::MethodNotAllowed { .. } => METHOD_NOT_ALLOWED_SV,
            })
        } else {
            self.write_message(w)
        }
    }

    fn headers(&self, header: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        if let Kind::MethodNotAllowed { allow } = &self.0
            && !allow.is_empty()
        {
            header("allow", allow);
        }
    }
}

impl fmt::Display for RouteRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.row().2)
    }
}

impl core::error::Error for RouteRejection {}

#[cfg(test)]
mod tests {
    use super::{METHOD_NOT_ALLOWED_SV, NOT_FOUND_SV, RouteRejection};
    use crate::{ApiError, CommonCode};

    #[test]
    fn codes_and_statuses_are_the_tables() {
        for rejection in [
            RouteRejection::not_found(),
            RouteRejection::method_not_allowed(["GET"]),
        ] {
            let Ok(code) = rejection.code().parse::<CommonCode>();
            assert!(!matches!(code, CommonCode::Other(_)), "{rejection:?}");
            assert_eq!(code.status(), Some(rejection.status()));
        }
        assert_eq!(CommonCode::for_status(405), CommonCode::MethodNotAllowed);
        let catalogue = crate::catalog::<RouteRejection>();
        let rows: Vec<_> = catalogue.iter().map(|e| (e.code, e.status)).collect();
        assert_eq!(rows, [("NotFound", 404), ("MethodNotAllowed", 405)]);
        assert_eq!(
            catalogue[0].template,
            crate::catalog::<crate::CommonError>()
                .iter()
                .find(|e| e.code == "NotFound")
                .map(|e| e.template)
                .unwrap_or_default()
        );
    }

    #[test]
    fn messages_in_swedish_are_the_tables() {
        let not_found = RouteRejection::not_found();
        assert_eq!(not_found.languages(), ["en", "sv"]);
        assert_eq!(
            not_found.message_in("sv").to_string(),
            crate::CommonError::NotFound.message_in("sv").to_string()
        );
        assert_eq!(
            RouteRejection::method_not_allowed(["GET"])
                .message_in("sv")
                .to_string(),
            "Metoden tillåts inte för den begärda resursen."
        );
        assert_eq!(
            not_found.message_in("de").to_string(),
            "The requested resource was not found."
        );
        let catalogue = crate::catalog::<RouteRejection>();
        assert_eq!(catalogue[0].template_in("sv"), NOT_FOUND_SV);
        assert_eq!(catalogue[1].template_in("sv"), METHOD_NOT_ALLOWED_SV);
    }

    #[test]
    fn allow_lists_only_tokens_and_is_absent_when_empty() {
        let headers = |rejection: &RouteRejection| {
            let mut all = Vec::new();
            rejection.headers(&mut |name, value| all.push((name, value.to_string())));
            all
        };
        let rejection = RouteRejection::method_not_allowed(["GET", "BAD\r\nX: y", "POST"]);
        assert_eq!(headers(&rejection), [("allow", "GET, POST".to_owned())]);
        assert!(headers(&RouteRejection::method_not_allowed([])).is_empty());
        assert!(headers(&RouteRejection::not_found()).is_empty());
        assert_eq!(
            RouteRejection::method_not_allowed(["GET"])
                .message()
                .to_string(),
            "The method is not allowed for the requested resource."
        );
    }
}
