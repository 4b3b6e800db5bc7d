//! Localized messages: `msg(sv = "...")` beside `msg = "..."`, the type's
//! `lang`, choosing by `Accept-Language`, and codes that never change.

#![cfg_attr(
    all(feature = "axum", feature = "actix-web"),
    allow(clippy::duplicate_mod)
)]

// Both example services, each with its own copy of examples/shared/inventory.rs.
#[cfg(all(feature = "axum", feature = "actix-web"))]
mod support;

use proptest::prelude::*;
use rest_error::{ApiError, CommonError, lang};

#[derive(Debug, ApiError)]
#[api(display)]
enum MachineError {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found",
        msg(sv = "Datorn <0> hittades inte", de = "Gerät <0> wurde nicht gefunden")
    )]
    MachineNotFound(u64),
    #[api(
        status = 400,
        msg = "Received <received>, allowed <allowed>",
        msg(sv = "Högst <allowed> tillåts, fick <received>")
    )]
    BatchTooLarge { received: usize, allowed: usize },
    #[api(
        status = 400,
        msg = "Unknown names: <names:, > (\"<first:?>\")",
        msg("pt-BR" = "Nomes desconhecidos: <names: e >", sv = "Okända namn: <names:, >, först \"<first:?>\"")
    )]
    UnknownNames { names: Vec<String>, first: String },
    #[api(status = 409, msg = "Only in English")]
    EnglishOnly,
    #[api(transparent)]
    Common(CommonError),
}

/// The same code in Swedish by default, English as a translation.
#[derive(Debug, ApiError)]
#[api(lang = "sv")]
#[api(
    code = "Conflict",
    status = 409,
    msg = "Datorn är isolerad",
    msg(en = "The machine is isolated")
)]
struct Isolated;

#[test]
fn translations_are_written_in_the_asked_language() {
    let err = MachineError::MachineNotFound(7);
    assert_eq!(err.message_in("sv").to_string(), "Datorn 7 hittades inte");
    assert_eq!(err.message_in("SV").to_string(), "Datorn 7 hittades inte");
    assert_eq!(
        err.message_in("de").to_string(),
        "Gerät 7 wurde nicht gefunden"
    );
    assert_eq!(err.message_in("en").to_string(), "Machine 7 was not found");
    // A language the error doesn't have: the default.
    assert_eq!(err.message_in("fr").to_string(), "Machine 7 was not found");
    assert_eq!(err.message().to_string(), "Machine 7 was not found");

    let err = MachineError::BatchTooLarge {
        received: 30,
        allowed: 10,
    };
    assert_eq!(
        err.message_in("sv").to_string(),
        "Högst 10 tillåts, fick 30"
    );
}

#[test]
fn formats_and_separators_are_per_language() {
    let err = MachineError::UnknownNames {
        names: vec!["a".into(), "b".into()],
        first: "a\"".into(),
    };
    assert_eq!(
        err.message_in("pt-br").to_string(),
        "Nomes desconhecidos: a e b"
    );
    assert_eq!(
        err.message_in("sv").to_string(),
        "Okända namn: a, b, först \"\"a\\\"\"\""
    );
    assert_eq!(
        err.message_in("en").to_string(),
        "Unknown names: a, b (\"\"a\\\"\"\")"
    );
}

#[test]
fn languages_list_the_default_first() {
    assert_eq!(
        MachineError::MachineNotFound(1).languages(),
        ["en", "sv", "de"]
    );
    assert_eq!(
        MachineError::UnknownNames {
            names: vec![],
            first: String::new()
        }
        .languages(),
        ["en", "pt-BR", "sv"]
    );
    assert_eq!(MachineError::EnglishOnly.languages(), ["en"]);
    assert_eq!(Isolated.languages(), ["sv", "en"]);
    // A transparent variant has its member's languages.
    let common = MachineError::Common(CommonError::Unauthorized);
    assert_eq!(common.languages(), CommonError::Unauthorized.languages());
}

