//! aide: every derived type implements [`OperationOutput`](aide::OperationOutput).
//!
//! Turn on the `aide` feature; a handler returning `Result<Json<T>, MyError>`
//! then documents both halves with nothing more to write: aide asks the error
//! type for its inferred responses, and it answers with one response per status,
//! one example per code (see [`openapi`](super)).
//!
//! ```
//! use aide::OperationOutput;
//! use aide::openapi::Operation;
//! use rest_error::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! enum MachineError {
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//!     MachineNotFound(u64),
//!     #[api(status = 400, msg = "Invalid machine id <0>")]
//!     InvalidMachineId(String),
//! }
//!
//! let statuses: Vec<_> = aide::generate::in_context(|ctx| {
//!     MachineError::inferred_responses(ctx, &mut Operation::default())
//! })
//! .into_iter()
//! .map(|(status, _)| status)
//! .collect();
//! assert_eq!(statuses, [Some(400), Some(404)]);
//! ```
//!
//! The schemas are inlined in each response, so nothing needs registering in the
//! document's components.

use ::aide::openapi::Response;

use crate::catalog::Catalog;

/// The responses of `E` as aide's types: [`responses`](super::responses)
/// converted, with their statuses.
#[must_use]
pub fn responses<E: Catalog + ?Sized>() -> Vec<(Option<u16>, Response)> {
    super::responses::<E>()
        .into_iter()
        .filter_map(|(status, response)| {
            let status = status.parse::<u16>().ok()?;
            // Our own well-formed JSON; a response aide could not read would be
            // left out rather than documented wrong.
            let response = serde_json::from_value::<Response>(response).ok()?;
            Some((Some(status), response))
        })
        .collect()
}

/// What the `__aide_impls!` expansion names. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use super::responses;
    pub use ::aide::OperationOutput;
    pub use ::aide::generate::GenContext;
    pub use ::aide::openapi::Operation;

    /// `OperationOutput::inferred_responses`'s return type.
    pub type Responses = std::vec::Vec<(Option<u16>, ::aide::openapi::Response)>;
}

/// `OperationOutput` for a derived type; the derive calls it through
/// `__openapi_impls!` with `[impl generics] [type] [where clause,]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __aide_impls {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::openapi::aide::__private::OperationOutput for $($ty)* $($where)* {
            type Inner = Self;

            fn inferred_responses(
                _: &mut $crate::openapi::aide::__private::GenContext,
                _: &mut $crate::openapi::aide::__private::Operation,
            ) -> $crate::openapi::aide::__private::Responses {
                $crate::openapi::aide::__private::responses::<Self>()
            }
        }
    };
}
