//! axum 0.8 adapter (feature `axum`): moves the [web core](crate::web)'s
//! responses into axum's types. Every `#[derive(ApiError)]` type is an
//! `IntoResponse`; [`CorrelationLayer`] gives each request its id (also an
//! `Extension<CorrelationId>`); [`Json`] honours axum's `DefaultBodyLimit`.
//!
//! ```
//! use rest_error::ApiError;
//! use rest_error::axum::{CorrelationLayer, Json};
//! use rest_error::web::WebSettings;
//! use axum::{Router, extract::Path, routing::get};
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
//! let app: Router = Router::new()
//!     .route("/machines/{id}", get(machine))
//!     .layer(CorrelationLayer::new(WebSettings::default().error_code_header("x-error-code")));
//! ```

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use axum::extract::{FromRequest, Request};
use axum::http::header::{ACCEPT, CONTENT_TYPE, HeaderName, HeaderValue};
use axum::http::{Response as HttpResponse, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{ErrorParts, RequestContext, SerializeFailed, WebSettings};

pub use super::pages_axum::error_pages;
pub use super::{ApiResponse, Json, JsonRejection, ParamRejection, RouteRejection, correlation_id};

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

impl IntoResponse for JsonRejection {
    fn into_response(self) -> Response {
        into_response(super::rejection_parts(&self))
    }
}
crate::__axum_impls! { [] [RouteRejection] [where] }
crate::__axum_impls! { [] [ParamRejection] [where] }

impl<E: crate::ApiError> IntoResponse for ApiResponse<E> {
    fn into_response(self) -> Response {
        into_response(super::error_parts(&self.0, super::Detail::none()))
    }
}
crate::__axum_impls! { [] [SerializeFailed] [where] }

/// The router's fallback: answers a path no route matches with 404 `NotFound`
/// ([`RouteRejection`]) in the request's error format.
///
/// Pass it to [`Router::fallback`](axum::Router::fallback), and
/// [`method_not_allowed`] to
/// [`Router::method_not_allowed_fallback`](axum::Router::method_not_allowed_fallback)
/// *after the routes* (axum applies it to the routes registered before the
/// call). Put the [`CorrelationLayer`] outside both, so their responses carry
/// the request's id:
///
/// ```
/// use axum::{Router, routing::get};
/// use rest_error::axum::{CorrelationLayer, fallback, method_not_allowed};
///
/// let app: Router = Router::new()
///     .route("/machines", get(|| async { "[]" }))
///     .fallback(fallback)
///     .method_not_allowed_fallback(method_not_allowed)
///     .layer(CorrelationLayer::default());
/// ```
#[allow(clippy::unused_async)] // handlers are async functions
pub async fn fallback() -> RouteRejection {
    RouteRejection::not_found()
}

/// The router's method-not-allowed fallback: answers a method the path does not
/// accept with 405 `MethodNotAllowed` ([`RouteRejection`]); axum adds the
/// `Allow` header listing the path's methods. See [`fallback`].
#[allow(clippy::unused_async)] // handlers are async functions
pub async fn method_not_allowed() -> RouteRejection {
    RouteRejection::method_not_allowed([])
}

/// An axum response from the core's parts (whose headers are validated).
fn into_response(parts: ErrorParts) -> Response {
    let mut response = Response::new(Body::from(parts.body));
    *response.status_mut() = StatusCode::from_u16(parts.status).unwrap_or_default();
    for (name, value) in parts.headers {
        if let (Ok(name), Ok(value)) =
            (HeaderName::try_from(&*name), HeaderValue::try_from(&*value))
        {
            response.headers_mut().append(name, value);
        }
    }
    response
}

/// A tower [`Layer`](tower_layer::Layer) that gives each request one correlation
/// id and runs it under the given [`WebSettings`]; see [`rest_error::web`](crate::web).
#[derive(Debug, Clone, Default)]
pub struct CorrelationLayer {
    settings: Arc<WebSettings>,
}

impl CorrelationLayer {
    /// A layer with these settings; [`Default`] has the default settings.
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

/// The service that [`CorrelationLayer`] wraps around an inner service.
#[derive(Debug, Clone)]
pub struct Correlation<S> {
    inner: S,
    settings: Arc<WebSettings>,
}

impl<S, ReqBody, ResBody> tower_service::Service<axum::http::Request<ReqBody>> for Correlation<S>
where
    S: tower_service::Service<axum::http::Request<ReqBody>, Response = HttpResponse<ResBody>>,
{
    type Response = HttpResponse<ResBody>;
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
/// request's id as the current one, then the id echoed in the response.
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
    F: Future<Output = Result<HttpResponse<B>, E>>,
{
    type Output = Result<HttpResponse<B>, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let Poll::Ready(mut result) = self.inner.as_mut().poll(cx) else {
            return Poll::Pending;
        };
        if let (Ok(response), Some((name, value))) = (&mut result, self.echo.take()) {
            response.headers_mut().insert(name, value);
        }
        Poll::Ready(result)
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
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

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        match super::to_body(&self.0) {
            Ok(body) => (
                [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
                body,
            )
                .into_response(),
            Err(err) => err.into_response(),
        }
    }
}

/// axum's `Path` extractor, answering a parameter that does not parse with
/// `InvalidInput` (400) naming it ([`ParamRejection`]) instead of axum's
/// `text/plain` rejection.
///
/// ```
/// use axum::{Router, routing::get};
/// use rest_error::axum::Path;
///
/// async fn machine(Path(id): Path<u32>) -> String { id.to_string() }
/// let app: Router = Router::new().route("/machines/{id}", get(machine));
/// // GET /machines/abc: 400 InvalidInput "Invalid input id: cannot parse `abc` as u32."
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Path<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ParamRejection;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        use axum::extract::path::ErrorKind;
        use axum::extract::rejection::PathRejection;

        let names: Vec<String> = axum::extract::RawPathParams::from_request_parts(parts, state)
            .await
            .map(|raw| raw.iter().map(|(name, _)| name.to_owned()).collect())
            .unwrap_or_default();
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(PathRejection::FailedToDeserializePathParams(err)) => {
                let cannot = |value: &str, expected: &str| {
                    format!(
                        "cannot parse `{}` as {expected}",
                        super::params::sanitize(value)
                    )
                };
                let only = || names.first().filter(|_| names.len() == 1).cloned();
                Err(match err.into_kind() {
                    ErrorKind::ParseErrorAtKey {
                        key,
                        value,
                        expected_type,
                    } => ParamRejection::invalid(&key, &cannot(&value, expected_type)),
                    ErrorKind::ParseErrorAtIndex {
                        index,
                        value,
                        expected_type,
                    } => ParamRejection::invalid(
                        names.get(index).map_or("path", String::as_str),
                        &cannot(&value, expected_type),
                    ),
                    ErrorKind::ParseError {
                        value,
                        expected_type,
                    } => ParamRejection::invalid(
                        &only().unwrap_or_else(|| "path".to_owned()),
                        &cannot(&value, expected_type),
                    ),
                    ErrorKind::InvalidUtf8InPathParam { key } => {
                        ParamRejection::invalid(&key, "not valid UTF-8")
                    }
                    ErrorKind::DeserializeError { key, message, .. } => {
                        ParamRejection::invalid(&key, &message)
                    }
                    ErrorKind::Message(message) => ParamRejection::invalid(
                        &only().unwrap_or_else(|| "path".to_owned()),
                        &message,
                    ),
                    _ => ParamRejection::misconfigured(),
                })
            }
            Err(_) => Err(ParamRejection::misconfigured()),
        }
    }
}

/// A `Query` extractor answering a missing parameter with
/// `MissingRequiredParameter` and one that does not parse with `InvalidInput`
/// (400), naming it ([`ParamRejection`]).
///
/// ```
/// use axum::{Router, routing::get};
/// use rest_error::axum::Query;
///
/// #[derive(serde::Deserialize)]
/// struct Page { limit: u32 }
/// async fn list(Query(page): Query<Page>) -> String { page.limit.to_string() }
/// let app: Router = Router::new().route("/machines", get(list));
/// // GET /machines?limit=x: 400 InvalidInput "Invalid input limit: invalid digit found in string."
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Query<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ParamRejection;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        super::deserialize_query(parts.uri.query().unwrap_or_default()).map(Query)
    }
}
