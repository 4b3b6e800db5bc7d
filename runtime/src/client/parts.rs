//! [`ErrorResponse::from_parts`]: any HTTP response a client got, as an error,
//! whatever its body.

use core::fmt;

use super::parse::{ParseError, read_json};
use super::problem::Fallback;
use super::{CommonCode, ErrorBody, ErrorResponse};
use crate::status::default_message;

/// An error response as a client received it: its status, the error it
/// carries (read from the body, or made from the status and headers when the
/// body is no error document), and what the body was.
///
/// Made by [`ErrorResponse::from_parts`]. `Display` writes the status, code and
/// message on one line (each cut and escaped: they come from the network), and
/// it is a [`std::error::Error`], so it can be returned with `?`.
/// `#[non_exhaustive]`: more of the response (such as `Retry-After`) may be
/// kept in a minor release; build one with [`ErrorResponse::from_parts`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ReceivedError {
    /// The HTTP status of the response.
    pub status: u16,
    /// The error: as the body says it, or made from the headers and status.
    pub error: ErrorBody,
    /// What the body was; the raw text when it was not an error document.
    pub body: BodyKind,
    /// The language of `error.message`, from the response's `Content-Language`
    /// (`sv`, as servers of this crate send it for a message in Swedish); a
    /// list (`sv, en`) is kept as sent. `None` without the header, when it is
    /// not a list of well-formed language tags, or when the body is no error
    /// document (the message is then the status's English reason phrase).
    pub content_language: Option<String>,
}

/// What the body of a [`ReceivedError`] was.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum BodyKind {
    /// An error envelope, `{"error":{...}}`.
    Envelope,
    /// An RFC 9457 problem document.
    Problem,
    /// Anything else: an HTML page from a gateway, an empty body, a JSON body
    /// that is no error document, a body over the size limit, invalid UTF-8…
    NotAnErrorDocument {
        /// The start of the body, for diagnostics: at most
        /// [`ErrorResponse::MAX_RAW_BODY_BYTES`] bytes of it, invalid UTF-8
        /// replaced by U+FFFD, cut on a character boundary.
        raw: String,
        /// Whether `raw` is only the start of a longer body.
        truncated: bool,
        /// Why the body is no error document.
        reason: ParseError,
    },
}

impl ErrorResponse {
    /// How much of a body that is no error document [`ErrorResponse::from_parts`]
    /// keeps, in bytes: 4 KiB.
    pub const MAX_RAW_BODY_BYTES: usize = 4 * 1024;

