//! `message_values()`: the values the default `msg` template names, by
//! placeholder name, for a `Localizer` outside the declaration. Only the
//! default template's fields are bound, so nothing else can reach a hook.

use crate::ast::{Input, Variant};
use crate::attr::template_span;
use crate::expand::{
    binding, display_arg, field_traits, field_write, transparent_binding, variant_path,
};
use crate::template::FieldRef;
use proc_macro2::TokenStream;
use quote::quote;

/// The method, when some variant's default template names a field or some
/// variant forwards to a member; otherwise the trait's default (no values).
pub fn impl_message_values(input: &Input, scrutinee: &TokenStream) -> Option<TokenStream> {
    let private = &input.private;
    let variants = input.variants();
    let arms: Vec<TokenStream> = variants
        .iter()
        .filter_map(|variant| variant_arm(input, variant))
        .collect();
    if arms.is_empty() {
        return None;
    }
    // Variants without values share one arm, so the method stays short.
    let rest = (arms.len() < variants.len()).then(|| quote!(_ => {}));
    let field_traits = field_traits(private);
    Some(quote! {
        #[allow(clippy::used_underscore_binding)]
        fn message_values(
            &self,
            __value: &mut dyn ::core::ops::FnMut(&'static ::core::primitive::str, &dyn ::core::fmt::Display),
        ) {
            #field_traits
            match #scrutinee {
                #(#arms)*
                #rest
            }
        }
    })
}

/// One variant's arm: its member's values, or one call per field its default
/// template names (the first placeholder of a field decides its form).
fn variant_arm(input: &Input, variant: &Variant) -> Option<TokenStream> {
    let private = &input.private;
    let path = variant_path(input, variant);
    if let Some(inner) = transparent_binding(variant) {
        let field = variant.transparent_field()?;
        let member = &field.member;
        return Some(quote! {
            #path { #member: #inner, .. } => #private::ApiError::message_values(#inner, __value),
        });
    }
    let msg = variant.attrs.msg.as_ref()?;
    let mut seen: Vec<usize> = Vec::new();
    let mut binds = Vec::new();
    let mut names = Vec::new();
    let mut writes = Vec::new();
    let mut args = Some(Vec::new());
    for placeholder in msg.template.placeholders() {
        let Some(field) = variant.field_for(&placeholder.field) else {
            continue;
        };
        let Some(index) = variant.fields.iter().position(|f| f.member == field.member) else {
            continue;
        };
        if seen.contains(&index) {
            continue;
        }
        seen.push(index);
        names.push(match &placeholder.field {
            FieldRef::Index(index) => index.to_string(),
            FieldRef::Named(name) => name.clone(),
        });
        let bound = binding(index);
        let member = &field.member;
        binds.push(quote!(#member: #bound,));
        let span = template_span(&msg.lit, placeholder.offset, placeholder.len);
        args = args.and_then(|mut args: Vec<TokenStream>| {
            args.push(display_arg(&placeholder.format, field.ty, &bound, span)?);
            Some(args)
        });
        writes.push(field_write(
            private,
            &bound,
            field.ty,
            &placeholder.format,
            span,
        ));
    }
    // Fields written with `Display` only: one call over their `Arg`s, which
    // compiles quicker than a writer closure per variant (see `template_call`).
    if let Some(args) = args {
        return Some(quote! {
            #path { #(#binds)* .. } => #private::message_values_of(&[#(#names),*], &[#(#args),*], __value),
        });
    }
    // Otherwise one writer per variant, numbered like `names`; the runtime turns
    // each number into a `Display`, so no generic code is instantiated per field.
    let field_writer = match writes.as_slice() {
        [] => return None,
        [only] => quote! {
            &|_: ::core::primitive::u16, __w: &mut #private::MessageWriter<'_>| { #only }
        },
        many => {
            let numbers = (0..many.len()).map(|n| u16::try_from(n).unwrap_or(u16::MAX));
            quote! {
                &|__n: ::core::primitive::u16, __w: &mut #private::MessageWriter<'_>| match __n {
                    #(#numbers => { #many })*
                    _ => {}
                }
            }
        }
    };
    Some(quote! {
        #path { #(#binds)* .. } => #private::message_values(&[#(#names),*], #field_writer, __value),
    })
}
