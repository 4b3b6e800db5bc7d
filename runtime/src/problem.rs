//! RFC 9457 problem details, `application/problem+json`, and their serialization.

use core::fmt;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::envelope::{CollectStr, Details, has_details, write_details_json};
use crate::message::{Message, MessageWriter, Out, escape_json_into};
use crate::status::default_message;
use crate::{ApiError, CorrelationId};

/// An error as an RFC 9457 problem details document (`application/problem+json`):
///
/// ```json
/// {"type":"https://errors.example.com/ResourceNotFound","title":"Not Found","status":404,
///  "detail":"Machine 7 was not found","code":"ResourceNotFound","target":"req-42"}
/// ```
///
/// Members, in this order: `type` (the error's [`link`](ApiError::link) when it
/// has one, else the [type base](Problem::with_type_base) followed by the code,
/// else `about:blank`), `title` (the status's
/// reason phrase), `status` (a number), `detail` (the message), and the extension
/// members `code`, `target` (the correlation id, as in the envelope) and
/// `details` (the sub-errors as `{"code","message","target"}`, only when there is
/// at least one). The status is the error's, or 500 when a hand-written impl
/// declares one outside `400..=599`, as the web integrations answer.
///
/// Made by [`ApiError::problem`] or [`ApiError::problem_with_target`]. Like
/// [`Envelope`](crate::Envelope), [`write_json`](Problem::write_json) into a reused
/// buffer allocates nothing, and the `Serialize` impl gives the same bytes; a
/// failing message is cut off, never a panic.
///
/// ```
/// use rest_error::{ApiError, CorrelationId};
///
/// #[derive(ApiError)]
/// #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
/// struct MachineNotFound(u64);
///
/// let problem = MachineNotFound(7)
///     .problem_with_target(CorrelationId::parse("req-42")?)
///     .with_type_base("https://errors.example.com/");
/// let expected = concat!(
///     r#"{"type":"https://errors.example.com/ResourceNotFound","title":"Not Found","status":404,"#,
///     r#""detail":"Machine 7 was not found","code":"ResourceNotFound","target":"req-42"}"#,
/// );
/// assert_eq!(problem.to_json(), expected);
/// assert_eq!(serde_json::to_string(&problem)?, expected);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Problem<'a> {
    error: &'a dyn ApiError,
    target: CorrelationId,
    type_base: Option<&'a str>,
}

impl<'a> Problem<'a> {
    pub(crate) fn new(error: &'a dyn ApiError, target: CorrelationId) -> Self {
        Self {
            error,
            target,
            type_base: None,
        }
    }

    /// Writes `type` as `base` followed by the code: `base` as it is when it ends
    /// in anything but a letter or digit (`https://errors.example.com/`,
    /// `urn:example:errors:`), with a `/` between otherwise
    /// (`https://errors.example.com` also gives `https://errors.example.com/Code`).
    /// Without a base, `type` is `about:blank`.
    #[must_use]
    pub fn with_type_base(mut self, base: &'a str) -> Self {
        self.type_base = Some(base);
        self
    }

    /// The correlation id written as `target`.
    #[must_use]
    pub fn target(&self) -> &CorrelationId {
        &self.target
    }

