//! The error catalogue as HTML pages people read: [`ErrorPages`].
//!
//! A service serves its catalogue at a path it chooses (`/errors` by default):
//! the index is one table shaped like the documented one (code, status written
//! `BadRequest (400)`, message template), each code's row with its own anchor
//! (`/errors#ResourceNotFound`) and a link to the code's page
//! (`/errors/ResourceNotFound`): its status, message, the headers its responses
//! carry, an example envelope and problem+json document, and its documentation
//! link when it declares one. A code the catalogue does not list is answered
//! with the 404 error envelope ([`UnknownErrorCode`]), like any error response.
//!
//! The pages are plain server-rendered HTML with a small inline stylesheet, no
//! script, every piece of text escaped, readable on a phone. They are written in
//! the languages the type's messages have (`msg(sv = "...")`): `?lang=sv`
//! chooses one, else the request's `Accept-Language` by RFC 4647 lookup
//! ([`lang::lookup`](crate::lang::lookup)), else the type's default language.
//!
//! This module renders; `rest_error::axum::error_pages` and
//! `rest_error::actix::error_pages` serve.
//!
//! ```
//! use rest_error::ApiError;
//! use rest_error::web::ErrorPages;
//!
//! #[derive(Debug, ApiError)]
//! enum MachineError {
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found",
//!           msg(sv = "Datorn <0> hittades inte"))]
//!     MachineNotFound(u64),
//! }
//!
//! let pages = ErrorPages::new::<MachineError>();
//! assert_eq!(pages.languages(), ["en", "sv"]);
//! let page = pages.render(Some("ResourceNotFound"), Some("lang=sv"), None).unwrap();
//! assert_eq!(page.lang, "sv");
//! assert!(page.html.contains("Datorn {0} hittades inte"));
//! let unknown = pages.render(Some("NoSuchCode"), None, None).unwrap_err();
//! assert_eq!(rest_error::ApiError::status(&unknown), 404);
//! ```
//!
//! # Linking responses to the pages
//!
//! A problem+json `type` is the type base followed by the code, and a code's
//! `link` the type's `link_base` followed by the code; with both bases set to
//! the pages' absolute URL, the URI a client receives opens the code's page:
//!
//! ```
//! use rest_error::ApiError;
//! use rest_error::web::{ErrorPages, WebSettings};
//!
//! #[derive(Debug, ApiError)]
//! #[api(link_base = "https://api.example.com/errors/")]
//! enum MachineError {
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//!     MachineNotFound(u64),
//! }
//!
//! // `type` of a problem+json answer: https://api.example.com/errors/ResourceNotFound
//! let settings = WebSettings::default().problem_type_base("https://api.example.com/errors/");
//! // ... served at /errors and /errors/{code} of https://api.example.com
//! let pages = ErrorPages::new::<MachineError>().at("/errors");
//! assert_eq!(pages.page_path("ResourceNotFound"), "/errors/ResourceNotFound");
//! assert_eq!(
//!     MachineError::MachineNotFound(1).link(),
//!     Some("https://api.example.com/errors/ResourceNotFound"),
//! );
//! # let _ = settings;
//! ```

use core::fmt::{self, Write as _};
use std::borrow::Cow;

use serde_json::json;

use super::params::sanitize;
use crate::catalog::{self, Catalog, Entry, Node};
use crate::openapi::{EXAMPLE_TARGET, template_text};
use crate::status::default_message;
use crate::{ApiError, MessageWriter};

/// The catalogue of an error type, rendered as HTML pages.
#[derive(Debug, Clone)]
pub struct ErrorPages {
    entries: Vec<Entry>,
    languages: Vec<&'static str>,
    base: Cow<'static, str>,
    title: Cow<'static, str>,
    type_base: Option<Cow<'static, str>>,
}

/// A rendered page and the language it is written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The whole HTML document.
    pub html: String,
    /// Its language (the `Content-Language` to send).
    pub lang: &'static str,
}

impl Page {
    /// The headers to send with the page, besides its body: the media type, the
    /// language, `Vary`, and a content security policy that allows no script
    /// and only the inline stylesheet.
    pub const HEADERS: [(&'static str, &'static str); 4] = [
        ("content-type", "text/html; charset=utf-8"),
        ("vary", "accept-language"),
        (
            "content-security-policy",
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
        ),
        ("x-content-type-options", "nosniff"),
    ];
}

