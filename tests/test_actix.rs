//! What only the actix-web integration does, against real servers on 127.0.0.1.
//! The scenarios both frameworks share run in `test_web.rs`.
#![cfg(feature = "actix-web")]
// Both example services are compiled in, each with its own copy of
// examples/shared/inventory.rs, as each is a program of its own.
#![allow(clippy::duplicate_mod)]
// The generated impl's higher-ranked bound must not trip these in a user crate.
#![deny(unused_lifetimes, single_use_lifetimes, unused_qualifications)]

mod support;
use support::actix_server::{middleware, serve_actix, service};
use support::routes::{Generic, Opaque, Strict};
use support::*;

use std::marker::PhantomData;

use actix_web::dev::ServiceRequest;
use actix_web::middleware::{Next, from_fn};
use actix_web::{App, ResponseError, web};
use hyper::{Method, StatusCode};
use rest_error::actix::{ApiResponse, Json};
use rest_error::{ApiError, CommonError, CorrelationId};

// ---------------------------------------------------------------------------
// Correlation ids: an inner middleware's `Err`.

/// Answers with the id the handler sees.
async fn whoami(id: web::ReqData<CorrelationId>) -> String {
    id.into_inner().to_string()
}

/// An inner middleware that refuses requests without a token by returning `Err`.
async fn require_token(
    request: ServiceRequest,
    next: Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    if request.headers().contains_key("authorization") {
        next.call(request).await
    } else {
        Err(CommonError::Unauthorized.into())
    }
}

#[tokio::test]
async fn inner_middleware_errors_carry_the_request_id() {
    let server = serve_actix!(|| {
        App::new()
            .route("/whoami", web::get().to(whoami))
            .wrap(from_fn(require_token))
            .wrap(middleware(&Settings::default()))
    });
    let addr = server.addr;
    let reply = call(
        addr,
        Method::GET,
        "/whoami",
        &[AUTH, ("x-request-id", "me-1")],
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(&reply.body[..], b"me-1");
    assert_eq!(reply.header("x-request-id"), Some("me-1"));

    // The inner middleware's `Err` is answered with the request's id, not a new one.
    let reply = call(
        addr,
        Method::GET,
        "/whoami",
        &[("x-request-id", "me-2")],
        "",
    )
    .await;
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    let (code, _, target) = reply.error(401);
    assert_eq!((code.as_str(), target.as_str()), ("Unauthorized", "me-2"));
    assert_eq!(events_for("me-2").len(), 1);
    server.stop().await;
}

/// The codes an outer middleware found in the `Err`s it saw, by request id.
static SEEN: std::sync::Mutex<Vec<(String, Option<&'static str>)>> =
    std::sync::Mutex::new(Vec::new());

/// An outer middleware (outside `Correlation`) that looks into the `Err`s it sees.
async fn inspect(
    request: ServiceRequest,
    next: Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let result = next.call(request).await;
    if let Err(err) = &result {
        let code = err.as_error::<CommonError>().map(|e| ApiError::code(e));
        SEEN.lock().expect("seen").push((id, code));
    }
    result
}

#[tokio::test]
async fn an_inner_middleware_error_stays_reachable_outside() {
    let server = serve_actix!(|| {
        App::new()
            .route("/whoami", web::get().to(whoami))
            .wrap(from_fn(require_token))
            .wrap(middleware(&Settings::default()))
            .wrap(from_fn(inspect))
    });
    let reply = call(
        server.addr,
        Method::GET,
        "/whoami",
        &[("x-request-id", "reach-1")],
        "",
    )
    .await;
    // Still answered with the request's id, and logged once under it.
    let (code, _, target) = reply.error(401);
    assert_eq!(
        (code.as_str(), target.as_str()),
        ("Unauthorized", "reach-1")
    );
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    assert_eq!(events_for("reach-1").len(), 1);
    // The outer middleware saw the original error.
    let seen = SEEN.lock().expect("seen").clone();
    assert!(
        seen.contains(&("reach-1".to_owned(), Some("Unauthorized"))),
        "{seen:?}"
    );
    server.stop().await;
}

#[test]
fn correlation_id_is_none_outside_a_request() {
    assert!(rest_error::actix::correlation_id().is_none());
}

// ---------------------------------------------------------------------------
// The body limit is actix's `PayloadConfig`.

async fn strict(Json(body): Json<Strict>) -> Json<Strict> {
    Json(body)
}

#[tokio::test]
async fn the_limit_is_actix_payload_config() {
    let server = serve_actix!(|| {
        App::new()
            .app_data(web::PayloadConfig::new(64))
            .route("/strict", web::post().to(strict))
            .service(
                web::resource("/roomy")
                    .app_data(web::PayloadConfig::new(1024))
                    .route(web::post().to(strict)),
            )
    });
    let addr = server.addr;
    let body = format!(
        r#"{{"machineId": 1, "tags": [{{"tagName": "{}"}}]}}"#,
        "a".repeat(60)
    );
    let (code, _, _) = call(addr, Method::POST, "/strict", &[JSON], &body)
        .await
        .error(413);
    assert_eq!(code, "RequestBodyTooLarge");
    let reply = call(addr, Method::POST, "/roomy", &[JSON], &body).await;
    assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
    server.stop().await;
}

// ---------------------------------------------------------------------------
// Which derived types are a `ResponseError`.

/// `Debug` only: not a `ResponseError` either.
#[derive(Debug, ApiError)]
#[api(status = 400)]
struct DebugOnly;

/// Generic with a where clause and a lifetime.
#[derive(Debug, ApiError)]
#[api(display)]
enum Borrowed<'a, T>
where
    T: Clone,
{
    #[api(status = 409, msg = "Conflict on <0>")]
    Conflict(&'a str, PhantomData<T>),
}

/// `IS` is true exactly when `T: ResponseError` (inherent items win over trait items).
struct IsResponseError<T>(PhantomData<T>);
trait No {
    const IS: bool = false;
}
impl<T> No for IsResponseError<T> {}
impl<T: ResponseError> IsResponseError<T> {
    const IS: bool = true;
}

// Checked at compile time. `Opaque` has neither `Debug` nor `Display`; it
// answers through `ApiResponse` (the `/opaque` route of `test_web.rs`).
const _: () = {
    assert!(!IsResponseError::<Opaque>::IS);
    assert!(!IsResponseError::<DebugOnly>::IS);
    assert!(IsResponseError::<Generic<u16>>::IS);
    assert!(IsResponseError::<Borrowed<'static, u8>>::IS);
    assert!(IsResponseError::<service::InventoryError>::IS);
    assert!(IsResponseError::<CommonError>::IS);
    assert!(IsResponseError::<rest_error::actix::JsonRejection>::IS);
    assert!(IsResponseError::<ApiResponse<Opaque>>::IS);
};

#[test]
fn response_error_exactly_for_types_with_debug_and_display() {
    // The status comes from the error.
    assert_eq!(
        ResponseError::status_code(&Generic::Upstream(1)).as_u16(),
        502
    );
    let _ = Borrowed::<u8>::Conflict("x", PhantomData).code();
}
