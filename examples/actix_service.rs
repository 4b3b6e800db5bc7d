//! A small machine-inventory service on actix-web: every failure is an error envelope.
//!
//! ```sh
//! cargo run --example actix_service --features actix-web,utoipa     # listens on 127.0.0.1:3000
//! curl -i http://127.0.0.1:3000/machines/7
//! ```
//!
//! Routes (the same as `examples/axum_service.rs`; the inventory's rules are in
//! `examples/shared/inventory.rs`):
//! - `GET /machines`: the inventory.
//! - `GET /machines/{id}`: one machine; `404 ResourceNotFound`, `400 InvalidInput`
//!   for an id that is not a number, and `503 InventoryUnavailable` for machine 13,
//!   whose storage shard is down (the cause, with a secret in it, is only logged).
//! - `POST /machines` with `{"computerDnsName": "...", "osPlatform": "Linux"}`:
//!   `201 Created` with the new machine, or `400 InvalidInput` with one entry of
//!   `details` per invalid field (an empty `computerDnsName`, an unknown
//!   `osPlatform`), besides the JSON body errors of `rest_error::actix::Json`.
//! - `POST /machines/isolate` with `Authorization: Bearer <token>` and
//!   `{"machineIds": [1, 2], "comment": "..."}`: `401 Unauthorized`, the JSON body
//!   errors of `rest_error::actix::Json`, `400 MaximumBatchSizeExceeded` over 3
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

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use rest_error::CommonError;
use rest_error::actix::{Correlation, Json, error_pages};
use rest_error::web::ErrorPages;

pub use inventory::*;

/// The service over `inventory`; `HttpServer::new` calls it once per worker.
pub fn app(
    inventory: Inventory,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let app = App::new()
        .wrap(Correlation::default())
        .app_data(web::Data::new(inventory))
        .app_data(web::PayloadConfig::new(BODY_LIMIT))
        // Registered before `/machines/{id}`, which would match it too.
        .service(
            web::resource("/machines/isolate")
                .route(web::post().to(isolate))
                .default_service(web::to(not_found)),
        )
        .service(
            web::resource("/machines")
                .route(web::get().to(list))
                .route(web::post().to(create))
                .default_service(web::to(not_found)),
        )
        .service(
            web::resource("/machines/{id}")
                .route(web::get().to(machine))
                .default_service(web::to(not_found)),
        )
        .service(error_pages(
            ErrorPages::new::<InventoryError>().at("/errors"),
        ));
    // The example needs `utoipa` (Cargo.toml); the integration tests also build
    // it with `actix-web` alone, without the document.
    #[cfg(feature = "utoipa")]
    let app = app.route("/openapi.json", web::get().to(openapi));
    app.default_service(web::to(not_found))
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

async fn not_found() -> Result<HttpResponse, InventoryError> {
    Err(CommonError::NotFound.into())
}

#[cfg_attr(feature = "utoipa", utoipa::path(get, path = "/machines",
    responses((status = 200, description = "The inventory"), InventoryError)))]
async fn list(inventory: web::Data<Inventory>) -> Result<Json<Vec<Machine>>, InventoryError> {
    inventory.list().map(Json)
}

#[cfg_attr(feature = "utoipa", utoipa::path(get, path = "/machines/{id}",
    params(("id" = String, Path, description = "The machine id")),
    responses((status = 200, description = "The machine"), InventoryError)))]
async fn machine(
    inventory: web::Data<Inventory>,
    id: web::Path<String>,
) -> Result<Json<Machine>, InventoryError> {
    inventory.get(&id).map(Json)
}

#[cfg_attr(feature = "utoipa", utoipa::path(post, path = "/machines",
    responses((status = 201, description = "The new machine"), openapi_parts::BodyRouteError)))]
async fn create(
    inventory: web::Data<Inventory>,
    Json(new): Json<NewMachine>,
) -> Result<(Json<Machine>, StatusCode), InventoryError> {
    Ok((Json(inventory.create(new)?), StatusCode::CREATED))
}

#[cfg_attr(feature = "utoipa", utoipa::path(post, path = "/machines/isolate",
    responses((status = 200, description = "The isolated machines"), openapi_parts::BodyRouteError)))]
async fn isolate(
    inventory: web::Data<Inventory>,
    request: HttpRequest,
    Json(body): Json<IsolateRequest>,
) -> Result<Json<IsolateResponse>, InventoryError> {
    let authorization = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    inventory.isolate(authorization, body).map(Json)
}

fn main() -> std::io::Result<()> {
    // Error responses are logged by rest-error: 5xx at `error` with the cause, 4xx at `debug`.
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .init();
    let addr = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
    let listener = std::net::TcpListener::bind(&addr)?;
    println!("machine inventory on http://{}", listener.local_addr()?);
    let inventory = Inventory::new();
    actix_web::rt::System::new().block_on(
        HttpServer::new(move || app(inventory.clone()))
            .listen(listener)?
            .run(),
    )
}