    /// The error this document describes.
    #[must_use]
    pub fn error(&self) -> &'a dyn ApiError {
        self.error
    }

    /// The HTTP status written as `status`: the error's, or 500 when it is not in `400..=599`.
    #[must_use]
    pub fn status(&self) -> u16 {
        response_status(self.error.status())
    }

    /// Appends the document's JSON to `out`; with a reused buffer of enough capacity
    /// this does not allocate.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        // Byte for byte what the `Serialize` impl gives through serde_json.
        let status = self.status();
        out.extend_from_slice(br#"{"type":""#);
        match (self.error.link(), self.type_base) {
            (Some(link), _) => escape_json_into(out, link),
            (None, Some(base)) => {
                escape_json_into(out, base);
                if needs_separator(base) {
                    out.push(b'/');
                }
                escape_json_into(out, self.error.code());
            }
            (None, None) => out.extend_from_slice(b"about:blank"),
        }
        out.extend_from_slice(br#"","title":""#);
        escape_json_into(out, default_message(status));
        out.extend_from_slice(br#"","status":"#);
        out.extend_from_slice(itoa::Buffer::new().format(status).as_bytes());
        out.extend_from_slice(br#","detail":""#);
        // Writing into a Vec cannot fail; a failing Display only cuts the message short.
        let _ = self
            .error
            .write_message(&mut MessageWriter::new(Out::Json(out)));
        out.extend_from_slice(br#"","code":""#);
        escape_json_into(out, self.error.code());
        out.extend_from_slice(br#"","target":""#);
        self.target.write_json_into(out);
        out.push(b'"');
        write_details_json(self.error, out);
        out.push(b'}');
    }

    /// The document as a JSON string. Never fails and never panics.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(192);
        self.write_json(&mut out);
        // Only whole `&str`s and ASCII are written, so this is always UTF-8.
        String::from_utf8(out).unwrap_or_default()
    }
}

/// The status an error is answered with: its own, or 500 outside `400..=599`.
pub(crate) fn response_status(declared: u16) -> u16 {
    if (400..=599).contains(&declared) {
        declared
    } else {
        500
    }
}

/// Whether a `/` goes between a type base and the code.
fn needs_separator(base: &str) -> bool {
    base.bytes()
        .last()
        .is_some_and(|b| b.is_ascii_alphanumeric())
}

/// The `type` member as a `Display`, for the serde path: the error's own link,
/// else the base followed by the code, else `about:blank`.
struct TypeUri<'a>(&'a dyn ApiError, Option<&'a str>);

impl fmt::Display for TypeUri<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(link) = self.0.link() {
            return f.write_str(link);
        }
        match self.1 {
            Some(base) => {
                f.write_str(base)?;
                if needs_separator(base) {
                    f.write_str("/")?;
                }
                f.write_str(self.0.code())
            }
            None => f.write_str("about:blank"),
        }
    }
}

impl fmt::Debug for Problem<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Problem")
            .field("type", &TypeUri(self.error, self.type_base).to_string())
            .field("status", &self.status())
            .field("detail", &self.error.message())
            .field("code", &self.error.code())
            .field("target", &self.target)
            .finish()
    }
}

impl Serialize for Problem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let status = self.status();
        let mut doc = serializer.serialize_struct("Problem", 7)?;
        doc.serialize_field("type", &CollectStr(TypeUri(self.error, self.type_base)))?;
        doc.serialize_field("title", default_message(status))?;
        doc.serialize_field("status", &status)?;
        doc.serialize_field("detail", &CollectStr(Message(self.error)))?;
        doc.serialize_field("code", self.error.code())?;
        doc.serialize_field("target", &self.target)?;
        if has_details(self.error) {
            doc.serialize_field("details", &Details(self.error))?;
        } else {
            doc.skip_field("details")?;
        }
        doc.end()
    }
}

#[cfg(test)]
mod tests {
    use core::fmt;

    use crate::{ApiError, CorrelationId, MessageWriter, SubError};

    struct Odd {
        status: u16,
        message: &'static str,
    }

