//! The error half of an OpenAPI 3.1 document, built from a type's catalogue.
//!
//! [`responses::<E>()`](responses) gives one Response Object per status that `E`
//! can answer with, keyed by the status (`"404"`), as plain JSON that any
//! OpenAPI library can take:
//!
//! - `description`: the reason phrase, then one line per code with its message
//!   template, placeholders written `{0}` / `{name}`;
//! - `content`: `application/json` with the envelope's schema, its `code` an
//!   `enum` of exactly that status's codes, and `examples`, one per code, keyed
//!   by the code, each a valid envelope (the template as its message, an example
//!   `target`); `application/problem+json` (RFC 9457, [`Problem`](crate::Problem),
//!   which the web integrations send on request) the same way, its `status` and
//!   `title` fixed to the status's;
//! - `headers`: `x-ms-error-code` (an `enum` of the status's codes) and
//!   `x-request-id` on every status, the headers its codes declare
//!   (`#[api(header("Retry-After", ...))]`, [`Entry::headers`]), and
//!   `WWW-Authenticate` on 401.
//!
//! Every schema is inlined, so a document never holds a dangling `$ref`. Codes of
//! transparent members are listed with the type's own, as
//! [`catalog::entries`] lists them.
//!
//! A header a code declares is documented on its status, naming the codes that
//! send it ([`CommonError::TooManyRequests`](crate::CommonError::TooManyRequests)
//! sends `Retry-After`); `WWW-Authenticate` is on every 401, as the web
//! integrations send `Bearer` unless the error sets its own. The other header
//! names are the web integrations' defaults.
//!
//! ```
//! use rest_error::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! enum MachineError {
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//!     MachineNotFound(u64),
//!     #[api(status = 400, msg = "Received <received>, allowed <allowed>")]
//!     MaximumBatchSizeExceeded { received: usize, allowed: usize },
//!     #[api(status = 400, msg = "Invalid machine id <0>")]
//!     InvalidMachineId(String),
//! }
//!
//! let responses = rest_error::openapi::responses::<MachineError>();
//! let bad_request = &responses["400"];
//! let json = &bad_request["content"]["application/json"];
//! assert_eq!(
//!     json["schema"]["properties"]["error"]["properties"]["code"]["enum"],
//!     serde_json::json!(["MaximumBatchSizeExceeded", "InvalidMachineId"]),
//! );
//! assert_eq!(
//!     json["examples"]["InvalidMachineId"]["value"]["error"]["message"],
//!     "Invalid machine id {0}",
//! );
//! assert_eq!(
//!     responses["404"]["description"],
//!     "Not Found\n\n- `ResourceNotFound`: Machine {0} was not found",
//! );
//! ```
//!
//! With the `utoipa` feature every derived type implements `utoipa::IntoResponses`
//! (the `openapi::utoipa` module); with the `aide` feature it implements
//! `aide::OperationOutput` (the `openapi::aide` module). Both hand over exactly
//! these responses.

// "OpenAPI" is the specification's name, not an item to put in backticks.
#![allow(clippy::doc_markdown)]

use serde_json::{Map, Value, json};

use core::marker::PhantomData;

use crate::catalog::{self, Catalog, Entry, Node};
use crate::status::default_message;

#[cfg(feature = "aide")]
#[cfg_attr(docsrs, doc(cfg(feature = "aide")))]
pub mod aide;
#[cfg(all(feature = "aide", feature = "__web"))]
mod aide_json;
#[cfg(feature = "utoipa")]
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa")))]
pub mod utoipa;

/// The responses of `A` and `B` together, one response per status listing the
/// codes of both: for a route whose extractors answer besides its error type,
/// such as the web integrations' `Json` body extractor
/// (`Both<MachineError, rest_error::web::JsonRejection>`). It is never made; it
/// names the pair, as `utoipa::IntoResponses`, `aide::OperationOutput` and
/// [`Catalog`] (each code once, `A`'s first).
///
/// ```
/// use rest_error::{ApiError, CommonError};
/// use rest_error::openapi::{Both, responses};
///
/// #[derive(Debug, ApiError)]
/// enum MachineError {
///     #[api(status = 409, msg = "Machine <0> is isolated")]
///     MachineIsolated(u64),
/// }
///
/// let both = responses::<Both<MachineError, CommonError>>();
/// assert!(both.contains_key("409") && both.contains_key("404"));
/// # let _ = MachineError::MachineIsolated(1);
/// ```
pub struct Both<A: ?Sized, B: ?Sized>(PhantomData<fn() -> (*const A, *const B)>);

impl<A: ?Sized, B: ?Sized> core::fmt::Debug for Both<A, B> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Both")
    }
}

impl<A: Catalog + ?Sized, B: Catalog + ?Sized> Catalog for Both<A, B> {
    const CATALOG: &'static [Node] = &[Node::Nested(A::CATALOG), Node::Nested(B::CATALOG)];
    const DETAILS: &'static [Node] = &[Node::Nested(A::DETAILS), Node::Nested(B::DETAILS)];
}

