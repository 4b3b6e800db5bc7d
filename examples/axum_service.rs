//! A small machine-inventory service on axum: every failure is an error envelope.
//!
//! ```sh
//! cargo run --example axum_service --features axum,utoipa     # listens on 127.0.0.1:3000
//! curl -i http://127.0.0.1:3000/machines/7
//! ```
//!
//! Routes (the same as `examples/actix_service.rs`; the inventory's rules are in
//! `examples/shared/inventory.rs`):
//! - `GET /machines`: the inventory.
//! - `GET /machines/{id}`: one machine; `404 ResourceNotFound`, `400 InvalidInput`
//!   for an id that is not a number, and `503 InventoryUnavailable` for machine 13,
//!   whose storage shard is down (the cause, with a secret in it, is only logged).
//! - `POST /machines` with `{"computerDnsName": "...", "osPlatform": "Linux"}`:
//!   `201 Created` with the new machine, or `400 InvalidInput` with one entry of
//!   `details` per invalid field (an empty `computerDnsName`, an unknown
//!   `osPlatform`), besides the JSON body errors of `rest_error::axum::Json`.
//! - `POST /machines/isolate` with `Authorization: Bearer <token>` and
//!   `{"machineIds": [1, 2], "comment": "..."}`: `401 Unauthorized`, the JSON body
//!   errors of `rest_error::axum::Json`, `400 MaximumBatchSizeExceeded` over 3
//!   machines, `404 ResourceNotFound`, `409 MachineAlreadyIsolated`.
//! - `GET /errors`: every error code the service answers with, as an HTML page;
//!   `GET /errors/{code}` one code's page (`404 ResourceNotFound` for a code it
//!   does not have), in English or Swedish (`?lang=sv`, or `Accept-Language`).
//! - `GET /openapi.json`: the OpenAPI 3.1 document of these routes (utoipa); the
//!   error responses of each come from `InventoryError`'s declaration.
//! - anything else (another path, or another method): `404 NotFound`. Bodies over
//!   16 KiB: `413 RequestBodyTooLarge`.
//!
//! Set `ADDR` to listen elsewhere (`ADDR=127.0.0.1:0` picks a free port).

#[path = "shared/inventory.rs"]
mod inventory;
#[cfg(feature = "utoipa")]
#[path = "shared/openapi_parts.rs"]
mod openapi_parts;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use rest_error::CommonError;
use rest_error::axum::{CorrelationLayer, Json, error_pages};
use rest_error::web::ErrorPages;

pub use inventory::*;

/// The service, with a fresh inventory of machines 1 to 5 and 13.
pub fn app() -> Router {
    let routes = Router::new()
        .route("/machines", get(list).post(create))
        .route("/machines/{id}", get(machine))
        .route("/machines/isolate", post(isolate))
        .merge(error_pages(
            ErrorPages::new::<InventoryError>().at("/errors"),
        ));
    // The example needs `utoipa` (Cargo.toml); the integration tests also build
    // it with `axum` alone, without the document.
    #[cfg(feature = "utoipa")]
    let routes = routes.route("/openapi.json", get(openapi));
    routes
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .with_state(Inventory::new())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(CorrelationLayer::default())
}

async fn not_found() -> InventoryError {
    CommonError::NotFound.into()
}

/// The OpenAPI 3.1 document of the service.
#[cfg(feature = "utoipa")]
async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(<ApiDoc as utoipa::OpenApi>::openapi())
}

/// The document: each route's error half is one line, `InventoryError` (or
/// `UnknownErrorCode` for the pages) in `responses(...)`.
#[cfg(feature = "utoipa")]
#[derive(utoipa::OpenApi)]
#[openapi(
    info(title = "Machine inventory", version = "1.0.0"),
    paths(
        list,
        machine,
        create,
        isolate,
        openapi_parts::errors_index,
        openapi_parts::errors_code
    )
)]
struct ApiDoc;

#[cfg_attr(feature = "utoipa", utoipa::path(get, path = "/machines",
    responses((status = 200, description = "The inventory"), InventoryError)))]
async fn list(State(inventory): State<Inventory>) -> Result<Json<Vec<Machine>>, InventoryError> {
    inventory.list().map(Json)
}

#[cfg_attr(feature = "utoipa", utoipa::path(get, path = "/machines/{id}",
    params(("id" = String, Path, description = "The machine id")),
    responses((status = 200, description = "The machine"), InventoryError)))]
async fn machine(
    State(inventory): State<Inventory>,
    Path(id): Path<String>,
) -> Result<Json<Machine>, InventoryError> {
    inventory.get(&id).map(Json)
}

#[cfg_attr(feature = "utoipa", utoipa::path(post, path = "/machines",
    responses((status = 201, description = "The new machine"), openapi_parts::BodyRouteError)))]
async fn create(
    State(inventory): State<Inventory>,
    Json(new): Json<NewMachine>,
) -> Result<(StatusCode, Json<Machine>), InventoryError> {
    Ok((StatusCode::CREATED, Json(inventory.create(new)?)))
}

#[cfg_attr(feature = "utoipa", utoipa::path(post, path = "/machines/isolate",
    responses((status = 200, description = "The isolated machines"), openapi_parts::BodyRouteError)))]
async fn isolate(
    State(inventory): State<Inventory>,
    headers: HeaderMap,
    Json(request): Json<IsolateRequest>,
) -> Result<Json<IsolateResponse>, InventoryError> {
    let authorization = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok());
    inventory.isolate(authorization, request).map(Json)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Error responses are logged by rest-error: 5xx at `error` with the cause, 4xx at `debug`.
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .init();
    let addr = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("machine inventory on http://{}", listener.local_addr()?);
    axum::serve(listener, app()).await?;
    Ok(())
}
