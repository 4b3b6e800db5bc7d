//! Code generation. Runs only on input that passed validation, so it reports
//! nothing. It emits per-variant data (code, status, catalogue entries) and one
//! message writer; serialization, ids and HTTP glue live in the runtime.

use crate::ast::{Input, Shape, Variant};
use crate::attr::Msg;
use crate::attr::template_span;
use crate::ctxt::Ctxt;
use crate::generics::{InferredBounds, ParamsInScope};
use crate::template::{FieldRef, Format, Segment};
use crate::{Private, fallback, valid};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt::Write as _;
use syn::spanned::Spanned as _;
use syn::{DeriveInput, Ident, Type, WhereClause};

pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let parsed = Input::from_syn(&cx, input);
    if let Some(parsed) = &parsed {
        valid::check(&cx, parsed);
    }
    match cx.check() {
        Ok(()) => parsed.map(|parsed| impl_input(&parsed)).unwrap_or_default(),
        // The best-effort tree tells the fallback which impls user code may rely on.
        Err(error) => fallback::expand(input, parsed.as_ref(), error),
    }
}

fn impl_input(input: &Input) -> TokenStream {
    let private = &input.private;
    let ident = &input.original.ident;
    let generics = &input.original.generics;
    let (impl_generics, ty_generics, _) = generics.split_for_impl();

    let params = ParamsInScope::new(generics);
    let mut bounds = InferredBounds::default();
    for variant in input.variants() {
        infer_bounds(private, variant, &params, &mut bounds);
    }
    let where_clause = bounds.augment_where_clause(generics);

    let variants = input.variants();
    let scrutinee = if variants.is_empty() {
        quote!(*self)
    } else {
        quote!(self)
    };
    let code_arms = variants.iter().map(|variant| {
        let pat = pattern(input, variant, Binds::Transparent);
        if let Some(inner) = forwarded_binding(variant) {
            quote!(#pat => #private::ApiError::code(#inner),)
        } else {
            let code = variant.code();
            quote!(#pat => #code,)
        }
    });
    let status_arms = variants.iter().map(|variant| {
        let pat = pattern(input, variant, Binds::Transparent);
        if let Some(inner) = forwarded_binding(variant) {
            quote!(#pat => #private::ApiError::status(#inner),)
        } else {
            let status = status(input, variant);
            quote!(#pat => #status,)
        }
    });
    let message_arms = variants.iter().map(|variant| {
        let pat = pattern(input, variant, Binds::Message);
        let body = message_body(input, variant);
        quote!(#pat => { #body })
    });
    let field_traits = field_traits(private);
    let headers = impl_headers(input, &scrutinee);
    let details = impl_details(input, &scrutinee);
    let link = impl_link(input, &scrutinee);
    let languages = impl_languages(input, &scrutinee);
    let values = crate::values::impl_message_values(input, &scrutinee);
    let generic_check = generic_catalog_check(input);
    let catalog = impl_catalog(input, where_clause.as_ref());
    let display = impl_display(input, where_clause.as_ref());
    let from_impls = impl_from(input);
    let reserved_headers = reserved_header_checks(input);

    // The runtime turns this into the axum / actix-web impls when those features
    // are on, and into nothing otherwise: the user's crate can't see our features.
    let web_where = with_trailing_comma(where_clause.as_ref());
    let web = quote! {
        #private::__web_impls! { [#impl_generics] [#ident #ty_generics] [#web_where] }
        #private::__openapi_impls! { [#impl_generics] [#ident #ty_generics] [#web_where] }
    };
    let grpc = crate::grpc::impl_grpc(input, &web_where, where_clause.as_ref());

    quote! {
        #[automatically_derived]
        #[allow(unused_qualifications, deprecated)]
        impl #impl_generics #private::ApiError for #ident #ty_generics #where_clause {
            fn code(&self) -> &'static ::core::primitive::str {
                match #scrutinee {
                    #(#code_arms)*
                }
            }

            fn status(&self) -> ::core::primitive::u16 {
                #generic_check
                match #scrutinee {
                    #(#status_arms)*
                }
            }

            #[allow(clippy::used_underscore_binding)]
            fn write_message(
                &self,
                __w: &mut #private::MessageWriter<'_>,
            ) -> ::core::fmt::Result {
                #field_traits
                match #scrutinee {
                    #(#message_arms)*
                }
            }

            #headers

            #details

            #link

            #languages

            #values
        }

        #catalog

        #reserved_headers

        #display

        #(#from_impls)*

        #web

        #grpc
    }
}

