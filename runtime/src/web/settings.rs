//! [`WebSettings`]: the one configuration value every framework adapter takes.

use core::fmt;
use std::borrow::Cow;
use std::sync::Arc;

use super::RejectionKind;
use super::format::{EnvelopeFormat, ErrorFormat, Format, ProblemFormat};
use crate::CorrelationId;

/// The default header that carries the incoming correlation id and echoes it.
pub(crate) const REQUEST_ID_HEADER: &str = "x-request-id";
/// The default header that repeats an error response's code (Microsoft REST API guidelines).
pub(crate) const ERROR_CODE_HEADER: &str = "x-ms-error-code";

/// How the web integrations name and find things, shared by the axum layer
/// (`rest_error::axum::CorrelationLayer::new`) and the actix-web middleware
/// (`rest_error::actix::Correlation::new`).
///
/// The defaults: the id is read from and echoed in `x-request-id`, a W3C
/// `traceparent`'s trace id is the fallback id, each error response repeats its
/// code in `x-ms-error-code`, the body is the envelope
/// ([`EnvelopeFormat`](super::EnvelopeFormat)) unless the request's `Accept`
/// asks for problem+json ([`ProblemFormat`](super::ProblemFormat)), and
/// problem+json has no `type` base (its `type` is `about:blank`).
///
/// # Formats
///
/// Each error response is written by one [`ErrorFormat`]: the default format,
/// unless the request's `Accept` lists a negotiated format's media type with a
/// q-value above 0 that is at least the highest q-value of any range matching
/// the default's media type (for `application/json`: `application/json`,
/// `application/*`, `*/*`). So `Accept: application/problem+json` gets
/// problem+json, while no `Accept`, `*/*`, `application/json`, or a malformed
/// header get the envelope. Among negotiated formats the higher q-value wins,
/// then the one added first. With at least one negotiated format, error
/// responses made under the middleware say `Vary: Accept`. Negotiation happens
/// in the middleware: without it, errors get the default format.
///
/// Header names are plain strings, so one value configures either framework.
/// Each builder method that takes one has two forms: `request_header(name)`
/// panics on an invalid name, like `http::HeaderName::from_static`, and is meant
/// for names written in the source; `try_request_header(name)` returns the
/// mistake as a value, for names read from configuration. Names are stored
/// lowercase (HTTP header names are case-insensitive).
///
/// ```
/// use rest_error::web::WebSettings;
///
/// let settings = WebSettings::default()
///     .request_header("X-Correlation-Id")
///     .error_code_header("x-error-code")
///     .traceparent(false)
///     .problem_type_base("https://errors.example.com/");
/// assert_eq!(settings.request_header_name(), "x-correlation-id");
///
/// // From configuration: the mistake is a value.
/// let err = WebSettings::default().try_response_header("x request id").unwrap_err();
/// assert_eq!(err.to_string(), "invalid header name `x request id`: expected an HTTP token");
/// ```
#[derive(Clone, Debug)]
pub struct WebSettings {
    /// Where the incoming id is read from.
    pub(crate) request_header: Cow<'static, str>,
    /// Where the id is echoed, on every response.
    pub(crate) response_header: Cow<'static, str>,
    /// Where an error response repeats its code; `None` sends no such header.
    pub(crate) error_code_header: Option<Cow<'static, str>>,
    /// Whether a W3C `traceparent`'s trace id is the fallback id.
    pub(crate) traceparent: bool,
    /// What problem+json's `type` starts with; `None` writes `about:blank`.
    pub(crate) problem_type_base: Option<Cow<'static, str>>,
    /// The format unless `Accept` prefers another.
    pub(crate) default_format: Format,
    /// The formats `Accept` may ask for, in the order they were added.
    pub(crate) negotiated: Cow<'static, [Format]>,
    /// The body extractor's answers the service gave another code and status.
    pub(crate) remaps: Cow<'static, [(RejectionKind, &'static str, u16)]>,
    /// Whether the request header's id is the request's id (else only echoed
    /// in [`CLIENT_ID_HEADER`]).
    pub(crate) trust_request_header: bool,
    /// Whether a panic while handling a request is answered as a 500.
    pub(crate) catch_panics: bool,
    /// The id the request's context gives (its trace id), asked after the request header.
    pub(crate) id_from_context: Option<fn() -> Option<CorrelationId>>,
    /// Messages from outside the declaration, asked for languages an error lacks.
    pub(crate) localizer: Option<super::language::SharedLocalizer>,
}

