//! The types behind the test routes every framework mounts:
//!
//! - `GET /ok`: `ok`, a success.
//! - `GET /forbidden`: `CommonError::Forbidden`.
//! - `GET /not-found`: `CommonError::NotFound`.
//! - `GET /whoami`: the correlation id as the handler reads it, twice: through
//!   the framework's extractor and through `correlation_id()`, space-separated.
//! - `GET /opaque`: [`Opaque`], a type without `Debug`.
//! - `GET /generic`: `Generic::Upstream(418_u16)`.
//! - `POST /strict`: a [`Strict`] body through the crate's `Json`, echoed.
//! - `GET /unserializable`: a `Json` success body that can't be serialized.
//! - `GET /panic`: panics with "machine 7 exploded".
//! - `GET /panic-long`: panics with [`long_panic_message`].
//! - `GET /bad-header`: [`BadHeader`], through `ApiResponse`.
//! - `GET /spawned`: `CommonError::DisabledFeature` made into a response in a task the
//!   handler spawned; `GET /spawned-with-id`: the same, with the request's id
//!   passed along (`WithId`).
//!
//! # Fallbacks
//!
//! The routes of `Framework::fallbacks`, with the crate's fallbacks for unknown
//! paths (404) and methods (405):
//!
//! - `GET /items`: `[]`; `POST /items`: a [`Strict`] body through `Json`, echoed.
//! - `GET /machines/{id}`: the crate's `Path<u32>`, the id echoed.
//! - `GET /search`: the crate's `Query<`[`Search`]`>`, the limit echoed.

use rest_error::ApiError;
use serde::{Deserialize, Serialize};

/// No `Debug`: the impl still exists, and the log says what it can.
#[derive(ApiError)]
#[api(code = "InternalServerError", status = 500, msg = "Internal error.")]
pub struct Opaque {
    #[allow(dead_code)]
    pub secret: &'static str,
}

/// Generic: the impl follows the type's bounds. `Display` from the derive, so it
/// is an actix `ResponseError` too.
#[derive(Debug, ApiError)]
#[api(display)]
pub enum Generic<T> {
    #[api(status = 502, msg = "Upstream answered <0>")]
    Upstream(T),
}

/// A body with nested fields, case-sensitive names and no unknown fields.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Strict {
    pub machine_id: u64,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tag {
    pub tag_name: String,
}

/// Tuple keys are not JSON: serializing this fails.
pub fn unserializable() -> std::collections::HashMap<(u8, u8), &'static str> {
    std::collections::HashMap::from([((1, 2), "tuple keys are not JSON")])
}

/// The query of `GET /search`.
#[derive(Debug, Deserialize)]
pub struct Search {
    pub limit: u32,
    #[allow(dead_code)]
    pub name: Option<String>,
}

/// 100 KB of panic message with a line break and a terminal escape in it.
pub fn long_panic_message() -> String {
    format!("forged\nline \u{1b}[31m{}", "x".repeat(100_000))
}

/// A hand-written error whose `Retry-After` value fails to format; its other
/// header is fine (`GET /bad-header`, through `ApiResponse`).
pub struct BadHeader;

/// A `Display` that fails.
struct Failing;

impl std::fmt::Display for Failing {
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Err(std::fmt::Error)
    }
}

impl ApiError for BadHeader {
    fn code(&self) -> &'static str {
        "ServiceBusy"
    }

    fn status(&self) -> u16 {
        503
    }

    fn write_message(&self, w: &mut rest_error::MessageWriter<'_>) -> std::fmt::Result {
        w.text("Busy.")
    }

    fn headers(&self, header: &mut dyn FnMut(&'static str, &dyn std::fmt::Display)) {
        header("retry-after", &Failing);
        header("x-busy-shard", &3);
    }
}
