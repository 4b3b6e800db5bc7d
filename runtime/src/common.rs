//! The documented error set, ready to use: [`CommonError`], generated from the
//! code table (`codes.rs`).

use crate::ApiError;

/// Renders `CommonError` from the `documented` rows of the table.
macro_rules! common_error {
    (
        documented {
            $(
                $(#[doc = $doc:literal])*
                $code:ident $(($($tuple:tt)*))? $({$($named:tt)*})?
                = $status:literal $($general:ident)?, $template:literal, sv $sv:literal
                $(, header($header:literal, $header_value:literal))*;
            )*
        }
        $($other_sections:tt)*
    ) => {
        /// The error codes documented for the API, with their statuses and messages,
        /// ready to answer with.
        ///
        /// Each variant's code is its name, so `CommonError::ResourceNotFound(..)`
        /// answers with `"code": "ResourceNotFound"` and status 404. `Display` writes
        /// the public message (the same text as the envelope's `message`), and the type
        /// is a [`std::error::Error`].
        ///
        /// The rows come from the crate's one table of codes, like the type itself
        /// and [`CommonCode`](crate::CommonCode); a placeholder such as `<0>`
        /// writes the variant's field:
        ///
        /// | code | status | message template | in Swedish (`sv`) |
        /// |---|---|---|---|
        $(#[doc = concat!("| `", stringify!($code), "` | ", $status, " | `", $template, "` | `", $sv, "` |")])*
        ///
        /// [`catalog::markdown::<CommonError>()`](crate::catalog::markdown) renders
        /// this table from the type itself, and
        /// [`catalog::markdown_in::<CommonError>("sv")`](crate::catalog::markdown_in)
        /// the Swedish one.
        ///
        /// # Languages
        ///
        /// Every message is in English (the default) and Swedish, chosen per
        /// request by `Accept-Language` in the web integrations. The Swedish
        /// messages start from the Swedish edition of the documentation page,
        /// corrected where its machine translation went wrong: the codes stay the
        /// codes (that edition turned `Unauthorized` and `Forbidden` into
        /// `Saknas` and `Förbjudet`), `target` stays `target`, and each message
        /// names the same placeholders as the English one:
        ///
        /// ```
        /// use rest_error::{ApiError, CommonError};
        ///
        /// let err = CommonError::ResourceNotFound("machine 7".into());
        /// assert_eq!(err.languages(), ["en", "sv"]);
        /// assert_eq!(err.message_in("sv").to_string(), "Resursen machine 7 hittades inte.");
        /// assert_eq!(err.language_for("sv-SE, en;q=0.5"), "sv");
        /// assert_eq!(CommonError::Unauthorized.code(), "Unauthorized"); // in every language
        /// ```
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
            $(
                $(#[doc = $doc])*
                #[api(status = $status, msg = $template, msg(sv = $sv) $(, header($header, $header_value))*)]
                $code $(($($tuple)*))? $({$($named)*})?,
            )*
        }
    };
}

crate::codes::code_table!(common_error);