#[test]
fn the_type_names_its_default_language() {
    assert_eq!(Isolated.message().to_string(), "Datorn är isolerad");
    assert_eq!(
        Isolated.message_in("en").to_string(),
        "The machine is isolated"
    );
    assert_eq!(Isolated.message_in("de").to_string(), "Datorn är isolerad");
    assert_eq!(Isolated.language_for("en-GB, sv;q=0.5"), "en");
    assert_eq!(Isolated.language_for("de"), "sv");
}

#[test]
fn accept_language_picks_per_error() {
    let err = MachineError::MachineNotFound(1);
    assert_eq!(err.language_for("sv-SE, en;q=0.5"), "sv");
    assert_eq!(err.language_for("sv;q=0, en"), "en");
    assert_eq!(err.language_for("fr"), "en");
    assert_eq!(err.language_for("*"), "en");
    assert_eq!(err.language_for(";;q=;,,"), "en");
    assert_eq!(err.language_for("de-CH;q=0.8, sv;q=0.7"), "de");
    // An error without Swedish answers in its default for the same header.
    assert_eq!(MachineError::EnglishOnly.language_for("sv-SE"), "en");
}

#[test]
fn codes_statuses_and_headers_never_change_with_the_language() {
    let errors = [
        MachineError::MachineNotFound(1),
        MachineError::BatchTooLarge {
            received: 2,
            allowed: 1,
        },
        MachineError::EnglishOnly,
        MachineError::Common(CommonError::Unauthorized),
    ];
    for err in &errors {
        let code = err.code();
        let status = err.status();
        for header in ["sv", "de", "pt-BR", "fr", "sv;q=0", ""] {
            let lang = err.language_for(header);
            assert!(err.languages().contains(&lang), "{lang}");
            // Writing the message in any language leaves the code alone.
            let _ = err.message_in(lang).to_string();
            assert_eq!(err.code(), code);
            assert_eq!(err.status(), status);
        }
    }
}

#[test]
fn a_localized_message_is_escaped_in_the_envelope_like_the_default() {
    let err = MachineError::UnknownNames {
        names: vec!["x\ny".into()],
        first: "<q>".into(),
    };
    let text = err.message_in("sv").to_string();
    let debug = format!("{:?}", err.message_in("sv"));
    assert_eq!(debug, format!("{text:?}"));
}

#[test]
fn dyn_api_error_has_the_language_methods() {
    let err: Box<dyn ApiError> = Box::new(MachineError::MachineNotFound(3));
    assert_eq!(err.languages(), ["en", "sv", "de"]);
    assert_eq!(
        err.message_in("de").to_string(),
        "Gerät 3 wurde nicht gefunden"
    );
    assert_eq!(err.language_for("de-AT"), "de");
}

/// A hand-written impl has one language, `en`, and ignores the asked one.
#[test]
fn hand_written_impls_default_to_english() {
    struct Plain;
    impl ApiError for Plain {
        fn code(&self) -> &'static str {
            "Plain"
        }
        fn status(&self) -> u16 {
            400
        }
        fn write_message(&self, w: &mut rest_error::MessageWriter<'_>) -> core::fmt::Result {
            w.text("plain")
        }
    }
    assert_eq!(Plain.languages(), ["en"]);
    assert_eq!(Plain.message_in("sv").to_string(), "plain");
    assert_eq!(Plain.language_for("sv"), "en");
}