impl ErrorPages {
    /// The pages of `E`'s catalogue ([`catalog::entries`]), served at `/errors`.
    #[must_use]
    pub fn new<E: Catalog + ?Sized>() -> Self {
        let entries = catalog::entries::<E>();
        let mut languages: Vec<&'static str> = Vec::new();
        let tags = entries.iter().flat_map(|entry| {
            core::iter::once(entry.lang).chain(entry.translations.iter().map(|&(tag, _)| tag))
        });
        for tag in tags {
            if !languages.iter().any(|seen| seen.eq_ignore_ascii_case(tag)) {
                languages.push(tag);
            }
        }
        if languages.is_empty() {
            languages.push("en");
        }
        Self {
            entries,
            languages,
            base: Cow::Borrowed("/errors"),
            title: Cow::Borrowed("Error codes"),
            type_base: None,
        }
    }

    /// The path the index is served at (`/errors`); a code's page is this path,
    /// `/`, and the code. A trailing `/` is dropped.
    /// A path without its leading `/` gets one.
    #[must_use]
    pub fn at(mut self, path: impl Into<Cow<'static, str>>) -> Self {
        let mut path = path.into();
        if !path.starts_with('/') {
            path.to_mut().insert(0, '/');
        }
        while path.len() > 1 && path.ends_with('/') {
            path.to_mut().pop();
        }
        self.base = path;
        self
    }

    /// The pages' title (`Error codes`).
    #[must_use]
    pub fn title(mut self, title: impl Into<Cow<'static, str>>) -> Self {
        self.title = title.into();
        self
    }

    /// The problem type base the service sends
    /// ([`WebSettings::problem_type_base`](super::WebSettings::problem_type_base)),
    /// for the `type` of the example problem documents; without it they show
    /// the code's link, else `about:blank`, as the service would send.
    #[must_use]
    pub fn problem_type_base(mut self, base: impl Into<Cow<'static, str>>) -> Self {
        self.type_base = Some(base.into());
        self
    }

