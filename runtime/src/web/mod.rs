//! The web integrations' shared core, and [`WebSettings`], the one
//! configuration value both adapters take (features `axum`, `actix-web`).
//!
//! Everything that is not framework glue lives here once; `rest_error::axum`
//! and `rest_error::actix` only move status, headers and body bytes between
//! their framework's types and this core.
//!
//! - **Settings** ([`WebSettings`]): the id headers, the error-code header,
//!   `traceparent`, problem+json's `type` base, the error formats.
//! - **Formats** ([`ErrorFormat`]): the body of an error response is written by
//!   the format negotiated for the request from its `Accept`: the envelope
//!   ([`EnvelopeFormat`], `application/json`, the default), RFC 9457
//!   problem+json ([`ProblemFormat`], `application/problem+json`, when `Accept`
//!   prefers it; see [`WebSettings`]'s *Formats*), or a service's own. With more
//!   than one format, error responses say `Vary: Accept`. Negotiation reads
//!   nothing and allocates nothing when a request sends no `Accept`.
//! - **Correlation ids**: the adapter's middleware reads the incoming id
//!   (`x-request-id` by default, unless [`WebSettings::trust_request_header`]
//!   is off; else a W3C `traceparent`'s trace id, unless
//!   [`WebSettings::traceparent`] is off; else a fresh UUID v4; a rejected
//!   value is dropped, never echoed nor logged) and runs the request with it as
//!   the current id: the `target` of every error response made while it is
//!   handled, echoed on every response. An id that is valid but not trusted is
//!   echoed apart, in `x-client-request-id`. A middleware inside another (a
//!   nested router's layer, an actix scope's own `wrap`) keeps the id the
//!   outer one chose.
//! - **Panics**: under the middleware, a panic while the request is handled is
//!   answered as a 500 `InternalServerError` error response with the request's
//!   `target`, in its format, and logged at `error` level (the panic message,
//!   escaped and cut to 1 KiB, is the event's `error`); the server keeps
//!   serving. [`WebSettings::catch_panics`] turns it off.
//! - **Error responses**: the error's status (500 when a hand-written impl
//!   declares a non-error status), `content-type` (the format's media type),
//!   `vary: accept` (when formats are negotiated), the code in
//!   the error-code header, `WWW-Authenticate: Bearer` on 401 unless the error
//!   sets its own, the error's own headers (invalid or reserved ones are dropped
//!   and named in the log), the id header, and the body.
//! - **The log**: one `tracing` event per error response, target
//!   `rest_error::web`, message `error response`, with the fields `target_id`,
//!   `code`, `status` and `public_message`; for 5xx (at `error` level) also
//!   `error` (the `Debug` of the error) and `sources` (its `source()` chain,
//!   `: `-separated, at most 16, stopping where the chain loops back), and
//!   `declared_status` when the type declared a status outside `400..=599`; 4xx at `debug` level. `dropped_headers` names the
//!   error's own headers that were not sent (never their values). The `Debug`
//!   and the chain are taken when the type has them; for a generic type, when
//!   its impl's bounds imply them. A type without `Debug` still answers; its
//!   event says `(the type does not implement Debug)`. The message, `error`,
//!   `sources` and `dropped_headers` may hold client text: each is written
//!   escaped as `escape_debug` does (`\r`, `\n`, `\u{1b}`, `\\`), so it can't
//!   break a line or carry a terminal escape, and cut (`…`) to a budget, so an
//!   event's line stays under 32 KiB whatever the input.
//! - **Request bodies** ([`JsonRejection`]): the documented codes instead of
//!   plain-text rejections; [`WebSettings::remap_rejection`] gives a
//!   [`RejectionKind`] the service's own code and status.
//! - **Routes and parameters** ([`RouteRejection`], [`ParamRejection`]): the
//!   adapters' fallbacks answer unknown paths (404 `NotFound`) and methods (405
//!   `MethodNotAllowed` with `Allow`), their `Path` and `Query` extractors answer
//!   parameters that are missing or do not parse, naming them.
//! - **Error pages** ([`ErrorPages`]): the catalogue as HTML for people,
//!   `GET /errors` and `GET /errors/{code}`, served by
//!   `rest_error::axum::error_pages` and `rest_error::actix::error_pages`.
//! - **Languages**: an error with translations (`msg(sv = "...")`, see the
//!   [crate docs](crate#languages)) is answered in the language the request's
//!   `Accept-Language` picks by RFC 4647 lookup among that error's languages
//!   ([`lang::lookup`](crate::lang::lookup)), else its default, with
//!   `Content-Language` and `Vary: accept-language`; a malformed header is
//!   never an error. Code, status, headers and the log event (in the default
//!   language) stay the same. An error in one language answers as before.
//!
//! ```
//! use rest_error::web::WebSettings;
//!
//! let settings = WebSettings::default()
//!     .request_header("x-correlation-id")
//!     .error_code_header("x-error-code")
//!     .traceparent(false)
//!     .problem_type_base("https://errors.example.com/");
//! # #[cfg(feature = "axum")]
//! let layer = rest_error::axum::CorrelationLayer::new(settings.clone());
//! # #[cfg(feature = "actix-web")]
//! let middleware = rest_error::actix::Correlation::new(settings);
//! ```
//!
//! Without the layer (middleware), each error response gets a fresh id and the
//! default settings.
//!
//! # The adapters
//!
//! `rest_error::axum` and `rest_error::actix` only move status, headers and
//! body bytes between their framework's types and this core: the middleware
//! (axum's `CorrelationLayer`, actix's `Correlation`; one type, one
//! [`WebSettings`]), the extractors ([`Json`], [`Path`], [`Query`]), the
//! fallbacks, and the response impls of every derived type. With axum:
//!
//! ```
//! # #[cfg(feature = "axum")] {
//! use axum::{Router, routing::get};
//! use rest_error::ApiError;
//! use rest_error::axum::{CorrelationLayer, Json, Path, fallback, method_not_allowed};
//! use rest_error::web::WebSettings;
//!
//! #[derive(Debug, ApiError)]
//! enum MachineError {
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//!     NotFound(u64),
//! }
//!
//! async fn machine(Path(id): Path<u64>) -> Result<Json<u64>, MachineError> {
//!     if id == 1 { Ok(Json(id)) } else { Err(MachineError::NotFound(id)) }
//! }
//!
//! // The fallbacks after the routes (axum applies `method_not_allowed_fallback`
//! // to the routes registered before it), the layer outside them all, so their
//! // responses carry the request's id too.
//! let app: Router = Router::new()
//!     .route("/machines/{id}", get(machine))
//!     .fallback(fallback)
//!     .method_not_allowed_fallback(method_not_allowed)
//!     .layer(CorrelationLayer::new(WebSettings::default().error_code_header("x-error-code")));
//! # }
//! ```
//!
//! With actix-web, where `ResponseError` also needs `Debug` and `Display`
//! (`#[api(display)]`). For 405s, register each path once as a resource with
//! its methods (`web::resource(path).get(..).post(..)`; one `App::route` per
//! method would make another method a 404) and let `method_not_allowed`
//! rewrite actix's empty 405 through `ErrorHandlers`. `Correlation` is wrapped
//! last (outermost). An inner middleware's `Err` passes through it as it is
//! (a middleware outside can still `as_error::<E>()` it) and is answered with
//! the request's id; for zero-sized error types, two such errors in flight at
//! once on one worker can't be told apart, and then get a fresh id.
//!
//! ```
//! # #[cfg(feature = "actix-web")] {
//! use actix_web::http::StatusCode;
//! use actix_web::middleware::ErrorHandlers;
//! use actix_web::{App, web};
//! use rest_error::ApiError;
//! use rest_error::actix::{Correlation, Json, Path, method_not_allowed, not_found};
//! use rest_error::web::WebSettings;
//!
//! #[derive(Debug, ApiError)]
//! #[api(display)]
//! enum MachineError {
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//!     NotFound(u64),
//! }
//!
//! async fn machine(Path(id): Path<u64>) -> Result<Json<u64>, MachineError> {
//!     if id == 1 { Ok(Json(id)) } else { Err(MachineError::NotFound(id)) }
//! }
//!
//! let app = App::new()
//!     .service(web::resource("/machines/{id}").get(machine))
//!     .default_service(web::to(not_found))
//!     .wrap(ErrorHandlers::new().handler(StatusCode::METHOD_NOT_ALLOWED, method_not_allowed))
//!     .wrap(Correlation::new(WebSettings::default().error_code_header("x-error-code")));
//! # }
//! ```