/// Where an incoming id that is not trusted is echoed
/// ([`WebSettings::trust_request_header`]).
pub(crate) const CLIENT_ID_HEADER: &str = "x-client-request-id";

impl WebSettings {
    /// The defaults, as a constant (see [`WebSettings`]).
    pub(crate) const DEFAULT: WebSettings = WebSettings {
        request_header: Cow::Borrowed(REQUEST_ID_HEADER),
        response_header: Cow::Borrowed(REQUEST_ID_HEADER),
        error_code_header: Some(Cow::Borrowed(ERROR_CODE_HEADER)),
        traceparent: true,
        problem_type_base: None,
        default_format: Format::Static(&EnvelopeFormat),
        negotiated: Cow::Borrowed(&[Format::Static(&ProblemFormat)]),
        remaps: Cow::Borrowed(&[]),
        trust_request_header: true,
        catch_panics: true,
        id_from_context: DEFAULT_ID_FROM_CONTEXT,
        localizer: None,
    };

    /// Reads the incoming id from `name` instead of `x-request-id`.
    ///
    /// # Panics
    /// When `name` is not an HTTP token; see [`try_request_header`](Self::try_request_header).
    #[must_use]
    pub fn request_header(self, name: impl Into<Cow<'static, str>>) -> Self {
        settled(self.try_request_header(name))
    }

    /// Reads the incoming id from `name` instead of `x-request-id`.
    ///
    /// # Errors
    /// When `name` is not an HTTP token (RFC 9110 `tchar`s, at least one).
    pub fn try_request_header(
        mut self,
        name: impl Into<Cow<'static, str>>,
    ) -> Result<Self, InvalidSetting> {
        self.request_header = header_name(name.into())?;
        Ok(self)
    }

    /// Echoes the id in `name` instead of `x-request-id`.
    ///
    /// # Panics
    /// When `name` is not an HTTP token; see [`try_response_header`](Self::try_response_header).
    #[must_use]
    pub fn response_header(self, name: impl Into<Cow<'static, str>>) -> Self {
        settled(self.try_response_header(name))
    }

    /// Echoes the id in `name` instead of `x-request-id`.
    ///
    /// # Errors
    /// When `name` is not an HTTP token.
    pub fn try_response_header(
        mut self,
        name: impl Into<Cow<'static, str>>,
    ) -> Result<Self, InvalidSetting> {
        self.response_header = header_name(name.into())?;
        Ok(self)
    }

    /// Repeats each error response's code in `name` instead of `x-ms-error-code`.
    ///
    /// # Panics
    /// When `name` is not an HTTP token; see [`try_error_code_header`](Self::try_error_code_header).
    #[must_use]
    pub fn error_code_header(self, name: impl Into<Cow<'static, str>>) -> Self {
        settled(self.try_error_code_header(name))
    }

    /// Repeats each error response's code in `name` instead of `x-ms-error-code`.
    ///
    /// # Errors
    /// When `name` is not an HTTP token.
    pub fn try_error_code_header(
        mut self,
        name: impl Into<Cow<'static, str>>,
    ) -> Result<Self, InvalidSetting> {
        self.error_code_header = Some(header_name(name.into())?);
        Ok(self)
    }

    /// Sends no error-code header; the code is only in the body.
    #[must_use]
    pub fn without_error_code_header(mut self) -> Self {
        self.error_code_header = None;
        self
    }

    /// Whether the trace id of a W3C `traceparent` header is the fallback id
    /// (on by default).
    #[must_use]
    pub fn traceparent(mut self, enabled: bool) -> Self {
        self.traceparent = enabled;
        self
    }

