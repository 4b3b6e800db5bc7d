//! The parsers of what a caller sends that need no web framework:
//! `CorrelationId::parse` and `Accept-Language` (`lang::ranges`,
//! `lang::lookup`). Each never panics and accepts exactly its grammar, as
//! reference predicates written here from the specifications decide it.

mod props;

use std::cmp::Reverse;

use proptest::prelude::*;
use rest_error::CorrelationId;
use rest_error::lang::{self, LanguageRange, MAX_RANGES};

// ---------------------------------------------------------------------------
// Correlation ids: 1 to 128 visible ASCII characters.

fn is_correlation_id(s: &str) -> bool {
    (1..=128).contains(&s.len()) && s.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

fn id_candidate() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[!-~]{0,130}",
        "[!-~]{120,130}",
        "[ -\u{7f}\t\r\n\u{80}é]{0,40}",
        "[!-~]{0,10}[\u{0}-\u{20}\u{7f}-\u{ff}][!-~]{0,10}",
    ]
}

// ---------------------------------------------------------------------------
// Accept-Language (RFC 9110 §12.5.4): `#( language-range [ weight ] )`, with
// `language-range` from RFC 4647 §2.1 and `weight = OWS ";" OWS "q=" qvalue`.

/// `1*8ALPHA *("-" 1*8alphanum) / "*"`.
fn is_language_range(range: &str) -> bool {
    if range == "*" {
        return true;
    }
    let subtags: Vec<&str> = range.split('-').collect();
    let sized = |subtag: &&str| (1..=8).contains(&subtag.len());
    subtags.iter().all(sized)
        && subtags[0].chars().all(|c| c.is_ascii_alphabetic())
        && subtags[1..]
            .iter()
            .all(|subtag| subtag.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// `( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`, in thousandths.
fn qvalue(text: &str) -> Option<u16> {
    let (whole, fraction) = match text.find('.') {
        Some(dot) => (&text[..dot], Some(&text[dot + 1..])),
        None => (text, None),
    };
    let fraction = fraction.unwrap_or("");
    if fraction.len() > 3 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let padded: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(padded),
        "1" if padded == 0 => Some(1000),
        _ => None,
    }
}

fn ows(text: &str) -> &str {
    text.trim_matches([' ', '\t'])
}

/// One list element; `None` when it is empty or malformed (skipped).
fn ref_item(element: &str) -> Option<(String, u16)> {
    let element = ows(element);
    let (range, weight) = match element.find(';') {
        Some(semicolon) => (
            ows(&element[..semicolon]),
            Some(ows(&element[semicolon + 1..])),
        ),
        None => (element, None),
    };
    if !is_language_range(range) {
        return None;
    }
    let quality = match weight {
        None => 1000,
        Some(weight) => {
            let name = weight.get(..2)?;
            if !name.eq_ignore_ascii_case("q=") {
                return None;
            }
            qvalue(&weight[2..])?
        }
    };
    Some((range.to_owned(), quality))
}

/// The items read from a header: the well-formed ones among its first
/// `MAX_RANGES` list elements (the crate's documented bound).
fn ref_ranges(header: &str) -> Vec<(String, u16)> {
    header
        .split(',')
        .take(MAX_RANGES)
        .filter_map(ref_item)
        .collect()
}

/// RFC 4647 §3.4 lookup: ranges by descending weight (header order among
/// equals), `*` ignored; each tried as it is, then with its last subtag
/// removed (and a singleton left at the end with it), until one is available;
/// a tag the header lists with `q=0` is never taken.
fn ref_lookup<'a>(header: &str, available: &[&'a str]) -> Option<&'a str> {
    let items = ref_ranges(header);
    let refused = |tag: &str| {
        items
            .iter()
            .any(|(range, q)| *q == 0 && range.eq_ignore_ascii_case(tag))
    };
    let mut order: Vec<&(String, u16)> = items
        .iter()
        .filter(|(range, q)| *q > 0 && range != "*")
        .collect();
    order.sort_by_key(|(_, q)| Reverse(*q));
    for (range, _) in order {
        let mut subtags: Vec<&str> = range.split('-').collect();
        while !subtags.is_empty() {
            let tag = subtags.join("-");
            if !refused(&tag)
                && let Some(found) = available.iter().find(|a| a.eq_ignore_ascii_case(&tag))
            {
                return Some(found);
            }
            subtags.pop();
            if subtags.len() > 1 && subtags.last().is_some_and(|s| s.len() == 1) {
                subtags.pop();
            }
        }
    }
    None
}

fn accept_language() -> impl Strategy<Value = String> {
    let range = proptest::sample::select(vec![
        "en",
        "EN",
        "sv",
        "sv-SE",
        "sv-se",
        "de-CH-1996",
        "de",
        "zh-Hant-CN-x-private1-private2",
        "zh-Hant",
        "zh",
        "x-klingon",
        "i-enochian",
        "fr-FR",
        "*",
        "",
        "en_US",
        "toolongtag",
        "e1",
        "en-",
        "-en",
        "en--US",
        "a-b-c",
        "sv-x-a",
        "123",
        "é",
        "*-*",
        "en*",
    ]);
    let weight = proptest::sample::select(vec![
        "",
        ";q=0",
        ";q=0.5",
        "; q=1",
        ";Q=0.250",
        ";q=1.000",
        ";q=1.5",
        ";q=0.1234",
        ";q=.5",
        ";q=",
        ";x=1",
        " ;\tq=0.9",
        ";q=0.",
        ";q=1.",
        ";q=01",
        ";q=0.5;x",
        ";",
        ";q =0.5",
        ";q=0.05",
    ]);
    let item = (
        proptest::sample::select(vec!["", " ", "\t", "  "]),
        range,
        weight,
        proptest::sample::select(vec!["", " ", "\t"]),
    )
        .prop_map(|(before, range, weight, after)| format!("{before}{range}{weight}{after}"));
    prop_oneof![
        4 => proptest::collection::vec(item, 0..40).prop_map(|items| items.join(",")),
        1 => "[a-zA-Z0-9*;=., \t_-]{0,60}",
        1 => any::<String>(),
    ]
}

