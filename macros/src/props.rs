//! Property tests of the `msg` template language and of the whole derive on
//! random templates and field sets: the parser never panics, what it accepts
//! renders exactly as a reference renderer written here from the grammar (see
//! `template.rs`) renders it, and the derive reports a mistake exactly when the
//! reference finds one. Seeded, so a failure reproduces.

use crate::template::{self, FieldRef, Format, Segment};
use proc_macro2::Span;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};
use quote::{format_ident, quote};
use syn::LitStr;

/// A fixed seed and no failure files: every run sees the same cases.
fn config(cases: u32) -> Config {
    Config {
        cases,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(0x7e3a_17e5),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Pieces that hit every rule of the grammar, valid and not, glued at random
/// to each other and to characters that are special somewhere in it.
fn template() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(vec![
            "<<", "{{", "}}", "<0>", "<1>", "<3>", "<a>", "<b>", "<type>", "<r#type>", "<_x>",
            "<fält>", "<a:?>", "<b:, >", "<0: and >", "<a::>", "<a:<>", "<a:>", "<:?>", "<>",
            "<01>", "<00>", "<a b>", "<-1>", "<_>", "<r#>", "<r#0>", "<1x>", "<99999999999>",
            "<4294967295>", "<4294967296>", "{0}", "{a}", "{b}", "{type}", "{}", "{a b}", "{{0}}",
            "<", ">", "{", "}", ":", "?", "r#", "\\", "\"", "\n", "\u{1}", "é", "日本", "🎉",
        ]).prop_map(str::to_owned),
        2 => "[a-c0-2_:?,<>{} #r]{1,4}",
        1 => any::<String>(),
    ];
    proptest::collection::vec(piece, 0..10).prop_map(|pieces| pieces.concat())
}

/// The value a placeholder writes for `field`, one per field so a swap shows.
fn value(field: &str) -> String {
    format!("«{field}»")
}

fn render_value(field: &str, format: &RefFormat) -> String {
    match format {
        RefFormat::Display => value(field),
        RefFormat::Debug => format!("{:?}", value(field)),
        // A list field holds its value and a second item.
        RefFormat::Join(separator) => format!("{}{separator}z", value(field)),
    }
}

enum RefFormat {
    Display,
    Debug,
    Join(String),
}

/// What the reference reads from a template: the rendered text with every
/// placeholder's field written by `value`, the fields the placeholders name,
/// and the fields `{...}` look-alikes name. `None`: the template is malformed.
struct Reading {
    rendered: String,
    placeholders: Vec<String>,
    braces: Vec<String>,
}

/// The reference, written from the grammar in `template.rs`'s docs, one
/// character at a time.
fn reference(template: &str) -> Option<Reading> {
    let chars: Vec<char> = template.chars().collect();
    let mut reading = Reading {
        rendered: String::new(),
        placeholders: Vec::new(),
        braces: Vec::new(),
    };
    let mut malformed = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '<' if next == Some('<') => {
                reading.rendered.push('<');
                i += 2;
            }
            '{' | '}' if next == Some(c) => {
                reading.rendered.push(c);
                i += 2;
            }
            '{' => {
                // Text, but noted when what runs to the next `}` names a field.
                if let Some(len) = chars[i + 1..].iter().position(|&c| c == '}') {
                    let inner: String = chars[i + 1..i + 1 + len].iter().collect();
                    if let Some(field) = ref_field(&inner) {
                        reading.braces.push(field);
                    }
                }
                reading.rendered.push('{');
                i += 1;
            }
            '<' => {
                let Some(len) = chars[i + 1..].iter().position(|&c| c == '>') else {
                    return None; // unterminated: nothing after it is read
                };
                let inner: String = chars[i + 1..i + 1 + len].iter().collect();
                i += len + 2;
                match ref_placeholder(&inner) {
                    Some((field, format)) => {
                        reading.rendered.push_str(&render_value(&field, &format));
                        reading.placeholders.push(field);
                    }
                    None => malformed = true,
                }
            }
            c => {
                reading.rendered.push(c);
                i += 1;
            }
        }
    }
    (!malformed).then_some(reading)
}

/// `field [":" format]`, the field as a key: `0`, `1`, ... or the name without `r#`.
fn ref_placeholder(inner: &str) -> Option<(String, RefFormat)> {
    if inner.contains('<') {
        return None;
    }
    let (field, format) = match inner.find(':') {
        None => (inner, RefFormat::Display),
        Some(colon) => {
            let format = &inner[colon + 1..];
            let format = match format {
                "" => return None,
                "?" => RefFormat::Debug,
                separator => RefFormat::Join(separator.to_owned()),
            };
            (&inner[..colon], format)
        }
    };
    Some((ref_field(field)?, format))
}