    /// The URI that problem+json's `type` member starts with: the code follows
    /// it, after a `/` unless the base already ends in `/` or `#`
    /// (`https://errors.example.com/ResourceNotFound`). Without a base, `type` is
    /// `about:blank`.
    ///
    /// # Panics
    /// When `base` is not a URI; see [`try_problem_type_base`](Self::try_problem_type_base).
    #[must_use]
    pub fn problem_type_base(self, base: impl Into<Cow<'static, str>>) -> Self {
        settled(self.try_problem_type_base(base))
    }

    /// The URI that problem+json's `type` member starts with, see
    /// [`problem_type_base`](Self::problem_type_base).
    ///
    /// # Errors
    /// When `base` is empty, has no scheme (`https:`), or holds a character a URI
    /// can't (a space, a control character, anything outside ASCII).
    pub fn try_problem_type_base(
        mut self,
        base: impl Into<Cow<'static, str>>,
    ) -> Result<Self, InvalidSetting> {
        let base = base.into();
        if !is_absolute_uri(&base) {
            return Err(InvalidSetting::new(Setting::ProblemTypeBase, &base));
        }
        self.problem_type_base = Some(base);
        Ok(self)
    }

    /// Answers with `format` unless the request's `Accept` asks for a negotiated
    /// one (see [Formats](WebSettings#formats)); the envelope by default.
    #[must_use]
    pub fn default_format(mut self, format: impl ErrorFormat) -> Self {
        self.default_format = Format::Shared(Arc::new(format));
        self
    }

    /// Adds `format` to the formats a request's `Accept` can ask for (see
    /// [Formats](WebSettings#formats)); problem+json is one by default.
    #[must_use]
    pub fn negotiated_format(mut self, format: impl ErrorFormat) -> Self {
        self.negotiated
            .to_mut()
            .push(Format::Shared(Arc::new(format)));
        self
    }

    /// Negotiates nothing: every error response has the default format, and no
    /// `Vary: Accept`. Formats added after this call are negotiated again.
    #[must_use]
    pub fn without_negotiated_formats(mut self) -> Self {
        self.negotiated = Cow::Borrowed(&[]);
        self
    }

    /// Answers the body extractor's `kind` of rejection with `code` and `status`
    /// instead of the documented ones (for example 415 `invalid_content_type`,
    /// or `snake_case` codes for a `snake_case` API); the message stays. A later
    /// remap of the same kind wins. See [`RejectionKind`].
    ///
    /// # Panics
    /// When `status` is not in `400..=599` or `code` is empty or not visible
    /// ASCII; see [`try_remap_rejection`](Self::try_remap_rejection).
    #[must_use]
    pub fn remap_rejection(self, kind: RejectionKind, code: &'static str, status: u16) -> Self {
        settled(self.try_remap_rejection(kind, code, status))
    }

