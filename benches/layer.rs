//! What `CorrelationLayer` costs one request, in process (`oneshot`, no
//! sockets): the same 404 route three ways.
//!
//! - `no_layer`: the derived error outside any middleware (a fresh id, in the
//!   body only);
//! - `hand_written`: what a service without this crate writes to get the same
//!   behaviour: an `axum::middleware::from_fn` that draws a `Uuid::new_v4()`,
//!   puts it in the request's extensions and echoes it in `x-request-id`, and a
//!   handler answering a `json!` envelope with that id as its target;
//! - `correlation_layer`: the derived error under `CorrelationLayer` (the id in
//!   the extensions, the body and `x-request-id`; negotiation and panics on).
//!
//! Run with `cargo bench --bench layer --features axum`; see BENCHMARKS.md.
//! `main` checks first that the three answer alike.

use std::hint::black_box;

use axum::Router;
use axum::body::Body;
use axum::extract::{Extension, Path, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::{Next, from_fn};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use divan::Bencher;
use rest_error::ApiError;
use rest_error::axum::CorrelationLayer;
use tower::ServiceExt as _;
use uuid::Uuid;

#[derive(Debug, ApiError)]
enum MachineError {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found"
    )]
    NotFound(u64),
}

#[allow(clippy::unused_async)] // handlers are async functions
async fn derived(Path(id): Path<u64>) -> Result<(), MachineError> {
    Err(MachineError::NotFound(id))
}

/// The hand-written service's correlation middleware.
async fn request_id(mut request: Request, next: Next) -> Response {
    let id = Uuid::new_v4();
    request.extensions_mut().insert(id);
    let mut response = next.run(request).await;
    let value = HeaderValue::from_str(&id.to_string()).expect("a uuid is a header value");
    response.headers_mut().insert("x-request-id", value);
    response
}

#[allow(clippy::unused_async)] // handlers are async functions
async fn hand_written_handler(Path(id): Path<u64>, Extension(target): Extension<Uuid>) -> Response {
    let body = serde_json::json!({"error": {
        "code": "ResourceNotFound",
        "message": format!("Machine {id} was not found"),
        "target": target.to_string(),
    }});
    // What `axum::Json` does (its `json` feature is off in this build).
    let bytes = serde_json::to_vec(&body).expect("a Value serializes");
    let headers = [
        (CONTENT_TYPE, "application/json"),
        (
            HeaderName::from_static("x-ms-error-code"),
            "ResourceNotFound",
        ),
    ];
    (StatusCode::NOT_FOUND, headers, bytes).into_response()
}

fn no_layer() -> Router {
    Router::new().route("/machines/{id}", get(derived))
}

fn hand_written() -> Router {
    Router::new()
        .route("/machines/{id}", get(hand_written_handler))
        .layer(from_fn(request_id))
}

fn correlation_layer() -> Router {
    Router::new()
        .route("/machines/{id}", get(derived))
        .layer(CorrelationLayer::default())
}

/// One request through `router`, answered; returns the response and its body.
async fn call(router: &Router) -> (Response<()>, axum::body::Bytes) {
    let request = Request::get("/machines/123123123").body(Body::empty());
    let response = router
        .clone()
        .oneshot(request.expect("a valid request"))
        .await
        .expect("infallible");
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, 4096)
        .await
        .expect("a small body");
    (Response::from_parts(parts, ()), body)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime")
}

fn bench(bencher: Bencher, router: &Router) {
    let runtime = runtime();
    bencher.bench_local(|| runtime.block_on(call(black_box(router))));
}

#[divan::bench]
fn no_layer_derived(bencher: Bencher) {
    bench(bencher, &no_layer());
}

#[divan::bench]
fn hand_written_middleware(bencher: Bencher) {
    bench(bencher, &hand_written());
}

#[divan::bench]
fn correlation_layer_derived(bencher: Bencher) {
    bench(bencher, &correlation_layer());
}

/// Before timing: the same envelope (but for the target), and with a
/// middleware, the body's target is the echoed `x-request-id`.
fn check() {
    let runtime = runtime();
    let envelope = |body: &[u8]| -> serde_json::Value {
        let mut value: serde_json::Value = serde_json::from_slice(body).expect("JSON");
        let error = value["error"].as_object_mut().expect("an envelope");
        let target = error.remove("target").expect("a target");
        serde_json::json!({"envelope": value, "target": target})
    };
    let mut answers = Vec::new();
    for router in [no_layer(), hand_written(), correlation_layer()] {
        let (response, body) = runtime.block_on(call(&router));
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(response.headers()["x-ms-error-code"], "ResourceNotFound");
        let answer = envelope(&body);
        if let Some(echoed) = response.headers().get("x-request-id") {
            assert_eq!(answer["target"], echoed.to_str().expect("ASCII"));
        }
        answers.push(answer);
    }
    assert!(
        answers
            .iter()
            .all(|answer| answer["envelope"] == answers[0]["envelope"])
    );
    assert_eq!(
        answers[0]["envelope"]["error"]["message"],
        "Machine 123123123 was not found"
    );
}

fn main() {
    check();
    divan::Divan::default()
        .sample_count(1000)
        .sample_size(50)
        .config_with_args()
        .main();
}
