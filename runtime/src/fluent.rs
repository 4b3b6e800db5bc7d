//! [`FluentLocalizer`]: a [`Localizer`] over Project Fluent (`.ftl`) sources,
//! one bundle per language (feature `fluent`).
//!
//! The message id is the error's code and its arguments are the values the
//! code's default `msg` template names (`$0` cannot be written in Fluent, so a
//! tuple field's value is also given as `$arg0`, `$arg1`, …). A value that reads
//! back as the same number is a Fluent number, so plural selectors work
//! (`{ $count -> [one] … *[other] … }`). Fluent's bidi isolation marks
//! (U+2068, U+2069) are switched off: they would reach the JSON. A message that
//! uses a variable it is not given, or references a missing message, is not
//! used (the declaration answers), so no `{$name}` fallback text reaches the caller.
//!
//! ```
//! use rest_error::ApiError;
//! use rest_error::fluent::FluentLocalizer;
//! use rest_error::localizer::{Localizer, Values};
//!
//! let german = FluentLocalizer::new().add_ftl(
//!     "de",
//!     "ResourceNotFound = Gerät { $arg0 } wurde nicht gefunden\n\
//!      MaximumBatchSizeExceeded = { $allowed ->\n    \
//!          [one] Höchstens ein Gerät\n   \
//!         *[other] Höchstens { $allowed } Geräte\n\
//!      }, erhalten: { $received }\n",
//! )?;
//!
//! #[derive(Debug, ApiError)]
//! enum MachineError {
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//!     NotFound(u64),
//!     #[api(code = "MaximumBatchSizeExceeded", status = 400,
//!           msg = "At most <allowed> machines, received <received>")]
//!     TooMany { received: usize, allowed: usize },
//! }
//!
//! let message = |err: &MachineError| {
//!     german.message(err.code(), "de", &Values::of(err)).map(|message| message.into_owned())
//! };
//! assert_eq!(message(&MachineError::NotFound(7)).as_deref(), Some("Gerät 7 wurde nicht gefunden"));
//! let too_many = MachineError::TooMany { received: 4, allowed: 1 };
//! assert_eq!(message(&too_many).as_deref(), Some("Höchstens ein Gerät, erhalten: 4"));
//! # Ok::<(), rest_error::fluent::FluentSourceError>(())
//! ```

use core::fmt;
use std::borrow::Cow;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::localizer::{Localizer, Values};

/// A [`Localizer`] over Fluent sources: for each language, the messages of
/// its `.ftl` sources, each message named by an error code. Build it once at
/// start-up and give it to `WebSettings::localizer`.
#[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
#[derive(Default)]
pub struct FluentLocalizer {
    /// The language of each bundle, in the order they were first added.
    languages: Vec<&'static str>,
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl FluentLocalizer {
    /// No languages yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the messages of one Fluent source in `lang` (a BCP 47 tag such as
    /// `de` or `pt-BR`; the tags are part of the service, so they are
    /// `'static`). More sources in the same language add to its bundle, for
    /// example `include_str!("../locales/de/errors.ftl")` or a file read at
    /// start-up.
    ///
    /// # Errors
    /// When `lang` is not a well-formed language tag, when the source does not
    /// parse (every syntax error is listed), or when it defines a message the
    /// language already has.
    pub fn add_ftl(
        mut self,
        lang: &'static str,
        source: impl Into<String>,
    ) -> Result<Self, FluentSourceError> {
        let error = |problems: Vec<String>| FluentSourceError { lang, problems };
        if !crate::lang::is_language_tag(lang) {
            return Err(error(vec![
                "expected a language tag such as `de` or `pt-BR`".to_owned(),
            ]));
        }
        let resource = FluentResource::try_new(source.into()).map_err(|(_, errors)| {
            error(
                errors
                    .iter()
                    .map(|e| format!("{e} at byte {}", e.pos.start))
                    .collect(),
            )
        })?;
        let known = self
            .languages
            .iter()
            .position(|known| known.eq_ignore_ascii_case(lang));
        let index = if let Some(index) = known {
            index
        } else {
            let id: LanguageIdentifier = lang
                .parse()
                .map_err(|e: unic_langid::LanguageIdentifierError| error(vec![e.to_string()]))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // The marks would be written into the JSON message.
            bundle.set_use_isolating(false);
            self.languages.push(lang);
            self.bundles.push(bundle);
            self.bundles.len() - 1
        };
        if let Some(bundle) = self.bundles.get_mut(index) {
            bundle
                .add_resource(resource)
                .map_err(|errors| error(errors.iter().map(ToString::to_string).collect()))?;
        }
        Ok(self)
    }
}

impl Localizer for FluentLocalizer {
    fn languages(&self) -> &[&str] {
        &self.languages
    }

