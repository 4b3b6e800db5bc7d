//! axum 0.8 integration (feature `axum`): derived errors as responses, one
//! correlation id per request, and a JSON extractor with documented error codes.
//!
//! - Every `#[derive(ApiError)]` type implements [`IntoResponse`], so a handler
//!   returns `Result<Json<T>, MyError>`. The response has the error's status,
//!   `content-type: application/json`, the code in `x-ms-error-code`,
//!   `WWW-Authenticate: Bearer` on 401, the error's own headers, `x-request-id`,
//!   and the envelope as body. Each error response is logged once with `tracing`:
//!   `error` level with the `Debug` and `source()` chain for 5xx, `debug` for 4xx.
//! - [`CorrelationLayer`] gives each request one id, taken from `x-request-id`
//!   (or a W3C `traceparent`) when valid, else a fresh UUID v4; it is the `target`
//!   of every error envelope produced while the request is handled and is echoed
//!   in `x-request-id` on every response. Without the layer each error response
//!   gets a fresh id.
//! - [`Json`] extracts a body like `axum::Json`, honouring `DefaultBodyLimit`,
//!   and rejects bad bodies with a [`JsonRejection`] envelope.
//!
//! ```
//! use rest_error::ApiError;
//! use rest_error::axum::{CorrelationLayer, Json};
//! use axum::{Router, extract::Path, routing::get};
//!
//! #[derive(Debug, ApiError)]
//! enum MachineError {
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//!     NotFound(u64),
//! }
//!
//! #[derive(serde::Serialize)]
//! struct Machine { id: u64 }
//!
//! async fn machine(Path(id): Path<u64>) -> Result<Json<Machine>, MachineError> {
//!     if id == 1 { Ok(Json(Machine { id })) } else { Err(MachineError::NotFound(id)) }
//! }
//!
//! let app: Router = Router::new()
//!     .route("/machines/{id}", get(machine))
//!     .layer(CorrelationLayer::default());
//! ```
//!
//! # The log event
//!
//! One `tracing` event per error response, target `rest_error::web`, message
//! `error response`, with the fields `target_id`, `code`, `status` and
//! `public_message`; for 5xx (at `error` level) also `error` (the `Debug` of the
//! error) and `sources` (its `source()` chain, `: `-separated), and
//! `declared_status` when the type declared a status outside `400..=599` (answered
//! as 500). `dropped_headers` names the error's own headers that were not sent
//! (never their values). The `Debug` and the chain are taken when the type has
//! them; for a generic type, when its impl's bounds imply them. A type without
//! `Debug` still answers; its event says `(the type does not implement Debug)`.
//!
//! # The error-code header
//!
//! `x-ms-error-code` by default (the Microsoft REST API guidelines' header);
//! [`CorrelationLayer::error_code_header`] renames it and
//! [`CorrelationLayer::without_error_code_header`] leaves it out, for every error
//! response produced under the layer.
//!
//! ```
//! use rest_error::axum::CorrelationLayer;
//! use axum::http::HeaderName;
//!
//! let layer = CorrelationLayer::default()
//!     .request_header(HeaderName::from_static("x-correlation-id"))
//!     .error_code_header(HeaderName::from_static("x-error-code"))
//!     .traceparent(false);
//! ```

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::borrow::Cow;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use axum::response::IntoResponse;
use axum::response::Response;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{ErrorParts, RequestContext, SerializeFailed, Settings};
use crate::CorrelationId;

pub use super::JsonRejection;

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

crate::__axum_impls! { [] [JsonRejection] [where] }

