//! [`CommonCode`]: the codes of the table (`codes.rs`) as a client matches them.

use core::convert::Infallible;
use core::fmt;
use core::str::FromStr;

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

use crate::status::default_message;

/// Renders `CommonCode` and its lookups from the `documented` and `library`
/// rows of the table.
macro_rules! common_code {
    (
        documented {
            $(
                $(#[doc = $doc:literal])*
                $code:ident $(($($tuple:tt)*))? $({$($named:tt)*})?
                = $status:literal $($general:ident)?, $template:literal, sv $sv:literal
                $(, header($header:literal, $header_value:literal))*;
            )*
        }
        library {
            $(
                $(#[doc = $library_doc:literal])*
                $library_code:ident = $library_status:literal $($library_general:ident)?,
                $library_template:literal, sv $library_sv:literal;
            )*
        }
        $($other_sections:tt)*
    ) => {
        /// The error codes documented for the API and the codes this library
        /// sends on its own, plus [`Other`](CommonCode::Other) for any other code.
        ///
        /// Parsing never fails and matches case-sensitively, as the API's keys and
        /// codes are case-sensitive; [`CommonCode::as_str`] gives back exactly the
        /// parsed text. Parsing puts a code in [`Other`](CommonCode::Other) only when
        /// it has no variant; build codes by parsing to keep it that way.
        ///
        /// ```
        /// use rest_error::CommonCode;
        ///
        /// let Ok(code) = "ResourceNotFound".parse::<CommonCode>();
        /// assert_eq!(code, CommonCode::ResourceNotFound);
        /// assert_eq!(code.status(), Some(404));
        ///
        /// let Ok(code) = "resourcenotfound".parse::<CommonCode>();
        /// assert_eq!(code, CommonCode::Other("resourcenotfound".to_owned()));
        /// assert_eq!(code.as_str(), "resourcenotfound");
        /// assert_eq!(code.status(), None);
        /// ```
        ///
        /// The variants, generated from the same table as
        /// [`CommonError`](crate::CommonError):
        ///
        /// | code | status |
        /// |---|---|
        $(#[doc = concat!("| `", stringify!($code), "` | ", $status, " |")])*
        $(#[doc = concat!("| `", stringify!($library_code), "` | ", $library_status, " |")])*
        /// | `Other(code)` | none |
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum CommonCode {
            $(
                #[doc = concat!(
                    "`", stringify!($code), "`, status ", $status, ": the code of [`CommonError::",
                    stringify!($code), "`](crate::CommonError::", stringify!($code), ")."
                )]
                $code,
            )*
            $(
                $(#[doc = $library_doc])*
                $library_code,
            )*
            /// Any other code, exactly as sent.
            Other(String),
        }

        impl CommonCode {
            /// The text of every documented code, in the order of the documentation
            /// (the variants of [`CommonError`](crate::CommonError)).
            ///
            /// ```
            /// use rest_error::CommonCode;
            ///
            /// assert_eq!(CommonCode::DOCUMENTED.len(), 20);
            /// for &text in CommonCode::DOCUMENTED {
            ///     let Ok(code) = text.parse::<CommonCode>();
            ///     assert!(!matches!(code, CommonCode::Other(_)));
            ///     assert_eq!(code.as_str(), text);
            /// }
            /// ```
            pub const DOCUMENTED: &'static [&'static str] = &[$(stringify!($code)),*];

            /// The text of every code with a variant: the documented codes, then
            /// the codes the library sends on its own (`MethodNotAllowed`, from the
            /// web integrations' fallbacks, and `RequestBodyTooLarge`, from their
            /// JSON body extractor). Every code this library
            /// can send is here.
            ///
            /// ```
            /// use rest_error::CommonCode;
            ///
            /// assert_eq!(&CommonCode::ALL[..CommonCode::DOCUMENTED.len()], CommonCode::DOCUMENTED);
            /// assert_eq!(CommonCode::ALL.last(), Some(&"RequestBodyTooLarge"));
            /// ```
            pub const ALL: &'static [&'static str] =
                &[$(stringify!($code),)* $(stringify!($library_code)),*];

            /// The code as it appears in an error body.
            ///
            /// ```
            /// use rest_error::CommonCode;
            ///
            /// assert_eq!(CommonCode::InvalidUrl.as_str(), "InvalidUrl");
            /// assert_eq!(CommonCode::Other("Teapot".to_owned()).as_str(), "Teapot");
            /// ```
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $(CommonCode::$code => stringify!($code),)*
                    $(CommonCode::$library_code => stringify!($library_code),)*
                    CommonCode::Other(code) => code,
                }
            }

            /// The HTTP status the table gives the code; `None` for
            /// [`Other`](CommonCode::Other).
            ///
            /// ```
            /// use rest_error::CommonCode;
            ///
            /// assert_eq!(CommonCode::InvalidRequestBody.status(), Some(400));
            /// assert_eq!(CommonCode::Unauthorized.status(), Some(401));
            /// assert_eq!(CommonCode::DisabledFeature.status(), Some(403));
            /// assert_eq!(CommonCode::NotFound.status(), Some(404));
            /// assert_eq!(CommonCode::RequestBodyTooLarge.status(), Some(413));
            /// assert_eq!(CommonCode::TooManyRequests.status(), Some(429));
            /// assert_eq!(CommonCode::InternalServerError.status(), Some(500));
            /// assert_eq!(CommonCode::Other("Teapot".to_owned()).status(), None);
            /// ```
            #[must_use]
            pub fn status(&self) -> Option<u16> {
                match self {
                    $(CommonCode::$code => Some($status),)*
                    $(CommonCode::$library_code => Some($library_status),)*
                    CommonCode::Other(_) => None,
                }
            }

            /// The code a client reads for a response of `status` whose body is
            /// not an error document (see
            /// [`ErrorResponse::from_parts`](crate::ErrorResponse::from_parts)):
            ///
            /// - the table's general code for the status: `BadRequest` (400),
            ///   `Unauthorized` (401), `Forbidden` (403), `NotFound` (404),
            ///   `MethodNotAllowed` (405), `RequestBodyTooLarge` (413), `TooManyRequests` (429),
            ///   `InternalServerError` (500);
            /// - else the status's reason phrase without its spaces, as
            ///   [`Other`](CommonCode::Other): `BadGateway` (502),
            ///   `ServiceUnavailable` (503), `Conflict` (409), …;
            /// - else `ClientError` for another `4xx`, `ServerError` for another
            ///   `5xx`, and `Error` for any other number.
            ///
            /// ```
            /// use rest_error::CommonCode;
            ///
            /// assert_eq!(CommonCode::for_status(404), CommonCode::NotFound);
            /// assert_eq!(CommonCode::for_status(413), CommonCode::RequestBodyTooLarge);
            /// assert_eq!(CommonCode::for_status(502), CommonCode::Other("BadGateway".to_owned()));
            /// assert_eq!(CommonCode::for_status(418), CommonCode::Other("ClientError".to_owned()));
            /// assert_eq!(CommonCode::for_status(200), CommonCode::Other("Error".to_owned()));
            /// ```
            #[must_use]
            pub fn for_status(status: u16) -> Self {
                match status {
                    $($(
                        $status => {
                            crate::codes::general_marker!($general);
                            CommonCode::$code
                        }
                    )?)*
                    $($(
                        $library_status => {
                            crate::codes::general_marker!($library_general);
                            CommonCode::$library_code
                        }
                    )?)*
                    _ => CommonCode::Other(default_message(status).replace(' ', "")),
                }
            }

            /// The variant for `code`, if it has one.
            fn known(code: &str) -> Option<Self> {
                Some(match code {
                    $(stringify!($code) => CommonCode::$code,)*
                    $(stringify!($library_code) => CommonCode::$library_code,)*
                    _ => return None,
                })
            }
        }
    };
}