    fn message<'a>(&'a self, code: &str, lang: &str, values: &Values<'_>) -> Option<Cow<'a, str>> {
        let index = self
            .languages
            .iter()
            .position(|known| known.eq_ignore_ascii_case(lang))?;
        let bundle = self.bundles.get(index)?;
        let pattern = bundle.get_message(code)?.value()?;
        let mut args = FluentArgs::new();
        values.for_each(&mut |name, value| {
            let value = fluent_value(value.to_string());
            if name.bytes().all(|b| b.is_ascii_digit()) {
                args.set(format!("arg{name}"), value.clone());
            }
            args.set(name, value);
        });
        let mut errors = Vec::new();
        let message = bundle.format_pattern(pattern, Some(&args), &mut errors);
        // A missing variable or reference would show `{$name}`: not a message.
        errors.is_empty().then_some(message)
    }
}

/// A number when the text reads back as the same number (so `007` and ids
/// too long for an `f64` stay text), else the text.
fn fluent_value(text: String) -> FluentValue<'static> {
    if let Ok(number) = text.parse::<FluentNumber>()
        && number.as_string() == text
    {
        return FluentValue::Number(number);
    }
    FluentValue::String(Cow::Owned(text))
}

impl fmt::Debug for FluentLocalizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FluentLocalizer")
            .field("languages", &self.languages)
            .finish_non_exhaustive()
    }
}

/// A Fluent source [`FluentLocalizer::add_ftl`] refused, with why.
#[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FluentSourceError {
    lang: &'static str,
    problems: Vec<String>,
}

impl FluentSourceError {
    /// The language the source was added in.
    #[must_use]
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// Each problem found, in source order.
    #[must_use]
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}

impl fmt::Display for FluentSourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid Fluent source for `{}`",
            self.lang.escape_debug()
        )?;
        for (i, problem) in self.problems.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { "; " })?;
            f.write_str(problem)?;
        }
        Ok(())
    }
}

impl core::error::Error for FluentSourceError {}

#[cfg(test)]
mod tests {
    use super::{FluentLocalizer, fluent_value};
    use crate::localizer::{Localizer, Values};
    use crate::{ApiError, CommonError};
    use fluent_bundle::FluentValue;

    #[test]
    fn numbers_only_when_they_read_back_the_same() {
        assert!(matches!(fluent_value("3".into()), FluentValue::Number(_)));
        assert!(matches!(
            fluent_value("2.50".into()),
            FluentValue::Number(_)
        ));
        for text in ["007", "123123123123123123123", "web-01", "", "1e3"] {
            assert!(
                matches!(fluent_value(text.into()), FluentValue::String(_)),
                "{text}"
            );
        }
    }

    #[test]
    fn sources_are_checked() {
        let err = FluentLocalizer::new().add_ftl("d e", "a = b").unwrap_err();
        assert_eq!(err.lang(), "d e");
        assert!(
            err.to_string()
                .starts_with("invalid Fluent source for `d e`: expected a language tag")
        );
        let err = FluentLocalizer::new()
            .add_ftl("de", "ok = fine\n= broken\nbad {")
            .unwrap_err();
        assert_eq!(err.problems().len(), 2, "{err}");
        let err = FluentLocalizer::new()
            .add_ftl("de", "Forbidden = a")
            .and_then(|fluent| fluent.add_ftl("DE", "Forbidden = b"))
            .unwrap_err();
        assert!(err.to_string().contains("Forbidden"), "{err}");
    }

    #[test]
    fn no_isolation_marks_and_no_unknown_variables() {
        let fluent = FluentLocalizer::new()
            .add_ftl(
                "de",
                "MaximumBatchSizeExceeded = Erhalten { $received }, erlaubt { $allowed }\n\
                 Forbidden = Verboten für { $user }\n",
            )
            .and_then(|fluent| fluent.add_ftl("de", "Unauthorized = Nicht angemeldet\n"))
            .unwrap();
        assert_eq!(fluent.languages(), ["de"]);
        let batch = CommonError::MaximumBatchSizeExceeded {
            received: 5,
            allowed: 3,
        };
        let message = fluent.message(batch.code(), "DE", &Values::of(&batch));
        assert_eq!(message.as_deref(), Some("Erhalten 5, erlaubt 3"));
        // `$user` is not a value of the default template: not used.
        let forbidden = CommonError::Forbidden;
        assert_eq!(
            fluent.message("Forbidden", "de", &Values::of(&forbidden)),
            None
        );
        let message = fluent.message("Unauthorized", "de", &Values::of(&forbidden));
        assert!(matches!(
            message,
            Some(std::borrow::Cow::Borrowed("Nicht angemeldet"))
        ));
        assert_eq!(
            fluent.message("Unauthorized", "sv", &Values::of(&forbidden)),
            None
        );
        assert_eq!(fluent.message("Nope", "de", &Values::of(&forbidden)), None);
    }
}
