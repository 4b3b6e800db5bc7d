//! The JSON envelope `{"error":{"code","message","target"}}` and its serialization.

use core::fmt;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::message::{Message, MessageWriter, Out, escape_json_into, write_lenient};
use crate::{ApiError, CorrelationId, ErrorDetail};

/// An error as it is answered to the caller: `{"error":{"code":…,"message":…,"target":…}}`.
///
/// Made by [`ApiError::envelope`] or [`ApiError::envelope_with_target`]. Serializing it writes
/// the message straight into the output, so with a reused buffer it does not allocate.
///
/// If the error's [`write_message`](ApiError::write_message) fails on its own (not because the
/// output failed), the message is cut off where it failed and the rest of the envelope is
/// still written. Serialization never panics because of it.
///
/// ```
/// use rest_error::{ApiError, CorrelationId};
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
///     fn write_message(&self, w: &mut rest_error::MessageWriter<'_>) -> fmt::Result {
///         w.text("Machine ")?;
///         w.field(&self.0)?;
///         w.text(" was not found")
///     }
/// }
///
/// let target = CorrelationId::parse("req-42")?;
/// let envelope = MachineNotFound(7).envelope_with_target(target);
/// assert_eq!(
///     envelope.to_json(),
///     r#"{"error":{"code":"ResourceNotFound","message":"Machine 7 was not found","target":"req-42"}}"#,
/// );
/// # Ok::<(), rest_error::InvalidCorrelationId>(())
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
    /// # use rest_error::ApiError;
    /// # struct Timeout;
    /// # impl ApiError for Timeout {
    /// #     fn code(&self) -> &'static str { "Timeout" }
    /// #     fn status(&self) -> u16 { 504 }
    /// #     fn write_message(&self, w: &mut rest_error::MessageWriter<'_>) -> core::fmt::Result {
    /// #         w.text("The upstream did not answer in time")
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
    /// # use rest_error::ApiError;
    /// # struct Timeout;
    /// # impl ApiError for Timeout {
    /// #     fn code(&self) -> &'static str { "Timeout" }
    /// #     fn status(&self) -> u16 { 504 }
    /// #     fn write_message(&self, w: &mut rest_error::MessageWriter<'_>) -> core::fmt::Result {
    /// #         w.text("The upstream did not answer in time")
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
    /// # use rest_error::ApiError;
    /// # struct Timeout;
    /// # impl ApiError for Timeout {
    /// #     fn code(&self) -> &'static str { "Timeout" }
    /// #     fn status(&self) -> u16 { 504 }
    /// #     fn write_message(&self, w: &mut rest_error::MessageWriter<'_>) -> core::fmt::Result {
    /// #         w.text("The upstream did not answer in time")
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
    /// # use rest_error::ApiError;
    /// # struct Timeout;
    /// # impl ApiError for Timeout {
    /// #     fn code(&self) -> &'static str { "Timeout" }
    /// #     fn status(&self) -> u16 { 504 }
    /// #     fn write_message(&self, w: &mut rest_error::MessageWriter<'_>) -> core::fmt::Result {
    /// #         w.text("The upstream did not answer in time")
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
    /// # use rest_error::ApiError;
    /// # struct Timeout;
    /// # impl ApiError for Timeout {
    /// #     fn code(&self) -> &'static str { "Timeout" }
    /// #     fn status(&self) -> u16 { 504 }
    /// #     fn write_message(&self, w: &mut rest_error::MessageWriter<'_>) -> core::fmt::Result {
    /// #         w.text("The upstream did not answer in time")
    /// #     }
    /// # }
    /// let mut buf = Vec::with_capacity(256);
    /// for _ in 0..3 {
    ///     buf.clear();
    ///     Timeout.envelope().write_json(&mut buf);
    ///     assert!(buf.starts_with(br#"{"error":{"code":"Timeout","#));
    /// }
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) {
        // Byte for byte what the `Serialize` impl gives through serde_json, written
        // directly: the fixed JSON text is copied, only the values are escaped, and a
        // derived message copies its template text pre-escaped.
        out.extend_from_slice(br#"{"error":{"code":""#);
        escape_json_into(out, self.error.code());
        out.extend_from_slice(br#"","message":""#);
        // Writing into a Vec cannot fail, and a field's failing Display only cuts
        // that field short: there is no error to report.
        let _ = self
            .error
            .write_message(&mut MessageWriter::new(Out::Json(out)));
        out.extend_from_slice(br#"","target":""#);
        self.target.write_json_into(out);
        out.push(b'"');
        write_details_json(self.error, out);
        out.extend_from_slice(b"}}");
    }
    /// The envelope as a JSON string.
    ///
    /// Never fails and never panics. A failing message is cut off (see [`Envelope`]); the
    /// empty string would be returned only if `serde_json` failed to write into memory, which
    /// it does not.
    ///
    /// ```
    /// # use rest_error::ApiError;
    /// # struct Timeout;
    /// # impl ApiError for Timeout {
    /// #     fn code(&self) -> &'static str { "Timeout" }
    /// #     fn status(&self) -> u16 { 504 }
    /// #     fn write_message(&self, w: &mut rest_error::MessageWriter<'_>) -> core::fmt::Result {
    /// #         w.text("The upstream did not answer in time")
    /// #     }
    /// # }
    /// let json = Timeout.envelope().to_json();
    /// assert!(json.starts_with(r#"{"error":{"code":"Timeout","message":"The upstream"#));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(128);
        self.write_json(&mut out);
        // Only whole `&str`s and ASCII are written, so this is always UTF-8.
        String::from_utf8(out).unwrap_or_default()
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

/// Serializes a `Display` with `collect_str`, which `serde_json` escapes straight into
/// its writer: no intermediate `String`.
pub(crate) struct CollectStr<T>(pub(crate) T);

impl<T: fmt::Display> Serialize for CollectStr<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// The inner `{"code","message","target"}` object, in that key order.
struct Body<'e, 'a>(&'e Envelope<'a>);

impl Serialize for Body<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Envelope { error, target } = self.0;
        let mut body = serializer.serialize_struct("Error", 4)?;
        body.serialize_field("code", error.code())?;
        body.serialize_field("message", &CollectStr(Message(*error)))?;
        body.serialize_field("target", target)?;
        if has_details(*error) {
            body.serialize_field("details", &Details(*error))?;
        } else {
            body.skip_field("details")?;
        }
        body.end()
    }
}

/// Whether `error` has at least one sub-error: `details` is written only then.
pub(crate) fn has_details(error: &dyn ApiError) -> bool {
    let mut any = false;
    error.details(&mut |_| any = true);
    any
}

/// `,"details":[{"code","message","target"},…]` when `error` has sub-errors,
/// nothing otherwise; byte for byte what the `Serialize` impl gives.
pub(crate) fn write_details_json(error: &dyn ApiError, out: &mut Vec<u8>) {
    let mut first = true;
    error.details(&mut |detail| {
        out.extend_from_slice(if first {
            br#","details":[{"code":""#
        } else {
            br#",{"code":""#
        });
        first = false;
        escape_json_into(out, detail.code());
        out.extend_from_slice(br#"","message":""#);
        let _ = detail.write_message(&mut MessageWriter::new(Out::Json(out)));
        out.extend_from_slice(br#"","target":""#);
        escape_json_into(out, detail.target());
        out.extend_from_slice(br#""}"#);
    });
    if !first {
        out.push(b']');
    }
}

/// The `details` array, serialized element by element as the error lists them.
pub(crate) struct Details<'a>(pub(crate) &'a dyn ApiError);

impl Serialize for Details<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq as _;
        let mut seq = serializer.serialize_seq(None)?;
        let mut failed = None;
        self.0.details(&mut |detail| {
            if failed.is_none()
                && let Err(err) = seq.serialize_element(&DetailBody(detail))
            {
                failed = Some(err);
            }
        });
        match failed {
            Some(err) => Err(err),
            None => seq.end(),
        }
    }
}

/// One sub-error as `{"code","message","target"}`.
struct DetailBody<'a>(&'a dyn ErrorDetail);

