//! Parses `#[api(...)]` on the type, a variant or a struct. Checks that need only
//! one value (literal kinds, status range, code syntax, the template grammar, keys
//! that can't go together) happen here, as the value is read.

use crate::case::{self, RenameRule};
use crate::ctxt::Ctxt;
use crate::symbol::{
    ALL_KEYS, API, CODE, CRATE, DETAILS, DISPLAY, DOMAIN, FROM, GRPC, HEADER, LANG, LINK,
    LINK_BASE, MSG, RENAME_ALL, STATUS, Symbol, TRANSPARENT,
};
use crate::template::{self, ErrorKind, Template, TemplateError};
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Expr, ExprLit, Lit, LitInt, LitStr, Path, Token};

/// Where an attribute sits; decides which keys it may hold.
#[derive(Copy, Clone, PartialEq, Eq)]
pub enum Site {
    Enum,
    Variant,
    Struct,
    /// A field of a variant or struct.
    Field,
}

impl Site {
    fn keys(self) -> &'static [Symbol] {
        match self {
            Site::Enum => &[
                STATUS, HEADER, DISPLAY, RENAME_ALL, LINK_BASE, LANG, DOMAIN, CRATE,
            ],
            Site::Variant => &[CODE, STATUS, MSG, HEADER, TRANSPARENT, FROM, LINK, GRPC],
            Site::Struct => &[
                CODE,
                STATUS,
                MSG,
                HEADER,
                TRANSPARENT,
                DISPLAY,
                LINK,
                LINK_BASE,
                LANG,
                GRPC,
                DOMAIN,
                CRATE,
            ],
            Site::Field => &[DETAILS, TRANSPARENT],
        }
    }

    /// Why `key` can't be used here, and where it goes instead.
    fn misplaced(self, key: Symbol) -> String {
        let hint = match (self, key) {
            (_, DETAILS) => "put #[api(details)] on the field that holds the sub-errors",
            (_, CRATE) => "put #[api(crate = \"...\")] on the type",
            (_, DOMAIN) => "put #[api(domain = \"...\")] on the type",
            (_, LANG) => {
                "put #[api(lang = \"en\")] on the type; a variant gives its messages in more languages with `msg(sv = \"...\")`"
            }
            (Site::Field, _) => {
                "put it on the variant or the type (a field takes only `details` or `transparent`)"
            }
            (Site::Enum, LINK) => {
                "put #[api(link = \"...\")] on a variant, or give every code a link with #[api(link_base = \"...\")] on the enum"
            }
            (Site::Variant, RENAME_ALL | LINK_BASE) => "put it on the enum",
            (Site::Struct, RENAME_ALL) => "a struct has one code: write it with `code = \"...\"`",
            (Site::Enum, FROM) => "put #[api(transparent, from)] on a variant with one field",
            (Site::Enum, _) => "put it on each variant",
            (Site::Variant, DISPLAY) => "put #[api(display)] on the enum",
            (_, FROM) => "it applies to a transparent enum variant",
            _ => "it is not used here",
        };
        let site = match self {
            Site::Enum => "an enum",
            Site::Variant => "a variant",
            Site::Struct => "a struct",
            Site::Field => "a field",
        };
        format!("`{key}` is not allowed on {site}; {hint}")
    }
}

pub struct Code {
    pub lit: LitStr,
    pub value: String,
}

pub struct Status {
    pub lit: LitInt,
    pub value: u16,
}

/// A template: `msg = "..."`, or the value of a header.
pub struct Msg {
    pub lit: LitStr,
    pub template: Template,
}

/// A language tag as written: `sv`, `pt_BR` (an identifier, `_` for `-`) or
/// `"pt-BR"`; `value` is the tag with `-`.
pub struct LangTag {
    pub span: Span,
    pub value: String,
}

/// `msg(sv = "...")`: the message in one more language.
pub struct Translation {
    pub lang: LangTag,
    pub msg: Msg,
}

/// `header("Retry-After", "<retry_after_secs>")`: an extra HTTP response header.
pub struct Header {
    pub name: LitStr,
    pub value: Msg,
}

