//! The error half of an OpenAPI 3.1 document, from the derive's catalogue:
//! validated against the official OpenAPI 3.1 schema (vendored in
//! `tests/fixtures/`) with the `jsonschema` crate, every example against its own
//! response's schema, through utoipa's and aide's own document builders, and one
//! document compared with a reviewed snapshot (`tests/snapshots/`; regenerate with
//! `SNAPSHOTS=overwrite cargo test --test test_openapi` and review the diff).

use std::collections::BTreeSet;

use rest_error::{ApiError, CommonError, catalog::Catalog};
use serde_json::{Map, Value, json};

/// A transparent member with its own codes, one of them on a status of the outer
/// type's (400), the others on statuses that carry headers (401, 429).
#[derive(Debug, ApiError)]
enum AccessError {
    #[api(status = 401, msg = "The token has expired")]
    TokenExpired,
    #[api(
        status = 429,
        msg = "Retry in <retry_after_secs> seconds",
        header("Retry-After", "<retry_after_secs>")
    )]
    Throttled { retry_after_secs: u64 },
    #[api(status = 400, msg = "Scope <0> is unknown")]
    UnknownScope(String),
}

/// Two codes of its own on 400, one on 404, a transparent member.
#[derive(Debug, ApiError)]
enum MachineError {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found"
    )]
    MachineNotFound(u64),
    #[api(status = 400, msg = "Invalid machine id <0>")]
    InvalidMachineId(String),
    #[api(
        status = 400,
        msg = "Maximum batch size exceeded. Received: <received>, allowed: <allowed>."
    )]
    MaximumBatchSizeExceeded { received: usize, allowed: usize },
    #[api(transparent)]
    Access(AccessError),
}

/// A service type embedding the whole documented set.
#[allow(dead_code)] // only documented, never sent
#[derive(Debug, ApiError)]
enum ServiceError {
    #[api(status = 409, msg = "Machine <0> is isolated")]
    MachineIsolated(u64),
    #[api(transparent)]
    Common(CommonError),
}

/// A generic type: its documentation is its member's plus its own.
#[allow(dead_code)] // only documented, never sent
#[derive(Debug, ApiError)]
enum Wrapped<E> {
    #[api(transparent)]
    Inner(E),
    #[api(status = 503, msg = "Try again later")]
    Unavailable,
}

fn openapi_validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("fixtures/openapi-3.1-schema-2022-10-07.json"))
            .expect("the vendored schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the OpenAPI 3.1 schema compiles")
}

/// Asserts `document` is a valid OpenAPI 3.1 document, listing every violation.
fn assert_valid_document(document: &Value) {
    let validator = openapi_validator();
    let errors: Vec<String> = validator
        .iter_errors(document)
        .map(|error| format!("{error} at {}", error.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "invalid OpenAPI document: {errors:#?}\n{document:#}"
    );
    assert_no_refs(document);
}

/// Schemas are inlined: no `$ref` anywhere, so none can dangle.
fn assert_no_refs(value: &Value) {
    match value {
        Value::Object(map) => {
            assert!(!map.contains_key("$ref"), "a $ref in {value}");
            map.values().for_each(assert_no_refs);
        }
        Value::Array(items) => items.iter().for_each(assert_no_refs),
        _ => {}
    }
}

/// A whole document with one operation whose error responses are `responses`.
fn document(responses: Map<String, Value>) -> Value {
    let mut all = Map::new();
    all.insert("200".into(), json!({"description": "The machine"}));
    all.extend(responses);
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Machines", "version": "1.0.0"},
        "paths": {
            "/machines/{id}": {
                "get": {
                    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "responses": all,
                },
            },
        },
    })
}

