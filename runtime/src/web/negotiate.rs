//! Which error format a request gets, from its `Accept` header (RFC 9110 §12.5.1).
//!
//! The default format answers unless `Accept` names an alternative's media type
//! exactly, with a q-value above 0 that is at least the highest q-value of any
//! range matching the default's media type (for `application/json`:
//! `application/json`, `application/*` and `*/*`). Among alternatives the higher
//! q-value wins, then the one configured first. No `Accept`, or a malformed
//! one, keeps the default. Nothing here allocates.

/// The chosen format: 0 for the default, `i + 1` for `alternatives[i]`.
///
/// `accept()` gives every `Accept` header value of the request (a request may
/// send several; they form one list), afresh at each call.
pub(crate) fn choose<'h, 'm, A>(
    default: &str,
    alternatives: impl ExactSizeIterator<Item = &'m str>,
    accept: impl Fn() -> A,
) -> usize
where
    A: Iterator<Item = &'h [u8]>,
{
    if alternatives.len() == 0 || accept().next().is_none() {
        return 0;
    }
    let (default_type, default_subtype) = split_media_type(default.as_bytes());
    // One pass finds the default's q-value and whether the header is well-formed.
    let Some(default_q) = best_q(accept(), |ty, sub| {
        (ty == b"*" && sub == b"*")
            || (ty.eq_ignore_ascii_case(default_type)
                && (sub == b"*" || sub.eq_ignore_ascii_case(default_subtype)))
    }) else {
        return 0;
    };
    let mut chosen = (0, default_q);
    for (i, alternative) in alternatives.enumerate() {
        if alternative.eq_ignore_ascii_case(default) {
            continue;
        }
        let (alt_type, alt_subtype) = split_media_type(alternative.as_bytes());
        let q = best_q(accept(), |ty, sub| {
            ty.eq_ignore_ascii_case(alt_type) && sub.eq_ignore_ascii_case(alt_subtype)
        })
        .unwrap_or(0);
        // Strictly higher than an earlier alternative; at least the default's.
        let beats = if chosen.0 == 0 {
            q >= chosen.1
        } else {
            q > chosen.1
        };
        if q > 0 && beats {
            chosen = (i + 1, q);
        }
    }
    chosen.0
}

/// A request's `Accept-Language`, copied into the request context without an
/// allocation: the first 256 bytes, cut after the last whole item (a longer
/// header loses its least likely items, never the start). Not UTF-8: absent.
#[derive(Clone)]
pub(crate) struct AcceptLanguage {
    len: u16,
    bytes: [u8; AcceptLanguage::CAPACITY],
}

impl AcceptLanguage {
    const CAPACITY: usize = 256;

    pub(crate) fn new(value: Option<&[u8]>) -> Self {
        let mut out = AcceptLanguage {
            len: 0,
            bytes: [0; Self::CAPACITY],
        };
        let Some(value) = value.filter(|value| core::str::from_utf8(value).is_ok()) else {
            return out;
        };
        let kept = if value.len() <= Self::CAPACITY {
            value
        } else {
            let head = &value[..Self::CAPACITY];
            let cut = head.iter().rposition(|&b| b == b',').unwrap_or(0);
            &head[..cut]
        };
        out.bytes[..kept.len()].copy_from_slice(kept);
        out.len = u16::try_from(kept.len()).unwrap_or(0);
        out
    }

    /// The header value, `None` when absent.
    pub(crate) fn as_str(&self) -> Option<&str> {
        let bytes = &self.bytes[..usize::from(self.len)];
        core::str::from_utf8(bytes)
            .ok()
            .filter(|value| !value.is_empty())
    }
}

impl core::fmt::Debug for AcceptLanguage {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&self.as_str(), f)
    }
}

/// `type` and `subtype` of a configured media type (no parameters expected).
fn split_media_type(media_type: &[u8]) -> (&[u8], &[u8]) {
    let essence = media_type
        .split(|&b| b == b';')
        .next()
        .unwrap_or_default()
        .trim_ascii();
    let mut parts = essence.splitn(2, |&b| b == b'/');
    (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    )
}

