//! [`WithId`]: an error answered with an explicit correlation id, for work
//! that runs where the request's id is not current (a spawned task).

use crate::{ApiError, CorrelationId};

/// An [`ApiError`] answered with the given correlation id as its `target`
/// (and in the id header), instead of the current request's.
///
/// The request's id is a tokio task-local: it is current in the handler and
/// everything it awaits, but not in a task the handler spawns
/// (`tokio::spawn`, `actix_web::rt::spawn`): an error made into a response
/// there gets a fresh id, one the request's echoed id and logs don't share.
/// Read the id in the handler ([`correlation_id`](super::correlation_id), or
/// the framework's extractor) and hand it to the task, which answers with
/// `WithId`. Under the middleware the response keeps the request's settings
/// and format; elsewhere it has the defaults. It is `IntoResponse` with the
/// `axum` feature and a `ResponseError` with `actix-web`; like
/// [`ApiResponse`](super::ApiResponse), a 5xx is logged without the error's
/// `Debug`.
///
/// ```
/// use rest_error::CommonError;
/// use rest_error::web::{WithId, correlation_id};
///
/// async fn handler() -> Result<&'static str, WithId<CommonError>> {
///     let id = correlation_id().unwrap_or_default();
///     let task = tokio::spawn(async move {
///         // ... work that fails:
///         Err::<&'static str, _>(WithId::new(CommonError::DisabledFeature, id))
///     });
///     task.await.unwrap_or(Err(WithId::new(CommonError::InternalServerError, Default::default())))
/// }
/// # #[cfg(feature = "axum")]
/// # let _: axum::routing::MethodRouter = axum::routing::get(handler);
/// ```
pub struct WithId<E> {
    error: E,
    id: CorrelationId,
}

impl<E: ApiError> WithId<E> {
    /// `error`, answered with `id` as its target.
    #[must_use]
    pub fn new(error: E, id: CorrelationId) -> Self {
        Self { error, id }
    }

    /// The error.
    pub fn error(&self) -> &E {
        &self.error
    }

    /// The id it is answered with.
    pub fn id(&self) -> &CorrelationId {
        &self.id
    }

    /// The response's parts, with the current request's settings if any.
    pub(crate) fn parts(&self) -> super::ErrorParts {
        super::response::error_parts_with_id(&self.error, super::Detail::none(), &self.id)
    }
}

impl<E: ApiError> core::fmt::Debug for WithId<E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("WithId")
            .field("code", &self.error.code())
            .field("status", &self.error.status())
            .field("id", &self.id.as_str())
            .finish()
    }
}

impl<E: ApiError> core::fmt::Display for WithId<E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Display::fmt(&self.error.message(), f)
    }
}
