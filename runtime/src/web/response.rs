//! The neutral error response: status, headers and body bytes, which each
//! adapter only copies into its framework's response type.

use std::borrow::Cow;

use super::language::Speech;
use super::{CONTEXT, Detail, ErrorContext, WebSettings, log_response};
use crate::problem::response_status;
use crate::{ApiError, CorrelationId};

/// A response in neutral terms, ready to be turned into a framework's
/// response: an error response, or `Json`'s success.
#[derive(Debug)]
pub struct ErrorParts {
    /// The HTTP status: in `400..=599` for an error.
    pub(crate) status: u16,
    /// Header names (valid tokens, any case) and values (visible ASCII and spaces).
    pub(crate) headers: Vec<(Cow<'static, str>, Cow<'static, str>)>,
    /// The body, in the request's format.
    pub(crate) body: Vec<u8>,
}

impl ErrorParts {
    /// Appends the response's headers to `headers`.
    pub(crate) fn write_headers(&self, headers: &mut impl Headers) {
        for (name, value) in &self.headers {
            match value {
                Cow::Borrowed(value) => headers.put_static(name, value, false),
                Cow::Owned(value) => headers.put(name, value, false),
            }
        }
    }
}

/// A framework's header map, as the core writes into it.
pub(crate) trait Headers {
    /// Adds header `name: value` (valid, as the core makes them; one the
    /// framework refuses is left out), replacing any of that name when `replace`.
    fn put(&mut self, name: &str, value: &str, replace: bool);

    /// [`put`](Self::put) for a value that lives as long as the program: a
    /// map may keep it without a copy.
    fn put_static(&mut self, name: &str, value: &'static str, replace: bool) {
        self.put(name, value, replace);
    }

    /// Whether `value` is the one value of header `name` already.
    fn holds(&self, name: &str, value: &str) -> bool;
}

/// The longest value accepted from [`ApiError::headers`].
const MAX_HEADER_VALUE: usize = 4096;

/// Builds the response for `error`, with the current request's id, settings
/// and format (or a fresh id and the defaults outside the middleware), and logs it.
pub(crate) fn error_parts(error: &dyn ApiError, detail: Detail<'_>) -> ErrorParts {
    CONTEXT
        .try_with(|context| {
            build(
                error,
                detail,
                &context.id,
                &context.settings,
                Some(context.format),
                context.accept_language.as_str(),
            )
        })
        .unwrap_or_else(|_| {
            build(
                error,
                detail,
                &CorrelationId::new(),
                &WebSettings::DEFAULT,
                None,
                None,
            )
        })
}

/// Builds the response for `error` with `id` as its target, with the current
/// request's settings and format (or the defaults outside the middleware).
pub(crate) fn error_parts_with_id(
    error: &dyn ApiError,
    detail: Detail<'_>,
    id: &CorrelationId,
) -> ErrorParts {
    CONTEXT
        .try_with(|context| {
            build(
                error,
                detail,
                id,
                &context.settings,
                Some(context.format),
                context.accept_language.as_str(),
            )
        })
        .unwrap_or_else(|_| build(error, detail, id, &WebSettings::DEFAULT, None, None))
}

/// Builds the response for a body rejection, with the code and status the
/// current request's settings remap its kind to, if they do.
pub(crate) fn rejection_parts(rejection: &super::JsonRejection) -> ErrorParts {
    let remap = CONTEXT
        .try_with(|context| context.settings.rejection_remap(rejection.kind()))
        .ok()
        .flatten();
    let detail = Detail::error(rejection);
    let mut parts = match remap {
        Some((code, status)) => error_parts(
            &Remapped {
                inner: rejection,
                code,
                status,
            },
            detail,
        ),
        None => error_parts(rejection, detail),
    };
    // The rest of an oversize body is never read, so the server closes the
    // connection after answering: said in the response, a client does not
    // send its next request into a closing connection.
    if rejection.kind() == super::RejectionKind::TooLarge {
        parts
            .headers
            .push((Cow::Borrowed("connection"), Cow::Borrowed("close")));
    }
    parts
}

/// The status a body rejection answers with: its own, or the one the current
/// request's settings remap its kind to.
#[cfg_attr(not(feature = "actix-web"), allow(dead_code))] // actix asks for it apart
pub(crate) fn rejection_status(rejection: &super::JsonRejection) -> u16 {
    CONTEXT
        .try_with(|context| context.settings.rejection_remap(rejection.kind()))
        .ok()
        .flatten()
        .map_or_else(|| rejection.status(), |(_, status)| status)
}

/// A rejection answered with the service's code and status, and its own message.
struct Remapped<'a> {
    inner: &'a super::JsonRejection,
    code: &'static str,
    status: u16,
}

impl ApiError for Remapped<'_> {
    fn code(&self) -> &'static str {
        self.code
    }

    fn status(&self) -> u16 {
        self.status
    }

    fn write_message(&self, w: &mut crate::MessageWriter<'_>) -> core::fmt::Result {
        self.inner.write_message(w)
    }

    fn languages(&self) -> &'static [&'static str] {
        self.inner.languages()
    }

    fn write_message_in(&self, lang: &str, w: &mut crate::MessageWriter<'_>) -> core::fmt::Result {
        self.inner.write_message_in(lang, w)
    }
    fn message_values(&self, value: &mut dyn FnMut(&'static str, &dyn core::fmt::Display)) {
        self.inner.message_values(value);
    }
}

