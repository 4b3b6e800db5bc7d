//! The machine inventory behind both example services (`axum_service.rs`,
//! `actix_service.rs`): its errors, its data and every rule, with no web
//! framework in sight. Each service only moves requests and answers between its
//! framework and these functions.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use rest_error::{ApiError, CommonError, SubError};
use serde::{Deserialize, Serialize};

/// The largest batch `POST /machines/isolate` takes.
pub const MAX_BATCH: usize = 3;
/// The largest request body, in bytes.
pub const BODY_LIMIT: usize = 16 * 1024;
/// The machine whose storage shard is down.
pub const BROKEN_MACHINE: u64 = 13;
/// The operating systems `POST /machines` accepts, as the client spells them.
pub const OS_PLATFORMS: [&str; 5] = [
    "Windows10",
    "Windows11",
    "WindowsServer2022",
    "Linux",
    "macOS",
];

/// The service's errors: the documented set plus two product-specific codes,
/// every message in English and Swedish (`CommonError` brings both for its
/// codes), chosen by the request's `Accept-Language`.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum InventoryError {
    /// Any documented code.
    #[error(transparent)]
    #[api(transparent, from)]
    Common(CommonError),
    /// A machine that is not in the inventory: the documented code, with a
    /// message about machines.
    #[error("machine {0} was not found")]
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Resource machine <0> was not found.",
        msg(sv = "Datorn <0> hittades inte.")
    )]
    MachineNotFound(u64),
    /// A machine id in the path that is not a number: the documented code.
    #[error("invalid machine id {0}")]
    #[api(
        code = "InvalidInput",
        status = 400,
        msg = "Invalid input machine id <0>.",
        msg(sv = "Ogiltig inmatning: dator-id <0>.")
    )]
    InvalidMachineId(String),
    /// Product-specific: isolating a machine twice.
    #[error("machine {0} is already isolated")]
    #[api(
        code = "MachineAlreadyIsolated",
        status = 409,
        msg = "Machine <0> is already isolated.",
        msg(sv = "Datorn <0> är redan isolerad.")
    )]
    AlreadyIsolated(u64),
    /// Product-specific: the store failed. The cause is logged, never answered.
    #[error("the inventory store failed")]
    #[api(
        code = "InventoryUnavailable",
        status = 503,
        msg = "The machine inventory is temporarily unavailable. Retry after <retry_after_secs> seconds.",
        msg(
            sv = "Datorinventariet är tillfälligt otillgängligt. Försök igen om <retry_after_secs> sekunder."
        ),
        header("Retry-After", "<retry_after_secs>")
    )]
    Unavailable {
        /// When to retry.
        retry_after_secs: u64,
        /// What went wrong inside.
        #[source]
        cause: StoreError,
    },
    /// Fields of a request body are invalid: each is one entry of `details`,
    /// with the field's name as the client spells it as its target.
    #[error("{count} invalid")]
    #[api(
        code = "InvalidInput",
        status = 400,
        msg = "Invalid input: <count> invalid.",
        // `count` writes English words; the Swedish names none (each field is in `details`).
        msg(sv = "Ogiltig inmatning: se details för varje ogiltigt fält.")
    )]
    InvalidFields {
        /// How many, for the message.
        count: FieldCount,
        /// What is wrong with each.
        #[api(details)]
        problems: Vec<SubError<FieldError>>,
    },
}

/// An internal storage failure; its text holds a connection string with a password.
#[derive(Debug, thiserror::Error)]
#[error("shard {shard} refused the connection ({dsn})")]
pub struct StoreError {
    shard: u8,
    dsn: String,
}

/// What is wrong with one field of a request body: a sub-error of
/// [`InventoryError::InvalidFields`], with the field's name as its target.
#[derive(Debug, ApiError)]
pub enum FieldError {
    /// A required text is empty.
    #[api(
        code = "InvalidInput",
        status = 400,
        msg = "Must not be empty.",
        msg(sv = "Får inte vara tomt.")
    )]
    Empty,
    /// `osPlatform` names no platform of [`OS_PLATFORMS`]. The value sent is not
    /// repeated: the target says which field it was.
    #[api(
        code = "InvalidInput",
        status = 400,
        msg = "Must be one of Windows10, Windows11, WindowsServer2022, Linux or macOS.",
        msg(sv = "Måste vara en av Windows10, Windows11, WindowsServer2022, Linux eller macOS.")
    )]
    UnknownPlatform,
}