crate::codes::code_table!(common_code);

impl CommonCode {
    /// Classifies an owned code without copying it when it is `Other`.
    pub(crate) fn from_string(code: String) -> Self {
        Self::known(&code).unwrap_or(CommonCode::Other(code))
    }
}

/// Never fails: a code without a variant becomes [`CommonCode::Other`].
///
/// ```
/// use rest_error::CommonCode;
///
/// let Ok(code) = "FooBar".parse::<CommonCode>();
/// assert_eq!(code, CommonCode::Other("FooBar".to_owned()));
/// ```
impl FromStr for CommonCode {
    type Err = Infallible;

    fn from_str(code: &str) -> Result<Self, Infallible> {
        Ok(Self::known(code).unwrap_or_else(|| CommonCode::Other(code.to_owned())))
    }
}

/// Writes [`CommonCode::as_str`].
///
/// ```
/// assert_eq!(rest_error::CommonCode::NotFound.to_string(), "NotFound");
/// ```
impl fmt::Display for CommonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Serializes as the code string.
///
/// ```
/// assert_eq!(serde_json::to_string(&rest_error::CommonCode::InvalidUrl).unwrap(), r#""InvalidUrl""#);
/// ```
impl Serialize for CommonCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Deserializes from a string, like [`FromStr`].
///
/// ```
/// use rest_error::CommonCode;
///
/// let code: CommonCode = serde_json::from_str(r#""Forbidden""#).unwrap();
/// assert_eq!(code, CommonCode::Forbidden);
/// ```
impl<'de> Deserialize<'de> for CommonCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from_string)
    }
}

#[cfg(test)]
mod tests {
    use super::CommonCode;
    use crate::{ApiError, CommonError};

    #[test]
    fn general_codes_have_their_status() {
        for status in 0..=999 {
            let code = CommonCode::for_status(status);
            if let Some(own) = code.status() {
                assert_eq!(own, status, "{code}");
            }
        }
    }

    #[test]
    fn every_status_of_the_table_has_a_general_code() {
        for &text in CommonCode::ALL {
            let Ok(code) = text.parse::<CommonCode>();
            let status = code.status().unwrap_or_default();
            let general = CommonCode::for_status(status);
            assert!(!matches!(general, CommonCode::Other(_)), "{status}");
        }
        // And the general code is the first of its status among CommonError's.
        assert_eq!(
            CommonCode::for_status(CommonError::NotFound.status()),
            CommonCode::NotFound
        );
    }

    #[test]
    fn fallback_codes() {
        let other = |s: &str| CommonCode::Other(s.to_owned());
        assert_eq!(CommonCode::for_status(400), CommonCode::BadRequest);
        assert_eq!(CommonCode::for_status(401), CommonCode::Unauthorized);
        assert_eq!(CommonCode::for_status(403), CommonCode::Forbidden);
        assert_eq!(CommonCode::for_status(429), CommonCode::TooManyRequests);
        assert_eq!(CommonCode::for_status(500), CommonCode::InternalServerError);
        assert_eq!(CommonCode::for_status(409), other("Conflict"));
        assert_eq!(CommonCode::for_status(503), other("ServiceUnavailable"));
        assert_eq!(CommonCode::for_status(504), other("GatewayTimeout"));
        assert_eq!(CommonCode::for_status(599), other("ServerError"));
        assert_eq!(CommonCode::for_status(0), other("Error"));
        assert_eq!(CommonCode::for_status(302), other("Error"));
    }
}
