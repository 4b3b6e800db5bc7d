//! actix-web 4 adapter (feature `actix-web`): moves the [web core](crate::web)'s
//! responses into actix's types. Every `#[derive(ApiError)]` type that also
//! implements `Debug` and `Display` (`#[api(display)]`, or thiserror's) is a
//! [`ResponseError`] (others can be wrapped in [`ApiResponse`]); the
//! [`Correlation`] middleware gives each request its id (also a
//! `web::ReqData<CorrelationId>`); [`Json`] honours actix's `PayloadConfig`.
//!
//! ```
//! use actix_web::{App, web};
//! use rest_error::ApiError;
//! use rest_error::actix::{Correlation, Json};
//! use rest_error::web::WebSettings;
//!
//! #[derive(Debug, ApiError)]
//! #[api(display)]
//! enum MachineError {
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//!     NotFound(u64),
//! }
//!
//! async fn machine(id: web::Path<u64>) -> Result<Json<u64>, MachineError> {
//!     match id.into_inner() { 1 => Ok(Json(1)), id => Err(MachineError::NotFound(id)) }
//! }
//!
//! let app = App::new()
//!     .wrap(Correlation::new(WebSettings::default().error_code_header("x-error-code")))
//!     .route("/machines/{id}", web::get().to(machine));
//! ```
//!
//! `ResponseError` requires `Debug + Display`; the generated impl carries them as
//! the higher-ranked bound `where for<'a> MyError: Debug + Display`, which is
//! checked where the impl is used, so a derived type without them still compiles
//! and simply is not a `ResponseError`. The `Display` is never sent.

use core::future::{Future, Ready, ready};
use core::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::error::{ContentTypeError, PayloadError};
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
use crate::web::{Detail, ErrorParts, SerializeFailed, WebSettings};

pub use crate::web::pages_actix::error_pages;
pub use crate::web::{
    ApiResponse, Json, JsonRejection, ParamRejection, RouteRejection, correlation_id,
};

/// What the `__actix_impls!` expansion names. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::web::{Detail, Probe, ViaDebug, ViaError, ViaNothing};
    pub use actix_web::http::StatusCode;
    pub use actix_web::{HttpResponse, ResponseError};

    /// The status of a derived error, 500 when it is not an error status.
    #[must_use]
    pub fn status_code(error: &dyn crate::ApiError) -> StatusCode {
        super::status_code(error.status())
    }

    /// The response for a derived error, with the probed detail for the log.
    #[must_use]
    pub fn error_response(error: &dyn crate::ApiError, detail: Detail<'_>) -> HttpResponse {
        super::into_response(crate::web::error_parts(error, detail))
    }
}

/// `ResponseError` for a derived type; the derive calls it through
/// `__web_impls!` with `[impl generics] [type] [where clause,]`.
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
            for<'__api_error> $($ty)*: ::core::fmt::Debug + ::core::fmt::Display + $crate::ApiError,
        {
            fn status_code(&self) -> $crate::actix::__private::StatusCode {
                $crate::actix::__private::status_code(self)
            }

            fn error_response(&self) -> $crate::actix::__private::HttpResponse {
                #[allow(unused_imports)]
                use $crate::actix::__private::{ViaDebug as _, ViaError as _, ViaNothing as _};
                let detail = (&&&$crate::actix::__private::Probe(self)).__api_error_detail();
                $crate::actix::__private::error_response(self, detail)
            }
        }
    };
}

impl ResponseError for JsonRejection {
    fn status_code(&self) -> StatusCode {
        let remapped = crate::web::CONTEXT
            .try_with(|context| context.settings.rejection_remap(self.kind()))
            .ok()
            .flatten();
        status_code(remapped.map_or_else(|| self.status(), |(_, status)| status))
    }

    fn error_response(&self) -> HttpResponse {
        into_response(crate::web::rejection_parts(self))
    }
}
crate::__actix_impls! { [] [RouteRejection] [where] }
crate::__actix_impls! { [] [ParamRejection] [where] }
crate::__actix_impls! { [] [SerializeFailed] [where] }

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(crate::problem::response_status(status)).unwrap_or_default()
}

/// An actix response from the core's parts (whose headers are validated).
fn into_response(parts: ErrorParts) -> HttpResponse {
    let mut response = HttpResponse::with_body(status_code(parts.status), parts.body);
    for (name, value) in parts.headers {
        if let (Ok(name), Ok(value)) =
            (HeaderName::try_from(&*name), HeaderValue::try_from(&*value))
        {
            response.headers_mut().append(name, value);
        }
    }
    response.map_into_boxed_body()
}