use std::sync::Arc;

use crate::CorrelationId;
#[cfg(test)]
pub(crate) use request_id::incoming_id;

mod answer;
mod api_response;
mod body;
mod echo;
mod extract;
mod format;
#[cfg(feature = "actix-web")] // only actix makes errors' responses late
mod handed_on;
mod handling;
#[cfg(any(feature = "axum", feature = "actix-web", feature = "tonic"))]
mod header_map;
mod json;
mod language;
mod layer;
mod log;
mod middleware;
mod negotiate;
mod pages;
#[cfg(feature = "actix-web")]
mod pages_actix;
#[cfg(feature = "axum")]
mod pages_axum;
pub(crate) mod panic;
mod params;
mod path;
mod request_id;
mod response;
mod routes;
mod settings;
#[cfg(any(feature = "axum", feature = "tonic"))]
mod tower;
mod with_id;

pub use answer::Answer;
pub use api_response::ApiResponse;
pub use body::{JsonRejection, RejectionKind};
pub(crate) use body::{check_content_type, deserialize_json};
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) use extract::extract_query;
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) use extract::unread_body;
pub use extract::{Path, Query};
pub use format::{EnvelopeFormat, ErrorContext, ErrorFormat, ProblemFormat};
#[cfg(feature = "actix-web")]
pub(crate) use handed_on::{parts_for, remember};
#[cfg(feature = "actix-web")]
pub(crate) use handling::Handled;
pub(crate) use handling::begin;
#[cfg(any(feature = "axum", feature = "actix-web", feature = "tonic"))]
pub(crate) use header_map::impl_headers;
pub use json::Json;
pub(crate) use json::json_parts;
#[doc(hidden)] // reached by the adapters' impl macros only
#[cfg(feature = "tonic")]
pub(crate) use language::Speech;
#[cfg_attr(
    not(any(feature = "axum", feature = "actix-web")),
    allow(unused_imports)
)]
pub(crate) use log::log_response;
pub use log::{Detail, LogDetail, Probe, ViaDebug, ViaError, ViaNothing};
#[cfg(feature = "axum")]
pub(crate) use middleware::Axum;
#[cfg(feature = "tonic")]
pub(crate) use middleware::Grpc;
#[cfg(feature = "actix-web")]
pub(crate) use middleware::{Actix, Finish};
#[cfg(any(feature = "axum", feature = "actix-web", feature = "tonic"))]
pub(crate) use middleware::{Correlation, CorrelationFuture};
pub use pages::{ErrorPages, Page, UnknownErrorCode};
pub use params::ParamRejection;
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) use path::extract_path;
#[cfg(feature = "axum")]
pub(crate) use path::path_refused;
#[cfg(test)]
pub(crate) use request_id::trace_id;
#[cfg(test)]
pub(crate) use response::build;
pub(crate) use response::{ErrorParts, Headers, SerializeFailed, error_parts, rejection_parts};
pub use routes::RouteRejection;
pub use settings::{InvalidSetting, WebSettings};
#[cfg(any(feature = "axum", feature = "tonic"))]
pub(crate) use tower::Tower;
#[cfg(feature = "axum")]
pub(crate) use tower::http_response;
pub use with_id::WithId;

