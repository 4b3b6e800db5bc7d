//! Reading an RFC 9457 `application/problem+json` document into an [`ErrorBody`].

use serde_json::{Map, Value};

use super::parse::{ParseError, ParseErrorKind, nests_deeper_than};
use super::{CommonCode, ErrorBody, ErrorResponse};
use crate::status::default_message;

/// What a problem document without its own `code` falls back to.
#[derive(Debug, Default)]
pub(super) struct Fallback<'a> {
    /// The response's `x-ms-error-code` header, when reading a whole response.
    pub(super) header_code: Option<&'a str>,
    /// The response's HTTP status, which wins over the document's `status`.
    pub(super) status: Option<u16>,
}

/// Whether an object (without an `error` key) is a problem document: it has a
/// string `type`, `title` or `detail`. A bare `status` is not enough, so that
/// `{"status":"ok"}` or `{"status":503,"message":"down"}` are not read as one.
pub(super) fn is_problem(map: &Map<String, Value>) -> bool {
    ["type", "title", "detail"]
        .iter()
        .any(|key| matches!(map.get(*key), Some(Value::String(_))))
}

/// Reads a problem document. Each member this crate's server writes (`type`,
/// `title`, `status`, `detail`, `code`, `target`, `details`) is taken out of
/// the map as it is read; one of the wrong type is dropped, as RFC 9457 §3.1
/// asks.
pub(super) fn read(
    mut map: Map<String, Value>,
    fallback: &Fallback<'_>,
) -> Result<ErrorBody, ParseError> {
    let mut string = |key: &str| match map.remove(key) {
        Some(Value::String(value)) => Some(value),
        _ => None,
    };
    let type_uri = string("type");
    let title = string("title");
    let detail = string("detail");
    let code = string("code").filter(|code| !code.is_empty());
    let target = string("target");
    let status_member = match map.remove("status") {
        Some(Value::Number(number)) => number.as_u64().and_then(|n| u16::try_from(n).ok()),
        _ => None,
    };
    let status = fallback.status.or(status_member);

    let code = code
        .or_else(|| fallback.header_code.map(str::to_owned))
        .or_else(|| {
            type_uri
                .as_deref()
                .and_then(code_from_type)
                .map(str::to_owned)
        })
        .unwrap_or_else(|| CommonCode::for_status(status.unwrap_or(0)).to_string());
    let message = detail
        .or(title)
        .unwrap_or_else(|| status.map_or_else(String::new, |s| default_message(s).to_owned()));

    // `details` as this crate writes them; any other shape is kept as an
    // unknown member rather than failing the whole document.
    let mut details = Vec::new();
    if let Some(value) = map.remove("details") {
        match read_details(&value)? {
            Some(read) => details = read,
            None => {
                map.insert("details".to_owned(), value);
            }
        }
    }
    // What is left are members this crate's server does not write (`instance`,
    // a server's own extensions): kept, in `innererror`.
    let innererror = if map.is_empty() {
        None
    } else {
        let inner = Value::Object(map);
        // Held to the limit as it will sit in the envelope form: under `error`.
        if nests_deeper_than(&inner, ErrorResponse::MAX_DEPTH - 2) {
            return Err(too_deep());
        }
        Some(inner)
    };
    Ok(ErrorBody {
        code,
        message,
        target,
        details,
        innererror,
    })
}

/// The entries of `details`, read as in an envelope (each at the depth it has
/// in the envelope form); `None` when they are not all error bodies.
fn read_details(value: &Value) -> Result<Option<Vec<ErrorBody>>, ParseError> {
    let Value::Array(items) = value else {
        return Ok(None);
    };
    let mut details = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        match ErrorBody::from_value(item.clone(), &mut vec![index], 4) {
            Ok(detail) => details.push(detail),
            Err(err) if err.kind() == ParseErrorKind::TooDeep => return Err(err),
            Err(_) => return Ok(None),
        }
    }
    Ok(Some(details))
}

fn too_deep() -> ParseError {
    super::parse::Repr::TooDeep.into()
}

/// The code a `type` URI names: its last path segment
/// (`https://example.com/probs/out-of-credit` gives `out-of-credit`), or the part
/// after the last `:` of a URI without `/` (`tag:example.com,2024:out-of-credit`).
/// None for `about:blank`, which means "no more than the status", and for a URI
/// ending in `/`. Taken as written: no percent-decoding.
fn code_from_type(uri: &str) -> Option<&str> {
    if uri.eq_ignore_ascii_case("about:blank") {
        return None;
    }
    let without_fragment = uri.split(['#', '?']).next().unwrap_or(uri);
    let segment = without_fragment
        .rsplit(['/', ':'])
        .next()
        .unwrap_or(without_fragment);
    (!segment.is_empty()).then_some(segment)
}

#[cfg(test)]
mod tests {
    use super::code_from_type;

    #[test]
    fn codes_from_type_uris() {
        let cases = [
            (
                "https://example.com/probs/out-of-credit",
                Some("out-of-credit"),
            ),
            (
                "https://errors.example.com/ResourceNotFound",
                Some("ResourceNotFound"),
            ),
            (
                "https://errors.example.com/ResourceNotFound?v=1#x",
                Some("ResourceNotFound"),
            ),
            ("/probs/out-of-credit", Some("out-of-credit")),
            ("tag:example.com,2024:out-of-credit", Some("out-of-credit")),
            ("NotFound", Some("NotFound")),
            ("about:blank", None),
            ("ABOUT:BLANK", None),
            ("https://example.com/probs/", None),
            ("", None),
        ];
        for (uri, code) in cases {
            assert_eq!(code_from_type(uri), code, "{uri}");
        }
    }
}