    /// The path of the index.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.base
    }

    /// The path of `code`'s page (the code percent-encoded where needed).
    #[must_use]
    pub fn page_path(&self, code: &str) -> String {
        let mut out = String::with_capacity(self.base.len() + 1 + code.len());
        out.push_str(self.base.trim_end_matches('/'));
        out.push('/');
        percent_encode(&mut out, code);
        out
    }

    /// The languages the pages are written in, the default first.
    #[must_use]
    pub fn languages(&self) -> &[&'static str] {
        &self.languages
    }

    /// The language of a request: `lang` of its `query` string when it names one
    /// of [`languages`](Self::languages), else the one its `Accept-Language`
    /// picks, else the default.
    #[must_use]
    pub fn language(&self, query: Option<&str>, accept_language: Option<&str>) -> &'static str {
        let asked = query
            .into_iter()
            .flat_map(|q| q.split('&'))
            .find_map(|pair| {
                let value = pair.strip_prefix("lang=")?;
                self.languages
                    .iter()
                    .find(|tag| tag.eq_ignore_ascii_case(value))
                    .copied()
            });
        asked
            .or_else(|| {
                accept_language.and_then(|header| crate::lang::lookup(header, &self.languages))
            })
            .unwrap_or(self.languages[0])
    }

    /// The page a request asks for: the index (`code` `None`) or `code`'s page,
    /// in the language of its `query` and `Accept-Language`
    /// ([`language`](Self::language)).
    ///
    /// # Errors
    /// [`UnknownErrorCode`] (404) when the catalogue does not list `code`.
    pub fn render(
        &self,
        code: Option<&str>,
        query: Option<&str>,
        accept_language: Option<&str>,
    ) -> Result<Page, UnknownErrorCode> {
        let lang = self.language(query, accept_language);
        let html = match code {
            None => self.index(lang),
            Some(code) => self
                .code_page(code, lang)
                .ok_or_else(|| UnknownErrorCode(sanitize(code)))?,
        };
        Ok(Page { html, lang })
    }

    /// The index in `lang`: every code in one table.
    #[must_use]
    pub fn index(&self, lang: &str) -> String {
        let words = Words::of(lang);
        let mut out = String::with_capacity(256 + self.entries.len() * 256);
        Self::head(&mut out, lang, &self.title);
        self.language_links(&mut out, lang, None);
        let _ = writeln!(out, "<h1>{}</h1>", Escaped(&self.title));
        let _ = writeln!(
            out,
            "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            words.code, words.status, words.message
        );
        for entry in &self.entries {
            let _ = writeln!(
                out,
                "<tr id=\"{code}\"><td><a href=\"{href}\"><code>{code}</code></a></td><td>{status}</td><td>{message}</td></tr>",
                code = Escaped(entry.code),
                href = Escaped(&self.href(&self.page_path(entry.code), lang)),
                status = Escaped(&status_label(entry.status)),
                message = Escaped(&template_text(entry.template_in(lang))),
            );
        }
        out.push_str("</tbody>\n</table>\n");
        let _ = writeln!(out, "<p>{}</p>", words.target_note);
        out.push_str("</main>\n</body>\n</html>\n");
        out
    }

    /// `code`'s page in `lang`, or `None` when the catalogue does not list it.
    #[must_use]
    pub fn code_page(&self, code: &str, lang: &str) -> Option<String> {
        let entry = self.entries.iter().find(|entry| entry.code == code)?;
        let words = Words::of(lang);
        let mut out = String::with_capacity(4096);
        Self::head(&mut out, lang, entry.code);
        self.language_links(&mut out, lang, Some(entry.code));
        let _ = writeln!(
            out,
            "<p><a href=\"{}\">{}</a></p>\n<h1><code>{}</code></h1>\n<dl>",
            Escaped(&self.href(&format!("{}#{}", self.base, entry.code), lang)),
            words.all_codes,
            Escaped(entry.code),
        );
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            words.status,
            Escaped(&status_label(entry.status))
        );
        let _ = write!(out, "<dt>{}</dt><dd>", words.message);
        let template = entry.template_in(lang);
        let _ = write!(out, "{}", Escaped(&template_text(template)));
        if template == entry.template {
            for more in entry.more_templates.iter() {
                let _ = write!(out, "<br>{}", Escaped(&template_text(more)));
            }
        }
        out.push_str("</dd>\n");
        if let Some(link) = entry.link {
            let _ = writeln!(
                out,
                "<dt>{}</dt><dd><a href=\"{link}\">{link}</a></dd>",
                words.documentation,
                link = Escaped(link)
            );
        }
        out.push_str("</dl>\n");

        let _ = writeln!(out, "<h2>{}</h2>\n<table>\n<tbody>", words.headers);
        for (name, value) in response_headers(entry) {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td></tr>",
                Escaped(&name),
                Escaped(&value)
            );
        }
        out.push_str("</tbody>\n</table>\n");

        let message = template_text(template);
        let problem_type = match (entry.link, &self.type_base) {
            (Some(link), _) => link.to_owned(),
            (None, Some(base)) if base.ends_with(['/', ':', '#']) => {
                format!("{base}{}", entry.code)
            }
            (None, Some(base)) => format!("{base}/{}", entry.code),
            (None, None) => "about:blank".to_owned(),
        };
        // Written by hand to keep the members in the order the service sends them.
        let envelope = format!(
            "{{\n  \"error\": {{\n    \"code\": {},\n    \"message\": {},\n    \"target\": {}\n  }}\n}}",
            json!(entry.code),
            json!(message),
            json!(EXAMPLE_TARGET),
        );
        let problem = format!(
            "{{\n  \"type\": {},\n  \"title\": {},\n  \"status\": {},\n  \"detail\": {},\n  \"code\": {},\n  \"target\": {}\n}}",
            json!(problem_type),
            json!(default_message(entry.status)),
            entry.status,
            json!(message),
            json!(entry.code),
            json!(EXAMPLE_TARGET),
        );
        for (heading, media_type, text) in [
            (words.envelope, "application/json", envelope),
            (words.problem, "application/problem+json", problem),
        ] {
            let _ = writeln!(
                out,
                "<h2>{heading}</h2>\n<p><code>{media_type}</code></p>\n<pre>{}</pre>",
                Escaped(&text)
            );
        }
        let _ = writeln!(out, "<p>{}</p>", words.target_note);
        out.push_str("</main>\n</body>\n</html>\n");
        Some(out)
    }

    /// `path` with `?lang=` when `lang` is not the default.
    fn href(&self, path: &str, lang: &str) -> String {
        if lang.eq_ignore_ascii_case(self.languages[0]) {
            return path.to_owned();
        }
        let (path, fragment) = path
            .split_once('#')
            .map_or((path, None), |(p, f)| (p, Some(f)));
        let mut out = format!("{path}?lang=");
        percent_encode(&mut out, lang);
        if let Some(fragment) = fragment {
            out.push('#');
            out.push_str(fragment);
        }
        out
    }

    fn head(out: &mut String, lang: &str, title: &str) {
        let _ = writeln!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>",
            lang = Escaped(lang),
            title = Escaped(title),
        );
    }

    /// Links to the page in the other languages, when there are any.
    fn language_links(&self, out: &mut String, lang: &str, code: Option<&str>) {
        if self.languages.len() < 2 {
            return;
        }
        let path = code.map_or_else(|| self.base.to_string(), |code| self.page_path(code));
        out.push_str("<nav>");
        for (i, &tag) in self.languages.iter().enumerate() {
            if i > 0 {
                out.push_str(" · ");
            }
            if tag.eq_ignore_ascii_case(lang) {
                let _ = write!(out, "<strong>{}</strong>", Escaped(tag));
            } else {
                let mut href = format!("{path}?lang=");
                percent_encode(&mut href, tag);
                let _ = write!(
                    out,
                    "<a href=\"{}\" hreflang=\"{tag}\" lang=\"{tag}\">{tag}</a>",
                    Escaped(&href),
                    tag = Escaped(tag)
                );
            }
        }
        out.push_str("</nav>\n");
    }
}

