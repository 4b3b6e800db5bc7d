//! The `msg` template language, parsed without any knowledge of the variant.
//!
//! ```text
//! template    := (text | "<<" | "{{" | "}}" | placeholder | braces)*
//! text        := any character but "<"        (a lone ">", "{" or "}" is text)
//! placeholder := "<" field [":" format] ">"
//! field       := index | name
//! index       := "0" | [1-9] [0-9]*           (a tuple field: <0>, <1>, ...)
//! name        := ["r#"] identifier            (a named field: <url>, <r#type>)
//! format      := "?"                          (Debug: <id:?>)
//!              | separator                    (a list joined: <names:, >)
//! separator   := one or more characters but "<" and ">"
//! braces      := "{" field "}"                (text, but reported when it names a field)
//! ```
//!
//! `<<` writes a literal `<`, `{{` and `}}` a literal `{` and `}` (so `{{0}}` writes
//! `{0}`). A `{0}` or `{name}` is text unless it names a field of the variant, in
//! which case `valid.rs` reports it as a thiserror-style placeholder. Placeholders
//! are resolved to fields in `valid.rs`, which knows the variant's shape.

use std::fmt::{self, Display};

#[derive(Debug, PartialEq)]
pub struct Template {
    pub segments: Vec<Segment>,
    /// `{0}` / `{name}` written as text: mistakes when they name a field.
    pub braces: Vec<Placeholder>,
}

#[derive(Debug, PartialEq)]
pub enum Segment {
    /// Literal text, escapes already resolved.
    Text(String),
    Field(Placeholder),
}

#[derive(Debug, PartialEq)]
pub struct Placeholder {
    pub field: FieldRef,
    pub format: Format,
    /// Byte range of `<...>` in the template, for spans and messages.
    pub offset: usize,
    pub len: usize,
}

/// How a placeholder writes its field.
#[derive(Debug, PartialEq, Eq, Clone)]
pub enum Format {
    /// `<name>`: with `Display`.
    Display,
    /// `<name:?>`: with `Debug`.
    Debug,
    /// `<names:, >`: each item with `Display`, this text between them.
    Join(String),
}

#[derive(Debug, PartialEq, Eq, Clone)]
pub enum FieldRef {
    Index(u32),
    /// The field name without any `r#` prefix.
    Named(String),
}

impl Display for FieldRef {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            FieldRef::Index(index) => write!(f, "<{index}>"),
            FieldRef::Named(name) => write!(f, "<{name}>"),
        }
    }
}

#[derive(Debug, PartialEq)]
pub struct TemplateError {
    /// Byte range of the offending placeholder in the template.
    pub offset: usize,
    pub len: usize,
    pub kind: ErrorKind,
}

#[derive(Debug, PartialEq)]
pub enum ErrorKind {
    /// `<` with no closing `>`.
    Unterminated,
    /// `<>`.
    Empty,
    /// `<01>`.
    LeadingZero,
    /// `<a b>`, `<-1>`, `<x <y>`, ...
    Invalid,
    /// `<name:>`: a `:` with nothing after it.
    EmptyFormat,
}

impl Template {
    /// The field placeholders, in template order.
    pub fn placeholders(&self) -> impl Iterator<Item = &Placeholder> {
        self.segments.iter().filter_map(|segment| match segment {
            Segment::Field(placeholder) => Some(placeholder),
            Segment::Text(_) => None,
        })
    }

    /// The template's text when it has no placeholders.
    pub fn plain_text(&self) -> Option<String> {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Text(text) => out.push_str(text),
                Segment::Field(_) => return None,
            }
        }
        Some(out)
    }
}

