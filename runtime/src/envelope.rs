//! The JSON envelope `{"error":{"code","message","target"}}` and its serialization.

use core::fmt;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::{ApiError, CorrelationId};

/// An error as it is answered to the caller: `{"error":{"code":…,"message":…,"target":…}}`.
///
/// Made by [`ApiError::envelope`] or [`ApiError::envelope_with_target`]. Serializing it writes
/// the message straight into the output, so with a reused buffer it does not allocate.
///
/// If the error's [`fmt_message`](ApiError::fmt_message) fails on its own (not because the
/// output failed), the message is cut off where it failed and the rest of the envelope is
/// still written. Serialization never panics because of it.
///
/// ```
/// use api_error::{ApiError, CorrelationId};
/// use core::fmt;
///
/// struct MachineNotFound(u64);
///
/// impl ApiError for MachineNotFound {
///     fn code(&self) -> &'static str {
///         "ResourceNotFound"
///     }
///     fn status(&self) -> u16 {
///         404
///     }
///     fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
///         write!(f, "Machine {} was not found", self.0)
///     }
/// }
///
/// let target = CorrelationId::parse("req-42")?;
/// let envelope = MachineNotFound(7).envelope_with_target(target);
/// assert_eq!(
///     envelope.to_json(),
///     r#"{"error":{"code":"ResourceNotFound","message":"Machine 7 was not found","target":"req-42"}}"#,
/// );
/// # Ok::<(), api_error::InvalidCorrelationId>(())
/// ```
pub struct Envelope<'a> {
    error: &'a dyn ApiError,
    target: CorrelationId,
}

impl<'a> Envelope<'a> {
    pub(crate) fn new(error: &'a dyn ApiError, target: CorrelationId) -> Self {
        Self { error, target }
    }

    /// The correlation id written as `target`.
    ///
    /// ```
    /// # use api_error::ApiError;
    /// # struct Timeout;
    /// # impl ApiError for Timeout {
    /// #     fn code(&self) -> &'static str { "Timeout" }
    /// #     fn status(&self) -> u16 { 504 }
    /// #     fn fmt_message(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
    /// #         f.write_str("The upstream did not answer in time")
    /// #     }
    /// # }
    /// let envelope = Timeout.envelope();
    /// // Log it next to the error, so a caller's report can be found.
    /// println!("{} target={}", envelope.code(), envelope.target());
    /// ```
    #[must_use]
    pub fn target(&self) -> &CorrelationId {
        &self.target
    }

    /// The error this envelope answers with.
    ///
    /// ```
    /// # use api_error::ApiError;
    /// # struct Timeout;
    /// # impl ApiError for Timeout {
    /// #     fn code(&self) -> &'static str { "Timeout" }
    /// #     fn status(&self) -> u16 { 504 }
    /// #     fn fmt_message(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
    /// #         f.write_str("The upstream did not answer in time")
    /// #     }
    /// # }
    /// let envelope = Timeout.envelope();
    /// assert_eq!(envelope.error().message().to_string(), "The upstream did not answer in time");
    /// ```
    #[must_use]
    pub fn error(&self) -> &'a dyn ApiError {
        self.error
    }

    /// The error's code, the same as `self.error().code()`.
    ///
    /// ```
    /// # use api_error::ApiError;
    /// # struct Timeout;
    /// # impl ApiError for Timeout {
    /// #     fn code(&self) -> &'static str { "Timeout" }
    /// #     fn status(&self) -> u16 { 504 }
    /// #     fn fmt_message(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
    /// #         f.write_str("The upstream did not answer in time")
    /// #     }
    /// # }
    /// assert_eq!(Timeout.envelope().code(), "Timeout");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.error.code()
    }

    /// The HTTP status to answer with, the same as `self.error().status()`.
    ///
    /// ```
    /// # use api_error::ApiError;
    /// # struct Timeout;
    /// # impl ApiError for Timeout {
    /// #     fn code(&self) -> &'static str { "Timeout" }
    /// #     fn status(&self) -> u16 { 504 }
    /// #     fn fmt_message(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
    /// #         f.write_str("The upstream did not answer in time")
    /// #     }
    /// # }
    /// assert_eq!(Timeout.envelope().status(), 504);
    /// ```
    #[must_use]
    pub fn status(&self) -> u16 {
        self.error.status()
    }

    /// Appends the envelope's JSON to `out`; with a reused buffer of enough capacity this
    /// does not allocate.
    ///
    /// # Errors
    /// None in practice: writing into a `Vec` cannot fail, and a failing message is cut off
    /// rather than reported (see [`Envelope`]). The `Result` is `serde_json`'s.
    ///
    /// ```
    /// # use api_error::ApiError;
    /// # struct Timeout;
    /// # impl ApiError for Timeout {
    /// #     fn code(&self) -> &'static str { "Timeout" }
    /// #     fn status(&self) -> u16 { 504 }
    /// #     fn fmt_message(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
    /// #         f.write_str("The upstream did not answer in time")
    /// #     }
    /// # }
    /// let mut buf = Vec::with_capacity(256);
    /// for _ in 0..3 {
    ///     buf.clear();
    ///     Timeout.envelope().write_json(&mut buf)?;
    ///     assert!(buf.starts_with(br#"{"error":{"code":"Timeout","#));
    /// }
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        serde_json::to_writer(out, self)
    }

    /// The envelope as a JSON string.
    ///
    /// Never fails and never panics. A failing message is cut off (see [`Envelope`]); the
    /// empty string would be returned only if `serde_json` failed to write into memory, which
    /// it does not.
    ///
    /// ```
    /// # use api_error::ApiError;
    /// # struct Timeout;
    /// # impl ApiError for Timeout {
    /// #     fn code(&self) -> &'static str { "Timeout" }
    /// #     fn status(&self) -> u16 { 504 }
    /// #     fn fmt_message(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
    /// #         f.write_str("The upstream did not answer in time")
    /// #     }
    /// # }
    /// let json = Timeout.envelope().to_json();
    /// assert!(json.starts_with(r#"{"error":{"code":"Timeout","message":"The upstream"#));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        // serde_json::to_string skips re-validating its own UTF-8, unlike String::from_utf8.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl fmt::Debug for Envelope<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Envelope")
            .field("code", &self.code())
            .field("status", &self.status())
            .field("message", &self.error.message())
            .field("target", &self.target)
            .finish()
    }
}

