//! `message_values()`: the values the default `msg` template names, by
//! placeholder name, for a `Localizer` outside the declaration. Only the
//! default template's fields are bound, so nothing else can reach a hook.

use crate::ast::{Input, Variant};
use crate::attr::template_span;
use crate::expand::{
    binding, field_traits, field_write, placeholder_name, template_call, transparent_binding,
    variant_path,
};
use proc_macro2::TokenStream;
use quote::quote;

/// The method, when some variant forwards to a member or writes a field other
/// than with `Display` (`Debug`, a joined list, an `Option`); otherwise the
/// trait's default, which takes the values from `write_message`'s one call
/// per template (`expand::template_call`), so a large enum compiles one match
/// for both.
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
    // The others hand their values over through `write_message`, as the
    // trait's default does.
    let rest = (arms.len() < variants.len())
        .then(|| quote!(_ => #private::values_from_message(self, __value),));
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
    if template_call(variant, msg).is_some() {
        return None;
    }
    let mut seen: Vec<usize> = Vec::new();
    let mut binds = Vec::new();
    let mut names = Vec::new();
    let mut writes = Vec::new();
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
        names.push(placeholder_name(&placeholder.field));
        let bound = binding(index);
        let member = &field.member;
        binds.push(quote!(#member: #bound,));
        let span = template_span(&msg.lit, placeholder.offset, placeholder.len);
        writes.push(field_write(
            private,
            &bound,
            field.ty,
            &placeholder.format,
            span,
        ));
    }
    // One writer per variant, numbered like `names`; the runtime turns each
    // number into a `Display`, so no generic code is instantiated per field.
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
