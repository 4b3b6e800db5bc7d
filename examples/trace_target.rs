//! The target is the trace (features `opentelemetry` and `tonic`): an error
//! made inside a span with an OpenTelemetry context answers with that trace's
//! id as its target, so the id a caller quotes opens the distributed trace.
//!
//! ```sh
//! cargo run --example trace_target --features opentelemetry,tonic
//! ```

use opentelemetry::propagation::TextMapPropagator as _;
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider};
use rest_error::CommonError;
use tonic_types::StatusExt as _;
use tracing_opentelemetry::OpenTelemetrySpanExt as _;
use tracing_subscriber::layer::SubscriberExt as _;

fn main() {
    // A real SDK tracer behind `tracing`, exporting each span to memory as it ends.
    let exporter = InMemorySpanExporter::default();
    let provider = SdkTracerProvider::builder()
        .with_simple_exporter(exporter.clone())
        .build();
    let subscriber = tracing_subscriber::registry()
        .with(tracing_opentelemetry::layer().with_tracer(provider.tracer("example")));
    tracing::subscriber::set_global_default(subscriber).expect("one subscriber");

    // A request that continues the caller's trace (its `traceparent`).
    let incoming = [(
        "traceparent".to_owned(),
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".to_owned(),
    )];
    let parent = TraceContextPropagator::new().extract(&std::collections::HashMap::from(incoming));
    let span = tracing::info_span!("GetMachine");
    let _ = span.set_parent(parent);
    let status =
        span.in_scope(|| tonic::Status::from(CommonError::ResourceNotFound("machine 7".into())));
    drop(span);
    let target = status
        .get_details_request_info()
        .expect("RequestInfo")
        .request_id;
    println!("{:?}: {}", status.code(), status.message());
    println!("target:         {target}");
    let exported = exporter.get_finished_spans().expect("spans");
    println!("exported trace: {}", exported[0].span_context.trace_id());

    // A request without one: the SDK starts a trace, and its id is the target.
    let span = tracing::info_span!("GetMachine");
    let err = CommonError::ResourceNotFound("machine 7".into());
    let status = span.in_scope(|| tonic::Status::from(err.clone()));
    drop(span);
    let target = status
        .get_details_request_info()
        .expect("RequestInfo")
        .request_id;
    let exported = exporter.get_finished_spans().expect("spans");
    let trace = exported[1].span_context.trace_id().to_string();
    println!("fresh trace is the target: {}", target == trace);

    // Outside any span: the rules of today, a fresh UUID v4.
    let status = tonic::Status::from(err);
    let target = status
        .get_details_request_info()
        .expect("RequestInfo")
        .request_id;
    println!("outside a span, a UUID v4: {} characters", target.len());
}
