//! What to emit when the input has mistakes: the errors, plus stubs of everything
//! the real expansion would emit (the trait, the catalogue, the web responses, and
//! from the best-effort tree the `From` impls and `Display`/`Error` whose
//! attributes did parse), so the user's other code that relies on them still
//! type-checks and the errors shown are only ours, not a cascade.

use crate::Private;
use crate::ast::Input;
use crate::expand::{impl_display, impl_from, with_trailing_comma};
use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub fn expand(original: &DeriveInput, input: Option<&Input>, error: syn::Error) -> TokenStream {
    let ident = &original.ident;
    let (impl_generics, ty_generics, where_clause) = original.generics.split_for_impl();
    let error = error.into_compile_error();
    let web_where = with_trailing_comma(where_clause);
    let default_private = Private::default();
    let private = input.map_or(&default_private, |input| &input.private);
    // The real `Display`/`Error` and `From` impls need nothing but the parsed keys
    // and the type's own where-clause; their bodies reach the stub `ApiError`.
    let display = input.and_then(|input| impl_display(input, where_clause));
    let from_impls = input.into_iter().flat_map(impl_from);
    let grpc = crate::grpc::stub(private, original);
    quote! {
        #error

        #[automatically_derived]
        impl #impl_generics #private::ApiError for #ident #ty_generics #where_clause {
            fn code(&self) -> &'static ::core::primitive::str {
                ::core::unreachable!()
            }
            fn status(&self) -> ::core::primitive::u16 {
                ::core::unreachable!()
            }
            fn write_message(&self, _: &mut #private::MessageWriter<'_>) -> ::core::fmt::Result {
                ::core::unreachable!()
            }
        }

        #[automatically_derived]
        impl #impl_generics #private::Catalog for #ident #ty_generics #where_clause {
            const CATALOG: &'static [#private::CatalogNode] = &[];
        }

        #display

        #(#from_impls)*

        #private::__web_impls! { [#impl_generics] [#ident #ty_generics] [#web_where] }
        #private::__openapi_impls! { [#impl_generics] [#ident #ty_generics] [#web_where] }

        #grpc
    }
}
