//! The test servers on actix-web (`HttpServer` on a std listener, run on the
//! test's tokio runtime): the example service and the test routes.

#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/actix_service.rs"]
pub mod service;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::ErrorHandlers;
use actix_web::{App, HttpResponse, web};
use rest_error::actix::{ApiResponse, Correlation, Json, WithId};
use rest_error::{CommonError, CorrelationId};

use super::routes::{
    BadHeader, Generic, Opaque, Search, Strict, long_panic_message, unserializable,
};
use super::{Framework, Server, Settings};

/// Starts `HttpServer::new($factory)` on 127.0.0.1:0 with `$workers` worker
/// threads, on the current tokio runtime.
macro_rules! serve_actix {
    ($factory:expr) => {
        serve_actix!($factory, 1)
    };
    ($factory:expr, $workers:expr) => {{
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = actix_web::HttpServer::new($factory)
            .workers($workers)
            .disable_signals()
            .listen(listener)
            .expect("listen")
            .run();
        let handle = server.handle();
        tokio::spawn(server);
        $crate::support::Server::actix(addr, handle)
    }};
}
#[allow(unused_imports)] // test_actix.rs uses it; the other binaries do not
pub(crate) use serve_actix;

pub struct Actix;

impl Framework for Actix {
    fn service() -> Server {
        let inventory = service::Inventory::new();
        // Two workers: the load scenario runs requests on both at once.
        serve_actix!(move || service::app(inventory.clone()), 2)
    }

    fn routes(settings: Option<Settings>) -> Server {
        match settings {
            Some(settings) => serve_actix!(move || routes().wrap(middleware(&settings))),
            None => serve_actix!(routes),
        }
    }

    fn fallbacks(settings: rest_error::web::WebSettings) -> Server {
        serve_actix!(move || {
            fallbacks()
                .wrap(ErrorHandlers::new().handler(
                    StatusCode::METHOD_NOT_ALLOWED,
                    rest_error::actix::method_not_allowed,
                ))
                .wrap(Correlation::new(settings.clone()))
        })
    }

    fn layered(settings: rest_error::web::WebSettings) -> Server {
        serve_actix!(move || routes().wrap(Correlation::new(settings.clone())))
    }

    fn nested(settings: rest_error::web::WebSettings) -> Server {
        serve_actix!(move || {
            App::new()
                .service(
                    web::scope("/inner")
                        .configure(configure)
                        .wrap(Correlation::new(settings.clone())),
                )
                .configure(configure)
                .wrap(Correlation::new(settings.clone()))
        })
    }
}

/// The routes of `support::routes`'s *Fallbacks*, without a middleware.
pub fn fallbacks() -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .service(web::resource("/items").get(|| async { "[]" }).post(strict))
        .route("/machines/{id}", web::get().to(machine_id))
        .route("/search", web::get().to(search))
        .default_service(web::to(rest_error::actix::not_found))
}

/// The middleware that `settings` describes.
pub fn middleware(settings: &Settings) -> Correlation {
    Correlation::new(settings.web())
}

/// The routes of `support::routes`, without a middleware.
pub fn routes() -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new().configure(configure)
}

/// The routes of `support::routes`, on an app or a scope.
fn configure(config: &mut web::ServiceConfig) {
    config
        .route("/ok", web::get().to(|| async { "ok" }))
        .route("/forbidden", web::get().to(forbidden))
        .route("/not-found", web::get().to(not_found))
        .route("/whoami", web::get().to(whoami))
        .route("/opaque", web::get().to(opaque))
        .route("/generic", web::get().to(generic))
        .route("/strict", web::post().to(strict))
        .route(
            "/unserializable",
            web::get().to(|| async { Json(unserializable()) }),
        )
        .route("/bad-header", web::get().to(bad_header))
        .route("/spawned", web::get().to(spawned))
        .route("/spawned-with-id", web::get().to(spawned_with_id))
        .route("/panic", web::get().to(panic))
        .route("/panic-long", web::get().to(panic_long));
}

async fn bad_header() -> Result<HttpResponse, ApiResponse<BadHeader>> {
    Err(ApiResponse(BadHeader))
}

/// The error's response made in a spawned task, where the request's id is not current.
async fn spawned() -> HttpResponse {
    use actix_web::ResponseError;
    actix_web::rt::spawn(async { CommonError::DisabledFeature.error_response() })
        .await
        .expect("the task")
}

/// The same, with the request's id passed to the task.
async fn spawned_with_id(id: web::ReqData<CorrelationId>) -> HttpResponse {
    use actix_web::ResponseError;
    let id = id.into_inner();
    actix_web::rt::spawn(
        async move { WithId::new(CommonError::DisabledFeature, id).error_response() },
    )
    .await
    .expect("the task")
}

async fn panic() -> &'static str {
    panic!("machine {} exploded", 7)
}

async fn panic_long() -> &'static str {
    std::panic::panic_any(long_panic_message())
}

async fn forbidden() -> Result<HttpResponse, CommonError> {
    Err(CommonError::Forbidden)
}

async fn not_found() -> Result<HttpResponse, CommonError> {
    Err(CommonError::NotFound)
}

/// The id as the handler sees it, both ways.
async fn whoami(id: web::ReqData<CorrelationId>) -> String {
    let current = rest_error::actix::correlation_id().map(|id| id.to_string());
    format!("{} {}", id.into_inner(), current.unwrap_or_default())
}

/// Without `Display`, `Opaque` is no `ResponseError`: it answers through `ApiResponse`.
async fn opaque() -> Result<HttpResponse, ApiResponse<Opaque>> {
    Err(Opaque { secret: "s3cr3t" })?;
    Ok(HttpResponse::Ok().finish())
}

async fn generic() -> Result<HttpResponse, Generic<u16>> {
    Err(Generic::Upstream(418))
}

async fn strict(Json(body): Json<Strict>) -> Json<Strict> {
    Json(body)
}

async fn machine_id(rest_error::actix::Path(id): rest_error::actix::Path<u32>) -> String {
    id.to_string()
}

async fn search(rest_error::actix::Query(search): rest_error::actix::Query<Search>) -> String {
    search.limit.to_string()
}
