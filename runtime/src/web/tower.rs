//! The correlation middleware as a tower service over `http` 1 requests and
//! responses, one for axum's `CorrelationLayer` and tonic's: the request's
//! context from its headers, its id in its extensions, the inner service run
//! under it, the id echoed on the response. A framework gives only [`Tower`]:
//! its response body, and the response that answers a panic.

use core::task::{Context, Poll};

use http::header::{ACCEPT, HeaderMap, HeaderName, HeaderValue};
use http::{Request, Response};

use super::RequestContext;
use super::handling::Handled;
use super::middleware::{Correlation, CorrelationFuture, Finish};
use super::panic::Panic;

/// A tower framework's side of [`Correlation`].
#[allow(private_interfaces)] // the crate's own types: `Tower` is unnameable outside
pub trait Tower<B> {
    /// The body of the middleware's responses.
    type Body;

    /// Whether a request's `Accept` negotiates its error format (gRPC: no, a
    /// status is a status).
    const NEGOTIATES: bool = true;

    /// The inner service's response body as the middleware's.
    fn body(body: B) -> Self::Body;

    /// The response answering `panic`, in the request's context.
    fn answer(panic: &Panic, context: &RequestContext) -> Response<Self::Body>;
}

impl<S, K, ReqBody, B> tower_service::Service<Request<ReqBody>> for Correlation<S, K>
where
    S: tower_service::Service<Request<ReqBody>, Response = Response<B>>,
    K: Tower<B>,
{
    type Response = Response<K::Body>;
    type Error = S::Error;
    type Future = CorrelationFuture<S::Future, K>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        let headers = request.headers();
        let context = self.begin(
            |name| headers.get(name).map(HeaderValue::as_bytes),
            || {
                let accept = headers.get_all(ACCEPT).iter();
                accept.filter(|_| K::NEGOTIATES).map(HeaderValue::as_bytes)
            },
        );
        request.extensions_mut().insert(context.id.clone());
        CorrelationFuture::new(context.run(|| self.inner.call(request)))
    }
}

#[allow(private_interfaces)] // the crate's own types: `Finish` is unnameable outside
impl<K: Tower<B>, B, E> Finish<Result<Response<B>, E>> for K {
    type Output = Result<Response<K::Body>, E>;

    fn finish((output, context): Handled<Result<Response<B>, E>>) -> Self::Output {
        let mut response = match output {
            Ok(Ok(response)) => response.map(K::body),
            Ok(Err(err)) => return Err(err),
            Err(panic) => K::answer(&panic, &context),
        };
        // Replacing: an error's response (a gRPC status's metadata) already
        // carries the same id.
        context.echo(response.headers_mut());
        Ok(response)
    }
}

super::impl_headers!(HeaderMap, HeaderName, HeaderValue);

/// The response of `parts`, for a framework whose bodies are made from bytes.
#[cfg(feature = "axum")] // tonic answers with a status instead
pub(crate) fn http_response<B: From<Vec<u8>>>(parts: super::ErrorParts) -> Response<B> {
    let mut response = Response::new(B::from(Vec::new()));
    *response.status_mut() = http::StatusCode::from_u16(parts.status).unwrap_or_default();
    parts.write_headers(response.headers_mut());
    *response.body_mut() = B::from(parts.body);
    response
}