proptest! {
    #[test]
    fn the_parser_never_panics(header in ".{0,200}") {
        let _ = lang::ranges(&header).count();
        let _ = lang::lookup(&header, &["en", "sv", "de-CH"]);
    }

    #[test]
    fn items_keep_their_weights(
        items in proptest::collection::vec(("[a-z]{2,3}(-[A-Z]{2})?", 0u16..=1000), 1..8),
    ) {
        let header = items
            .iter()
            .map(|(tag, q)| format!("{tag};q={}.{:03}", q / 1000, q % 1000))
            .collect::<Vec<_>>()
            .join(", ");
        let parsed: Vec<_> = lang::ranges(&header).map(|r| (r.range.to_owned(), r.quality)).collect();
        prop_assert_eq!(parsed, items.clone());
    }

    #[test]
    fn lookup_takes_the_highest_acceptable(
        items in proptest::collection::vec(("(en|sv|de|fr)", 0u16..=1000), 1..6),
    ) {
        let header = items
            .iter()
            .map(|(tag, q)| format!("{tag};q={}.{:03}", q / 1000, q % 1000))
            .collect::<Vec<_>>()
            .join(",");
        let available = ["en", "sv", "de"];
        let found = lang::lookup(&header, &available);
        // What the rules say: the first, among the highest weights above 0, of the
        // ranges available and not excluded by a `q=0` item for the same tag.
        let excluded = |tag: &str| items.iter().any(|(t, q)| *q == 0 && t == tag);
        let best = items
            .iter()
            .filter(|(tag, q)| *q > 0 && available.contains(&tag.as_str()) && !excluded(tag))
            .max_by(|a, b| a.1.cmp(&b.1).then(std::cmp::Ordering::Greater))
            .map(|(tag, _)| tag.as_str());
        prop_assert_eq!(found, best);
        if let Some(found) = found {
            prop_assert!(!excluded(found));
        }
    }
}

#[test]
fn the_catalogue_has_each_language() {
    let entries = rest_error::catalog::<MachineError>();
    let found = &entries[0];
    assert_eq!(found.code, "ResourceNotFound");
    assert_eq!(found.lang, "en");
    assert_eq!(
        found.translations,
        [
            ("sv", "Datorn <0> hittades inte"),
            ("de", "Gerät <0> wurde nicht gefunden")
        ]
    );
    assert_eq!(found.template_in("de"), "Gerät <0> wurde nicht gefunden");
    assert_eq!(found.template_in("fr"), "Machine <0> was not found");

    let swedish = rest_error::catalog::markdown_in::<MachineError>("sv");
    let english = rest_error::catalog::markdown::<MachineError>();
    assert!(swedish.starts_with("Felkod | HTTP-statuskod | Meddelande\n"));
    assert!(swedish.contains("\nResourceNotFound | Not Found (404) | Datorn {0} hittades inte\n"));
    assert!(swedish.contains("\nEnglishOnly | Conflict (409) | Only in English\n"));
    // The same codes and statuses, row for row, in either language.
    let rows = |table: &str| {
        table
            .lines()
            .skip(2)
            .map(|line| line.split(" | ").take(2).collect::<Vec<_>>().join(" | "))
            .collect::<Vec<_>>()
    };
    assert_eq!(rows(&swedish), rows(&english));
    assert_eq!(
        rest_error::catalog::markdown_in::<MachineError>("en"),
        english
    );

    let isolated = rest_error::catalog::<Isolated>();
    assert_eq!(isolated[0].lang, "sv");
    assert_eq!(isolated[0].template_in("en"), "The machine is isolated");
}

/// The done-when of the issue, against real axum and actix-web servers on
/// 127.0.0.1 with hyper's HTTP/1.1 client.
#[cfg(all(feature = "axum", feature = "actix-web"))]
mod web {
    use std::net::SocketAddr;

    use http_body_util::{BodyExt as _, Full};
    use hyper::body::Bytes;
    use rest_error::web::WebSettings;

    use super::MachineError;