/// An axum response from neutral parts. A header the framework refuses is left
/// out (the core has validated them, so this does not happen in practice).
fn into_response(parts: ErrorParts) -> Response {
    let status = StatusCode::from_u16(parts.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = Response::new(Body::from(parts.body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.reserve(parts.headers.len());
    for (name, value) in parts.headers {
        let Ok(name) = HeaderName::from_bytes(name.as_bytes()) else {
            continue;
        };
        let value = match value {
            Cow::Borrowed(value) => HeaderValue::from_str(value),
            Cow::Owned(value) => HeaderValue::try_from(value),
        };
        if let Ok(value) = value {
            headers.append(name, value);
        }
    }
    response
}

/// A tower [`Layer`](tower_layer::Layer) that gives each request one correlation id.
///
/// The id comes from the request header (`x-request-id` by default) when
/// [`CorrelationId::parse`] accepts it, else from the trace id of a valid W3C
/// `traceparent` header, else it is a fresh UUID v4. An invalid incoming value is
/// dropped: it is not echoed in any header or body, nor logged. While the request
/// is handled, the id is the `target` of every error envelope; it is echoed in
/// the response header (`x-request-id` by default) on every response, successes
/// included, and is available to handlers as an `Extension<CorrelationId>`.
///
/// ```
/// use rest_error::axum::CorrelationLayer;
/// use axum::{Router, routing::get};
///
/// let app: Router = Router::new()
///     .route("/", get(|| async { "ok" }))
///     .layer(CorrelationLayer::default());
/// ```
#[derive(Debug, Clone, Default)]
pub struct CorrelationLayer {
    settings: Arc<Settings>,
}

// Owned names, like axum's own builders take them.
#[allow(clippy::needless_pass_by_value)]
impl CorrelationLayer {
    /// Reads the incoming id from `name` instead of `x-request-id`.
    #[must_use]
    pub fn request_header(mut self, name: HeaderName) -> Self {
        Arc::make_mut(&mut self.settings).request_header = Cow::Owned(name.as_str().to_owned());
        self
    }

    /// Echoes the id in `name` instead of `x-request-id`.
    #[must_use]
    pub fn response_header(mut self, name: HeaderName) -> Self {
        Arc::make_mut(&mut self.settings).response_header = Cow::Owned(name.as_str().to_owned());
        self
    }

    /// Repeats each error response's code in `name` instead of `x-ms-error-code`.
    #[must_use]
    pub fn error_code_header(mut self, name: HeaderName) -> Self {
        Arc::make_mut(&mut self.settings).error_code_header =
            Some(Cow::Owned(name.as_str().to_owned()));
        self
    }

    /// Sends no error-code header; the code is only in the body.
    #[must_use]
    pub fn without_error_code_header(mut self) -> Self {
        Arc::make_mut(&mut self.settings).error_code_header = None;
        self
    }

    /// Whether the trace id of a W3C `traceparent` header is the fallback id
    /// (on by default).
    #[must_use]
    pub fn traceparent(mut self, enabled: bool) -> Self {
        Arc::make_mut(&mut self.settings).traceparent = enabled;
        self
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
    settings: Arc<Settings>,
}

impl<S, ReqBody, ResBody> tower_service::Service<axum::http::Request<ReqBody>> for Correlation<S>
where
    S: tower_service::Service<
            axum::http::Request<ReqBody>,
            Response = axum::http::Response<ResBody>,
        >,
{
    type Response = axum::http::Response<ResBody>;
    type Error = S::Error;
    type Future = CorrelationFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: axum::http::Request<ReqBody>) -> Self::Future {
        let headers = request.headers();
        let id = super::incoming_id(&self.settings, |name| {
            headers.get(name).map(HeaderValue::as_bytes)
        });
        request.extensions_mut().insert(id.clone());
        let echo = HeaderName::from_bytes(self.settings.response_header.as_bytes())
            .ok()
            .zip(HeaderValue::from_str(id.as_str()).ok());
        let context = RequestContext {
            id,
            settings: Arc::clone(&self.settings),
        };
        // `call` may do work before its future is polled: it runs in the scope too.
        let inner = super::sync_scope(context.clone(), || self.inner.call(request));
        CorrelationFuture {
            inner: Box::pin(super::scope(context, inner)),
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
        f.debug_struct("CorrelationFuture").finish_non_exhaustive()
    }
}

impl<F, B, E> Future for CorrelationFuture<F>
where
    F: Future<Output = Result<axum::http::Response<B>, E>>,
{
    type Output = Result<axum::http::Response<B>, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut response = match self.inner.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(Err(err)) => return Poll::Ready(Err(err)),
            Poll::Ready(Ok(response)) => response,
        };
        if let Some((name, value)) = self.echo.take() {
            response.headers_mut().insert(name, value);
        }
        Poll::Ready(Ok(response))
    }
}

/// The correlation id of the request being handled, when it runs under a
/// [`CorrelationLayer`]; `None` outside of one.
///
/// Handlers can also take it as `Extension<CorrelationId>`.
#[must_use]
pub fn correlation_id() -> Option<CorrelationId> {
    super::current_id()
}

/// A JSON request body or response, like `axum::Json`, whose rejections are
/// error envelopes with documented codes (see [`JsonRejection`]).
///
/// As an extractor it needs `content-type: application/json` (or
/// `application/*+json`), honours axum's `DefaultBodyLimit` (413
/// `RequestBodyTooLarge` over it, without reading further), and names the field
/// of a missing or invalid parameter as the client must spell it. As a response it
/// serializes `T` with `content-type: application/json`; if serialization fails, the
/// response is a 500 `InternalServerError` envelope and the cause is logged.
///
/// ```
/// use rest_error::axum::Json;
///
/// #[derive(serde::Deserialize, serde::Serialize)]
/// #[serde(rename_all = "camelCase")]
/// struct Isolate { machine_id: u64, comment: String }
///
/// async fn isolate(Json(body): Json<Isolate>) -> Json<Isolate> {
///     Json(body)
/// }
/// # let _: axum::routing::MethodRouter = axum::routing::post(isolate);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = JsonRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        super::check_content_type(
            request
                .headers()
                .get(CONTENT_TYPE)
                .map(HeaderValue::as_bytes),
        )?;
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
        let mut body = Vec::with_capacity(128);
        match serde_json::to_writer(&mut body, &self.0) {
            Ok(()) => (
                [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
                body,
            )
                .into_response(),
            Err(err) => SerializeFailed(err).into_response(),
        }
    }
}

impl<T> From<T> for Json<T> {
    fn from(value: T) -> Self {
        Json(value)
    }
}

impl<T> core::ops::Deref for Json<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> core::ops::DerefMut for Json<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

crate::__axum_impls! { [] [SerializeFailed] [where] }
