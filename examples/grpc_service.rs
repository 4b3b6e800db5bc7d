//! The machine inventory over gRPC with tonic: every failure is a
//! `google.rpc.Status` with the same code, message and target as the HTTP
//! examples' error envelopes.
//!
//! ```sh
//! cargo run --example grpc_service --features tonic     # listens on 127.0.0.1:50051
//! ```
//!
//! Service `inventory.v1.Inventory` (proto/inventory/v1/inventory.proto; the
//! inventory's rules are in `examples/shared/inventory.rs`):
//! - `GetMachine`: machine 7 does not exist, `NOT_FOUND` with reason
//!   `ResourceNotFound`; machine 13's storage shard is down, `UNAVAILABLE`
//!   with reason `InventoryUnavailable` and a `RetryInfo` of 30 seconds (the
//!   cause, with a secret in it, is only logged).
//! - `IsolateMachines`: without `authorization: Bearer <token>` metadata,
//!   `UNAUTHENTICATED` (`Unauthorized`); with it, more than 3 ids is
//!   `INVALID_ARGUMENT` (`MaximumBatchSizeExceeded`), an unknown id
//!   `NOT_FOUND`, a machine isolated twice `ABORTED` (`MachineAlreadyIsolated`).
//!
//! Every status carries `ErrorInfo` (reason: the code), `RequestInfo`
//! (`request_id`: the target) and the id as `x-request-id` metadata: the one
//! the call sent, else a `traceparent`'s trace id, else a fresh UUID.
//!
//! Set `ADDR` to listen elsewhere (`ADDR=127.0.0.1:0` picks a free port).

#[path = "shared/inventory.rs"]
mod inventory;
#[path = "../proto/inventory/v1/inventory.rs"]
pub mod pb;

use rest_error::grpc::CorrelationLayer;
use tonic::{Request, Response, Status};

pub use inventory::*;
use pb::inventory_server::InventoryServer;

/// `inventory.v1.Inventory` over the shared inventory.
#[derive(Debug, Default)]
pub struct InventoryService(Inventory);

impl pb::inventory_server::Inventory for InventoryService {
    async fn get_machine(
        &self,
        request: Request<pb::GetMachineRequest>,
    ) -> Result<Response<pb::Machine>, Status> {
        let id = request.into_inner().id;
        let machine = self.0.get(&id.to_string())?;
        Ok(Response::new(pb::Machine {
            id: machine.id,
            computer_dns_name: machine.computer_dns_name,
            isolated: machine.isolated,
        }))
    }

    async fn isolate_machines(
        &self,
        request: Request<pb::IsolateMachinesRequest>,
    ) -> Result<Response<pb::IsolateMachinesResponse>, Status> {
        let authorization = request
            .metadata()
            .get("authorization")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let pb::IsolateMachinesRequest {
            machine_ids,
            comment,
        } = request.into_inner();
        let isolated = self.0.isolate(
            authorization.as_deref(),
            IsolateRequest {
                machine_ids,
                comment,
            },
        )?;
        Ok(Response::new(pb::IsolateMachinesResponse {
            isolated: isolated.isolated,
        }))
    }
}

/// Serves a fresh inventory on `listener` until the process ends.
///
/// # Errors
/// When the server fails.
pub async fn serve(listener: tokio::net::TcpListener) -> Result<(), tonic::transport::Error> {
    tonic::transport::Server::builder()
        .layer(CorrelationLayer::default())
        .add_service(InventoryServer::new(InventoryService::default()))
        .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener))
        .await
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Error statuses are logged by rest-error: 5xx at `error` with the cause, 4xx at `debug`.
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .init();
    let addr = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:50051".into());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("machine inventory on grpc://{}", listener.local_addr()?);
    serve(listener).await?;
    Ok(())
}
