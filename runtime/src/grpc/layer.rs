//! The correlation layer for tonic servers: one id per call, from the same
//! rules and settings as the HTTP adapters, echoed in the response metadata.

use std::sync::Arc;

use http::Response;

use super::GrpcFacts;
use crate::web::panic::Panic;
use crate::web::{Detail, Grpc, RequestContext, Tower, WebSettings};

/// A tower [`Layer`](tower_layer::Layer) for a tonic server
/// (`tonic::transport::Server::builder().layer(CorrelationLayer::default())`):
/// each call runs with its correlation id as the current one; see
/// [`rest_error::grpc`](crate::grpc).
#[derive(Debug, Clone, Default)]
pub struct CorrelationLayer {
    settings: Arc<WebSettings>,
}

impl CorrelationLayer {
    /// A layer with these settings (the id metadata names, `traceparent`);
    /// [`Default`] has the default settings.
    #[must_use]
    pub fn new(settings: WebSettings) -> Self {
        Self {
            settings: Arc::new(settings),
        }
    }
}

impl<S> tower_layer::Layer<S> for CorrelationLayer {
    type Service = Correlation<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Correlation::new(inner, &self.settings)
    }
}

/// The service that [`CorrelationLayer`] wraps around a tonic server's routes.
pub type Correlation<S> = crate::web::Correlation<S, Grpc>;

/// The response future of [`Correlation`]: the inner future, run with the
/// call's id as the current one (a panic answered as `INTERNAL`), then the id
/// echoed in the response metadata (a unary call's error is a trailers-only
/// response: its headers are its trailers).
pub type CorrelationFuture<F> = crate::web::CorrelationFuture<F, Grpc>;

#[allow(private_interfaces)] // the crate's own types: `Tower` is unnameable outside
impl<B: Default> Tower<B> for Grpc {
    type Body = B;
    // gRPC has no content negotiation: a status is a status.
    const NEGOTIATES: bool = false;

    fn body(body: B) -> B {
        body
    }

    fn answer(panic: &Panic, context: &RequestContext) -> Response<B> {
        context
            .within(|| super::status::status(panic, &Runtime, Detail::debug(panic)))
            .into_http()
    }
}

/// The facts of an error the runtime makes itself (an answered panic).
struct Runtime;

impl GrpcFacts for Runtime {
    fn __grpc_domain(&self) -> &'static str {
        env!("CARGO_PKG_NAME")
    }
}
