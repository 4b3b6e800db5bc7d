//! utoipa: every derived type implements [`IntoResponses`](utoipa::IntoResponses),
//! the envelope types ([`Envelope`], [`ErrorResponse`]) implement
//! [`ToSchema`] as the component `ErrorEnvelope`.
//!
//! Turn on the `utoipa` feature and name the error type in the route's
//! `responses(...)`; the error half of the operation comes from the declaration,
//! one response per status, one example per code (see [`openapi`](super)):
//!
//! ```
//! use rest_error::ApiError;
//! use utoipa::IntoResponses;
//!
//! #[derive(Debug, ApiError)]
//! enum MachineError {
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//!     MachineNotFound(u64),
//!     #[api(status = 400, msg = "Invalid machine id <0>")]
//!     InvalidMachineId(String),
//! }
//!
//! // With utoipa's macros: #[utoipa::path(get, path = "/machines/{id}",
//! //     responses((status = 200, body = Machine), MachineError))]
//! let responses = MachineError::responses();
//! assert_eq!(responses.keys().collect::<Vec<_>>(), ["400", "404"]);
//! ```
//!
//! The schemas are inlined in each response, so nothing needs registering in the
//! document's components.

use std::borrow::Cow;
use std::collections::BTreeMap;

use ::utoipa::openapi::RefOr;
use ::utoipa::openapi::response::Response;
use ::utoipa::openapi::schema::Schema;
use ::utoipa::{PartialSchema, ToSchema};

use crate::catalog::Catalog;
use crate::{Envelope, ErrorResponse};

/// The responses of `E` as utoipa's types: [`responses`](super::responses)
/// converted, keyed by status.
#[must_use]
pub fn responses<E: Catalog + ?Sized>() -> BTreeMap<String, RefOr<Response>> {
    super::responses::<E>()
        .into_iter()
        .filter_map(|(status, response)| {
            // Our own well-formed JSON; a response utoipa could not read would
            // be left out rather than documented wrong.
            let response = serde_json::from_value::<Response>(response).ok()?;
            Some((status, RefOr::T(response)))
        })
        .collect()
}

/// The envelope's schema with any code, as utoipa's type.
fn any_code_schema() -> RefOr<Schema> {
    serde_json::from_value(super::envelope_schema(&[]))
        .unwrap_or_else(|_| RefOr::T(Schema::default()))
}

/// The envelope as a component: `ErrorEnvelope`, `code` any string.
impl PartialSchema for Envelope<'_> {
    fn schema() -> RefOr<Schema> {
        any_code_schema()
    }
}

impl ToSchema for Envelope<'_> {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ErrorEnvelope")
    }
}

/// The envelope a client reads: the same schema as [`Envelope`], as `ErrorEnvelope`.
impl PartialSchema for ErrorResponse {
    fn schema() -> RefOr<Schema> {
        any_code_schema()
    }
}

impl ToSchema for ErrorResponse {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ErrorEnvelope")
    }
}

/// The responses of both types, one per status.
impl<A: Catalog + ?Sized, B: Catalog + ?Sized> ::utoipa::IntoResponses for super::Both<A, B> {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses::<Self>()
    }
}

/// The error pages' 404 (`rest_error::web::ErrorPages`), for the document of the
/// route that serves them.
#[cfg(feature = "__web")]
impl ::utoipa::IntoResponses for crate::web::UnknownErrorCode {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses::<Self>()
    }
}

/// What the `__utoipa_impls!` expansion names. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use super::responses;
    pub use ::utoipa::IntoResponses;

    /// `IntoResponses::responses`'s return type.
    pub type Responses = std::collections::BTreeMap<
        std::string::String,
        ::utoipa::openapi::RefOr<::utoipa::openapi::response::Response>,
    >;
}

/// `IntoResponses` for a derived type; the derive calls it through
/// `__openapi_impls!` with `[impl generics] [type] [where clause,]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __utoipa_impls {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::openapi::utoipa::__private::IntoResponses for $($ty)* $($where)* {
            fn responses() -> $crate::openapi::utoipa::__private::Responses {
                $crate::openapi::utoipa::__private::responses::<Self>()
            }
        }
    };
}
