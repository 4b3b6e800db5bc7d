//! What an attacker may send: client text echoed in a message is capped and
//! cleaned, and every log line stays one line of bounded length.
//!
//! The routes of these scenarios are their own ([`Hardening`]), mounted under
//! the correlation layer (middleware) with the default settings:
//!
//! - `POST /hash`: a `HashMap<String, u32>` body through the crate's `Json`.
//! - `POST /btree`: a `BTreeMap<String, `[`Machine`]`>` body.
//! - `POST /flatten`: a [`Flat`] body (`#[serde(flatten)]` into a map).
//! - `GET /path/{id}`: the crate's `Path<u32>`.
//! - `GET /query`: the crate's `Query<BTreeMap<String, u32>>`.
//! - `GET /missing/{name}`: a 404 [`MachineMissing`] whose message names `name`.
//! - `POST /fail`: a 502 [`UpstreamFailed`] whose source error's text is the body.

use std::collections::{BTreeMap, HashMap};

use hyper::Method;
use rest_error::ApiError;
use rest_error::web::WebSettings;
use serde::Deserialize;

use super::unique_id;
use crate::support::*;

/// The body limit of these routes: large enough for the long keys below.
const LIMIT: usize = 1024 * 1024;

/// No error response body of ours is longer, whatever the request.
const MAX_ERROR_BODY: usize = 8 * 1024;

/// No log line is longer, whatever the request.
const MAX_LOG_LINE: usize = 32 * 1024;

/// A framework that serves the routes of these scenarios.
pub trait Hardening: Framework {
    /// The routes listed above, under the correlation layer (middleware) made
    /// from `settings`.
    fn hardening(settings: WebSettings) -> Server;
}

/// A value of `POST /btree`'s map.
#[derive(Debug, Deserialize)]
pub struct Machine {
    #[allow(dead_code)]
    pub id: u64,
}

/// `POST /flatten`: the keys other than `id` go into `extra`.
#[derive(Debug, Deserialize)]
pub struct Flat {
    #[allow(dead_code)]
    pub id: u64,
    #[allow(dead_code)]
    #[serde(flatten)]
    pub extra: HashMap<String, u32>,
}

/// A 404 whose message echoes the path parameter, as a service may do.
#[derive(Debug, ApiError)]
#[api(
    display,
    code = "MachineMissing",
    status = 404,
    msg = "Machine <name> was not found."
)]
pub struct MachineMissing {
    pub name: String,
}

/// A 502 whose source error carries text the client sent.
#[derive(Debug, ApiError)]
#[api(
    code = "UpstreamFailed",
    status = 502,
    msg = "The upstream service failed."
)]
pub struct UpstreamFailed {
    pub cause: std::io::Error,
}

impl std::fmt::Display for UpstreamFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the upstream service failed")
    }
}

impl std::error::Error for UpstreamFailed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.cause)
    }
}

impl UpstreamFailed {
    pub fn new(said: String) -> Self {
        Self {
            cause: std::io::Error::other(said),
        }
    }
}

#[cfg(feature = "axum")]
impl Hardening for axum_server::Axum {
    fn hardening(settings: WebSettings) -> Server {
        use axum::Router;
        use axum::extract::DefaultBodyLimit;
        use axum::routing::{get, post};
        use rest_error::axum::{CorrelationLayer, Json, Path, Query};

        let app = Router::new()
            .route(
                "/hash",
                post(|Json(_): Json<HashMap<String, u32>>| async { "ok" }),
            )
            .route(
                "/btree",
                post(|Json(_): Json<BTreeMap<String, Machine>>| async { "ok" }),
            )
            .route("/flatten", post(|Json(_): Json<Flat>| async { "ok" }))
            .route(
                "/path/{id}",
                get(|Path(id): Path<u32>| async move { id.to_string() }),
            )
            .route(
                "/query",
                get(|Query(q): Query<BTreeMap<String, u32>>| async move { q.len().to_string() }),
            )
            .route(
                "/missing/{name}",
                get(|Path(name): Path<String>| async move { MachineMissing { name } }),
            )
            .route(
                "/fail",
                post(|said: String| async move { UpstreamFailed::new(said) }),
            )
            .layer(DefaultBodyLimit::max(LIMIT))
            .layer(CorrelationLayer::new(settings));
        axum_server::serve(app)
    }
}

