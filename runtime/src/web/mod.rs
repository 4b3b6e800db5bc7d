//! The framework-neutral web core that the axum and actix-web integrations share.
//!
//! Nothing here names a framework type: statuses are `u16`, header names
//! `&str` / `Cow<'static, str>`, bodies `&[u8]` / `Vec<u8>`. Each integration
//! converts [`ErrorParts`] into its own response type, reads the incoming id with
//! [`incoming_id`], runs the request inside [`scope`], and maps its body
//! extraction failures to [`JsonRejection`].
//!
//! - **Error responses** ([`error_parts`]): status, headers
//!   (`content-type: application/json`, the error-code header, `WWW-Authenticate:
//!   Bearer` on 401, the error's own headers after validation, the request-id
//!   header) and the envelope body; one `tracing` event each ([`log_response`]).
//! - **Correlation ids**: a tokio task-local [`RequestContext`] for the request
//!   being handled; [`incoming_id`] reads `x-request-id` (configurable), falls
//!   back to a W3C `traceparent`'s trace id, else a fresh UUID v4. A rejected
//!   incoming value is dropped: it is never echoed nor logged.
//! - **Request bodies** ([`check_content_type`], [`deserialize_json`]): the
//!   documented codes instead of plain-text rejections, see [`JsonRejection`].

use std::borrow::Cow;
use std::sync::Arc;

use crate::{ApiError, CorrelationId};

mod body;
pub use body::JsonRejection;
pub(crate) use body::{check_content_type, deserialize_json};

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;

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

/// The default header that carries the incoming correlation id and echoes it.
pub(crate) const REQUEST_ID_HEADER: &str = "x-request-id";
/// The default header that repeats an error response's code (Microsoft REST API guidelines).
pub(crate) const ERROR_CODE_HEADER: &str = "x-ms-error-code";

/// How the integrations name and find things; built by each framework's
/// middleware builder, shared by every request through an `Arc`.
///
/// Header names are stored lowercase, as the frameworks' validated header-name
/// types give them (`HeaderName::as_str`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Settings {
    /// Where the incoming id is read from.
    pub(crate) request_header: Cow<'static, str>,
    /// Where the id is echoed, on every response.
    pub(crate) response_header: Cow<'static, str>,
    /// Where an error response repeats its code; `None` sends no such header.
    pub(crate) error_code_header: Option<Cow<'static, str>>,
    /// Whether a W3C `traceparent`'s trace id is the fallback id.
    pub(crate) traceparent: bool,
}

impl Settings {
    /// The defaults: `x-request-id` in and out, `x-ms-error-code`, `traceparent` on.
    pub(crate) const DEFAULT: Settings = Settings {
        request_header: Cow::Borrowed(REQUEST_ID_HEADER),
        response_header: Cow::Borrowed(REQUEST_ID_HEADER),
        error_code_header: Some(Cow::Borrowed(ERROR_CODE_HEADER)),
        traceparent: true,
    };
}

impl Default for Settings {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// What the middleware knows about the request being handled.
#[derive(Debug, Clone)]
pub(crate) struct RequestContext {
    /// The request's correlation id: the `target` of every error envelope.
    pub(crate) id: CorrelationId,
    /// The middleware's settings.
    pub(crate) settings: Arc<Settings>,
}

tokio::task_local! {
    /// Set by the middleware around the handling of one request.
    static CONTEXT: RequestContext;
}

/// Runs `future` with `context` as the current request's context.
pub(crate) fn scope<F: Future>(
    context: RequestContext,
    future: F,
) -> tokio::task::futures::TaskLocalFuture<RequestContext, F> {
    CONTEXT.scope(context, future)
}

/// Runs `f` synchronously with `context` as the current request's context (for
/// the part of a service call that runs before its future is first polled).
pub(crate) fn sync_scope<R>(context: RequestContext, f: impl FnOnce() -> R) -> R {
    CONTEXT.sync_scope(context, f)
}

/// The correlation id of the request being handled, when the middleware is in
/// place; `None` outside of it.
pub(crate) fn current_id() -> Option<CorrelationId> {
    CONTEXT.try_with(|context| context.id.clone()).ok()
}

/// The id for an incoming request, from its headers (`header(name)` gives the
/// first value of header `name`, lowercase, as bytes).
///
/// The configured request header wins when [`CorrelationId::parse`] accepts it;
/// otherwise the trace id of a valid `traceparent` (when enabled); otherwise a
/// fresh UUID v4. A rejected value is dropped here and goes nowhere.
pub(crate) fn incoming_id<'h>(
    settings: &Settings,
    header: impl Fn(&str) -> Option<&'h [u8]>,
) -> CorrelationId {
    let given = header(&settings.request_header)
        .and_then(|value| core::str::from_utf8(value).ok())
        .and_then(|value| CorrelationId::parse(value).ok());
    if let Some(id) = given {
        return id;
    }
    if settings.traceparent
        && let Some(id) = header("traceparent").and_then(trace_id)
    {
        return id;
    }
    CorrelationId::new()
}