impl<E: ApiError> ResponseError for ApiResponse<E> {
    fn status_code(&self) -> StatusCode {
        status_code(self.0.status())
    }

    fn error_response(&self) -> HttpResponse {
        into_response(crate::web::error_parts(
            self.0.as_dyn_api_error(),
            Detail::none(),
        ))
    }
}

/// The app's default service: answers a path no resource matches with 404
/// `NotFound` ([`RouteRejection`]) in the request's error format.
///
/// Give it to [`App::default_service`](actix_web::App::default_service) as
/// `web::to(not_found)`. For 405s, register each path once as a resource with
/// its methods (`web::resource(path).get(..).post(..)`, not one `App::route`
/// per method, whose method guards make another method a 404) and let
/// [`method_not_allowed`] rewrite actix's empty 405 through `ErrorHandlers`.
/// Wrap [`Correlation`] last (outermost), so these responses carry the
/// request's id:
///
/// ```
/// use actix_web::http::StatusCode;
/// use actix_web::middleware::ErrorHandlers;
/// use actix_web::{App, web};
/// use rest_error::actix::{Correlation, method_not_allowed, not_found};
///
/// let app = App::new()
///     .service(web::resource("/machines").get(|| async { "[]" }))
///     .default_service(web::to(not_found))
///     .wrap(ErrorHandlers::new().handler(StatusCode::METHOD_NOT_ALLOWED, method_not_allowed))
///     .wrap(Correlation::default());
/// ```
#[allow(clippy::unused_async)] // handlers are async functions
pub async fn not_found() -> HttpResponse {
    RouteRejection::not_found().error_response()
}

/// An [`ErrorHandlers`](actix_web::middleware::ErrorHandlers) handler for 405:
/// rewrites actix's empty `405 Method Not Allowed` of a resource into
/// `MethodNotAllowed` ([`RouteRejection`]) in the request's error format,
/// keeping the `Allow` header actix computed. A 405 that already has a body
/// type (a handler's own) is left as it is. See [`not_found`].
///
/// # Errors
/// Never; the `Result` is what `ErrorHandlers` asks for.
pub fn method_not_allowed<B>(
    response: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    if response.headers().contains_key(CONTENT_TYPE) {
        return Ok(ErrorHandlerResponse::Response(
            response.map_into_left_body(),
        ));
    }
    let allow = response
        .headers()
        .get(ALLOW)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let rejection = RouteRejection::method_not_allowed(allow.split(',').map(str::trim));
    let (request, _) = response.into_parts();
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(request, rejection.error_response()).map_into_right_body(),
    ))
}

/// An actix middleware that gives each request one correlation id and runs it
/// under the given [`WebSettings`]; see [`rest_error::web`](crate::web). An
/// inner service's `Err` gets its response made inside the middleware, so it
/// too carries the request's id.
#[derive(Debug, Clone, Default)]
pub struct Correlation {
    settings: Arc<WebSettings>,
}

impl Correlation {
    /// A middleware with these settings; [`Default`] has the default settings.
    #[must_use]
    pub fn new(settings: WebSettings) -> Self {
        Self {
            settings: Arc::new(settings),
        }
    }
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
        ready(Ok(CorrelationMiddleware {
            service: Rc::new(service),
            settings: Arc::clone(&self.settings),
        }))
    }
}

/// The service that [`Correlation`] wraps around an inner service.
pub struct CorrelationMiddleware<S> {
    service: Rc<S>,
    settings: Arc<WebSettings>,
}

impl<S> core::fmt::Debug for CorrelationMiddleware<S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CorrelationMiddleware")
            .finish_non_exhaustive()
    }
}

impl<S, B> Service<ServiceRequest> for CorrelationMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>>>>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let headers = request.headers();
        let context = crate::web::begin(
            &self.settings,
            |name| headers.get(name).map(HeaderValue::as_bytes),
            || headers.get_all(ACCEPT).map(HeaderValue::as_bytes),
        );
        request.extensions_mut().insert(context.id.clone());
        let (name, id) = context.echo();
        let echo = HeaderName::try_from(name)
            .ok()
            .zip(HeaderValue::try_from(id).ok());
        Box::pin(context.run(|| {
            let inner = self.service.call(request);
            async move {
                match inner.await {
                    Ok(mut response) => {
                        if let Some((name, value)) = echo {
                            response.headers_mut().insert(name, value);
                        }
                        Ok(response)
                    }
                    // actix would make this error's response after the middleware,
                    // outside the request's scope: it is made here instead, so its
                    // target is the request's id, and handed on ready-made.
                    Err(err) => Err(Rendered::new(&err, echo).map_or(err, Into::into)),
                }
            }
        }))
    }
}