    async fn machine_axum(
        axum::extract::Path(id): axum::extract::Path<u64>,
    ) -> Result<&'static str, MachineError> {
        Err(MachineError::MachineNotFound(id))
    }

    async fn serve_axum() -> SocketAddr {
        let app = axum::Router::new()
            .route("/machines/{id}", axum::routing::get(machine_axum))
            .layer(rest_error::axum::CorrelationLayer::new(
                WebSettings::default(),
            ));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move { axum::serve(listener, app).await });
        addr
    }

    async fn machine_actix(id: actix_web::web::Path<u64>) -> Result<&'static str, MachineError> {
        Err(MachineError::MachineNotFound(id.into_inner()))
    }

    fn serve_actix() -> SocketAddr {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = actix_web::HttpServer::new(|| {
            actix_web::App::new()
                .wrap(rest_error::actix::Correlation::new(WebSettings::default()))
                .route("/machines/{id}", actix_web::web::get().to(machine_actix))
        })
        .workers(1)
        .disable_signals()
        .listen(listener)
        .expect("listen")
        .run();
        tokio::spawn(server);
        addr
    }

    struct Reply {
        status: u16,
        headers: hyper::HeaderMap,
        body: serde_json::Value,
    }

    async fn get(addr: SocketAddr, accept_language: Option<&str>) -> Reply {
        let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
        let (mut sender, connection) =
            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
                .await
                .expect("handshake");
        tokio::spawn(connection);
        let mut request = hyper::Request::get("/machines/7").header("host", "localhost");
        if let Some(value) = accept_language {
            request = request.header("accept-language", value);
        }
        let request = request.body(Full::new(Bytes::new())).expect("request");
        let response = sender.send_request(request).await.expect("response");
        let (parts, body) = response.into_parts();
        let body = body.collect().await.expect("body").to_bytes();
        Reply {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body: serde_json::from_slice(&body).expect("JSON"),
        }
    }

    fn header<'a>(reply: &'a Reply, name: &str) -> Option<&'a str> {
        reply
            .headers
            .get(name)
            .and_then(|value| value.to_str().ok())
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn both_servers_answer_in_the_negotiated_language() {
        let servers = [("axum", serve_axum().await), ("actix", serve_actix())];
        let cases = [
            (Some("sv-SE, en;q=0.5"), "sv", "Datorn 7 hittades inte"),
            (Some("sv;q=0, en"), "en", "Machine 7 was not found"),
            (Some("fr"), "en", "Machine 7 was not found"),
            (Some("*"), "en", "Machine 7 was not found"),
            (Some("sv;q=2;;, ,q"), "en", "Machine 7 was not found"),
            (
                Some("de-CH, sv;q=0.9"),
                "de",
                "Gerät 7 wurde nicht gefunden",
            ),
            (None, "en", "Machine 7 was not found"),
        ];
        for (name, addr) in servers {
            for (accept_language, lang, message) in cases {
                let reply = get(addr, accept_language).await;
                let context = format!("{name} {accept_language:?}");
                assert_eq!(reply.status, 404, "{context}");
                assert_eq!(header(&reply, "content-language"), Some(lang), "{context}");
                let vary = header(&reply, "vary").unwrap_or_default();
                assert!(vary.contains("accept-language"), "{context}: {vary}");
                assert_eq!(
                    header(&reply, "x-ms-error-code"),
                    Some("ResourceNotFound"),
                    "{context}"
                );
                let error = &reply.body["error"];
                assert_eq!(error["code"], "ResourceNotFound", "{context}");
                assert_eq!(error["message"], message, "{context}");
                assert_eq!(
                    error["target"].as_str(),
                    header(&reply, "x-request-id"),
                    "{context}"
                );
            }
        }
    }
}