/// `grpc = "ALREADY_EXISTS"`: the gRPC code a variant answers with instead of
/// the one its HTTP status maps to; `value` is the code's number.
pub struct GrpcCode {
    pub value: i32,
}

/// Everything the `#[api(...)]` attributes of one item say. A key whose value was
/// wrong is left `None` after its error is recorded, so later passes see a
/// best-effort picture and report what else is wrong.
#[derive(Default)]
pub struct Attrs<'a> {
    /// The first `#[api]` attribute, the span for "missing key" errors.
    pub original: Option<&'a Attribute>,
    pub code: Option<Code>,
    pub status: Option<Status>,
    pub msg: Option<Msg>,
    /// `msg(sv = "...", de = "...")`, in the order written.
    pub translations: Vec<Translation>,
    /// `lang = "en"` on the type: the language of its `msg` templates.
    pub lang: Option<LangTag>,
    pub headers: Vec<Header>,
    pub transparent: Option<Path>,
    pub from: Option<Path>,
    pub display: Option<Path>,
    /// `crate = "my_sdk::rest_error"`: where expansions find the runtime.
    pub crate_path: Option<Path>,
    /// `details` on a field: the variant's sub-errors.
    pub details: Option<Path>,
    /// `rename_all = "snake_case"` on an enum.
    pub rename_all: Option<RenameRule>,
    /// `link = "https://..."`: the code's documentation page.
    pub link: Option<LitStr>,
    /// `link_base = "https://.../"`: links of codes without their own, base + code.
    pub link_base: Option<LitStr>,
    /// `grpc = "ALREADY_EXISTS"`: the variant's gRPC code (feature `tonic`).
    pub grpc: Option<GrpcCode>,
    /// `domain = "inventory.example.com"` on the type: `ErrorInfo.domain` over gRPC.
    pub domain: Option<LitStr>,
    /// Whether reading the attributes reported a mistake: "missing" errors are then
    /// left out, since the key was most likely there but wrong.
    pub had_errors: bool,
}

pub fn parse<'a>(cx: &Ctxt, site: Site, attrs: &'a [Attribute]) -> Attrs<'a> {
    let errors_before = cx.error_count();
    let mut out = Attrs::default();
    for attr in attrs.iter().filter(|attr| attr.path() == API) {
        out.original.get_or_insert(attr);
        if let Err(err) = attr.parse_nested_meta(|meta| parse_key(cx, site, &mut out, &meta)) {
            cx.syn_error(err);
        }
    }
    check_transparent_alone(cx, &out);
    out.had_errors = cx.error_count() > errors_before;
    out
}

