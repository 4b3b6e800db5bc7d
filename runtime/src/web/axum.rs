//! axum 0.8 adapter (feature `axum`): moves requests and responses between
//! axum's types and the [web core](crate::web) (examples there). Every
//! `#[derive(ApiError)]` type is an `IntoResponse`; [`CorrelationLayer`] runs
//! each request under its id (also an `Extension<CorrelationId>`); [`Json`]
//! honours axum's `DefaultBodyLimit`.

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::header::{CONTENT_TYPE, HeaderValue};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use super::RequestContext;
use super::http_response as into_response;
use super::middleware::Axum;
use super::panic::Panic;

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
    const NEGOTIATES: bool = true;

    fn body(body: B) -> Body {
        Body::new(body)
    }

    fn answer(panic: &Panic, context: &RequestContext) -> Response {
        into_response(context.answer(panic))
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
