//! The example services' own OpenAPI documents (`GET /openapi.json`, utoipa),
//! fetched from real axum and actix-web servers on 127.0.0.1: each passes the
//! OpenAPI 3.1 validator (the official schema, vendored in `tests/fixtures/`,
//! run with the `jsonschema` crate), lists for every route each status and code
//! its error type can send with one example per code, every example matches its
//! own schema, and every error the services really send, in both formats,
//! matches the schema documented for its route and status.
#![cfg(all(feature = "utoipa", any(feature = "axum", feature = "actix-web")))]
// Both example services are compiled in, each with its own copy of
// examples/shared/inventory.rs, as each is a program of its own.
#![allow(clippy::duplicate_mod)]

mod support;

use std::collections::BTreeSet;
use std::net::SocketAddr;

use hyper::Method;
use rest_error::catalog::{Catalog, entries};
use rest_error::openapi::Both;
use rest_error::web::{JsonRejection, UnknownErrorCode};
use serde_json::{Value, json};
use support::{AUTH, JSON, Reply, call};

fn openapi_validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("fixtures/openapi-3.1-schema-2022-10-07.json"))
            .expect("the vendored schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the OpenAPI 3.1 schema compiles")
}

fn assert_valid_document(document: &Value) {
    let errors: Vec<String> = openapi_validator()
        .iter_errors(document)
        .map(|error| format!("{error} at {}", error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid OpenAPI document: {errors:#?}");
}

/// Every `$ref` in `value` resolves in `document`.
fn assert_refs_resolve(document: &Value, value: &Value) {
    match value {
        Value::Object(map) => {
            if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                let pointer = reference.strip_prefix('#').expect("a local $ref");
                assert!(document.pointer(pointer).is_some(), "dangling {reference}");
            }
            map.values().for_each(|v| assert_refs_resolve(document, v));
        }
        Value::Array(items) => items.iter().for_each(|v| assert_refs_resolve(document, v)),
        _ => {}
    }
}

/// (status, code) pairs.
type Sends = BTreeSet<(String, String)>;

/// (status, code) of every entry of `E`.
fn sends<E: Catalog + ?Sized>() -> Sends {
    entries::<E>()
        .iter()
        .map(|entry| (entry.status.to_string(), entry.code.to_owned()))
        .collect()
}

/// (status, code) of every error response the operation documents, checking
/// each response on the way: both media types list the same codes, one example
/// per code, each valid against its own schema.
fn documented(operation: &Value) -> Sends {
    let mut out = BTreeSet::new();
    for (status, response) in operation["responses"].as_object().expect("responses") {
        if !status.starts_with('4') && !status.starts_with('5') {
            continue;
        }
        let json = &response["content"]["application/json"];
        let codes: Vec<String> =
            json["schema"]["properties"]["error"]["properties"]["code"]["enum"]
                .as_array()
                .unwrap_or_else(|| panic!("{status}: a code enum"))
                .iter()
                .map(|code| code.as_str().expect("a code").to_owned())
                .collect();
        let problem = &response["content"]["application/problem+json"];
        assert_eq!(
            problem["schema"]["properties"]["code"]["enum"],
            json!(codes),
            "{status}"
        );
        assert_eq!(
            response["headers"]["x-ms-error-code"]["schema"]["enum"],
            json!(codes),
            "{status}"
        );
        for media in [json, problem] {
            let validator = jsonschema::draft202012::new(&media["schema"]).expect("schema");
            let examples = media["examples"].as_object().expect("examples");
            let keys: Vec<&String> = examples.keys().collect();
            let mut sorted = codes.clone();
            sorted.sort();
            assert_eq!(
                keys,
                sorted.iter().collect::<Vec<_>>(),
                "{status}: one example per code"
            );
            for (code, example) in examples {
                assert!(
                    validator.is_valid(&example["value"]),
                    "{status} example {code}: {}",
                    example["value"]
                );
            }
        }
        out.extend(codes.into_iter().map(|code| (status.clone(), code)));
    }
    out
}

/// One error the service really sends: the documented route it goes to, the
/// request, and the status and code it answers with.
struct Case {
    method: Method,
    route: &'static str,
    path: &'static str,
    headers: &'static [(&'static str, &'static str)],
    body: String,
    status: u16,
    code: &'static str,
}

fn case(
    method: Method,
    route: &'static str,
    path: &'static str,
    headers: &'static [(&'static str, &'static str)],
    body: &str,
    (status, code): (u16, &'static str),
) -> Case {
    Case {
        method,
        route,
        path,
        headers,
        body: body.to_owned(),
        status,
        code,
    }
}

fn cases() -> Vec<Case> {
    use Method as M;
    let isolate = "/machines/isolate";
    vec![
        case(
            M::GET,
            "/machines/{id}",
            "/machines/7",
            &[],
            "",
            (404, "ResourceNotFound"),
        ),
        case(
            M::GET,
            "/machines/{id}",
            "/machines/abc",
            &[],
            "",
            (400, "InvalidInput"),
        ),
        case(
            M::GET,
            "/machines/{id}",
            "/machines/13",
            &[],
            "",
            (503, "InventoryUnavailable"),
        ),
        case(
            M::POST,
            "/machines",
            "/machines",
            &[JSON],
            r#"{"computerDnsName": "", "osPlatform": "Amiga"}"#,
            (400, "InvalidInput"),
        ),
        case(
            M::POST,
            "/machines",
            "/machines",
            &[JSON],
            "{",
            (400, "InvalidRequestBody"),
        ),
        case(
            M::POST,
            "/machines",
            "/machines",
            &[],
            "{}",
            (400, "InvalidRequestBody"),
        ),
        case(
            M::POST,
            "/machines",
            "/machines",
            &[JSON],
            "{}",
            (400, "MissingRequiredParameter"),
        ),
        case(
            M::POST,
            "/machines",
            "/machines",
            &[JSON],
            &format!(
                r#"{{"computerDnsName": "{}", "osPlatform": "Linux"}}"#,
                "a".repeat(20_000)
            ),
            (413, "RequestBodyTooLarge"),
        ),
        case(
            M::POST,
            isolate,
            isolate,
            &[JSON],
            r#"{"machineIds": [1], "comment": "x"}"#,
            (401, "Unauthorized"),
        ),
        case(
            M::POST,
            isolate,
            isolate,
            &[JSON, AUTH],
            r#"{"machineIds": [1, 2, 3, 4], "comment": "x"}"#,
            (400, "MaximumBatchSizeExceeded"),
        ),
        case(
            M::POST,
            isolate,
            isolate,
            &[JSON, AUTH],
            r#"{"machineIds": [99], "comment": "x"}"#,
            (404, "ResourceNotFound"),
        ),
        case(
            M::POST,
            isolate,
            isolate,
            &[JSON, AUTH],
            r#"{"machineIds": [2], "comment": "x"}"#,
            (200, ""),
        ),
        case(
            M::POST,
            isolate,
            isolate,
            &[JSON, AUTH],
            r#"{"machineIds": [2], "comment": "x"}"#,
            (409, "MachineAlreadyIsolated"),
        ),
        case(
            M::GET,
            "/errors/{code}",
            "/errors/NoSuchCode",
            &[],
            "",
            (404, "ResourceNotFound"),
        ),
    ]
}

/// The schema the document gives `route`'s `method` answering `status` as `media`.
fn documented_schema<'d>(
    document: &'d Value,
    method: &Method,
    route: &str,
    status: u16,
    media: &str,
) -> &'d Value {
    let operation = &document["paths"][route][method.as_str().to_ascii_lowercase()];
    let response = &operation["responses"][status.to_string()];
    assert!(
        response.is_object(),
        "{method} {route} does not document {status}"
    );
    &response["content"][media]["schema"]
}

fn check_reply(document: &Value, case: &Case, reply: &Reply, media: &str) {
    let what = format!("{} {} ({media})", case.method, case.path);
    assert_eq!(reply.status.as_u16(), case.status, "{what}: {reply:?}");
    assert_eq!(reply.header("content-type"), Some(media), "{what}");
    let body = reply.json();
    let schema = documented_schema(document, &case.method, case.route, case.status, media);
    let validator = jsonschema::draft202012::new(schema).expect("schema");
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: {body} does not match its documented schema: {errors:?}"
    );
    let code = body.pointer("/error/code").or_else(|| body.get("code"));
    assert_eq!(code, Some(&json!(case.code)), "{what}");
    // The headers the document promises for this status are sent.
    let operation = &document["paths"][case.route][case.method.as_str().to_ascii_lowercase()];
    let headers = operation["responses"][case.status.to_string()]["headers"]
        .as_object()
        .expect("headers");
    for name in headers.keys() {
        let declared_by_others = name == "Retry-After"
            && case.code != "InventoryUnavailable"
            && case.code != "TooManyRequests";
        if declared_by_others {
            continue;
        }
        assert!(
            reply.header(&name.to_ascii_lowercase()).is_some(),
            "{what}: no {name}"
        );
    }
    let header_codes = &headers["x-ms-error-code"]["schema"]["enum"];
    let sent = reply.header("x-ms-error-code").expect("x-ms-error-code");
    assert!(
        header_codes
            .as_array()
            .expect("enum")
            .contains(&json!(sent)),
        "{what}"
    );
}

