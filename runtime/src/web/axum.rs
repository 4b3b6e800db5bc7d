//! axum 0.8 adapter (feature `axum`): moves requests and responses between
//! axum's types and the [web core](crate::web) (examples there). Every
//! `#[derive(ApiError)]` type is an `IntoResponse`; [`CorrelationLayer`] runs
//! each request under its id (also an `Extension<CorrelationId>`); [`Json`]
//! honours axum's `DefaultBodyLimit`.

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::header::{CONTENT_TYPE, HeaderValue};
use axum::http::request::Parts;
use axum::response::Response;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::panic::Panic;
use super::{Axum, RequestContext, http_response as into_response};
use crate::ApiError;

pub use super::correlation_id;
pub use super::layer::CorrelationLayer;
pub use super::pages_axum::error_pages;
pub use super::{
    ApiResponse, Json, JsonRejection, ParamRejection, Path, Query, RouteRejection, WithId,
};

/// What the `__axum_impls!` expansion names. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use axum::response::{IntoResponse, Response};

    /// The response for a derived error or one of the core's response types.
    pub fn respond(answer: &impl crate::web::Answer) -> Response {
        super::into_response(answer.parts())
    }
}

/// `IntoResponse` for a derived type and the core's response types; the derive calls it through
/// `__web_impls!` with `[impl generics] [type] [where clause,]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __axum_impls {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::axum::__private::IntoResponse for $($ty)* $($where)* {
            fn into_response(self) -> $crate::axum::__private::Response {
                $crate::axum::__private::respond(&self)
            }
        }
    };
}
crate::__axum_impls! { [] [RouteRejection] [where] }
crate::__axum_impls! { [] [ParamRejection] [where] }
crate::__axum_impls! { [] [JsonRejection] [where] }
crate::__axum_impls! { [<E: ApiError>] [ApiResponse<E>] [where] }
crate::__axum_impls! { [<E: ApiError>] [WithId<E>] [where] }
crate::__axum_impls! { [<T: Serialize>] [Json<T>] [where] }

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

impl<S> tower_layer::Layer<S> for CorrelationLayer {
    type Service = Correlation<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Correlation::new(inner, &self.settings)
    }
}

/// The service that [`CorrelationLayer`] wraps around an inner service.
pub type Correlation<S> = super::Correlation<S, Axum>;

/// The response future of [`Correlation`]: the inner future under the
/// request's id (a panic answered as a 500), then the id echoed.
pub type CorrelationFuture<F> = super::CorrelationFuture<F, Axum>;

#[allow(private_interfaces)] // the crate's own types: `Tower` is unnameable outside
impl<B> super::Tower<B> for Axum
where
    B: HttpBody<Data = Bytes, Error: Into<axum::BoxError>> + Send + 'static,
{
    type Body = Body;

    fn body(body: B) -> Body {
        Body::new(body)
    }

    fn answer(panic: &Panic, context: &RequestContext) -> Response {
        into_response(context.answer(panic))
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = JsonRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = request.headers().get(CONTENT_TYPE);
        super::check_content_type(content_type.map(HeaderValue::as_bytes))?;
        let bytes = Bytes::from_request(request, state).await;
        let bytes = bytes.map_err(|rejection| super::unread_body(rejection.status().as_u16()))?;
        super::deserialize_json(&bytes).map(Json)
    }
}

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = ParamRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let raw = RawPathParams::from_request_parts(parts, state).await;
        let raw = raw.map_err(|rejection| super::path_refused(&rejection.body_text()))?;
        super::extract_path(raw.iter(), false)
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ParamRejection;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        super::extract_query(parts.uri.query().unwrap_or_default())
    }
}
