//! actix-web 4 integration (feature `actix-web`): derived errors as responses, one
//! correlation id per request, and a JSON extractor with documented error codes.
//!
//! - Every `#[derive(ApiError)]` type that also implements `Debug` and `Display`
//!   (with `#[api(display)]`, or thiserror's) implements actix's
//!   [`ResponseError`], so a handler returns `Result<Json<T>, MyError>`. The
//!   response has the error's status, `content-type: application/json`, the code
//!   in `x-ms-error-code`, `WWW-Authenticate: Bearer` on 401, the error's own
//!   headers, `x-request-id`, and the envelope as body. Each error response is
//!   logged once with `tracing`: `error` level with the `Debug` and `source()`
//!   chain for 5xx, `debug` for 4xx. (A type without `Display` still compiles with
//!   the feature on, it just isn't a `ResponseError`; wrap it in
//!   [`ApiResponse`] instead.)
//! - The [`Correlation`] middleware gives each request one id, taken from
//!   `x-request-id` (or a W3C `traceparent`) when valid, else a fresh UUID v4; it
//!   is the `target` of every error envelope produced while the request is
//!   handled and is echoed in `x-request-id` on every response. Without the
//!   middleware each error response gets a fresh id.
//! - [`Json`] extracts a body like `actix_web::web::Json`, honouring actix's
//!   [`PayloadConfig`](actix_web::web::PayloadConfig) limit, and rejects bad
//!   bodies with a [`JsonRejection`] envelope.
//!
//! ```
//! use actix_web::{App, web};
//! use rest_error::ApiError;
//! use rest_error::actix::{Correlation, Json};
//!
//! #[derive(Debug, ApiError)]
//! #[api(display)]
//! enum MachineError {
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//!     NotFound(u64),
//! }
//!
//! #[derive(serde::Serialize)]
//! struct Machine { id: u64 }
//!
//! async fn machine(id: web::Path<u64>) -> Result<Json<Machine>, MachineError> {
//!     let id = id.into_inner();
//!     if id == 1 { Ok(Json(Machine { id })) } else { Err(MachineError::NotFound(id)) }
//! }
//!
//! let app = App::new()
//!     .wrap(Correlation::default())
//!     .route("/machines/{id}", web::get().to(machine));
//! ```
//!
//! # The error-code header
//!
//! `x-ms-error-code` by default (the Microsoft REST API guidelines' header);
//! [`Correlation::error_code_header`] renames it and
//! [`Correlation::without_error_code_header`] leaves it out, for every error
//! response produced under the middleware.
//!
//! ```
//! use actix_web::http::header::HeaderName;
//! use rest_error::actix::Correlation;
//!
//! let middleware = Correlation::default()
//!     .request_header(HeaderName::from_static("x-correlation-id"))
//!     .error_code_header(HeaderName::from_static("x-error-code"))
//!     .traceparent(false);
//! ```
//!
//! # Why the `Display` bound
//!
//! actix's `ResponseError` requires `Debug + Display`, which the derive does not
//! implement unless asked. The generated impl carries the bound as
//! `where for<'a> MyError: Debug + Display`: a higher-ranked bound is checked
//! where the impl is used, not where it is declared, so a derived type without
//! them still compiles and simply is not a `ResponseError`. The `Display` is never
//! sent: the response carries the API message only.

