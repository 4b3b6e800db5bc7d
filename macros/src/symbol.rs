//! The names the `#[api(...)]` attribute understands.

use std::fmt::{self, Display};
use syn::Path;

#[derive(Copy, Clone, PartialEq, Eq)]
pub struct Symbol(&'static str);

pub const API: Symbol = Symbol("api");
pub const CODE: Symbol = Symbol("code");
pub const STATUS: Symbol = Symbol("status");
pub const MSG: Symbol = Symbol("msg");
pub const TRANSPARENT: Symbol = Symbol("transparent");
pub const FROM: Symbol = Symbol("from");
pub const DISPLAY: Symbol = Symbol("display");
pub const HEADER: Symbol = Symbol("header");
pub const CRATE: Symbol = Symbol("crate");
pub const DETAILS: Symbol = Symbol("details");
pub const RENAME_ALL: Symbol = Symbol("rename_all");
pub const LINK: Symbol = Symbol("link");
pub const LINK_BASE: Symbol = Symbol("link_base");
pub const LANG: Symbol = Symbol("lang");
pub const GRPC: Symbol = Symbol("grpc");
pub const DOMAIN: Symbol = Symbol("domain");

/// Every key, in the order they are suggested.
pub const ALL_KEYS: &[Symbol] = &[
    CODE,
    STATUS,
    MSG,
    HEADER,
    TRANSPARENT,
    FROM,
    DISPLAY,
    DETAILS,
    RENAME_ALL,
    LINK,
    LINK_BASE,
    LANG,
    GRPC,
    DOMAIN,
    CRATE,
];

impl Symbol {
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl PartialEq<Symbol> for Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl Display for Symbol {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(self.0)
    }
}

impl PartialEq<Symbol> for &Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}
