//! The gRPC facts of a type (feature `tonic` of the runtime): its domain, each
//! variant's own gRPC code and the values its message names. Emitted inside the
//! runtime's `__grpc_impls!`, which drops them when the feature is off.

use crate::ast::{Input, Variant};
use crate::expand::{
    Binds, binding, field_traits, option_inner, pattern, transparent_binding, value_write,
};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Ident, Member, WhereClause};

/// `__grpc_impls! { [generics] [type] [where,] { impl GrpcFacts for .. } }`.
pub fn impl_grpc(
    input: &Input,
    web_where: &TokenStream,
    where_clause: Option<&WhereClause>,
) -> TokenStream {
    let private = &input.private;
    let ident = &input.original.ident;
    let (impl_generics, ty_generics, _) = input.original.generics.split_for_impl();
    // The package's name as Cargo gives it to the crate that derives.
    let domain = input.domain.as_ref().map_or_else(
        || quote!(::core::env!("CARGO_PKG_NAME")),
        |lit| quote!(#lit),
    );
    let code = impl_code(input);
    let fields = impl_fields(input);
    quote! {
        #private::__grpc_impls! {
            [#impl_generics] [#ident #ty_generics] [#web_where]
            {
                #[automatically_derived]
                #[allow(unused_qualifications, deprecated)]
                impl #impl_generics #private::GrpcFacts for #ident #ty_generics #where_clause {
                    fn __grpc_domain(&self) -> &'static ::core::primitive::str {
                        #domain
                    }

                    #code

                    #fields
                }
            }
        }
    }
}

/// The stub for the fallback expansion, so `From<E> for Status` still exists.
pub fn stub(input_private: &crate::Private, original: &syn::DeriveInput) -> TokenStream {
    let ident = &original.ident;
    let (impl_generics, ty_generics, where_clause) = original.generics.split_for_impl();
    let web_where = crate::expand::with_trailing_comma(where_clause);
    quote! {
        #input_private::__grpc_impls! {
            [#impl_generics] [#ident #ty_generics] [#web_where]
            {
                #[automatically_derived]
                impl #impl_generics #input_private::GrpcFacts for #ident #ty_generics #where_clause {
                    fn __grpc_domain(&self) -> &'static ::core::primitive::str {
                        ::core::unreachable!()
                    }
                }
            }
        }
    }
}

/// Whether the `msg` template of `variant` writes `member`.
pub fn names(variant: &Variant, member: &Member) -> bool {
    variant.attrs.msg.as_ref().is_some_and(|msg| {
        msg.template
            .placeholders()
            .filter_map(|placeholder| variant.field_for(&placeholder.field))
            .any(|field| field.member == *member)
    })
}

fn scrutinee(input: &Input) -> TokenStream {
    if input.variants().is_empty() {
        quote!(*self)
    } else {
        quote!(self)
    }
}

/// `__grpc_code`, when a variant names a code or forwards to a member.
fn impl_code(input: &Input) -> Option<TokenStream> {
    let private = &input.private;
    let variants = input.variants();
    let needed = variants
        .iter()
        .any(|v| v.attrs.grpc.is_some() || forwards_code(v));
    if !needed {
        return None;
    }
    let arms = variants.iter().map(|variant| {
        let pat = pattern(input, variant, Binds::Transparent);
        if let Some(code) = &variant.attrs.grpc {
            let number = code.value;
            quote!(#pat => ::core::option::Option::Some(#number),)
        } else if let (true, Some(inner)) = (forwards_code(variant), transparent_binding(variant)) {
            quote!(#pat => (&&#private::GrpcProbe(#inner)).__grpc_code(),)
        } else {
            quote!(#pat => ::core::option::Option::None,)
        }
    });
    let scrutinee = scrutinee(input);
    Some(quote! {
        #[allow(clippy::needless_borrow)] // autoref specialization: the borrows pick the impl
        fn __grpc_code(&self) -> ::core::option::Option<::core::primitive::i32> {
            #[allow(unused_imports)]
            use #private::{ViaFacts as _, ViaNoFacts as _};
            match #scrutinee {
                #(#arms)*
            }
        }
    })
}

/// A transparent variant without a code of its own answers with its member's status.
fn forwards_code(variant: &Variant) -> bool {
    !variant.has_own_code()
}

/// `__grpc_fields`, when a variant's message names a field or comes from a member.
fn impl_fields(input: &Input) -> Option<TokenStream> {
    let private = &input.private;
    let variants = input.variants();
    let needed = variants.iter().any(|variant| {
        variant.transparent_field().is_some()
            || variant
                .fields
                .iter()
                .any(|field| names(variant, &field.member))
    });
    if !needed {
        return None;
    }
    let arms = variants.iter().map(|variant| {
        let pat = pattern(input, variant, Binds::Metadata);
        if let Some(inner) = transparent_binding(variant) {
            return quote!(#pat => (&&#private::GrpcProbe(#inner)).__grpc_fields(__field),);
        }
        let writes = variant
            .fields
            .iter()
            .enumerate()
            .filter(|(_, field)| names(variant, &field.member))
            .map(|(index, field)| {
                let key = metadata_key(&field.member);
                let placeholder = variant
                    .attrs
                    .msg
                    .iter()
                    .flat_map(|msg| msg.template.placeholders())
                    .find(|placeholder| {
                        variant
                            .field_for(&placeholder.field)
                            .is_some_and(|named| named.member == field.member)
                    });
                let format = placeholder.map(|placeholder| &placeholder.format);
                let Some(format) = format else {
                    return TokenStream::new();
                };
                let bound = binding(index);
                let span = Span::call_site();
                if let Some(inner) = option_inner(field.ty) {
                    let value = Ident::new("__value", span);
                    let write = value_write(private, &value, inner, format, span);
                    quote! {
                        if let ::core::option::Option::Some(#value) = #bound {
                            __field(#key, &|__w: &mut #private::MessageWriter<'_>| { #write });
                        }
                    }
                } else {
                    let write = value_write(private, &bound, field.ty, format, span);
                    quote! {
                        __field(#key, &|__w: &mut #private::MessageWriter<'_>| { #write });
                    }
                }
            });
        quote!(#pat => { #(#writes)* })
    });
    let scrutinee = scrutinee(input);
    let traits = field_traits(private);
    Some(quote! {
        #[allow(clippy::needless_borrow, clippy::used_underscore_binding)]
        fn __grpc_fields(
            &self,
            __field: &mut dyn ::core::ops::FnMut(&'static ::core::primitive::str, #private::ValueWriter<'_>),
        ) {
            #traits
            #[allow(unused_imports)]
            use #private::{ViaFacts as _, ViaNoFacts as _};
            match #scrutinee {
                #(#arms)*
            }
        }
    })
}

/// A named field in lowerCamelCase (`retry_after_secs` as `retryAfterSecs`), a
/// tuple field `<0>` as `arg0`.
fn metadata_key(member: &Member) -> String {
    match member {
        Member::Unnamed(index) => format!("arg{}", index.index),
        Member::Named(ident) => {
            let name = ident.to_string();
            let name = name.strip_prefix("r#").unwrap_or(&name);
            let mut out = String::with_capacity(name.len());
            let mut upper = false;
            for c in name.chars() {
                if c == '_' {
                    upper = !out.is_empty();
                } else if upper {
                    out.push(c.to_ascii_uppercase());
                    upper = false;
                } else {
                    out.push(c);
                }
            }
            out
        }
    }
}
