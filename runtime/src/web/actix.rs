//! actix-web 4 adapter (feature `actix-web`): moves requests and responses
//! between actix's types and the [web core](crate::web) (examples there). Every
//! derived type with `Debug` and `Display` (`#[api(display)]`, or thiserror's)
//! is a [`ResponseError`]; wrap others in [`ApiResponse`]. The [`Correlation`]
//! middleware runs each request under its id (also a
//! `web::ReqData<CorrelationId>`); [`Json`] honours actix's `PayloadConfig`.

use core::future::{Future, Ready, ready};
use core::pin::Pin;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::error::ContentTypeError;
use actix_web::http::StatusCode;
use actix_web::http::header::{ACCEPT, ALLOW, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::web::Bytes;
use actix_web::{
    FromRequest, HttpMessage as _, HttpRequest, HttpResponse, Responder, ResponseError,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::ApiError;
use crate::web::panic::Panic;
use crate::web::{Actix, Answer, CorrelationFuture, ErrorParts, Finish, Handled, RequestContext};

pub use crate::web::correlation_id;
pub use crate::web::layer::CorrelationLayer as Correlation;
pub use crate::web::pages_actix::error_pages;
pub use crate::web::{
    ApiResponse, Json, JsonRejection, ParamRejection, Path, Query, RouteRejection, WithId,
};

/// What the `__actix_impls!` expansion names. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::web::Answer;
    pub use actix_web::http::StatusCode;
    pub use actix_web::{HttpResponse, ResponseError};

    /// The status of an error response: 500 for one that is not an error status.
    pub fn status_code(answer: &impl Answer) -> StatusCode {
        StatusCode::from_u16(crate::problem::response_status(answer.status())).unwrap_or_default()
    }

    /// The response, in its request's context (see `hand_on`).
    pub fn respond(answer: &impl Answer) -> HttpResponse {
        super::into_response(crate::web::parts_for(answer, || answer.parts()))
    }
}

/// `ResponseError` for a derived type and the core's error types; the derive
/// calls it through `__web_impls!` with `[impl generics] [type] [where clause,]`.
///
/// The `Debug + Display` bound that `ResponseError` needs is higher-ranked, so it
/// is not checked at the impl: a type without them gets no impl, and no error.
#[doc(hidden)]
#[macro_export]
macro_rules! __actix_impls {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [where $($where:tt)*]) => {
        #[automatically_derived]
        #[allow(unused_lifetimes, single_use_lifetimes)] // the bound's `'__api_error`, on purpose
        impl $($impl_generics)* $crate::actix::__private::ResponseError for $($ty)*
        where
            $($where)*
            for<'__api_error> $($ty)*: ::core::fmt::Debug + ::core::fmt::Display + $crate::actix::__private::Answer,
        {
            fn status_code(&self) -> $crate::actix::__private::StatusCode {
                $crate::actix::__private::status_code(self)
            }

            fn error_response(&self) -> $crate::actix::__private::HttpResponse {
                $crate::actix::__private::respond(self)
            }
        }
    };
}
crate::__actix_impls! { [] [RouteRejection] [where] }
crate::__actix_impls! { [] [ParamRejection] [where] }
crate::__actix_impls! { [] [JsonRejection] [where] }
crate::__actix_impls! { [<E: ApiError>] [ApiResponse<E>] [where] }
crate::__actix_impls! { [<E: ApiError>] [WithId<E>] [where] }
crate::__actix_impls! { [] [Panic] [where] }

fn into_response(parts: ErrorParts) -> HttpResponse {
    let mut response = HttpResponse::new(StatusCode::from_u16(parts.status).unwrap_or_default());
    parts.write_headers(response.headers_mut());
    response.set_body(parts.body).map_into_boxed_body()
}

crate::web::impl_headers!(HeaderMap, HeaderName, HeaderValue);

/// The app's default service (`default_service(web::to(not_found))`): 404
/// `NotFound` ([`RouteRejection`]).
#[allow(clippy::unused_async)] // handlers are async functions
pub async fn not_found() -> HttpResponse {
    RouteRejection::not_found().error_response()
}

