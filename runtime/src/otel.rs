//! The target is the trace (feature `opentelemetry`): an error response made
//! while a request is handled inside a span with a valid `OpenTelemetry`
//! context has that context's trace id as its `target`, over HTTP and gRPC, so
//! the id a caller quotes opens the distributed trace.
//!
//! The correlation layers ask [`WebSettings::id_from_context`](crate::web::WebSettings::id_from_context)
//! for the id as a request starts; with this feature its default is
//! [`trace_id`]. The order:
//!
//! 1. a valid incoming `x-request-id` (the configured request header) wins, so
//!    an id a caller or a gateway already chose stays the same across services;
//! 2. else the trace id of the current span's `OpenTelemetry` context, when it
//!    is valid: the span of a tracing layer outside the correlation layer that
//!    enters its span when it calls the inner service (tower-http's
//!    `TraceLayer` does; tonic's own `trace_fn` enters it only while polling,
//!    too late), bridged by `tracing-opentelemetry`; with the incoming
//!    `traceparent` as its parent it is that trace's id;
//! 3. else a valid `traceparent`'s trace id;
//! 4. else a fresh UUID v4.
//!
//! The log event of each error response carries the same id (`target_id`).
//! For another `OpenTelemetry` version, or another tracer, pass your own
//! function to `id_from_context`: it is version-independent.
//!
//! ```
//! // Outside any span there is no valid context: the usual rules apply.
//! assert_eq!(rest_error::otel::trace_id(), None);
//! ```

use opentelemetry::trace::TraceContextExt as _;
use tracing_opentelemetry::OpenTelemetrySpanExt as _;

use crate::CorrelationId;

/// The trace id (32 lowercase hex digits) of the current span's
/// `OpenTelemetry` context (through `tracing-opentelemetry`), else of
/// `OpenTelemetry`'s current context; `None` when neither is valid.
#[must_use]
pub fn trace_id() -> Option<CorrelationId> {
    let from_span = tracing::Span::current().context();
    let context = if from_span.span().span_context().is_valid() {
        from_span
    } else {
        opentelemetry::Context::current()
    };
    let span = context.span();
    let span_context = span.span_context();
    if !span_context.is_valid() {
        return None;
    }
    CorrelationId::parse(&span_context.trace_id().to_string()).ok()
}
