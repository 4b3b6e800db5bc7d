//! [`Json`], the body extractor and response of both adapters: the type and its
//! serialize-or-500 logic live here, each adapter adds its framework's traits.

use serde::Serialize;

use std::borrow::Cow;

use super::{ErrorParts, SerializeFailed};

/// A JSON request body or response, like `axum::Json` / `actix_web::web::Json`,
/// whose rejections are error responses with documented codes (see
/// [`JsonRejection`](super::JsonRejection)). One type for both frameworks: it is
/// `rest_error::axum::Json` and `rest_error::actix::Json`.
///
/// As an extractor it needs `content-type: application/json` (or
/// `application/*+json`), answers 413 `RequestBodyTooLarge` over the
/// framework's body limit without reading further (axum's `DefaultBodyLimit`;
/// actix's [`PayloadConfig`](https://docs.rs/actix-web/4/actix_web/web/struct.PayloadConfig.html),
/// 256 KiB unless an app, scope or resource sets one, checked against the
/// `content-length` before anything is read or as soon as a chunked body passes
/// it; actix's `JsonConfig` configures actix's own `Json` only), and names the
/// field of a missing or invalid parameter as the client must spell it. As a
/// response it serializes `T` with `content-type: application/json`; if
/// serialization fails, the response is a 500 `InternalServerError` error
/// response and the cause is logged.
///
/// ```
/// use rest_error::web::Json;
///
/// #[derive(serde::Deserialize, serde::Serialize)]
/// #[serde(rename_all = "camelCase")]
/// struct Isolate { machine_id: u64, comment: String }
///
/// async fn isolate(Json(body): Json<Isolate>) -> Json<Isolate> {
///     Json(body)
/// }
/// # #[cfg(feature = "axum")]
/// # let _: axum::routing::MethodRouter = axum::routing::post(isolate);
/// # #[cfg(feature = "actix-web")]
/// # let _ = actix_web::web::post().to(isolate);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

/// The 200 response with `value` as its JSON body, or the 500 error response
/// that answers instead when it does not serialize.
pub(crate) fn json_parts<T: Serialize>(value: &T) -> ErrorParts {
    let mut body = Vec::with_capacity(128);
    match serde_json::to_writer(&mut body, value) {
        Ok(()) => ErrorParts {
            status: 200,
            headers: vec![(
                Cow::Borrowed("content-type"),
                Cow::Borrowed("application/json"),
            )],
            body,
        },
        Err(err) => {
            let failed = SerializeFailed(err);
            super::error_parts(&failed, super::Detail::error(&failed))
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
