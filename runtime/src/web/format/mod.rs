//! The wire-format seam: one [`ErrorFormat`] per error body shape, chosen per
//! request by negotiation (see [`WebSettings`](super::WebSettings)). A new format
//! is one type implementing the trait, in one file.

use core::fmt;
use std::sync::Arc;

use crate::{ApiError, CorrelationId};

mod envelope;
mod problem;

pub use envelope::EnvelopeFormat;
pub use problem::ProblemFormat;

/// How an error response's body is written, and which media type it has.
///
/// The web core does everything else: status, headers (`content-type` is
/// [`media_type`](ErrorFormat::media_type)), the log event. A service whose API
/// has its own error shape implements it once and sets it on
/// [`WebSettings`](super::WebSettings) as the default
/// ([`default_format`](super::WebSettings::default_format)) or as an alternative
/// a request can ask for in `Accept`
/// ([`negotiated_format`](super::WebSettings::negotiated_format)).
///
/// ```
/// use rest_error::ApiError;
/// use rest_error::web::{ErrorContext, ErrorFormat, WebSettings};
///
/// /// `{"message","code","type","link"}`, as an older API of ours answers.
/// #[derive(Debug)]
/// struct Flat;
///
/// impl ErrorFormat for Flat {
///     fn media_type(&self) -> &'static str {
///         "application/vnd.example.error+json"
///     }
///
///     fn write_body(&self, error: &dyn ApiError, context: &ErrorContext<'_>, out: &mut Vec<u8>) {
///         let body = serde_json::json!({
///             "message": error.message().to_string(),
///             "code": error.code(),
///             "type": if context.status() >= 500 { "server" } else { "client" },
///             "link": format!("https://docs.example.com/errors#{}", error.code()),
///         });
///         // Writing a `Value` into a `Vec` does not fail.
///         let _ = serde_json::to_writer(out, &body);
///     }
/// }
///
/// // Asked for with `Accept: application/vnd.example.error+json`; the envelope otherwise.
/// let settings = WebSettings::default().negotiated_format(Flat);
/// // Or always, unless a request asks for problem+json.
/// let settings = WebSettings::default().default_format(Flat);
/// ```
pub trait ErrorFormat: fmt::Debug + Send + Sync + 'static {
    /// The body's media type: sent as `content-type` and matched against
    /// `Accept`. A plain `type/subtype`, lowercase, without parameters.
    fn media_type(&self) -> &'static str;

    /// Appends the body for `error` to `out` (empty when called).
    fn write_body(&self, error: &dyn ApiError, context: &ErrorContext<'_>, out: &mut Vec<u8>);
}

/// What a format knows about the response beyond the error itself.
#[derive(Debug, Clone, Copy)]
pub struct ErrorContext<'a> {
    pub(crate) target: &'a CorrelationId,
    pub(crate) status: u16,
    pub(crate) problem_type_base: Option<&'a str>,
}

impl<'a> ErrorContext<'a> {
    /// The request's correlation id, also in the response's id header.
    #[must_use]
    pub fn target(&self) -> &'a CorrelationId {
        self.target
    }

    /// The status answered: the error's, or 500 when it declares one outside `400..=599`.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The configured base of problem+json's `type`, if any
    /// ([`WebSettings::problem_type_base`](super::WebSettings::problem_type_base)).
    #[must_use]
    pub fn problem_type_base(&self) -> Option<&'a str> {
        self.problem_type_base
    }
}

/// A format as the settings hold it: the built-ins without an allocation (so
/// the default settings are a constant), a service's own behind an `Arc`.
#[derive(Clone)]
pub(crate) enum Format {
    Static(&'static dyn ErrorFormat),
    Shared(Arc<dyn ErrorFormat>),
}

impl core::ops::Deref for Format {
    type Target = dyn ErrorFormat;

    fn deref(&self) -> &(dyn ErrorFormat + 'static) {
        match self {
            Format::Static(format) => *format,
            Format::Shared(format) => &**format,
        }
    }
}

impl fmt::Debug for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}