/// `Display` for every field that a template writes, `ApiError` and `Catalog` for
/// a transparent field, when its type mentions a type parameter.
fn infer_bounds(
    private: &Private,
    variant: &Variant,
    params: &ParamsInScope,
    bounds: &mut InferredBounds,
) {
    if let Some(field) = variant.transparent_field() {
        if params.intersects(field.ty) {
            bounds.insert(field.ty, quote!(#private::ApiError + #private::Catalog));
        }
        return;
    }
    for msg in variant.templates() {
        for placeholder in msg.template.placeholders() {
            let Some(field) = variant.field_for(&placeholder.field) else {
                continue;
            };
            let ty = option_inner(field.ty).unwrap_or(field.ty);
            if params.intersects(ty) {
                let bound = match placeholder.format {
                    Format::Display => quote!(::core::fmt::Display),
                    Format::Debug => quote!(::core::fmt::Debug),
                    Format::Join(_) => quote!(#private::WriteJoined),
                };
                bounds.insert(ty, bound);
            }
        }
    }
    for field in &variant.fields {
        if field.attrs.details.is_some() && params.intersects(field.ty) {
            bounds.insert(
                field.ty,
                quote!(#private::DetailItems + #private::DetailCatalog),
            );
        }
    }
}

fn status(input: &Input, variant: &Variant) -> u16 {
    // Validation guarantees a status for every non-transparent variant.
    input.status_of(variant).unwrap_or(500)
}

pub fn variant_path(input: &Input, variant: &Variant) -> TokenStream {
    match input.shape {
        Shape::Enum(_) => {
            let ident = variant.ident;
            quote!(Self::#ident)
        }
        Shape::Struct(_) => quote!(Self),
    }
}

/// Which fields an arm's pattern binds: each arm binds only what it reads, so
/// nothing is unused.
#[derive(Copy, Clone, PartialEq)]
pub enum Binds {
    /// The transparent field, if any.
    Transparent,
    /// The transparent field, or the fields the templates write.
    Message,
    /// The transparent field, or the `details` field.
    Details,
    /// The transparent field, or the fields the `msg` template writes (gRPC metadata).
    Metadata,
}

/// `Self::V { 0: __0, url: __1, .. }`.
pub fn pattern(input: &Input, variant: &Variant, binds: Binds) -> TokenStream {
    let path = variant_path(input, variant);
    let transparent = variant.transparent_field().is_some();
    let bindings = variant.fields.iter().enumerate().filter_map(|(i, field)| {
        let used = transparent
            || match binds {
                Binds::Transparent => false,
                Binds::Message => variant.writes(&field.member),
                Binds::Details => field.attrs.details.is_some(),
                Binds::Metadata => crate::grpc::names(variant, &field.member),
            };
        let member = &field.member;
        let binding = binding(i);
        used.then(|| quote!(#member: #binding,))
    });
    quote!(#path { #(#bindings)* .. })
}

pub fn binding(index: usize) -> Ident {
    format_ident!("__{}", index)
}

/// The binding of the transparent field when the variant also takes its code,
/// status and link from it (no `code` of its own).
fn forwarded_binding(variant: &Variant) -> Option<Ident> {
    if variant.has_own_code() {
        return None;
    }
    transparent_binding(variant)
}

pub fn transparent_binding(variant: &Variant) -> Option<Ident> {
    let field = variant.transparent_field()?;
    let index = variant
        .fields
        .iter()
        .position(|f| f.member == field.member)?;
    Some(binding(index))
}

/// One `write_message` arm: a pre-escaped piece per text segment and a `field`
/// call per placeholder.
fn message_body(input: &Input, variant: &Variant) -> TokenStream {
    let private = &input.private;
    if let Some(inner) = transparent_binding(variant) {
        return quote!(#private::ApiError::write_message(#inner, __w));
    }
    if let Some(msg) = &variant.attrs.msg {
        return template_writes(private, variant, msg);
    }
    let status = status(input, variant);
    quote! {{
        __w.__reason_phrase(#status);
        __w.__finish()
    }}
}

/// The writes of one template into `__w`, ending in its `fmt::Result`.
///
/// A template whose placeholders all write a field with `Display` (the common
/// case) is one call over constant pieces and one argument per placeholder:
/// that type- and borrow-checks in about half the time of a statement per piece
/// (a 1,000-variant enum, BENCHMARKS.md). Other templates (`Debug`, joined or
/// `Option` fields) are a statement per piece; the writer stops by itself at
/// the first failure, so there is one result at the end rather than a `?` each.
fn template_writes(private: &Private, variant: &Variant, msg: &Msg) -> TokenStream {
    if let Some(call) = template_call(variant, msg) {
        return call;
    }
    let writes = msg
        .template
        .segments
        .iter()
        .filter_map(|segment| match segment {
            Segment::Text(text) => {
                let escaped = json_escape(text);
                Some(quote!(__w.__piece(#text, #escaped);))
            }
            Segment::Field(placeholder) => {
                let field = variant.field_for(&placeholder.field)?;
                let index = variant
                    .fields
                    .iter()
                    .position(|f| f.member == field.member)?;
                let span = template_span(&msg.lit, placeholder.offset, placeholder.len);
                Some(field_write(
                    private,
                    &binding(index),
                    field.ty,
                    &placeholder.format,
                    span,
                ))
            }
        });
    quote!(#(#writes)* __w.__finish())
}

/// `__w.__template(&[pieces], &[args])` for a template that writes fields only
/// with `Display` and none of type `Option<..>`; `None` for any other.
pub fn template_call(variant: &Variant, msg: &Msg) -> Option<TokenStream> {
    let mut pieces = Vec::new();
    // One argument per field, named by its first placeholder: the names are
    // what `message_values` hands over, through this same call.
    let mut fields: Vec<usize> = Vec::new();
    let mut names = Vec::new();
    let mut args = Vec::new();
    for segment in &msg.template.segments {
        match segment {
            Segment::Text(text) => {
                let escaped = json_escape(text);
                pieces.push(if escaped == *text {
                    quote!(__Piece::Plain(#text))
                } else {
                    quote!(__Piece::Text(#text, #escaped))
                });
            }
            Segment::Field(placeholder) => {
                let field = variant.field_for(&placeholder.field)?;
                let index = variant
                    .fields
                    .iter()
                    .position(|f| f.member == field.member)?;
                let span = template_span(&msg.lit, placeholder.offset, placeholder.len);
                let arg = display_arg(&placeholder.format, field.ty, &binding(index), span)?;
                let number = if let Some(number) = fields.iter().position(|&seen| seen == index) {
                    number
                } else {
                    fields.push(index);
                    names.push(placeholder_name(&placeholder.field));
                    args.push(arg);
                    fields.len() - 1
                };
                let number = u16::try_from(number).ok()?;
                pieces.push(quote!(__Piece::Field(#number)));
            }
        }
    }
    Some(quote!(__w.__template(&[#(#pieces),*], &[#(#names),*], &[#(#args),*])))
}

/// A placeholder's name as `message_values` gives it: `"0"` for `<0>`,
/// `"name"` for `<name>`.
pub fn placeholder_name(field: &FieldRef) -> String {
    match field {
        FieldRef::Index(index) => index.to_string(),
        FieldRef::Named(name) => name.clone(),
    }
}

/// A placeholder's field as an `Arg` (`__arg()`), for a field written with
/// `Display` that is not an `Option<..>`; `None` for any other.
fn display_arg(format: &Format, ty: &Type, binding: &Ident, span: Span) -> Option<TokenStream> {
    if !matches!(format, Format::Display) || option_inner(ty).is_some() {
        return None;
    }
    Some(if is_string_or_integer(ty) {
        // Strings and integers skip `core::fmt` when the type is what its
        // name says (autoref specialization, see `field_traits`).
        quote!((&__Field(#binding)).__arg())
    } else {
        // Through the trait that says, at the template, what is missing.
        let spanned = Ident::new(&binding.to_string(), span);
        quote_spanned!(span=> __WriteDisplay::__arg(#spanned))
    })
}

/// One placeholder's write. An `Option<..>` field (by its type's name) writes its
/// value or nothing.
pub fn field_write(
    private: &Private,
    binding: &Ident,
    ty: &Type,
    format: &Format,
    span: Span,
) -> TokenStream {
    if let Some(inner) = option_inner(ty) {
        let value = Ident::new("__value", Span::call_site());
        let write = value_write(private, &value, inner, format, span);
        return quote! {
            if let ::core::option::Option::Some(#value) = #binding {
                #write
            }
        };
    }
    value_write(private, binding, ty, format, span)
}

pub fn value_write(
    private: &Private,
    binding: &Ident,
    ty: &Type,
    format: &Format,
    span: Span,
) -> TokenStream {
    // The binding carries the placeholder's span: rustc reports an unmet bound
    // on the argument, and that should point at the template, not the derive.
    let spanned = Ident::new(&binding.to_string(), span);
    match format {
        Format::Display if is_string_or_integer(ty) => {
            // Written without `core::fmt` when the type is what its name says; a
            // user type that shadows the name still goes through its `Display`
            // (the traits are imported once per method, see `field_traits`).
            quote!((&#private::Field(#binding)).__write_field(__w);)
        }
        Format::Display => {
            quote_spanned!(span=> #private::WriteDisplay::__write_display(#spanned, __w);)
        }
        Format::Debug => {
            quote_spanned!(span=> #private::WriteDebug::__write_debug(#spanned, __w);)
        }
        Format::Join(separator) => {
            let escaped = json_escape(separator);
            quote_spanned! {span=>
                #private::WriteJoined::__write_joined(#spanned, __w, #separator, #escaped);
            }
        }
    }
}

/// `T` of a field whose type is spelled `Option<T>` (or `core::option::Option<T>`).
pub fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if path.qself.is_some() || last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(inner)) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// Brings the field-writing traits into scope in a method that writes templates.
pub fn field_traits(private: &Private) -> TokenStream {
    quote! {
        #[allow(unused_imports)]
        use #private::{
            ArgDisplay as _, ArgFast as _, Field as __Field, Piece as __Piece,
            WriteDisplay as __WriteDisplay, WriteFieldDisplay as _, WriteFieldFast as _,
        };
    }
}

/// `String`, `str`, `&str` and the primitive integers, by name.
fn is_string_or_integer(ty: &Type) -> bool {
    const NAMES: &[&str] = &[
        "String", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64",
        "i128", "isize",
    ];
    match ty {
        Type::Group(group) => is_string_or_integer(&group.elem),
        Type::Paren(paren) => is_string_or_integer(&paren.elem),
        Type::Reference(reference) => {
            matches!(&*reference.elem, Type::Path(path) if path.qself.is_none() && path.path.is_ident("str"))
        }
        Type::Path(path) if path.qself.is_none() => path.path.segments.last().is_some_and(|last| {
            last.arguments.is_empty() && NAMES.iter().any(|name| last.ident == name)
        }),
        _ => false,
    }
}

/// The text as it appears inside a JSON string, with `serde_json`'s escapes.
pub(crate) fn json_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// `languages()` and `write_message_in()`, when the type has more languages than
/// the trait's default `en` or forwards to a member. A translation is a table of
/// pieces per language plus one field writer per variant; without translations a
/// variant writes its default message.
fn impl_languages(input: &Input, scrutinee: &TokenStream) -> Option<TokenStream> {
    if !input.is_multilingual() {
        return None;
    }
    let private = &input.private;
    let default_lang = input.default_lang();
    let variants = input.variants();
    let language_arms = variants.iter().map(|variant| {
        let pat = pattern(input, variant, Binds::Transparent);
        if let Some(inner) = transparent_binding(variant) {
            return quote!(#pat => #private::ApiError::languages(#inner),);
        }
        let more = variant
            .attrs
            .translations
            .iter()
            .map(|translation| &translation.lang.value);
        quote!(#pat => &[#default_lang #(, #more)*],)
    });
    let message_arms = variants.iter().map(|variant| {
        if let Some(inner) = transparent_binding(variant) {
            let pat = pattern(input, variant, Binds::Transparent);
            return quote!(#pat => #private::ApiError::write_message_in(#inner, __lang, __w),);
        }
        if variant.attrs.translations.is_empty() {
            let pat = pattern(input, variant, Binds::Transparent);
            return quote!(#pat => #private::ApiError::write_message(self, __w),);
        }
        let pat = pattern(input, variant, Binds::Message);
        let body = translated_body(private, variant);
        quote!(#pat => { #body })
    });
    let field_traits = field_traits(private);
    Some(quote! {
        fn languages(&self) -> &'static [&'static ::core::primitive::str] {
            match #scrutinee {
                #(#language_arms)*
            }
        }

        #[allow(clippy::used_underscore_binding)]
        fn write_message_in(
            &self,
            __lang: &::core::primitive::str,
            __w: &mut #private::MessageWriter<'_>,
        ) -> ::core::fmt::Result {
            #field_traits
            match #scrutinee {
                #(#message_arms)*
            }
        }
    })
}

/// One variant's translations: a `const` table of pre-escaped pieces per
/// language, and one writer for the fields they name, numbered in the order
/// the translations first write them.
fn translated_body(private: &Private, variant: &Variant) -> TokenStream {
    let mut fields_written: Vec<(usize, &Format, Span, &Type)> = Vec::new();
    let tables = variant.attrs.translations.iter().map(|translation| {
        let lang = &translation.lang.value;
        let msg = &translation.msg;
        let pieces = msg
            .template
            .segments
            .iter()
            .filter_map(|segment| match segment {
                Segment::Text(text) => {
                    let escaped = json_escape(text);
                    Some(quote!(#private::Piece::Text(#text, #escaped)))
                }
                Segment::Field(placeholder) => {
                    let field = variant.field_for(&placeholder.field)?;
                    let index = variant
                        .fields
                        .iter()
                        .position(|f| f.member == field.member)?;
                    let number = fields_written
                        .iter()
                        .position(|(i, format, ..)| *i == index && **format == placeholder.format)
                        .unwrap_or_else(|| {
                            let span = template_span(&msg.lit, placeholder.offset, placeholder.len);
                            fields_written.push((index, &placeholder.format, span, field.ty));
                            fields_written.len() - 1
                        });
                    let number = u16::try_from(number).unwrap_or(u16::MAX);
                    Some(quote!(#private::Piece::Field(#number)))
                }
            });
        let pieces: Vec<TokenStream> = pieces.collect();
        quote!(#private::Translation { lang: #lang, pieces: &[#(#pieces),*] })
    });
    let tables: Vec<TokenStream> = tables.collect();
    let writes: Vec<TokenStream> = fields_written
        .iter()
        .map(|(index, format, span, ty)| field_write(private, &binding(*index), ty, format, *span))
        .collect();
    let field_writer = match writes.as_slice() {
        [] => quote!(&mut |_: ::core::primitive::u16, _: &mut #private::MessageWriter<'_>| {}),
        [only] => quote! {
            &mut |_: ::core::primitive::u16, __w: &mut #private::MessageWriter<'_>| { #only }
        },
        many => {
            let numbers = (0..many.len()).map(|n| u16::try_from(n).unwrap_or(u16::MAX));
            quote! {
                &mut |__n: ::core::primitive::u16, __w: &mut #private::MessageWriter<'_>| match __n {
                    #(#numbers => { #many })*
                    _ => {}
                }
            }
        }
    };
    quote! {
        const __TRANSLATIONS: &[#private::Translation] = &[#(#tables),*];
        match #private::find_translation(__TRANSLATIONS, __lang) {
            ::core::option::Option::Some(__pieces) => __w.__translated(__pieces, #field_writer),
            ::core::option::Option::None => #private::ApiError::write_message(self, __w),
        }
    }
}

/// `headers()`, when some variant or the enum declares a header, or a variant
/// forwards to a member. A header of the enum is sent by every variant without
/// its own header of that name (for a transparent variant: unless the member
/// sends one).
fn impl_headers(input: &Input, scrutinee: &TokenStream) -> Option<TokenStream> {
    let private = &input.private;
    let variants = input.variants();
    let needed = !input.headers.is_empty()
        || variants
            .iter()
            .any(|v| !v.attrs.headers.is_empty() || v.transparent_field().is_some());
    if !needed {
        return None;
    }
    let type_headers: Vec<(String, String)> = input
        .headers
        .iter()
        .map(|header| {
            let text = header.value.template.plain_text().unwrap_or_default();
            (header.name.value(), text)
        })
        .collect();
    let arms = variants.iter().map(|variant| {
        let pat = pattern(input, variant, Binds::Message);
        if let Some(inner) = transparent_binding(variant) {
            if type_headers.is_empty() {
                return quote!(#pat => #private::ApiError::headers(#inner, __header),);
            }
            let defaults = type_headers
                .iter()
                .map(|(name, value)| quote!((#name, #value)));
            return quote! {
                #pat => #private::forward_headers(#inner, &[#(#defaults),*], __header),
            };
        }
        let calls = variant.attrs.headers.iter().map(|header| {
            let name = &header.name;
            let writes = template_writes(private, variant, &header.value);
            quote! {
                __header(
                    #name,
                    &#private::DisplayFn::new(|__w: &mut #private::MessageWriter<'_>| { #writes }),
                );
            }
        });
        let defaults = type_headers
            .iter()
            .filter(|(name, _)| {
                !variant
                    .attrs
                    .headers
                    .iter()
                    .any(|own| own.name.value().eq_ignore_ascii_case(name))
            })
            .map(|(name, value)| quote!(__header(#name, &#value);));
        quote!(#pat => { #(#calls)* #(#defaults)* })
    });
    let field_traits = field_traits(private);
    Some(quote! {
        #[allow(clippy::used_underscore_binding)]
        fn headers(
            &self,
            __header: &mut dyn ::core::ops::FnMut(&'static ::core::primitive::str, &dyn ::core::fmt::Display),
        ) {
            #field_traits
            match #scrutinee {
                #(#arms)*
            }
        }
    })
}

/// `link()`, when some variant has a link (its own or from `link_base`) or
/// forwards to a member.
fn impl_link(input: &Input, scrutinee: &TokenStream) -> Option<TokenStream> {
    let private = &input.private;
    let variants = input.variants();
    let needed = variants.iter().any(|v| {
        forwarded_binding(v).is_some() || (v.has_own_code() && input.link_of(v).is_some())
    });
    if !needed {
        return None;
    }
    let arms = variants.iter().map(|variant| {
        let pat = pattern(input, variant, Binds::Transparent);
        if let Some(inner) = forwarded_binding(variant) {
            return quote!(#pat => #private::ApiError::link(#inner),);
        }
        let link = optional_link(input, variant);
        quote!(#pat => #link,)
    });
    Some(quote! {
        fn link(&self) -> ::core::option::Option<&'static ::core::primitive::str> {
            match #scrutinee {
                #(#arms)*
            }
        }
    })
}

/// `details()`, when some variant has a `details` field or forwards to a member.
fn impl_details(input: &Input, scrutinee: &TokenStream) -> Option<TokenStream> {
    let private = &input.private;
    let variants = input.variants();
    let needed = variants
        .iter()
        .any(|v| v.details_field().is_some() || v.transparent_field().is_some());
    if !needed {
        return None;
    }
    let arms = variants.iter().map(|variant| {
        let pat = pattern(input, variant, Binds::Details);
        if let Some(inner) = transparent_binding(variant) {
            return quote!(#pat => #private::ApiError::details(#inner, __detail),);
        }
        let Some(index) = variant
            .fields
            .iter()
            .position(|field| field.attrs.details.is_some())
        else {
            return quote!(#pat => {});
        };
        let field = &variant.fields[index];
        // Spanned at the field's type: a type that can't hold sub-errors is
        // reported there.
        let binding = Ident::new(&binding(index).to_string(), field.ty.span());
        quote_spanned! {field.ty.span()=>
            #pat => #private::DetailItems::__for_each_detail(#binding, __detail),
        }
    });
    Some(quote! {
        #[allow(clippy::used_underscore_binding)]
        fn details(&self, __detail: &mut dyn ::core::ops::FnMut(&dyn #private::ErrorDetail)) {
            match #scrutinee {
                #(#arms)*
            }
        }
    })
}

/// `Catalog::DETAILS`: the catalogue of each `details` field's type and each
/// transparent member's `DETAILS`, in declaration order.
fn catalog_details(input: &Input) -> Option<TokenStream> {
    let private = &input.private;
    let nodes: Vec<TokenStream> = input
        .variants()
        .iter()
        .filter_map(|variant| {
            if let Some(field) = variant.transparent_field() {
                let ty = field.ty;
                return Some(
                    quote!(#private::CatalogNode::Nested(<#ty as #private::Catalog>::DETAILS)),
                );
            }
            let ty = variant.details_field()?.ty;
            Some(quote_spanned! {ty.span()=>
                #private::CatalogNode::Nested(<#ty as #private::DetailCatalog>::CATALOG)
            })
        })
        .collect();
    (!nodes.is_empty())
        .then(|| quote!(const DETAILS: &'static [#private::CatalogNode] = &[#(#nodes),*];))
}

/// One variant's catalogue node: its own entry (code, status, template, the
/// templates of later variants with the same code, link), the member's
/// catalogue in place for a transparent variant, or for a transparent variant
/// with its own code an entry whose templates are the member's.
fn catalog_node(
    input: &Input,
    shared: &SharedCodes,
    index: usize,
    variant: &Variant,
) -> TokenStream {
    let private = &input.private;
    if let Some(field) = variant.transparent_field() {
        let ty = field.ty;
        let inner = quote!(<#ty as #private::Catalog>::CATALOG);
        if !variant.has_own_code() {
            return quote!(#private::CatalogNode::Nested(#inner));
        }
        return catalog_entry(
            input,
            variant,
            &quote!(#private::first_template(#inner)),
            Some(&quote!(#private::Templates::after_first(#inner))),
        );
    }
    // Later variants with the same code: their templates join the first's entry
    // (a many-to-one table); their own entries are never listed.
    let more: Vec<TokenStream> = shared
        .later_with_same_code(index)
        .iter()
        .map(|&later| own_template(input, &input.variants()[later]))
        .collect();
    // None is what `CatalogEntry::new` starts with: a call saved per entry.
    let more_templates =
        (!more.is_empty()).then(|| quote!(#private::Templates::list(&[#(#more),*])));
    catalog_entry(
        input,
        variant,
        &own_template(input, variant),
        more_templates.as_ref(),
    )
}

/// For each variant with its own code that is the first with that code, the
/// later ones sharing it: found in one pass, so a large table stays linear.
struct SharedCodes {
    later: HashMap<usize, Vec<usize>>,
}

impl SharedCodes {
    fn new(input: &Input) -> Self {
        let mut first: HashMap<String, usize> = HashMap::new();
        let mut later: HashMap<usize, Vec<usize>> = HashMap::new();
        for (index, variant) in input.variants().iter().enumerate() {
            if variant.transparent_field().is_some() {
                continue;
            }
            match first.entry(variant.code()) {
                Entry::Occupied(seen) => later.entry(*seen.get()).or_default().push(index),
                Entry::Vacant(slot) => {
                    slot.insert(index);
                }
            }
        }
        SharedCodes { later }
    }

    fn later_with_same_code(&self, index: usize) -> &[usize] {
        self.later.get(&index).map_or(&[], Vec::as_slice)
    }
}

fn own_template(input: &Input, variant: &Variant) -> TokenStream {
    let private = &input.private;
    let status = status(input, variant);
    variant.attrs.msg.as_ref().map_or_else(
        || quote!(#private::default_message(#status)),
        |msg| msg.lit.to_token_stream(),
    )
}

/// `Some("link")` or `None`, for a variant with its own code.
fn optional_link(input: &Input, variant: &Variant) -> TokenStream {
    input.link_of(variant).map_or_else(
        || quote!(::core::option::Option::None),
        |link| quote!(::core::option::Option::Some(#link)),
    )
}

fn catalog_entry(
    input: &Input,
    variant: &Variant,
    template: &TokenStream,
    more_templates: Option<&TokenStream>,
) -> TokenStream {
    let private = &input.private;
    let more_templates = more_templates.map(|more| quote!(.with_more_templates(#more)));
    let code = variant.code();
    let status = status(input, variant);
    let link = input.link_of(variant).map(|link| quote!(.with_link(#link)));
    // A transparent variant with its own code writes its member's message, in
    // the member's languages: its entry lists none of its own.
    let translations = (variant.transparent_field().is_none()
        && (input.lang.is_some() || !variant.attrs.translations.is_empty()))
    .then(|| {
        let lang = input.default_lang();
        let pairs = variant.attrs.translations.iter().map(|translation| {
            let tag = &translation.lang.value;
            let lit = &translation.msg.lit;
            quote!((#tag, #lit))
        });
        quote!(.with_translations(#lang, &[#(#pairs),*]))
    });
    let headers = catalog_headers(input, variant);
    quote! {
        #private::CatalogNode::Entry(
            #private::CatalogEntry::new(#code, #status, #template)
                #more_templates
                #link
                #translations
                #headers
        )
    }
}

/// `.with_headers(&[..])`: the names of the headers a variant sets, its own then
/// the type's, for the catalogue (a transparent variant's come from its member).
fn catalog_headers(input: &Input, variant: &Variant) -> Option<TokenStream> {
    if variant.transparent_field().is_some() {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    for header in variant.attrs.headers.iter().chain(&input.headers) {
        let name = header.name.value();
        if !names.iter().any(|seen| seen.eq_ignore_ascii_case(&name)) {
            names.push(name);
        }
    }
    (!names.is_empty()).then(|| quote!(.with_headers(&[#(#names),*])))
}

/// The type's `Catalog`: its entries in declaration order, transparent members
/// nested in place, plus the compile-time check that a code keeps one status
/// across those members.
fn impl_catalog(input: &Input, where_clause: Option<&WhereClause>) -> TokenStream {
    let private = &input.private;
    let ident = &input.original.ident;
    let generics = &input.original.generics;
    let (impl_generics, ty_generics, _) = generics.split_for_impl();
    let details = catalog_details(input);
    let shared = SharedCodes::new(input);
    let nodes = input
        .variants()
        .iter()
        .enumerate()
        .map(|(index, variant)| catalog_node(input, &shared, index, variant));
    // Direct variants were checked by `valid.rs`; only transparent members can
    // bring a conflict that just const evaluation can see. A generic type is
    // checked in `status()`, per instantiation (see `generic_catalog_check`).
    let check = (has_transparent(input) && generics.params.is_empty()).then(|| {
        let report = report_conflict(input, &quote!(<#ident as #private::Catalog>::CATALOG));
        quote! {
            const _: () = #report;
        }
    });
    quote! {
        #[automatically_derived]
        #[allow(unused_qualifications)]
        impl #impl_generics #private::Catalog for #ident #ty_generics #where_clause {
            const CATALOG: &'static [#private::CatalogNode] = &[#(#nodes),*];
            #details
        }

        #check
    }
}

pub fn impl_display(input: &Input, where_clause: Option<&WhereClause>) -> Option<TokenStream> {
    input.display.as_ref()?;
    let private = &input.private;
    let ident = &input.original.ident;
    let (impl_generics, ty_generics, _) = input.original.generics.split_for_impl();
    let mut error_where = where_clause
        .cloned()
        .unwrap_or_else(|| syn::parse_quote!(where));
    error_where
        .predicates
        .push(syn::parse_quote!(#ident #ty_generics: ::core::fmt::Debug));
    Some(quote! {
        #[automatically_derived]
        impl #impl_generics ::core::fmt::Display for #ident #ty_generics #where_clause {
            fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&#private::ApiError::message(self), __formatter)
            }
        }

        #[automatically_derived]
        impl #impl_generics ::core::error::Error for #ident #ty_generics #error_where {}
    })
}

pub fn impl_from(input: &Input) -> impl Iterator<Item = TokenStream> {
    let ident = &input.original.ident;
    let generics = &input.original.generics;
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    input.variants().iter().filter_map(move |variant| {
        variant.attrs.from.as_ref()?;
        let field = variant.transparent_field()?;
        // `From` can fill only the source; more fields are an error (and the
        // fallback must not add a second one).
        if variant.fields.len() != 1 {
            return None;
        }
        let ty = field.ty;
        let member = &field.member;
        let path = variant_path(input, variant);
        Some(quote! {
            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#ty> for #ident #ty_generics #where_clause {
                fn from(source: #ty) -> Self {
                    #path { #member: source }
                }
            }
        })
    })
}

fn has_transparent(input: &Input) -> bool {
    input
        .variants()
        .iter()
        .any(|v| v.transparent_field().is_some())
}

/// For a generic type with transparent members, the catalogue check as an inline
/// const in `status()`: evaluated for every instantiation whose `status` is
/// compiled (an item-level `const _` cannot name the type's parameters).
fn generic_catalog_check(input: &Input) -> Option<TokenStream> {
    let private = &input.private;
    (has_transparent(input) && !input.original.generics.params.is_empty()).then(|| {
        let report = report_conflict(input, &quote!(<Self as #private::Catalog>::CATALOG));
        quote! {
            const { #report };
        }
    })
}

/// The catalogue check as a block that fails const evaluation at the
/// transparent variant that brings a conflict: the panic is in the user's own
/// const, with that variant's span, so rustc points there and not into the
/// runtime.
fn report_conflict(input: &Input, catalog: &TokenStream) -> TokenStream {
    let private = &input.private;
    let reports = input
        .variants()
        .iter()
        .enumerate()
        .filter(|(_, variant)| variant.transparent_field().is_some())
        .map(|(index, variant)| {
            let span = variant.ident.span();
            quote_spanned! {span=>
                ::core::assert!(!__check.conflict_at(#index), "{}", __check.message());
            }
        });
    // Reached only by a catalogue whose conflict is between two own entries,
    // which validation rules out for derived types; reported at the type.
    let span = input.original.ident.span();
    let fallback = quote_spanned! {span=>
        ::core::assert!(!__check.is_conflict(), "{}", __check.message());
    };
    quote! {{
        let __check = #private::check_catalog(#catalog);
        #(#reports)*
        #fallback
    }}
}

/// For each `header("Name", ...)`, a const assertion that the name is not one
/// the runtime sets itself. The list lives in the runtime (one list for the
/// derive and the web layer), so only const evaluation in the user's crate can
/// read it; the assertion is spanned at the name's literal, so rustc points
/// there, and its message names the header.
fn reserved_header_checks(input: &Input) -> TokenStream {
    let private = &input.private;
    let names = input
        .headers
        .iter()
        .chain(input.variants().iter().flat_map(|v| &v.attrs.headers))
        .map(|header| &header.name);
    let checks = names.map(|name| {
        let message = format!(
            "header `{}` is set by rest-error itself; remove it from #[api(...)]",
            name.value()
        );
        quote_spanned! {name.span()=>
            const _: () = ::core::assert!(!#private::header_is_reserved(#name), #message);
        }
    });
    quote!(#(#checks)*)
}

/// `where A: B, C: D,` (or just `where`), so a macro can append predicates.
pub fn with_trailing_comma(where_clause: Option<&WhereClause>) -> TokenStream {
    let predicates = where_clause
        .into_iter()
        .flat_map(|clause| &clause.predicates);
    quote!(where #(#predicates,)*)
}
