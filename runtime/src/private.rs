//! What the derive's expansions and the crate's own provided methods need.
//! Reached as `::rest_error::__private`; not public API.

pub use crate::ApiError;
pub use crate::catalog::{
    Catalog, CatalogCheck, DetailCatalog, Entry as CatalogEntry, Node as CatalogNode, Templates,
    check_catalog, first_template,
};
pub use crate::detail::ErrorDetail;
pub use crate::headers::is_reserved as header_is_reserved;
pub use crate::message::{
    Arg, ArgDisplay, ArgFast, DisplayFn, Field, MessageWriter, Piece, Translation, WriteDebug,
    WriteDisplay, WriteFieldDisplay, WriteFieldFast, WriteJoined, find_translation,
};
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

/// How the derive reads a `#[api(details)]` field: anything whose reference
/// iterates over sub-errors by reference (`Vec`, slices, arrays, `Option`, …).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot hold the sub-errors of an `#[api(details)]` field",
    label = "a `details` field must iterate, by reference, over `ErrorDetail` items",
    note = "use a `Vec`, slice, array or `Option` of `rest_error::SubError<E>` (or of a type implementing `rest_error::ErrorDetail`)"
)]
pub trait DetailItems {
    /// Calls `detail` with each item, in order.
    fn __for_each_detail(&self, detail: &mut dyn FnMut(&dyn ErrorDetail));
}

#[diagnostic::do_not_recommend]
impl<T: ?Sized> DetailItems for T
where
    for<'a> &'a T: IntoIterator<Item: AsErrorDetail>,
{
    fn __for_each_detail(&self, detail: &mut dyn FnMut(&dyn ErrorDetail)) {
        for item in self {
            detail(item.__as_error_detail());
        }
    }
}

/// A reference to a sized sub-error, as the trait object `details` hands out.
pub trait AsErrorDetail {
    /// `self` as a trait object.
    fn __as_error_detail(&self) -> &dyn ErrorDetail;
}

impl<D: ErrorDetail> AsErrorDetail for &D {
    fn __as_error_detail(&self) -> &dyn ErrorDetail {
        *self
    }
}

/// The headers of a transparent variant: the inner error's, then each of the
/// type's own headers whose name the inner error did not send (names compare
/// case-insensitively).
pub fn forward_headers(
    inner: &dyn ApiError,
    defaults: &[(&'static str, &'static str)],
    header: &mut dyn FnMut(&'static str, &dyn core::fmt::Display),
) {
    inner.headers(header);
    for &(name, value) in defaults {
        let mut sent = false;
        inner.headers(&mut |inner_name, _| sent |= inner_name.eq_ignore_ascii_case(name));
        if !sent {
            header(name, &value);
        }
    }
}

/// The derive's `message_values`: calls `value` with each of `names` and a
/// `Display` that writes field number `n` through `write` (one writer per
/// variant, so each field costs a match arm, not a generic instance).
pub fn message_values(
    names: &[&'static str],
    write: &dyn Fn(u16, &mut crate::MessageWriter<'_>),
    value: &mut dyn FnMut(&'static str, &dyn core::fmt::Display),
) {
    for (n, &name) in names.iter().enumerate() {
        let n = u16::try_from(n).unwrap_or(u16::MAX);
        value(
            name,
            &crate::message::DisplayFn::new(|w: &mut crate::MessageWriter<'_>| {
                write(n, w);
                w.__finish()
            }),
        );
    }
}

/// The values `error`'s `write_message` hands over: the trait's default
/// `message_values`, for the variants a derived override leaves to it.
pub fn values_from_message<E: ApiError + ?Sized>(
    error: &E,
    value: &mut dyn FnMut(&'static str, &dyn core::fmt::Display),
) {
    let _ = error.write_message(&mut crate::MessageWriter::new(crate::message::Out::Values(
        value,
    )));
}

/// Expands to the web impls of a derived type for each web feature that is on
/// (its log detail, probed once, then the framework's response impls), and to
/// nothing otherwise (the user's crate can't see our features). The derive calls it with
/// `[impl generics] [type] [where clause ending in a comma, or a bare where]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __web_impls {
    ($($input:tt)*) => {
        $crate::__private::__log_detail_impls! { $($input)* }
        $crate::__private::__axum_impls! { $($input)* }
        $crate::__private::__actix_impls! { $($input)* }
    };
}
pub use crate::__web_impls;

#[cfg(feature = "__web")]
#[doc(hidden)]
pub use crate::web::{Detail, LogDetail, Probe, ViaDebug, ViaError, ViaNothing};

// The web core defines `__log_detail_impls!` (`src/web/log.rs`) when a web or
// gRPC feature is on; this is the empty stand-in when none is.
#[cfg(not(feature = "__web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __log_detail_impls {
    ($($input:tt)*) => {};
}
pub use crate::__log_detail_impls;

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

/// Expands to the OpenAPI impls of a derived type for each OpenAPI feature that
/// is on (`utoipa`, `aide`), and to nothing otherwise; called by the derive like
/// `__web_impls!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __openapi_impls {
    ($($input:tt)*) => {
        $crate::__private::__utoipa_impls! { $($input)* }
        $crate::__private::__aide_impls! { $($input)* }
    };
}
pub use crate::__openapi_impls;

// `src/openapi/utoipa.rs` and `src/openapi/aide.rs` define the real ones.
#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __utoipa_impls {
    ($($input:tt)*) => {};
}
pub use crate::__utoipa_impls;

#[cfg(not(feature = "aide"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __aide_impls {
    ($($input:tt)*) => {};
}
pub use crate::__aide_impls;

/// Expands to the derive's gRPC facts and `From<E> for tonic::Status` when the
/// feature `tonic` is on (`src/grpc/mod.rs` defines the real one), and to
/// nothing otherwise; called with `[impl generics] [type] [where clause,] { .. }`.
#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __grpc_impls {
    ($($input:tt)*) => {};
}
pub use crate::__grpc_impls;

#[cfg(feature = "tonic")]
#[doc(hidden)]
pub use crate::grpc::__private::{GrpcFacts, GrpcProbe, ValueWriter, ViaFacts, ViaNoFacts};