/// `index := "0" | [1-9][0-9]*` (as a `u32`), `name := ["r#"] identifier`.
fn ref_field(field: &str) -> Option<String> {
    if !field.is_empty() && field.chars().all(|c| c.is_ascii_digit()) {
        let canonical = field == "0" || !field.starts_with('0');
        return (canonical && field.parse::<u32>().is_ok()).then(|| field.to_owned());
    }
    let name = field.strip_prefix("r#").unwrap_or(field);
    let mut chars = name.chars();
    let first = chars.next()?;
    let identifier = (first == '_' || first.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
        && name != "_";
    identifier.then(|| name.to_owned())
}

fn key(field: &FieldRef) -> String {
    match field {
        FieldRef::Index(index) => index.to_string(),
        FieldRef::Named(name) => name.clone(),
    }
}

/// The parser's reading, rendered with the same values.
fn render(template: &template::Template) -> String {
    let mut out = String::new();
    for segment in &template.segments {
        match segment {
            Segment::Text(text) => out.push_str(text),
            Segment::Field(placeholder) => {
                let format = match &placeholder.format {
                    Format::Display => RefFormat::Display,
                    Format::Debug => RefFormat::Debug,
                    Format::Join(separator) => RefFormat::Join(separator.clone()),
                };
                out.push_str(&render_value(&key(&placeholder.field), &format));
            }
        }
    }
    out
}

/// A variant's fields: unit, tuple of `n`, or named from a pool (`r#type` is
/// the field `type`).
#[derive(Debug, Clone)]
enum Fields {
    Unit,
    Tuple(usize),
    Named(Vec<&'static str>),
}

impl Fields {
    fn has(&self, key: &str) -> bool {
        match self {
            Fields::Unit => false,
            Fields::Tuple(n) => key.parse::<usize>().is_ok_and(|index| index < *n),
            Fields::Named(names) => names
                .iter()
                .any(|name| name.trim_start_matches("r#") == key),
        }
    }
}

fn fields() -> impl Strategy<Value = Fields> {
    prop_oneof![
        Just(Fields::Unit),
        (0..4usize).prop_map(Fields::Tuple),
        proptest::sample::subsequence(vec!["a", "b", "r#type", "_x", "fält"], 0..=5)
            .prop_map(Fields::Named),
    ]
}

/// `#[derive(ApiError)]` on an enum of one variant with these fields and `msg`.
fn derive(msg: &str, fields: &Fields) -> String {
    let lit = LitStr::new(msg, Span::call_site());
    let body = match fields {
        Fields::Unit => quote!(),
        Fields::Tuple(n) => {
            let types = (0..*n).map(|_| quote!(String));
            quote!((#(#types),*))
        }
        Fields::Named(names) => {
            let names = names.iter().map(|name| match name.strip_prefix("r#") {
                Some(raw) => format_ident!("r#{}", raw),
                None => format_ident!("{}", name),
            });
            quote!({ #(#names: String),* })
        }
    };
    let input = quote! {
        enum E {
            #[api(code = "Code", status = 400, msg = #lit)]
            V #body,
        }
    };
    let input: syn::DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(err) => panic!("the test built a bad enum: {err}"),
    };
    crate::expand::derive(&input).to_string()
}

proptest! {
    #![proptest_config(config(2048))]

    #[test]
    fn the_parser_renders_as_the_grammar_says(template in template()) {
        let parsed = template::parse(&template);
        let expected = reference(&template);
        match (&parsed, &expected) {
            (Ok(parsed), Some(expected)) => {
                prop_assert_eq!(render(parsed), expected.rendered.as_str());
                let found: Vec<String> = parsed.placeholders().map(|p| key(&p.field)).collect();
                prop_assert_eq!(&found, &expected.placeholders);
                let braces: Vec<String> = parsed.braces.iter().map(|p| key(&p.field)).collect();
                prop_assert_eq!(&braces, &expected.braces);
                // Each placeholder's span is its `<...>` in the template.
                for placeholder in parsed.placeholders().chain(&parsed.braces) {
                    let text = template.get(placeholder.offset..placeholder.offset + placeholder.len);
                    prop_assert!(
                        text.is_some_and(|t| (t.starts_with('<') && t.ends_with('>'))
                            || (t.starts_with('{') && t.ends_with('}'))),
                        "span {:?} of {:?}", text, template
                    );
                }
            }
            (Err(errors), None) => {
                prop_assert!(!errors.is_empty());
                for error in errors {
                    let text = template.get(error.offset..error.offset + error.len);
                    prop_assert!(text.is_some_and(|t| t.starts_with('<')), "error span {:?}", text);
                }
            }
            _ => prop_assert!(false, "parser {:?}, reference accepts: {}", parsed, expected.is_some()),
        }
    }

    #[test]
    fn the_derive_reports_exactly_the_mistakes(msg in template(), fields in fields()) {
        let output = derive(&msg, &fields);
        let reported = output.contains("compile_error");
        let fine = reference(&msg).is_some_and(|reading| {
            reading.placeholders.iter().all(|field| fields.has(field))
                && !reading.braces.iter().any(|field| fields.has(field))
        });
        prop_assert_eq!(reported, !fine, "{:?} with {:?}", msg, fields);
    }

    #[test]
    fn template_text_is_escaped_as_serde_json_escapes(text in any::<String>()) {
        let quoted = serde_json::to_string(&text).unwrap_or_default();
        prop_assert_eq!(format!("\"{}\"", crate::expand::json_escape(&text)), quoted);
    }
}
