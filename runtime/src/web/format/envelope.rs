//! The default format: the Microsoft/OData envelope, `application/json`.

use super::{ErrorContext, ErrorFormat};
use crate::ApiError;

/// `{"error":{"code","message","target"[,"details"]}}` as `application/json`:
/// [`Envelope`](crate::Envelope), byte for byte. The default format.
#[derive(Debug, Clone, Copy, Default)]
pub struct EnvelopeFormat;

impl ErrorFormat for EnvelopeFormat {
    fn media_type(&self) -> &'static str {
        "application/json"
    }

    fn write_body(&self, error: &dyn ApiError, context: &ErrorContext<'_>, out: &mut Vec<u8>) {
        error
            .envelope_with_target(context.target().clone())
            .write_json(out);
    }
}
