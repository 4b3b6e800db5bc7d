//! A panic while a request is handled, as the error it is answered with: a 500
//! `InternalServerError` whose log event carries the panic message.

use core::any::Any;

use crate::{ApiError, CommonError, MessageWriter};

/// The longest panic message kept for the log, in bytes.
const MAX_MESSAGE: usize = 1024;

/// A handler's panic, answered as `InternalServerError`; its `Debug` (logged,
/// never sent) is the panic message, cut to [`MAX_MESSAGE`] bytes.
pub(crate) struct Panic(String);

impl Panic {
    /// The panic of this payload (what `catch_unwind` returns).
    pub(crate) fn new(payload: &(dyn Any + Send)) -> Self {
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(a panic payload that is not text)");
        let mut end = message.len().min(MAX_MESSAGE);
        while !message.is_char_boundary(end) {
            end -= 1;
        }
        let cut = if end < message.len() { "…" } else { "" };
        Self(format!("{}{cut}", &message[..end]))
    }
}

impl core::fmt::Debug for Panic {
    /// `Panic("message")`: the message escaped as `Debug` escapes a string, so a
    /// line break or a terminal escape in it stays one line of text.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Panic").field(&self.0).finish()
    }
}

impl core::fmt::Display for Panic {
    /// Never sent: what a framework's error type needs.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("the handler panicked")
    }
}

impl ApiError for Panic {
    fn code(&self) -> &'static str {
        CommonError::InternalServerError.code()
    }

    fn status(&self) -> u16 {
        500
    }

    fn write_message(&self, w: &mut MessageWriter<'_>) -> core::fmt::Result {
        CommonError::InternalServerError.write_message(w)
    }
}

#[cfg(test)]
mod tests {
    use super::Panic;
    use crate::ApiError;

    #[test]
    fn the_message_is_kept_escaped_and_capped() {
        let text: Box<dyn core::any::Any + Send> = Box::new("gave up\n\u{1b}[31m");
        let panic = Panic::new(&*text);
        assert_eq!(format!("{panic:?}"), r#"Panic("gave up\n\u{1b}[31m")"#);
        assert_eq!((panic.code(), panic.status()), ("InternalServerError", 500));
        let long: Box<dyn core::any::Any + Send> = Box::new("é".repeat(1000));
        let debug = format!("{:?}", Panic::new(&*long));
        assert!(debug.len() < 1100 && debug.ends_with("…\")"), "{debug}");
        let other: Box<dyn core::any::Any + Send> = Box::new(7_u8);
        assert!(format!("{:?}", Panic::new(&*other)).contains("not text"));
    }
}
