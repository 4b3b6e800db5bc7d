//! HTTP status reason phrases.

/// The reason phrase that the IANA HTTP status code registry (RFC 9110 and its companions)
/// gives an error status, or `None` for a status it does not register.
///
/// Only `4xx` and `5xx` codes are covered. Unregistered codes, such as `418` (marked "unused"
/// by RFC 9110), return `None`.
///
/// ```
/// use rest_error::reason_phrase;
///
/// assert_eq!(reason_phrase(404), Some("Not Found"));
/// assert_eq!(reason_phrase(422), Some("Unprocessable Content"));
/// assert_eq!(reason_phrase(418), None);
/// assert_eq!(reason_phrase(200), None);
/// ```
#[must_use]
pub const fn reason_phrase(status: u16) -> Option<&'static str> {
    // RFC 9110 §15.5 and §15.6 unless noted; names follow RFC 9110 where it renamed a code.
    Some(match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",            // RFC 4918
        424 => "Failed Dependency", // RFC 4918
        425 => "Too Early",         // RFC 8470
        426 => "Upgrade Required",
        428 => "Precondition Required",           // RFC 6585
        429 => "Too Many Requests",               // RFC 6585
        431 => "Request Header Fields Too Large", // RFC 6585
        451 => "Unavailable For Legal Reasons",   // RFC 7725
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",         // RFC 2295
        507 => "Insufficient Storage",            // RFC 4918
        508 => "Loop Detected",                   // RFC 5842
        510 => "Not Extended",                    // RFC 2774 (IANA marks it obsoleted)
        511 => "Network Authentication Required", // RFC 6585
        _ => return None,
    })
}

/// The message of an error variant that has no `msg`: its reason phrase, else
/// `"Client Error"` for `4xx`, `"Server Error"` for `5xx` and `"Error"` for anything else.
///
/// Used by the derive's expansion; not public API.
///
/// ```
/// use rest_error::__private::default_message;
///
/// assert_eq!(default_message(404), "Not Found");
/// assert_eq!(default_message(499), "Client Error");
/// ```
#[doc(hidden)]
#[must_use]
pub const fn default_message(status: u16) -> &'static str {
    match reason_phrase(status) {
        Some(phrase) => phrase,
        None => match status {
            400..=499 => "Client Error",
            500..=599 => "Server Error",
            _ => "Error",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{default_message, reason_phrase};

    #[test]
    fn registered_phrases() {
        let table = [
            (400, "Bad Request"),
            (401, "Unauthorized"),
            (402, "Payment Required"),
            (403, "Forbidden"),
            (404, "Not Found"),
            (409, "Conflict"),
            (413, "Content Too Large"),
            (421, "Misdirected Request"),
            (422, "Unprocessable Content"),
            (425, "Too Early"),
            (426, "Upgrade Required"),
            (428, "Precondition Required"),
            (429, "Too Many Requests"),
            (431, "Request Header Fields Too Large"),
            (451, "Unavailable For Legal Reasons"),
            (500, "Internal Server Error"),
            (503, "Service Unavailable"),
            (508, "Loop Detected"),
            (510, "Not Extended"),
            (511, "Network Authentication Required"),
        ];
        for (status, phrase) in table {
            assert_eq!(reason_phrase(status), Some(phrase), "{status}");
        }
    }

    #[test]
    fn exactly_the_registered_codes() {
        let registered: Vec<u16> = (0..=u16::MAX)
            .filter(|&s| reason_phrase(s).is_some())
            .collect();
        let expected: Vec<u16> = (400..=417)
            .chain(421..=426)
            .chain([428, 429, 431, 451])
            .chain(500..=508)
            .chain([510, 511])
            .collect();
        assert_eq!(registered, expected);
    }

    #[test]
    fn unregistered_codes() {
        for status in [
            0, 200, 204, 301, 399, 418, 419, 427, 430, 450, 499, 509, 512, 599, 600,
        ] {
            assert_eq!(reason_phrase(status), None, "{status}");
        }
    }

    #[test]
    fn default_messages() {
        assert_eq!(default_message(404), "Not Found");
        assert_eq!(default_message(500), "Internal Server Error");
        assert_eq!(default_message(400), "Bad Request");
        assert_eq!(default_message(418), "Client Error");
        assert_eq!(default_message(499), "Client Error");
        assert_eq!(default_message(509), "Server Error");
        assert_eq!(default_message(599), "Server Error");
        assert_eq!(default_message(200), "Error");
        assert_eq!(default_message(600), "Error");
    }

    // Both must stay const fns, so expansions may use them in constants.
    const _: Option<&str> = reason_phrase(404);
    const _: &str = default_message(404);
}
