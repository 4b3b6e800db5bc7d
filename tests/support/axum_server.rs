//! The test servers on axum: the example service and the test routes.

#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/axum_service.rs"]
pub mod service;

use axum::Router;
use axum::extract::Extension;
use axum::routing::{get, post};
use rest_error::axum::{ApiResponse, CorrelationLayer, Json, WithId};
use rest_error::{CommonError, CorrelationId};

use super::routes::{
    BadHeader, Generic, Opaque, Search, Strict, long_panic_message, unserializable,
};
use super::{Framework, Server, Settings, Stop};

pub struct Axum;

impl Framework for Axum {
    fn service() -> Server {
        serve(service::app())
    }

    fn routes(settings: Option<Settings>) -> Server {
        let app = routes();
        match settings {
            Some(settings) => serve(app.layer(layer(&settings))),
            None => serve(app),
        }
    }

    fn fallbacks(settings: rest_error::web::WebSettings) -> Server {
        serve(fallbacks().layer(CorrelationLayer::new(settings)))
    }

    fn layered(settings: rest_error::web::WebSettings) -> Server {
        serve(routes().layer(CorrelationLayer::new(settings)))
    }

    fn nested(settings: rest_error::web::WebSettings) -> Server {
        let inner = routes().layer(CorrelationLayer::new(settings.clone()));
        serve(
            routes()
                .nest("/inner", inner)
                .layer(CorrelationLayer::new(settings)),
        )
    }
}

/// The routes of `support::routes`'s *Fallbacks*, without a layer.
pub fn fallbacks() -> Router {
    Router::new()
        .route(
            "/items",
            get(|| async { "[]" }).post(|Json(body): Json<Strict>| async move { Json(body) }),
        )
        .route(
            "/machines/{id}",
            get(|rest_error::axum::Path(id): rest_error::axum::Path<u32>| async move {
                id.to_string()
            }),
        )
        .route(
            "/search",
            get(
                |rest_error::axum::Query(search): rest_error::axum::Query<Search>| async move {
                    search.limit.to_string()
                },
            ),
        )
        .fallback(rest_error::axum::fallback)
        .method_not_allowed_fallback(rest_error::axum::method_not_allowed)
}

/// The layer that `settings` describes.
pub fn layer(settings: &Settings) -> CorrelationLayer {
    CorrelationLayer::new(settings.web())
}

/// The routes of `support::routes`, without a layer.
pub fn routes() -> Router {
    Router::new()
        .route("/ok", get(|| async { "ok" }))
        .route("/forbidden", get(|| async { CommonError::Forbidden }))
        .route("/not-found", get(|| async { CommonError::NotFound }))
        .route(
            "/whoami",
            get(|Extension(id): Extension<CorrelationId>| async move {
                let current = rest_error::axum::correlation_id().map(|c| c.to_string());
                format!("{id} {}", current.unwrap_or_default())
            }),
        )
        .route("/opaque", get(|| async { Opaque { secret: "s3cr3t" } }))
        .route("/generic", get(|| async { Generic::Upstream(418_u16) }))
        .route(
            "/strict",
            post(|Json(body): Json<Strict>| async move { Json(body) }),
        )
        .route("/unserializable", get(|| async { Json(unserializable()) }))
        .route("/bad-header", get(|| async { ApiResponse(BadHeader) }))
        .route("/spawned", get(spawned))
        .route("/spawned-with-id", get(spawned_with_id))
        .route("/panic", get(panic))
        .route("/panic-long", get(panic_long))
}

/// The error's response made in a spawned task, where the request's id is not current.
async fn spawned() -> axum::response::Response {
    use axum::response::IntoResponse;
    tokio::spawn(async { CommonError::DisabledFeature.into_response() })
        .await
        .expect("the task")
}

/// The same, with the request's id passed to the task.
async fn spawned_with_id(Extension(id): Extension<CorrelationId>) -> axum::response::Response {
    use axum::response::IntoResponse;
    tokio::spawn(async move { WithId::new(CommonError::DisabledFeature, id).into_response() })
        .await
        .expect("the task")
}

#[allow(clippy::unused_async)] // a handler
async fn panic() -> &'static str {
    panic!("machine {} exploded", 7)
}

#[allow(clippy::unused_async)] // a handler
async fn panic_long() -> &'static str {
    std::panic::panic_any(long_panic_message())
}

/// Serves `app` on 127.0.0.1 at a free port, on the test's runtime.
pub fn serve(app: Router) -> Server {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    listener.set_nonblocking(true).expect("non-blocking");
    let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
    let task = tokio::spawn(async move { axum::serve(listener, app).await });
    Server::new(addr, Stop::Abort(task.abort_handle()))
}