/// A status as the documented table writes it: `BadRequest (400)`, `Not Found (404)`.
fn status_label(status: u16) -> String {
    format!("{} ({status})", catalog::status_name(status))
}

/// The headers every response with `entry`'s code carries, and a value of each.
fn response_headers(entry: &Entry) -> Vec<(String, String)> {
    let mut headers = vec![
        (
            "content-type".to_owned(),
            "application/json (or application/problem+json on request)".to_owned(),
        ),
        (
            crate::openapi::ERROR_CODE_HEADER.to_owned(),
            entry.code.to_owned(),
        ),
        (
            crate::openapi::REQUEST_ID_HEADER.to_owned(),
            EXAMPLE_TARGET.to_owned(),
        ),
    ];
    if entry.status == 401 && !entry.sets_header("WWW-Authenticate") {
        headers.push(("WWW-Authenticate".to_owned(), "Bearer".to_owned()));
    }
    for &name in entry.headers {
        let value = if name.eq_ignore_ascii_case("retry-after") {
            "seconds to wait"
        } else {
            "set by the error"
        };
        headers.push((name.to_owned(), value.to_owned()));
    }
    headers
}

/// The pages' own words in one language: English, and Swedish as the
/// reference page has it.
struct Words {
    code: &'static str,
    status: &'static str,
    message: &'static str,
    headers: &'static str,
    documentation: &'static str,
    envelope: &'static str,
    problem: &'static str,
    all_codes: &'static str,
    target_note: &'static str,
}

impl Words {
    fn of(lang: &str) -> &'static Words {
        let swedish = lang.eq_ignore_ascii_case("sv")
            || lang.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("sv-"));
        if swedish { &SWEDISH } else { &ENGLISH }
    }
}

static ENGLISH: Words = Words {
    code: "Error code",
    status: "HTTP status code",
    message: "Message",
    headers: "Response headers",
    documentation: "Documentation",
    envelope: "Example response",
    problem: "Example problem document",
    all_codes: "All error codes",
    target_note: "Every error response carries a unique correlation id in <code>target</code>: quote it when you contact support.",
};

static SWEDISH: Words = Words {
    code: "Felkod",
    status: "HTTP-statuskod",
    message: "Meddelande",
    headers: "Svarshuvuden",
    documentation: "Dokumentation",
    envelope: "Exempelsvar",
    problem: "Exempel på problemdokument",
    all_codes: "Alla felkoder",
    target_note: "Alla felsvar har ett unikt korrelations-id i <code>target</code>: ange det när du kontaktar supporten.",
};