    /// Answers the body extractor's `kind` of rejection with `code` and
    /// `status`, see [`remap_rejection`](Self::remap_rejection).
    ///
    /// # Errors
    /// When `status` is not in `400..=599` or `code` is empty or not visible ASCII.
    pub fn try_remap_rejection(
        mut self,
        kind: RejectionKind,
        code: &'static str,
        status: u16,
    ) -> Result<Self, InvalidSetting> {
        if !(400..=599).contains(&status) {
            return Err(InvalidSetting::new(
                Setting::RemapStatus,
                &status.to_string(),
            ));
        }
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(InvalidSetting::new(Setting::RemapCode, code));
        }
        let remaps = self.remaps.to_mut();
        remaps.retain(|(other, _, _)| *other != kind);
        remaps.push((kind, code, status));
        Ok(self)
    }

    /// The code and status `kind` of rejection is remapped to, if it is.
    #[must_use]
    pub fn rejection_remap(&self, kind: RejectionKind) -> Option<(&'static str, u16)> {
        self.remaps
            .iter()
            .find(|(other, _, _)| *other == kind)
            .map(|&(_, code, status)| (code, status))
    }

    /// The media types of the default format, then of the negotiated ones.
    ///
    /// ```
    /// use rest_error::web::WebSettings;
    ///
    /// let media: Vec<_> = WebSettings::default().media_types().collect();
    /// assert_eq!(media, ["application/json", "application/problem+json"]);
    /// ```
    pub fn media_types(&self) -> impl Iterator<Item = &'static str> + '_ {
        core::iter::once(self.default_format.media_type())
            .chain(self.negotiated.iter().map(|format| format.media_type()))
    }

    /// The format a request with these `Accept` header values gets (see
    /// [Formats](WebSettings#formats)), as the middleware chooses it. It
    /// allocates nothing.
    ///
    /// ```
    /// use rest_error::web::WebSettings;
    ///
    /// let settings = WebSettings::default();
    /// let media = |accept: &[&str]| {
    ///     settings.format_for(accept.iter().map(|value| value.as_bytes())).media_type()
    /// };
    /// assert_eq!(media(&[]), "application/json");
    /// assert_eq!(media(&["*/*"]), "application/json");
    /// assert_eq!(media(&["application/problem+json"]), "application/problem+json");
    /// assert_eq!(media(&["application/problem+json;q=0.5, application/json"]), "application/json");
    /// ```
    pub fn format_for<'h, I>(&self, accept: I) -> &dyn ErrorFormat
    where
        I: IntoIterator<Item = &'h [u8]> + Clone,
    {
        self.format(self.negotiate(move || accept.clone().into_iter()))
    }

    /// The format for choice `index` (0: the default, `i + 1`: negotiated `i`).
    pub(crate) fn format(&self, index: usize) -> &dyn ErrorFormat {
        match index.checked_sub(1).and_then(|i| self.negotiated.get(i)) {
            Some(format) => &**format,
            None => &*self.default_format,
        }
    }

    /// The format index for a request with these `Accept` values.
    pub(crate) fn negotiate<'h, A: Iterator<Item = &'h [u8]>>(
        &self,
        accept: impl Fn() -> A,
    ) -> usize {
        let alternatives = self.negotiated.iter().map(|format| format.media_type());
        super::negotiate::choose(self.default_format.media_type(), alternatives, accept)
    }

    /// The header the incoming id is read from, lowercase.
    #[must_use]
    pub fn request_header_name(&self) -> &str {
        &self.request_header
    }

    /// The header the id is echoed in, lowercase.
    #[must_use]
    pub fn response_header_name(&self) -> &str {
        &self.response_header
    }

    /// The header an error response repeats its code in, lowercase, if any.
    #[must_use]
    pub fn error_code_header_name(&self) -> Option<&str> {
        self.error_code_header.as_deref()
    }

    /// The base of problem+json's `type`, if one is set.
    #[must_use]
    pub fn problem_type_base_uri(&self) -> Option<&str> {
        self.problem_type_base.as_deref()
    }

    /// Whether a valid id in the request header (`x-request-id`) becomes the
    /// request's id, its `target` (on by default). Off, a client can't choose
    /// its `target`, so two responses never share one: the id comes from
    /// `traceparent` (when on) or is fresh, and the client's id, when it is
    /// valid ([`CorrelationId::parse`](crate::CorrelationId::parse)), is echoed
    /// on every response in `x-client-request-id` (on its own, so it is never
    /// mistaken for the request's id) for the caller to match its logs.
    ///
    /// ```
    /// use rest_error::web::WebSettings;
    ///
    /// // Behind a gateway that sets no id of its own: ids are the server's.
    /// let settings = WebSettings::default().trust_request_header(false).traceparent(false);
    /// # let _ = settings;
    /// ```
    #[must_use]
    pub fn trust_request_header(mut self, trusted: bool) -> Self {
        self.trust_request_header = trusted;
        self
    }

    /// Whether a panic while a request is handled under the middleware is
    /// answered as a 500 `InternalServerError` error response with the
    /// request's `target` in its negotiated format, and logged at `error` level
    /// with the panic message under that id (on by default). Off, the panic
    /// unwinds through the middleware to the framework as if it were not there.
    #[must_use]
    pub fn catch_panics(mut self, enabled: bool) -> Self {
        self.catch_panics = enabled;
        self
    }

    /// Gives each request the id `hook` returns, when it returns one: called as
    /// the request starts, inside the span that handles it, so it can read the
    /// current trace context of any tracing library or `OpenTelemetry` version.
    ///
    /// The order is: a valid incoming request header (`x-request-id`), then
    /// this hook, then a valid `traceparent`'s trace id, then a fresh UUID v4.
    /// With the feature `opentelemetry` the default hook is
    /// [`rest_error::otel::trace_id`](crate::otel::trace_id) (the trace id of
    /// the current span's `OpenTelemetry` context); without it there is none.
    ///
    /// ```
    /// use rest_error::CorrelationId;
    /// use rest_error::web::WebSettings;
    ///
    /// fn from_my_tracer() -> Option<CorrelationId> {
    ///     // e.g. the current span's trace id, as 32 lowercase hex digits
    ///     CorrelationId::parse("4bf92f3577b34da6a3ce929d0e0e4736").ok()
    /// }
    /// let settings = WebSettings::default().id_from_context(from_my_tracer);
    /// ```
    #[must_use]
    pub fn id_from_context(mut self, hook: fn() -> Option<CorrelationId>) -> Self {
        self.id_from_context = Some(hook);
        self
    }

    /// Asks no hook for the id (see [`id_from_context`](Self::id_from_context)).
    #[must_use]
    pub fn without_id_from_context(mut self) -> Self {
        self.id_from_context = None;
        self
    }

    /// Plugs in messages from outside the declaration (translations kept in
    /// files): `localizer` is asked, for the language an error response's
    /// `Accept-Language` picks among the error's languages and
    /// [`Localizer::languages`](crate::localizer::Localizer::languages), when
    /// the error does not declare that language itself. Its message is written
    /// with `Content-Language` naming its language; code, status, headers and
    /// the log event stay the error's own. When it returns nothing, the
    /// language is chosen again among the error's own. With a localizer that
    /// offers a language besides an error's default, that error's response says
    /// `Vary: accept-language` and `Content-Language` even when the error has
    /// one language; one without `Accept-Language` is answered from the
    /// declaration as before, without asking the localizer. See
    /// [`localizer`](crate::localizer) for the precedence and what it is given.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use rest_error::localizer::{Localizer, Values};
    /// use rest_error::web::WebSettings;
    ///
    /// struct German;
    ///
    /// impl Localizer for German {
    ///     fn languages(&self) -> &[&str] {
    ///         &["de"]
    ///     }
    ///     fn message<'a>(&'a self, code: &str, _lang: &str, _values: &Values<'_>) -> Option<Cow<'a, str>> {
    ///         (code == "Forbidden").then_some(Cow::Borrowed("Zugriff verweigert"))
    ///     }
    /// }
    ///
    /// let settings = WebSettings::default().localizer(German);
    /// assert_eq!(settings.localizer_languages(), ["de"]);
    /// ```
    #[must_use]
    pub fn localizer(mut self, localizer: impl crate::localizer::Localizer) -> Self {
        self.localizer = Some(super::language::SharedLocalizer(Arc::new(localizer)));
        self
    }

    /// Asks no localizer (see [`localizer`](Self::localizer)): messages come
    /// from the declaration only, the default.
    #[must_use]
    pub fn without_localizer(mut self) -> Self {
        self.localizer = None;
        self
    }

    /// The languages of the localizer, if one is set; empty otherwise.
    #[must_use]
    pub fn localizer_languages(&self) -> &[&str] {
        self.localizer
            .as_ref()
            .map_or(&[], |localizer| localizer.0.languages())
    }
}

