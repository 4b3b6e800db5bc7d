//! The OpenAPI pieces both example services share (`axum_service.rs`,
//! `actix_service.rs`): the error half of a route with a JSON body, and the
//! error pages' two routes. Each service's `ApiDoc` lists these beside its own
//! handlers.

use super::inventory::InventoryError;

/// What a route with a JSON body answers: the inventory's errors and the body
/// extractor's (one response per status, the codes of both).
pub type BodyRouteError = rest_error::openapi::Both<InventoryError, rest_error::web::JsonRejection>;

/// Documents `GET /errors`, served by `error_pages`.
#[utoipa::path(get, path = "/errors", responses((status = 200, description = "Every error code, as HTML", content_type = "text/html")))]
#[allow(dead_code)]
pub fn errors_index() {}

/// Documents `GET /errors/{code}`, served by `error_pages`.
#[utoipa::path(
    get,
    path = "/errors/{code}",
    params(("code" = String, Path, description = "An error code")),
    responses((status = 200, description = "The code's page", content_type = "text/html"), rest_error::web::UnknownErrorCode)
)]
#[allow(dead_code)]
pub fn errors_code() {}