/// Every example of every media type validates against that media type's
/// schema; returns how many were checked.
fn check_examples(responses: &Map<String, Value>) -> usize {
    let mut checked = 0;
    for (status, response) in responses {
        let content = response["content"].as_object().expect("content");
        for (media, body) in content {
            let validator = jsonschema::draft202012::new(&body["schema"])
                .unwrap_or_else(|e| panic!("{status} {media}: schema does not compile: {e}"));
            let examples = body["examples"].as_object().expect("examples");
            for (code, example) in examples {
                let value = &example["value"];
                assert!(
                    validator.is_valid(value),
                    "{status} {media} example {code} does not match its schema: {value}"
                );
                let own_code = value.pointer("/error/code").or_else(|| value.get("code"));
                assert_eq!(own_code, Some(&json!(code)), "examples are keyed by code");
                checked += 1;
            }
        }
    }
    checked
}

fn codes_of<E: Catalog>() -> BTreeSet<String> {
    rest_error::catalog::entries::<E>()
        .iter()
        .map(|entry| entry.code.to_owned())
        .collect()
}

/// The codes documented across all responses (each status's `enum`), the same
/// in both media types.
fn documented_codes(responses: &Map<String, Value>) -> BTreeSet<String> {
    responses
        .values()
        .flat_map(|response| {
            let content = &response["content"];
            let codes = &content["application/json"]["schema"]["properties"]["error"]["properties"]
                ["code"]["enum"];
            assert_eq!(
                content["application/problem+json"]["schema"]["properties"]["code"]["enum"],
                *codes
            );
            codes
                .as_array()
                .expect("code enum")
                .iter()
                .map(|code| code.as_str().expect("code").to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn two_codes_on_one_status_share_one_response() {
    let responses = rest_error::openapi::responses::<MachineError>();
    assert_eq!(
        responses.keys().collect::<Vec<_>>(),
        ["400", "401", "404", "429"]
    );
    let bad_request = &responses["400"];
    let json = &bad_request["content"]["application/json"];
    let codes = json!([
        "InvalidMachineId",
        "MaximumBatchSizeExceeded",
        "UnknownScope"
    ]);
    assert_eq!(
        json["schema"]["properties"]["error"]["properties"]["code"]["enum"],
        codes
    );
    assert_eq!(
        bad_request["headers"]["x-ms-error-code"]["schema"]["enum"],
        codes
    );
    assert_eq!(
        bad_request["description"],
        "Bad Request\n\n\
         - `InvalidMachineId`: Invalid machine id {0}\n\
         - `MaximumBatchSizeExceeded`: Maximum batch size exceeded. Received: {received}, allowed: {allowed}.\n\
         - `UnknownScope`: Scope {0} is unknown"
    );
    assert_eq!(
        json["examples"]["MaximumBatchSizeExceeded"]["value"],
        json!({"error": {
            "code": "MaximumBatchSizeExceeded",
            "message": "Maximum batch size exceeded. Received: {received}, allowed: {allowed}.",
            "target": rest_error::openapi::EXAMPLE_TARGET,
        }})
    );
    assert_eq!(json["examples"].as_object().map(Map::len), Some(3));
}

#[test]
fn headers_follow_the_status() {
    let responses = rest_error::openapi::responses::<MachineError>();
    let names = |status: &str| -> Vec<String> {
        responses[status]["headers"]
            .as_object()
            .expect("headers")
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(names("400"), ["x-ms-error-code", "x-request-id"]);
    assert_eq!(
        names("401"),
        ["WWW-Authenticate", "x-ms-error-code", "x-request-id"]
    );
    assert_eq!(
        names("429"),
        ["Retry-After", "x-ms-error-code", "x-request-id"]
    );
    assert_eq!(names("404"), ["x-ms-error-code", "x-request-id"]);
}

#[test]
fn the_document_validates_and_lists_the_catalogue() {
    let responses = rest_error::openapi::responses::<MachineError>();
    assert_valid_document(&document(responses.clone()));
    assert_eq!(documented_codes(&responses), codes_of::<MachineError>());
    assert_eq!(check_examples(&responses), 2 * 6);

    // The whole documented set, transparent, with a code of the service's own.
    let responses = rest_error::openapi::responses::<ServiceError>();
    assert_valid_document(&document(responses.clone()));
    assert_eq!(documented_codes(&responses), codes_of::<ServiceError>());
    assert_eq!(
        check_examples(&responses),
        2 * codes_of::<ServiceError>().len()
    );
    assert!(codes_of::<ServiceError>().len() > 15);

    // A generic type over a composed one.
    let responses = rest_error::openapi::responses::<Wrapped<MachineError>>();
    assert_valid_document(&document(responses.clone()));
    assert_eq!(
        documented_codes(&responses),
        codes_of::<Wrapped<MachineError>>()
    );
    // `Retry-After` only where a code declares it: `Unavailable` does not.
    assert!(responses["503"]["headers"].get("Retry-After").is_none());
    assert!(responses["429"]["headers"].get("Retry-After").is_some());
}

#[test]
fn the_catalogue_names_the_headers_a_code_sets() {
    let entries = rest_error::catalog::<MachineError>();
    let headers = |code: &str| -> &[&str] {
        entries
            .iter()
            .find(|entry| entry.code == code)
            .map(|entry| entry.headers)
            .expect("code listed")
    };
    assert_eq!(headers("Throttled"), ["Retry-After"]);
    assert!(headers("TokenExpired").is_empty());
    assert!(headers("ResourceNotFound").is_empty());
    let common = rest_error::catalog::<CommonError>();
    let too_many = common
        .iter()
        .find(|e| e.code == "TooManyRequests")
        .expect("listed");
    assert!(too_many.sets_header("retry-after"));

    // The header's description names the codes that send it.
    let responses = rest_error::openapi::responses::<MachineError>();
    assert_eq!(
        responses["429"]["headers"]["Retry-After"]["description"],
        "Seconds to wait before trying again; sent with `Throttled`."
    );
}

#[test]
fn the_validators_reject_what_is_wrong() {
    // The document check is not vacuous: a response without a description fails.
    let mut responses = rest_error::openapi::responses::<MachineError>();
    let mut broken = responses.clone();
    broken["404"]
        .as_object_mut()
        .expect("response")
        .remove("description");
    assert!(!openapi_validator().is_valid(&document(broken)));

    // Each status's schema takes exactly its own codes.
    let schema = &responses["400"]["content"]["application/json"]["schema"];
    let validator = jsonschema::draft202012::new(schema).expect("schema");
    let envelope = |code: &str| json!({"error": {"code": code, "message": "m", "target": "t"}});
    assert!(validator.is_valid(&envelope("UnknownScope")));
    assert!(!validator.is_valid(&envelope("ResourceNotFound")));
    assert!(!validator.is_valid(&json!({"error": {"code": "UnknownScope", "message": "m"}})));

    // The problem document's status and title are the response's own.
    let problem = &responses["400"]["content"]["application/problem+json"]["schema"];
    let validator = jsonschema::draft202012::new(problem).expect("schema");
    let document = |status: u16, title: &str| {
        json!({"type": "about:blank", "title": title, "status": status, "detail": "d",
               "code": "UnknownScope", "target": "t"})
    };
    assert!(validator.is_valid(&document(400, "Bad Request")));
    assert!(!validator.is_valid(&document(404, "Bad Request")));
    assert!(!validator.is_valid(&document(400, "Not Found")));

    // So an example moved to another status is caught.
    let moved =
        responses["404"]["content"]["application/json"]["examples"]["ResourceNotFound"].clone();
    responses["400"]["content"]["application/json"]["examples"]["ResourceNotFound"] = moved;
    let caught = std::panic::catch_unwind(|| check_examples(&responses));
    assert!(caught.is_err());
}

#[test]
fn real_envelopes_match_their_documented_schema() {
    let responses = rest_error::openapi::responses::<MachineError>();
    let errors = [
        MachineError::MachineNotFound(7),
        MachineError::InvalidMachineId("x<y>".into()),
        MachineError::MaximumBatchSizeExceeded {
            received: 3,
            allowed: 2,
        },
        MachineError::Access(AccessError::TokenExpired),
        MachineError::Access(AccessError::Throttled {
            retry_after_secs: 5,
        }),
        MachineError::Access(AccessError::UnknownScope("admin".into())),
    ];
    for error in &errors {
        let content = &responses[&error.status().to_string()]["content"];
        let envelope: Value = serde_json::from_str(&error.envelope().to_json()).expect("json");
        let problem = error
            .problem()
            .with_type_base("https://errors.example.com/");
        let problem: Value = serde_json::from_str(&problem.to_json()).expect("json");
        for (media, body) in [
            ("application/json", envelope),
            ("application/problem+json", problem),
        ] {
            assert!(
                jsonschema::draft202012::is_valid(&content[media]["schema"], &body),
                "{body} does not match the {media} schema of {}",
                error.status()
            );
        }
    }
}

#[test]
fn snapshot_of_one_document() {
    let document = document(rest_error::openapi::responses::<MachineError>());
    let actual = format!(
        "{}\n",
        serde_json::to_string_pretty(&document).expect("json")
    );
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/openapi_machine_error.json"
    );
    if std::env::var_os("SNAPSHOTS").is_some_and(|v| v == "overwrite") {
        std::fs::write(path, &actual).expect("write the snapshot");
    }
    let expected = std::fs::read_to_string(path).expect("the snapshot exists");
    assert_eq!(
        actual, expected,
        "the document changed: review it, then regenerate the snapshot"
    );
}

#[cfg(feature = "utoipa")]
mod utoipa_impls {
    use super::*;
    use utoipa::{IntoResponses, OpenApi, ToSchema};

    /// A real route, its error half named in one line.
    #[utoipa::path(
        get,
        path = "/machines/{id}",
        params(("id" = String, Path, description = "The machine's id")),
        responses((status = 200, description = "The machine"), MachineError)
    )]
    #[allow(dead_code)]
    fn get_machine() {}

    #[derive(OpenApi)]
    #[openapi(paths(get_machine), components(schemas(rest_error::ErrorResponse)))]
    struct ApiDoc;

    #[test]
    fn into_responses_is_the_neutral_document() {
        let ours = rest_error::openapi::responses::<MachineError>();
        let theirs = serde_json::to_value(MachineError::responses()).expect("json");
        assert_eq!(theirs, Value::Object(ours));
    }

    #[test]
    fn utoipas_document_validates() {
        let document = serde_json::to_value(ApiDoc::openapi()).expect("json");
        assert_eq!(document["openapi"], "3.1.0");
        // The generic envelope component is registered where it is referenced.
        assert_eq!(
            document["components"]["schemas"][rest_error::ErrorResponse::name().as_ref()],
            rest_error::openapi::envelope_schema(&[])
        );
        let responses = document["paths"]["/machines/{id}"]["get"]["responses"]
            .as_object()
            .expect("responses")
            .clone();
        assert_eq!(
            responses.keys().collect::<Vec<_>>(),
            ["200", "400", "401", "404", "429"]
        );
        let mut errors = responses;
        errors.remove("200");
        assert_eq!(documented_codes(&errors), codes_of::<MachineError>());
        assert_eq!(check_examples(&errors), 2 * 6);
        assert_valid_document(&document);
    }

    #[test]
    fn generic_types_document_themselves() {
        let theirs = serde_json::to_value(Wrapped::<ServiceError>::responses()).expect("json");
        let ours = rest_error::openapi::responses::<Wrapped<ServiceError>>();
        assert_eq!(theirs, Value::Object(ours));
    }
}

#[cfg(all(feature = "aide", feature = "axum"))]
mod aide_impls {
    use super::*;
    use aide::axum::ApiRouter;
    use aide::axum::routing::get;
    use aide::openapi::{Info, OpenApi};

    async fn get_machine() -> Result<String, MachineError> {
        Err(MachineError::MachineNotFound(1))
    }

    #[test]
    fn aides_document_validates() {
        let mut api = OpenApi {
            info: Info {
                title: "Machines".into(),
                version: "1.0.0".into(),
                ..Info::default()
            },
            ..OpenApi::default()
        };
        // Nothing to write on the route: aide infers both halves.
        let _router: axum::Router = ApiRouter::new()
            .api_route("/machines/{id}", get(get_machine))
            .finish_api(&mut api);
        let document = serde_json::to_value(&api).expect("json");
        assert_eq!(document["openapi"], "3.1.0");
        let responses = document["paths"]["/machines/{id}"]["get"]["responses"]
            .as_object()
            .expect("responses")
            .clone();
        assert_eq!(
            responses.keys().collect::<Vec<_>>(),
            ["200", "400", "401", "404", "429"]
        );
        let mut errors = responses;
        errors.remove("200");
        let ours = rest_error::openapi::responses::<MachineError>();
        for (status, response) in &ours {
            // aide writes headers' default `style` out; the rest is ours as it is.
            let mut theirs = errors[status].clone();
            for header in theirs["headers"]
                .as_object_mut()
                .expect("headers")
                .values_mut()
            {
                let header = header.as_object_mut().expect("header");
                assert_eq!(header.remove("style"), Some(json!("simple")));
            }
            for key in ["description", "headers", "content"] {
                assert_eq!(theirs[key], response[key], "{status} {key}");
            }
        }
        assert_eq!(check_examples(&errors), 2 * 6);
        assert_valid_document(&document);
    }

    async fn isolate(
        rest_error::axum::Json(ids): rest_error::axum::Json<Vec<u64>>,
    ) -> Result<rest_error::axum::Json<usize>, MachineError> {
        Ok(rest_error::axum::Json(ids.len()))
    }

    #[test]
    fn the_json_extractor_adds_its_own_codes() {
        let mut api = OpenApi {
            info: Info {
                title: "Machines".into(),
                version: "1.0.0".into(),
                ..Info::default()
            },
            ..OpenApi::default()
        };
        let _router: axum::Router = ApiRouter::new()
            .api_route("/machines/isolate", aide::axum::routing::post(isolate))
            .finish_api(&mut api);
        let document = serde_json::to_value(&api).expect("json");
        let operation = &document["paths"]["/machines/isolate"]["post"];
        // The body, with its schema.
        assert_eq!(operation["requestBody"]["required"], true);
        assert!(operation["requestBody"]["content"]["application/json"]["schema"].is_object());
        let mut errors = operation["responses"]
            .as_object()
            .expect("responses")
            .clone();
        assert!(errors.remove("200").is_some(), "the Json output's 200");
        // One response per status: the extractor's 400 codes joined to the
        // handler's, its 413 added.
        let expected: BTreeSet<String> = codes_of::<MachineError>()
            .into_iter()
            .chain(codes_of::<rest_error::web::JsonRejection>())
            .collect();
        assert_eq!(documented_codes(&errors), expected);
        let bad_request = &errors["400"];
        for code in [
            "InvalidMachineId",
            "InvalidRequestBody",
            "MissingRequiredParameter",
        ] {
            assert!(
                bad_request["content"]["application/json"]["examples"]
                    .get(code)
                    .is_some(),
                "{code}"
            );
            assert!(
                bad_request["description"]
                    .as_str()
                    .expect("description")
                    .contains(&format!("- `{code}`:")),
                "{code}"
            );
        }
        assert_eq!(
            errors["413"]["headers"]["x-ms-error-code"]["schema"]["enum"],
            json!(["RequestBodyTooLarge"])
        );
        assert_eq!(check_examples(&errors), 2 * expected.len());
        assert_valid_document(&document);
    }
}