/// The default id hook: the `OpenTelemetry` trace id when that feature is on.
#[cfg(feature = "opentelemetry")]
const DEFAULT_ID_FROM_CONTEXT: Option<fn() -> Option<CorrelationId>> = Some(crate::otel::trace_id);
#[cfg(not(feature = "opentelemetry"))]
const DEFAULT_ID_FROM_CONTEXT: Option<fn() -> Option<CorrelationId>> = None;

impl Default for WebSettings {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The builder's panicking form: a name in the source is a programming mistake.
#[track_caller]
fn settled(result: Result<WebSettings, InvalidSetting>) -> WebSettings {
    match result {
        Ok(settings) => settings,
        Err(err) => panic!("{err}"),
    }
}

/// A valid header name, lowercase; borrowed names that are already lowercase are kept as they are.
fn header_name(name: Cow<'static, str>) -> Result<Cow<'static, str>, InvalidSetting> {
    if !super::response::valid_header_name(&name) {
        return Err(InvalidSetting::new(Setting::HeaderName, &name));
    }
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Ok(Cow::Owned(name.to_ascii_lowercase()))
    } else {
        Ok(name)
    }
}

/// `scheme ":" rest`, the scheme a letter then letters, digits, `+`, `-`, `.`,
/// and the whole visible ASCII.
fn is_absolute_uri(uri: &str) -> bool {
    let Some((scheme, _)) = uri.split_once(':') else {
        return false;
    };
    let mut scheme = scheme.bytes();
    scheme.next().is_some_and(|b| b.is_ascii_alphabetic())
        && scheme.all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        && uri.bytes().all(|b| b.is_ascii_graphic())
}

/// A value [`WebSettings`] refused, with what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidSetting {
    setting: Setting,
    /// The refused value, cut short and with control characters escaped.
    value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Setting {
    HeaderName,
    ProblemTypeBase,
    RemapStatus,
    RemapCode,
}

/// A refused value is quoted in the message up to this many characters.
const MAX_QUOTED: usize = 64;

impl InvalidSetting {
    fn new(setting: Setting, value: &str) -> Self {
        let mut quoted: String = value.chars().take(MAX_QUOTED).collect();
        if value.chars().nth(MAX_QUOTED).is_some() {
            quoted.push('…');
        }
        let value = quoted.escape_debug().to_string();
        Self { setting, value }
    }
}

impl fmt::Display for InvalidSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.setting {
            Setting::HeaderName => write!(
                f,
                "invalid header name `{}`: expected an HTTP token",
                self.value
            ),
            Setting::ProblemTypeBase => write!(
                f,
                "invalid problem type base `{}`: expected an absolute URI such as `https://errors.example.com/`",
                self.value
            ),
            Setting::RemapStatus => write!(
                f,
                "invalid rejection status `{}`: expected an error status in 400..=599",
                self.value
            ),
            Setting::RemapCode => write!(
                f,
                "invalid rejection code `{}`: expected visible ASCII, at least one character",
                self.value
            ),
        }
    }
}