fn available() -> impl Strategy<Value = Vec<&'static str>> {
    proptest::sample::subsequence(
        vec![
            "en",
            "sv",
            "de",
            "de-CH",
            "zh-Hant-CN-x-private1",
            "zh-Hant-CN",
            "zh",
            "fr",
            "EN-US",
            "x-klingon",
            "i-enochian",
        ],
        0..=11,
    )
}

proptest! {
    #![proptest_config(props::config(4000))]

    #[test]
    fn a_correlation_id_is_what_its_grammar_says(text in id_candidate()) {
        let parsed = CorrelationId::parse(&text);
        prop_assert_eq!(parsed.is_ok(), is_correlation_id(&text), "{:?}", text);
        if let Ok(id) = parsed {
            prop_assert_eq!(id.as_str(), text.as_str());
            prop_assert_eq!(id.to_string(), text.clone());
            prop_assert_eq!(text.parse::<CorrelationId>().ok(), Some(id));
        } else {
            prop_assert!(text.parse::<CorrelationId>().is_err());
        }
    }

    #[test]
    fn accept_language_items_are_what_the_grammar_reads(header in accept_language()) {
        let parsed: Vec<(String, u16)> = lang::ranges(&header)
            .map(|LanguageRange { range, quality }| (range.to_owned(), quality))
            .collect();
        prop_assert_eq!(parsed, ref_ranges(&header), "{:?}", header);
    }

    #[test]
    fn lookup_picks_as_rfc_4647_says(header in accept_language(), available in available()) {
        let found = lang::lookup(&header, &available);
        prop_assert_eq!(found, ref_lookup(&header, &available), "{:?} in {:?}", header, available);
        // Never a language the caller refused, nor one that was not offered.
        if let Some(found) = found {
            prop_assert!(available.contains(&found));
            prop_assert!(!ref_ranges(&header).iter().any(|(r, q)| *q == 0 && r.eq_ignore_ascii_case(found)));
        }
    }

    #[test]
    fn higher_weights_win(
        weights in proptest::collection::vec(0u16..=1000, 1..6),
        tags in proptest::sample::subsequence(vec!["en", "sv", "de", "fr", "it", "nl"], 6),
    ) {
        let header = tags
            .iter()
            .zip(&weights)
            .map(|(tag, q)| format!("{tag};q={}.{:03}", q / 1000, q % 1000))
            .collect::<Vec<_>>()
            .join(", ");
        let best = tags
            .iter()
            .zip(&weights)
            .filter(|(_, q)| **q > 0)
            .max_by_key(|(_, q)| **q)
            .map(|(_, q)| *q);
        let found = lang::lookup(&header, &tags);
        let found_weight = found.and_then(|tag| tags.iter().position(|t| *t == tag)).map(|i| weights[i]);
        // The chosen one has the highest weight above 0, and none is chosen at q=0.
        prop_assert_eq!(found_weight, best, "{}", header);
    }
}

// ---------------------------------------------------------------------------
// RFC 4647 §3.4's lookup examples.

/// The fallback pattern of §3.4 for `zh-Hant-CN-x-private1-private2`: each
/// shorter range in turn, the singleton `x` never left at the end.
#[test]
fn lookup_falls_back_as_section_3_4_shows() {
    let range = "zh-Hant-CN-x-private1-private2";
    let steps = [
        "zh-Hant-CN-x-private1-private2",
        "zh-Hant-CN-x-private1",
        "zh-Hant-CN",
        "zh-Hant",
        "zh",
    ];
    for (i, step) in steps.iter().enumerate() {
        // Every later step is available too: the longest one wins.
        let available: Vec<&str> = steps[i..].to_vec();
        assert_eq!(
            lang::lookup(range, &available),
            Some(*step),
            "{available:?}"
        );
    }
    // `zh-Hant-CN-x` is never tried: a range does not end in a singleton.
    assert_eq!(lang::lookup(range, &["zh-Hant-CN-x"]), None);
    // Nothing left: the caller's default.
    assert_eq!(lang::lookup(range, &["en"]), None);
}

/// §3.4: each range in the priority list is tried in full (with its fallbacks)
/// before the next, and `*` adds nothing to a lookup.
#[test]
fn lookup_tries_each_range_before_the_next() {
    assert_eq!(
        lang::lookup("fr-FR, zh-Hant", &["zh-Hant", "fr"]),
        Some("fr")
    );
    assert_eq!(lang::lookup("fr-FR, zh-Hant", &["zh", "de"]), Some("zh"));
    assert_eq!(lang::lookup("*", &["en"]), None);
    assert_eq!(lang::lookup("*, de-CH", &["de"]), Some("de"));
    // Matching ignores case, and gives the tag as offered.
    assert_eq!(lang::lookup("DE-ch", &["de-CH"]), Some("de-CH"));
}

/// RFC 9110 §12.4.2: `q=0` means "not acceptable".
#[test]
fn a_refused_language_is_never_taken() {
    assert_eq!(lang::lookup("sv;q=0, en", &["sv", "en"]), Some("en"));
    assert_eq!(lang::lookup("sv-SE, sv;q=0", &["sv"]), None);
    assert_eq!(lang::lookup("sv;q=0", &["sv"]), None);
}
