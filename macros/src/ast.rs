//! The derive input as this crate sees it: the type, its variants (a struct is one
//! variant named after itself) and their fields, each pointing back at the syn node
//! it came from for spans.

use crate::Private;
use crate::attr::{self, Attrs, Site, Status};
use crate::case::RenameRule;
use crate::ctxt::Ctxt;
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::ext::IdentExt as _;
use syn::{Data, DeriveInput, Fields, Ident, Index, LitStr, Member, Path, Type};

pub struct Input<'a> {
    pub original: &'a DeriveInput,
    /// `#[api(status = N)]` on an enum: the status of variants that don't give one.
    pub default_status: Option<Status>,
    /// `#[api(display)]`: also implement `Display` (the message) and `Error`.
    pub display: Option<Path>,
    /// The runtime's hidden module, at `#[api(crate = "...")]` or `::rest_error`.
    pub private: Private,
    /// `#[api(header(...))]` on an enum: sent by every variant that has no header
    /// of that name itself.
    pub headers: Vec<attr::Header>,
    /// `#[api(link_base = "...")]`: the link of a code without its own is base + code.
    pub link_base: Option<String>,
    /// `#[api(lang = "...")]`: the language of the `msg` templates, `en` when absent.
    pub lang: Option<attr::LangTag>,
    /// `#[api(domain = "...")]`: `ErrorInfo.domain` over gRPC; the package's name when absent.
    pub domain: Option<LitStr>,
    pub shape: Shape<'a>,
}

pub enum Shape<'a> {
    Enum(Vec<Variant<'a>>),
    Struct(Box<Variant<'a>>),
}

pub struct Variant<'a> {
    /// `None` for a struct, whose one "variant" is the struct itself.
    pub original: Option<&'a syn::Variant>,
    pub ident: &'a Ident,
    pub attrs: Attrs<'a>,
    /// The enum's `rename_all`, applied when the code comes from the name.
    pub rename_all: Option<RenameRule>,
    pub fields: Vec<Field<'a>>,
}

pub struct Field<'a> {
    pub original: &'a syn::Field,
    /// `#[api(details)]` and the like on the field.
    pub attrs: Attrs<'a>,
    pub member: Member,
    pub ty: &'a Type,
}

impl<'a> Input<'a> {
    /// The documentation link of a variant with its own code: its `link`, else
    /// the type's `link_base` followed by the code.
    pub fn link_of(&self, variant: &Variant) -> Option<String> {
        if let Some(link) = &variant.attrs.link {
            return Some(link.value());
        }
        let base = self.link_base.as_ref()?;
        Some(format!("{base}{}", variant.code()))
    }

    /// The language of the `msg` templates: `lang = "..."`, else `en`.
    pub fn default_lang(&self) -> &str {
        self.lang.as_ref().map_or("en", |tag| tag.value.as_str())
    }

    /// Whether the expansion writes `languages()` and `write_message_in()`: some
    /// variant has translations or forwards to a member (whose languages may
    /// differ), or the default language is not the trait's own `en`.
    pub fn is_multilingual(&self) -> bool {
        self.lang.is_some()
            || self.variants().iter().any(|variant| {
                !variant.attrs.translations.is_empty() || variant.transparent_field().is_some()
            })
    }

    /// `None` only for a union, which is reported; anything else yields a best-effort
    /// tree and leaves its complaints in `cx`.
    pub fn from_syn(cx: &Ctxt, original: &'a DeriveInput) -> Option<Self> {
        match &original.data {
            Data::Enum(data) => {
                let mut attrs = attr::parse(cx, Site::Enum, &original.attrs);
                let rename_all = attrs.rename_all;
                let variants = data
                    .variants
                    .iter()
                    .map(|variant| Variant::from_syn(cx, variant, rename_all))
                    .collect();
                Some(Input {
                    original,
                    default_status: attrs.status.take(),
                    display: attrs.display.take(),
                    private: Private(attrs.crate_path.take()),
                    headers: std::mem::take(&mut attrs.headers),
                    link_base: attrs.link_base.as_ref().map(LitStr::value),
                    lang: attrs.lang.take(),
                    domain: attrs.domain.take(),
                    shape: Shape::Enum(variants),
                })
            }
            Data::Struct(data) => {
                let mut attrs = attr::parse(cx, Site::Struct, &original.attrs);
                let display = attrs.display.take();
                let private = Private(attrs.crate_path.take());
                let link_base = attrs.link_base.as_ref().map(LitStr::value);
                let lang = attrs.lang.take();
                let domain = attrs.domain.take();
                let variant = Variant {
                    original: None,
                    ident: &original.ident,
                    attrs,
                    rename_all: None,
                    fields: Field::multiple_from_syn(cx, &data.fields),
                };
                Some(Input {
                    original,
                    default_status: None,
                    display,
                    private,
                    headers: Vec::new(),
                    link_base,
                    lang,
                    domain,
                    shape: Shape::Struct(Box::new(variant)),
                })
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "ApiError cannot be derived for unions; use an enum or a struct",
                );
                None
            }
        }
    }

    pub fn variants(&self) -> &[Variant<'a>] {
        match &self.shape {
            Shape::Enum(variants) => variants,
            Shape::Struct(variant) => std::slice::from_ref(&**variant),
        }
    }

    /// The status of a variant, its own or the enum's default.
    pub fn status_of(&self, variant: &Variant) -> Option<u16> {
        variant
            .attrs
            .status
            .as_ref()
            .or(self.default_status.as_ref())
            .map(|status| status.value)
    }
}