use core::future::{Future, Ready, ready};
use core::pin::Pin;
use std::borrow::Cow;
use std::rc::Rc;
use std::sync::Arc;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::error::{ContentTypeError, PayloadError};
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{
    FromRequest, HttpMessage as _, HttpRequest, HttpResponse, Responder, ResponseError,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::web::{ErrorParts, RequestContext, SerializeFailed, Settings};
use crate::{ApiError, CorrelationId};

pub use crate::web::JsonRejection;

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

crate::__actix_impls! { [] [JsonRejection] [where] }

fn status_code(status: u16) -> StatusCode {
    match StatusCode::from_u16(status) {
        Ok(status) if status.is_client_error() || status.is_server_error() => status,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// An actix response from neutral parts. A header the framework refuses is left
/// out (the core has validated them, so this does not happen in practice).
fn into_response(parts: ErrorParts) -> HttpResponse {
    let mut response = HttpResponse::with_body(status_code(parts.status), parts.body);
    let headers = response.headers_mut();
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
    response.map_into_boxed_body()
}

/// Any [`ApiError`] as an actix [`ResponseError`], for a type that is not one by
/// itself: one without `Debug` or `Display`, or a hand-written impl.
///
/// `?` converts into it. Its `Display` is the public message. A 5xx is logged
/// with its code and message but without the error's `Debug` (which `E` need not
/// have); prefer the derived impl for types that have one.
///
/// ```
/// use rest_error::ApiError;
/// use rest_error::actix::ApiResponse;
///
/// #[derive(ApiError)] // no Debug, no Display
/// #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
/// struct MachineNotFound(u64);
///
/// fn find(id: u64) -> Result<(), MachineNotFound> { Err(MachineNotFound(id)) }
///
/// async fn handler() -> Result<&'static str, ApiResponse<MachineNotFound>> {
///     find(7)?;
///     Ok("found")
/// }
/// # let _ = actix_web::web::get().to(handler);
/// ```
pub struct ApiResponse<E>(pub E);

impl<E: ApiError> From<E> for ApiResponse<E> {
    fn from(error: E) -> Self {
        ApiResponse(error)
    }
}

impl<E: ApiError> core::fmt::Debug for ApiResponse<E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ApiResponse")
            .field("code", &self.0.code())
            .field("status", &self.0.status())
            .field("message", &self.0.message())
            .finish()
    }
}

impl<E: ApiError> core::fmt::Display for ApiResponse<E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Display::fmt(&self.0.message(), f)
    }
}

impl<E: ApiError> ResponseError for ApiResponse<E> {
    fn status_code(&self) -> StatusCode {
        status_code(self.0.status())
    }

    fn error_response(&self) -> HttpResponse {
        // `E` is only known to be an `ApiError`: the log event has its code and
        // message, not its `Debug`.
        into_response(crate::web::error_parts(
            self.0.as_dyn_api_error(),
            crate::web::Detail::none(),
        ))
    }
}

/// An actix middleware that gives each request one correlation id.
///
/// The id comes from the request header (`x-request-id` by default) when
/// [`CorrelationId::parse`] accepts it, else from the trace id of a valid W3C
/// `traceparent` header, else it is a fresh UUID v4. An invalid incoming value is
/// dropped: it is not echoed in any header or body, nor logged. While the request
/// is handled, the id is the `target` of every error envelope; it is echoed in
/// the response header (`x-request-id` by default) on every response, successes
/// included. Handlers can read it with [`correlation_id`], or extract it as
/// `web::ReqData<CorrelationId>`.
///
/// An error that an inner service (another middleware) returns as `Err`, rather
/// than as an error response, gets its response made inside the middleware, so it
/// too carries the request's id.
///
/// ```
/// use actix_web::{App, web};
/// use rest_error::actix::Correlation;
///
/// let app = App::new()
///     .wrap(Correlation::default())
///     .route("/", web::get().to(|| async { "ok" }));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Correlation {
    settings: Arc<Settings>,
}

// Header names are taken by value, as actix's own builders and the axum layer take them.
#[allow(clippy::needless_pass_by_value)]
impl Correlation {
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
    settings: Arc<Settings>,
}

impl<S> core::fmt::Debug for CorrelationMiddleware<S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CorrelationMiddleware")
            .field("settings", &self.settings)
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
        let id = crate::web::incoming_id(&self.settings, |name| {
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
        let inner = crate::web::sync_scope(context.clone(), || self.service.call(request));
        Box::pin(crate::web::scope(context, async move {
            match inner.await {
                Ok(mut response) => {
                    if let Some((name, value)) = echo {
                        response.headers_mut().insert(name, value);
                    }
                    Ok(response)
                }
                // actix would make this error's response after the middleware,
                // outside the request's scope: it is made here instead, so the
                // envelope's target is the request's id, and handed on ready-made.
                Err(err) => Err(Rendered::new(&err, echo).map_or(err, Into::into)),
            }
        }))
    }
}

/// An error's response, made while the request's id was current, for an
/// inner service's `Err` that actix turns into a response later.
struct Rendered {
    status: StatusCode,
    headers: actix_web::http::header::HeaderMap,
    body: Bytes,
}

