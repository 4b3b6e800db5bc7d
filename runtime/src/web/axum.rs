//! axum 0.8 adapter (feature `axum`): moves requests and responses between
//! axum's types and the [web core](crate::web) (examples there). Every
//! `#[derive(ApiError)]` type is an `IntoResponse`; [`CorrelationLayer`] runs
//! each request under its id (also an `Extension<CorrelationId>`); [`Json`]
//! honours axum's `DefaultBodyLimit`.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::sync::Arc;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Response as HttpResponse, StatusCode, request::Parts};
use axum::response::{IntoResponse, Response};

use super::{ErrorParts, Handling, Headers, WebSettings};

pub use super::correlation_id;
pub use super::layer::CorrelationLayer;
pub use super::pages_axum::error_pages;
pub use super::{
    ApiResponse, Json, JsonRejection, ParamRejection, Path, Query, RouteRejection, WithId,
};

/// What the `__axum_impls!` expansion names. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use super::super::{Detail, Probe, ViaDebug, ViaError, ViaNothing};
    pub use axum::response::{IntoResponse, Response};

    /// The response for a derived error, with the probed detail for the log.
    pub fn error_response(error: &dyn crate::ApiError, detail: Detail<'_>) -> Response {
        super::into_response(super::super::error_parts(error, detail))
    }
}

/// `IntoResponse` for a derived type; the derive calls it through
/// `__web_impls!` with `[impl generics] [type] [where clause,]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __axum_impls {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::axum::__private::IntoResponse for $($ty)* $($where)* {
            #[allow(clippy::needless_borrow)] // autoref specialization: the borrows pick the impl
            fn into_response(self) -> $crate::axum::__private::Response {
                #[allow(unused_imports)]
                use $crate::axum::__private::{ViaDebug as _, ViaError as _, ViaNothing as _};
                let detail = (&&&$crate::axum::__private::Probe(&self)).__api_error_detail();
                $crate::axum::__private::error_response(&self, detail)
            }
        }
    };
}
crate::__axum_impls! { [] [RouteRejection] [where] }
crate::__axum_impls! { [] [ParamRejection] [where] }

impl IntoResponse for JsonRejection {
    fn into_response(self) -> Response {
        into_response(super::rejection_parts(&self))
    }
}

impl<E: crate::ApiError> IntoResponse for ApiResponse<E> {
    fn into_response(self) -> Response {
        into_response(super::error_parts(&self.0, super::Detail::none()))
    }
}

impl<E: crate::ApiError> IntoResponse for WithId<E> {
    fn into_response(self) -> Response {
        into_response(self.parts())
    }
}

/// The router's fallback (`Router::fallback`): 404 `NotFound` ([`RouteRejection`]).
#[allow(clippy::unused_async)] // handlers are async functions
pub async fn fallback() -> RouteRejection {
    RouteRejection::not_found()
}

/// The router's `method_not_allowed_fallback`, registered after the routes:
/// 405 `MethodNotAllowed` ([`RouteRejection`]); axum adds `Allow`.
#[allow(clippy::unused_async)] // handlers are async functions
pub async fn method_not_allowed() -> RouteRejection {
    RouteRejection::method_not_allowed([])
}

fn into_response(parts: ErrorParts) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::from_u16(parts.status).unwrap_or_default();
    parts.write_headers(response.headers_mut());
    *response.body_mut() = Body::from(parts.body);
    response
}

impl Headers for HeaderMap {
    fn put(&mut self, name: &str, value: &str, replace: bool) {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            if replace {
                self.insert(name, value);
            } else {
                self.append(name, value);
            }
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

/// The service that [`CorrelationLayer`] wraps around an inner service.
#[derive(Debug, Clone)]
pub struct Correlation<S> {
    inner: S,
    settings: Arc<WebSettings>,
}

impl<S, ReqBody, B> tower_service::Service<axum::http::Request<ReqBody>> for Correlation<S>
where
    S: tower_service::Service<axum::http::Request<ReqBody>, Response = HttpResponse<B>>,
    B: HttpBody<Data = Bytes, Error: Into<axum::BoxError>> + Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = CorrelationFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: axum::http::Request<ReqBody>) -> Self::Future {
        let headers = request.headers();
        let context = super::begin(
            &self.settings,
            |name| headers.get(name).map(HeaderValue::as_bytes),
            || headers.get_all(ACCEPT).iter().map(HeaderValue::as_bytes),
        );
        request.extensions_mut().insert(context.id.clone());
        CorrelationFuture(context.run(|| self.inner.call(request)))
    }
}

/// The response future of [`Correlation`]: the inner future under the
/// request's id (a panic answered as a 500), then the id echoed.
#[derive(Debug)]
pub struct CorrelationFuture<F>(Handling<F>);

impl<F, B, E> Future for CorrelationFuture<F>
where
    F: Future<Output = Result<HttpResponse<B>, E>>,
    B: HttpBody<Data = Bytes, Error: Into<axum::BoxError>> + Send + 'static,
{
    type Output = Result<Response, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let Poll::Ready((output, context)) = Pin::new(&mut self.0).poll(cx) else {
            return Poll::Pending;
        };
        let mut response = match output {
            Ok(Ok(response)) => response.map(Body::new),
            Ok(Err(err)) => return Poll::Ready(Err(err)),
            Err(panic) => into_response(context.answer(&panic)),
        };
        context.echo(response.headers_mut());
        Poll::Ready(Ok(response))
    }
}

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = JsonRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = request.headers().get(CONTENT_TYPE);
        super::check_content_type(content_type.map(HeaderValue::as_bytes))?;
        let bytes =
            Bytes::from_request(request, state)
                .await
                .map_err(|rejection| match rejection {
                    BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
                        JsonRejection::too_large()
                    }
                    _ => JsonRejection::unreadable(),
                })?;
        super::deserialize_json(&bytes).map(Json)
    }
}

impl<T: serde::Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        into_response(super::json_parts(&self.0))
    }
}

impl<T: serde::de::DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = ParamRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let raw = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|rejection| {
                // axum's text names the parameter: "Invalid UTF-8 in `id`".
                let text = rejection.body_text();
                match text
                    .strip_prefix("Invalid UTF-8 in `")
                    .and_then(|t| t.strip_suffix('`'))
                {
                    Some(param) => ParamRejection::invalid(param, "not valid UTF-8"),
                    None => ParamRejection::misconfigured(),
                }
            })?;
        let params: Vec<_> = raw
            .iter()
            .map(|(name, value)| (name, value.into()))
            .collect();
        super::deserialize_path(&params).map(Path)
    }
}

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ParamRejection;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        super::deserialize_query(parts.uri.query().unwrap_or_default()).map(Query)
    }
}
