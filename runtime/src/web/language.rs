//! The language step of an error response: which language its message is in,
//! from the error's declaration or from the settings' [`Localizer`] (see
//! [`crate::localizer`] for the precedence).

use core::fmt;
use std::borrow::Cow;
use std::sync::Arc;

use crate::lang::{self, Localized};
use crate::localizer::{Localizer, Values};
use crate::{ApiError, ErrorDetail, MessageWriter};

/// The localizer of [`WebSettings`](super::WebSettings), shared by its clones.
#[derive(Clone)]
pub(crate) struct SharedLocalizer(pub(crate) Arc<dyn Localizer>);

impl fmt::Debug for SharedLocalizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Localizer")
            .field("languages", &self.0.languages())
            .finish_non_exhaustive()
    }
}

/// The language of one error response and where its message comes from.
pub(crate) enum Speech<'a> {
    /// An error in one language and no localizer offering another: no language
    /// headers, the message as declared (today's path).
    OneLanguage,
    /// The error's default language, as declared.
    Default(&'static str),
    /// One of the error's declared translations.
    Declared(&'static str),
    /// The localizer's message, in its language.
    Localizer {
        lang: &'a str,
        message: Cow<'a, str>,
    },
}

impl<'a> Speech<'a> {
    /// Chooses for `error`: without `Accept-Language` the default (no lookup,
    /// no localizer); with it, RFC 4647 lookup among the error's languages and
    /// the localizer's, the declaration winning a language both have.
    pub(crate) fn choose(
        error: &dyn ApiError,
        localizer: Option<&'a SharedLocalizer>,
        accept_language: Option<&str>,
    ) -> Self {
        let declared = error.languages();
        let default = declared.first().copied().unwrap_or("en");
        let offered: &'a [&'a str] = localizer.map_or(&[], |localizer| localizer.0.languages());
        let more = declared.len() > 1
            || offered
                .iter()
                .any(|tag| !tag.eq_ignore_ascii_case(default) && lang::is_language_tag(tag));
        if !more {
            return Speech::OneLanguage;
        }
        let Some(header) = accept_language else {
            return Speech::Default(default);
        };
        let Some(chosen) = lang::lookup_in_either(header, declared, offered) else {
            return Speech::Default(default);
        };
        if let Some(own) = declared.iter().find(|tag| tag.eq_ignore_ascii_case(chosen)) {
            return Speech::declared(default, own);
        }
        let message = localizer.and_then(|localizer| {
            localizer
                .0
                .message(error.code(), chosen, &Values::of(error))
        });
        match message {
            Some(message) => Speech::Localizer {
                lang: chosen,
                message,
            },
            // As if the localizer had not offered it: the error's own languages.
            None => match lang::lookup(header, declared) {
                Some(own) => Speech::declared(default, own),
                None => Speech::Default(default),
            },
        }
    }

    fn declared(default: &'static str, lang: &'static str) -> Self {
        if lang.eq_ignore_ascii_case(default) {
            Speech::Default(default)
        } else {
            Speech::Declared(lang)
        }
    }

    /// The `Content-Language` value, when the response names one.
    pub(crate) fn content_language(&self) -> Option<Cow<'static, str>> {
        match self {
            Speech::OneLanguage => None,
            Speech::Default(lang) | Speech::Declared(lang) => Some(Cow::Borrowed(lang)),
            Speech::Localizer { lang, .. } => Some(Cow::Owned((*lang).to_owned())),
        }
    }

    /// Calls `write` with the error as its message is to be written.
    pub(crate) fn write_with(&self, error: &dyn ApiError, write: impl FnOnce(&dyn ApiError)) {
        match self {
            Speech::OneLanguage | Speech::Default(_) => write(error),
            Speech::Declared(lang) => write(&Localized::new(error, lang)),
            Speech::Localizer { lang, message } => write(&FromLocalizer {
                inner: Localized::new(error, lang),
                message,
            }),
        }
    }
}

/// An error whose message is the localizer's text; everything else is the
/// error's own, its sub-errors in the localizer's language where they have it.
struct FromLocalizer<'a> {
    inner: Localized<'a>,
    message: &'a str,
}

