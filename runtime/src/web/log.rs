//! One `tracing` event per error response, and what the event can say about
//! the error beyond its code and message ([`Detail`], probed by [`Probe`]).

use super::response::valid_header_name;
use crate::{ApiError, CorrelationId};

/// What a 5xx log event can say about the error beyond its code and message:
/// its `Debug` and its `source()` chain, when the type has them.
///
/// The integrations' impl macros fill it in by autoref specialization
/// ([`Probe`]), so types without `Debug` or `Error` still get their impls.
#[derive(Clone, Copy, Default)]
pub struct Detail<'a> {
    pub(crate) debug: Option<&'a dyn core::fmt::Debug>,
    pub(crate) error: Option<&'a dyn core::error::Error>,
}

impl<'a> Detail<'a> {
    /// Nothing beyond the code and message.
    #[must_use]
    pub const fn none() -> Self {
        Self {
            debug: None,
            error: None,
        }
    }

    /// The error's `Debug`.
    #[must_use]
    pub const fn debug(debug: &'a dyn core::fmt::Debug) -> Self {
        Self {
            debug: Some(debug),
            error: None,
        }
    }

    /// The error's `Debug` and its `source()` chain.
    #[must_use]
    pub fn error(error: &'a (dyn core::error::Error + 'a)) -> Self {
        Self {
            debug: Some(error),
            error: Some(error),
        }
    }
}

/// Autoref-specialization probe: `(&&&Probe(&value)).__api_error_detail()`
/// gives the richest [`Detail`] that `value`'s type supports: `Error` (with the
/// `source()` chain), else `Debug`, else nothing.
///
/// In a generic impl the choice is made from the impl's own bounds: a generic
/// derived type gets `Debug` / `Error` detail when its where-clause implies them.
#[doc(hidden)]
pub struct Probe<'a, T: ?Sized>(pub &'a T);

/// The `Error` level of [`Probe`].
#[doc(hidden)]
pub trait ViaError<'a> {
    /// The detail of the probed value.
    fn __api_error_detail(&self) -> Detail<'a>;
}

impl<'a, T: core::error::Error> ViaError<'a> for &&Probe<'a, T> {
    fn __api_error_detail(&self) -> Detail<'a> {
        Detail::error(self.0)
    }
}

/// The `Debug` level of [`Probe`].
#[doc(hidden)]
pub trait ViaDebug<'a> {
    /// The detail of the probed value.
    fn __api_error_detail(&self) -> Detail<'a>;
}

impl<'a, T: core::fmt::Debug> ViaDebug<'a> for &Probe<'a, T> {
    fn __api_error_detail(&self) -> Detail<'a> {
        Detail::debug(self.0)
    }
}

/// The fallback level of [`Probe`].
#[doc(hidden)]
pub trait ViaNothing<'a> {
    /// The detail of the probed value.
    fn __api_error_detail(&self) -> Detail<'a>;
}

impl<'a, T: ?Sized> ViaNothing<'a> for Probe<'a, T> {
    fn __api_error_detail(&self) -> Detail<'a> {
        Detail::none()
    }
}

/// Logs one event for an error response: `error` level for 5xx, with the
/// error's `Debug` and `source()` chain; `debug` level for 4xx. Dropped headers
/// are named (never their values) in the same event.
pub(crate) fn log_response(
    error: &dyn ApiError,
    detail: Detail<'_>,
    target: &CorrelationId,
    status: u16,
    declared_status: u16,
    dropped: &[(&'static str, &'static str)],
) {
    use tracing::field::display;
    let code = error.code();
    let public_message = display(error.message());
    // Fields only when they have something to say.
    let dropped_headers = (!dropped.is_empty()).then(|| display(DroppedHeaders(dropped)));
    if status >= 500 {
        let declared_status = (declared_status != status).then_some(declared_status);
        let sources = detail
            .error
            .and_then(core::error::Error::source)
            .map(|source| display(Sources(source)));
        tracing::error!(
            target: "rest_error::web",
            target_id = %target,
            code,
            status,
            declared_status,
            public_message,
            error = %DebugOf(detail.debug),
            sources,
            dropped_headers,
            "error response"
        );
    } else {
        tracing::debug!(
            target: "rest_error::web",
            target_id = %target,
            code,
            status,
            public_message,
            dropped_headers,
            "error response"
        );
    }
}

/// The error's `Debug`, or a note that it has none.
struct DebugOf<'a>(Option<&'a dyn core::fmt::Debug>);

impl core::fmt::Display for DebugOf<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0 {
            Some(debug) => write!(f, "{debug:?}"),
            None => f.write_str("(the type does not implement Debug)"),
        }
    }
}

/// A `source()` chain from its first source, `Display` of each, joined by `: `.
struct Sources<'a>(&'a dyn core::error::Error);

impl core::fmt::Display for Sources<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut next = Some(self.0);
        let mut first = true;
        while let Some(source) = next {
            if !first {
                f.write_str(": ")?;
            }
            write!(f, "{source}")?;
            first = false;
            next = source.source();
        }
        Ok(())
    }
}

/// `name (why), …` of the dropped headers.
struct DroppedHeaders<'a>(&'a [(&'static str, &'static str)]);

impl core::fmt::Display for DroppedHeaders<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for (i, (name, why)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            // A hand-written impl's name may be anything: only a valid token is written.
            if valid_header_name(name) {
                write!(f, "{name} ({why})")?;
            } else {
                write!(f, "<{} bytes> ({why})", name.len())?;
            }
        }
        Ok(())
    }
}
