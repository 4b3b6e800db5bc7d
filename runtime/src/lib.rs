//! Turn a service's error enum into correct, documented REST API error responses.
//!
//! Every failure is answered with one JSON envelope, in the style of the
//! Microsoft 365 Defender (Threat Protection) REST API:
//!
//! ```json
//! {"error": {"code": "ResourceNotFound", "message": "Machine 123123123 was not found", "target": "43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}
//! ```
//!
//! `code` is stable and machine-readable and fixes the HTTP status; `message` is
//! free text for people; `target` is a unique correlation id per error response,
//! which a caller quotes to support.
//!
//! # Example
//!
//! ```
//! use rest_error::{ApiError, CorrelationId};
//!
//! #[derive(Debug, ApiError)]
//! enum MachineError {
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//!     MachineNotFound(u64),
//!     #[api(status = 400, msg = "Maximum batch size exceeded. Received: <received>, allowed: <allowed>.")]
//!     MaximumBatchSizeExceeded { received: usize, allowed: usize },
//!     #[api(status = 503)]
//!     Unavailable,
//! }
//!
//! let err = MachineError::MachineNotFound(123123123);
//! assert_eq!(err.code(), "ResourceNotFound");
//! assert_eq!(err.status(), 404);
//! assert_eq!(err.message().to_string(), "Machine 123123123 was not found");
//!
//! let id = CorrelationId::parse("43f4cb08-8fac-4b65-9db1-745c2ae65f3a")?;
//! assert_eq!(
//!     serde_json::to_string(&err.envelope_with_target(id))?,
//!     r#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#,
//! );
//!
//! // Without a target, each envelope gets a fresh UUID v4.
//! let envelope = MachineError::Unavailable.envelope();
//! assert_eq!(envelope.target().as_str().len(), 36);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The `#[api(...)]` attribute
//!
//! | where | key | meaning |
//! |---|---|---|
//! | variant, struct | `code = "InvalidUrl"` | the error code; defaults to the variant's (struct's) name; must match `[A-Za-z][A-Za-z0-9_.]*` |
//! | variant, struct | `status = 400` | the HTTP status, `400..=599`; required unless the enum gives a default |
//! | enum | `status = 400` | the default status of variants that don't give their own |
//! | variant, struct | `msg = "URL <0> is invalid."` | the message template; without it, the status's reason phrase ("Not Found") |
//! | variant, struct | `header("Retry-After", "<secs>")` | an extra response header, its value a template like `msg`; repeatable |
//! | variant, struct | `transparent` | code, status, message and headers come from the one field, itself a derived `ApiError` |
//! | variant | `transparent, from` | also generates `From<Field>`, so `?` converts |
//! | enum, struct | `display` | also implements `Display` (the message) and `std::error::Error` |
//!
//! # Details
//!
//! - **Templates.** `<0>`, `<1>` … write tuple fields, `<name>` named fields
//!   (`<type>` matches a field `r#type`), each with its `Display`. `<<` writes a
//!   literal `<`; a `>` outside a placeholder is literal; `{` and `}` are plain
//!   text. The message is written straight into the formatter, piece by piece: no
//!   intermediate `String`.
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(ApiError)]
//!   #[api(status = 400, msg = "Expected <<count> but got <count> (max <max>)")]
//!   struct Count { count: u32, max: u32 }
//!
//!   assert_eq!(Count { count: 3, max: 2 }.message().to_string(), "Expected <count> but got 3 (max 2)");
//!   ```
//!
//! - **Field values are data.** A value holding `<0>`, quotes, backslashes,
//!   newlines, control characters or any Unicode is written verbatim and escaped
//!   by the JSON writer; only the template is ever interpreted.
//!
//! - **Only the template reaches the caller.** Fields not named in `msg` never
//!   appear in the response, which is how internal causes stay internal:
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(Debug, ApiError)]
//!   enum StoreError {
//!       #[api(code = "InternalServerError", status = 500, msg = "Please retry.")]
//!       Database { cause: String },
//!   }
//!
//!   let err = StoreError::Database { cause: "password=hunter2".into() };
//!   assert!(!err.envelope().to_json().contains("hunter2"));
//!   ```
//!
//! - **Defaults.** A status on the enum is the default for its variants; a
//!   variant without `code` uses its name; without `msg`, the reason phrase.
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(ApiError)]
//!   #[api(status = 400)]
//!   enum Validation {
//!       EmptyName,
//!       #[api(msg = "Name <0> is too long")]
//!       NameTooLong(String),
//!       #[api(status = 422)]
//!       Unprocessable,
//!   }
//!
//!   assert_eq!(Validation::EmptyName.code(), "EmptyName");
//!   assert_eq!(Validation::EmptyName.message().to_string(), "Bad Request");
//!   assert_eq!(Validation::Unprocessable.message().to_string(), "Unprocessable Content");
//!   ```
//!
//! - **Structs** take the attribute on the type.
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(ApiError)]
//!   #[api(code = "InvalidUrl", status = 400, msg = "URL <0> is invalid.")]
//!   struct InvalidUrl(String);
//!
//!   assert_eq!(InvalidUrl("ftp://x".into()).message().to_string(), "URL ftp://x is invalid.");
//!   ```
//!
//! - **Composition.** `#[api(transparent)]` on a variant with exactly one field
//!   forwards code, status and message to that field. With `from` it also
//!   generates the `From` impl, so `?` converts; plain `transparent` does not, so
//!   it never clashes with thiserror's `#[from]` on the same type.
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(Debug, ApiError)]
//!   #[api(code = "InvalidUrl", status = 400, msg = "URL <0> is invalid.")]
//!   struct InvalidUrl(String);
//!
//!   #[derive(Debug, ApiError)]
//!   enum ServiceError {
//!       #[api(transparent, from)]
//!       Url(InvalidUrl),
//!       #[api(status = 409, msg = "Machine <0> is busy")]
//!       Busy(u64),
//!   }
//!
//!   fn parse(url: &str) -> Result<(), InvalidUrl> { Err(InvalidUrl(url.into())) }
//!   fn handler() -> Result<(), ServiceError> { parse("x")?; Ok(()) }
//!
//!   let err = handler().unwrap_err();
//!   assert_eq!((err.code(), err.status()), ("InvalidUrl", 400));
//!   ```
//!
//! - **`Display` is yours.** The derive implements neither `Display` nor
//!   `std::error::Error` unless asked, so it sits beside `#[derive(thiserror::Error)]`
//!   on one type: `Display` stays the internal text for logs, the API message is
//!   separate. A type without thiserror asks with `#[api(display)]`; then `Display`
//!   writes the public message and `std::error::Error` is implemented (it needs
//!   `Debug`).
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(Debug, ApiError)]
//!   #[api(display)]
//!   enum Public {
//!       #[api(status = 404, msg = "Resource <0> was not found.")]
//!       ResourceNotFound(String),
//!   }
//!
//!   let err: Box<dyn std::error::Error> = Box::new(Public::ResourceNotFound("m".into()));
//!   assert_eq!(err.to_string(), "Resource m was not found.");
//!   ```
//!
//! - **Generics.** Fields that the message writes get a `Display` bound, fields
//!   a transparent variant forwards to an `ApiError` bound, only when their type
//!   mentions a type parameter. Lifetimes, const generics, where-clauses,
//!   `#[non_exhaustive]` and `#[deprecated]` variants and enums of thousands of
//!   variants all work.
//!
//! - **Correlation ids.** [`CorrelationId::new`] is a random UUID v4;
//!   [`CorrelationId::parse`] takes an id from outside (an `x-request-id` header)
//!   and accepts only 1 to 128 visible ASCII characters, because the id is echoed
//!   into headers and logs.
//!
//! - **No allocation.** Serializing an envelope into a reused `Vec<u8>` allocates
//!   nothing once the thread is warmed up, with a given target or a fresh one
//!   (`tests/test_alloc.rs` proves it with a counting allocator).
//!
//! - **Compile-time checks.** Every mistake in an attribute is a compile error on
//!   the offending token, all of them in one build: a missing or out-of-range
//!   `status`, an unknown key (with the closest known one suggested), a duplicate
//!   key, a placeholder that names no field, an unterminated `<`, an empty `<>`, a
//!   malformed code, `transparent` with other keys or on a variant without exactly
//!   one field, a union, and one code declared with two different statuses.
//!
//!   ```compile_fail
//!   # use rest_error::ApiError;
//!   #[derive(ApiError)]
//!   enum Bad {
//!       #[api(status = 404, msg = "Machine <id> was not found")] // no field `id`
//!       MachineNotFound(u64),
//!   }
//!   ```
//!
//! # What else is here
//!
//! - [`CommonError`]: the documented codes (`BadRequest` … `InternalServerError`,
//!   plus `TooManyRequests`), ready to embed with `#[api(transparent, from)]`.
//! - [`catalog()`] and [`catalog::markdown`]: every code of a type with its status
//!   and template, and the documentation table made from them.
//! - [`Problem`]: the same error as an RFC 9457 `application/problem+json`
//!   document ([`ApiError::problem`]), with a direct writer and a serde path.
//! - [`ErrorResponse`] and [`CommonCode`]: the client side, parsing envelopes a
//!   server sent and matching on codes while staying forward-compatible.
//! - With the `axum` or `actix-web` feature: `rest_error::axum` and
//!   `rest_error::actix`, where every derived type is a handler's error response,
//!   a middleware gives each request one correlation id, and a `Json` extractor
//!   answers bad bodies with the documented codes. Each error response is logged
//!   once with `tracing`. Both take one configuration value,
//!   `rest_error::web::WebSettings`; each request gets the envelope or, when its
//!   `Accept` asks for it, problem+json or a service's own format
//!   (`rest_error::web::ErrorFormat`).

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::pedantic)]

