//! [`Localizer`]: messages from outside the declaration, for a service that
//! keeps its translations in files.
//!
//! A localizer is given an error's code, the language chosen for the response,
//! and the [`Values`] the error's default `msg` template names, and may return
//! the message. It is plugged into the web core with
//! `WebSettings::localizer`; with the feature `fluent`,
//! `rest_error::fluent::FluentLocalizer` is one over Fluent (`.ftl`) files.
//!
//! **Precedence: the declaration first.** A language the error declares
//! (its default and each `msg(sv = "...")`) is always written from the
//! declaration, which the compiler checked; the localizer is asked only for a
//! language the error lacks. So a response never depends on whether a
//! localizer is set for a language the code already speaks, and a request
//! without `Accept-Language` never reaches the localizer. When it returns
//! nothing, the language is chosen again among the error's own languages, as
//! if the localizer had not offered it.
//!
//! **Only the default template's values.** [`Values`] holds the fields the
//! default template names and nothing else, written as that template writes
//! them: a localizer can leave values out, never add one, so its message shows
//! the caller no more than the default message does. Code, status, headers
//! and the log event never change; `Content-Language` names the localizer's
//! language when its message is used. The library's own rejections name the
//! client's text they echo, clipped as in their message: the body extractor's
//! `param`, `reason`, `sent` and `expected`
//! (`rest_error::web::JsonRejection`, web features), the path and
//! query extractors' `param` and `reason`.
//!
//! ```
//! use std::borrow::Cow;
//! use rest_error::ApiError;
//! use rest_error::localizer::{Localizer, Values};
//!
//! /// German from a table (in a real service: loaded from files at start-up).
//! struct German;
//!
//! impl Localizer for German {
//!     fn languages(&self) -> &[&str] {
//!         &["de"]
//!     }
//!
//!     fn message<'a>(&'a self, code: &str, lang: &str, values: &Values<'_>) -> Option<Cow<'a, str>> {
//!         match (code, lang) {
//!             ("ResourceNotFound", "de") => {
//!                 let machine = values.get("0")?;
//!                 Some(Cow::Owned(format!("Gerät {machine} wurde nicht gefunden")))
//!             }
//!             ("Conflict", "de") => Some(Cow::Borrowed("Konflikt")),
//!             _ => None,
//!         }
//!     }
//! }
//!
//! #[derive(Debug, ApiError)]
//! #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//! struct MachineNotFound(u64);
//!
//! let err = MachineNotFound(7);
//! let message = German.message(err.code(), "de", &Values::of(&err));
//! assert_eq!(message.as_deref(), Some("Gerät 7 wurde nicht gefunden"));
//! ```

use core::fmt;
use std::borrow::Cow;

use crate::ApiError;

/// Messages from outside the declaration: given the code, the language and the
/// default template's named values, maybe the message (see the [module
/// docs](self) for when it is asked and what wins).
///
/// It returns a [`Cow`] rather than writing into the response: the web core
/// must know whether there is a message before the first byte of the body, so
/// that falling back never leaves half a message behind, and a `Cow` says so
/// at no cost for a fixed text (`Cow::Borrowed` from the localizer's own
/// tables) and with the one `String` a formatted message needs anyway
/// (Fluent's own `format_pattern` returns the same). The text is written
/// escaped into the JSON like any message; it should be plain text without
/// Unicode bidi isolation marks (U+2068, U+2069), which would reach the caller.
pub trait Localizer: Send + Sync + 'static {
    /// The languages it may have messages in, as BCP 47 tags (`de`, `pt-BR`).
    /// `Accept-Language` is matched against these beside each error's own
    /// languages (RFC 4647 lookup, case-insensitive); a tag that is not well
    /// formed ([`lang::is_language_tag`](crate::lang::is_language_tag)) is
    /// never chosen, so `Content-Language` stays a valid header.
    fn languages(&self) -> &[&str];

    /// The message for the error `code` in `lang` (one of
    /// [`languages`](Self::languages), as that list spells it), built from
    /// `values`; `None` when it has none, and the declaration answers.
    fn message<'a>(&'a self, code: &str, lang: &str, values: &Values<'_>) -> Option<Cow<'a, str>>;
}

/// The values an error's default `msg` template names, and only those: what a
/// [`Localizer`] may put in its message (see [`ApiError::message_values`]).
#[derive(Clone, Copy)]
pub struct Values<'a> {
    error: &'a dyn ApiError,
}

impl<'a> Values<'a> {
    /// The values of `error`'s default template.
    #[must_use]
    pub fn of(error: &'a dyn ApiError) -> Self {
        Values { error }
    }

    /// Calls `value` with each placeholder's name (`"0"`, `"name"`) and its
    /// value as the default template writes it, in template order.
    pub fn for_each(&self, value: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        self.error.message_values(value);
    }

    /// The value of placeholder `name` as text, or `None` when the default
    /// template does not name it.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<String> {
        let mut found = None;
        self.error.message_values(&mut |placeholder, value| {
            if found.is_none() && placeholder == name {
                found = Some(value.to_string());
            }
        });
        found
    }
}

impl fmt::Debug for Values<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        self.for_each(&mut |name, value| {
            map.entry(&name, &format_args!("{value}"));
        });
        map.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::Values;
    use crate::{ApiError, CommonError};

    #[derive(Debug, ApiError)]
    enum Sample {
        #[api(status = 400, msg = "<names:, > and <count> (<count:?>), <r#type:?>")]
        Named {
            names: Vec<&'static str>,
            count: Option<u32>,
            r#type: &'static str,
            hidden: &'static str,
        },
        #[api(status = 409, msg = "No values")]
        Plain,
        #[api(transparent)]
        Common(CommonError),
    }

    fn listed(error: &dyn ApiError) -> Vec<String> {
        let mut out = Vec::new();
        Values::of(error).for_each(&mut |name, value| out.push(format!("{name}={value}")));
        out
    }

    #[test]
    fn only_the_default_templates_fields() {
        let err = Sample::Named {
            names: vec!["a", "b"],
            count: Some(3),
            r#type: "x\"y",
            hidden: "secret",
        };
        let Sample::Named { hidden, .. } = &err else {
            unreachable!()
        };
        assert_eq!(*hidden, "secret");
        assert_eq!(listed(&err), ["names=a, b", "count=3", r#"type="x\"y""#]);
        assert_eq!(Values::of(&err).get("count").as_deref(), Some("3"));
        assert_eq!(Values::of(&err).get("hidden"), None);
        let none = Sample::Named {
            names: vec![],
            count: None,
            r#type: "",
            hidden: "",
        };
        assert_eq!(listed(&none), ["names=", "count=", r#"type="""#]);
        assert_eq!(listed(&Sample::Plain), Vec::<String>::new());
        let common = Sample::Common(CommonError::MaximumBatchSizeExceeded {
            received: 5,
            allowed: 3,
        });
        assert_eq!(listed(&common), ["received=5", "allowed=3"]);
    }
}
