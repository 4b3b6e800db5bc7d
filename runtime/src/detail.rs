//! Sub-errors: the `OData` / Microsoft REST `details` array.
//!
//! An error can carry sub-errors, each with its own code, message and `target`
//! (what it is about, such as the field `machineIds[1]`), so that validation that
//! finds several problems reports them all in one response:
//!
//! ```json
//! {"error":{"code":"InvalidInput","message":"2 fields are invalid","target":"…",
//!   "details":[{"code":"InvalidInput","message":"Must not be empty","target":"computerDnsName"}, …]}}
//! ```
//!
//! A derived type becomes a sub-error with a target beside it as [`SubError`];
//! anything else implements [`ErrorDetail`]. An error lists its sub-errors in
//! [`ApiError::details`].

use core::fmt;

use crate::{ApiError, MessageWriter};

/// One entry of an error's `details`: a code, a message and a target.
pub trait ErrorDetail {
    /// The sub-error's code.
    fn code(&self) -> &str;

    /// Writes the sub-error's message.
    ///
    /// # Errors
    /// Only when the output fails.
    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result;

    /// Writes the sub-error's message in `lang` (the language the whole
    /// response is in) when it has it, else as [`write_message`](Self::write_message)
    /// does; by default, always the latter.
    ///
    /// # Errors
    /// Only when the output fails.
    fn write_message_in(&self, lang: &str, w: &mut MessageWriter<'_>) -> fmt::Result {
        let _ = lang;
        self.write_message(w)
    }

    /// What the sub-error is about, as the client spells it (a field path such
    /// as `machineIds[1]`).
    fn target(&self) -> &str;
}

/// An [`ApiError`] as a sub-error, with the target it is about.
///
/// ```
/// use rest_error::{ApiError, ErrorDetail, SubError};
///
/// #[derive(Debug, ApiError)]
/// enum FieldError {
///     #[api(code = "InvalidInput", status = 400, msg = "Must not be empty")]
///     Empty,
/// }
///
/// let detail = SubError::new(FieldError::Empty, "computerDnsName");
/// assert_eq!((ErrorDetail::code(&detail), detail.target()), ("InvalidInput", "computerDnsName"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubError<E> {
    /// The error; its code and message are the sub-error's.
    pub error: E,
    /// What the sub-error is about.
    pub target: String,
}

impl<E> SubError<E> {
    /// `error`, about `target`.
    pub fn new(error: E, target: impl Into<String>) -> Self {
        Self {
            error,
            target: target.into(),
        }
    }
}

impl<E: ApiError> ErrorDetail for SubError<E> {
    fn code(&self) -> &str {
        self.error.code()
    }

    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
        self.error.write_message(w)
    }

    fn write_message_in(&self, lang: &str, w: &mut MessageWriter<'_>) -> fmt::Result {
        self.error.write_message_in(lang, w)
    }

    fn target(&self) -> &str {
        &self.target
    }
}