fn parse_key(cx: &Ctxt, site: Site, out: &mut Attrs, meta: &ParseNestedMeta) -> syn::Result<()> {
    let Some(key) = ALL_KEYS.iter().copied().find(|key| meta.path == *key) else {
        cx.error_spanned_by(&meta.path, unknown_key(site, &meta.path));
        return skip_value(meta);
    };
    if !site.keys().contains(&key) {
        cx.error_spanned_by(&meta.path, site.misplaced(key));
        return skip_value(meta);
    }
    if key == CODE {
        // #[api(code = "ResourceNotFound")]
        if let Some(lit) = lit_str(cx, meta, "code = \"ResourceNotFound\"")? {
            let value = lit.value();
            if let Err(why) = check_code(&value) {
                cx.error_spanned_by(&lit, why);
            } else {
                set(cx, &mut out.code, meta, Code { lit, value });
            }
        }
    } else if key == STATUS {
        // #[api(status = 404)]
        if let Some(status) = status(cx, meta)? {
            set(cx, &mut out.status, meta, status);
        }
    } else if key == MSG && meta.input.peek(syn::token::Paren) {
        // #[api(msg(sv = "Datorn <0> hittades inte", pt_BR = "...", "zh-Hant" = "..."))]
        translations(cx, meta, &mut out.translations)?;
    } else if key == LANG {
        // #[api(lang = "en")]
        if let Some(lit) = lit_str(cx, meta, "lang = \"en\"")? {
            let tag = LangTag {
                span: lit.span(),
                value: lit.value(),
            };
            if check_lang_tag(cx, &tag) {
                set(cx, &mut out.lang, meta, tag);
            }
        }
    } else if key == MSG {
        // #[api(msg = "Machine <0> was not found")]
        if let Some(lit) = lit_str(cx, meta, "msg = \"...\"")?
            && let Some(msg) = parse_template(cx, lit)
        {
            set(cx, &mut out.msg, meta, msg);
        }
    } else if key == RENAME_ALL {
        // #[api(rename_all = "snake_case")]
        if let Some(lit) = lit_str(cx, meta, "rename_all = \"snake_case\"")? {
            match RenameRule::from_name(&lit.value()) {
                Some(rule) => set(cx, &mut out.rename_all, meta, rule),
                None => cx.error_spanned_by(
                    &lit,
                    format!(
                        "unknown case `{}` in `rename_all`; expected {}",
                        lit.value().escape_debug(),
                        case::expected()
                    ),
                ),
            }
        }
    } else if key == LINK || key == LINK_BASE {
        // #[api(link = "https://docs.example.com/errors/ResourceNotFound")]
        // #[api(link_base = "https://docs.example.com/errors/")]
        let example = if key == LINK {
            "link = \"https://docs.example.com/errors/ResourceNotFound\""
        } else {
            "link_base = \"https://docs.example.com/errors/\""
        };
        if let Some(lit) = lit_str(cx, meta, example)? {
            if let Err(why) = check_link(&lit.value()) {
                cx.error_spanned_by(&lit, format!("{why}: `{example}`"));
            } else if key == LINK {
                set(cx, &mut out.link, meta, lit);
            } else {
                set(cx, &mut out.link_base, meta, lit);
            }
        }
    } else if key == GRPC {
        // #[api(grpc = "ALREADY_EXISTS")]
        if let Some(lit) = lit_str(cx, meta, "grpc = \"ALREADY_EXISTS\"")? {
            match grpc_code(&lit.value()) {
                Ok(value) => set(cx, &mut out.grpc, meta, GrpcCode { value }),
                Err(why) => cx.error_spanned_by(&lit, why),
            }
        }
    } else if key == DOMAIN {
        // #[api(domain = "inventory.example.com")]
        if let Some(lit) = lit_str(cx, meta, "domain = \"inventory.example.com\"")? {
            if let Err(why) = check_domain(&lit.value()) {
                cx.error_spanned_by(&lit, why);
            } else {
                set(cx, &mut out.domain, meta, lit);
            }
        }
    } else if key == CRATE {
        // #[api(crate = "my_sdk::rest_error")]
        if let Some(lit) = lit_str(cx, meta, "crate = \"my_sdk::rest_error\"")? {
            match lit.parse::<Path>() {
                Ok(path) => set(cx, &mut out.crate_path, meta, path),
                Err(_) => cx.error_spanned_by(
                    &lit,
                    format!(
                        "`{}` is not a path; write the path the runtime is reachable at, like `crate = \"my_sdk::rest_error\"`",
                        lit.value().escape_debug()
                    ),
                ),
            }
        }
    } else if key == HEADER {
        // #[api(header("Retry-After", "<retry_after_secs>"))]
        if let Some(header) = header(cx, meta)? {
            let name = header.name.value();
            if out
                .headers
                .iter()
                .any(|seen| seen.name.value().eq_ignore_ascii_case(&name))
            {
                cx.error_spanned_by(&header.name, format!("duplicate header `{name}`"));
            } else {
                out.headers.push(header);
            }
        }
    } else {
        // #[api(transparent)], #[api(from)], #[api(display)], #[api(details)]
        let slot = match key {
            k if k == TRANSPARENT => &mut out.transparent,
            k if k == FROM => &mut out.from,
            k if k == DETAILS => &mut out.details,
            _ => &mut out.display,
        };
        if meta.input.peek(Token![=]) {
            cx.error_spanned_by(
                &meta.path,
                format!("`{key}` takes no value: write #[api({key})]"),
            );
            skip_value(meta)?;
        } else {
            set(cx, slot, meta, meta.path.clone());
        }
    }
    Ok(())
}

