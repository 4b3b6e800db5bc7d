//! Code generation. Runs only on input that passed validation, so it reports
//! nothing; it emits per-variant data and a message writer, and leaves
//! serialization, ids and HTTP glue to the runtime.

use crate::ast::{Input, Shape, Variant};
use crate::ctxt::Ctxt;
use crate::generics::{InferredBounds, ParamsInScope};
use crate::template::Segment;
use crate::{fallback, private, valid};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::{DeriveInput, Ident, Member};

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
    let code_arms = variants.iter().map(|variant| {
        let pat = pattern(input, variant, true);
        if let Some(inner) = transparent_binding(variant) {
            quote!(#pat => #private::ApiError::code(#inner),)
        } else {
            let code = variant.code();
            quote!(#pat => #code,)
        }
    });
    let status_arms = variants.iter().map(|variant| {
        let pat = pattern(input, variant, true);
        if let Some(inner) = transparent_binding(variant) {
            quote!(#pat => #private::ApiError::status(#inner),)
        } else {
            // Validation guarantees a status for every non-transparent variant.
            let status = input.status_of(variant).unwrap_or(500);
            quote!(#pat => #status,)
        }
    });
    let message_arms = variants.iter().map(|variant| {
        let pat = pattern(input, variant, false);
        let body = message_body(input, variant);
        quote!(#pat => { #body })
    });

    let scrutinee = if variants.is_empty() {
        quote!(*self)
    } else {
        quote!(self)
    };

    let display = input.display.as_ref().map(|_| {
        let mut error_where = where_clause
            .clone()
            .unwrap_or_else(|| syn::parse_quote!(where));
        error_where
            .predicates
            .push(syn::parse_quote!(#ident #ty_generics: ::core::fmt::Debug));
        quote! {
            #[automatically_derived]
            impl #impl_generics ::core::fmt::Display for #ident #ty_generics #where_clause {
                fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #private::ApiError::fmt_message(self, __formatter)
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::error::Error for #ident #ty_generics #error_where {}
        }
    });

    let from_impls = variants.iter().filter_map(|variant| {
        variant.attrs.from.as_ref()?;
        let field = variant.transparent_field()?;
        let ty = field.ty;
        let member = &field.member;
        let path = variant_path(input, variant);
        let where_clause = &generics.where_clause;
        Some(quote! {
            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#ty> for #ident #ty_generics #where_clause {
                fn from(source: #ty) -> Self {
                    #path { #member: source }
                }
            }
        })
    });

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
                match #scrutinee {
                    #(#status_arms)*
                }
            }

            #[allow(clippy::used_underscore_binding)]
            fn fmt_message(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match #scrutinee {
                    #(#message_arms)*
                }
            }
        }

        #display

        #(#from_impls)*
    }
}

/// `Display` for every field that `msg` writes, `ApiError` for a transparent
/// field, when its type mentions a type parameter.
fn infer_bounds(variant: &Variant, params: &ParamsInScope, bounds: &mut InferredBounds) {
    if let Some(field) = variant.transparent_field() {
        if params.intersects(field.ty) {
            bounds.insert(field.ty, quote!(#private::ApiError));
        }
        return;
    }
    let Some(msg) = &variant.attrs.msg else {
        return;
    };
    for placeholder in msg.template.placeholders() {
        if let Some(field) = variant.field_for(&placeholder.field)
            && params.intersects(field.ty)
        {
            bounds.insert(field.ty, quote!(::core::fmt::Display));
        }
    }
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

/// `Self::V { 0: __0, .. }`, binding only the fields the arm reads: the
/// transparent field always, the fields `msg` writes when `for_message`.
fn pattern(input: &Input, variant: &Variant, data_only: bool) -> TokenStream {
    let path = variant_path(input, variant);
    let bindings = variant.fields.iter().enumerate().filter_map(|(i, field)| {
        let used = variant.transparent_field().is_some()
            || (!data_only && message_uses(variant, &field.member));
        let member = &field.member;
        let binding = binding(i);
        used.then(|| quote!(#member: #binding,))
    });
    quote!(#path { #(#bindings)* .. })
}

fn message_uses(variant: &Variant, member: &Member) -> bool {
    variant.attrs.msg.as_ref().is_some_and(|msg| {
        msg.template
            .placeholders()
            .filter_map(|placeholder| variant.field_for(&placeholder.field))
            .any(|field| field.member == *member)
    })
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

/// The statements of one `fmt_message` arm: a `write_str` per text segment and a
/// `Display::fmt` per field, spanned at `msg` so a field type without `Display`
/// is reported there.
fn message_body(input: &Input, variant: &Variant) -> TokenStream {
    if let Some(inner) = transparent_binding(variant) {
        return quote!(#private::ApiError::fmt_message(#inner, __formatter));
    }
    let Some(msg) = &variant.attrs.msg else {
        let status = input.status_of(variant).unwrap_or(500);
        return quote!(__formatter.write_str(#private::default_message(#status)));
    };
    let span = msg.lit.span();
    let mut writes: Vec<TokenStream> = msg
        .template
        .segments
        .iter()
        .filter_map(|segment| match segment {
            Segment::Text(text) => Some(quote!(__formatter.write_str(#text))),
            Segment::Field(placeholder) => {
                let field = variant.field_for(&placeholder.field)?;
                let index = variant
                    .fields
                    .iter()
                    .position(|f| f.member == field.member)?;
                let binding = binding(index);
                Some(field_write(&binding, span))
            }
        })
        .collect();
    let Some(last) = writes.pop() else {
        return quote!(::core::result::Result::Ok(()));
    };
    quote!(#(#writes?;)* #last)
}

fn field_write(binding: &Ident, span: Span) -> TokenStream {
    // The binding too carries the `msg` span: rustc puts an unmet bound on the
    // argument, and that should be the template, not the derive.
    let binding = Ident::new(&binding.to_string(), span);
    quote_spanned!(span=> ::core::fmt::Display::fmt(#binding, __formatter))
}