/// Parses the whole template; every malformed placeholder is reported, not only
/// the first (the parser skips past each one and goes on).
pub fn parse(input: &str) -> Result<Template, Vec<TemplateError>> {
    let mut segments = Vec::new();
    let mut braces = Vec::new();
    let mut errors = Vec::new();
    let mut text = String::new();
    let mut rest = input;
    while let Some(special) = rest.find(['<', '{', '}']) {
        text.push_str(&rest[..special]);
        let offset = input.len() - rest.len() + special;
        let c = rest.as_bytes()[special];
        let after = &rest[special + 1..];
        if c == b'{' || c == b'}' {
            let brace = char::from(c);
            if let Some(escaped) = after.strip_prefix(brace) {
                text.push(brace);
                rest = escaped;
                continue;
            }
            // `{field}`: text, remembered in case it names a field.
            if c == b'{'
                && let Some(close) = after.find('}')
                && let Ok(field) = parse_field_ref(&after[..close])
            {
                braces.push(Placeholder {
                    field,
                    format: Format::Display,
                    offset,
                    len: close + 2,
                });
            }
            text.push(brace);
            rest = after;
            continue;
        }
        if let Some(escaped) = after.strip_prefix('<') {
            text.push('<');
            rest = escaped;
            continue;
        }
        let Some(close) = after.find('>') else {
            errors.push(TemplateError {
                offset,
                len: input.len() - offset,
                kind: ErrorKind::Unterminated,
            });
            rest = "";
            break;
        };
        let len = close + 2;
        rest = &after[close + 1..];
        match parse_placeholder(&after[..close]) {
            Ok((field, format)) => {
                if !text.is_empty() {
                    segments.push(Segment::Text(std::mem::take(&mut text)));
                }
                segments.push(Segment::Field(Placeholder {
                    field,
                    format,
                    offset,
                    len,
                }));
            }
            Err(kind) => errors.push(TemplateError { offset, len, kind }),
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        segments.push(Segment::Text(text));
    }
    if errors.is_empty() {
        Ok(Template { segments, braces })
    } else {
        Err(errors)
    }
}

fn parse_placeholder(inner: &str) -> Result<(FieldRef, Format), ErrorKind> {
    let (field, format) = match inner.split_once(':') {
        None => (inner, Format::Display),
        Some((_, "")) => return Err(ErrorKind::EmptyFormat),
        Some((field, "?")) => (field, Format::Debug),
        Some((_, separator)) if separator.contains('<') => return Err(ErrorKind::Invalid),
        Some((field, separator)) => (field, Format::Join(separator.to_owned())),
    };
    Ok((parse_field_ref(field)?, format))
}

fn parse_field_ref(inner: &str) -> Result<FieldRef, ErrorKind> {
    if inner.is_empty() {
        return Err(ErrorKind::Empty);
    }
    if inner.bytes().all(|b| b.is_ascii_digit()) {
        if inner.len() > 1 && inner.starts_with('0') {
            return Err(ErrorKind::LeadingZero);
        }
        // More digits than a u32 holds can't name a field of any real variant.
        return inner
            .parse()
            .map(FieldRef::Index)
            .map_err(|_| ErrorKind::Invalid);
    }
    let name = inner.strip_prefix("r#").unwrap_or(inner);
    if is_identifier(name) {
        Ok(FieldRef::Named(name.to_owned()))
    } else {
        Err(ErrorKind::Invalid)
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first == '_' || first.is_alphabetic())
        && s != "_"
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Segment {
        Segment::Text(s.to_owned())
    }

    fn index(i: u32, offset: usize, len: usize) -> Segment {
        Segment::Field(Placeholder {
            field: FieldRef::Index(i),
            format: Format::Display,
            offset,
            len,
        })
    }

    fn named(name: &str, offset: usize, len: usize) -> Segment {
        Segment::Field(Placeholder {
            field: FieldRef::Named(name.to_owned()),
            format: Format::Display,
            offset,
            len,
        })
    }

    fn ok(input: &str) -> Vec<Segment> {
        match parse(input) {
            Ok(template) => template.segments,
            Err(err) => panic!("{input:?} failed: {err:?}"),
        }
    }

    fn err(input: &str) -> (usize, usize, ErrorKind) {
        let mut all = errs(input);
        assert_eq!(all.len(), 1, "{input:?}: {all:?}");
        all.remove(0)
    }

    fn errs(input: &str) -> Vec<(usize, usize, ErrorKind)> {
        match parse(input) {
            Ok(template) => panic!("{input:?} parsed: {template:?}"),
            Err(errors) => errors
                .into_iter()
                .map(|err| (err.offset, err.len, err.kind))
                .collect(),
        }
    }

    #[test]
    fn valid_templates() {
        assert_eq!(ok(""), vec![]);
        assert_eq!(
            ok("Invalid request body."),
            vec![text("Invalid request body.")]
        );
        assert_eq!(
            ok("URL <0> is invalid."),
            vec![text("URL "), index(0, 4, 3), text(" is invalid.")]
        );
        assert_eq!(ok("<0>"), vec![index(0, 0, 3)]);
        assert_eq!(ok("<0><1>"), vec![index(0, 0, 3), index(1, 3, 3)]);
        assert_eq!(ok("<10>"), vec![index(10, 0, 4)]);
        assert_eq!(
            ok("Received: <received>, allowed: <allowed>."),
            vec![
                text("Received: "),
                named("received", 10, 10),
                text(", allowed: "),
                named("allowed", 31, 9),
                text("."),
            ]
        );
        assert_eq!(ok("<r#type>"), vec![named("type", 0, 8)]);
        assert_eq!(ok("<_x>"), vec![named("_x", 0, 4)]);
    }

    #[test]
    fn escapes_and_lone_angle_brackets() {
        assert_eq!(ok("a << b"), vec![text("a < b")]);
        assert_eq!(ok("<<<<"), vec![text("<<")]);
        assert_eq!(ok("<<0>"), vec![text("<0>")]);
        assert_eq!(ok("a > b >> c"), vec![text("a > b >> c")]);
        assert_eq!(ok("<<<0>"), vec![text("<"), index(0, 2, 3)]);
        assert_eq!(ok("{0} {{ }} %s"), vec![text("{0} { } %s")]);
        assert_eq!(ok("{{0}} } {"), vec![text("{0} } {")]);
    }

    #[test]
    fn brace_lookalikes_are_remembered() {
        let template = parse("{0} {name} {{x}} {not a field} {}").unwrap();
        let found: Vec<_> = template
            .braces
            .iter()
            .map(|p| (p.field.clone(), p.offset, p.len))
            .collect();
        assert_eq!(
            found,
            [
                (FieldRef::Index(0), 0, 3),
                (FieldRef::Named("name".into()), 4, 6)
            ]
        );
    }

    #[test]
    fn formats() {
        let formats = |input: &str| -> Vec<Format> {
            parse(input)
                .unwrap()
                .placeholders()
                .map(|p| p.format.clone())
                .collect()
        };
        assert_eq!(
            formats("<a:?> <b:, > <0: and > <c>"),
            [
                Format::Debug,
                Format::Join(", ".into()),
                Format::Join(" and ".into()),
                Format::Display
            ]
        );
        assert_eq!(err("<a:>"), (0, 4, ErrorKind::EmptyFormat));
        assert_eq!(err("<:?>"), (0, 4, ErrorKind::Empty));
    }

    #[test]
    fn every_error_is_reported() {
        assert_eq!(
            errs("<> then <01> then <a b> then <x"),
            [
                (0, 2, ErrorKind::Empty),
                (8, 4, ErrorKind::LeadingZero),
                (18, 5, ErrorKind::Invalid),
                (29, 2, ErrorKind::Unterminated)
            ]
        );
    }

    #[test]
    fn non_ascii() {
        assert_eq!(
            ok("Fält <fält> är ogiltigt ✗"),
            vec![text("Fält "), named("fält", 6, 7), text(" är ogiltigt ✗")]
        );
        assert_eq!(ok("日本<0>"), vec![text("日本"), index(0, 6, 3)]);
    }

    #[test]
    fn errors() {
        assert_eq!(err("<"), (0, 1, ErrorKind::Unterminated));
        assert_eq!(err("abc <0"), (4, 2, ErrorKind::Unterminated));
        assert_eq!(err("ok <0> then <"), (12, 1, ErrorKind::Unterminated));
        assert_eq!(err("<>"), (0, 2, ErrorKind::Empty));
        assert_eq!(err("x <01>"), (2, 4, ErrorKind::LeadingZero));
        assert_eq!(err("<00>"), (0, 4, ErrorKind::LeadingZero));
        assert_eq!(err("<a b>"), (0, 5, ErrorKind::Invalid));
        assert_eq!(err("< 0>"), (0, 4, ErrorKind::Invalid));
        assert_eq!(err("<-1>"), (0, 4, ErrorKind::Invalid));
        assert_eq!(err("<_>"), (0, 3, ErrorKind::Invalid));
        assert_eq!(err("<1x>"), (0, 4, ErrorKind::Invalid));
        assert_eq!(err("<r#>"), (0, 4, ErrorKind::Invalid));
        assert_eq!(err("a <b <0>"), (2, 6, ErrorKind::Invalid));
        assert_eq!(err("<99999999999>"), (0, 13, ErrorKind::Invalid));
    }

    #[test]
    fn placeholders_in_order() {
        let template = parse("<b> <0> <a>").unwrap();
        let fields: Vec<_> = template.placeholders().map(|p| p.field.clone()).collect();
        assert_eq!(
            fields,
            [
                FieldRef::Named("b".into()),
                FieldRef::Index(0),
                FieldRef::Named("a".into())
            ]
        );
    }
}