/// Adds the codes of `extra`, a response made by [`response`], to `into`, a
/// response for the same status: their code `enum`s, examples, headers and
/// description lines joined, `into`'s first. A response `into` that is not one
/// of ours (no code `enum`) is left as it is.
pub fn merge_response(into: &mut Value, extra: &Value) {
    const JSON_CODE: &str =
        "/content/application~1json/schema/properties/error/properties/code/enum";
    const PROBLEM_CODE: &str = "/content/application~1problem+json/schema/properties/code/enum";
    const HEADER_CODE: &str = "/headers/x-ms-error-code/schema/enum";
    let Some(codes) = into.pointer(JSON_CODE).and_then(Value::as_array).cloned() else {
        return;
    };
    let mut added = Vec::new();
    for code in extra
        .pointer(JSON_CODE)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if !codes.contains(code) {
            added.push(code.clone());
        }
    }
    for pointer in [JSON_CODE, PROBLEM_CODE, HEADER_CODE] {
        if let Some(list) = into.pointer_mut(pointer).and_then(Value::as_array_mut) {
            list.extend(added.iter().cloned());
        }
    }
    for media in ["application/json", "application/problem+json"] {
        let theirs = extra["content"][media]["examples"].as_object();
        if let (Some(ours), Some(theirs)) =
            (into["content"][media]["examples"].as_object_mut(), theirs)
        {
            for (code, example) in theirs {
                if added.contains(&Value::String(code.clone())) {
                    ours.insert(code.clone(), example.clone());
                }
            }
        }
    }
    if let (Some(ours), Some(theirs)) = (
        into["headers"].as_object_mut(),
        extra["headers"].as_object(),
    ) {
        for (name, header) in theirs {
            ours.entry(name.clone()).or_insert_with(|| header.clone());
        }
    }
    // One description line per added code, as `response` writes them.
    let lines: Vec<&str> = extra["description"]
        .as_str()
        .unwrap_or("")
        .lines()
        .filter(|line| {
            added
                .iter()
                .filter_map(Value::as_str)
                .any(|code| line.starts_with(&format!("- `{code}`:")))
        })
        .collect();
    if let Some(description) = into["description"].as_str() {
        let mut joined = description.to_owned();
        for line in lines {
            joined.push('\n');
            joined.push_str(line);
        }
        into["description"] = Value::String(joined);
    }
}

/// The `target` written in the documented examples (a correlation id is a
/// UUID v4 unless the request brought its own).
pub const EXAMPLE_TARGET: &str = "43f4cb08-8fac-4b65-9db1-745c2ae65f3a";

/// The header that repeats the error code (the web integrations' default).
pub const ERROR_CODE_HEADER: &str = "x-ms-error-code";

/// The header that carries the correlation id (the web integrations' default).
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// One Response Object per status `E` can answer with, keyed by the status
/// (`"400"`), in ascending order; codes within a status in catalogue order.
#[must_use]
pub fn responses<E: Catalog + ?Sized>() -> Map<String, Value> {
    let entries = catalog::entries::<E>();
    let mut statuses: Vec<u16> = entries.iter().map(|entry| entry.status).collect();
    statuses.sort_unstable();
    statuses.dedup();
    statuses
        .into_iter()
        .map(|status| {
            let of_status: Vec<Entry> = entries
                .iter()
                .filter(|entry| entry.status == status)
                .copied()
                .collect();
            (status.to_string(), response(status, &of_status))
        })
        .collect()
}

/// The Response Object for `status`, listing `entries` (which should all have
/// that status).
#[must_use]
pub fn response(status: u16, entries: &[Entry]) -> Value {
    let codes: Vec<&str> = entries.iter().map(|entry| entry.code).collect();
    let mut description = String::from(default_message(status));
    description.push('\n');
    for entry in entries {
        description.push_str("\n- `");
        description.push_str(entry.code);
        description.push_str("`: ");
        description.push_str(&template_text(entry.template));
        for more in entry.more_templates.iter() {
            description.push_str(" | ");
            description.push_str(&template_text(more));
        }
    }

    let examples = |value: fn(&Entry) -> Value| -> Map<String, Value> {
        entries
            .iter()
            .map(|entry| {
                let example = json!({"summary": entry.code, "value": value(entry)});
                (entry.code.to_owned(), example)
            })
            .collect()
    };

    let mut headers = Map::new();
    headers.insert(
        ERROR_CODE_HEADER.to_owned(),
        json!({
            "description": "The error code, as in the body.",
            "schema": {"type": "string", "enum": codes},
        }),
    );
    headers.insert(
        REQUEST_ID_HEADER.to_owned(),
        json!({
            "description": "The correlation id, as the body's `target`: quote it to support.",
            "schema": {"type": "string"},
        }),
    );
    // The headers the status's codes declare (`Retry-After` and the like), each
    // once, naming the codes that set it.
    for entry in entries {
        for &name in entry.headers {
            let lower = name.to_ascii_lowercase();
            if lower == "www-authenticate" || headers.keys().any(|k| k.eq_ignore_ascii_case(name)) {
                continue;
            }
            let setters: Vec<&str> = entries
                .iter()
                .filter(|other| other.sets_header(name))
                .map(|other| other.code)
                .collect();
            let what = if lower == "retry-after" {
                "Seconds to wait before trying again"
            } else {
                "Set by the error"
            };
            headers.insert(
                name.to_owned(),
                json!({
                    "description": format!("{what}; sent with `{}`.", setters.join("`, `")),
                    "schema": {"type": "string"},
                }),
            );
        }
    }
    if status == 401 {
        headers.insert(
            "WWW-Authenticate".to_owned(),
            json!({
                "description": "The authentication scheme to use (`Bearer` unless the error sets its own).",
                "schema": {"type": "string"},
            }),
        );
    }

    json!({
        "description": description,
        "headers": headers,
        "content": {
            "application/json": {
                "schema": envelope_schema(&codes),
                "examples": examples(example_envelope),
            },
            "application/problem+json": {
                "schema": problem_schema(status, &codes),
                "examples": examples(example_problem),
            },
        },
    })
}

