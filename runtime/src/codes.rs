//! The one table of the error codes this library knows: the documented codes,
//! the codes the library sends on its own, and the body extractor's codes.
//!
//! Each code is declared once, here, with its status, its message template and
//! its headers. The types that list codes are generated from the table by
//! handing it to a macro of their own (the callback pattern), so they can't
//! drift apart:
//!
//! - [`CommonError`](crate::CommonError), its `ApiError` impl and catalogue
//!   (`common.rs`, from the `documented` rows);
//! - [`CommonCode`](crate::CommonCode), its code and status lookups and the
//!   general code of a bare status (`client/code.rs`, from the `documented`
//!   and `library` rows);
//! - [`RejectionCode`], the codes and catalogue of the JSON body extractor
//!   (below, from the `rejection` rows, statuses from the rows above).
//!
//! Grammar of a `documented` row (`library` rows have no fields and no
//! headers): doc comments, then
//! `Code[(fields) | {fields}] = status [general], "template", sv "template" [, header("Name", "template")]*;`
//! where `general` marks the code a client reads for a response of that status
//! whose body is not an error document (at most one per status), and `sv` is
//! the message in Swedish, with the placeholders of the English one (every
//! row has both languages; a `rejection` row is `Code, "template", sv "template";`).

/// Calls `$callback! { documented {..} library {..} rejection {..} }` with the table.
macro_rules! code_table {
    ($callback:ident) => {
        $callback! {
            documented {
                /// A general bad request; the message is the given text. 400.
                BadRequest(String) = 400 general, "<0>", sv "<0>";
                /// An invalid `OData` URI query; the field says what is wrong. 400.
                ODataError(String) = 400, "Invalid OData URI query: <0>",
                    sv "Ogiltig OData URI-fråga: <0>";
                /// Invalid input; the field names it. 400.
                InvalidInput(String) = 400, "Invalid input <0>.", sv "Ogiltig inmatning <0>.";
                /// The request body is invalid. 400.
                InvalidRequestBody = 400, "Invalid request body.", sv "Ogiltig brödtext i begäran.";
                /// An invalid hash value, given in the field. 400.
                InvalidHashValue(String) = 400, "Hash value <0> is invalid.",
                    sv "Hashvärdet <0> är ogiltigt.";
                /// An invalid domain name, given in the field. 400.
                InvalidDomainName(String) = 400, "Domain name <0> is invalid.",
                    sv "Domännamnet <0> är ogiltigt.";
                /// An invalid IP address, given in the field. 400.
                InvalidIpAddress(String) = 400, "IP address <0> is invalid.",
                    sv "IP-adressen <0> är ogiltig.";
                /// An invalid URL, given in the field. 400.
                InvalidUrl(String) = 400, "URL <0> is invalid.", sv "URL:en <0> är ogiltig.";
                /// A batch larger than allowed. 400.
                MaximumBatchSizeExceeded {
                    /// The batch size received.
                    received: usize,
                    /// The largest batch size allowed.
                    allowed: usize,
                } = 400, "Maximum batch size exceeded. Received: <received>, allowed: <allowed>.",
                    sv "Maximal batchstorlek har överskridits. Mottaget: <received>, tillåtet: <allowed>.";
                /// A required parameter, named in the field, is missing. 400.
                MissingRequiredParameter(String) = 400, "Parameter <0> is missing.",
                    sv "Parametern <0> saknas.";
                /// The client's OS platform, given in the field, is not supported for the action. 400.
                OsPlatformNotSupported(String) = 400, "OS Platform <0> is not supported for this action.",
                    sv "OS-plattformen <0> stöds inte för den här åtgärden.";
                /// The action needs a newer client version. 400.
                ClientVersionNotSupported {
                    /// The requested action.
                    action: String,
                    /// The lowest client version that supports it.
                    min_version: String,
                } = 400, "<action> is supported on client version <min_version> and above.",
                    sv "<action> stöds i klientversion <min_version> och senare.";
                /// The authorization is missing, invalid or expired. 401.
                Unauthorized = 401 general,
                    "Unauthorized: the authorization header is missing, invalid or expired.",
                    sv "Ej behörig: auktoriseringshuvudet saknas, är ogiltigt eller har gått ut.";
                /// The token is valid but lacks permission for the action. 403.
                Forbidden = 403 general,
                    "Forbidden: the token is valid but lacks permission for this action.",
                    sv "Förbjuden: token är giltig men saknar behörighet för den här åtgärden.";
                /// The tenant feature is not enabled. 403.
                DisabledFeature = 403, "Tenant feature is not enabled.",
                    sv "Funktionen är inte aktiverad för klientorganisationen.";
                /// A disallowed operation; the message is the given text (the operation and
                /// the reason). 403.
                DisallowedOperation(String) = 403, "<0>", sv "<0>";
                /// A general not found. 404.
                NotFound = 404 general, "The requested resource was not found.",
                    sv "Den begärda resursen hittades inte.";
                /// The resource named in the field was not found. 404.
                ResourceNotFound(String) = 404, "Resource <0> was not found.",
                    sv "Resursen <0> hittades inte.";
                /// The request quota (by number of requests or by CPU) was reached; the
                /// response carries `Retry-After: <retry_after_secs>`. 429.
                TooManyRequests {
                    /// Seconds until the caller may retry.
                    retry_after_secs: u64,
                } = 429 general,
                    "Too many requests: the quota was reached. Retry after <retry_after_secs> seconds.",
                    sv "För många begäranden: kvoten har nåtts. Försök igen om <retry_after_secs> sekunder.",
                    header("Retry-After", "<retry_after_secs>");
                /// An internal error. The message is fixed and generic (retry, then quote
                /// the target id to support); it never carries internal detail. 500.
                InternalServerError = 500 general,
                    "An internal error occurred. Retry the operation; if it persists, contact support with the target id of this response.",
                    sv "Ett internt fel inträffade. Försök igen; om felet kvarstår, kontakta supporten med target-id:t för det här svaret.";
            }
            library {
                /// The request's path exists but does not accept its method; sent
                /// by the web integrations' fallbacks, with an `Allow` header. 405.
                MethodNotAllowed = 405 general,
                    "The method is not allowed for the requested resource.",
                    sv "Metoden tillåts inte för den begärda resursen.";
                /// The request body is larger than the limit the service set; sent by
                /// the JSON body extractor of the web integrations. 413.
                RequestBodyTooLarge = 413 general, "The request body is larger than the limit.",
                    sv "Brödtexten i begäran är större än gränsen.";
            }
            rejection {
                /// No or a wrong `content-type`, an unreadable, empty or malformed body.
                InvalidRequestBody, "Invalid request body: <reason>.",
                    sv "Ogiltig brödtext i begäran: <reason>.";
                /// A required field is absent.
                MissingRequiredParameter, "Parameter <param> is missing.",
                    sv "Parametern <param> saknas.";
                /// A value of the wrong type, or an unknown field.
                InvalidInput, "Invalid input <param>: <reason>.",
                    sv "Ogiltig inmatning <param>: <reason>.";
                /// The body is over the configured limit.
                RequestBodyTooLarge, "The request body is larger than the limit.",
                    sv "Brödtexten i begäran är större än gränsen.";
            }
        }
    };
}
pub(crate) use code_table;

