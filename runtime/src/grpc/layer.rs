//! The correlation layer for tonic servers: one id per call, from the same
//! rules and settings as the HTTP adapters, echoed in the response metadata.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::sync::Arc;

use http::{HeaderName, HeaderValue, Request, Response};

use super::GrpcFacts;
use crate::web::{Detail, Handling, Headers, WebSettings};

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
        Correlation {
            inner,
            settings: Arc::clone(&self.settings),
        }
    }
}

/// The service that [`CorrelationLayer`] wraps around a tonic server's routes.
#[derive(Debug, Clone)]
pub struct Correlation<S> {
    inner: S,
    settings: Arc<WebSettings>,
}

impl<S, ReqBody, ResBody> tower_service::Service<Request<ReqBody>> for Correlation<S>
where
    S: tower_service::Service<Request<ReqBody>, Response = Response<ResBody>>,
    ResBody: Default,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = CorrelationFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        let headers = request.headers();
        // gRPC has no content negotiation: a status is a status.
        let context = crate::web::begin(
            &self.settings,
            |name| headers.get(name).map(HeaderValue::as_bytes),
            core::iter::empty,
        );
        request.extensions_mut().insert(context.id.clone());
        CorrelationFuture(context.run(|| self.inner.call(request)))
    }
}

/// The response future of [`Correlation`]: the inner future, run with the
/// call's id as the current one (a panic answered as `INTERNAL`), then the id
/// echoed in the response metadata.
#[derive(Debug)]
pub struct CorrelationFuture<F>(Handling<F>);

impl<F, B, E> Future for CorrelationFuture<F>
where
    F: Future<Output = Result<Response<B>, E>>,
    B: Default,
{
    type Output = Result<Response<B>, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let Poll::Ready((output, context)) = Pin::new(&mut self.0).poll(cx) else {
            return Poll::Pending;
        };
        let mut response = match output {
            Ok(Ok(response)) => response,
            Ok(Err(err)) => return Poll::Ready(Err(err)),
            Err(panic) => context
                .within(|| super::status::status(&panic, &Runtime, Detail::debug(&panic)))
                .into_http(),
        };
        // Replacing: an error's status already carries the same id.
        context.echo(&mut Metadata(response.headers_mut()));
        Poll::Ready(Ok(response))
    }
}

/// The response's headers, where tonic puts the metadata (a unary call's
/// error is a trailers-only response: its headers are its trailers).
struct Metadata<'a>(&'a mut http::HeaderMap);

impl Headers for Metadata<'_> {
    fn put(&mut self, name: &str, value: &str, replace: bool) {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            if replace {
                self.0.insert(name, value);
            } else {
                self.0.append(name, value);
            }
        }
    }
}

/// The facts of an error the runtime makes itself (an answered panic).
struct Runtime;

impl GrpcFacts for Runtime {
    fn __grpc_domain(&self) -> &'static str {
        env!("CARGO_PKG_NAME")
    }
}