/// The reference page's table as its Swedish edition prints it: the code (the
/// English span; the Swedish one is the machine translation, which turned two
/// codes into words), the status, and the machine-translated message.
const REFERENCE_SV: &[(&str, &str, u16, &str)] = &[
    (
        "BadRequest",
        "BadRequest",
        400,
        "Allmänt fel meddelande om felaktig begäran.",
    ),
    (
        "ODataError",
        "ODataError",
        400,
        "Ogiltig OData URI-fråga (det specifika felet har angetts).",
    ),
    (
        "InvalidInput",
        "InvalidInput",
        400,
        "Ogiltig inmatning {ogiltigt värde}.",
    ),
    (
        "InvalidRequestBody",
        "InvalidRequestBody",
        400,
        "Ogiltigt brödtext för begäran.",
    ),
    (
        "InvalidHashValue",
        "InvalidHashValue",
        400,
        "Hash-värde {ogiltigt hash} är ogiltigt.",
    ),
    (
        "InvalidDomainName",
        "InvalidDomainName",
        400,
        "Domän namn {den ogiltiga domänen} är ogiltig.",
    ),
    (
        "InvalidIpAddress",
        "InvalidIpAddress",
        400,
        "IP-adress {ogiltigt IP} är ogiltigt.",
    ),
    (
        "InvalidUrl",
        "InvalidUrl",
        400,
        "URL {ogiltig URL} är ogiltig.",
    ),
    (
        "MaximumBatchSizeExceeded",
        "MaximumBatchSizeExceeded",
        400,
        "Maximal batchstorlek har överskridits. Mottaget: {batch-storlek mottaget}, tillåts: {batchstorlek tillåts}.",
    ),
    (
        "MissingRequiredParameter",
        "MissingRequiredParameter",
        400,
        "Parameter {den saknade parametern} saknas.",
    ),
    (
        "OsPlatformNotSupported",
        "OsPlatformNotSupported",
        400,
        "OS-plattform {OS-plattformen} stöds inte för den här åtgärden.",
    ),
    (
        "ClientVersionNotSupported",
        "ClientVersionNotSupported",
        400,
        "{Den begärda åtgärden} stöds för klient version {-kompatibel klient version} och senare.",
    ),
    (
        "Unauthorized",
        "Saknas",
        401,
        "Ej behörig (vanligt vis ogiltigt eller Förfallet godkännande rubrik).",
    ),
    (
        "Forbidden",
        "Förbjudet",
        403,
        "Förbjuden (giltig token men otillräcklig behörighet för åtgärden).",
    ),
    (
        "DisabledFeature",
        "DisabledFeature",
        403,
        "Klient funktionen är inte aktive rad.",
    ),
    (
        "DisallowedOperation",
        "DisallowedOperation",
        403,
        "{åtgärden är inte tillåten och anledningen}.",
    ),
    (
        "NotFound",
        "NotFound",
        404,
        "Allmänt meddelande visas inte.",
    ),
    (
        "ResourceNotFound",
        "ResourceNotFound",
        404,
        "Resurs {den begärda resursen} hittades inte.",
    ),
    (
        "InternalServerError",
        "InternalServerError",
        500,
        "(Inget fel meddelande, försök igen eller kontakta oss om det inte löses)",
    ),
];

/// `CommonError`'s Swedish messages, corrected: the page's wording where it was
/// right, Swedish where the machine went wrong (split compounds, genders, a
/// "tenant" that became a "client", a not-found message that said "message not
/// shown"), and the placeholders of the English templates (`{0}` in Markdown).
const CORRECTED_SV: &[(&str, &str)] = &[
    ("BadRequest", "{0}"),
    ("ODataError", "Ogiltig OData URI-fråga: {0}"),
    ("InvalidInput", "Ogiltig inmatning {0}."),
    ("InvalidRequestBody", "Ogiltig brödtext i begäran."),
    ("InvalidHashValue", "Hashvärdet {0} är ogiltigt."),
    ("InvalidDomainName", "Domännamnet {0} är ogiltigt."),
    ("InvalidIpAddress", "IP-adressen {0} är ogiltig."),
    ("InvalidUrl", "URL:en {0} är ogiltig."),
    (
        "MaximumBatchSizeExceeded",
        "Maximal batchstorlek har överskridits. Mottaget: {received}, tillåtet: {allowed}.",
    ),
    ("MissingRequiredParameter", "Parametern {0} saknas."),
    (
        "OsPlatformNotSupported",
        "OS-plattformen {0} stöds inte för den här åtgärden.",
    ),
    (
        "ClientVersionNotSupported",
        "{action} stöds i klientversion {min_version} och senare.",
    ),
    (
        "Unauthorized",
        "Ej behörig: auktoriseringshuvudet saknas, är ogiltigt eller har gått ut.",
    ),
    (
        "Forbidden",
        "Förbjuden: token är giltig men saknar behörighet för den här åtgärden.",
    ),
    (
        "DisabledFeature",
        "Funktionen är inte aktiverad för klientorganisationen.",
    ),
    ("DisallowedOperation", "{0}"),
    ("NotFound", "Den begärda resursen hittades inte."),
    ("ResourceNotFound", "Resursen {0} hittades inte."),
    (
        "InternalServerError",
        "Ett internt fel inträffade. Försök igen; om felet kvarstår, kontakta supporten med target-id:t för det här svaret.",
    ),
];