    impl ApiError for Odd {
        fn code(&self) -> &'static str {
            "Odd\"Code"
        }
        fn status(&self) -> u16 {
            self.status
        }
        fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
            w.text(self.message)?;
            w.field(&"<\"quoted\"\\ \n\t\u{1} é 😀>")
        }
    }

    /// A validation error with sub-errors.
    struct Invalid(Vec<SubError<Odd>>);

    impl ApiError for Invalid {
        fn code(&self) -> &'static str {
            "InvalidInput"
        }
        fn status(&self) -> u16 {
            400
        }
        fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
            w.field(&self.0.len())?;
            w.text(" fields are invalid")
        }
        fn details(&self, detail: &mut dyn FnMut(&dyn crate::ErrorDetail)) {
            for sub in &self.0 {
                detail(sub);
            }
        }
    }

    fn target() -> CorrelationId {
        CorrelationId::parse("t-\"1\\").unwrap()
    }

    /// The writer and the serde path agree, and both give valid JSON with the expected values.
    fn same(problem: &super::Problem<'_>) -> serde_json::Value {
        let direct = problem.to_json();
        assert_eq!(serde_json::to_string(problem).unwrap(), direct);
        let mut buf = b"prefix ".to_vec();
        problem.write_json(&mut buf);
        assert_eq!(buf, [b"prefix ".as_slice(), direct.as_bytes()].concat());
        serde_json::from_str(&direct).unwrap()
    }

    #[test]
    fn members_in_order_with_escaping() {
        let error = Odd {
            status: 404,
            message: "Machine \"7\" ",
        };
        let problem = error.problem_with_target(target());
        let expected = concat!(
            r#"{"type":"about:blank","title":"Not Found","status":404,"#,
            r#""detail":"Machine \"7\" <\"quoted\"\\ \n\t\u0001 é 😀>","#,
            r#""code":"Odd\"Code","target":"t-\"1\\"}"#
        );
        assert_eq!(problem.to_json(), expected);
        let value = same(&problem);
        assert_eq!(value["target"], "t-\"1\\");
        assert_eq!(value["code"], "Odd\"Code");
    }

    #[test]
    fn a_link_is_the_type_whatever_the_base() {
        struct Linked;
        impl ApiError for Linked {
            fn code(&self) -> &'static str {
                "index_not_found"
            }
            fn status(&self) -> u16 {
                404
            }
            fn write_message(&self, w: &mut crate::MessageWriter<'_>) -> core::fmt::Result {
                w.text("gone")
            }
            fn link(&self) -> Option<&'static str> {
                Some("https://docs.example.com/errors#index_not_found")
            }
        }
        for problem in [
            Linked.problem_with_target(target()),
            Linked
                .problem_with_target(target())
                .with_type_base("https://errors.example.com/"),
        ] {
            let value = same(&problem);
            assert_eq!(
                value["type"],
                "https://docs.example.com/errors#index_not_found"
            );
        }
    }

    #[test]
    fn type_base_and_separator() {
        let error = Odd {
            status: 409,
            message: "",
        };
        for (base, expected) in [
            (
                "https://errors.example.com/",
                "https://errors.example.com/Odd\"Code",
            ),
            (
                "https://errors.example.com",
                "https://errors.example.com/Odd\"Code",
            ),
            ("urn:example:errors:", "urn:example:errors:Odd\"Code"),
            ("https://x.example/doc#", "https://x.example/doc#Odd\"Code"),
            (
                "https://x.example/\"q\"",
                "https://x.example/\"q\"Odd\"Code",
            ),
        ] {
            let problem = error.problem_with_target(target()).with_type_base(base);
            let value = same(&problem);
            assert_eq!(value["type"], expected, "{base}");
            assert_eq!(value["title"], "Conflict");
            assert_eq!(value["status"], 409);
        }
    }

    #[test]
    fn status_outside_the_error_range_is_500_and_unregistered_titles_are_generic() {
        for (status, answered, title) in [
            (200, 500, "Internal Server Error"),
            (99, 500, "Internal Server Error"),
            (499, 499, "Client Error"),
            (599, 599, "Server Error"),
            (418, 418, "Client Error"),
        ] {
            let error = Odd {
                status,
                message: "",
            };
            let problem = error.problem();
            assert_eq!(problem.status(), answered);
            let value = same(&problem);
            assert_eq!(value["status"], answered);
            assert_eq!(value["title"], title);
            assert_eq!(problem.target().as_str().len(), 36);
        }
    }

    #[test]
    fn details_only_when_there_are_some() {
        let none = Invalid(Vec::new());
        let value = same(&none.problem_with_target(target()));
        assert!(value.get("details").is_none(), "{value}");

        let two = Invalid(vec![
            SubError::new(
                Odd {
                    status: 400,
                    message: "a",
                },
                "name",
            ),
            SubError::new(
                Odd {
                    status: 400,
                    message: "b",
                },
                "ids[1]\"\n",
            ),
        ]);
        let problem = two.problem_with_target(target());
        let expected_tail = concat!(
            r#""code":"InvalidInput","target":"t-\"1\\","details":["#,
            r#"{"code":"Odd\"Code","message":"a<\"quoted\"\\ \n\t\u0001 é 😀>","target":"name"},"#,
            r#"{"code":"Odd\"Code","message":"b<\"quoted\"\\ \n\t\u0001 é 😀>","target":"ids[1]\"\n"}]}"#
        );
        assert!(
            problem.to_json().ends_with(expected_tail),
            "{}",
            problem.to_json()
        );
        let value = same(&problem);
        assert_eq!(value["details"].as_array().map(Vec::len), Some(2));
        assert_eq!(value["detail"], "2 fields are invalid");
    }

    #[test]
    fn debug_shows_every_part() {
        let error = Odd {
            status: 404,
            message: "m",
        };
        let debug = format!(
            "{:?}",
            error
                .problem_with_target(CorrelationId::parse("t").unwrap())
                .with_type_base("https://e.example/")
        );
        assert!(
            debug.starts_with(
                r#"Problem { type: "https://e.example/Odd\"Code", status: 404, detail: "m<"#
            ),
            "{debug}"
        );
        assert!(
            debug.ends_with(r#"code: "Odd\"Code", target: CorrelationId("t") }"#),
            "{debug}"
        );
    }
}
