//! What the derive's expansions and the crate's own provided methods need.
//! Reached as `::rest_error::__private`; not public API.

pub use crate::ApiError;
pub use crate::catalog::{
    Catalog, CatalogCheck, Entry as CatalogEntry, Node as CatalogNode, check_catalog,
};
pub use crate::message::{DisplayFn, Field, MessageWriter, WriteFieldDisplay, WriteFieldFast};
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

/// Expands to the web framework impls of a derived type for each web feature
/// that is on, and to nothing otherwise (the user's crate can't see our
/// features). The derive calls it with
/// `[impl generics] [type] [where clause ending in a comma, or a bare where]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __web_impls {
    ($($input:tt)*) => {
        $crate::__private::__axum_impls! { $($input)* }
        $crate::__private::__actix_impls! { $($input)* }
    };
}
pub use crate::__web_impls;

// Each web integration defines its own `__axum_impls!` / `__actix_impls!` when
// its feature is on; these are the empty stand-ins when it is off.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __axum_impls {
    ($($input:tt)*) => {};
}
pub use crate::__axum_impls;

#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __actix_impls {
    ($($input:tt)*) => {};
}
pub use crate::__actix_impls;
