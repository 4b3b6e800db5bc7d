//! Rules that need more than one attribute or the shape of the type. One function
//! per rule; each records its errors in `cx` and never stops the others.

use crate::ast::{Input, Variant};
use crate::attr::{Msg, template_span};
use crate::ctxt::Ctxt;
use crate::template::{FieldRef, Format};
use std::collections::HashMap;
use syn::{Member, Path};

pub fn check(cx: &Ctxt, input: &Input) {
    check_type_headers(cx, input);
    for variant in input.variants() {
        check_status_present(cx, input, variant);
        check_transparent_shape(cx, variant);
        check_placeholders(cx, variant);
        check_translations(cx, input, variant);
        check_details(cx, variant);
    }
    check_one_status_per_code(cx, input);
}

/// Every non-transparent variant needs a status, its own or the enum's default:
/// there is no sensible status to guess.
fn check_status_present(cx: &Ctxt, input: &Input, variant: &Variant) {
    let given = !variant.has_own_code() || input.status_of(variant).is_some();
    if given || variant.attrs.had_errors {
        return;
    }
    let msg = match (variant.attrs.original, variant.original) {
        (Some(_), Some(_)) => "missing `status` in #[api(...)]; add `status = 404` (an HTTP error status), or give the enum a default with #[api(status = ...)] on it".to_owned(),
        (Some(_), None) => "missing `status` in #[api(...)]; add `status = 404` (an HTTP error status)".to_owned(),
        (None, Some(_)) => format!(
            "missing #[api(status = ...)] on {}; give it an HTTP error status, or give the enum a default with #[api(status = ...)] on it",
            variant.describe()
        ),
        (None, None) => format!(
            "missing #[api(status = ...)] on {}; give it an HTTP error status",
            variant.describe()
        ),
    };
    cx.error_spanned_by(variant.missing_tokens(), msg);
}

/// A transparent variant forwards to one field: its only field, or the one
/// marked `#[api(transparent)]` when it carries more (context for logs). With
/// none, or several candidates, there is nothing unambiguous to forward to.
fn check_transparent_shape(cx: &Ctxt, variant: &Variant) {
    let marked: Vec<&Path> = variant
        .fields
        .iter()
        .filter_map(|field| field.attrs.transparent.as_ref())
        .collect();
    let Some(transparent) = &variant.attrs.transparent else {
        let site = if variant.original.is_some() {
            "its variant"
        } else {
            "the struct"
        };
        for path in marked {
            cx.error_spanned_by(
                path,
                format!("`transparent` on a field needs #[api(transparent)] on {site} too"),
            );
        }
        return;
    };
    let count = variant.fields.len();
    if count == 0 {
        cx.error_spanned_by(
            transparent,
            format!(
                "`transparent` needs a field to forward to, but {} has no fields",
                variant.describe()
            ),
        );
    } else if count > 1 && marked.is_empty() {
        cx.error_spanned_by(
            transparent,
            format!(
                "`transparent` on {} with {} needs to know which one it forwards to; mark it #[api(transparent)]",
                variant.describe(),
                fields(count)
            ),
        );
    }
    for again in marked.iter().skip(1) {
        cx.error_spanned_by(
            again,
            format!(
                "{} already forwards to another field; mark only one field #[api(transparent)]",
                variant.describe()
            ),
        );
    }
    if let Some(from) = &variant.attrs.from
        && count > 1
    {
        cx.error_spanned_by(
            from,
            format!(
                "`from` needs a variant with only the field it forwards to, but {} has {}; `From` could not fill the others",
                variant.describe(),
                fields(count)
            ),
        );
    }
}

/// A header on the enum is sent by every variant, so its value can't name a
/// field of one.
fn check_type_headers(cx: &Ctxt, input: &Input) {
    for header in &input.headers {
        if let Some(placeholder) = header.value.template.placeholders().next() {
            cx.error_at(
                template_span(&header.value.lit, placeholder.offset, placeholder.len),
                format!(
                    "a header on the enum is sent by every variant, so its value cannot write a field (`{}`); put the header on the variants that have the field",
                    placeholder.field
                ),
            );
        }
    }
}

/// Every placeholder in `msg` or a header value names a field of its variant.
fn check_placeholders(cx: &Ctxt, variant: &Variant) {
    for msg in variant.templates() {
        check_template(cx, variant, msg);
    }
}

