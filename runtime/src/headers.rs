//! The header names rest-error sets on an error response itself: one list,
//! read by the web layer when it sends an error's own headers (it drops one of
//! these names) and, at compile time, by the derive, whose generated const
//! assertions call [`is_reserved`] on each `header("...", ...)` name.

/// Set on every error response by rest-error (from the body it writes): an
/// error's own header of one of these names is never sent.
pub(crate) const ALWAYS_SET: [&str; 3] = ["content-type", "content-length", "transfer-encoding"];

/// The correlation-id and error-code headers of the default web settings
/// (`WebSettings::default()`): the derive refuses them too, since with the
/// defaults they would be dropped; a service that renames them configures
/// the names at run time, where the web layer checks them.
const SET_BY_DEFAULT: [&str; 2] = ["x-request-id", "x-ms-error-code"];

/// Whether a derived type may not declare header `name` (any case):
/// `content-type`, `content-length`, `transfer-encoding`, or one of the
/// default settings' own headers (`x-request-id`, `x-ms-error-code`). A
/// `const fn`, so the derive's expansion evaluates it while the user's crate
/// compiles.
#[must_use]
pub const fn is_reserved(name: &str) -> bool {
    let mut i = 0;
    while i < ALWAYS_SET.len() {
        if name.eq_ignore_ascii_case(ALWAYS_SET[i]) {
            return true;
        }
        i += 1;
    }
    let mut i = 0;
    while i < SET_BY_DEFAULT.len() {
        if name.eq_ignore_ascii_case(SET_BY_DEFAULT[i]) {
            return true;
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::is_reserved;

    #[test]
    fn reserved_names_in_any_case() {
        for name in [
            "content-type",
            "Content-Length",
            "TRANSFER-ENCODING",
            "X-Request-Id",
            "x-ms-error-code",
        ] {
            assert!(is_reserved(name), "{name}");
        }
        for name in [
            "retry-after",
            "content-typ",
            "content-types",
            "",
            "x-request",
        ] {
            assert!(!is_reserved(name), "{name}");
        }
        const { assert!(is_reserved("Transfer-Encoding")) };
    }
}