/// "1 field is" or "N fields are", so the message reads right for any count.
#[derive(Debug, Clone, Copy)]
pub struct FieldCount(pub usize);

impl fmt::Display for FieldCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            1 => f.write_str("1 field is"),
            n => write!(f, "{n} fields are"),
        }
    }
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

/// The body of `POST /machines`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewMachine {
    /// Its DNS name; not empty.
    pub computer_dns_name: String,
    /// One of [`OS_PLATFORMS`].
    pub os_platform: String,
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

/// The inventory, shared by every request (and every worker thread).
#[derive(Debug, Clone)]
pub struct Inventory(Arc<Mutex<BTreeMap<u64, Machine>>>);

impl Inventory {
    /// A fresh inventory of machines 1 to 5 and 13.
    pub fn new() -> Self {
        let machines = [1, 2, 3, 4, 5, BROKEN_MACHINE]
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
        Self(Arc::new(Mutex::new(machines)))
    }

    /// `GET /machines`: every machine that can be read.
    pub fn list(&self) -> Result<Vec<Machine>, InventoryError> {
        let machines = self.lock()?;
        Ok(machines
            .values()
            .filter(|m| m.id != BROKEN_MACHINE)
            .cloned()
            .collect())
    }

    /// `GET /machines/{id}`, with the id as the path spelled it.
    pub fn get(&self, id: &str) -> Result<Machine, InventoryError> {
        // Parsed here rather than by the framework's typed path, whose rejection is plain text.
        let id: u64 = id
            .parse()
            .map_err(|_| InventoryError::InvalidMachineId(id.to_owned()))?;
        if id == BROKEN_MACHINE {
            return Err(InventoryError::Unavailable {
                retry_after_secs: 30,
                cause: StoreError {
                    shard: 3,
                    dsn: "postgres://inventory:hunter2@shard-3.internal/machines".into(),
                },
            });
        }
        let machines = self.lock()?;
        let machine = machines
            .get(&id)
            .ok_or(InventoryError::MachineNotFound(id))?;
        Ok(machine.clone())
    }

    /// `POST /machines`: every invalid field is reported at once; a valid machine
    /// gets the next free id.
    pub fn create(&self, new: NewMachine) -> Result<Machine, InventoryError> {
        let mut problems = Vec::new();
        if new.computer_dns_name.is_empty() {
            problems.push(SubError::new(FieldError::Empty, "computerDnsName"));
        }
        if !OS_PLATFORMS.contains(&new.os_platform.as_str()) {
            problems.push(SubError::new(FieldError::UnknownPlatform, "osPlatform"));
        }
        if !problems.is_empty() {
            return Err(InventoryError::InvalidFields {
                count: FieldCount(problems.len()),
                problems,
            });
        }
        let mut machines = self.lock()?;
        let id = machines.keys().next_back().map_or(1, |last| last + 1);
        let machine = Machine {
            id,
            computer_dns_name: new.computer_dns_name,
            isolated: false,
        };
        machines.insert(id, machine.clone());
        Ok(machine)
    }

    /// `POST /machines/isolate`, with the request's `Authorization` header value.
    pub fn isolate(
        &self,
        authorization: Option<&str>,
        request: IsolateRequest,
    ) -> Result<IsolateResponse, InventoryError> {
        let authorized = authorization
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
        let mut machines = self.lock()?;
        // Check every machine first, so a failing batch changes nothing.
        for id in &request.machine_ids {
            match machines.get(id) {
                None => return Err(InventoryError::MachineNotFound(*id)),
                Some(machine) if machine.isolated => {
                    return Err(InventoryError::AlreadyIsolated(*id));
                }
                Some(_) => {}
            }
        }
        for id in &request.machine_ids {
            if let Some(machine) = machines.get_mut(id) {
                machine.isolated = true;
            }
        }
        Ok(IsolateResponse {
            isolated: request.machine_ids,
        })
    }

    /// The machines, or `InternalServerError` if a panicking handler poisoned them.
    fn lock(&self) -> Result<MutexGuard<'_, BTreeMap<u64, Machine>>, InventoryError> {
        self.0
            .lock()
            .map_err(|_| CommonError::InternalServerError.into())
    }
}

impl Default for Inventory {
    fn default() -> Self {
        Self::new()
    }
}
