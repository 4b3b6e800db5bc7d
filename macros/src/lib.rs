//! The `#[derive(ApiError)]` macro. Implementation detail of the `rest-error` crate:
//! depend on `rest-error`, which re-exports it.
//!
//! The pipeline runs one way: `ast` parses (with `attr` and `template`), `valid`
//! checks what needs more than one attribute, `expand` generates. Every user mistake
//! is collected in a `Ctxt` and reported in one build; `fallback` then emits a stub
//! impl so the rest of the user's crate type-checks without a cascade of errors.

#![warn(clippy::pedantic)]
#![allow(
    clippy::needless_pass_by_value, // proc_macro entry points take TokenStream by value
    clippy::too_many_lines,         // codegen functions read best as one quote! block
)]

extern crate proc_macro;

mod ast;
mod attr;
mod case;
mod ctxt;
mod expand;
mod fallback;
mod generics;
mod grpc;
#[cfg(test)]
mod props;
mod symbol;
mod template;
mod valid;
mod values;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `rest_error::ApiError`. The attribute reference is in the `rest-error` crate docs.
#[proc_macro_derive(ApiError, attributes(api))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}

/// Emits `::rest_error::__private`, the only path root the expansions use besides
/// `::core`, or `<path>::__private` under `#[api(crate = "path")]`.
#[derive(Clone, Default)]
struct Private(Option<syn::Path>);

impl quote::ToTokens for Private {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        match &self.0 {
            Some(path) => tokens.extend(quote::quote!(#path::__private)),
            None => tokens.extend(quote::quote!(::rest_error::__private)),
        }
    }
}