impl Rendered {
    /// `None` when the response has a streaming body (not one of ours); then
    /// actix makes it from the error as usual.
    fn new(err: &actix_web::Error, echo: Option<(HeaderName, HeaderValue)>) -> Option<Self> {
        let (mut head, body) = err.error_response().into_parts();
        let body = body.try_into_bytes().ok()?;
        if let Some((name, value)) = echo {
            head.headers_mut().insert(name, value);
        }
        Some(Rendered {
            status: head.status(),
            headers: head.headers().clone(),
            body,
        })
    }
}

impl core::fmt::Debug for Rendered {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Rendered")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl core::fmt::Display for Rendered {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "error response {}", self.status)
    }
}

impl ResponseError for Rendered {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::with_body(self.status, self.body.clone());
        *response.headers_mut() = self.headers.clone();
        response.map_into_boxed_body()
    }
}

/// The correlation id of the request being handled, when it runs under the
/// [`Correlation`] middleware; `None` outside of it.
///
/// Handlers can also take it as `web::ReqData<CorrelationId>`.
#[must_use]
pub fn correlation_id() -> Option<CorrelationId> {
    crate::web::current_id()
}

/// A JSON request body or response, like `actix_web::web::Json`, whose
/// rejections are error envelopes with documented codes (see [`JsonRejection`]).
///
/// As an extractor it needs `content-type: application/json` (or
/// `application/*+json`) and names the field of a missing or invalid parameter as
/// the client must spell it. Its body limit is actix's
/// [`PayloadConfig`](actix_web::web::PayloadConfig) (256 KiB unless an app, scope
/// or resource sets one with `.app_data(PayloadConfig::new(limit))`), the limit of
/// the `Bytes` and `String` extractors: over it the answer is 413
/// `RequestBodyTooLarge`, from the `content-length` before anything is read, or as
/// soon as a chunked body passes it; nothing is buffered past the limit.
/// (`actix_web::web::JsonConfig` configures actix's own `Json` only; its limit
/// can't be read from outside, so it does not apply here.)
///
/// As a response it serializes `T` with `content-type: application/json`; if
/// serialization fails, the response is a 500 `InternalServerError` envelope and
/// the cause is logged.
///
/// ```
/// use actix_web::web;
/// use rest_error::actix::Json;
///
/// #[derive(serde::Deserialize, serde::Serialize)]
/// #[serde(rename_all = "camelCase")]
/// struct Isolate { machine_id: u64, comment: String }
///
/// async fn isolate(Json(body): Json<Isolate>) -> Json<Isolate> {
///     Json(body)
/// }
/// # let _ = web::post().to(isolate);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type = request
            .headers()
            .get(CONTENT_TYPE)
            .map(HeaderValue::as_bytes);
        if let Err(rejection) = crate::web::check_content_type(content_type) {
            return Box::pin(ready(Err(rejection.into())));
        }
        let bytes = Bytes::from_request(request, payload);
        Box::pin(async move {
            let bytes = bytes.await.map_err(|err| body_rejection(&err))?;
            crate::web::deserialize_json(&bytes)
                .map(Json)
                .map_err(Into::into)
        })
    }
}

/// Maps a failure of actix's `Bytes` extractor to a rejection.
fn body_rejection(err: &actix_web::Error) -> JsonRejection {
    if let Some(PayloadError::Overflow) = err.as_error::<PayloadError>() {
        return JsonRejection::too_large();
    }
    if err.as_error::<ContentTypeError>().is_some() {
        // A `PayloadConfig` with a mime type other than JSON: the content type is wrong.
        if let Err(rejection) = crate::web::check_content_type(Some(b"")) {
            return rejection;
        }
    }
    JsonRejection::unreadable()
}

impl<T: Serialize> Responder for Json<T> {
    type Body = BoxBody;

    fn respond_to(self, _request: &HttpRequest) -> HttpResponse {
        let mut body = Vec::with_capacity(128);
        match serde_json::to_writer(&mut body, &self.0) {
            Ok(()) => HttpResponse::Ok()
                .insert_header((CONTENT_TYPE, HeaderValue::from_static("application/json")))
                .body(body),
            Err(err) => SerializeFailed(err).error_response(),
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

crate::__actix_impls! { [] [SerializeFailed] [where] }
