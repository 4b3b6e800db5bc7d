//! What the derive's expansions and the crate's own provided methods need.
//! Reached as `::api_error::__private`; not public API.

pub use crate::ApiError;
pub use crate::status::default_message;
pub use core;

/// Gives a `&dyn ApiError` for any implementor, sized or not, so the trait's
/// provided methods work on `dyn ApiError` too (thiserror's `AsDynError` idea).
pub trait AsDynApiError {
    /// `self` as a trait object.
    fn as_dyn_api_error(&self) -> &dyn ApiError;
}

impl<T: ApiError> AsDynApiError for T {
    fn as_dyn_api_error(&self) -> &dyn ApiError {
        self
    }
}