fn check_template(cx: &Ctxt, variant: &Variant, msg: &Msg) {
    for braces in &msg.template.braces {
        if variant.field_for(&braces.field).is_some() {
            let inner = match &braces.field {
                crate::template::FieldRef::Index(index) => index.to_string(),
                crate::template::FieldRef::Named(name) => name.clone(),
            };
            cx.error_at(
                template_span(&msg.lit, braces.offset, braces.len),
                format!(
                    "`{{{inner}}}` is not a placeholder here; write `<{inner}>` to write the field, or `{{{{{inner}}}}}` for the text `{{{inner}}}`"
                ),
            );
        }
    }
    let named =
        matches!(variant.fields.first(), Some(field) if matches!(field.member, Member::Named(_)));
    for placeholder in msg.template.placeholders() {
        if variant.field_for(&placeholder.field).is_some() {
            continue;
        }
        let found = &placeholder.field;
        let who = variant.describe();
        let why = match (found, variant.fields.len()) {
            (_, 0) => format!("placeholder `{found}` refers to a field, but {who} has no fields"),
            (FieldRef::Index(_), _) if named => format!(
                "placeholder `{found}` refers to a field by position, but {who} has named fields; write {}",
                field_names(variant)
            ),
            (FieldRef::Index(index), count) => format!(
                "placeholder `{found}` refers to field {index}, but {who} has {}",
                fields(count)
            ),
            (FieldRef::Named(_), count) if !named => format!(
                "placeholder `{found}` names a field, but the fields of {who} are unnamed; write {}",
                (0..count)
                    .map(|i| format!("`<{i}>`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            (FieldRef::Named(_), _) => format!(
                "placeholder `{found}` does not match any field of {who}; write {}",
                field_names(variant)
            ),
        };
        cx.error_at(
            template_span(&msg.lit, placeholder.offset, placeholder.len),
            why,
        );
    }
}

/// A translation is another language of the default message: it needs that
/// message, its language can't be the default one, and it may write only what
/// the default writes (same field, same kind of format), so no language reveals
/// more to the caller than the reviewed default does.
fn check_translations(cx: &Ctxt, input: &Input, variant: &Variant) {
    let Some(first) = variant.attrs.translations.first() else {
        return;
    };
    let default_lang = input.default_lang();
    let Some(msg) = &variant.attrs.msg else {
        if variant.attrs.transparent.is_none() && !variant.attrs.had_errors {
            cx.error_at(
                first.lang.span,
                format!(
                    "`msg(...)` translates the default message, but {} has no `msg`; add `msg = \"...\"` in the type's language (`{default_lang}`)",
                    variant.describe()
                ),
            );
        }
        return;
    };
    for translation in &variant.attrs.translations {
        if translation.lang.value.eq_ignore_ascii_case(default_lang) {
            cx.error_at(
                translation.lang.span,
                format!(
                    "`{}` is the type's default language, whose message is `msg = \"...\"`; remove this one, or name another default with #[api(lang = \"...\")] on the type",
                    translation.lang.value
                ),
            );
        }
        for placeholder in translation.msg.template.placeholders() {
            let in_default = msg.template.placeholders().any(|own| {
                same_field(variant, &own.field, &placeholder.field)
                    && format_kind(&own.format) == format_kind(&placeholder.format)
            });
            if !in_default {
                cx.error_at(
                    template_span(&translation.msg.lit, placeholder.offset, placeholder.len),
                    format!(
                        "placeholder `{}` in the `{}` message is not in the default message; a translation may write only the fields the default `msg` writes, in the same way (`<field>`, `<field:?>` or `<field:sep>`)",
                        &translation.msg.lit.value()[placeholder.offset..placeholder.offset + placeholder.len],
                        translation.lang.value
                    ),
                );
            }
        }
    }
}

fn same_field(variant: &Variant, a: &FieldRef, b: &FieldRef) -> bool {
    match (variant.field_for(a), variant.field_for(b)) {
        (Some(a), Some(b)) => a.member == b.member,
        _ => false,
    }
}

/// Display, Debug or a join, whatever the separator (a separator is text).
fn format_kind(format: &Format) -> u8 {
    match format {
        Format::Display => 0,
        Format::Debug => 1,
        Format::Join(_) => 2,
    }
}

/// A variant has at most one `details` field, and a transparent variant none: its
/// sub-errors are the inner error's, and a second source would be ambiguous.
fn check_details(cx: &Ctxt, variant: &Variant) {
    let mut marked = variant
        .fields
        .iter()
        .filter_map(|field| field.attrs.details.as_ref());
    let Some(first) = marked.next() else {
        return;
    };
    if variant.attrs.transparent.is_some() {
        cx.error_spanned_by(
            first,
            format!(
                "`details` cannot be used in transparent {}; its sub-errors are those of the error it forwards to",
                variant.describe()
            ),
        );
    }
    for again in marked {
        cx.error_spanned_by(
            again,
            format!(
                "{} already has a `details` field; mark only one field #[api(details)]",
                variant.describe()
            ),
        );
    }
}

/// One code means one HTTP status: clients route on the code, so the same code
/// with two statuses in one type is a contradiction. Same code, same status is fine
/// (two variants may give the same code different messages).
fn check_one_status_per_code(cx: &Ctxt, input: &Input) {
    let mut seen: HashMap<String, (u16, &Variant)> = HashMap::new();
    for variant in input.variants() {
        if !variant.has_own_code() {
            continue;
        }
        let Some(status) = input.status_of(variant) else {
            continue;
        };
        let code = variant.code();
        match seen.get(&code) {
            Some(&(first_status, first)) if first_status != status => cx.error_at(
                variant.code_span(),
                format!(
                    "error code `{code}` has status {status} here but {first_status} on {}; a code must always have the same HTTP status",
                    first.describe()
                ),
            ),
            Some(_) => {}
            None => {
                seen.insert(code, (status, variant));
            }
        }
    }
}

fn fields(count: usize) -> String {
    match count {
        0 => "no fields".to_owned(),
        1 => "1 field".to_owned(),
        n => format!("{n} fields"),
    }
}

fn field_names(variant: &Variant) -> String {
    let names: Vec<String> = variant
        .fields
        .iter()
        .filter_map(crate::ast::Field::unraw_name)
        .map(|name| format!("`<{name}>`"))
        .collect();
    names.join(" or ")
}