/// A small stylesheet: readable on a phone, wide tables scroll on their own.
const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}\
main{max-width:60rem;margin:0 auto;padding:1rem}\
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.5rem}\
table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}\
th,td{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left;vertical-align:top}\
th{background:#f3f3f3}tr:target{background:#fff6d5}\
code,pre{font-family:ui-monospace,monospace;font-size:.9em}\
pre{background:#f6f8fa;padding:.75rem;overflow-x:auto}\
a{color:#0b5cad}nav{text-align:right}dt{font-weight:600}dd{margin:0 0 .5rem}";

/// Text escaped for HTML text and attribute values.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// Appends `text` with every byte outside RFC 3986's unreserved set encoded.
fn percent_encode(out: &mut String, text: &str) {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

/// `text` with `%XX` escapes decoded; `None` when the result is not UTF-8.
pub(crate) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| char::from(*b).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                // Two hex digits: at most 0xFF.
                out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The response to a request for the index (`code` `None`) or a code's page,
/// as status, headers and body: how each adapter answers, framework aside.
pub(crate) fn respond(
    pages: &ErrorPages,
    code: Option<&str>,
    query: Option<&str>,
    accept_language: Option<&str>,
) -> Result<Page, UnknownErrorCode> {
    match code {
        Some(raw) => {
            let code = percent_decode(raw).unwrap_or_else(|| raw.to_owned());
            pages.render(Some(&code), query, accept_language)
        }
        None => pages.render(None, query, accept_language),
    }
}

/// A code the catalogue does not list was asked for: `ResourceNotFound` (404),
/// naming it (cut and cleaned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownErrorCode(String);

impl UnknownErrorCode {
    /// The code asked for, as echoed (cut and cleaned).
    #[must_use]
    pub fn code(&self) -> &str {
        &self.0
    }
}

const UNKNOWN: (&str, u16, &str) = (
    "ResourceNotFound",
    404,
    "Error code <0> is not documented here.",
);

impl Catalog for UnknownErrorCode {
    /// `ResourceNotFound` (404).
    const CATALOG: &'static [Node] = &[Node::Entry(Entry::new(UNKNOWN.0, UNKNOWN.1, UNKNOWN.2))];
}

impl ApiError for UnknownErrorCode {
    fn code(&self) -> &'static str {
        UNKNOWN.0
    }

    fn status(&self) -> u16 {
        UNKNOWN.1
    }

    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
        w.text("Error code ")?;
        w.field(&self.0)?;
        w.text(" is not documented here.")
    }
}

impl fmt::Display for UnknownErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error code {} is not documented here.", self.0)
    }
}

impl core::error::Error for UnknownErrorCode {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            Escaped(r#"<a href="x">&'"#).to_string(),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(Escaped("plain").to_string(), "plain");
    }

    #[test]
    fn percent_encodes_outside_unreserved() {
        let mut out = String::new();
        percent_encode(&mut out, "Code_1-a.b~ /?#é");
        assert_eq!(out, "Code_1-a.b~%20%2F%3F%23%C3%A9");
    }

    #[test]
    fn percent_decodes_what_page_path_encodes() {
        assert_eq!(percent_decode("a%20b%C3%A9").as_deref(), Some("a bé"));
        assert_eq!(percent_decode("100%").as_deref(), Some("100%"));
        assert_eq!(percent_decode("%zz").as_deref(), Some("%zz"));
        assert_eq!(percent_decode("%FF"), None);
        let pages = ErrorPages::new::<crate::CommonError>().at("docs/errors/");
        assert_eq!(pages.path(), "/docs/errors");
        assert_eq!(pages.page_path("Bad Code"), "/docs/errors/Bad%20Code");
    }

    #[test]
    fn unknown_codes_are_cut_and_cleaned() {
        let pages = ErrorPages::new::<crate::CommonError>();
        let long = "x".repeat(1000);
        let err = pages.render(Some(&long), None, None).unwrap_err();
        assert!(err.code().len() < 210);
        let err = pages.render(Some("a\nb"), None, None).unwrap_err();
        assert_eq!(err.code(), "a\u{FFFD}b");
    }
}
