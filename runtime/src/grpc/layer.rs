//! The correlation layer for tonic servers: one id per call, from the same
//! rules and settings as the HTTP adapters, echoed in the response metadata.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::sync::Arc;

use http::{HeaderName, HeaderValue, Request, Response};

use crate::web::{RequestContext, WebSettings};

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
        let (name, id) = context.echo();
        let echo = HeaderName::try_from(name)
            .ok()
            .zip(HeaderValue::try_from(id).ok());
        CorrelationFuture {
            inner: Box::pin(context.run(|| self.inner.call(request))),
            echo,
        }
    }
}

/// The response future of [`Correlation`]: the inner future, run with the
/// call's id as the current one, then the id echoed in the response metadata.
pub struct CorrelationFuture<F: Future> {
    inner: Pin<Box<tokio::task::futures::TaskLocalFuture<RequestContext, F>>>,
    echo: Option<(HeaderName, HeaderValue)>,
}

impl<F: Future> core::fmt::Debug for CorrelationFuture<F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("CorrelationFuture")
    }
}

impl<F, B, E> Future for CorrelationFuture<F>
where
    F: Future<Output = Result<Response<B>, E>>,
{
    type Output = Result<Response<B>, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let Poll::Ready(mut result) = self.inner.as_mut().poll(cx) else {
            return Poll::Pending;
        };
        // `insert`: an error's status already carries the same id.
        if let (Ok(response), Some((name, value))) = (&mut result, self.echo.take()) {
            response.headers_mut().insert(name, value);
        }
        Poll::Ready(result)
    }
}