/// The canonical gRPC codes an error can have, by number (`google.rpc.Code`;
/// `OK` is 0 and is not an error).
const GRPC_CODES: [&str; 17] = [
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

/// The number of a gRPC code name, or why the name is not one.
fn grpc_code(name: &str) -> Result<i32, String> {
    let expected = || GRPC_CODES[1..].join(", ");
    if name == "OK" {
        return Err(format!(
            "`OK` is not an error code; expected one of {}",
            expected()
        ));
    }
    if let Some(number) = GRPC_CODES.iter().position(|code| *code == name) {
        return Ok(i32::try_from(number).unwrap_or(2));
    }
    // `already_exists`, `AlreadyExists`, `already-exists`: the same name, spelled otherwise.
    let folded: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let similar = GRPC_CODES[1..]
        .iter()
        .find(|code| code.replace('_', "") == folded);
    Err(match similar {
        Some(code) => format!(
            "unknown gRPC code `{}`; codes are written as in `google.rpc.Code`: `grpc = \"{code}\"`",
            name.escape_debug()
        ),
        None => format!(
            "unknown gRPC code `{}`; expected one of {}",
            name.escape_debug(),
            expected()
        ),
    })
}

/// A domain is a name without spaces or control characters, never empty.
fn check_domain(domain: &str) -> Result<(), String> {
    if domain.is_empty() {
        return Err(
            "the domain is empty; name the service, like `domain = \"inventory.example.com\"`, or leave the key out for the package's name"
                .to_owned(),
        );
    }
    if domain.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "the domain `{}` contains whitespace or a control character; write a name like `domain = \"inventory.example.com\"`",
            domain.escape_debug()
        ));
    }
    Ok(())
}

fn parse_template(cx: &Ctxt, lit: LitStr) -> Option<Msg> {
    let value = lit.value();
    match template::parse(&value) {
        Ok(template) => Some(Msg { lit, template }),
        Err(errors) => {
            for err in errors {
                cx.error_at(
                    template_span(&lit, err.offset, err.len),
                    template_error(&value, &err),
                );
            }
            None
        }
    }
}

