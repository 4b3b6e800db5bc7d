//! The `Localizer` hook of `WebSettings` (issue 12, "outside the declaration"),
//! through a real axum server and a real actix-web server on 127.0.0.1: a
//! localizer written by hand and, with the feature `fluent`, `FluentLocalizer`
//! over `tests/fixtures/locales/de.ftl`, both giving the same German messages
//! for the test routes (`tests/support/routes.rs`).
#![cfg(any(feature = "axum", feature = "actix-web"))]
// Both example services are compiled in, each with its own copy of
// examples/shared/inventory.rs.
#![allow(clippy::duplicate_mod)]

mod support;

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};

use hyper::Method;
use rest_error::localizer::{Localizer, Values};
use rest_error::web::WebSettings;
use rest_error::{ApiError, CommonError};

use support::{Framework, Reply, call, capture, contains, events_for};

/// The German of `de.ftl`, as a table in code: what any service can plug in.
struct Tables;

impl Localizer for Tables {
    fn languages(&self) -> &[&str] {
        &["de"]
    }

    fn message<'a>(&'a self, code: &str, lang: &str, values: &Values<'_>) -> Option<Cow<'a, str>> {
        assert_eq!(lang, "de", "only its own languages are asked");
        match code {
            "Forbidden" => Some(Cow::Borrowed("Zugriff verweigert.")),
            "Upstream" => {
                let status = values.get("0")?;
                Some(Cow::Owned(format!("Der Upstream antwortete {status}.")))
            }
            "MissingRequiredParameter" => {
                let param = values.get("param")?;
                Some(Cow::Owned(format!("Parameter {param} fehlt.")))
            }
            // Asks for a field the default template does not name: not given.
            "InternalServerError" => {
                let secret = values.get("secret")?;
                Some(Cow::Owned(format!("Interner Fehler: {secret}")))
            }
            _ => None,
        }
    }
}

/// Offers German and counts how often it is asked, answering nothing.
struct Counting;

static ASKED: AtomicUsize = AtomicUsize::new(0);

impl Localizer for Counting {
    fn languages(&self) -> &[&str] {
        &["de"]
    }

    fn message<'a>(&'a self, _: &str, _: &str, _: &Values<'_>) -> Option<Cow<'a, str>> {
        ASKED.fetch_add(1, Ordering::Relaxed);
        None
    }
}

/// Each localizer under test, named.
fn localizers() -> Vec<(&'static str, WebSettings)> {
    #[cfg_attr(not(feature = "fluent"), allow(unused_mut))] // the Fluent one is pushed below
    let mut all = vec![("tables", WebSettings::default().localizer(Tables))];
    #[cfg(feature = "fluent")]
    {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/locales/de.ftl");
        let source = std::fs::read_to_string(path).expect("de.ftl");
        let fluent = rest_error::fluent::FluentLocalizer::new()
            .add_ftl("de", source)
            .expect("de.ftl parses");
        all.push(("fluent", WebSettings::default().localizer(fluent)));
    }
    all
}

fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// `GET path` with this `Accept-Language` (if any) and request id.
async fn ask(
    server: &support::Server,
    path: &str,
    accept_language: Option<&str>,
    id: &str,
) -> Reply {
    let mut headers = vec![("x-request-id", id)];
    if let Some(value) = accept_language {
        headers.push(("accept-language", value));
    }
    call(server.addr, Method::GET, path, &headers, "").await
}

/// Neither Fluent's isolation marks nor any other bidi control in the body.
fn assert_no_isolation_marks(reply: &Reply) {
    for mark in ["\u{2068}", "\u{2069}"] {
        assert!(!contains(&reply.body, mark.as_bytes()), "{reply:?}");
    }
}

fn vary_names_accept_language(reply: &Reply) -> bool {
    reply
        .header("vary")
        .unwrap_or_default()
        .split(", ")
        .any(|name| name == "accept-language")
}

/// A language no declaration has: the localizer's message, `content-language`
/// naming it, and the same code, status, headers, target and log.
pub async fn a_localizer_answers_a_language_the_declaration_lacks<F: Framework>() {
    let _ = capture();
    for (name, settings) in localizers() {
        let server = F::layered(settings);
        let cases = [
            ("/forbidden", 403, "Forbidden", "Zugriff verweigert."),
            ("/generic", 502, "Upstream", "Der Upstream antwortete 418."),
        ];
        for (path, status, code, message) in cases {
            let id = unique_id(&format!("localized-{name}"));
            let reply = ask(&server, path, Some("de-DE, en;q=0.5"), &id).await;
            let context = format!("{name} {path}");
            let (got_code, got_message, target) = reply.error(status);
            assert_eq!(
                (got_code.as_str(), got_message.as_str()),
                (code, message),
                "{context}"
            );
            assert_eq!(target, id, "{context}");
            assert_eq!(reply.header("content-language"), Some("de"), "{context}");
            assert!(vary_names_accept_language(&reply), "{context}: {reply:?}");
            assert_eq!(reply.header("x-ms-error-code"), Some(code), "{context}");
            assert_eq!(reply.header("x-request-id"), Some(id.as_str()), "{context}");
            assert_no_isolation_marks(&reply);
            // The log event is the error's own, in its default language.
            let events = events_for(&id);
            assert_eq!(events.len(), 1, "{context}: {events:?}");
            assert_eq!(events[0].field("code"), Some(code), "{context}");
            let logged = events[0].field("public_message").unwrap_or_default();
            assert!(!logged.contains(message), "{context}: {logged}");
        }
        // problem+json takes the same message as its `detail`.
        let id = unique_id(&format!("problem-{name}"));
        let headers = [
            ("x-request-id", id.as_str()),
            ("accept-language", "de"),
            ("accept", "application/problem+json"),
        ];
        let reply = call(server.addr, Method::GET, "/forbidden", &headers, "").await;
        assert_eq!(reply.status.as_u16(), 403, "{name}");
        assert_eq!(reply.header("content-language"), Some("de"), "{name}");
        let body = reply.json();
        assert_eq!(body["detail"], "Zugriff verweigert.", "{name}: {body}");
        assert_eq!(body["code"], "Forbidden", "{name}: {body}");
        assert_no_isolation_marks(&reply);
        server.stop().await;
    }
}

