//! axum glue for the [error pages](super::ErrorPages): `rest_error::axum::error_pages`.

use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::pages::respond;
use super::{ApiResponse, ErrorPages};

/// A router serving `pages`: the index at [`ErrorPages::path`] (`GET /errors`)
/// and each code's page below it (`GET /errors/{code}`); a code the catalogue
/// does not list is the 404 error envelope. Merge it into the service's router,
/// inside its `CorrelationLayer`:
///
/// ```
/// use axum::Router;
/// use rest_error::CommonError;
/// use rest_error::axum::{CorrelationLayer, error_pages};
/// use rest_error::web::ErrorPages;
///
/// let app: Router = Router::new()
///     .merge(error_pages(ErrorPages::new::<CommonError>()))
///     .layer(CorrelationLayer::default());
/// ```
pub fn error_pages<S: Clone + Send + Sync + 'static>(pages: ErrorPages) -> Router<S> {
    let pages = Arc::new(pages);
    let index = pages.path().to_owned();
    let prefix = format!("{}/", index.trim_end_matches('/'));
    let for_index = Arc::clone(&pages);
    Router::new()
        .route(
            &index,
            get(move |request: Request| {
                let pages = Arc::clone(&for_index);
                async move { page(&pages, None, &request) }
            }),
        )
        .route(
            &format!("{prefix}{{code}}"),
            get(move |request: Request| {
                let pages = Arc::clone(&pages);
                let prefix = prefix.clone();
                async move {
                    let code = request
                        .uri()
                        .path()
                        .strip_prefix(prefix.as_str())
                        .unwrap_or("");
                    page(&pages, Some(code), &request)
                }
            }),
        )
}

fn page(pages: &ErrorPages, code: Option<&str>, request: &Request) -> Response {
    let accept_language = request
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    match respond(pages, code, request.uri().query(), accept_language) {
        Ok(page) => {
            let mut response = (StatusCode::OK, page.html).into_response();
            let headers = response.headers_mut();
            for (name, value) in super::Page::HEADERS {
                headers.insert(
                    HeaderName::from_static(name),
                    HeaderValue::from_static(value),
                );
            }
            headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(page.lang));
            response
        }
        Err(unknown) => ApiResponse(unknown).into_response(),
    }
}