impl core::error::Error for InvalidSetting {}

#[cfg(test)]
mod tests {
    use super::WebSettings;
    use crate::web::RejectionKind;

    #[test]
    fn remaps_are_checked_and_the_last_wins() {
        let settings = WebSettings::default()
            .remap_rejection(RejectionKind::ContentType, "a", 415)
            .remap_rejection(RejectionKind::ContentType, "b", 400);
        assert_eq!(
            settings.rejection_remap(RejectionKind::ContentType),
            Some(("b", 400))
        );
        assert_eq!(settings.rejection_remap(RejectionKind::Empty), None);
        assert_eq!(
            WebSettings::default().rejection_remap(RejectionKind::ContentType),
            None
        );
        let err = WebSettings::default()
            .try_remap_rejection(RejectionKind::Empty, "x", 200)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid rejection status `200`: expected an error status in 400..=599"
        );
        for code in ["", "bad code", "bad\ncode"] {
            assert!(
                WebSettings::default()
                    .try_remap_rejection(RejectionKind::Empty, code, 400)
                    .is_err(),
                "{code:?}"
            );
        }
    }

    #[test]
    fn defaults() {
        let settings = WebSettings::default();
        assert_eq!(settings.request_header_name(), "x-request-id");
        assert_eq!(settings.response_header_name(), "x-request-id");
        assert_eq!(settings.error_code_header_name(), Some("x-ms-error-code"));
        assert!(settings.traceparent);
        assert_eq!(settings.problem_type_base_uri(), None);
        assert_eq!(
            settings.media_types().collect::<Vec<_>>(),
            ["application/json", "application/problem+json"]
        );
    }

    #[test]
    fn formats_are_set_and_negotiated() {
        use crate::web::{EnvelopeFormat, ProblemFormat};
        let accept = |settings: &WebSettings, value: &'static str| {
            settings.negotiate(|| [value.as_bytes()].into_iter())
        };
        let defaults = WebSettings::default();
        assert_eq!(accept(&defaults, "application/problem+json"), 1);
        assert_eq!(defaults.format(1).media_type(), "application/problem+json");
        assert_eq!(defaults.format(0).media_type(), "application/json");

        let none = WebSettings::default().without_negotiated_formats();
        assert_eq!(accept(&none, "application/problem+json"), 0);
        assert_eq!(none.media_types().count(), 1);

        let flipped = WebSettings::default()
            .default_format(ProblemFormat)
            .without_negotiated_formats()
            .negotiated_format(EnvelopeFormat);
        assert_eq!(
            flipped.media_types().collect::<Vec<_>>(),
            ["application/problem+json", "application/json"]
        );
        assert_eq!(accept(&flipped, "application/json"), 1);
        assert_eq!(accept(&flipped, "*/*"), 0);
        // Settings are values: the clone keeps its own formats.
        let more = flipped.clone().negotiated_format(ProblemFormat);
        assert_eq!(more.media_types().count(), 3);
        assert_eq!(flipped.media_types().count(), 2);
    }

    #[test]
    fn header_names_are_validated_and_lowercased() {
        let settings = WebSettings::default()
            .request_header("X-Correlation-ID")
            .response_header(String::from("x-echo"))
            .error_code_header("X-Error-Code");
        assert_eq!(settings.request_header_name(), "x-correlation-id");
        assert_eq!(settings.response_header_name(), "x-echo");
        assert_eq!(settings.error_code_header_name(), Some("x-error-code"));
        assert_eq!(
            settings
                .without_error_code_header()
                .error_code_header_name(),
            None
        );

        for bad in ["", "a b", "x:y", "é", "a\r\nb", "(x)"] {
            let err = WebSettings::default().try_request_header(bad).unwrap_err();
            assert!(
                err.to_string().starts_with("invalid header name `"),
                "{err}"
            );
            assert!(WebSettings::default().try_response_header(bad).is_err());
            assert!(WebSettings::default().try_error_code_header(bad).is_err());
        }
        // A refused value is quoted escaped and cut short.
        let err = WebSettings::default()
            .try_request_header("a\nb")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid header name `a\\nb`: expected an HTTP token"
        );
        let long = "x ".repeat(100);
        let err = WebSettings::default().try_request_header(long).unwrap_err();
        assert!(err.to_string().len() < 140, "{err}");
    }

    #[test]
    #[should_panic(expected = "invalid header name `a b`")]
    fn the_plain_builder_panics_on_a_bad_name() {
        let _ = WebSettings::default().request_header("a b");
    }

    #[test]
    fn problem_type_base_is_an_absolute_uri() {
        for good in [
            "https://errors.example.com/",
            "https://errors.example.com",
            "urn:example:errors:",
            "tag:example.com,2026:",
        ] {
            let settings = WebSettings::default().problem_type_base(good);
            assert_eq!(settings.problem_type_base_uri(), Some(good));
        }
        for bad in [
            "",
            "errors.example.com/",
            "/errors/",
            "https://errors.example.com/a b",
            "1http://x",
            "https://é.example/",
            ":x",
        ] {
            let err = WebSettings::default()
                .try_problem_type_base(bad)
                .unwrap_err();
            assert!(
                err.to_string().starts_with("invalid problem type base `"),
                "{err}"
            );
        }
    }
}