    /// Reads any HTTP response a client may get as an error: its status, its
    /// headers and its body. Never fails and never panics.
    ///
    /// - The body is read as [`ErrorResponse::from_slice`] reads it: an
    ///   envelope or a problem document, within the same limits.
    /// - When it is neither (a gateway's HTML page, an empty body, a JSON body
    ///   such as `{"status":"ok"}`), the error is made from the response: its
    ///   code is the `x-ms-error-code` header, or else
    ///   [`CommonCode::for_status`] (404 gives `NotFound`, 502 `BadGateway`);
    ///   its message is the status's reason phrase (`"Bad Gateway"`); and the
    ///   start of the body is kept in [`BodyKind::NotAnErrorDocument`].
    /// - A problem document without a `code` member takes it from the
    ///   `x-ms-error-code` header, else from the last segment of its `type`,
    ///   else from the status (see the [module docs](crate::client)).
    /// - A `target` missing from the body is taken from the `x-request-id`
    ///   header, which servers of this crate send with the same id.
    ///
    /// Header names match in any case; a header value that is not 1 to 128
    /// visible ASCII characters is ignored. `headers` is any iterator of
    /// name/value pairs of bytes or text, so an `http::HeaderMap` (reqwest,
    /// hyper, ureq 3, axum) is passed as `response.headers()`, and a list of
    /// pairs as is:
    ///
    /// ```
    /// use rest_error::{CommonCode, ErrorResponse};
    /// use rest_error::client::BodyKind;
    ///
    /// let html = b"<html><body><h1>502 Bad Gateway</h1></body></html>";
    /// let received = ErrorResponse::from_parts(502, [("Content-Type", "text/html")], html);
    /// assert_eq!(received.error.common_code(), CommonCode::Other("BadGateway".to_owned()));
    /// assert_eq!(received.error.message, "Bad Gateway");
    /// assert!(matches!(received.body, BodyKind::NotAnErrorDocument { ref raw, .. } if raw.contains("502")));
    ///
    /// // An error document is read as such.
    /// let body = br#"{"error":{"code":"ResourceNotFound","message":"Machine 7 was not found"}}"#;
    /// let headers = [("x-ms-error-code", "ResourceNotFound"), ("x-request-id", "req-7")];
    /// let received = ErrorResponse::from_parts(404, headers, body);
    /// assert_eq!(received.error.common_code(), CommonCode::ResourceNotFound);
    /// assert_eq!(received.error.target.as_deref(), Some("req-7"));
    /// assert_eq!(received.body, BodyKind::Envelope);
    ///
    /// // A message in another language says which, in `Content-Language`.
    /// let body = r#"{"error":{"code":"ResourceNotFound","message":"Datorn 7 hittades inte."}}"#;
    /// let received = ErrorResponse::from_parts(404, [("Content-Language", "sv")], body.as_bytes());
    /// assert_eq!(received.content_language.as_deref(), Some("sv"));
    /// ```
    ///
    /// With reqwest, once the body is read:
    /// `ErrorResponse::from_parts(response.status().as_u16(), response.headers(), &body)`
    /// (`tests/test_client.rs` does the same with hyper against a real server).
    pub fn from_parts<N, V>(
        status: u16,
        headers: impl IntoIterator<Item = (N, V)>,
        body: &[u8],
    ) -> ReceivedError
    where
        N: AsRef<[u8]>,
        V: AsRef<[u8]>,
    {
        let mut header_code = None;
        let mut request_id = None;
        let mut content_language = None;
        for (name, value) in headers {
            let name = name.as_ref();
            if header_code.is_none() && name.eq_ignore_ascii_case(b"x-ms-error-code") {
                header_code = token(value.as_ref());
            } else if request_id.is_none() && name.eq_ignore_ascii_case(b"x-request-id") {
                request_id = token(value.as_ref());
            } else if content_language.is_none() && name.eq_ignore_ascii_case(b"content-language") {
                content_language = language_list(value.as_ref());
            }
        }
        let fallback = Fallback {
            header_code: header_code.as_deref(),
            status: Some(status),
        };
        match read_json(body).and_then(|value| ErrorResponse::from_json(value, &fallback)) {
            Ok((ErrorResponse { mut error }, kind)) => {
                if error.target.is_none() {
                    error.target = request_id;
                }
                ReceivedError {
                    status,
                    error,
                    body: kind,
                    content_language,
                }
            }
            Err(reason) => {
                let (raw, truncated) = raw_text(body);
                ReceivedError {
                    status,
                    error: ErrorBody {
                        code: header_code
                            .unwrap_or_else(|| CommonCode::for_status(status).to_string()),
                        message: default_message(status).to_owned(),
                        target: request_id,
                        details: Vec::new(),
                        innererror: None,
                    },
                    body: BodyKind::NotAnErrorDocument {
                        raw,
                        truncated,
                        reason,
                    },
                    content_language: None,
                }
            }
        }
    }
}

/// A header value usable as a code or id: 1 to 128 visible ASCII characters
/// once surrounding whitespace is trimmed.
fn token(value: &[u8]) -> Option<String> {
    let value = value.trim_ascii();
    let usable = (1..=128).contains(&value.len()) && value.iter().all(u8::is_ascii_graphic);
    usable
        .then(|| core::str::from_utf8(value).ok().map(str::to_owned))
        .flatten()
}

/// A `Content-Language` value (RFC 9110 §8.5): one or more language tags,
/// comma-separated, each well-formed ([`is_language_tag`](crate::lang::is_language_tag)),
/// at most 128 bytes.
fn language_list(value: &[u8]) -> Option<String> {
    let value = core::str::from_utf8(value).ok()?.trim_ascii();
    let well_formed = (1..=128).contains(&value.len())
        && value
            .split(',')
            .all(|tag| crate::lang::is_language_tag(tag.trim_ascii()));
    well_formed.then(|| value.to_owned())
}