impl<'a> Variant<'a> {
    fn from_syn(cx: &Ctxt, original: &'a syn::Variant, rename_all: Option<RenameRule>) -> Self {
        Variant {
            original: Some(original),
            ident: &original.ident,
            attrs: attr::parse(cx, Site::Variant, &original.attrs),
            rename_all,
            fields: Field::multiple_from_syn(cx, &original.fields),
        }
    }

    /// The error code: `code = "..."`, or the variant's (struct's) own name, in
    /// the enum's `rename_all` case.
    pub fn code(&self) -> String {
        match (&self.attrs.code, self.rename_all) {
            (Some(code), _) => code.value.clone(),
            (None, Some(rule)) => rule.apply(&self.ident.unraw().to_string()),
            (None, None) => self.ident.unraw().to_string(),
        }
    }

    /// Whether the variant answers with its own code: not transparent, or
    /// transparent with `code` (its own code and status, the inner message).
    pub fn has_own_code(&self) -> bool {
        self.attrs.transparent.is_none() || self.attrs.code.is_some()
    }

    /// Where to point when something is missing: the `#[api]` attribute, else the name.
    pub fn missing_tokens(&self) -> TokenStream {
        match self.attrs.original {
            Some(attr) => attr.to_token_stream(),
            None => self.ident.to_token_stream(),
        }
    }

    /// Where to point at the code: the `code` literal, else the name it defaults to.
    pub fn code_span(&self) -> Span {
        match &self.attrs.code {
            Some(code) => code.lit.span(),
            None => self.ident.span(),
        }
    }

    /// The field a transparent variant forwards to: the one marked
    /// `#[api(transparent)]`, else the only field.
    pub fn transparent_field(&self) -> Option<&Field<'a>> {
        self.attrs.transparent.as_ref()?;
        let mut marked = self
            .fields
            .iter()
            .filter(|field| field.attrs.transparent.is_some());
        match (marked.next(), marked.next(), self.fields.as_slice()) {
            (Some(field), None, _) | (None, _, [field]) => Some(field),
            _ => None,
        }
    }

    /// The templates the variant writes: `msg`, then each header value.
    pub fn templates(&self) -> impl Iterator<Item = &attr::Msg> {
        self.attrs
            .msg
            .iter()
            .chain(self.attrs.headers.iter().map(|header| &header.value))
    }

    /// Whether any template of the variant writes this field.
    pub fn writes(&self, member: &Member) -> bool {
        self.templates().any(|msg| {
            msg.template
                .placeholders()
                .filter_map(|placeholder| self.field_for(&placeholder.field))
                .any(|field| field.member == *member)
        })
    }

    /// The field marked `#[api(details)]`, the first if several are.
    pub fn details_field(&self) -> Option<&Field<'a>> {
        self.fields
            .iter()
            .find(|field| field.attrs.details.is_some())
    }

    /// "variant `X`" or "struct `X`", for messages.
    pub fn describe(&self) -> String {
        let kind = if self.original.is_some() {
            "variant"
        } else {
            "struct"
        };
        format!("{kind} `{}`", self.ident)
    }
}

impl<'a> Field<'a> {
    fn multiple_from_syn(cx: &Ctxt, fields: &'a Fields) -> Vec<Self> {
        fields
            .iter()
            .enumerate()
            .map(|(i, original)| Field {
                original,
                attrs: attr::parse(cx, Site::Field, &original.attrs),
                member: match &original.ident {
                    Some(ident) => Member::Named(ident.clone()),
                    None => Member::Unnamed(Index {
                        index: u32::try_from(i).unwrap_or(u32::MAX),
                        span: Span::call_site(),
                    }),
                },
                ty: &original.ty,
            })
            .collect()
    }

    /// The field's name without `r#`, as a template names it.
    pub fn unraw_name(&self) -> Option<String> {
        let ident = self.original.ident.as_ref()?.to_string();
        Some(match ident.strip_prefix("r#") {
            Some(unraw) => unraw.to_owned(),
            None => ident,
        })
    }
}

impl Variant<'_> {
    /// The field a placeholder names, if any (resolution only; `valid.rs` words
    /// the errors).
    pub fn field_for(&self, field: &crate::template::FieldRef) -> Option<&Field<'_>> {
        use crate::template::FieldRef;
        self.fields
            .iter()
            .find(|candidate| match (field, &candidate.member) {
                (FieldRef::Index(index), Member::Unnamed(member)) => member.index == *index,
                (FieldRef::Named(name), Member::Named(_)) => {
                    candidate.unraw_name().as_ref() == Some(name)
                }
                _ => false,
            })
    }
}