/// A code the localizer has no message for: the language is chosen again among
/// the error's own, as if the localizer had not offered German.
pub async fn nothing_from_the_localizer_falls_back_to_the_declaration<F: Framework>() {
    let english = CommonError::NotFound.message().to_string();
    let swedish = CommonError::NotFound.message_in("sv").to_string();
    assert_ne!(english, swedish);
    for (name, settings) in localizers() {
        let server = F::layered(settings);
        let cases = [
            ("de, sv;q=0.5", "sv", &swedish),
            ("de", "en", &english),
            ("sv;q=0, de", "en", &english),
        ];
        for (accept_language, lang, message) in cases {
            let id = unique_id(&format!("fallback-{name}"));
            let reply = ask(&server, "/not-found", Some(accept_language), &id).await;
            let context = format!("{name} {accept_language:?}");
            let (code, got_message, target) = reply.error(404);
            assert_eq!(code, "NotFound", "{context}");
            assert_eq!(&got_message, message, "{context}");
            assert_eq!(target, id, "{context}");
            assert_eq!(reply.header("content-language"), Some(lang), "{context}");
            assert!(vary_names_accept_language(&reply), "{context}");
        }
        server.stop().await;
    }
}

/// `Opaque` has a `secret` field its template ("Internal error.") does not
/// name: a localizer message that wants it is not used, and it never shows.
pub async fn a_field_outside_the_default_template_never_shows<F: Framework>() {
    for (name, settings) in localizers() {
        let server = F::layered(settings);
        let id = unique_id(&format!("opaque-{name}"));
        let reply = ask(&server, "/opaque", Some("de"), &id).await;
        let (code, message, _) = reply.error(500);
        assert_eq!(
            (code.as_str(), message.as_str()),
            ("InternalServerError", "Internal error."),
            "{name}"
        );
        assert!(!contains(&reply.body, b"s3cr3t"), "{name}: {reply:?}");
        assert!(!contains(&reply.body, b"secret"), "{name}: {reply:?}");
        // `Opaque` speaks only English; with a localizer offering German the
        // response still says which language it is in.
        assert_eq!(reply.header("content-language"), Some("en"), "{name}");
        assert_no_isolation_marks(&reply);
        server.stop().await;
    }
}

/// Without `Accept-Language` nothing changes: the same bytes as without a
/// localizer, and the localizer is never asked.
pub async fn without_accept_language_the_default_path_is_unchanged<F: Framework>() {
    let plain = F::layered(WebSettings::default());
    let mut all = localizers();
    all.push(("counting", WebSettings::default().localizer(Counting)));
    for (name, settings) in all {
        let localized = F::layered(settings);
        for (path, status) in [("/forbidden", 403), ("/generic", 502), ("/not-found", 404)] {
            let id = unique_id(&format!("default-{name}"));
            let with = ask(&localized, path, None, &id).await;
            let without = ask(&plain, path, None, &id).await;
            let context = format!("{name} {path}");
            assert_eq!(with.status.as_u16(), status, "{context}");
            assert_eq!(with.body, without.body, "{context}");
            assert_eq!(
                with.header("x-ms-error-code"),
                without.header("x-ms-error-code")
            );
            // A localizer makes every error vary by language, and say its own.
            assert_eq!(with.header("content-language"), Some("en"), "{context}");
            assert!(vary_names_accept_language(&with), "{context}");
            if path == "/generic" {
                // In one language and without a localizer: as before, neither.
                assert_eq!(without.header("content-language"), None, "{context}");
                assert!(!vary_names_accept_language(&without), "{context}");
            }
        }
        localized.stop().await;
    }
    plain.stop().await;
    assert_eq!(ASKED.load(Ordering::Relaxed), 0);
}

/// The body extractor's rejections hand the localizer the client's text they
/// name (`param`), so its message can name the field too.
pub async fn a_body_rejection_gives_the_localizer_its_field<F: Framework>() {
    let _ = capture();
    for (name, settings) in localizers() {
        let server = F::layered(settings);
        let id = unique_id(&format!("rejection-{name}"));
        let headers = [
            ("x-request-id", id.as_str()),
            ("accept-language", "de"),
            ("content-type", "application/json"),
        ];
        let reply = call(server.addr, Method::POST, "/strict", &headers, "{}").await;
        let (code, message, target) = reply.error(400);
        assert_eq!(
            (code.as_str(), message.as_str()),
            ("MissingRequiredParameter", "Parameter machineId fehlt."),
            "{name}"
        );
        assert_eq!(target, id, "{name}");
        assert_eq!(reply.header("content-language"), Some("de"), "{name}");
        assert_no_isolation_marks(&reply);
        server.stop().await;
    }
}

support::on_every_framework! {
    a_body_rejection_gives_the_localizer_its_field,
    a_localizer_answers_a_language_the_declaration_lacks,
    nothing_from_the_localizer_falls_back_to_the_declaration,
    a_field_outside_the_default_template_never_shows,
    without_accept_language_the_default_path_is_unchanged,
}
