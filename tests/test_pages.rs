//! The error catalogue as HTML (`rest_error::web::ErrorPages`): escaping,
//! anchors and links, languages, and the pages served by real axum and actix-web
//! servers on 127.0.0.1, with the 404 error envelope for an unknown code.
#![cfg(any(feature = "axum", feature = "actix-web"))]
// Both example services are compiled in, each with its own copy of
// examples/shared/inventory.rs, as each is a program of its own.
#![allow(clippy::duplicate_mod)]

mod support;

use rest_error::ApiError;
use rest_error::web::ErrorPages;

/// Every kind of row: a translated message, HTML-special characters in a
/// template, a declared link with a query string, a 401, a code with a header.
#[allow(dead_code)] // only documented, never sent
#[derive(Debug, ApiError)]
enum PageError {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found",
        msg(sv = "Datorn <0> hittades inte")
    )]
    MachineNotFound(u64),
    #[api(status = 400, msg = r#"Expected <<tag> & "quotes", got <0>"#)]
    Quoted(String),
    #[api(
        status = 401,
        msg = "The token has expired",
        link = "https://docs.example.com/errors?code=TokenExpired&v=2"
    )]
    TokenExpired,
    #[api(
        status = 429,
        msg = "Retry in <secs> seconds",
        header("Retry-After", "<secs>")
    )]
    Throttled { secs: u64 },
}

const CODES: [&str; 4] = ["ResourceNotFound", "Quoted", "TokenExpired", "Throttled"];

fn pages() -> ErrorPages {
    ErrorPages::new::<PageError>().at("/errors")
}

/// Every `<tag` has its `</tag>`, for the elements the pages use in pairs.
fn assert_balanced(html: &str) {
    for tag in [
        "html", "head", "body", "main", "table", "thead", "tbody", "tr", "td", "th", "a", "pre",
        "code", "dl", "dt", "dd", "h1", "h2", "p", "nav", "style", "title", "strong",
    ] {
        let opened =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let closed = html.matches(&format!("</{tag}>")).count();
        assert_eq!(
            opened, closed,
            "<{tag}> opened {opened}, closed {closed}:\n{html}"
        );
    }
}