impl Serialize for DetailBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let detail = self.0;
        let mut body = serializer.serialize_struct("ErrorDetail", 3)?;
        body.serialize_field("code", detail.code())?;
        body.serialize_field("message", &CollectStr(DetailMessage(detail)))?;
        body.serialize_field("target", detail.target())?;
        body.end()
    }
}

/// A sub-error's message as a `Display`.
struct DetailMessage<'a>(&'a dyn ErrorDetail);

impl fmt::Display for DetailMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_lenient(f, |w| self.0.write_message(w))
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
        fn write_message(&self, w: &mut rest_error::MessageWriter<'_>) -> fmt::Result {
            w.text("half a ")?;
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
        envelope.write_json(&mut buf);
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

    /// A validation error with one sub-error per invalid field.
    struct Invalid(Vec<crate::SubError<Broken>>);

    impl ApiError for Invalid {
        fn code(&self) -> &'static str {
            "InvalidInput"
        }
        fn status(&self) -> u16 {
            400
        }
        fn write_message(&self, w: &mut rest_error::MessageWriter<'_>) -> fmt::Result {
            w.field(&self.0.len())?;
            w.text(" fields are invalid")
        }
        fn details(&self, detail: &mut dyn FnMut(&dyn crate::ErrorDetail)) {
            for sub in &self.0 {
                detail(sub);
            }
        }
    }

    #[test]
    fn details_follow_target_only_when_there_are_some() {
        let empty = Invalid(Vec::new());
        let none = empty.envelope_with_target(target());
        let expected =
            r#"{"error":{"code":"InvalidInput","message":"0 fields are invalid","target":"t-1"}}"#;
        assert_eq!(none.to_json(), expected);
        assert_eq!(serde_json::to_string(&none).unwrap(), expected);

        let two = Invalid(vec![
            crate::SubError::new(Broken, "name"),
            crate::SubError::new(Broken, "ids[1]\"\n"),
        ]);
        let envelope = two.envelope_with_target(target());
        let expected = concat!(
            r#"{"error":{"code":"InvalidInput","message":"2 fields are invalid","target":"t-1","details":["#,
            r#"{"code":"Broken","message":"half a ","target":"name"},"#,
            r#"{"code":"Broken","message":"half a ","target":"ids[1]\"\n"}]}}"#
        );
        assert_eq!(envelope.to_json(), expected);
        assert_eq!(serde_json::to_string(&envelope).unwrap(), expected);
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
            fn write_message(&self, w: &mut rest_error::MessageWriter<'_>) -> fmt::Result {
                w.text("It is gone")
            }
        }
        assert_eq!(
            format!("{:?}", Gone.envelope_with_target(target())),
            r#"Envelope { code: "Gone", status: 410, message: "It is gone", target: CorrelationId("t-1") }"#
        );
    }
}