/// The highest q-value (in thousandths) of the ranges for which `matches` holds,
/// 0 when none does; `None` when the header is malformed.
fn best_q<'h>(
    values: impl Iterator<Item = &'h [u8]>,
    mut matches: impl FnMut(&[u8], &[u8]) -> bool,
) -> Option<u16> {
    let mut best = 0;
    for value in values {
        for element in Split::new(value, b',') {
            let element = element.trim_ascii();
            if element.is_empty() {
                continue; // the list syntax allows empty elements
            }
            let (ty, sub, q) = parse_range(element)?;
            if matches(ty, sub) {
                best = best.max(q);
            }
        }
    }
    Some(best)
}

/// The parts of a header value between separators (`,` between elements, `;`
/// between an element's parameters); a separator inside a quoted string does not
/// separate.
struct Split<'h> {
    rest: &'h [u8],
    separator: u8,
}

impl<'h> Split<'h> {
    fn new(value: &'h [u8], separator: u8) -> Self {
        Self {
            rest: value,
            separator,
        }
    }
}

impl<'h> Iterator for Split<'h> {
    type Item = &'h [u8];

    fn next(&mut self) -> Option<&'h [u8]> {
        if self.rest.is_empty() {
            return None;
        }
        let (mut quoted, mut escaped) = (false, false);
        let mut end = self.rest.len();
        for (i, &b) in self.rest.iter().enumerate() {
            if escaped {
                escaped = false;
            } else if quoted && b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                quoted = !quoted;
            } else if b == self.separator && !quoted {
                end = i;
                break;
            }
        }
        let (part, rest) = self.rest.split_at(end);
        self.rest = rest.get(1..).unwrap_or_default();
        Some(part)
    }
}

/// `type/subtype *( OWS ";" OWS name=value )` → type, subtype, q (thousandths,
/// 1000 without a `q` parameter); `None` when malformed.
fn parse_range(element: &[u8]) -> Option<(&[u8], &[u8], u16)> {
    let mut params = Split::new(element, b';');
    let range = params.next()?.trim_ascii();
    let slash = range.iter().position(|&b| b == b'/')?;
    let (ty, sub) = (range.get(..slash)?, range.get(slash + 1..)?);
    if !is_token(ty) || !is_token(sub) || (ty == b"*" && sub != b"*") {
        return None;
    }
    let mut q = 1000;
    for param in params {
        let param = param.trim_ascii();
        if param.is_empty() {
            continue; // RFC 9110 allows empty parameters (`a/b;;q=1`)
        }
        let eq = param.iter().position(|&b| b == b'=')?;
        let (name, value) = (param.get(..eq)?, param.get(eq + 1..)?);
        if !is_token(name) || !(is_token(value) || is_quoted(value)) {
            return None;
        }
        if name.eq_ignore_ascii_case(b"q") {
            q = qvalue(value)?;
        }
    }
    Some((ty, sub, q))
}

/// An RFC 9110 `token`.
fn is_token(s: &[u8]) -> bool {
    !s.is_empty()
        && s.iter()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b))
}

/// An RFC 9110 `quoted-string`: `"…"`, with `\`-escapes, no control characters.
fn is_quoted(s: &[u8]) -> bool {
    let Some(inner) = s.strip_prefix(b"\"").and_then(|s| s.strip_suffix(b"\"")) else {
        return false;
    };
    let mut escaped = false;
    for &b in inner {
        if escaped {
            escaped = false;
        } else if b == b'\\' {
            escaped = true;
        } else if b == b'"' || (b.is_ascii_control() && b != b'\t') {
            return false;
        }
    }
    !escaped
}