/// An `ErrorHandlers` handler for 405: actix's empty `405 Method Not Allowed`
/// of a resource as `MethodNotAllowed` ([`RouteRejection`]), keeping actix's
/// `Allow`; a 405 with a body type of its own (a handler's) is left as it is.
///
/// # Errors
/// Never; the `Result` is what `ErrorHandlers` asks for.
pub fn method_not_allowed<B>(
    response: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let headers = response.headers();
    if headers.contains_key(CONTENT_TYPE) {
        return Ok(ErrorHandlerResponse::Response(
            response.map_into_left_body(),
        ));
    }
    let allow = headers.get(ALLOW).and_then(|value| value.to_str().ok());
    let answer = RouteRejection::allowing(allow.unwrap_or_default()).error_response();
    let response = ServiceResponse::new(response.into_parts().0, answer);
    Ok(ErrorHandlerResponse::Response(
        response.map_into_right_body(),
    ))
}

impl<S, B> Transform<S, ServiceRequest> for Correlation
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Transform = CorrelationMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(CorrelationMiddleware::new(service, &self.settings)))
    }
}

/// The service that [`Correlation`] wraps around an inner service.
pub type CorrelationMiddleware<S> = crate::web::Correlation<S, Actix>;

impl<S, B> Service<ServiceRequest> for CorrelationMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Future = CorrelationFuture<S::Future, Actix>;

    actix_web::dev::forward_ready!(inner);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let headers = request.headers();
        let context = self.begin(
            |name| headers.get(name).map(HeaderValue::as_bytes),
            || headers.get_all(ACCEPT).map(HeaderValue::as_bytes),
        );
        request.extensions_mut().insert(context.id.clone());
        CorrelationFuture::new(context.run(|| self.inner.call(request)))
    }
}

#[allow(private_interfaces)] // the crate's own types: `Finish` is unnameable outside
impl<B> Finish<Result<ServiceResponse<B>, actix_web::Error>> for Actix {
    type Output = Result<ServiceResponse<B>, actix_web::Error>;

    fn finish((output, context): Handled<Self::Output>) -> Self::Output {
        match output {
            Ok(Ok(mut response)) => {
                context.echo(response.headers_mut());
                Ok(response)
            }
            Ok(Err(err)) => Err(hand_on(err, context)),
            Err(panic) => Err(hand_on(panic.into(), context)),
        }
    }
}

/// An inner service's `Err` (or a panic), handed on as it is, so an outer
/// middleware can still downcast it; its request is remembered until it is
/// dropped (so `__private::respond` answers it with the request's id), and its
/// response echoes the id whoever made it.
fn hand_on(mut err: actix_web::Error, context: RequestContext) -> actix_web::Error {
    let remembered = crate::web::remember(err.as_response_error(), context.clone());
    err.add_response_mapper(move |mut response| {
        let _ = &remembered; // forgotten when the error (this mapper) is dropped
        context.echo(response.headers_mut());
        response
    });
    err
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type = request.headers().get(CONTENT_TYPE);
        if let Err(rejection) =
            crate::web::check_content_type(content_type.map(HeaderValue::as_bytes))
        {
            return Box::pin(ready(Err(rejection.into())));
        }
        let bytes = Bytes::from_request(request, payload);
        Box::pin(async move {
            let bytes = bytes.await.map_err(|err| body_rejection(&err))?;
            Ok(Json(crate::web::deserialize_json(&bytes)?))
        })
    }
}

/// Maps a failure of actix's `Bytes` extractor to a rejection (by status: 413
/// is a body over the `PayloadConfig` limit).
fn body_rejection(err: &actix_web::Error) -> JsonRejection {
    if err.as_error::<ContentTypeError>().is_some() {
        // A `PayloadConfig` with a mime type other than JSON: the content type is wrong.
        return JsonRejection::wrong_content_type();
    }
    crate::web::unread_body(err.as_response_error().status_code().as_u16())
}

impl<T: Serialize> Responder for Json<T> {
    type Body = BoxBody;

    fn respond_to(self, _request: &HttpRequest) -> HttpResponse {
        into_response(Answer::parts(&self))
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Path<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let params = request.match_info().iter();
        ready(crate::web::extract_path(params, true).map_err(Into::into))
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Query<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(crate::web::extract_query(request.query_string()).map_err(Into::into))
    }
}