/// The start of `body` as text: at most [`ErrorResponse::MAX_RAW_BODY_BYTES`]
/// bytes, invalid UTF-8 replaced, never ending in half a character; and
/// whether anything was left out.
fn raw_text(body: &[u8]) -> (String, bool) {
    let limit = ErrorResponse::MAX_RAW_BODY_BYTES;
    let mut end = body.len().min(limit);
    // Don't cut a character in two: back off over its continuation bytes
    // (a UTF-8 character has at most 3 of them).
    let mut backed_off = 0;
    while end > 0 && backed_off < 3 && body.get(end).is_some_and(|&byte| byte & 0xC0 == 0x80) {
        end -= 1;
        backed_off += 1;
    }
    let mut text = String::from_utf8_lossy(body.get(..end).unwrap_or_default()).into_owned();
    // Each replaced byte may have grown to three.
    if text.len() > limit {
        let mut cut = limit;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    let truncated = end < body.len();
    (text, truncated)
}

/// How much of a code or message `Display` writes, in characters.
const MAX_DISPLAYED_CHARS: usize = 200;

/// `HTTP 404 ResourceNotFound: Machine 7 was not found`.
///
/// ```
/// use rest_error::ErrorResponse;
///
/// let received = ErrorResponse::from_parts(503, [("x-ms-error-code", "Overloaded")], b"");
/// assert_eq!(received.to_string(), "HTTP 503 Overloaded: Service Unavailable");
/// ```
impl fmt::Display for ReceivedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {} ", self.status)?;
        write_capped(f, &self.error.code)?;
        f.write_str(": ")?;
        write_capped(f, &self.error.message)
    }
}

/// Writes text from the network escaped (no control characters reach a log)
/// and cut to [`MAX_DISPLAYED_CHARS`].
fn write_capped(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    let mut chars = text.chars();
    for c in chars.by_ref().take(MAX_DISPLAYED_CHARS) {
        if c.is_control() {
            write!(f, "{}", c.escape_default())?;
        } else {
            fmt::Write::write_char(f, c)?;
        }
    }
    if chars.next().is_some() {
        f.write_str("…")?;
    }
    Ok(())
}

impl core::error::Error for ReceivedError {}

#[cfg(test)]
mod tests {
    use super::{raw_text, token};
    use crate::ErrorResponse;

    #[test]
    fn raw_text_cuts_on_a_char_boundary() {
        let limit = crate::ErrorResponse::MAX_RAW_BODY_BYTES;
        let mut body = vec![b'a'; limit - 1];
        body.extend_from_slice("é".as_bytes()); // straddles the limit
        body.extend_from_slice(b"tail");
        let (text, truncated) = raw_text(&body);
        assert!(truncated);
        assert_eq!(text.len(), limit - 1);
        assert!(text.bytes().all(|b| b == b'a'));

        let (text, truncated) = raw_text("é".repeat(limit).as_bytes());
        assert!(truncated);
        assert_eq!(text, "é".repeat(limit / 2));

        let (text, truncated) = raw_text(&[0xff; 8 * 1024]);
        assert!(truncated);
        assert!(text.len() <= limit);
        assert!(text.chars().all(|c| c == '\u{fffd}'));

        assert_eq!(raw_text(b""), (String::new(), false));
        assert_eq!(raw_text(b"ok"), ("ok".to_owned(), false));
    }

    #[test]
    fn content_language_is_kept_when_well_formed() {
        use super::language_list;
        for (value, kept) in [
            ("sv", Some("sv")),
            (" sv-SE ", Some("sv-SE")),
            ("sv, en", Some("sv, en")),
            ("", None),
            ("sv_SE", None),
            ("sv;q=1", None),
            ("s\r\nx: y", None),
            ("*", None),
        ] {
            assert_eq!(
                language_list(value.as_bytes()).as_deref(),
                kept,
                "{value:?}"
            );
        }
        assert_eq!(language_list(&[0xff, b's', b'v']), None);
        assert_eq!(language_list("en,".repeat(60).as_bytes()), None);
        let body =
            r#"{"error":{"code":"NotFound","message":"Den begärda resursen hittades inte."}}"#
                .as_bytes();
        let received = ErrorResponse::from_parts(
            404,
            [("x-request-id", "r"), ("CONTENT-LANGUAGE", "sv")],
            body,
        );
        assert_eq!(received.content_language.as_deref(), Some("sv"));
        // No error document: the message is the English reason phrase.
        let received = ErrorResponse::from_parts(502, [("content-language", "sv")], b"<html>");
        assert_eq!(received.content_language, None);
        assert_eq!(received.error.message, "Bad Gateway");
        let received = ErrorResponse::from_parts(404, [("x", "y")], body);
        assert_eq!(received.content_language, None);
    }

    #[test]
    fn header_tokens() {
        assert_eq!(token(b" NotFound "), Some("NotFound".to_owned()));
        assert_eq!(token(b""), None);
        assert_eq!(token(b"two words"), None);
        assert_eq!(token(b"caf\xc3\xa9"), None);
        assert_eq!(token(&[b'a'; 129]), None);
        assert_eq!(token(&[b'a'; 128]).map(|t| t.len()), Some(128));
    }
}
