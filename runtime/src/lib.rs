//! Crate docs: the attribute reference (written with the derive).

#![forbid(unsafe_code)]
#![deny(missing_docs)]

// Lets the crate's own code (CommonError, tests) use the derive, whose expansion names `::api_error`.
extern crate self as api_error;

pub mod client;
mod envelope;
mod id;
#[doc(hidden)]
pub mod private;
mod status;

use core::fmt;

pub use api_error_derive::ApiError;
pub use client::{CommonCode, ErrorBody, ErrorResponse};
pub use envelope::Envelope;
pub use id::{CorrelationId, InvalidCorrelationId};
pub use status::reason_phrase;

/// Everything the derive's expansion names goes through this module, so a user
/// crate needs no direct dependency on `core` paths or on serde. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::private::*;
}

/// An error that is answered to an API caller as `{"error":{"code","message","target"}}`.
///
/// Usually derived, see the [crate docs](crate).
pub trait ApiError: private::AsDynApiError {
    /// The stable, machine-readable error code, for example `"ResourceNotFound"`.
    fn code(&self) -> &'static str;

    /// The HTTP status that belongs to the code, in `400..=599`.
    fn status(&self) -> u16;

    /// Writes the public message for the caller into `f`.
    ///
    /// # Errors
    /// Only when `f` fails.
    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// The public message, written straight into whatever formats it.
    fn message(&self) -> Message<'_> {
        Message(self.as_dyn_api_error())
    }

    /// The JSON envelope of this error with a fresh correlation id.
    fn envelope(&self) -> Envelope<'_> {
        Envelope::new(self.as_dyn_api_error(), CorrelationId::new())
    }

    /// The JSON envelope of this error with the given correlation id as its `target`.
    fn envelope_with_target(&self, target: CorrelationId) -> Envelope<'_> {
        Envelope::new(self.as_dyn_api_error(), target)
    }
}

/// The public message of an [`ApiError`]; its `Display` writes it without allocating.
#[derive(Clone, Copy)]
pub struct Message<'a>(&'a dyn ApiError);

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_message(f)
    }
}

impl fmt::Debug for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&format_args!("{self}"), f)
    }
}