/// `0[.ddd]` or `1[.000]` in thousandths.
fn qvalue(s: &[u8]) -> Option<u16> {
    let (int, frac) = match s.iter().position(|&b| b == b'.') {
        Some(dot) => (s.get(..dot)?, s.get(dot + 1..)?),
        None => (s, &[][..]),
    };
    if frac.len() > 3 || !frac.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut thousandths = 0;
    for i in 0..3 {
        thousandths = thousandths * 10 + frac.get(i).map_or(0, |d| u16::from(d - b'0'));
    }
    match int {
        b"0" => Some(thousandths),
        b"1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{choose, qvalue};

    const JSON: &str = "application/json";
    const PROBLEM: &str = "application/problem+json";
    const FLAT: &str = "application/vnd.example.error+json";

    /// The format chosen between the envelope and problem+json for one `Accept` value.
    fn pick(accept: &str) -> &'static str {
        match choose(JSON, [PROBLEM].into_iter(), || {
            [accept.as_bytes()].into_iter()
        }) {
            0 => "envelope",
            1 => "problem",
            other => panic!("{other}"),
        }
    }

    #[test]
    fn no_accept_keeps_the_default() {
        assert_eq!(choose(JSON, [PROBLEM].into_iter(), core::iter::empty), 0);
        assert_eq!(
            choose(JSON, [].into_iter(), || [
                b"application/problem+json".as_slice()
            ]
            .into_iter()),
            0
        );
    }

    #[test]
    fn plain_ranges() {
        for (accept, expected) in [
            ("application/problem+json", "problem"),
            ("*/*", "envelope"),
            ("application/json", "envelope"),
            ("application/*", "envelope"),
            ("text/html", "envelope"),
            ("", "envelope"),
            ("application/problem+json, application/json", "problem"), // a tie goes to problem+json
            ("application/json, application/problem+json", "problem"),
            ("application/problem+json, */*", "problem"),
            ("text/html, application/problem+json", "problem"),
        ] {
            assert_eq!(pick(accept), expected, "{accept:?}");
        }
    }

    #[test]
    fn q_values() {
        for (accept, expected) in [
            (
                "application/problem+json;q=0.9, application/json",
                "envelope",
            ),
            (
                "application/problem+json, application/json;q=0.9",
                "problem",
            ),
            ("application/problem+json;q=0.5, */*;q=0.5", "problem"),
            ("application/problem+json;q=0.5, */*;q=0.501", "envelope"),
            (
                "application/problem+json;q=0.5, application/*;q=0.6",
                "envelope",
            ),
            ("application/problem+json;q=0.1, text/html", "problem"),
            ("application/problem+json;q=0", "envelope"),
            (
                "application/problem+json;q=0.000, application/json;q=0",
                "envelope",
            ),
            (
                "application/problem+json;q=0.001, application/json;q=0",
                "problem",
            ),
            (
                "application/problem+json;q=1.000, application/json;q=1",
                "problem",
            ),
            // The highest q of any range matching application/json counts.
            (
                "application/problem+json;q=0.5, application/json;q=0, */*;q=0.8",
                "envelope",
            ),
            // Listed twice: the higher q counts.
            (
                "application/problem+json;q=0.2, application/problem+json;q=0.9, */*;q=0.8",
                "problem",
            ),
        ] {
            assert_eq!(pick(accept), expected, "{accept:?}");
        }
    }

    #[test]
    fn case_whitespace_and_parameters() {
        for (accept, expected) in [
            ("Application/Problem+JSON", "problem"),
            (
                "application/problem+json;Q=0.5, application/json;q=0.4",
                "problem",
            ),
            (
                "  application/problem+json  ;  q=0.5 ,\tapplication/json ; q=0.4 ",
                "problem",
            ),
            ("application/problem+json;charset=utf-8", "problem"),
            (
                "application/problem+json;profile=\"a,b;c\";q=0.7, application/json;q=0.6",
                "problem",
            ),
            (
                "application/json;charset=utf-8;q=0.9, application/problem+json;q=0.8",
                "envelope",
            ),
            ("application/problem+json;q=0.5;ext=1, */*;q=0.4", "problem"),
            (",, application/problem+json ,", "problem"),
            (
                "application/problem+json; ;q=0.5;, application/json;q=0.4",
                "problem",
            ),
        ] {
            assert_eq!(pick(accept), expected, "{accept:?}");
        }
    }

    #[test]
    fn malformed_headers_keep_the_default() {
        for accept in [
            "application/problem+json;q=2",
            "application/problem+json;q=1.5",
            "application/problem+json;q=0.1234",
            "application/problem+json;q=",
            "application/problem+json;q",
            "application/problem+json;q=-1",
            "application/problem+json, json",
            "application/problem+json, */json",
            "application/problem+json, application/",
            "application/problem+json, /json",
            "application/problem+json, a b/c",
            "application/problem+json;profile=\"unterminated",
            "application/problem+json;x=\"a\"b",
            "application/problem+json;x=a b",
            "application/problem+json\u{7f}",
            "application/problem+json, é/x",
        ] {
            assert_eq!(pick(accept), "envelope", "{accept:?}");
        }
    }

    #[test]
    fn several_header_values_form_one_list() {
        let values = [
            b"application/json;q=0.5".as_slice(),
            b"application/problem+json".as_slice(),
        ];
        assert_eq!(
            choose(JSON, [PROBLEM].into_iter(), || values.into_iter()),
            1
        );
        let values = [
            b"application/problem+json;q=0.5".as_slice(),
            b"*/*".as_slice(),
        ];
        assert_eq!(
            choose(JSON, [PROBLEM].into_iter(), || values.into_iter()),
            0
        );
        // One malformed value spoils the list.
        let values = [b"application/problem+json".as_slice(), b"x;".as_slice()];
        assert_eq!(
            choose(JSON, [PROBLEM].into_iter(), || values.into_iter()),
            0
        );
    }

    #[test]
    fn several_alternatives() {
        let alternatives = [PROBLEM, FLAT];
        let pick2 = |accept: &str| {
            choose(JSON, alternatives.into_iter(), || {
                [accept.as_bytes()].into_iter()
            })
        };
        assert_eq!(pick2(FLAT), 2);
        assert_eq!(
            pick2("application/problem+json;q=0.5, application/vnd.example.error+json;q=0.6"),
            2
        );
        // A tie between alternatives goes to the one configured first.
        assert_eq!(
            pick2("application/vnd.example.error+json, application/problem+json"),
            1
        );
        assert_eq!(pick2("application/vnd.example.error+json;q=0.5, */*"), 0);
        // An alternative with the default's media type is never chosen over it.
        assert_eq!(
            choose(JSON, [JSON].into_iter(), || {
                [b"application/json".as_slice()].into_iter()
            }),
            0
        );
        // A default other than JSON: `*/*` and `application/*` match it.
        assert_eq!(
            choose(PROBLEM, [JSON].into_iter(), || [
                b"application/json".as_slice()
            ]
            .into_iter()),
            1
        );
        assert_eq!(
            choose(PROBLEM, [JSON].into_iter(), || [b"*/*".as_slice()]
                .into_iter()),
            0
        );
        assert_eq!(
            choose(PROBLEM, [JSON].into_iter(), || [
                b"application/*;q=0.9, application/json;q=0.8".as_slice()
            ]
            .into_iter()),
            0
        );
    }

    #[test]
    fn qvalues() {
        for (s, q) in [
            ("0", 0),
            ("0.", 0),
            ("0.5", 500),
            ("0.25", 250),
            ("0.125", 125),
            ("1", 1000),
            ("1.", 1000),
            ("1.000", 1000),
        ] {
            assert_eq!(qvalue(s.as_bytes()), Some(q), "{s}");
        }
        for s in ["", ".5", "1.001", "2", "0.1234", "01", "0,5", "+0.5", "0.a"] {
            assert_eq!(qvalue(s.as_bytes()), None, "{s}");
        }
    }
}
