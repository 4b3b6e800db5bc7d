//! Language tags and `Accept-Language`: which of an error's languages a caller
//! gets its message in.
//!
//! Codes never change with the language; only the message does. A caller's
//! `Accept-Language` (RFC 9110 §12.5.4) is read leniently: malformed items are
//! skipped, never an error. The language is chosen by RFC 4647 §3.4 *lookup*:
//! each range, highest `q` first, is truncated from the right until it names one
//! of the error's languages (`sv-SE` finds `sv`); `*` is ignored, and a language
//! the caller listed with `q=0` is never chosen.
//!
//! ```
//! use rest_error::lang;
//!
//! let available = ["en", "sv", "de"];
//! assert_eq!(lang::lookup("sv-SE, en;q=0.5", &available), Some("sv"));
//! assert_eq!(lang::lookup("sv;q=0, en", &available), Some("en"));
//! assert_eq!(lang::lookup("fr, *", &available), None);
//! assert!(lang::is_language_tag("pt-BR"));
//! assert!(!lang::is_language_tag("pt_BR"));
//! ```
//!
//! Nothing here allocates.

use core::fmt;

use crate::{ApiError, ErrorDetail, MessageWriter};

/// At most this many items of one `Accept-Language` header are considered (they
/// are sorted on the stack); real browsers send fewer than ten.
pub const MAX_RANGES: usize = 32;

/// Whether `tag` is a well-formed language tag in the basic BCP 47 shape the
/// derive accepts: a primary language of 2-3 ASCII letters (the
/// registered 5-8 letter ones are reserved and unused), then
/// subtags of 1-8 ASCII letters or digits, separated by `-` (`en`, `sv-SE`,
/// `zh-Hant-TW`, `de-CH-1996`).
#[must_use]
pub fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let primary_ok = subtags.next().is_some_and(|primary| {
        matches!(primary.len(), 2 | 3) && primary.bytes().all(|b| b.is_ascii_alphabetic())
    });
    primary_ok
        && subtags.all(|subtag| {
            (1..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// The languages of the library's own messages (`CommonError`, the web
/// extractors' rejections), the default first.
#[cfg_attr(not(feature = "__web"), allow(dead_code))]
pub(crate) const LIBRARY_LANGUAGES: &[&str] = &["en", "sv"];

/// Whether `lang` asks for the Swedish of the library's own messages.
#[cfg_attr(not(feature = "__web"), allow(dead_code))]
pub(crate) fn is_swedish(lang: &str) -> bool {
    lang.eq_ignore_ascii_case("sv")
}

/// One item of an `Accept-Language` header: a language range and its weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LanguageRange<'a> {
    /// The range as sent, `*` or a tag-shaped range like `sv-SE` (case kept).
    pub range: &'a str,
    /// The `q` value in thousandths: `1000` when absent, `0` for "not this one".
    pub quality: u16,
}

/// The well-formed items of an `Accept-Language` header value, in header order,
/// at most [`MAX_RANGES`] of them; malformed items are skipped.
///
/// ```
/// use rest_error::lang::{LanguageRange, ranges};
///
/// let items: Vec<_> = ranges("sv-SE, en;q=0.5, ;;, de;q=2, *;q=0").collect();
/// assert_eq!(items, [
///     LanguageRange { range: "sv-SE", quality: 1000 },
///     LanguageRange { range: "en", quality: 500 },
///     LanguageRange { range: "*", quality: 0 },
/// ]);
/// ```
pub fn ranges(header: &str) -> impl Iterator<Item = LanguageRange<'_>> {
    header.split(',').take(MAX_RANGES).filter_map(parse_item)
}

/// `language-range [ OWS ";" OWS "q=" qvalue ]`, or `None` when malformed.
fn parse_item(item: &str) -> Option<LanguageRange<'_>> {
    let item = item.trim_matches(is_ows);
    let (range, weight) = match item.split_once(';') {
        Some((range, weight)) => (
            range.trim_matches(is_ows),
            Some(weight.trim_matches(is_ows)),
        ),
        None => (item, None),
    };
    if range != "*" && !is_range(range) {
        return None;
    }
    let quality = match weight {
        None => 1000,
        Some(weight) => {
            let value = weight
                .strip_prefix("q=")
                .or_else(|| weight.strip_prefix("Q="))?;
            parse_qvalue(value)?
        }
    };
    Some(LanguageRange { range, quality })
}

