//! Where-clause inference for generic types: a field whose type mentions a type
//! parameter gets the bound its use needs (`Display` when `msg` writes it,
//! `ApiError` when a variant is transparent over it).

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::BTreeSet;
use syn::{Generics, Ident, Type, WhereClause, WherePredicate, parse_quote};

/// The type parameters of the deriving type.
pub struct ParamsInScope<'a> {
    names: BTreeSet<&'a Ident>,
}

impl<'a> ParamsInScope<'a> {
    pub fn new(generics: &'a Generics) -> Self {
        ParamsInScope {
            names: generics.type_params().map(|param| &param.ident).collect(),
        }
    }

    /// Whether `ty` names any of the parameters anywhere (`T`, `Vec<T>`, `&'a T`,
    /// `<T as Trait>::Out`). A false positive only adds a bound that holds anyway.
    pub fn intersects(&self, ty: &Type) -> bool {
        !self.names.is_empty() && mentions(ty.to_token_stream(), &self.names)
    }
}

fn mentions(tokens: TokenStream, names: &BTreeSet<&Ident>) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => names.contains(&ident),
        TokenTree::Group(group) => mentions(group.stream(), names),
        TokenTree::Punct(_) | TokenTree::Literal(_) => false,
    })
}

/// Bounds gathered per field type, each type once, in first-use order.
#[derive(Default)]
pub struct InferredBounds {
    predicates: Vec<(String, WherePredicate)>,
}

impl InferredBounds {
    pub fn insert(&mut self, ty: &Type, bound: TokenStream) {
        let key = format!("{} : {}", ty.to_token_stream(), bound);
        if self.predicates.iter().all(|(seen, _)| *seen != key) {
            self.predicates.push((key, parse_quote!(#ty: #bound)));
        }
    }

    /// The type's own where-clause with the inferred bounds added.
    pub fn augment_where_clause(&self, generics: &Generics) -> Option<WhereClause> {
        if self.predicates.is_empty() {
            return generics.where_clause.clone();
        }
        let mut clause = generics
            .where_clause
            .clone()
            .unwrap_or_else(|| WhereClause {
                where_token: <syn::Token![where]>::default(),
                predicates: syn::punctuated::Punctuated::new(),
            });
        clause.predicates.extend(
            self.predicates
                .iter()
                .map(|(_, predicate)| predicate.clone()),
        );
        Some(clause)
    }
}