/// Builds and logs the response for `error` with the given `target` and
/// settings, in the format negotiated for the request (`None`: no negotiation
/// happened, the default format and no `Vary`) and, for an error with more
/// than one language, in the language its `Accept-Language` picks. The log
/// event is the error's own, in its default language.
pub(crate) fn build(
    error: &dyn ApiError,
    detail: Detail<'_>,
    target: &CorrelationId,
    settings: &WebSettings,
    negotiated: Option<usize>,
    accept_language: Option<&str>,
) -> ErrorParts {
    let declared = error.status();
    // A hand-written impl may return anything; an error response is never a success.
    let status = response_status(declared);
    let code = error.code();
    let format = settings.format(negotiated.unwrap_or(0));
    let mut headers: Vec<(Cow<'static, str>, Cow<'static, str>)> = Vec::with_capacity(6);
    headers.push((
        Cow::Borrowed("content-type"),
        Cow::Borrowed(format.media_type()),
    ));
    let vary_accept = negotiated.is_some() && !settings.negotiated.is_empty();
    // The language step: without `Accept-Language`, only the default's name.
    let speech = Speech::choose(error, settings.localizer.as_ref(), accept_language);
    let content_language = speech.content_language();
    let vary = match (vary_accept, content_language.is_some()) {
        (true, true) => Some("accept, accept-language"),
        (true, false) => Some("accept"),
        (false, true) => Some("accept-language"),
        (false, false) => None,
    };
    if let Some(vary) = vary {
        headers.push((Cow::Borrowed("vary"), Cow::Borrowed(vary)));
    }
    if let Some(lang) = content_language {
        headers.push((Cow::Borrowed("content-language"), lang));
    }
    if let Some(name) = &settings.error_code_header
        && valid_header_value(code)
    {
        headers.push((name.clone(), Cow::Borrowed(code)));
    }
    let mut dropped: Vec<(&'static str, &'static str)> = Vec::new();
    let mut own_www_authenticate = false;
    error.headers(&mut |name, value| {
        // A hand-written `Display` may fail: that header is dropped, not the response.
        let mut text = String::new();
        if core::fmt::write(&mut text, format_args!("{value}")).is_err() {
            dropped.push((name, "the value's Display failed"));
            return;
        }
        let value = text;
        match check_extra_header(name, &value, settings) {
            Ok(()) => {
                own_www_authenticate |= name.eq_ignore_ascii_case("www-authenticate");
                headers.push((Cow::Borrowed(name), Cow::Owned(value)));
            }
            Err(why) => dropped.push((name, why)),
        }
    });
    if status == 401 && !own_www_authenticate {
        headers.push((Cow::Borrowed("www-authenticate"), Cow::Borrowed("Bearer")));
    }
    headers.push((
        settings.response_header.clone(),
        Cow::Owned(target.as_str().to_owned()),
    ));

    let mut body = Vec::with_capacity(160);
    let context = ErrorContext {
        target,
        status,
        problem_type_base: settings.problem_type_base.as_deref(),
    };
    // Only a message other than the declared default takes a detour.
    speech.write_with(error, |error| format.write_body(error, &context, &mut body));

    log_response(error, detail, target, status, declared, &dropped);
    ErrorParts {
        status,
        headers,
        body,
    }
}

/// Whether `value` may go into a header: visible ASCII and spaces, no CR, LF,
/// tab or other control character, nothing outside ASCII, not too long.
pub(crate) fn valid_header_value(value: &str) -> bool {
    value.len() <= MAX_HEADER_VALUE && value.bytes().all(|b| b == b' ' || b.is_ascii_graphic())
}

/// Whether `name` is an HTTP token (RFC 9110 `tchar`).
pub(crate) fn valid_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Why an error's own header is dropped, if it is.
fn check_extra_header(name: &str, value: &str, settings: &WebSettings) -> Result<(), &'static str> {
    if !valid_header_name(name) {
        return Err("invalid header name");
    }
    let reserved = crate::headers::ALWAYS_SET
        .into_iter()
        .chain(settings.error_code_header.as_deref())
        .chain([&*settings.response_header])
        .any(|own| own.eq_ignore_ascii_case(name));
    if reserved {
        return Err("header is set by rest-error itself");
    }
    if !valid_header_value(value) {
        return Err("invalid header value (control character, non-ASCII or too long)");
    }
    Ok(())
}

/// A response body that could not be serialized: a 500 whose cause is only
/// logged. Each integration gives it its response impls.
#[derive(Debug)]
pub(crate) struct SerializeFailed(pub(crate) serde_json::Error);

impl core::fmt::Display for SerializeFailed {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("the response body could not be serialized")
    }
}

impl core::error::Error for SerializeFailed {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        Some(&self.0)
    }
}

impl ApiError for SerializeFailed {
    fn code(&self) -> &'static str {
        crate::CommonError::InternalServerError.code()
    }
    fn status(&self) -> u16 {
        500
    }
    fn write_message(&self, w: &mut crate::MessageWriter<'_>) -> core::fmt::Result {
        crate::CommonError::InternalServerError.write_message(w)
    }
}
