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

/// The responses of both types, one per status.
impl<A: Catalog + ?Sized, B: Catalog + ?Sized> ::aide::OperationOutput for super::Both<A, B> {
    type Inner = Self;

    fn inferred_responses(
        _: &mut ::aide::generate::GenContext,
        _: &mut ::aide::openapi::Operation,
    ) -> Vec<(Option<u16>, Response)> {
        responses::<Self>()
    }
}

/// The error pages' 404 (`rest_error::web::ErrorPages`).
#[cfg(feature = "__web")]
impl ::aide::OperationOutput for crate::web::UnknownErrorCode {
    type Inner = Self;

    fn inferred_responses(
        _: &mut ::aide::generate::GenContext,
        _: &mut ::aide::openapi::Operation,
    ) -> Vec<(Option<u16>, Response)> {
        responses::<Self>()
    }
}

/// Adds the responses of `E` to `operation` as early responses (an extractor's:
/// the request never reaches the handler): a status the operation already
/// documents gets `E`'s codes added to its response, the others are returned for
/// aide to add.
pub fn early_responses<E: Catalog + ?Sized>(
    operation: &mut ::aide::openapi::Operation,
) -> Vec<(Option<u16>, Response)> {
    use ::aide::openapi::{ReferenceOr, StatusCode};

    let mut new = Vec::new();
    for (status, extra) in super::responses::<E>() {
        let Ok(code) = status.parse::<u16>() else {
            continue;
        };
        let existing = operation
            .responses
            .as_mut()
            .and_then(|responses| responses.responses.get_mut(&StatusCode::Code(code)));
        match existing {
            Some(ReferenceOr::Item(response)) => {
                // Merged as JSON, our own format; a response that does not read
                // back is left as it was.
                let Ok(mut merged) = serde_json::to_value(&*response) else {
                    continue;
                };
                super::merge_response(&mut merged, &extra);
                if let Ok(merged) = serde_json::from_value::<Response>(merged) {
                    *response = merged;
                }
            }
            Some(ReferenceOr::Reference { .. }) => {}
            None => {
                if let Ok(response) = serde_json::from_value::<Response>(extra) {
                    new.push((Some(code), response));
                }
            }
        }
    }
    new
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