// Lets the crate's own code (CommonError, tests) use the derive, whose expansion names `::rest_error`.
extern crate self as rest_error;

pub mod catalog;
pub mod client;
mod common;
pub mod detail;
mod envelope;
mod id;
mod message;
#[doc(hidden)]
pub mod private;
mod problem;
mod status;
#[cfg(feature = "__web")]
pub mod web;

use core::fmt;

pub use catalog::Catalog;
pub use client::{CommonCode, ErrorBody, ErrorResponse};
pub use common::CommonError;
pub use detail::{ErrorDetail, SubError};
pub use envelope::Envelope;
pub use id::{CorrelationId, InvalidCorrelationId};
pub use message::{Message, MessageWriter};
pub use problem::Problem;
pub use rest_error_derive::ApiError;
pub use status::reason_phrase;
#[cfg(feature = "actix-web")]
pub use web::actix;
#[cfg(feature = "axum")]
pub use web::axum;

/// Everything the derive's expansion names goes through this module, so a user
/// crate needs no direct dependency on `core` paths or on serde. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::private::*;
}

/// Every entry of `E`'s catalogue: code, status and message template, in
/// declaration order, transparent members flattened in place, each code once.
///
/// See [`catalog::markdown`] for the documentation table.
#[must_use]
pub fn catalog<E: Catalog + ?Sized>() -> Vec<catalog::Entry> {
    catalog::entries::<E>()
}

