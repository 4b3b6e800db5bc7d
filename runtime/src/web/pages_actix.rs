//! actix-web glue for the [error pages](super::ErrorPages): `rest_error::actix::error_pages`.

use actix_web::http::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE};
use actix_web::{HttpRequest, HttpResponse, Scope, web};

use super::pages::respond;
use super::{ApiResponse, ErrorPages, UnknownErrorCode};

/// A scope serving `pages`: the index at [`ErrorPages::path`] (`GET /errors`)
/// and each code's page below it (`GET /errors/{code}`); a code the catalogue
/// does not list is the 404 error envelope. Register it on the service's `App`,
/// inside its `Correlation` middleware:
///
/// ```
/// use actix_web::App;
/// use rest_error::CommonError;
/// use rest_error::actix::{Correlation, error_pages};
/// use rest_error::web::ErrorPages;
///
/// let app = App::new()
///     .wrap(Correlation::default())
///     .service(error_pages(ErrorPages::new::<CommonError>()));
/// ```
pub fn error_pages(pages: ErrorPages) -> Scope {
    let path = pages.path().trim_end_matches('/').to_owned();
    web::scope(&path)
        .app_data(web::Data::new(pages))
        .route("", web::get().to(index))
        .route("/{code}", web::get().to(code_page))
}

async fn index(
    pages: web::Data<ErrorPages>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiResponse<UnknownErrorCode>> {
    page(&pages, None, &request)
}

async fn code_page(
    pages: web::Data<ErrorPages>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiResponse<UnknownErrorCode>> {
    // The raw segment: `respond` decodes it as `page_path` encoded it.
    let prefix = format!("{}/", pages.path().trim_end_matches('/'));
    let code = request.path().strip_prefix(prefix.as_str()).unwrap_or("");
    page(&pages, Some(code), &request)
}

fn page(
    pages: &ErrorPages,
    code: Option<&str>,
    request: &HttpRequest,
) -> Result<HttpResponse, ApiResponse<UnknownErrorCode>> {
    let accept_language = request
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    let query = Some(request.query_string()).filter(|query| !query.is_empty());
    let page = respond(pages, code, query, accept_language).map_err(ApiResponse)?;
    let mut response = HttpResponse::Ok();
    for header in super::Page::HEADERS {
        response.insert_header(header);
    }
    response.insert_header((CONTENT_LANGUAGE, page.lang));
    Ok(response.body(page.html))
}