/// The inside of `msg(...)`: `tag = "template"` pairs, the tag an identifier
/// (`_` for `-`) or a string literal. Each tag is checked and must be new.
fn translations(cx: &Ctxt, meta: &ParseNestedMeta, out: &mut Vec<Translation>) -> syn::Result<()> {
    const USAGE: &str = "expected #[api(msg(sv = \"...\", de = \"...\"))]; a language tag with a region is written `pt_BR = \"...\"` or `\"pt-BR\" = \"...\"`";
    let content;
    syn::parenthesized!(content in meta.input);
    if content.is_empty() {
        cx.error_spanned_by(&meta.path, format!("empty `msg(...)`; {USAGE}"));
    }
    while !content.is_empty() {
        let lang = if content.peek(LitStr) {
            let lit: LitStr = content.parse()?;
            LangTag {
                span: lit.span(),
                value: lit.value(),
            }
        } else {
            let ident: syn::Ident = content
                .call(syn::ext::IdentExt::parse_any)
                .map_err(|err| syn::Error::new(err.span(), USAGE))?;
            LangTag {
                span: ident.span(),
                value: ident.to_string().replace('_', "-"),
            }
        };
        content
            .parse::<Token![=]>()
            .map_err(|err| syn::Error::new(err.span(), USAGE))?;
        let mut expr: Expr = content.parse()?;
        // A literal passed through a macro_rules `$t:literal` arrives wrapped in a group.
        while let Expr::Group(group) = expr {
            expr = *group.expr;
        }
        let lit: Option<LitStr> = match expr {
            Expr::Lit(ExprLit {
                lit: Lit::Str(lit), ..
            }) => Some(lit),
            other => {
                cx.error_spanned_by(
                    other,
                    format!("expected a string literal: `{} = \"...\"`", lang.value),
                );
                None
            }
        };
        if check_lang_tag(cx, &lang) {
            if let Some(first) = out
                .iter()
                .find(|seen| seen.lang.value.eq_ignore_ascii_case(&lang.value))
            {
                let why = if first.lang.value == lang.value {
                    format!("duplicate language `{}` in `msg(...)`", lang.value)
                } else {
                    format!(
                        "duplicate language `{}` in `msg(...)`: `{}` already has a message, and tags ignore case",
                        lang.value, first.lang.value
                    )
                };
                cx.error_at(lang.span, why);
            } else if let Some(msg) = lit.and_then(|lit| parse_template(cx, lit)) {
                out.push(Translation { lang, msg });
            }
        }
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(())
}

/// A language tag is the basic BCP 47 shape: a primary language of 2-3
/// letters, then subtags of 1-8 letters or digits (`sv`, `pt-BR`, `zh-Hant-TW`).
/// Reports and returns `false` otherwise.
fn check_lang_tag(cx: &Ctxt, tag: &LangTag) -> bool {
    let mut subtags = tag.value.split('-');
    let primary_ok = subtags.next().is_some_and(|primary| {
        matches!(primary.len(), 2 | 3) && primary.bytes().all(|b| b.is_ascii_alphabetic())
    });
    let ok = primary_ok
        && subtags.all(|subtag| {
            (1..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    if !ok {
        cx.error_at(
            tag.span,
            format!(
                "invalid language tag `{}`; write a BCP 47 tag: a 2- or 3-letter language, then optional subtags of up to 8 letters or digits joined by `-`, like `sv`, `pt-BR` or `zh-Hant`",
                tag.value.escape_debug()
            ),
        );
    }
    ok
}

fn header(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Header>> {
    const USAGE: &str = "expected #[api(header(\"Retry-After\", \"<field>\"))]";
    if !meta.input.peek(syn::token::Paren) {
        cx.error_spanned_by(&meta.path, USAGE);
        skip_value(meta)?;
        return Ok(None);
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let name: LitStr = content
        .parse()
        .map_err(|err| syn::Error::new(err.span(), USAGE))?;
    content
        .parse::<Token![,]>()
        .map_err(|err| syn::Error::new(err.span(), USAGE))?;
    let value: LitStr = content
        .parse()
        .map_err(|err| syn::Error::new(err.span(), USAGE))?;
    if !content.is_empty() {
        return Err(content.error(USAGE));
    }
    if let Err(why) = check_header_name(&name.value()) {
        cx.error_spanned_by(&name, why);
        return Ok(None);
    }
    Ok(parse_template(cx, value).map(|value| Header { name, value }))
}

/// A header name is an HTTP token (RFC 9110 `tchar`). Whether it is one the
/// runtime sets itself is checked at compile time by the expansion (the list
/// lives in the runtime, see `expand::reserved_header_checks`).
fn check_header_name(name: &str) -> Result<(), String> {
    const TCHAR: &[u8] = b"!#$%&'*+-.^_`|~";
    if name.is_empty() {
        return Err("header name must not be empty".into());
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || TCHAR.contains(&b))
    {
        return Err(format!(
            "invalid header name `{}`; a header name is ASCII letters, digits and `!#$%&'*+-.^_`|~`",
            name.escape_debug()
        ));
    }
    Ok(())
}

/// Stores a key's value, or reports it as a duplicate at its second occurrence.
fn set<T>(cx: &Ctxt, slot: &mut Option<T>, meta: &ParseNestedMeta, value: T) {
    if slot.is_some() {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        cx.error_spanned_by(&meta.path, format!("duplicate `{key}` in #[api(...)]"));
    } else {
        *slot = Some(value);
    }
}

/// Consumes `= value` or `(...)` after a key that could not be used, so the keys
/// after it are still read and checked.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|nested| skip_value(&nested))?;
    }
    Ok(())
}

fn value_expr(meta: &ParseNestedMeta) -> syn::Result<Expr> {
    let mut expr: Expr = meta.value()?.parse()?;
    // Literals that reach us through a macro_rules `$e:expr` arrive wrapped in a group.
    while let Expr::Group(group) = expr {
        expr = *group.expr;
    }
    Ok(expr)
}

fn lit_str(cx: &Ctxt, meta: &ParseNestedMeta, example: &str) -> syn::Result<Option<LitStr>> {
    match value_expr(meta)? {
        Expr::Lit(ExprLit {
            lit: Lit::Str(lit), ..
        }) => Ok(Some(lit)),
        other => {
            cx.error_spanned_by(other, format!("expected a string literal: `{example}`"));
            Ok(None)
        }
    }
}

fn status(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Status>> {
    let lit = match value_expr(meta)? {
        Expr::Lit(ExprLit {
            lit: Lit::Int(lit), ..
        }) => lit,
        other => {
            cx.error_spanned_by(other, "expected an integer literal: `status = 404`");
            return Ok(None);
        }
    };
    match lit.base10_parse::<u16>() {
        Ok(value) if (400..=599).contains(&value) => Ok(Some(Status { lit, value })),
        _ => {
            let found = lit.base10_digits();
            cx.error_spanned_by(
                &lit,
                format!("`status` must be an HTTP error status between 400 and 599, found {found}"),
            );
            Ok(None)
        }
    }
}

/// A link is an absolute URI (`scheme:` first) without whitespace or control
/// characters: it is written into JSON, headers and Markdown as it is.
fn check_link(link: &str) -> Result<(), String> {
    let scheme_len = link
        .find(':')
        .filter(|&end| {
            end > 0
                && link[..end].starts_with(|c: char| c.is_ascii_alphabetic())
                && link[..end]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        })
        .ok_or_else(|| {
            format!(
                "`{}` is not an absolute URI; a link starts with its scheme, like `https://`",
                link.escape_debug()
            )
        })?;
    if link.len() == scheme_len + 1 {
        return Err("a link must not end after its scheme".into());
    }
    if link.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "`{}` contains whitespace or a control character; percent-encode it",
            link.escape_debug()
        ));
    }
    Ok(())
}

/// A code is `[A-Za-z][A-Za-z0-9_.-]*`: it is matched by clients and routed on by
/// proxies, so it stays a plain token (`-` for kebab-case tables).
fn check_code(code: &str) -> Result<(), String> {
    let mut bytes = code.bytes();
    match bytes.next() {
        None => return Err("error code must not be empty: `code = \"ResourceNotFound\"`".into()),
        Some(first) if first.is_ascii_alphabetic() => {}
        Some(_) => {
            return Err(format!(
                "invalid error code `{}`; a code must start with an ASCII letter, like `ResourceNotFound`",
                code.escape_debug()
            ));
        }
    }
    if bytes.all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b)) {
        Ok(())
    } else {
        Err(format!(
            "invalid error code `{}`; a code may contain only ASCII letters, digits, `_`, `.` and `-`",
            code.escape_debug()
        ))
    }
}