/// An error that is answered to an API caller as `{"error":{"code","message","target"}}`.
///
/// Usually derived, see the [crate docs](crate). It is dyn-compatible:
/// `Box<dyn ApiError>` and `&dyn ApiError` have every method.
pub trait ApiError: private::AsDynApiError {
    /// The stable, machine-readable error code, for example `"ResourceNotFound"`.
    fn code(&self) -> &'static str;

    /// The HTTP status that belongs to the code, in `400..=599`.
    fn status(&self) -> u16;

    /// Writes the public message for the caller, piece by piece.
    ///
    /// # Errors
    /// Only when the output fails.
    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result;

    /// Calls `header` with each extra HTTP response header this error carries, such
    /// as `Retry-After`. None by default; the derive writes it from
    /// `#[api(header("Name", "template"))]`.
    fn headers(&self, header: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        let _ = header;
    }

    /// Calls `detail` with each sub-error this error carries, in order: the
    /// `OData` `details` array (see [`detail`]). None by default; the derive writes
    /// it from a field marked `#[api(details)]`.
    fn details(&self, detail: &mut dyn FnMut(&dyn ErrorDetail)) {
        let _ = detail;
    }

    /// The public message; its `Display` writes it without allocating.
    fn message(&self) -> Message<'_> {
        Message(self.as_dyn_api_error())
    }

    /// The JSON envelope of this error with a fresh correlation id.
    fn envelope(&self) -> Envelope<'_> {
        Envelope::new(self.as_dyn_api_error(), CorrelationId::new())
    }

    /// The JSON envelope of this error with the given correlation id as its `target`.
    fn envelope_with_target(&self, target: CorrelationId) -> Envelope<'_> {
        Envelope::new(self.as_dyn_api_error(), target)
    }

    /// The RFC 9457 problem details document (`application/problem+json`) of this
    /// error with a fresh correlation id as its `target`.
    fn problem(&self) -> Problem<'_> {
        Problem::new(self.as_dyn_api_error(), CorrelationId::new())
    }

    /// The RFC 9457 problem details document of this error with the given
    /// correlation id as its `target`.
    fn problem_with_target(&self, target: CorrelationId) -> Problem<'_> {
        Problem::new(self.as_dyn_api_error(), target)
    }
}

// Keeps the README's example honest: it runs as a doctest of this crate.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