/// The trace id of a W3C Trace Context `traceparent` value
/// (`00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`), when it is valid.
///
/// Follows the spec's parsing rules: lowercase hex only, version `ff` and
/// all-zero trace or parent ids are invalid, version `00` has exactly four
/// fields, a later version may append `-`-separated fields.
pub(crate) fn trace_id(value: &[u8]) -> Option<CorrelationId> {
    fn hex(field: &[u8]) -> bool {
        field
            .iter()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
    }
    fn nonzero(field: &[u8]) -> bool {
        field.iter().any(|&b| b != b'0')
    }
    let value = value.trim_ascii();
    let (head, rest) = value.split_at_checked(55)?;
    let mut fields = head.split(|&b| b == b'-');
    let (version, trace, parent, flags) = (
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
    );
    let shaped = version.len() == 2
        && trace.len() == 32
        && parent.len() == 16
        && flags.len() == 2
        && fields.next().is_none();
    let version_ok = match version {
        b"00" => rest.is_empty(),
        b"ff" => false,
        _ => rest.is_empty() || rest.first() == Some(&b'-'),
    };
    let valid = shaped
        && version_ok
        && [version, trace, parent, flags].into_iter().all(hex)
        && nonzero(trace)
        && nonzero(parent);
    if !valid {
        return None;
    }
    CorrelationId::parse(core::str::from_utf8(trace).ok()?).ok()
}

/// What a 5xx log event can say about the error beyond its code and message:
/// its `Debug` and its `source()` chain, when the type has them.
///
/// The integrations' impl macros fill it in by autoref specialization
/// ([`Probe`]), so types without `Debug` or `Error` still get their impls.
#[derive(Clone, Copy, Default)]
pub struct Detail<'a> {
    debug: Option<&'a dyn core::fmt::Debug>,
    error: Option<&'a dyn core::error::Error>,
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

/// An error response in neutral terms, ready to be turned into a framework's response.
#[derive(Debug)]
pub(crate) struct ErrorParts {
    /// The HTTP status, in `400..=599`.
    pub(crate) status: u16,
    /// Header names (valid tokens, any case) and values (visible ASCII and spaces).
    pub(crate) headers: Vec<(Cow<'static, str>, Cow<'static, str>)>,
    /// The JSON envelope.
    pub(crate) body: Vec<u8>,
}

/// The longest value accepted from [`ApiError::headers`].
const MAX_HEADER_VALUE: usize = 4096;

/// Builds the response for `error`, with the current request's id and settings
/// (or a fresh id and the defaults outside the middleware), and logs it.
pub(crate) fn error_parts(error: &dyn ApiError, detail: Detail<'_>) -> ErrorParts {
    CONTEXT
        .try_with(|context| build(error, detail, &context.id, &context.settings))
        .unwrap_or_else(|_| build(error, detail, &CorrelationId::new(), &Settings::DEFAULT))
}

/// Builds and logs the response for `error` with the given `target` and settings.
pub(crate) fn build(
    error: &dyn ApiError,
    detail: Detail<'_>,
    target: &CorrelationId,
    settings: &Settings,
) -> ErrorParts {
    let declared = error.status();
    // A hand-written impl may return anything; an error response is never a success.
    let status = if (400..=599).contains(&declared) {
        declared
    } else {
        500
    };
    let code = error.code();
    let mut headers: Vec<(Cow<'static, str>, Cow<'static, str>)> = Vec::with_capacity(5);
    headers.push((
        Cow::Borrowed("content-type"),
        Cow::Borrowed("application/json"),
    ));
    if let Some(name) = &settings.error_code_header
        && valid_header_value(code)
    {
        headers.push((name.clone(), Cow::Borrowed(code)));
    }
    let mut dropped: Vec<(&'static str, &'static str)> = Vec::new();
    let mut own_www_authenticate = false;
    error.headers(&mut |name, value| {
        let value = value.to_string();
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
    error
        .envelope_with_target(target.clone())
        .write_json(&mut body);

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
fn check_extra_header(name: &str, value: &str, settings: &Settings) -> Result<(), &'static str> {
    if !valid_header_name(name) {
        return Err("invalid header name");
    }
    let reserved = ["content-type", "content-length", "transfer-encoding"]
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

/// Logs one event for an error response: `error` level for 5xx, with the
/// error's `Debug` and `source()` chain; `debug` level for 4xx. Dropped headers
/// are named (never their values) in the same event.
#[cfg(feature = "tracing")]
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
            target_id = %target,
            code,
            status,
            public_message,
            dropped_headers,
            "error response"
        );
    }
}

/// Without `tracing`, nothing is logged.
#[cfg(not(feature = "tracing"))]
pub(crate) fn log_response(
    _error: &dyn ApiError,
    _detail: Detail<'_>,
    _target: &CorrelationId,
    _status: u16,
    _declared_status: u16,
    _dropped: &[(&'static str, &'static str)],
) {
}

/// The error's `Debug`, or a note that it has none.
#[cfg(feature = "tracing")]
struct DebugOf<'a>(Option<&'a dyn core::fmt::Debug>);

#[cfg(feature = "tracing")]
impl core::fmt::Display for DebugOf<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0 {
            Some(debug) => write!(f, "{debug:?}"),
            None => f.write_str("(the type does not implement Debug)"),
        }
    }
}

/// A `source()` chain from its first source, `Display` of each, joined by `: `.
#[cfg(feature = "tracing")]
struct Sources<'a>(&'a dyn core::error::Error);

#[cfg(feature = "tracing")]
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
#[cfg(feature = "tracing")]
struct DroppedHeaders<'a>(&'a [(&'static str, &'static str)]);

#[cfg(feature = "tracing")]
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

#[cfg(test)]
mod tests;