/// An error's response, made while the request's id was current, for an
/// inner service's `Err` that actix turns into a response later.
struct Rendered(StatusCode, HeaderMap, Bytes);

impl Rendered {
    /// `None` when the response has a streaming body (not one of ours); then
    /// actix makes it from the error as usual.
    fn new(err: &actix_web::Error, echo: Option<(HeaderName, HeaderValue)>) -> Option<Self> {
        let (mut head, body) = err.error_response().into_parts();
        let body = body.try_into_bytes().ok()?;
        if let Some((name, value)) = echo {
            head.headers_mut().insert(name, value);
        }
        Some(Rendered(head.status(), head.headers().clone(), body))
    }
}

impl core::fmt::Debug for Rendered {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Rendered")
            .field(&self.0)
            .finish_non_exhaustive()
    }
}

impl core::fmt::Display for Rendered {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "error response {}", self.0)
    }
}

impl ResponseError for Rendered {
    fn status_code(&self) -> StatusCode {
        self.0
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::with_body(self.0, self.2.clone());
        *response.headers_mut() = self.1.clone();
        response.map_into_boxed_body()
    }
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

/// Maps a failure of actix's `Bytes` extractor to a rejection.
fn body_rejection(err: &actix_web::Error) -> JsonRejection {
    if let Some(PayloadError::Overflow) = err.as_error::<PayloadError>() {
        JsonRejection::too_large()
    } else if err.as_error::<ContentTypeError>().is_some() {
        // A `PayloadConfig` with a mime type other than JSON: the content type is wrong.
        JsonRejection::wrong_content_type()
    } else {
        JsonRejection::unreadable()
    }
}

impl<T: Serialize> Responder for Json<T> {
    type Body = BoxBody;

    fn respond_to(self, _request: &HttpRequest) -> HttpResponse {
        match crate::web::to_body(&self.0) {
            Ok(body) => HttpResponse::Ok()
                .insert_header((CONTENT_TYPE, HeaderValue::from_static("application/json")))
                .body(body),
            Err(err) => err.error_response(),
        }
    }
}

/// actix's `web::Path` extractor, answering a parameter that does not parse with
/// `InvalidInput` (400) naming it ([`ParamRejection`]) instead of actix's 404.
/// With several parameters actix does not say which one failed; the message
/// then names `path`.
///
/// ```
/// use actix_web::{App, web};
/// use rest_error::actix::Path;
///
/// async fn machine(Path(id): Path<u32>) -> String { id.to_string() }
/// let app = App::new().route("/machines/{id}", web::get().to(machine));
/// // GET /machines/abc: 400 InvalidInput "Invalid input id: can not parse \"abc\" to a u32."
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Path<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let mut none = Payload::None;
        let result = match actix_web::web::Path::<T>::from_request(request, &mut none).into_inner()
        {
            Ok(path) => Ok(Path(path.into_inner())),
            Err(err) => {
                let names: Vec<&str> = request.match_info().iter().map(|(name, _)| name).collect();
                let param = match names.as_slice() {
                    [only] => *only,
                    _ => "path",
                };
                // actix's text of the deserializer's error (its own 404 wraps it).
                let reason = match err.as_error::<actix_web::error::PathError>() {
                    Some(actix_web::error::PathError::Deserialize(why)) => why.to_string(),
                    _ => err.to_string(),
                };
                Err(ParamRejection::invalid(param, &reason).into())
            }
        };
        ready(result)
    }
}

/// A `Query` extractor answering a missing parameter with
/// `MissingRequiredParameter` and one that does not parse with `InvalidInput`
/// (400), naming it ([`ParamRejection`]).
///
/// ```
/// use actix_web::{App, web};
/// use rest_error::actix::Query;
///
/// #[derive(serde::Deserialize)]
/// struct Page { limit: u32 }
/// async fn list(Query(page): Query<Page>) -> String { page.limit.to_string() }
/// let app = App::new().route("/machines", web::get().to(list));
/// // GET /machines?limit=x: 400 InvalidInput "Invalid input limit: invalid digit found in string."
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Query<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(
            crate::web::deserialize_query(request.query_string())
                .map(Query)
                .map_err(Into::into),
        )
    }
}
