//! [`ApiResponse`]: any `ApiError` as a framework's error response.

use crate::ApiError;

/// Any [`ApiError`] as an error response, for a type that is not one by itself:
/// a hand-written impl, or (for actix) a derived type without `Debug` or
/// `Display`. `?` converts into it. It is `IntoResponse` with the `axum`
/// feature and a `ResponseError` with `actix-web`; its `Display` is the public
/// message, and a 5xx is logged without the error's `Debug`.
///
/// ```
/// use rest_error::ApiError;
/// use rest_error::web::ApiResponse;
///
/// #[derive(ApiError)] // no Debug, no Display
/// #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
/// struct MachineNotFound(u64);
///
/// async fn handler() -> Result<&'static str, ApiResponse<MachineNotFound>> {
///     Err(MachineNotFound(7))?
/// }
/// # #[cfg(feature = "actix-web")]
/// # let _ = actix_web::web::get().to(handler);
/// # #[cfg(feature = "axum")]
/// # let _: axum::routing::MethodRouter = axum::routing::get(handler);
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
