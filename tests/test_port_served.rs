//! The ported public error table (tests/port) served by a real axum server and a
//! real actix-web server on 127.0.0.1: a derived type with `rename_all`,
//! `link_base` and a header on the type, sub-errors, and a hand-written type whose
//! code is chosen at run time, answered directly (`ApiResponse<Io>`) and boxed
//! (`ApiResponse<Box<dyn ApiError + Send + Sync>>`).
#![cfg(all(feature = "axum", feature = "actix-web"))]
// Both example services are compiled in (through tests/support), each with its
// own copy of examples/shared/inventory.rs, as each is a program of its own.
#![allow(clippy::duplicate_mod)]

mod port;
mod support;

use std::net::SocketAddr;

use hyper::Method;
use port::{FieldProblem, Io, SearchError};
use rest_error::web::{ApiResponse, WebSettings};
use rest_error::{ApiError, SubError};
use serde_json::json;
use support::*;

type Boxed = Box<dyn ApiError + Send + Sync>;

fn index_not_found(uid: String) -> SearchError {
    SearchError::IndexNotFound(uid)
}

fn invalid_documents() -> SearchError {
    SearchError::InvalidDocuments {
        count: 2,
        problems: vec![
            SubError::new(
                FieldProblem::InvalidDocumentId("a b".into()),
                "documents[0].id",
            ),
            SubError::new(FieldProblem::MissingDocumentId, "documents[3].id"),
        ],
    }
}

fn boxed(errno: i32) -> Boxed {
    Box::new(Io { errno })
}

async fn serve_axum() -> SocketAddr {
    use axum::Router;
    use axum::extract::Path;
    use axum::routing::{get, post};

    let app = Router::new()
        .route(
            "/indexes/{uid}",
            get(|Path(uid): Path<String>| async move { Err::<(), _>(index_not_found(uid)) }),
        )
        .route(
            "/documents",
            post(|| async { Err::<(), _>(invalid_documents()) }),
        )
        .route(
            "/io/{errno}",
            get(|Path(errno): Path<i32>| async move { Err::<(), _>(ApiResponse(Io { errno })) }),
        )
        .route(
            "/boxed/{errno}",
            get(|Path(errno): Path<i32>| async move { Err::<(), _>(ApiResponse(boxed(errno))) }),
        )
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

fn serve_actix() -> SocketAddr {
    use actix_web::{App, HttpServer, web};

    // `SearchError` has no `Display`, so on actix it answers through `ApiResponse`.
    async fn index(uid: web::Path<String>) -> Result<&'static str, ApiResponse<SearchError>> {
        Err(ApiResponse(index_not_found(uid.into_inner())))
    }
    async fn documents() -> Result<&'static str, ApiResponse<SearchError>> {
        Err(ApiResponse(invalid_documents()))
    }
    async fn io(errno: web::Path<i32>) -> Result<&'static str, ApiResponse<Io>> {
        Err(ApiResponse(Io {
            errno: errno.into_inner(),
        }))
    }
    async fn boxed_io(errno: web::Path<i32>) -> Result<&'static str, ApiResponse<Boxed>> {
        Err(ApiResponse(boxed(errno.into_inner())))
    }

    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = HttpServer::new(|| {
        App::new()
            .wrap(rest_error::actix::Correlation::new(WebSettings::default()))
            .route("/indexes/{uid}", web::get().to(index))
            .route("/documents", web::post().to(documents))
            .route("/io/{errno}", web::get().to(io))
            .route("/boxed/{errno}", web::get().to(boxed_io))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)
    .expect("listen")
    .run();
    tokio::spawn(server);
    addr
}

async fn both() -> [(&'static str, SocketAddr); 2] {
    capture();
    [("axum", serve_axum().await), ("actix", serve_actix())]
}

#[tokio::test]
async fn the_derived_table_answers_with_its_codes_links_and_type_header() {
    for (framework, addr) in both().await {
        let reply = get(addr, "/indexes/movies").await;
        assert_eq!(
            reply.header("cache-control"),
            Some("no-store"),
            "{framework}"
        );
        assert_eq!(
            reply.header("x-ms-error-code"),
            Some("index_not_found"),
            "{framework}"
        );
        let (code, message, _) = reply.error(404);
        assert_eq!(
            (code.as_str(), message.as_str()),
            ("index_not_found", "Index `movies` not found."),
            "{framework}"
        );

        // problem+json's `type` is the code's documentation link.
        let problem = call(
            addr,
            Method::GET,
            "/indexes/movies",
            &[("accept", "application/problem+json")],
            "",
        )
        .await;
        assert_eq!(
            problem.header("content-type"),
            Some("application/problem+json")
        );
        let body = problem.json();
        assert_eq!(
            body["type"],
            json!("https://docs.example.com/errors#index_not_found"),
            "{framework}"
        );
        assert_eq!(body["code"], json!("index_not_found"), "{framework}");
    }
}

#[tokio::test]
async fn sub_errors_are_answered_as_details() {
    for (framework, addr) in both().await {
        let reply = call(addr, Method::POST, "/documents", &[JSON], "").await;
        let ((code, message, _), details) = reply.error_with_details(400);
        assert_eq!(
            (code.as_str(), message.as_str()),
            ("invalid_documents", "2 documents are invalid."),
            "{framework}"
        );
        let details: Vec<_> = details
            .iter()
            .map(|(code, message, target)| (code.as_str(), message.as_str(), target.as_str()))
            .collect();
        assert_eq!(
            details,
            [
                (
                    "invalid_document_id",
                    r#"Document identifier "a b" is invalid"#,
                    "documents[0].id"
                ),
                (
                    "missing_document_id",
                    "The field is missing",
                    "documents[3].id"
                ),
            ],
            "{framework}"
        );
    }
}

#[tokio::test]
async fn run_time_codes_answer_directly_and_boxed() {
    for (framework, addr) in both().await {
        for path in ["/io/28", "/boxed/28"] {
            let reply = get(addr, path).await;
            assert_eq!(
                reply.header("x-ms-error-code"),
                Some("no_space_left_on_device"),
                "{framework} {path}"
            );
            let (code, message, _) = reply.error(500);
            assert_eq!(
                (code.as_str(), message.as_str()),
                ("no_space_left_on_device", "I/O error (errno 28)"),
                "{framework} {path}"
            );
        }
        assert_eq!(
            get(addr, "/boxed/24").await.error(500).0,
            "too_many_open_files"
        );
        assert_eq!(get(addr, "/io/5").await.error(500).0, "io_error");
    }
}
