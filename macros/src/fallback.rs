//! What to emit when the input has mistakes: the errors, plus stub impls (the
//! trait, the catalogue, the web responses) so the user's other code that relies
//! on them still type-checks and the errors shown are only ours, not a cascade.

use crate::expand::with_trailing_comma;
use crate::private;
use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub fn expand(input: &DeriveInput, error: syn::Error) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let error = error.into_compile_error();
    let web_where = with_trailing_comma(where_clause);
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

        #private::__web_impls! { [#impl_generics] [#ident #ty_generics] [#web_where] }
    }
}