fn is_ows(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// RFC 4647 `language-range` without `*`: `1*8ALPHA *("-" 1*8alphanum)`.
fn is_range(range: &str) -> bool {
    let mut subtags = range.split('-');
    subtags.next().is_some_and(|first| {
        (1..=8).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic())
    }) && subtags.all(|subtag| {
        (1..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// RFC 9110 `qvalue`: `0[.ddd]` or `1[.000]`, in thousandths.
fn parse_qvalue(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut thousandths = 0u16;
    for (i, digit) in fraction.bytes().enumerate() {
        let scale = [100, 10, 1][i];
        thousandths += u16::from(digit - b'0') * scale;
    }
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// The language of `available` that RFC 4647 lookup picks for the header, or
/// `None` when no range leads to one (the caller then uses its default).
///
/// Ranges are tried by descending `q`, equal weights in header order; each is
/// compared case-insensitively, then truncated from the right (a single-letter
/// subtag left at the end is dropped with the one before it, as RFC 4647 says).
/// `*` is ignored, and a language listed with `q=0` is never returned.
#[must_use]
pub fn lookup<'a>(header: &str, available: &[&'a str]) -> Option<&'a str> {
    lookup_by(header, |range| {
        available
            .iter()
            .find(|tag| tag.eq_ignore_ascii_case(range))
            .copied()
    })
}

/// [`lookup`] among `first`, then `second` (the first list wins a tag both
/// have); a tag of `second` that is not well formed is never picked.
#[cfg_attr(not(feature = "__web"), allow(dead_code))]
pub(crate) fn lookup_in_either<'a>(
    header: &str,
    first: &[&'a str],
    second: &[&'a str],
) -> Option<&'a str> {
    lookup_by(header, |range| {
        let found = first.iter().find(|tag| tag.eq_ignore_ascii_case(range));
        found
            .or_else(|| {
                second
                    .iter()
                    .find(|tag| tag.eq_ignore_ascii_case(range) && is_language_tag(tag))
            })
            .copied()
    })
}

/// [`lookup`] with `find` naming the available tag that equals a range (case-insensitively).
fn lookup_by<'a>(header: &str, find: impl Fn(&str) -> Option<&'a str>) -> Option<&'a str> {
    // The header is parsed once, onto the stack: no allocation, linear work.
    let mut items = [LanguageRange {
        range: "",
        quality: 0,
    }; MAX_RANGES];
    let mut len = 0;
    for (slot, item) in items.iter_mut().zip(ranges(header)) {
        *slot = item;
        len += 1;
    }
    let items = &mut items[..len];
    // By descending weight, equal weights in header order (an insertion sort
    // is stable, and there are at most MAX_RANGES items).
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && items[j - 1].quality < items[j].quality {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
    let items = &*items;
    items
        .iter()
        .take_while(|item| item.quality > 0)
        .filter(|item| item.range != "*")
        .find_map(|item| lookup_range(items, item.range, &find))
}

/// One range against `available`: the range itself, then shorter and shorter,
/// skipping what the header excludes with `q=0`.
fn lookup_range<'a>(
    items: &[LanguageRange<'_>],
    mut range: &str,
    find: &impl Fn(&str) -> Option<&'a str>,
) -> Option<&'a str> {
    loop {
        let excluded = items
            .iter()
            .any(|item| item.quality == 0 && item.range.eq_ignore_ascii_case(range));
        if !excluded && let Some(found) = find(range) {
            return Some(found);
        }
        let cut = range.rfind('-')?;
        range = &range[..cut];
        // `de-CH-x-phonebk` → `de-CH`, not `de-CH-x`: a singleton never ends a range.
        if let Some(before) = range.rfind('-')
            && range.len() - before == 2
        {
            range = &range[..before];
        }
    }
}

/// An error whose message is written in one language: every method forwards to
/// the error, except that [`write_message`](ApiError::write_message) writes the
/// message in `lang` (falling back to the error's default). Code, status,
/// headers, link and sub-errors are the error's own, whatever the language.
///
/// Any body that takes an [`ApiError`] is then localized without knowing it:
///
/// ```
/// use rest_error::{ApiError, CorrelationId, lang::Localized};
///
/// #[derive(Debug, ApiError)]
/// #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found",
///       msg(sv = "Datorn <0> hittades inte"))]
/// struct MachineNotFound(u64);
///
/// let id = CorrelationId::parse("43f4cb08-8fac-4b65-9db1-745c2ae65f3a")?;
/// let err = MachineNotFound(7);
/// let swedish = Localized::new(&err, "sv");
/// assert_eq!(
///     serde_json::to_string(&swedish.envelope_with_target(id))?,
///     r#"{"error":{"code":"ResourceNotFound","message":"Datorn 7 hittades inte","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#,
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct Localized<'a> {
    error: &'a dyn ApiError,
    lang: &'a str,
}

impl<'a> Localized<'a> {
    /// `error`, its message written in `lang`.
    #[must_use]
    pub fn new(error: &'a dyn ApiError, lang: &'a str) -> Self {
        Localized { error, lang }
    }

    /// The language the message is asked in.
    #[must_use]
    pub fn lang(&self) -> &'a str {
        self.lang
    }
}

impl fmt::Debug for Localized<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Localized")
            .field("code", &self.error.code())
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

