//! The target is the trace (feature `opentelemetry`): a real OpenTelemetry SDK
//! tracer, bridged to `tracing` by `tracing-opentelemetry`, exporting to
//! memory; the trace id it exports is the `target` of the error response and
//! the `target_id` of its log event, over HTTP (axum) and gRPC (tonic), for a
//! request with an incoming `traceparent` and one without.
#![cfg(all(feature = "opentelemetry", feature = "axum", feature = "tonic"))]
#![allow(clippy::duplicate_mod)]

mod support;

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/grpc_service.rs"]
mod grpc_service;

use std::sync::{Mutex, OnceLock};
use std::task::{Context, Poll};

use axum::Router;
use axum::http::{HeaderMap, Method, Request};
use axum::routing::get;
use grpc_service::pb::GetMachineRequest;
use grpc_service::pb::inventory_client::InventoryClient;
use opentelemetry::propagation::{Extractor, TextMapPropagator as _};
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider};
use rest_error::CommonError;
use rest_error::axum::CorrelationLayer;
use tonic::metadata::MetadataValue;
use tonic_types::StatusExt as _;
use tracing::Instrument as _;
use tracing_opentelemetry::OpenTelemetrySpanExt as _;
use tracing_subscriber::layer::SubscriberExt as _;

const TRACEPARENT: &str = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
const INCOMING_TRACE: &str = "0af7651916cd43dd8448eb211c80319c";

/// The exporter and the `target_id` of every error-response event.
struct Telemetry {
    exporter: InMemorySpanExporter,
    logged: Mutex<Vec<String>>,
}

/// Records the `target_id` of the `error response` events.
struct LoggedIds;

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for LoggedIds {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        let mut fields = Vec::new();
        event.record(&mut support::Fields(&mut fields));
        if let Some((_, id)) = fields.iter().find(|(name, _)| name == "target_id") {
            telemetry().logged.lock().unwrap().push(id.clone());
        }
    }
}

/// One global tracing subscriber: the SDK tracer through the bridge, exporting
/// each span to memory as it ends.
fn telemetry() -> &'static Telemetry {
    static TELEMETRY: OnceLock<Telemetry> = OnceLock::new();
    TELEMETRY.get_or_init(|| {
        let exporter = InMemorySpanExporter::default();
        let provider = SdkTracerProvider::builder()
            .with_simple_exporter(exporter.clone())
            .build();
        let tracer = provider.tracer("test_otel");
        let subscriber = tracing_subscriber::registry()
            .with(tracing_opentelemetry::layer().with_tracer(tracer))
            .with(LoggedIds);
        tracing::subscriber::set_global_default(subscriber).unwrap();
        Telemetry {
            exporter,
            logged: Mutex::new(Vec::new()),
        }
    })
}

/// The trace ids of the exported spans named `name`.
fn exported(name: &str) -> Vec<String> {
    telemetry()
        .exporter
        .get_finished_spans()
        .unwrap()
        .iter()
        .filter(|span| span.name == name)
        .map(|span| span.span_context.trace_id().to_string())
        .collect()
}

struct Headers<'a>(&'a HeaderMap);

impl Extractor for Headers<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|value| value.to_str().ok())
    }
    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(axum::http::HeaderName::as_str).collect()
    }
}

/// What a tracing middleware does (tower-http's `TraceLayer` and the like): a
/// span per request, its parent the incoming `traceparent`, entered while the
/// inner service is called and while its future runs.
#[derive(Clone)]
struct Traced<S> {
    inner: S,
    name: &'static str,
}

impl<S, B> tower_service::Service<Request<B>> for Traced<S>
where
    S: tower_service::Service<Request<B>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = tracing::instrument::Instrumented<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let parent = TraceContextPropagator::new().extract(&Headers(request.headers()));
        let span = tracing::info_span!("request", name = self.name);
        let _ = span.set_parent(parent);
        let future = span.in_scope(|| self.inner.call(request));
        future.instrument(span)
    }
}

#[derive(Clone)]
struct TracedLayer(&'static str);

impl<S> tower_layer::Layer<S> for TracedLayer {
    type Service = Traced<S>;
    fn layer(&self, inner: S) -> Traced<S> {
        Traced {
            inner,
            name: self.0,
        }
    }
}

/// Waits until the request span of `target` is exported (it ends as the
/// response is written) and checks it is the only one with that trace.
async fn assert_exported(target: &str, incoming: Option<&str>) {
    for _ in 0..100 {
        if exported("request").iter().any(|id| id == target) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(
        exported("request").iter().any(|id| id == target),
        "no exported span has trace id {target}: {:?}",
        exported("request")
    );
    assert_eq!(target.len(), 32);
    assert!(
        target
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    );
    if let Some(incoming) = incoming {
        assert_eq!(target, incoming);
    }
    assert!(
        telemetry()
            .logged
            .lock()
            .unwrap()
            .iter()
            .any(|id| id == target),
        "the log event carries the trace id"
    );
}

#[tokio::test]
async fn over_http_the_target_is_the_trace_id() {
    telemetry();
    let app = Router::new()
        .route(
            "/machines/{id}",
            get(|| async { CommonError::ResourceNotFound("machine 7".into()) }),
        )
        .layer(CorrelationLayer::default())
        .layer(TracedLayer("axum"));
    // Served here, not by support's servers, which install their own subscriber.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });

    // No traceparent: the SDK starts a trace, and its id is the target.
    let (code, _, target) = support::call(addr, Method::GET, "/machines/7", &[], "")
        .await
        .error(404);
    assert_eq!(code, "ResourceNotFound");
    assert_exported(&target, None).await;

    // With one: the span continues the caller's trace.
    let (_, _, target) = support::call(
        addr,
        Method::GET,
        "/machines/7",
        &[("traceparent", TRACEPARENT)],
        "",
    )
    .await
    .error(404);
    assert_exported(&target, Some(INCOMING_TRACE)).await;

    // A trusted incoming x-request-id still wins.
    let (_, _, target) = support::call(
        addr,
        Method::GET,
        "/machines/7",
        &[("x-request-id", "caller-chose-this")],
        "",
    )
    .await
    .error(404);
    assert_eq!(target, "caller-chose-this");
}

#[tokio::test]
async fn over_grpc_the_target_is_the_trace_id() {
    telemetry();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(
        tonic::transport::Server::builder()
            .layer(TracedLayer("grpc"))
            .layer(rest_error::grpc::CorrelationLayer::default())
            .add_service(grpc_service::pb::inventory_server::InventoryServer::new(
                grpc_service::InventoryService::default(),
            ))
            .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener)),
    );
    let mut client = InventoryClient::connect(format!("http://{addr}"))
        .await
        .unwrap();

    let status = client
        .get_machine(GetMachineRequest { id: 7 })
        .await
        .unwrap_err();
    let target = status.get_details_request_info().unwrap().request_id;
    assert_eq!(
        status.get_details_error_info().unwrap().metadata["target"],
        target
    );
    assert_exported(&target, None).await;

    let mut request = tonic::Request::new(GetMachineRequest { id: 7 });
    request
        .metadata_mut()
        .insert("traceparent", MetadataValue::from_static(TRACEPARENT));
    let status = client.get_machine(request).await.unwrap_err();
    let target = status.get_details_request_info().unwrap().request_id;
    assert_exported(&target, Some(INCOMING_TRACE)).await;
}