/// `transparent` takes the message and headers from the field; `code` (with
/// `status` and `link`) may override the rest, anything else would be ignored.
fn check_transparent_alone(cx: &Ctxt, attrs: &Attrs) {
    if attrs.transparent.is_none() {
        if let Some(from) = &attrs.from {
            cx.error_spanned_by(
                from,
                "`from` needs `transparent`: write #[api(transparent, from)]",
            );
        }
        return;
    }
    if let Some(first) = attrs.translations.first() {
        cx.error_at(
            first.lang.span,
            "`msg(...)` cannot be combined with `transparent`; a transparent variant takes its message in every language from its field",
        );
    }
    let ignored = [
        (MSG, attrs.msg.as_ref().map(|m| m.lit.span())),
        (HEADER, attrs.headers.first().map(|h| h.name.span())),
    ];
    for (key, span) in ignored {
        if let Some(span) = span {
            cx.error_at(
                span,
                format!(
                    "`{key}` cannot be combined with `transparent`; a transparent variant takes its message and headers from its field"
                ),
            );
        }
    }
    if attrs.code.is_none() {
        let needs_code = [
            (STATUS, attrs.status.as_ref().map(|s| s.lit.span())),
            (LINK, attrs.link.as_ref().map(LitStr::span)),
        ];
        for (key, span) in needs_code {
            if let Some(span) = span {
                cx.error_at(
                    span,
                    format!(
                        "`{key}` on a transparent variant needs `code` too: with #[api(transparent, code = \"...\", {key} = ...)] the variant answers with its own code and the inner message; without `code` everything comes from the field"
                    ),
                );
            }
        }
    }
}

