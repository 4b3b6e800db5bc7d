//! Which correlation id a request gets: a valid `x-request-id` (configurable,
//! and trusted unless the settings say otherwise), else a W3C `traceparent`'s
//! trace id (unless turned off), else a fresh UUID v4; and the client's own id
//! when it is not trusted, echoed apart.

use super::WebSettings;
use crate::CorrelationId;

/// The id for an incoming request, from its headers (`header(name)` gives the
/// first value of header `name`, lowercase, as bytes).
///
/// The configured request header wins when it is trusted and
/// [`CorrelationId::parse`] accepts it; otherwise the id of the settings'
/// context hook (the `OpenTelemetry` trace id), when it gives one; otherwise
/// the trace id of a valid `traceparent` (when enabled); otherwise a fresh
/// UUID v4. A rejected value is dropped here and goes nowhere.
pub(crate) fn incoming_id<'h>(
    settings: &WebSettings,
    header: impl Fn(&str) -> Option<&'h [u8]>,
) -> CorrelationId {
    if settings.trust_request_header
        && let Some(id) = given_id(settings, &header)
    {
        return id;
    }
    if let Some(id) = settings.id_from_context.and_then(|hook| hook()) {
        return id;
    }
    if settings.traceparent
        && let Some(id) = header("traceparent").and_then(trace_id)
    {
        return id;
    }
    CorrelationId::new()
}

/// The client's valid id from the request header, when the settings do not
/// trust it as the request's id: it is only echoed, in its own header.
pub(crate) fn client_id<'h>(
    settings: &WebSettings,
    header: impl Fn(&str) -> Option<&'h [u8]>,
) -> Option<CorrelationId> {
    if settings.trust_request_header {
        return None;
    }
    given_id(settings, header)
}

/// The request header's value, when it is a valid id.
fn given_id<'h>(
    settings: &WebSettings,
    header: impl Fn(&str) -> Option<&'h [u8]>,
) -> Option<CorrelationId> {
    header(&settings.request_header)
        .and_then(|value| core::str::from_utf8(value).ok())
        .and_then(|value| CorrelationId::parse(value).ok())
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