/// The JSON Schema (2020-12, as OpenAPI 3.1 uses it) of an envelope whose `code`
/// is one of `codes`; with no codes, any string.
#[must_use]
pub fn envelope_schema(codes: &[&str]) -> Value {
    let mut code =
        json!({"type": "string", "description": "The error code: stable, machine-readable."});
    if !codes.is_empty() {
        code["enum"] = json!(codes);
    }
    json!({
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message", "target"],
                "properties": {
                    "code": code,
                    "message": {"type": "string", "description": "What went wrong, for people."},
                    "target": {"type": "string", "description": "The correlation id of this response."},
                    "details": {
                        "type": "array",
                        "description": "Sub-errors, when the error has any.",
                        "items": detail_schema(),
                    },
                },
            },
        },
    })
}

/// The JSON Schema of an RFC 9457 problem document (see [`Problem`](crate::Problem))
/// for `status` whose `code` is one of `codes`; with no codes, any string.
#[must_use]
pub fn problem_schema(status: u16, codes: &[&str]) -> Value {
    let mut code =
        json!({"type": "string", "description": "The error code: stable, machine-readable."});
    if !codes.is_empty() {
        code["enum"] = json!(codes);
    }
    json!({
        "type": "object",
        "required": ["type", "title", "status", "detail", "code", "target"],
        "properties": {
            "type": {
                "type": "string",
                "description": "The code's documentation URI (the service's type base followed by the code), or `about:blank`.",
            },
            // One-value enums, not `const`: utoipa's schema type has no `const`.
            "title": {"type": "string", "enum": [default_message(status)]},
            "status": {"type": "integer", "enum": [status]},
            "detail": {"type": "string", "description": "What went wrong, for people."},
            "code": code,
            "target": {"type": "string", "description": "The correlation id of this response."},
            "details": {
                "type": "array",
                "description": "Sub-errors, when the error has any.",
                "items": detail_schema(),
            },
        },
    })
}

/// A sub-error in the envelope's `details`.
fn detail_schema() -> Value {
    json!({
        "type": "object",
        "required": ["code", "message", "target"],
        "properties": {
            "code": {"type": "string"},
            "message": {"type": "string"},
            "target": {"type": "string", "description": "What the sub-error is about (a field, an item)."},
        },
    })
}

/// The documented example of one code: its template as the message.
fn example_envelope(entry: &Entry) -> Value {
    json!({
        "error": {
            "code": entry.code,
            "message": template_text(entry.template),
            "target": EXAMPLE_TARGET,
        },
    })
}

/// The documented problem document of one code, `type` without a base.
fn example_problem(entry: &Entry) -> Value {
    json!({
        "type": "about:blank",
        "title": default_message(entry.status),
        "status": entry.status,
        "detail": template_text(entry.template),
        "code": entry.code,
        "target": EXAMPLE_TARGET,
    })
}

/// A message template as documentation shows it: `<0>` becomes `{0}`, `<<` a
/// literal `<`.
///
/// ```
/// use rest_error::openapi::template_text;
///
/// assert_eq!(template_text("Machine <0> was not found"), "Machine {0} was not found");
/// assert_eq!(template_text("Expected <<count> not <names:, >"), "Expected <count> not {names:, }");
/// ```
#[must_use]
pub fn template_text(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '<' if rest.starts_with('<') => {
                out.push('<');
                rest = &rest[1..];
            }
            '<' => match rest.find('>') {
                Some(end) => {
                    out.push('{');
                    out.push_str(&rest[..end]);
                    out.push('}');
                    rest = &rest[end + 1..];
                }
                None => out.push('<'),
            },
            c => out.push(c),
        }
    }
    out
}
