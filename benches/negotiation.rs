//! What content negotiation costs a request that sends neither `Accept` nor
//! `Accept-Language` (issue 14): a 404 through the whole axum stack, called in
//! process (`tower::ServiceExt::oneshot`, no sockets, so nothing but the code
//! path is timed), with negotiation off and on.
//!
//! - `before`: the web core with nothing to negotiate: no alternative format
//!   (`without_negotiated_formats`) and an error declared in one language, so
//!   no `Accept` or `Accept-Language` step has a choice to make;
//! - `after`: the defaults (problem+json negotiable) and the same error with a
//!   Swedish translation: both steps run, and find no header;
//! - `after_with_headers`: the same with both headers sent, for scale.
//!
//! Run with `cargo bench --bench negotiation --features axum`; see BENCHMARKS.md.
//! `main` checks first that each path answers what it should.

use std::hint::black_box;

use axum::Router;
use axum::body::Body;
use axum::extract::Path;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use divan::Bencher;
use rest_error::ApiError;
use rest_error::axum::CorrelationLayer;
use rest_error::web::WebSettings;
use tower::ServiceExt as _;

#[derive(Debug, ApiError)]
enum OneLanguage {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found"
    )]
    NotFound(u64),
}

#[derive(Debug, ApiError)]
enum TwoLanguages {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found",
        msg(sv = "Datorn <0> hittades inte")
    )]
    NotFound(u64),
}

#[allow(clippy::unused_async)] // handlers are async functions
async fn one(Path(id): Path<u64>) -> Result<(), OneLanguage> {
    Err(OneLanguage::NotFound(id))
}

#[allow(clippy::unused_async)] // handlers are async functions
async fn two(Path(id): Path<u64>) -> Result<(), TwoLanguages> {
    Err(TwoLanguages::NotFound(id))
}

fn before() -> Router {
    let settings = WebSettings::default().without_negotiated_formats();
    Router::new()
        .route("/machines/{id}", get(one))
        .layer(CorrelationLayer::new(settings))
}

fn after() -> Router {
    Router::new()
        .route("/machines/{id}", get(two))
        .layer(CorrelationLayer::default())
}

fn request(headers: bool) -> Request<Body> {
    let mut builder = Request::get("/machines/123123123");
    if headers {
        builder = builder
            .header("accept", "application/problem+json")
            .header("accept-language", "sv-SE, en;q=0.5");
    }
    builder.body(Body::empty()).expect("a valid request")
}

/// One request through `router`, answered; returns the status and the body.
async fn call(router: &Router, headers: bool) -> (StatusCode, axum::body::Bytes) {
    let response = router
        .clone()
        .oneshot(request(headers))
        .await
        .expect("infallible");
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 4096)
        .await
        .expect("a small body");
    (status, body)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime")
}

fn bench(bencher: Bencher, router: &Router, headers: bool) {
    let runtime = runtime();
    bencher.bench_local(|| runtime.block_on(call(black_box(router), black_box(headers))));
}

#[divan::bench]
fn before_nothing_to_negotiate(bencher: Bencher) {
    bench(bencher, &before(), false);
}

#[divan::bench]
fn after_no_headers(bencher: Bencher) {
    bench(bencher, &after(), false);
}

#[divan::bench]
fn after_with_headers(bencher: Bencher) {
    bench(bencher, &after(), true);
}

/// Before timing: the two default paths write the same envelope (but for the
/// target), and the headers do pick problem+json in Swedish.
fn check() {
    let runtime = runtime();
    let json = |(status, body): (StatusCode, axum::body::Bytes)| {
        assert_eq!(status, StatusCode::NOT_FOUND);
        let mut value: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
        value
            .get_mut("error")
            .and_then(|error| error.as_object_mut())
            .map(|error| error.remove("target"));
        value
    };
    let before = json(runtime.block_on(call(&before(), false)));
    let after = json(runtime.block_on(call(&after(), false)));
    assert_eq!(before, after);
    assert_eq!(
        before["error"]["message"],
        "Machine 123123123 was not found"
    );
    let (_, body) = runtime.block_on(call(&self::after(), true));
    let problem: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(problem["detail"], "Datorn 123123123 hittades inte");
    assert_eq!(problem["status"], 404);
}

fn main() {
    check();
    divan::Divan::default()
        .sample_count(1000)
        .sample_size(50)
        .config_with_args()
        .main();
}