impl ApiError for Localized<'_> {
    fn code(&self) -> &'static str {
        self.error.code()
    }

    fn status(&self) -> u16 {
        self.error.status()
    }

    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
        self.error.write_message_in(self.lang, w)
    }

    fn headers(&self, header: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        self.error.headers(header);
    }

    fn details(&self, detail: &mut dyn FnMut(&dyn ErrorDetail)) {
        // Each sub-error in the response's language too, where it has it.
        self.error.details(&mut |inner| {
            detail(&LocalizedDetail {
                inner,
                lang: self.lang,
            });
        });
    }

    fn link(&self) -> Option<&'static str> {
        self.error.link()
    }

    fn languages(&self) -> &'static [&'static str] {
        self.error.languages()
    }

    fn write_message_in(&self, lang: &str, w: &mut MessageWriter<'_>) -> fmt::Result {
        self.error.write_message_in(lang, w)
    }
    fn message_values(&self, value: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        self.error.message_values(value);
    }
}

/// A sub-error whose message is written in `lang`.
struct LocalizedDetail<'a> {
    inner: &'a dyn ErrorDetail,
    lang: &'a str,
}

impl ErrorDetail for LocalizedDetail<'_> {
    fn code(&self) -> &str {
        self.inner.code()
    }

    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
        self.inner.write_message_in(self.lang, w)
    }

    fn write_message_in(&self, lang: &str, w: &mut MessageWriter<'_>) -> fmt::Result {
        self.inner.write_message_in(lang, w)
    }

    fn target(&self) -> &str {
        self.inner.target()
    }
}

#[cfg(test)]
mod tests {
    use super::{is_language_tag, lookup, parse_qvalue};

    #[test]
    fn tags() {
        for good in [
            "en",
            "sv-SE",
            "zh-Hant-TW",
            "de-CH-1996",
            "gsw",
            "es-419",
            "x-ab",
        ] {
            assert_eq!(is_language_tag(good), good != "x-ab", "{good}");
        }
        for bad in [
            "",
            "e",
            "engl",
            "en-",
            "-en",
            "en--US",
            "en_US",
            "sv-abcdefghi",
            "s1",
            "en US",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn qvalues() {
        let table = [
            ("0", Some(0)),
            ("0.5", Some(500)),
            ("0.05", Some(50)),
            ("0.123", Some(123)),
            ("1", Some(1000)),
            ("1.000", Some(1000)),
            ("1.001", None),
            ("0.1234", None),
            ("2", None),
            ("", None),
            (".5", None),
            ("0.x", None),
        ];
        for (value, expected) in table {
            assert_eq!(parse_qvalue(value), expected, "{value}");
        }
    }

    #[test]
    fn rfc_4647_lookup_example() {
        // RFC 4647 §3.4: `zh-Hant-CN-x-private1-private2` falls back step by step.
        let steps = [
            "zh-Hant-CN-x-private1-private2",
            "zh-Hant-CN-x-private1",
            "zh-Hant-CN",
            "zh-Hant",
            "zh",
        ];
        for step in steps {
            assert_eq!(
                lookup("zh-Hant-CN-x-private1-private2", &[step]),
                Some(step),
                "{step}"
            );
        }
        // The singleton is never the end of a candidate.
        assert_eq!(lookup("zh-Hant-CN-x-private1", &["zh-Hant-CN-x"]), None);
    }

    #[test]
    fn two_lists_the_first_wins_and_bad_tags_never() {
        use super::lookup_in_either;
        let declared = ["en", "sv"];
        let hook = ["de", "SV", "d", "fr-CA"];
        assert_eq!(lookup_in_either("de-AT, sv", &declared, &hook), Some("de"));
        assert_eq!(lookup_in_either("sv, de", &declared, &hook), Some("sv"));
        assert_eq!(
            lookup_in_either("d, fr-CA-x-a", &declared, &hook),
            Some("fr-CA")
        );
        assert_eq!(lookup_in_either("de;q=0, it", &declared, &hook), None);
        assert_eq!(lookup_in_either("de", &declared, &[]), None);
    }

    #[test]
    fn weights_and_exclusions() {
        let available = ["en", "sv", "de"];
        assert_eq!(
            lookup("de;q=0.4, sv;q=0.9, en;q=0.5", &available),
            Some("sv")
        );
        assert_eq!(lookup("sv-SE;q=0.9, de", &available), Some("de"));
        assert_eq!(lookup("SV-se", &available), Some("sv"));
        assert_eq!(lookup("sv-SE, sv;q=0", &available), None);
        assert_eq!(lookup("sv-SE, sv;q=0, en;q=0.1", &available), Some("en"));
        assert_eq!(lookup("*", &available), None);
        assert_eq!(lookup("", &available), None);
        assert_eq!(lookup("fr;q=abc, sv", &available), Some("sv"));
    }
}