/// The rows of a Markdown table from `catalog::markdown*`: code, status, message.
fn table_rows(table: &str) -> Vec<(String, u16, String)> {
    table
        .lines()
        .skip(2)
        .map(|line| {
            let cells: Vec<&str> = line.splitn(3, " | ").collect();
            let status = cells[1]
                .rsplit_once('(')
                .and_then(|(_, n)| n.trim_end_matches(')').parse().ok())
                .unwrap_or(0);
            (cells[0].to_owned(), status, cells[2].to_owned())
        })
        .collect()
}

/// The placeholder names of a template (`<0>`, `<received>`), sorted.
fn placeholders(template: &str) -> Vec<String> {
    let mut names: Vec<String> = template
        .split('<')
        .skip(1)
        .filter_map(|rest| rest.split_once('>').map(|(name, _)| name.to_owned()))
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn common_error_in_swedish_matches_the_reference_page_corrected() {
    let swedish = rest_error::catalog::markdown_in::<CommonError>("sv");
    assert!(swedish.starts_with("Felkod | HTTP-statuskod | Meddelande\n"));
    let rows = table_rows(&swedish);
    for &(code, translated_code, status, machine) in REFERENCE_SV {
        let row = rows.iter().find(|(c, ..)| c == code);
        let Some((_, got_status, message)) = row else {
            panic!("{code} is missing from the Swedish table");
        };
        assert_eq!(*got_status, status, "{code}");
        let corrected = CORRECTED_SV
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, m)| *m);
        assert_eq!(Some(message.as_str()), corrected, "{code}");
        // The machine's code and message are not what we answer.
        assert!(
            rows.iter()
                .all(|(c, ..)| translated_code == code || c != translated_code)
        );
        assert_ne!(message, machine, "{code}");
    }
    // The same codes and statuses as the English table, row for row.
    let english = table_rows(&rest_error::catalog::markdown::<CommonError>());
    let codes = |rows: &[(String, u16, String)]| {
        rows.iter()
            .map(|(c, s, _)| (c.clone(), *s))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&rows), codes(&english));
    // Every row of the reference page is in the table; the only one beyond it
    // (TooManyRequests) came with a later edition of the page.
    assert_eq!(rows.len(), REFERENCE_SV.len() + 1);
    assert!(rows.iter().any(|(c, s, m)| c == "TooManyRequests"
        && *s == 429
        && m == "För många begäranden: kvoten har nåtts. Försök igen om {retry_after_secs} sekunder."));
}

#[test]
fn swedish_templates_name_the_english_placeholders() {
    for entry in rest_error::catalog::<CommonError>() {
        assert_eq!(entry.lang, "en", "{}", entry.code);
        let swedish = entry.translations.iter().find(|(lang, _)| *lang == "sv");
        let Some(&(_, swedish)) = swedish else {
            panic!("{} has no Swedish", entry.code);
        };
        assert_eq!(
            placeholders(swedish),
            placeholders(entry.template),
            "{}",
            entry.code
        );
    }
    let err = CommonError::MaximumBatchSizeExceeded {
        received: 5,
        allowed: 3,
    };
    assert_eq!(
        err.message_in("sv").to_string(),
        "Maximal batchstorlek har överskridits. Mottaget: 5, tillåtet: 3."
    );
    assert_eq!(err.language_for("sv-FI;q=0.9, en;q=0.1"), "sv");
    assert_eq!(err.code(), "MaximumBatchSizeExceeded");
}

/// The example services (`examples/axum_service.rs`, `examples/actix_service.rs`)
/// answer every code they send in English and Swedish; the issue's done-when,
/// request for request, against both.
#[cfg(all(feature = "axum", feature = "actix-web"))]
mod services {
    use hyper::Method;

    use crate::support::{self, Framework, Reply, actix_server::Actix, axum_server::Axum};

