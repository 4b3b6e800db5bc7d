//! A small service error enum and the envelopes it answers with.
//!
//! Run with `cargo run --example quickstart`.

use rest_error::{ApiError, CorrelationId};

#[derive(Debug, ApiError)]
enum MachineError {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found"
    )]
    MachineNotFound(u64),
    #[api(
        code = "MaximumBatchSizeExceeded",
        status = 400,
        msg = "Maximum batch size exceeded. Received: <received>, allowed: <allowed>."
    )]
    BatchTooLarge { received: usize, allowed: usize },
    #[api(
        code = "InvalidRequestBody",
        status = 400,
        msg = "Request body is incorrect"
    )]
    BadBody,
    // Internal details stay out of the response: only the template is sent.
    #[api(
        code = "InternalServerError",
        status = 500,
        msg = "Please retry; quote the target id if it persists."
    )]
    Database { cause: String },
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The documented example, with its documented target.
    let target = CorrelationId::parse("43f4cb08-8fac-4b65-9db1-745c2ae65f3a")?;
    let err = MachineError::MachineNotFound(123_123_123);
    println!(
        "{} {}",
        err.status(),
        serde_json::to_string(&err.envelope_with_target(target))?
    );

    // Everything else gets a fresh correlation id per response.
    let errors = [
        MachineError::BatchTooLarge {
            received: 1200,
            allowed: 1000,
        },
        MachineError::BadBody,
        MachineError::Database {
            cause: "connection refused: password=hunter2".into(),
        },
    ];
    for err in &errors {
        let envelope = err.envelope();
        println!("{} {}", err.status(), envelope.to_json());
        if let MachineError::Database { cause } = err {
            // The cause goes to your logs, next to the id the caller will quote.
            eprintln!("log: target={} cause={cause}", envelope.target());
        }
    }
    Ok(())
}