/// Accepts only the marker word `general` after a row's status, so a typo in
/// the table is a compile error rather than a silently ignored word.
macro_rules! general_marker {
    (general) => {};
}
pub(crate) use general_marker;

/// Renders [`RejectionCode`] from the table.
macro_rules! rejection_code {
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
        rejection {
            $(
                $(#[doc = $rejection_doc:literal])*
                $rejection_code:ident, $rejection_template:literal, sv $rejection_sv:literal;
            )*
        }
    ) => {
        /// The status of every code, by name, so a rejection row names a code
        /// of the table and takes its status from there.
        #[allow(non_upper_case_globals, dead_code)]
        mod status_of {
            $(pub(super) const $code: u16 = $status;)*
            $(pub(super) const $library_code: u16 = $library_status;)*
        }

        /// The codes the JSON body extractor (`web/body.rs`) answers with, each a
        /// code of the table with the table's status.
        ///
        /// `RejectionCode::CATALOG` is the extractor's catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        // Used by the web core only (`web/body.rs`).
        #[cfg_attr(not(feature = "__web"), allow(dead_code))]
        pub(crate) enum RejectionCode {
            $(
                $(#[doc = $rejection_doc])*
                $rejection_code,
            )*
        }

        #[cfg_attr(not(feature = "__web"), allow(dead_code))]
        impl RejectionCode {
            /// Every rejection code, in table order.
            #[cfg(test)]
            pub(crate) const ALL: &'static [RejectionCode] = &[$(RejectionCode::$rejection_code),*];

            /// The catalogue of the body extractor: one entry per code, in table order.
            pub(crate) const CATALOG: &'static [crate::catalog::Node] = &[$(
                crate::catalog::Node::Entry(crate::catalog::Entry::new(
                    stringify!($rejection_code),
                    status_of::$rejection_code,
                    $rejection_template,
                ).with_translations("en", &[("sv", $rejection_sv)]))
            ),*];

            /// The code as sent.
            pub(crate) const fn as_str(self) -> &'static str {
                match self {
                    $(RejectionCode::$rejection_code => stringify!($rejection_code),)*
                }
            }

            /// The code's status, from the table.
            pub(crate) const fn status(self) -> u16 {
                match self {
                    $(RejectionCode::$rejection_code => status_of::$rejection_code,)*
                }
            }
        }
    };
}

code_table!(rejection_code);

#[cfg(test)]
mod tests {
    use super::RejectionCode;
    use crate::CommonCode;

    #[test]
    fn rejection_codes_are_common_codes_with_their_statuses() {
        let expected = [
            ("InvalidRequestBody", 400),
            ("MissingRequiredParameter", 400),
            ("InvalidInput", 400),
            ("RequestBodyTooLarge", 413),
        ];
        let got: Vec<_> = RejectionCode::ALL
            .iter()
            .map(|code| (code.as_str(), code.status()))
            .collect();
        assert_eq!(got, expected);
        for (code, status) in expected {
            let Ok(common) = code.parse::<CommonCode>();
            assert!(!matches!(common, CommonCode::Other(_)), "{code}");
            assert_eq!(common.status(), Some(status), "{code}");
        }
    }

    #[test]
    fn rejection_catalogue() {
        struct Rejections;
        impl crate::Catalog for Rejections {
            const CATALOG: &'static [crate::catalog::Node] = RejectionCode::CATALOG;
        }
        let entries = crate::catalog::<Rejections>();
        let codes: Vec<_> = entries.iter().map(|entry| entry.code).collect();
        assert_eq!(
            codes,
            [
                "InvalidRequestBody",
                "MissingRequiredParameter",
                "InvalidInput",
                "RequestBodyTooLarge"
            ]
        );
        assert_eq!(entries[3].status, 413);
        assert_eq!(entries[2].template, "Invalid input <param>: <reason>.");
    }
}