impl Serialize for Envelope<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut outer = serializer.serialize_struct("Envelope", 1)?;
        outer.serialize_field("error", &Body(self))?;
        outer.end()
    }
}

/// The inner `{"code","message","target"}` object, in that key order.
struct Body<'e, 'a>(&'e Envelope<'a>);

impl Serialize for Body<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Envelope { error, target } = self.0;
        let mut body = serializer.serialize_struct("Error", 3)?;
        body.serialize_field("code", error.code())?;
        body.serialize_field("message", &LenientMessage(*error))?;
        body.serialize_field("target", target)?;
        body.end()
    }
}

/// An error's message that swallows failures of the error's own `fmt_message`, cutting the
/// message off there, and reports only failures of the output.
//
// Why: serde_json's `collect_str` panics ("there should be an error") when a `Display` fails
// without its writer failing, and serde's default `collect_str` (`to_string`) panics too.
struct LenientMessage<'a>(&'a dyn ApiError);

impl Serialize for LenientMessage<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // serde_json escapes `collect_str` output straight into its writer: no String.
        serializer.collect_str(self)
    }
}

impl fmt::Display for LenientMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = TrackFailure {
            out: f,
            failed: false,
        };
        // The message's own result is ignored on purpose: only the output's failure counts.
        let _ = fmt::write(&mut out, format_args!("{}", self.0.message()));
        if out.failed { Err(fmt::Error) } else { Ok(()) }
    }
}

/// Forwards to a formatter and remembers whether it ever refused a write.
struct TrackFailure<'f, 'g> {
    out: &'f mut fmt::Formatter<'g>,
    failed: bool,
}

impl fmt::Write for TrackFailure<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // After a refusal nothing more reaches the output, even if the message ignores the error.
        if self.failed || self.out.write_str(s).is_err() {
            self.failed = true;
            return Err(fmt::Error);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::{ApiError, CorrelationId};
    use core::fmt;

    /// Writes part of its message, then fails without the output having failed.
    struct Broken;

    impl ApiError for Broken {
        fn code(&self) -> &'static str {
            "Broken"
        }
        fn status(&self) -> u16 {
            500
        }
        fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("half a ")?;
            Err(fmt::Error)
        }
    }

    fn target() -> CorrelationId {
        CorrelationId::parse("t-1").unwrap()
    }

    #[test]
    fn failing_message_is_cut_off_not_a_panic() {
        let expected = r#"{"error":{"code":"Broken","message":"half a ","target":"t-1"}}"#;
        let envelope = Broken.envelope_with_target(target());
        assert_eq!(envelope.to_json(), expected);
        assert_eq!(serde_json::to_string(&envelope).unwrap(), expected);
        let mut buf = b"prefix ".to_vec();
        envelope.write_json(&mut buf).unwrap();
        assert_eq!(buf, [b"prefix ".as_slice(), expected.as_bytes()].concat());
        assert_eq!(
            serde_json::to_value(&envelope).unwrap()["error"]["message"],
            "half a "
        );
    }

    #[test]
    fn failing_output_is_reported() {
        /// Accepts `limit` bytes, then refuses.
        struct Full {
            limit: usize,
        }
        impl std::io::Write for Full {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                if buf.len() > self.limit {
                    return Err(std::io::Error::other("full"));
                }
                self.limit -= buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let envelope = Broken.envelope_with_target(target());
        let len = envelope.to_json().len();
        // The output fails at every position, inside the message too: an error each time, no panic.
        for limit in 0..len {
            let result = serde_json::to_writer(Full { limit }, &envelope);
            assert!(result.is_err(), "{limit}");
        }
        assert!(serde_json::to_writer(Full { limit: len }, &envelope).is_ok());
    }

    #[test]
    fn debug_shows_every_part() {
        struct Gone;
        impl ApiError for Gone {
            fn code(&self) -> &'static str {
                "Gone"
            }
            fn status(&self) -> u16 {
                410
            }
            fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("It is gone")
            }
        }
        assert_eq!(
            format!("{:?}", Gone.envelope_with_target(target())),
            r#"Envelope { code: "Gone", status: 410, message: It is gone, target: CorrelationId("t-1") }"#
        );
    }
}