impl ApiError for FromLocalizer<'_> {
    fn code(&self) -> &'static str {
        self.inner.code()
    }

    fn status(&self) -> u16 {
        self.inner.status()
    }

    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
        w.text(self.message)
    }

    fn headers(&self, header: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        self.inner.headers(header);
    }

    fn details(&self, detail: &mut dyn FnMut(&dyn ErrorDetail)) {
        self.inner.details(detail);
    }

    fn link(&self) -> Option<&'static str> {
        self.inner.link()
    }

    fn languages(&self) -> &'static [&'static str] {
        self.inner.languages()
    }

    fn write_message_in(&self, lang: &str, w: &mut MessageWriter<'_>) -> fmt::Result {
        if lang.eq_ignore_ascii_case(self.inner.lang()) {
            self.write_message(w)
        } else {
            self.inner.write_message_in(lang, w)
        }
    }

    fn message_values(&self, value: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        self.inner.message_values(value);
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::sync::Arc;

    use super::{SharedLocalizer, Speech};
    use crate::localizer::{Localizer, Values};
    use crate::{ApiError, CommonError};

    /// German for `ResourceNotFound` only; offers a malformed tag too.
    struct German;

    impl Localizer for German {
        fn languages(&self) -> &[&str] {
            &["de", "sv", "d"]
        }

        fn message<'a>(
            &'a self,
            code: &str,
            lang: &str,
            values: &Values<'_>,
        ) -> Option<Cow<'a, str>> {
            assert_ne!(lang, "sv", "the declaration answers its own languages");
            (code == "ResourceNotFound").then(|| {
                Cow::Owned(format!(
                    "Gerät {} fehlt",
                    values.get("0").unwrap_or_default()
                ))
            })
        }
    }

    #[derive(Debug, ApiError)]
    enum Sample {
        #[api(
            code = "ResourceNotFound",
            status = 404,
            msg = "Machine <0> was not found",
            msg(sv = "Datorn <0> hittades inte")
        )]
        NotFound(u64),
        #[api(status = 409, msg = "Only English")]
        Conflict,
    }

    fn chosen(
        error: &dyn ApiError,
        german: bool,
        header: Option<&str>,
    ) -> (Option<String>, String) {
        let localizer = SharedLocalizer(Arc::new(German));
        let speech = Speech::choose(error, german.then_some(&localizer), header);
        let lang = speech.content_language().map(Cow::into_owned);
        let mut message = String::new();
        speech.write_with(error, |error| message = error.message().to_string());
        (lang, message)
    }

    #[test]
    fn the_declaration_first_then_the_localizer() {
        let err = Sample::NotFound(7);
        let answer = |lang: &str, message: &str| (Some(lang.to_owned()), message.to_owned());
        assert_eq!(
            chosen(&err, true, Some("de-AT, sv;q=0.5")),
            answer("de", "Gerät 7 fehlt")
        );
        assert_eq!(
            chosen(&err, true, Some("sv, de")),
            answer("sv", "Datorn 7 hittades inte")
        );
        assert_eq!(
            chosen(&err, true, None),
            answer("en", "Machine 7 was not found")
        );
        assert_eq!(
            chosen(&err, false, Some("de")),
            answer("en", "Machine 7 was not found")
        );
        // A malformed tag of the localizer is never chosen.
        assert_eq!(
            chosen(&err, true, Some("d")),
            answer("en", "Machine 7 was not found")
        );
    }

    #[test]
    fn nothing_from_the_localizer_falls_back_to_the_declaration() {
        let answer = |lang: &str, message: &str| (Some(lang.to_owned()), message.to_owned());
        // `Conflict` has no German: the error's own languages decide again.
        assert_eq!(
            chosen(&Sample::Conflict, true, Some("de")),
            answer("en", "Only English")
        );
        let common = CommonError::Forbidden;
        let swedish = common.message_in("sv").to_string();
        assert_eq!(
            chosen(&common, true, Some("de, sv;q=0.5")),
            answer("sv", &swedish)
        );
        // One language and no localizer: no language header at all, as before.
        assert_eq!(
            chosen(&Sample::Conflict, false, Some("de")),
            (None, "Only English".to_owned())
        );
    }
}