#[cfg(feature = "actix-web")]
impl Hardening for actix_server::Actix {
    fn hardening(settings: WebSettings) -> Server {
        use actix_server::serve_actix;
        use actix_web::{App, HttpResponse, web};
        use rest_error::actix::{Correlation, Json, Path, Query};

        async fn hash(Json(_): Json<HashMap<String, u32>>) -> &'static str {
            "ok"
        }
        async fn btree(Json(_): Json<BTreeMap<String, Machine>>) -> &'static str {
            "ok"
        }
        async fn flatten(Json(_): Json<Flat>) -> &'static str {
            "ok"
        }
        async fn path(Path(id): Path<u32>) -> String {
            id.to_string()
        }
        async fn query(Query(q): Query<BTreeMap<String, u32>>) -> String {
            q.len().to_string()
        }
        async fn missing(Path(name): Path<String>) -> Result<HttpResponse, MachineMissing> {
            Err(MachineMissing { name })
        }
        async fn fail(said: String) -> Result<HttpResponse, UpstreamFailed> {
            Err(UpstreamFailed::new(said))
        }

        serve_actix!(move || {
            App::new()
                .app_data(web::PayloadConfig::new(LIMIT))
                .route("/hash", web::post().to(hash))
                .route("/btree", web::post().to(btree))
                .route("/flatten", web::post().to(flatten))
                .route("/path/{id}", web::get().to(path))
                .route("/query", web::get().to(query))
                .route("/missing/{name}", web::get().to(missing))
                .route("/fail", web::post().to(fail))
                .wrap(Correlation::new(settings.clone()))
        })
    }
}

/// Checks an error response of ours: under [`MAX_ERROR_BODY`], and its message
/// free of control characters once decoded; returns the message.
fn bounded_message(reply: &Reply, status: u16, what: &str) -> String {
    assert!(
        reply.body.len() < MAX_ERROR_BODY,
        "{what}: a {}-byte error body",
        reply.body.len()
    );
    let (_, message, _) = reply.error(status);
    assert!(
        !message.chars().any(char::is_control),
        "{what}: a control character in {message:?}"
    );
    message
}

/// A JSON string of `len` bytes that ends in CR, LF and ESC (escaped for JSON).
fn long_key(len: usize) -> String {
    format!("{}\\r\\n\\u001b[31m", "k".repeat(len))
}