    fn lang_headers(reply: &Reply) -> (Option<&str>, Vec<&str>) {
        let vary = reply
            .header("vary")
            .unwrap_or_default()
            .split(", ")
            .collect();
        (reply.header("content-language"), vary)
    }

    async fn done_when<F: Framework>(name: &str) {
        let server = F::service();
        let cases = [
            ("sv-SE, en;q=0.5", "sv", "Datorn 7 hittades inte."),
            ("sv;q=0, en", "en", "Resource machine 7 was not found."),
            ("fr", "en", "Resource machine 7 was not found."),
            ("*", "en", "Resource machine 7 was not found."),
            ("sv;q=2;;, ,q", "en", "Resource machine 7 was not found."),
            ("en-US;q=x, ;", "en", "Resource machine 7 was not found."),
        ];
        for (i, (accept_language, lang, message)) in cases.into_iter().enumerate() {
            let id = format!("lang-{name}-{i}");
            let headers = [
                ("accept-language", accept_language),
                ("x-request-id", id.as_str()),
            ];
            let reply = support::call(server.addr, Method::GET, "/machines/7", &headers, "").await;
            let context = format!("{name} {accept_language:?}");
            let (code, got_message, target) = reply.error(404);
            assert_eq!(code, "ResourceNotFound", "{context}");
            assert_eq!(got_message, message, "{context}");
            assert_eq!(target, id, "{context}");
            let (content_language, vary) = lang_headers(&reply);
            assert_eq!(content_language, Some(lang), "{context}");
            assert!(vary.contains(&"accept-language"), "{context}: {vary:?}");
            assert_eq!(reply.header("x-ms-error-code"), Some("ResourceNotFound"));
            assert_eq!(reply.header("x-request-id"), Some(id.as_str()));
            // A client keeps the message's language.
            let received = rest_error::ErrorResponse::from_parts(404, &reply.headers, &reply.body);
            assert_eq!(
                received.content_language.as_deref(),
                Some(lang),
                "{context}"
            );
            assert_eq!(received.error.message, message, "{context}");
        }
        server.stop().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_404_in_swedish_or_english_on_axum() {
        done_when::<Axum>("axum").await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_404_in_swedish_or_english_on_actix() {
        done_when::<Actix>("actix").await;
    }

    const SV: (&str, &str) = ("accept-language", "sv");
    const JSON: (&str, &str) = ("content-type", "application/json");
    const AUTH: (&str, &str) = ("authorization", "Bearer t");

    /// A request (method, path, headers, body) and its answer (status, code, message).
    type Case<'a> = (
        Method,
        &'a str,
        Vec<(&'a str, &'a str)>,
        &'a str,
        u16,
        &'a str,
        String,
    );

    /// Every code the services send, asked in Swedish.
    async fn every_code_in_swedish<F: Framework>() {
        let server = F::service();
        let big = format!(r#"{{"machineIds":[1],"comment":"{}"}}"#, "x".repeat(20_000));
        let cases: Vec<Case<'_>> = vec![
            (Method::GET, "/machines/7", vec![SV], "", 404, "ResourceNotFound", "Datorn 7 hittades inte.".into()),
            (Method::GET, "/machines/x7", vec![SV], "", 400, "InvalidInput", "Ogiltig inmatning: dator-id x7.".into()),
            (
                Method::GET, "/machines/13", vec![SV], "", 503, "InventoryUnavailable",
                "Datorinventariet är tillfälligt otillgängligt. Försök igen om 30 sekunder.".into(),
            ),
            (Method::GET, "/nowhere", vec![SV], "", 404, "NotFound", "Den begärda resursen hittades inte.".into()),
            (
                Method::POST, "/machines", vec![SV, JSON], r#"{"osPlatform":"Linux"}"#, 400,
                "MissingRequiredParameter", "Parametern computerDnsName saknas.".into(),
            ),
            (
                Method::POST, "/machines", vec![SV, JSON], r#"{"computerdnsname":"a","osPlatform":"Linux"}"#, 400,
                "MissingRequiredParameter",
                "Parametern computerDnsName saknas; parameternamn är skiftlägeskänsliga och computerdnsname skickades.".into(),
            ),
            (
                Method::POST, "/machines", vec![SV], r#"{}"#, 400, "InvalidRequestBody",
                "Ogiltig brödtext i begäran: content-type-huvudet saknas; det måste vara application/json.".into(),
            ),
            (
                Method::POST, "/machines/isolate", vec![SV, JSON], r#"{"machineIds":[1],"comment":"c"}"#, 401,
                "Unauthorized", "Ej behörig: auktoriseringshuvudet saknas, är ogiltigt eller har gått ut.".into(),
            ),
            (
                Method::POST, "/machines/isolate", vec![SV, JSON, AUTH], r#"{"machineIds":[1,2,3,4],"comment":"c"}"#, 400,
                "MaximumBatchSizeExceeded", "Maximal batchstorlek har överskridits. Mottaget: 4, tillåtet: 3.".into(),
            ),
            (
                Method::POST, "/machines/isolate", vec![SV, JSON, AUTH], r#"{"machineIds":[99],"comment":"c"}"#, 404,
                "ResourceNotFound", "Datorn 99 hittades inte.".into(),
            ),
            (
                Method::POST, "/machines/isolate", vec![SV, JSON, AUTH], &big, 413,
                "RequestBodyTooLarge", "Brödtexten i begäran är större än gränsen.".into(),
            ),
        ];
        for (method, path, headers, body, status, code, message) in cases {
            let reply = support::call(server.addr, method.clone(), path, &headers, body).await;
            let (got_code, got_message, _) = reply.error(status);
            assert_eq!(
                (got_code.as_str(), got_message.as_str()),
                (code, message.as_str()),
                "{method} {path}"
            );
            assert_eq!(lang_headers(&reply).0, Some("sv"), "{method} {path}");
        }
        // A machine isolated once, then again: the product code.
        let isolate = r#"{"machineIds":[3],"comment":"c"}"#;
        let headers = [SV, JSON, AUTH];
        let first = support::call(
            server.addr,
            Method::POST,
            "/machines/isolate",
            &headers,
            isolate,
        )
        .await;
        assert_eq!(first.status.as_u16(), 200);
        let again = support::call(
            server.addr,
            Method::POST,
            "/machines/isolate",
            &headers,
            isolate,
        )
        .await;
        let (code, message, _) = again.error(409);
        assert_eq!(
            (code.as_str(), message.as_str()),
            ("MachineAlreadyIsolated", "Datorn 3 är redan isolerad.")
        );
        // Invalid fields: the message in Swedish, each field in `details`.
        let bad = r#"{"computerDnsName":"","osPlatform":"Amiga"}"#;
        let reply = support::call(server.addr, Method::POST, "/machines", &[SV, JSON], bad).await;
        let ((code, message, _), details) = reply.error_with_details(400);
        assert_eq!(
            (code.as_str(), message.as_str()),
            (
                "InvalidInput",
                "Ogiltig inmatning: se details för varje ogiltigt fält."
            )
        );
        assert_eq!(details.len(), 2);
        server.stop().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_code_in_swedish_on_axum() {
        every_code_in_swedish::<Axum>().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_code_in_swedish_on_actix() {
        every_code_in_swedish::<Actix>().await;
    }

    /// What the requests above can't reach (a poisoned store's 500) is in the
    /// catalogue: every code the services can send has Swedish.
    #[test]
    fn every_catalogued_code_has_swedish() {
        use crate::support::axum_server::service::{FieldError, InventoryError};
        let entries = rest_error::catalog::<InventoryError>()
            .into_iter()
            .chain(rest_error::catalog::<FieldError>())
            .chain(rest_error::catalog::<rest_error::web::JsonRejection>())
            .chain(rest_error::catalog::<rest_error::web::RouteRejection>())
            .chain(rest_error::catalog::<rest_error::web::ParamRejection>());
        for entry in entries {
            assert!(
                entry.translations.iter().any(|(lang, _)| *lang == "sv"),
                "{} ({}) has no Swedish",
                entry.code,
                entry.template
            );
        }
    }
}
