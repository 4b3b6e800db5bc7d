//! A small machine-inventory service on axum: every failure is an error envelope.
//!
//! ```sh
//! cargo run --example axum_service --features axum     # listens on 127.0.0.1:3000
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
//! - anything else (another path, or another method): `404 NotFound`. Bodies over
//!   16 KiB: `413 RequestBodyTooLarge`.
//!
//! Set `ADDR` to listen elsewhere (`ADDR=127.0.0.1:0` picks a free port).

#[path = "shared/inventory.rs"]
mod inventory;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use rest_error::CommonError;
use rest_error::axum::{CorrelationLayer, Json};

pub use inventory::*;

/// The service, with a fresh inventory of machines 1 to 5 and 13.
pub fn app() -> Router {
    Router::new()
        .route("/machines", get(list).post(create))
        .route("/machines/{id}", get(machine))
        .route("/machines/isolate", post(isolate))
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .with_state(Inventory::new())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(CorrelationLayer::default())
}

async fn not_found() -> InventoryError {
    CommonError::NotFound.into()
}

async fn list(State(inventory): State<Inventory>) -> Result<Json<Vec<Machine>>, InventoryError> {
    inventory.list().map(Json)
}

async fn machine(
    State(inventory): State<Inventory>,
    Path(id): Path<String>,
) -> Result<Json<Machine>, InventoryError> {
    inventory.get(&id).map(Json)
}

async fn create(
    State(inventory): State<Inventory>,
    Json(new): Json<NewMachine>,
) -> Result<(StatusCode, Json<Machine>), InventoryError> {
    Ok((StatusCode::CREATED, Json(inventory.create(new)?)))
}

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
