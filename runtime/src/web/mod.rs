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
//!   (`x-request-id` by default; else a W3C `traceparent`'s trace id; else a
//!   fresh UUID v4; a rejected value is dropped, never echoed nor logged) and
//!   runs the request with it as the current id: the `target` of every error
//!   response made while it is handled, echoed on every response.
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
//!   `: `-separated), and `declared_status` when the type declared a status
//!   outside `400..=599`; 4xx at `debug` level. `dropped_headers` names the
//!   error's own headers that were not sent (never their values). The `Debug`
//!   and the chain are taken when the type has them; for a generic type, when
//!   its impl's bounds imply them. A type without `Debug` still answers; its
//!   event says `(the type does not implement Debug)`.
//! - **Request bodies** ([`JsonRejection`]): the documented codes instead of
//!   plain-text rejections; [`WebSettings::remap_rejection`] gives a
//!   [`RejectionKind`] the service's own code and status.
//! - **Routes and parameters** ([`RouteRejection`], [`ParamRejection`]): the
//!   adapters' fallbacks answer unknown paths (404 `NotFound`) and methods (405
//!   `MethodNotAllowed` with `Allow`), their `Path` and `Query` extractors answer
//!   parameters that are missing or do not parse, naming them.
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

use std::sync::Arc;

use crate::CorrelationId;

mod api_response;
mod body;
mod format;
mod json;
mod log;
mod negotiate;
mod params;
mod request_id;
mod response;
mod routes;
mod settings;

pub use api_response::ApiResponse;
pub use body::{JsonRejection, RejectionKind};
pub(crate) use body::{check_content_type, deserialize_json};
pub use format::{EnvelopeFormat, ErrorContext, ErrorFormat, ProblemFormat};
pub use json::Json;
pub(crate) use json::to_body;
pub(crate) use log::log_response;
#[doc(hidden)] // reached by the adapters' impl macros only
pub use log::{Detail, Probe, ViaDebug, ViaError, ViaNothing};
pub use params::ParamRejection;
pub(crate) use params::deserialize_query;
pub(crate) use request_id::incoming_id;
#[cfg(test)]
pub(crate) use request_id::trace_id;
#[cfg(test)]
pub(crate) use response::build;
pub(crate) use response::{ErrorParts, SerializeFailed, error_parts, rejection_parts};
pub use routes::RouteRejection;
pub use settings::{InvalidSetting, WebSettings};

// Public as `rest_error::actix` and `rest_error::axum`.
#[cfg(feature = "actix-web")]
#[doc(hidden)]
pub mod actix;
#[cfg(feature = "axum")]
#[doc(hidden)]
pub mod axum;

/// What the middleware knows about the request being handled.
#[derive(Debug, Clone)]
pub(crate) struct RequestContext {
    /// The request's correlation id: the `target` of every error envelope.
    pub(crate) id: CorrelationId,
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

impl RequestContext {
    /// The header every response echoes the id in, and the id.
    pub(crate) fn echo(&self) -> (&str, &str) {
        (self.settings.response_header_name(), self.id.as_str())
    }

    /// Runs a service call as this request: `call` itself (a service may work
    /// before its future is first polled) and the future it returns.
    pub(crate) fn run<F: Future>(
        self,
        call: impl FnOnce() -> F,
    ) -> tokio::task::futures::TaskLocalFuture<RequestContext, F> {
        let inner = sync_scope(self.clone(), call);
        scope(self, inner)
    }
}

/// Runs `future` with `context` as the current request's context.
fn scope<F: Future>(
    context: RequestContext,
    future: F,
) -> tokio::task::futures::TaskLocalFuture<RequestContext, F> {
    CONTEXT.scope(context, future)
}

/// Runs `f` synchronously with `context` as the current request's context (for
/// the part of a service call that runs before its future is first polled).
fn sync_scope<R>(context: RequestContext, f: impl FnOnce() -> R) -> R {
    CONTEXT.sync_scope(context, f)
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

/// Starts handling a request: picks its id from its headers (`header(name)`
/// gives the first value of header `name`, lowercase, as bytes) and its error
/// format from its `Accept` values, and makes the context it runs in.
pub(crate) fn begin<'h, A: Iterator<Item = &'h [u8]>>(
    settings: &Arc<WebSettings>,
    header: impl Fn(&str) -> Option<&'h [u8]>,
    accept: impl Fn() -> A,
) -> RequestContext {
    RequestContext {
        id: incoming_id(settings, &header),
        accept_language: negotiate::AcceptLanguage::new(header("accept-language")),
        format: settings.negotiate(accept),
        settings: Arc::clone(settings),
    }
}

#[cfg(test)]
mod tests;
