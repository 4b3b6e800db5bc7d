//! The documentation tables, generated from the types: every code, its HTTP
//! status and its message, for `CommonError` and for a service's own enum.
//!
//! Run with `cargo run --example catalog`.

use rest_error::{ApiError, CommonError, catalog};

/// The errors of a small machine-inventory service: its own product codes,
/// then the documented set.
///
/// The catalogue lists codes in declaration order, each once, so declaring the
/// product variants first puts the service's own `ResourceNotFound` message
/// ("Machine {0} was not found") in its table instead of the generic one.
#[derive(Debug, ApiError)]
#[api(display)]
enum InventoryError {
    /// The action needs the machine to be reachable, but it is isolated.
    #[api(status = 409, msg = "Machine <0> is isolated")]
    MachineIsolated(u64),
    /// A documented code, reused with a more specific message.
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found"
    )]
    MachineNotFound(u64),
    /// Everything documented, with `?` from `Result<_, CommonError>`.
    #[api(transparent, from)]
    Common(CommonError),
}

fn main() {
    println!("## CommonError\n");
    print!("{}", catalog::markdown::<CommonError>());

    println!("\n## InventoryError\n");
    print!("{}", catalog::markdown::<InventoryError>());

    // The same values, for code that wants them rather than Markdown.
    let entries = rest_error::catalog::<InventoryError>();
    println!(
        "\n{} codes; the first is {} ({}), for example: {}",
        entries.len(),
        entries[0].code,
        entries[0].status,
        InventoryError::MachineIsolated(7),
    );
    // Every variant answers with a catalogued code.
    for err in [
        InventoryError::MachineNotFound(7),
        InventoryError::from(CommonError::TooManyRequests {
            retry_after_secs: 30,
        }),
    ] {
        assert!(entries.iter().any(|entry| entry.code == err.code()));
    }
}
