//! Code generation. Runs only on input that passed validation, so it reports
//! nothing. It emits per-variant data (code, status, catalogue entries) and one
//! message writer; serialization, ids and HTTP glue live in the runtime.

use crate::ast::{Input, Shape, Variant};
use crate::attr::Msg;
use crate::ctxt::Ctxt;
use crate::generics::{InferredBounds, ParamsInScope};
use crate::template::Segment;
use crate::{fallback, private, valid};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use std::fmt::Write as _;
use syn::{DeriveInput, Ident, Type, WhereClause};

pub fn derive(input: &DeriveInput) -> TokenStream {
    match try_expand(input) {
        Ok(expanded) => expanded,
        Err(error) => fallback::expand(input, error),
    }
}

fn try_expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let cx = Ctxt::new();
    let parsed = Input::from_syn(&cx, input);
    if let Some(parsed) = &parsed {
        valid::check(&cx, parsed);
    }
    cx.check()?;
    Ok(parsed.map(|parsed| impl_input(&parsed)).unwrap_or_default())
}

fn impl_input(input: &Input) -> TokenStream {
    let ident = &input.original.ident;
    let generics = &input.original.generics;
    let (impl_generics, ty_generics, _) = generics.split_for_impl();

    let params = ParamsInScope::new(generics);
    let mut bounds = InferredBounds::default();
    for variant in input.variants() {
        infer_bounds(variant, &params, &mut bounds);
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
        if let Some(inner) = transparent_binding(variant) {
            quote!(#pat => #private::ApiError::code(#inner),)
        } else {
            let code = variant.code();
            quote!(#pat => #code,)
        }
    });
    let status_arms = variants.iter().map(|variant| {
        let pat = pattern(input, variant, Binds::Transparent);
        if let Some(inner) = transparent_binding(variant) {
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
    let field_traits = field_traits();
    let headers = impl_headers(input, &scrutinee);
    let generic_check = generic_catalog_check(input);
    let catalog = impl_catalog(input, where_clause.as_ref());
    let display = impl_display(input, where_clause.as_ref());
    let from_impls = impl_from(input);

    // The runtime turns this into the axum / actix-web impls when those features
    // are on, and into nothing otherwise: the user's crate can't see our features.
    let web_where = with_trailing_comma(where_clause.as_ref());
    let web = quote! {
        #private::__web_impls! { [#impl_generics] [#ident #ty_generics] [#web_where] }
    };

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
        }

        #catalog

        #display

        #(#from_impls)*

        #web
    }
}

/// `Display` for every field that a template writes, `ApiError` and `Catalog` for
/// a transparent field, when its type mentions a type parameter.
fn infer_bounds(variant: &Variant, params: &ParamsInScope, bounds: &mut InferredBounds) {
    if let Some(field) = variant.transparent_field() {
        if params.intersects(field.ty) {
            bounds.insert(field.ty, quote!(#private::ApiError + #private::Catalog));
        }
        return;
    }
    for field in &variant.fields {
        if variant.writes(&field.member) && params.intersects(field.ty) {
            bounds.insert(field.ty, quote!(::core::fmt::Display));
        }
    }
}

fn status(input: &Input, variant: &Variant) -> u16 {
    // Validation guarantees a status for every non-transparent variant.
    input.status_of(variant).unwrap_or(500)
}

fn variant_path(input: &Input, variant: &Variant) -> TokenStream {
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
enum Binds {
    /// The transparent field, if any.
    Transparent,
    /// The transparent field, or the fields the templates write.
    Message,
}

/// `Self::V { 0: __0, url: __1, .. }`.
fn pattern(input: &Input, variant: &Variant, binds: Binds) -> TokenStream {
    let path = variant_path(input, variant);
    let transparent = variant.transparent_field().is_some();
    let bindings = variant.fields.iter().enumerate().filter_map(|(i, field)| {
        let used = transparent || (binds == Binds::Message && variant.writes(&field.member));
        let member = &field.member;
        let binding = binding(i);
        used.then(|| quote!(#member: #binding,))
    });
    quote!(#path { #(#bindings)* .. })
}

fn binding(index: usize) -> Ident {
    format_ident!("__{}", index)
}

fn transparent_binding(variant: &Variant) -> Option<Ident> {
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
    if let Some(inner) = transparent_binding(variant) {
        return quote!(#private::ApiError::write_message(#inner, __w));
    }
    if let Some(msg) = &variant.attrs.msg {
        return template_writes(variant, msg);
    }
    let status = status(input, variant);
    quote! {{
        __w.__reason_phrase(#status);
        __w.__finish()
    }}
}

/// The writes of one template into `__w`, ending in its `fmt::Result`. The writer
/// stops by itself at the first failure, so there is one result at the end rather
/// than a `?` per piece (which made large enums slow to compile).
fn template_writes(variant: &Variant, msg: &Msg) -> TokenStream {
    let span = msg.lit.span();
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
                Some(field_write(&binding(index), field.ty, span))
            }
        });
    quote!(#(#writes)* __w.__finish())
}

fn field_write(binding: &Ident, ty: &Type, span: Span) -> TokenStream {
    if is_string_or_integer(ty) {
        // Written without `core::fmt` when the type is what its name says; a user
        // type that shadows the name still goes through its `Display` (the traits
        // are imported once per method, see `field_traits`).
        return quote!((&#private::Field(#binding)).__write_field(__w););
    }
    // The binding carries the template's span too: rustc reports an unmet
    // `Display` bound on the argument, and that should point at `msg`, not the derive.
    let binding = Ident::new(&binding.to_string(), span);
    // A failure stops the writer; `__finish` reports it.
    quote_spanned!(span=> let _ = __w.field(#binding);)
}

/// Brings the field-writing traits into scope in a method that writes templates.
fn field_traits() -> TokenStream {
    quote! {
        #[allow(unused_imports)]
        use #private::{WriteFieldDisplay as _, WriteFieldFast as _};
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
fn json_escape(text: &str) -> String {
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

/// `headers()`, when some variant declares a header or forwards to a member.
fn impl_headers(input: &Input, scrutinee: &TokenStream) -> Option<TokenStream> {
    let variants = input.variants();
    let needed = variants
        .iter()
        .any(|v| !v.attrs.headers.is_empty() || v.transparent_field().is_some());
    if !needed {
        return None;
    }
    let arms = variants.iter().map(|variant| {
        let pat = pattern(input, variant, Binds::Message);
        if let Some(inner) = transparent_binding(variant) {
            return quote!(#pat => #private::ApiError::headers(#inner, __header),);
        }
        let calls = variant.attrs.headers.iter().map(|header| {
            let name = &header.name;
            let writes = template_writes(variant, &header.value);
            quote! {
                __header(
                    #name,
                    &#private::DisplayFn::new(|__w: &mut #private::MessageWriter<'_>| { #writes }),
                );
            }
        });
        quote!(#pat => { #(#calls)* })
    });
    let field_traits = field_traits();
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

/// The type's `Catalog`: its entries in declaration order, transparent members
/// nested in place, plus the compile-time check that a code keeps one status
/// across those members.
fn impl_catalog(input: &Input, where_clause: Option<&WhereClause>) -> TokenStream {
    let ident = &input.original.ident;
    let generics = &input.original.generics;
    let (impl_generics, ty_generics, _) = generics.split_for_impl();
    let nodes = input.variants().iter().map(|variant| {
        if let Some(field) = variant.transparent_field() {
            let ty = field.ty;
            return quote!(#private::CatalogNode::Nested(<#ty as #private::Catalog>::CATALOG));
        }
        let code = variant.code();
        let status = status(input, variant);
        let template = variant.attrs.msg.as_ref().map_or_else(
            || quote!(#private::default_message(#status)),
            |msg| msg.lit.to_token_stream(),
        );
        quote! {
            #private::CatalogNode::Entry(#private::CatalogEntry {
                code: #code,
                status: #status,
                template: #template,
            })
        }
    });
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
        }

        #check
    }
}

fn impl_display(input: &Input, where_clause: Option<&WhereClause>) -> Option<TokenStream> {
    input.display.as_ref()?;
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

fn impl_from(input: &Input) -> impl Iterator<Item = TokenStream> {
    let ident = &input.original.ident;
    let generics = &input.original.generics;
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    input.variants().iter().filter_map(move |variant| {
        variant.attrs.from.as_ref()?;
        let field = variant.transparent_field()?;
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

/// `where A: B, C: D,` (or just `where`), so a macro can append predicates.
pub fn with_trailing_comma(where_clause: Option<&WhereClause>) -> TokenStream {
    let predicates = where_clause
        .into_iter()
        .flat_map(|clause| &clause.predicates);
    quote!(where #(#predicates,)*)
}