#[test]
fn templates_and_links_are_escaped() {
    let pages = pages();
    let index = pages.index("en");
    assert!(
        index.contains("<td>Expected &lt;tag&gt; &amp; &quot;quotes&quot;, got {0}</td>"),
        "{index}"
    );
    assert!(!index.contains("<tag>"), "{index}");
    assert!(!index.contains(r#""quotes""#), "{index}");

    let page = pages.code_page("Quoted", "en").expect("listed");
    assert!(page.contains("Expected &lt;tag&gt; &amp; &quot;quotes&quot;, got {0}"));
    // The example envelope is JSON (its quotes escaped again) inside <pre>.
    assert!(
        page.contains(r"&quot;message&quot;: &quot;Expected &lt;tag&gt; &amp; \&quot;quotes\&quot;, got {0}&quot;"),
        "{page}"
    );
    assert!(!page.contains("<tag>"));

    let page = pages.code_page("TokenExpired", "en").expect("listed");
    let link = "https://docs.example.com/errors?code=TokenExpired&amp;v=2";
    assert!(
        page.contains(&format!("<a href=\"{link}\">{link}</a>")),
        "{page}"
    );
    // The declared link is the example problem's `type`, as the service sends it.
    assert!(
        page.contains("&quot;type&quot;: &quot;https://docs.example.com/errors?code=TokenExpired&amp;v=2&quot;"),
        "{page}"
    );
    for html in [&index, &page] {
        assert_balanced(html);
        assert!(!html.contains("<script"));
        assert!(
            html.contains(
                r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
            )
        );
    }
}

#[test]
fn every_code_has_an_anchor_and_a_page() {
    let pages = pages();
    let index = pages.index("en");
    for code in CODES {
        assert_eq!(
            index.matches(&format!("<tr id=\"{code}\">")).count(),
            1,
            "{code}"
        );
        assert!(
            index.contains(&format!(
                "<a href=\"/errors/{code}\"><code>{code}</code></a>"
            )),
            "{code}"
        );
        let page = pages
            .code_page(code, "en")
            .expect("every listed code has a page");
        assert!(page.contains(&format!("<h1><code>{code}</code></h1>")));
        assert!(page.contains(&format!("<a href=\"/errors#{code}\">All error codes</a>")));
        assert!(page.contains(&format!("&quot;code&quot;: &quot;{code}&quot;")));
        assert_balanced(&page);
    }
    // The index lists exactly the catalogue, in its order, statuses as documented.
    let rows: Vec<&str> = index
        .match_indices("<tr id=\"")
        .map(|(at, _)| &index[at + 8..])
        .collect();
    assert_eq!(rows.len(), CODES.len());
    assert!(index.contains("<td>BadRequest (400)</td>"));
    assert!(index.contains("<td>Not Found (404)</td>"));
    assert!(index.contains("<td>Too Many Requests (429)</td>"));
    assert!(pages.code_page("NoSuchCode", "en").is_none());
}

#[test]
fn code_pages_list_the_headers_their_responses_carry() {
    let pages = pages();
    let row = |name: &str| format!("<tr><td><code>{name}</code></td>");
    let throttled = pages.code_page("Throttled", "en").expect("listed");
    assert!(throttled.contains(&row("Retry-After")), "{throttled}");
    assert!(throttled.contains("<tr><td><code>x-ms-error-code</code></td><td>Throttled</td></tr>"));
    assert!(!throttled.contains(&row("WWW-Authenticate")));
    let expired = pages.code_page("TokenExpired", "en").expect("listed");
    assert!(expired.contains("<tr><td><code>WWW-Authenticate</code></td><td>Bearer</td></tr>"));
    assert!(!expired.contains(&row("Retry-After")));
    // Both documents: the envelope and problem+json with the status's title.
    assert!(throttled.contains("<p><code>application/json</code></p>"));
    assert!(throttled.contains("<p><code>application/problem+json</code></p>"));
    assert!(throttled.contains("&quot;title&quot;: &quot;Too Many Requests&quot;"));
    assert!(throttled.contains("&quot;status&quot;: 429"));
}

#[test]
fn pages_speak_the_languages_of_the_catalogue() {
    let pages = pages();
    assert_eq!(pages.languages(), ["en", "sv"]);
    assert_eq!(pages.language(Some("lang=sv"), None), "sv");
    assert_eq!(pages.language(Some("x=1&lang=SV"), Some("en")), "sv");
    assert_eq!(
        pages.language(Some("lang=de"), Some("sv-SE, en;q=0.5")),
        "sv"
    );
    assert_eq!(pages.language(None, Some("de, en;q=0.1")), "en");
    assert_eq!(pages.language(None, Some("fr")), "en");
    assert_eq!(pages.language(None, Some("sv;q=0, *")), "en");

    let sv = pages.render(None, Some("lang=sv"), None).expect("index");
    assert_eq!(sv.lang, "sv");
    assert!(sv.html.contains(r#"<html lang="sv">"#));
    assert!(
        sv.html
            .contains("<th>Felkod</th><th>HTTP-statuskod</th><th>Meddelande</th>")
    );
    assert!(sv.html.contains("<td>Datorn {0} hittades inte</td>"));
    // Untranslated codes keep their default message; links keep the language.
    assert!(sv.html.contains("<td>The token has expired</td>"));
    assert!(
        sv.html
            .contains(r#"<a href="/errors/ResourceNotFound?lang=sv">"#)
    );
    assert!(
        sv.html
            .contains(r#"<a href="/errors?lang=en" hreflang="en" lang="en">en</a>"#)
    );

    let en = pages
        .render(Some("ResourceNotFound"), None, None)
        .expect("page");
    assert_eq!(en.lang, "en");
    assert!(en.html.contains("Machine {0} was not found"));
    assert!(
        en.html.contains(
            r#"<a href="/errors/ResourceNotFound?lang=sv" hreflang="sv" lang="sv">sv</a>"#
        )
    );
    let sv = pages
        .render(Some("ResourceNotFound"), None, Some("sv-SE"))
        .expect("page");
    assert!(
        sv.html.contains("<dd>Datorn {0} hittades inte</dd>"),
        "{}",
        sv.html
    );
    assert!(
        sv.html
            .contains("&quot;message&quot;: &quot;Datorn {0} hittades inte&quot;")
    );

    // One language: no language links.
    let single = ErrorPages::new::<rest_error::CommonError>().index("en");
    assert!(!single.contains("<nav>"));
}

/// The pages on a real server: HTML with its headers, the language from the
/// query or `Accept-Language`, and the 404 envelope for an unknown code.
async fn served(addr: std::net::SocketAddr) {
    use hyper::Method;
    use support::{call, get};

    let index = get(addr, "/errors").await;
    assert_eq!(index.status, 200);
    assert_eq!(
        index.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(index.header("content-language"), Some("en"));
    assert_eq!(index.header("vary"), Some("accept-language"));
    assert_eq!(index.header("x-content-type-options"), Some("nosniff"));
    assert!(
        index
            .header("content-security-policy")
            .is_some_and(|csp| csp.starts_with("default-src 'none'"))
    );
    let html = String::from_utf8(index.body.to_vec()).expect("UTF-8");
    for code in CODES {
        assert!(html.contains(&format!("<tr id=\"{code}\">")), "{code}");
    }

    let page = call(
        addr,
        Method::GET,
        "/errors/ResourceNotFound",
        &[("accept-language", "sv-SE, en;q=0.5")],
        "",
    )
    .await;
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-language"), Some("sv"));
    assert!(String::from_utf8_lossy(&page.body).contains("Datorn {0} hittades inte"));
    let page = get(addr, "/errors/ResourceNotFound?lang=en").await;
    assert_eq!(page.header("content-language"), Some("en"));
    let page = get(addr, "/errors/Th%72ottled").await;
    assert_eq!(page.status, 200, "a percent-encoded code is decoded");

    let unknown = get(addr, "/errors/NoSuchCode").await;
    let (code, message, _target) = unknown.error(404);
    assert_eq!(code, "ResourceNotFound");
    assert_eq!(message, "Error code NoSuchCode is not documented here.");
    let odd = get(addr, "/errors/%3Cb%3E%22x%22").await;
    let (_, message, _) = odd.error(404);
    assert_eq!(message, r#"Error code <b>"x" is not documented here."#);
}

#[cfg(feature = "axum")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axum_serves_the_pages() {
    use rest_error::axum::{CorrelationLayer, error_pages};
    let app: axum::Router = axum::Router::new()
        .merge(error_pages(pages()))
        .layer(CorrelationLayer::default());
    let server = support::axum_server::serve(app);
    served(server.addr).await;
    server.stop().await;
}

#[cfg(feature = "actix-web")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actix_serves_the_pages() {
    use rest_error::actix::{Correlation, error_pages};
    use support::actix_server::serve_actix;
    let server = serve_actix!(|| {
        actix_web::App::new()
            .wrap(Correlation::default())
            .service(error_pages(pages()))
    });
    served(server.addr).await;
    server.stop().await;
}

/// Both example services serve their own catalogue at `/errors`.
async fn example_service(addr: std::net::SocketAddr, catalog: Vec<rest_error::catalog::Entry>) {
    let index = support::get(addr, "/errors").await;
    assert_eq!(index.status, 200);
    let html = String::from_utf8(index.body.to_vec()).expect("UTF-8");
    assert!(catalog.len() > 20);
    for entry in catalog {
        assert!(
            html.contains(&format!("<tr id=\"{}\">", entry.code)),
            "{}",
            entry.code
        );
        let page = support::get(addr, &format!("/errors/{}", entry.code)).await;
        assert_eq!(page.status, 200, "{}", entry.code);
    }
    let page = support::get(addr, "/errors/MachineAlreadyIsolated").await;
    let html = String::from_utf8(page.body.to_vec()).expect("UTF-8");
    assert!(html.contains("<td>Conflict (409)</td>") || html.contains("<dd>Conflict (409)</dd>"));
    let (code, _, _) = support::get(addr, "/errors/Nope").await.error(404);
    assert_eq!(code, "ResourceNotFound");
}

#[cfg(feature = "axum")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_axum_example_serves_its_catalogue() {
    use support::Framework;
    use support::axum_server::service::InventoryError;
    let server = support::axum_server::Axum::service();
    example_service(server.addr, rest_error::catalog::<InventoryError>()).await;
    server.stop().await;
}

#[cfg(feature = "actix-web")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_actix_example_serves_its_catalogue() {
    use support::Framework;
    use support::actix_server::service::InventoryError;
    let server = support::actix_server::Actix::service();
    example_service(server.addr, rest_error::catalog::<InventoryError>()).await;
    server.stop().await;
}