fn unknown_key(site: Site, path: &Path) -> String {
    let name = match path.get_ident() {
        Some(ident) => ident.to_string(),
        None => quote::quote!(#path).to_string().replace(' ', ""),
    };
    let keys = site.keys();
    // Names users reach for from other crates, too far from ours for edit distance.
    let alias = match name.as_str() {
        "message" | "description" | "text" => Some(MSG),
        "status_code" | "http_status" | "http" => Some(STATUS),
        "error_code" | "name" | "id" => Some(CODE),
        _ => None,
    };
    let closest = alias.filter(|key| keys.contains(key)).or_else(|| {
        keys.iter()
            .map(|key| (edit_distance(&name, key.as_str()), *key))
            .filter(|(distance, key)| *distance <= key.as_str().len() / 3 + 1)
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, key)| key)
    });
    if let Some(key) = closest {
        return format!("unknown key `{name}` in #[api(...)]; did you mean `{key}`?");
    }
    let mut expected = String::new();
    for (i, key) in keys.iter().enumerate() {
        let separator = match i {
            0 => "",
            _ if i + 1 == keys.len() => " or ",
            _ => ", ",
        };
        expected.push_str(separator);
        expected.push('`');
        expected.push_str(key.as_str());
        expected.push('`');
    }
    format!("unknown key `{name}` in #[api(...)]; expected {expected}")
}

/// Levenshtein distance, for "did you mean" on short keys.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

fn template_error(value: &str, err: &TemplateError) -> String {
    let found = value[err.offset..err.offset + err.len]
        .escape_debug()
        .to_string();
    match err.kind {
        ErrorKind::Unterminated => format!(
            "unterminated placeholder `{found}` in `msg`; close it with `>`, or write `<<` for a literal `<`"
        ),
        ErrorKind::Empty => "empty placeholder `<>` in `msg`; write `<0>` for a tuple field, `<name>` for a named field, or `<<` for a literal `<`".into(),
        ErrorKind::LeadingZero => {
            let trimmed = found[1..found.len() - 1].trim_start_matches('0');
            let index = if trimmed.is_empty() { "0" } else { trimmed };
            format!("placeholder `{found}` has a leading zero; write `<{index}>`")
        }
        ErrorKind::Invalid => format!(
            "invalid placeholder `{found}` in `msg`; expected a field index like `<0>` or a field name like `<name>`, or write `<<` for a literal `<`"
        ),
        ErrorKind::EmptyFormat => format!(
            "placeholder `{found}` has nothing after `:`; write `<name:?>` for `Debug`, `<names:, >` to join a list with `, `, or leave out the `:`"
        ),
    }
}

/// The span of bytes `offset..offset + len` of the literal's value: exact where
/// the compiler supports sub-spans and the literal has no escapes, else the whole
/// literal (stable rustc has no sub-spans today).
pub fn template_span(lit: &LitStr, offset: usize, len: usize) -> Span {
    let token = lit.token();
    let source = token.to_string();
    if source.starts_with('"') && !source.contains('\\') {
        let start = offset + 1;
        if let Some(span) = token.subspan(start..start + len) {
            return span;
        }
    }
    lit.span()
}

#[cfg(test)]
mod tests {
    use super::{check_code, edit_distance};

    #[test]
    fn codes() {
        for good in [
            "A",
            "ResourceNotFound",
            "Invalid_Url",
            "v1.Error",
            "x9",
            "a-b",
        ] {
            assert_eq!(check_code(good), Ok(()), "{good}");
        }
        for bad in ["", "9x", "_x", ".x", "-x", "Not Found", "Ünknown", "a\"b"] {
            assert!(check_code(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("status", "status"), 0);
        assert_eq!(edit_distance("stauts", "status"), 2);
        assert_eq!(edit_distance("message", "msg"), 4);
        assert_eq!(edit_distance("", "code"), 4);
        assert_eq!(edit_distance("cod", "code"), 1);
    }
}
