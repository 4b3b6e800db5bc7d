//! The client side: reading the error responses a server sent.
//!
//! A server answers every error with an envelope such as
//!
//! ```json
//! {"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}
//! ```
//!
//! [`ErrorResponse::from_slice`] (or [`str::parse`]) turns such a body into an
//! [`ErrorResponse`], and [`ErrorBody::common_code`] classifies its `code`:
//!
//! ```
//! use rest_error::{CommonCode, ErrorResponse};
//!
//! let body = br#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#;
//! let response = ErrorResponse::from_slice(body)?;
//! assert_eq!(response.error.common_code(), CommonCode::ResourceNotFound);
//! assert_eq!(response.error.message, "Machine 123123123 was not found");
//! assert_eq!(response.error.target.as_deref(), Some("43f4cb08-8fac-4b65-9db1-745c2ae65f3a"));
//! # Ok::<(), rest_error::client::ParseError>(())
//! ```
//!
//! The body shape follows the Microsoft REST API guidelines (the `OData` error
//! shape): besides `code`, `message` and `target`, a body may carry `details`
//! (more error bodies) and `innererror` (free-form JSON). Keys are
//! case-sensitive, unknown keys are ignored, and a `null` optional field reads
//! as absent.
//!
//! # Problem documents (RFC 9457)
//!
//! A body without an `error` key that has a string `type`, `title` or `detail`
//! is read as an `application/problem+json` document, into the same
//! [`ErrorBody`], so a client handles both formats with one `match`:
//!
//! - `message` is `detail`; without it `title`; without both the status's
//!   reason phrase (or empty when there is no status either);
//! - `target` and `details` are the extension members of the same names, as
//!   this crate's server writes them (a `details` of another shape is kept as
//!   an unknown member);
//! - `code` is the `code` member; without it (a plain RFC 9457 document from
//!   another server) the last path segment of `type`
//!   (`https://example.com/probs/out-of-credit` gives `out-of-credit`), unless
//!   `type` is absent or `about:blank`; then the general code of the status
//!   ([`CommonCode::for_status`]: 404 gives `NotFound`), and `Error` when the
//!   document has no status either;
//! - `type`, `title` and `status` are read for the above and not kept: for this
//!   crate's server they only repeat the code and the status. Every other
//!   member (`instance`, a server's own extensions) is kept in `innererror`.
//!
//! A standard member of the wrong type is ignored, as RFC 9457 asks. So the
//! same error reads the same whichever format the server chose:
//!
//! ```
//! use rest_error::ErrorResponse;
//!
//! let envelope: ErrorResponse = r#"{"error":{"code":"ResourceNotFound","message":"Machine 7 was not found","target":"req-7"}}"#.parse()?;
//! let problem: ErrorResponse = r#"{"type":"https://errors.example.com/ResourceNotFound","title":"Not Found","status":404,"detail":"Machine 7 was not found","code":"ResourceNotFound","target":"req-7"}"#.parse()?;
//! assert_eq!(envelope, problem);
//!
//! // RFC 9457's own example: the code comes from `type`, extensions are kept.
//! let rfc: ErrorResponse = r#"{
//!     "type": "https://example.com/probs/out-of-credit",
//!     "title": "You do not have enough credit.",
//!     "detail": "Your current balance is 30, but that costs 50.",
//!     "instance": "/account/12345/msgs/abc",
//!     "balance": 30,
//!     "accounts": ["/account/12345", "/account/67890"]
//! }"#.parse()?;
//! assert_eq!(rfc.error.code, "out-of-credit");
//! assert_eq!(rfc.error.message, "Your current balance is 30, but that costs 50.");
//! assert_eq!(rfc.error.innererror.unwrap()["balance"], 30);
//! # Ok::<(), rest_error::client::ParseError>(())
//! ```
//!
//! # Any response: `from_parts`
//!
//! Not every error response carries an error document: a gateway answers with
//! an HTML page, a proxy with an empty body. [`ErrorResponse::from_parts`]
//! takes the status, the headers and the body and always gives a
//! [`ReceivedError`]: the error the body says, or one made from the
//! `x-ms-error-code` header or the status, with the start of the body kept
//! (up to [`ErrorResponse::MAX_RAW_BODY_BYTES`]) for diagnostics.
//!
//! # gRPC
//!
//! With the feature `tonic`, `ErrorResponse::from_status` reads a
//! `tonic::Status` into the same [`ErrorResponse`]: the code from
//! `ErrorInfo.reason`, the message, the target from `RequestInfo`.
//!
//! # Limits
//!
//! Parsing never panics. Bodies larger than [`ErrorResponse::MAX_BODY_BYTES`]
//! or nested deeper than [`ErrorResponse::MAX_DEPTH`] are rejected, and every
//! failure is a [`ParseError`] that says what was wrong without quoting the
//! input.
//!
//! # The server side of the same codes
//!
//! [`CommonError`](crate::CommonError) answers with exactly the codes of
//! [`CommonCode::DOCUMENTED`], each with the status of [`CommonCode::status`],
//! so what a server sends with it, a client reads back as the matching variant.
//! Both come from one table, which also holds the codes the library sends on
//! its own ([`CommonCode::ALL`]):
//!
//! ```
//! use rest_error::{ApiError, CommonCode, CommonError, ErrorResponse};
//!
//! let sent = CommonError::TooManyRequests { retry_after_secs: 30 }.envelope().to_json();
//! let received = ErrorResponse::from_slice(sent.as_bytes())?;
//! assert_eq!(received.error.common_code(), CommonCode::TooManyRequests);
//! assert_eq!(received.error.common_code().status(), Some(429));
//!
//! let codes: Vec<_> = rest_error::catalog::<CommonError>().iter().map(|e| e.code).collect();
//! assert_eq!(codes, CommonCode::DOCUMENTED);
//! # Ok::<(), rest_error::client::ParseError>(())
//! ```

mod code;
#[cfg(feature = "tonic")]
mod grpc;
mod parse;
mod parts;
mod problem;
mod response;

pub use code::CommonCode;
pub use parse::{ParseError, ParseErrorKind};
pub use parts::{BodyKind, ReceivedError};
pub use response::{ErrorBody, ErrorResponse};