async fn check_service(addr: SocketAddr) {
    let reply = support::get(addr, "/openapi.json").await;
    assert_eq!(reply.status, 200);
    let document = reply.json();
    assert_eq!(document["openapi"], "3.1.0");
    assert_valid_document(&document);
    assert_refs_resolve(&document, &document);

    // Each route lists exactly what its error type can send.
    type Inventory = support_inventory::InventoryError;
    let routes: [(&str, &str, Sends); 6] = [
        ("/machines", "get", sends::<Inventory>()),
        (
            "/machines",
            "post",
            sends::<Both<Inventory, JsonRejection>>(),
        ),
        ("/machines/{id}", "get", sends::<Inventory>()),
        (
            "/machines/isolate",
            "post",
            sends::<Both<Inventory, JsonRejection>>(),
        ),
        ("/errors", "get", BTreeSet::new()),
        ("/errors/{code}", "get", sends::<UnknownErrorCode>()),
    ];
    let paths = document["paths"].as_object().expect("paths");
    assert_eq!(paths.len(), 5, "{:?}", paths.keys());
    for (route, method, expected) in &routes {
        let operation = &document["paths"][route][method];
        assert!(operation.is_object(), "{method} {route} is documented");
        assert_eq!(&documented(operation), expected, "{method} {route}");
    }
    // 413 is the body extractor's: on the routes with a body only.
    assert!(
        sends::<Both<Inventory, JsonRejection>>()
            .contains(&("413".into(), "RequestBodyTooLarge".into()))
    );
    assert!(
        !sends::<Inventory>()
            .iter()
            .any(|(status, _)| status == "413")
    );

    // Every error the service sends matches the schema documented for it.
    for case in cases() {
        for media in ["application/json", "application/problem+json"] {
            if case.status == 200 {
                if media == "application/json" {
                    let reply = call(
                        addr,
                        case.method.clone(),
                        case.path,
                        case.headers,
                        &case.body,
                    )
                    .await;
                    assert_eq!(reply.status, 200, "{reply:?}");
                }
                continue;
            }
            let mut headers = case.headers.to_vec();
            headers.push(("accept", media));
            let reply = call(addr, case.method.clone(), case.path, &headers, &case.body).await;
            check_reply(&document, &case, &reply, media);
        }
    }
}

#[cfg(all(feature = "actix-web", not(feature = "axum")))]
use support::actix_server::service as support_inventory;
#[cfg(feature = "axum")]
use support::axum_server::service as support_inventory;

#[cfg(feature = "axum")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_axum_example_documents_what_it_sends() {
    use support::Framework;
    let server = support::axum_server::Axum::service();
    check_service(server.addr).await;
    server.stop().await;
}

#[cfg(feature = "actix-web")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_actix_example_documents_what_it_sends() {
    use support::Framework;
    let server = support::actix_server::Actix::service();
    check_service(server.addr).await;
    server.stop().await;
}
