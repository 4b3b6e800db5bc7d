//! A small machine-inventory service on axum: every failure is an error envelope.
//!
//! ```sh
//! cargo run --example axum_service --features axum     # listens on 127.0.0.1:3000
//! curl -i http://127.0.0.1:3000/machines/7
//! ```
//!
//! Routes:
//! - `GET /machines`: the inventory.
//! - `GET /machines/{id}`: one machine; `404 ResourceNotFound`, `400 InvalidInput`
//!   for an id that is not a number, and `503 InventoryUnavailable` for machine 13,
//!   whose storage shard is down (the cause, with a secret in it, is only logged).
//! - `POST /machines/isolate` with `Authorization: Bearer <token>` and
//!   `{"machineIds": [1, 2], "comment": "..."}`: `401 Unauthorized`, the JSON body
//!   errors of `rest_error::axum::Json`, `400 MaximumBatchSizeExceeded` over 3
//!   machines, `404 ResourceNotFound`, `409 MachineAlreadyIsolated`.
//! - anything else: `404 NotFound`. Bodies over 16 KiB: `413 RequestBodyTooLarge`.
//!
//! Set `ADDR` to listen elsewhere (`ADDR=127.0.0.1:0` picks a free port).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use axum::routing::{get, post};
use rest_error::axum::{CorrelationLayer, Json};
use rest_error::{ApiError, CommonError};
use serde::{Deserialize, Serialize};

/// The largest batch `POST /machines/isolate` takes.
pub const MAX_BATCH: usize = 3;
/// The largest request body, in bytes.
pub const BODY_LIMIT: usize = 16 * 1024;
/// The machine whose storage shard is down.
pub const BROKEN_MACHINE: u64 = 13;

/// The service's errors: the documented set plus two product-specific codes.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum InventoryError {
    /// Any documented code.
    #[error(transparent)]
    #[api(transparent, from)]
    Common(CommonError),
    /// Product-specific: isolating a machine twice.
    #[error("machine {0} is already isolated")]
    #[api(
        code = "MachineAlreadyIsolated",
        status = 409,
        msg = "Machine <0> is already isolated."
    )]
    AlreadyIsolated(u64),
    /// Product-specific: the store failed. The cause is logged, never answered.
    #[error("the inventory store failed")]
    #[api(
        code = "InventoryUnavailable",
        status = 503,
        msg = "The machine inventory is temporarily unavailable. Retry after <retry_after_secs> seconds.",
        header("Retry-After", "<retry_after_secs>")
    )]
    Unavailable {
        /// When to retry.
        retry_after_secs: u64,
        /// What went wrong inside.
        #[source]
        cause: StoreError,
    },
}

/// An internal storage failure; its text holds a connection string with a password.
#[derive(Debug, thiserror::Error)]
#[error("shard {shard} refused the connection ({dsn})")]
pub struct StoreError {
    shard: u8,
    dsn: String,
}

/// A machine of the inventory.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Machine {
    /// Its id.
    pub id: u64,
    /// Its DNS name.
    pub computer_dns_name: String,
    /// Whether it is isolated from the network.
    pub isolated: bool,
}

/// The body of `POST /machines/isolate`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IsolateRequest {
    /// The machines to isolate.
    pub machine_ids: Vec<u64>,
    /// Why.
    pub comment: String,
}

/// The answer of `POST /machines/isolate`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IsolateResponse {
    /// The machines now isolated.
    pub isolated: Vec<u64>,
}

type Inventory = Arc<Mutex<BTreeMap<u64, Machine>>>;

/// The service, with a fresh inventory of machines 1 to 5 and 13.
pub fn app() -> Router {
    let inventory: BTreeMap<u64, Machine> = [1, 2, 3, 4, 5, BROKEN_MACHINE]
        .into_iter()
        .map(|id| {
            let machine = Machine {
                id,
                computer_dns_name: format!("ws-{id:03}.contoso.com"),
                isolated: false,
            };
            (id, machine)
        })
        .collect();
    Router::new()
        .route("/machines", get(list))
        .route("/machines/{id}", get(machine))
        .route("/machines/isolate", post(isolate))
        .fallback(|| async { InventoryError::from(CommonError::NotFound) })
        .with_state(Arc::new(Mutex::new(inventory)))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(CorrelationLayer::default())
}

async fn list(State(inventory): State<Inventory>) -> Result<Json<Vec<Machine>>, InventoryError> {
    let inventory = lock(&inventory)?;
    Ok(Json(
        inventory
            .values()
            .filter(|m| m.id != BROKEN_MACHINE)
            .cloned()
            .collect(),
    ))
}

async fn machine(
    State(inventory): State<Inventory>,
    Path(id): Path<String>,
) -> Result<Json<Machine>, InventoryError> {
    // Parsed here rather than by `Path<u64>`, whose rejection is plain text.
    let id: u64 = id
        .parse()
        .map_err(|_| CommonError::InvalidInput(format!("machine id {id}")))?;
    if id == BROKEN_MACHINE {
        return Err(InventoryError::Unavailable {
            retry_after_secs: 30,
            cause: StoreError {
                shard: 3,
                dsn: "postgres://inventory:hunter2@shard-3.internal/machines".into(),
            },
        });
    }
    let inventory = lock(&inventory)?;
    let machine = inventory
        .get(&id)
        .ok_or_else(|| CommonError::ResourceNotFound(format!("machine {id}")))?;
    Ok(Json(machine.clone()))
}

async fn isolate(
    State(inventory): State<Inventory>,
    headers: HeaderMap,
    Json(request): Json<IsolateRequest>,
) -> Result<Json<IsolateResponse>, InventoryError> {
    let authorized = headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .is_some_and(|token| !token.trim().is_empty());
    if !authorized {
        return Err(CommonError::Unauthorized.into());
    }
    if request.machine_ids.len() > MAX_BATCH {
        return Err(CommonError::MaximumBatchSizeExceeded {
            received: request.machine_ids.len(),
            allowed: MAX_BATCH,
        }
        .into());
    }
    let mut inventory = lock(&inventory)?;
    // Check every machine first, so a failing batch changes nothing.
    for id in &request.machine_ids {
        match inventory.get(id) {
            None => return Err(CommonError::ResourceNotFound(format!("machine {id}")).into()),
            Some(machine) if machine.isolated => return Err(InventoryError::AlreadyIsolated(*id)),
            Some(_) => {}
        }
    }
    for id in &request.machine_ids {
        if let Some(machine) = inventory.get_mut(id) {
            machine.isolated = true;
        }
    }
    Ok(Json(IsolateResponse {
        isolated: request.machine_ids,
    }))
}

/// The inventory, or `InternalServerError` if a panicking handler poisoned it.
fn lock(
    inventory: &Inventory,
) -> Result<std::sync::MutexGuard<'_, BTreeMap<u64, Machine>>, InventoryError> {
    inventory
        .lock()
        .map_err(|_| CommonError::InternalServerError.into())
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
