//! The documented error set, ready to use: [`CommonError`].

use crate::ApiError;

/// The error codes documented for the API, with their statuses and messages,
/// ready to answer with.
///
/// Each variant's code is its name, so `CommonError::ResourceNotFound(..)`
/// answers with `"code": "ResourceNotFound"` and status 404. `Display` writes
/// the public message (the same text as the envelope's `message`), and the type
/// is a [`std::error::Error`].
///
/// | variant | status | message |
/// |---|---|---|
/// | `BadRequest(String)` | 400 | the given text |
/// | `ODataError(String)` | 400 | Invalid `OData` URI query: `{0}` |
/// | `InvalidInput(String)` | 400 | Invalid input `{0}`. |
/// | `InvalidRequestBody` | 400 | Invalid request body. |
/// | `InvalidHashValue(String)` | 400 | Hash value `{0}` is invalid. |
/// | `InvalidDomainName(String)` | 400 | Domain name `{0}` is invalid. |
/// | `InvalidIpAddress(String)` | 400 | IP address `{0}` is invalid. |
/// | `InvalidUrl(String)` | 400 | URL `{0}` is invalid. |
/// | `MaximumBatchSizeExceeded { received, allowed }` | 400 | Maximum batch size exceeded. Received: `{received}`, allowed: `{allowed}`. |
/// | `MissingRequiredParameter(String)` | 400 | Parameter `{0}` is missing. |
/// | `OsPlatformNotSupported(String)` | 400 | OS Platform `{0}` is not supported for this action. |
/// | `ClientVersionNotSupported { action, min_version }` | 400 | `{action}` is supported on client version `{min_version}` and above. |
/// | `Unauthorized` | 401 | Unauthorized: the authorization header is missing, invalid or expired. |
/// | `Forbidden` | 403 | Forbidden: the token is valid but lacks permission for this action. |
/// | `DisabledFeature` | 403 | Tenant feature is not enabled. |
/// | `DisallowedOperation(String)` | 403 | the given text (the operation and the reason) |
/// | `NotFound` | 404 | The requested resource was not found. |
/// | `ResourceNotFound(String)` | 404 | Resource `{0}` was not found. |
/// | `TooManyRequests { retry_after_secs }` | 429 | Too many requests: the quota was reached. Retry after `{retry_after_secs}` seconds. |
/// | `InternalServerError` | 500 | An internal error occurred. Retry the operation; if it persists, contact support with the target id of this response. |
///
/// [`catalog::markdown::<CommonError>()`](crate::catalog::markdown) renders
/// this table from the type itself.
///
/// # Using it
///
/// Return it directly, or embed it in a service's own enum beside the product
/// codes. `#[api(transparent, from)]` forwards code, status and message to the
/// embedded `CommonError` and generates `From<CommonError>`, so `?` converts:
///
/// ```
/// use rest_error::{ApiError, CommonError, CorrelationId};
///
/// #[derive(Debug, ApiError)]
/// #[api(display)]
/// enum MachineError {
///     #[api(transparent, from)]
///     Common(CommonError),
///     // A documented code may be reused with a more specific message.
///     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
///     MachineNotFound(u64),
///     #[api(status = 409, msg = "Machine <0> is isolated")]
///     MachineIsolated(u64),
/// }
///
/// fn batch(ids: &[u64]) -> Result<(), CommonError> {
///     if ids.len() > 2 {
///         return Err(CommonError::MaximumBatchSizeExceeded { received: ids.len(), allowed: 2 });
///     }
///     Ok(())
/// }
///
/// fn isolate(ids: &[u64]) -> Result<(), MachineError> {
///     batch(ids)?; // CommonError -> MachineError
///     Err(MachineError::MachineIsolated(ids[0]))
/// }
///
/// let err = isolate(&[1, 2, 3]).unwrap_err();
/// assert_eq!((err.code(), err.status()), ("MaximumBatchSizeExceeded", 400));
/// assert_eq!(err.to_string(), "Maximum batch size exceeded. Received: 3, allowed: 2.");
///
/// let id = CorrelationId::parse("43f4cb08-8fac-4b65-9db1-745c2ae65f3a")?;
/// assert_eq!(
///     serde_json::to_string(&MachineError::MachineNotFound(123123123).envelope_with_target(id))?,
///     r#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#,
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A service may reuse a documented code only with its documented status: the
/// build fails when a type and a transparent member declare one code with two
/// statuses.
///
/// # Extra headers
///
/// [`TooManyRequests`](CommonError::TooManyRequests) carries a `Retry-After`
/// header, reported by [`ApiError::headers`] (and sent by the web integrations):
///
/// ```
/// use rest_error::{ApiError, CommonError};
///
/// let mut headers = Vec::new();
/// CommonError::TooManyRequests { retry_after_secs: 30 }
///     .headers(&mut |name, value| headers.push((name, value.to_string())));
/// assert_eq!(headers, [("Retry-After", "30".to_owned())]);
/// ```
///
/// # Internal errors stay internal
///
/// [`InternalServerError`](CommonError::InternalServerError) has no fields: its
/// message is a fixed text that asks the caller to retry and to quote the
/// envelope's `target`. Log the cause under the same correlation id instead of
/// putting it in the response.
///
/// # Why `#[non_exhaustive]`
///
/// The documented set grows: `TooManyRequests` came with a later edition of the
/// documentation. Marking the enum `#[non_exhaustive]` lets a new documented code
/// arrive in a minor release without breaking code that matches on
/// `CommonError` (such a `match` needs a `_` arm). Constructing variants is not
/// affected. [`CommonCode`](crate::CommonCode), the client-side view of the same
/// codes, is `#[non_exhaustive]` for the same reason.
#[derive(Debug, Clone, PartialEq, Eq, ApiError)]
#[api(display)]
#[non_exhaustive]
pub enum CommonError {
    /// A general bad request; the message is the given text. 400.
    #[api(status = 400, msg = "<0>")]
    BadRequest(String),
    /// An invalid `OData` URI query; the field says what is wrong. 400.
    #[api(status = 400, msg = "Invalid OData URI query: <0>")]
    ODataError(String),
    /// Invalid input; the field names it. 400.
    #[api(status = 400, msg = "Invalid input <0>.")]
    InvalidInput(String),
    /// The request body is invalid. 400.
    #[api(status = 400, msg = "Invalid request body.")]
    InvalidRequestBody,
    /// An invalid hash value, given in the field. 400.
    #[api(status = 400, msg = "Hash value <0> is invalid.")]
    InvalidHashValue(String),
    /// An invalid domain name, given in the field. 400.
    #[api(status = 400, msg = "Domain name <0> is invalid.")]
    InvalidDomainName(String),
    /// An invalid IP address, given in the field. 400.
    #[api(status = 400, msg = "IP address <0> is invalid.")]
    InvalidIpAddress(String),
    /// An invalid URL, given in the field. 400.
    #[api(status = 400, msg = "URL <0> is invalid.")]
    InvalidUrl(String),
    /// A batch larger than allowed. 400.
    #[api(
        status = 400,
        msg = "Maximum batch size exceeded. Received: <received>, allowed: <allowed>."
    )]
    MaximumBatchSizeExceeded {
        /// The batch size received.
        received: usize,
        /// The largest batch size allowed.
        allowed: usize,
    },
    /// A required parameter, named in the field, is missing. 400.
    #[api(status = 400, msg = "Parameter <0> is missing.")]
    MissingRequiredParameter(String),
    /// The client's OS platform, given in the field, is not supported for the action. 400.
    #[api(
        status = 400,
        msg = "OS Platform <0> is not supported for this action."
    )]
    OsPlatformNotSupported(String),
    /// The action needs a newer client version. 400.
    #[api(
        status = 400,
        msg = "<action> is supported on client version <min_version> and above."
    )]
    ClientVersionNotSupported {
        /// The requested action.
        action: String,
        /// The lowest client version that supports it.
        min_version: String,
    },
    /// The authorization is missing, invalid or expired. 401.
    #[api(
        status = 401,
        msg = "Unauthorized: the authorization header is missing, invalid or expired."
    )]
    Unauthorized,
    /// The token is valid but lacks permission for the action. 403.
    #[api(
        status = 403,
        msg = "Forbidden: the token is valid but lacks permission for this action."
    )]
    Forbidden,
    /// The tenant feature is not enabled. 403.
    #[api(status = 403, msg = "Tenant feature is not enabled.")]
    DisabledFeature,
    /// A disallowed operation; the message is the given text (the operation and
    /// the reason). 403.
    #[api(status = 403, msg = "<0>")]
    DisallowedOperation(String),
    /// A general not found. 404.
    #[api(status = 404, msg = "The requested resource was not found.")]
    NotFound,
    /// The resource named in the field was not found. 404.
    #[api(status = 404, msg = "Resource <0> was not found.")]
    ResourceNotFound(String),
    /// The request quota (by number of requests or by CPU) was reached; the
    /// response carries `Retry-After: <retry_after_secs>`. 429.
    #[api(
        status = 429,
        msg = "Too many requests: the quota was reached. Retry after <retry_after_secs> seconds.",
        header("Retry-After", "<retry_after_secs>")
    )]
    TooManyRequests {
        /// Seconds until the caller may retry.
        retry_after_secs: u64,
    },
    /// An internal error. The message is fixed and generic (retry, then quote
    /// the target id to support); it never carries internal detail. 500.
    #[api(
        status = 500,
        msg = "An internal error occurred. Retry the operation; if it persists, contact support with the target id of this response."
    )]
    InternalServerError,
}
