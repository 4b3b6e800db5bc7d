//! What the core answers with, one impl per type for every adapter: the status
//! and the response of a derived error and of the web core's own response types
//! (the body rejection, [`ApiResponse`], [`WithId`], a caught panic, [`Json`]'s
//! success), so that an adapter's one response impl only copies them into its
//! framework's types.

use serde::Serialize;

use super::panic::Panic;
use super::{ApiResponse, Detail, ErrorParts, Json, JsonRejection, LogDetail, WithId};
use crate::ApiError;

/// A value an adapter answers a request with. Named by the adapters' impl
/// macros; not public API.
#[doc(hidden)]
pub trait Answer {
    /// The response's status as declared, asked apart from the response
    /// (actix-web's `ResponseError::status_code`, which maps it as the
    /// response does: a non-error status of an error is a 500).
    #[cfg_attr(not(feature = "actix-web"), allow(dead_code))]
    fn status(&self) -> u16;

    /// The response, made (and logged) in the current request's context.
    fn parts(&self) -> ErrorParts;
}

/// A derived error (and the core's route and parameter rejections).
impl<E: LogDetail> Answer for E {
    fn status(&self) -> u16 {
        ApiError::status(self)
    }

    fn parts(&self) -> ErrorParts {
        super::error_parts(self, self.__log_detail())
    }
}

crate::__log_detail_impls! { [] [super::RouteRejection] [where] }
crate::__log_detail_impls! { [] [super::ParamRejection] [where] }

impl Answer for JsonRejection {
    fn status(&self) -> u16 {
        super::response::rejection_status(self)
    }

    fn parts(&self) -> ErrorParts {
        super::rejection_parts(self)
    }
}

/// A 5xx is logged without the error's `Debug` (the type need not have one).
impl<E: ApiError> Answer for ApiResponse<E> {
    fn status(&self) -> u16 {
        self.0.status()
    }

    fn parts(&self) -> ErrorParts {
        super::error_parts(&self.0, Detail::none())
    }
}

impl<E: ApiError> Answer for WithId<E> {
    fn status(&self) -> u16 {
        self.error().status()
    }

    fn parts(&self) -> ErrorParts {
        WithId::parts(self) // the inherent one: the explicit id
    }
}

/// The panic message is the log event's `error`.
impl Answer for Panic {
    fn status(&self) -> u16 {
        500
    }

    fn parts(&self) -> ErrorParts {
        super::error_parts(self, Detail::debug(self))
    }
}

/// A success: 200 with the JSON body, or the 500 that answers a value that
/// does not serialize.
impl<T: Serialize> Answer for Json<T> {
    fn status(&self) -> u16 {
        200
    }

    fn parts(&self) -> ErrorParts {
        super::json_parts(&self.0)
    }
}
