//! Reading a `tonic::Status` as an [`ErrorResponse`] (feature `tonic`): the
//! same error whether it came over REST or gRPC.

use serde_json::{Map, Value};
use tonic::{Code, Status};
use tonic_types::StatusExt as _;

use super::{CommonCode, ErrorBody, ErrorResponse};

impl ErrorResponse {
    /// The error a `tonic::Status` carries, as this crate's server sends it
    /// (see [`rest_error::grpc`](crate::grpc)):
    ///
    /// - `code` is `ErrorInfo.reason`; without `ErrorInfo` (another server),
    ///   the general code of the HTTP status that `google/rpc/code.proto` maps
    ///   the gRPC code to ([`CommonCode::for_status`]: `NOT_FOUND` gives
    ///   `NotFound`);
    /// - `message` is the status's message;
    /// - `target` is `RequestInfo.request_id`, else the `x-request-id`
    ///   metadata, else `None`;
    /// - `details` holds one entry per `BadRequest` field violation (its
    ///   field as `target`, its description as `message`, the error's code);
    /// - `innererror` holds `ErrorInfo`'s `domain` and `metadata`, when present.
    ///
    /// Details that do not decode are ignored, never an error.
    ///
    /// ```
    /// use rest_error::{ApiError, CommonCode, CommonError, ErrorResponse};
    ///
    /// let status = tonic::Status::from(CommonError::ResourceNotFound("machine 7".into()));
    /// let response = ErrorResponse::from_status(&status);
    /// assert_eq!(response.error.common_code(), CommonCode::ResourceNotFound);
    /// assert_eq!(response.error.message, "Resource machine 7 was not found.");
    /// assert_eq!(response.error.target.as_ref().map(String::len), Some(36));
    ///
    /// // A status from any other server still reads.
    /// let plain = ErrorResponse::from_status(&tonic::Status::permission_denied("no"));
    /// assert_eq!(plain.error.common_code(), CommonCode::Forbidden);
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
    #[must_use]
    pub fn from_status(status: &Status) -> Self {
        let details = status.get_error_details();
        let info = details.error_info();
        let code = match info {
            Some(info) if !info.reason.is_empty() => info.reason.clone(),
            _ => CommonCode::for_status(http_status(status.code()))
                .as_str()
                .to_owned(),
        };
        let target = details
            .request_info()
            .map(|info| info.request_id.clone())
            .filter(|id| !id.is_empty())
            .or_else(|| {
                status
                    .metadata()
                    .get("x-request-id")
                    .and_then(|value| value.to_str().ok())
                    .map(str::to_owned)
            });
        let violations = details
            .bad_request()
            .map(|bad| bad.field_violations.as_slice())
            .unwrap_or_default();
        let sub_errors = violations
            .iter()
            .map(|violation| ErrorBody {
                code: code.clone(),
                message: violation.description.clone(),
                target: Some(violation.field.clone()),
                details: Vec::new(),
                innererror: None,
            })
            .collect();
        let innererror = info.map(|info| {
            let metadata: Map<String, Value> = info
                .metadata
                .iter()
                .map(|(key, value)| (key.clone(), Value::String(value.clone())))
                .collect();
            let mut inner = Map::new();
            inner.insert("domain".to_owned(), Value::String(info.domain.clone()));
            inner.insert("metadata".to_owned(), Value::Object(metadata));
            Value::Object(inner)
        });
        ErrorResponse {
            error: ErrorBody {
                code,
                message: status.message().to_owned(),
                target,
                details: sub_errors,
                innererror,
            },
        }
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
impl From<&Status> for ErrorResponse {
    fn from(status: &Status) -> Self {
        Self::from_status(status)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
impl From<Status> for ErrorResponse {
    fn from(status: Status) -> Self {
        Self::from_status(&status)
    }
}

/// The HTTP status `google/rpc/code.proto` gives a gRPC code.
const fn http_status(code: Code) -> u16 {
    match code {
        Code::Ok => 200,
        Code::Cancelled => 499,
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => 400,
        Code::DeadlineExceeded => 504,
        Code::NotFound => 404,
        Code::AlreadyExists | Code::Aborted => 409,
        Code::PermissionDenied => 403,
        Code::Unauthenticated => 401,
        Code::ResourceExhausted => 429,
        Code::Unimplemented => 501,
        Code::Unavailable => 503,
        Code::Unknown | Code::Internal | Code::DataLoss => 500,
    }
}
