//! What the derive's expansions and the crate's own provided methods need.
//! Reached as `::api_error::__private`; not public API.

pub use crate::ApiError;
pub use crate::catalog::{Catalog, Entry as CatalogEntry, Node as CatalogNode, check_catalog};
pub use crate::message::{DisplayFn, MessageWriter};
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

/// Expands to the web framework impls of a derived type when a web feature is
/// on, and to nothing otherwise. The derive calls it with
/// `[impl generics] [type] [where clause with a trailing comma]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __web_impls {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {};
}
pub use crate::__web_impls;
