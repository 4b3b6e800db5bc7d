//! Client text in a message: every piece (a field path, a map key, a value, a
//! parser's reason quoting the body) is cut to [`MAX_ECHO`] bytes and cleaned
//! by [`clip`], the one place that does it, so that no error response of the
//! body, path and query extractors grows with the request.

/// Client text is cut to this many bytes in a message (`…` is added when cut).
pub(crate) const MAX_ECHO: usize = 200;

/// `text` cut to [`MAX_ECHO`] bytes (at a character boundary, `…` marking the
/// cut) with control characters (C0, DEL, C1) replaced by `\u{FFFD}`, so that
/// none is left in the message once its JSON is decoded.
pub(crate) fn clip(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_ECHO + '…'.len_utf8()));
    for c in text.chars() {
        let c = if c.is_control() { '\u{FFFD}' } else { c };
        if out.len() + c.len_utf8() > MAX_ECHO {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{MAX_ECHO, clip};

    #[test]
    fn client_text_is_capped_and_cleaned() {
        assert_eq!(
            clip("a\r\nb\u{7}\u{1b}[0m"),
            "a\u{FFFD}\u{FFFD}b\u{FFFD}\u{FFFD}[0m"
        );
        assert_eq!(clip("\u{85}\u{7f}"), "\u{FFFD}\u{FFFD}");
        assert_eq!(clip("short"), "short");
        assert_eq!(clip(&"k".repeat(MAX_ECHO)), "k".repeat(MAX_ECHO));
        // Cut at a character boundary, the cut marked.
        let cut = clip(&"é".repeat(150));
        assert_eq!(cut, format!("{}…", "é".repeat(100)));
        let cut = clip(&format!("k{}", "é".repeat(150)));
        assert_eq!(cut, format!("k{}…", "é".repeat(99)));
        // Replacements count at their own width.
        let cut = clip(&"\n".repeat(MAX_ECHO));
        assert_eq!(cut, format!("{}…", "\u{FFFD}".repeat(MAX_ECHO / 3)));
        assert!(clip(&"x".repeat(100_000)).len() <= MAX_ECHO + 3);
    }
}