pub async fn client_text_in_a_message_is_capped_and_cleaned<F: Hardening>() {
    let server = F::hardening(WebSettings::default());
    let addr = server.addr;
    let key = long_key(100 * 1024);
    let post = |path: &'static str, body: String| async move {
        call(addr, Method::POST, path, &[JSON], &body).await
    };

    // A map's key in the path of a value of the wrong type.
    let reply = post("/hash", format!(r#"{{"{key}":"x"}}"#)).await;
    let message = bounded_message(&reply, 400, "HashMap");
    assert!(message.starts_with("Invalid input kkk"), "{message}");
    assert!(message.contains('…'), "the cut is marked: {message}");
    assert!(message.ends_with("expected u32."), "{message}");

    // A map's key in the path of a missing field.
    let reply = post("/btree", format!(r#"{{"{key}":{{}}}}"#)).await;
    let message = bounded_message(&reply, 400, "BTreeMap");
    assert!(message.starts_with("Parameter kkk"), "{message}");
    assert!(message.contains('…'), "the cut is marked: {message}");

    // Control characters in a short key are replaced.
    let reply = post("/hash", r#"{"a\r\nb\u001b[31m":"x"}"#.to_owned()).await;
    let message = bounded_message(&reply, 400, "a short key");
    assert!(
        message.starts_with("Invalid input a\u{FFFD}\u{FFFD}b\u{FFFD}[31m: "),
        "{message}"
    );

    // A flattened map: the key, or its value, is client text too.
    for body in [
        format!(r#"{{"id":1,"{key}":"x"}}"#),
        format!(r#"{{"{key}":1}}"#),
        format!(r#"{{"id":"{key}"}}"#),
    ] {
        let reply = post("/flatten", body).await;
        bounded_message(&reply, 400, "flatten");
    }

    // A value echoed in serde's reason.
    let reply = post("/btree", format!(r#"{{"a":{{"id":"{key}"}}}}"#)).await;
    let message = bounded_message(&reply, 400, "a long value");
    assert!(message.contains('…'), "the cut is marked: {message}");

    // A long path parameter and a long query parameter (8 KB: a server's
    // request line is bounded before ours is).
    let long = format!("x%0D%0A%1B{}", "y".repeat(8 * 1024));
    let reply = get(addr, &format!("/path/{long}")).await;
    bounded_message(&reply, 400, "path");
    let reply = get(addr, &format!("/query?{long}=z")).await;
    let message = bounded_message(&reply, 400, "query");
    assert!(message.contains('…'), "the cut is marked: {message}");
    server.stop().await;
}

/// Checks what the fmt layer wrote for the one event of the response with
/// target `id`: a single line, no CR, no ESC, at most [`MAX_LOG_LINE`] bytes;
/// returns it.
fn one_clean_line(id: &str) -> String {
    let written = written_with(id);
    assert_eq!(written.len(), 1, "one event for {id}: {written:#?}");
    let line = written.into_iter().next().unwrap_or_default();
    assert!(line.len() <= MAX_LOG_LINE, "a {}-byte log line", line.len());
    assert_eq!(
        line.find('\n'),
        Some(line.len() - 1),
        "the event is one line: {line:?}"
    );
    assert!(
        !line.contains(['\r', '\u{1b}', '\u{85}', '\u{2028}']),
        "{line:?}"
    );
    line
}

pub async fn log_lines_stay_single_escaped_and_bounded<F: Hardening>() {
    let server = F::hardening(WebSettings::default());
    let addr = server.addr;
    let send = |method: Method, path: String, id: String, body: String| async move {
        let headers = [("x-request-id", id.as_str()), JSON];
        call(addr, method, &path, &headers, &body).await
    };

    // A path parameter in a service's own message (a 4xx, logged at debug).
    let id = unique_id("log-path");
    let reply = send(
        Method::GET,
        "/missing/a%0D%0A2026-01-01T00:00:00Z%20ERROR%20forged%1B[2J".into(),
        id.clone(),
        String::new(),
    )
    .await;
    assert_eq!(reply.status.as_u16(), 404, "{reply:?}");
    let line = one_clean_line(&id);
    assert!(
        line.contains(r"Machine a\r\n2026-01-01T00:00:00Z ERROR forged\u{1b}[2J was not found."),
        "escaped as escape_debug does: {line}"
    );

    // A body key in the body extractor's message.
    let id = unique_id("log-key");
    let reply = send(
        Method::POST,
        "/hash".into(),
        id.clone(),
        r#"{"a\r\nERROR forged\u001b[2J":"x"}"#.into(),
    )
    .await;
    assert_eq!(reply.status.as_u16(), 400, "{reply:?}");
    one_clean_line(&id);

    // A source error's text (a 5xx, logged at error with the chain and Debug).
    let id = unique_id("log-source");
    let reply = send(
        Method::POST,
        "/fail".into(),
        id.clone(),
        "upstream said\r\nERROR forged\u{1b}[2J\\".into(),
    )
    .await;
    assert_eq!(reply.status.as_u16(), 502, "{reply:?}");
    let line = one_clean_line(&id);
    assert!(
        line.contains(r"sources=upstream said\r\nERROR forged\u{1b}[2J\\"),
        "{line}"
    );

    // Text of any length: the line stays bounded, the cut marked.
    for (path, body) in [
        ("/fail", "\n".repeat(200 * 1024)),
        ("/fail", "é".repeat(100 * 1024)),
        ("/hash", format!(r#"{{"{}":"x"}}"#, long_key(200 * 1024))),
    ] {
        let id = unique_id("log-long");
        let reply = send(Method::POST, path.into(), id.clone(), body).await;
        assert!(reply.status.is_client_error() || reply.status.is_server_error());
        let line = one_clean_line(&id);
        if path == "/fail" {
            assert!(line.contains('…'), "the cut is marked");
        }
    }
    let id = unique_id("log-long-path");
    let reply = send(
        Method::GET,
        format!("/missing/{}", "%0A".repeat(2 * 1024)),
        id.clone(),
        String::new(),
    )
    .await;
    assert_eq!(reply.status.as_u16(), 404, "{reply:?}");
    one_clean_line(&id);
    server.stop().await;
}