// Public as `rest_error::actix` and `rest_error::axum`.
#[cfg(feature = "actix-web")]
#[doc(hidden)]
pub mod actix;
#[cfg(feature = "axum")]
#[doc(hidden)]
pub mod axum;

/// What the middleware knows about the request being handled, shared: it is
/// current in several scopes at once and goes with the response, and cloning a
/// pointer is cheaper than copying its half a kilobyte each time.
#[derive(Debug, Clone)]
pub(crate) struct RequestContext(Arc<RequestFacts>);

impl core::ops::Deref for RequestContext {
    type Target = RequestFacts;

    fn deref(&self) -> &RequestFacts {
        &self.0
    }
}

/// What [`RequestContext`] holds.
#[derive(Debug)]
pub(crate) struct RequestFacts {
    /// The request's correlation id: the `target` of every error envelope.
    pub(crate) id: CorrelationId,
    /// The client's id, when it was valid but not trusted (echoed apart).
    pub(crate) client_id: Option<CorrelationId>,
    /// The middleware's settings.
    pub(crate) settings: Arc<WebSettings>,
    /// The error format negotiated for the request (an index for [`WebSettings::format`]).
    pub(crate) format: usize,
    /// The request's `Accept-Language`, for the language of each error's message.
    pub(crate) accept_language: negotiate::AcceptLanguage,
}

tokio::task_local! {
    /// Set by the middleware around the handling of one request.
    static CONTEXT: RequestContext;
}

/// The correlation id of the request being handled, when it runs under the
/// middleware (axum's `CorrelationLayer`, actix's `Correlation`); `None` outside
/// of it. Handlers can also take it as axum's `Extension<CorrelationId>` or
/// actix's `web::ReqData<CorrelationId>`.
#[must_use]
pub fn correlation_id() -> Option<CorrelationId> {
    CONTEXT.try_with(|context| context.id.clone()).ok()
}

/// Calls `f` with the context of the request being handled, if there is one
/// (for the gRPC status, which is built outside the web core).
#[cfg(feature = "tonic")]
pub(crate) fn with_context<R>(f: impl FnOnce(&RequestContext) -> R) -> Option<R> {
    CONTEXT.try_with(f).ok()
}

#[cfg(test)]
mod tests;
