//! Which gRPC code an HTTP status answers with.

use tonic::Code;

/// The gRPC code of an error with this HTTP status, by the HTTP mapping in
/// googleapis' `google/rpc/code.proto`, read backwards.
///
/// | HTTP | gRPC |
/// |---|---|
/// | 401 | `UNAUTHENTICATED` |
/// | 403 | `PERMISSION_DENIED` |
/// | 404 | `NOT_FOUND` |
/// | 409 | `ABORTED` |
/// | 412, 428 | `FAILED_PRECONDITION` (a precondition of the request does not hold) |
/// | 429 | `RESOURCE_EXHAUSTED` |
/// | 499 | `CANCELLED` |
/// | other 4xx | `INVALID_ARGUMENT` |
/// | 501 | `UNIMPLEMENTED` |
/// | 503 | `UNAVAILABLE` |
/// | 504 | `DEADLINE_EXCEEDED` |
/// | other 5xx (and anything else) | `INTERNAL` |
///
/// `code.proto` maps three codes to 400 (`INVALID_ARGUMENT`,
/// `FAILED_PRECONDITION`, `OUT_OF_RANGE`) and two to 409 (`ABORTED`,
/// `ALREADY_EXISTS`); a 4xx goes to the first of them unless it is about a
/// precondition. A variant that means another one says so with
/// `#[api(grpc = "ALREADY_EXISTS")]`.
///
/// ```
/// use rest_error::grpc::code_for_status;
/// use tonic::Code;
///
/// assert_eq!(code_for_status(404), Code::NotFound);
/// assert_eq!(code_for_status(422), Code::InvalidArgument);
/// assert_eq!(code_for_status(507), Code::Internal);
/// ```
#[must_use]
pub const fn code_for_status(status: u16) -> Code {
    match status {
        401 => Code::Unauthenticated,
        403 => Code::PermissionDenied,
        404 => Code::NotFound,
        409 => Code::Aborted,
        412 | 428 => Code::FailedPrecondition,
        429 => Code::ResourceExhausted,
        499 => Code::Cancelled,
        400..=498 => Code::InvalidArgument,
        501 => Code::Unimplemented,
        503 => Code::Unavailable,
        504 => Code::DeadlineExceeded,
        _ => Code::Internal,
    }
}
