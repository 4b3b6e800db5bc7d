//! gRPC with tonic (feature `tonic`): every derived type converts into a
//! [`tonic::Status`], and [`CorrelationLayer`] gives each call on a tonic
//! server one correlation id, as the web adapters do for HTTP.
//!
//! # The status
//!
//! `From<E> for tonic::Status` answers with the richer error model
//! ([AIP-193](https://google.aip.dev/193)), read by any gRPC client:
//!
//! - **code**: from the HTTP status by [`code_for_status`], unless the variant
//!   names its own with `#[api(grpc = "ALREADY_EXISTS")]` (a `google.rpc.Code`
//!   name, checked at compile time);
//! - **message**: the public message, in the type's default language;
//! - `ErrorInfo`: `reason` is the error's code, verbatim (REST and gRPC
//!   clients match the same string); `domain` is `#[api(domain = "...")]` on
//!   the type, else the name of the package that derives it
//!   (`CARGO_PKG_NAME` when the derive expands); `metadata` holds the target
//!   under `target` and each value the `msg` template names: a named field
//!   under its name in lowerCamelCase (`retry_after_secs` as
//!   `retryAfterSecs`), a tuple field `<0>` as `arg0`;
//! - `RequestInfo`: `request_id` is the target, the id a caller quotes;
//! - `RetryInfo`: when the error declares `Retry-After` in seconds;
//! - `BadRequest`: a field violation per sub-error of `details` (field: the
//!   sub-error's target, description: its message);
//! - `LocalizedMessage`: when the call's `accept-language` metadata picks a
//!   language other than the error's default, from the error's declaration or,
//!   under the layer, the settings' [`Localizer`](crate::localizer::Localizer),
//!   chosen as for an HTTP response (see [`crate::lang`]).
//!
//! Nothing of a 5xx's cause reaches the caller: the status carries only the
//! declared code, message and data. Each status is logged once, as an HTTP
//! error response is (see [`crate::web`]'s *The log*), with its id.
//!
//! ```
//! use rest_error::ApiError;
//! use tonic::Code;
//! use tonic_types::StatusExt as _;
//!
//! #[derive(Debug, ApiError)]
//! #[api(domain = "inventory.example.com")]
//! enum MachineError {
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//!     NotFound(u64),
//!     #[api(code = "MachineExists", status = 409, grpc = "ALREADY_EXISTS")]
//!     Exists,
//! }
//!
//! let status = tonic::Status::from(MachineError::NotFound(7));
//! assert_eq!(status.code(), Code::NotFound);
//! assert_eq!(status.message(), "Machine 7 was not found");
//! let info = status.get_details_error_info().unwrap();
//! assert_eq!((info.reason.as_str(), info.domain.as_str()), ("ResourceNotFound", "inventory.example.com"));
//! assert_eq!(info.metadata["arg0"], "7");
//! let request_id = status.get_details_request_info().unwrap().request_id;
//! assert_eq!(info.metadata["target"], request_id);
//!
//! assert_eq!(tonic::Status::from(MachineError::Exists).code(), Code::AlreadyExists);
//! ```
//!
//! # Ids
//!
//! Add [`CorrelationLayer`] to the server (`Server::builder().layer(...)`): each
//! call gets its id by the HTTP rules (the `x-request-id` metadata when it is 1
//! to 128 visible ASCII characters, else a valid `traceparent`'s trace id, else
//! a fresh UUID v4; configurable with [`WebSettings`](crate::web::WebSettings)),
//! every status made while the call is handled has it as its target, and every
//! response echoes it as `x-request-id` metadata: in the headers of a success,
//! and of an error (tonic sends a unary call's error as a trailers-only
//! response, whose headers are its trailers). Handlers read it with
//! [`correlation_id`](crate::web::correlation_id) or from the request's
//! extensions.

mod code;
mod facts;
mod layer;
mod status;

pub use code::code_for_status;
pub use layer::{Correlation, CorrelationFuture, CorrelationLayer};

pub(crate) use facts::GrpcFacts;

/// What the `__grpc_impls!` expansion and the derive name. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use super::facts::{GrpcFacts, GrpcProbe, ValueWriter, ViaFacts, ViaNoFacts};
    pub use tonic::Status;

    /// The status of a derived error, with its probed log detail.
    pub fn status_of<E: super::GrpcFacts + crate::web::LogDetail>(error: &E) -> Status {
        super::status::status(error, error, error.__log_detail())
    }
}

/// The derive's gRPC facts and `From<E> for tonic::Status`; the derive calls it
/// with `[impl generics] [type] [where clause,] { the GrpcFacts impl }`.
#[doc(hidden)]
#[macro_export]
macro_rules! __grpc_impls {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where:tt)*] { $($facts:tt)* }) => {
        $($facts)*

        #[automatically_derived]
        impl $($impl_generics)* ::core::convert::From<$($ty)*> for $crate::grpc::__private::Status $($where)* {
            fn from(error: $($ty)*) -> Self {
                $crate::grpc::__private::status_of(&error)
            }
        }
    };
}
