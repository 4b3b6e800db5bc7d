//! A port of part of a real public error table (a search engine's: snake_case
//! codes, a documentation link per code, several variants per code), with the
//! attributes such a port needs together: `rename_all`, `link_base`, a header on
//! the type, `<x:?>` and joined lists, a transparent variant with context and one
//! with its own code, sub-errors, and a hand-written type whose code is chosen at
//! run time, with its own catalogue.

mod port;
use port::*;

use rest_error::{ApiError, CorrelationId, SubError};

fn headers(error: &dyn ApiError) -> Vec<String> {
    let mut out = Vec::new();
    error.headers(&mut |name, value| out.push(format!("{name}: {value}")));
    out
}

#[test]
fn codes_statuses_messages_and_links() {
    let err = SearchError::IndexNotFound("movies".into());
    assert_eq!((err.code(), err.status()), ("index_not_found", 404));
    assert_eq!(err.message().to_string(), "Index `movies` not found.");
    assert_eq!(
        err.link(),
        Some("https://docs.example.com/errors#index_not_found")
    );
    let filter = SearchError::InvalidFilter {
        attribute: "genre".into(),
        available: vec!["year".into(), "rating".into()],
    };
    assert_eq!(
        filter.message().to_string(),
        "Attribute `genre` is not filterable. Available filterable attributes are: `year, rating`."
    );
    assert_eq!(SearchError::EmptyIndexUid.code(), "invalid_index_uid");
}

#[test]
fn headers_from_the_type_and_the_variant() {
    assert_eq!(
        headers(&SearchError::InvalidApiKey),
        ["Cache-Control: no-store"]
    );
    assert_eq!(
        headers(&SearchError::MissingAuthorizationHeader),
        ["WWW-Authenticate: Bearer", "Cache-Control: no-store"]
    );
}

#[test]
fn run_time_codes_through_a_transparent_variant_with_context() {
    let err = SearchError::Io {
        source: Io { errno: 28 },
        path: "/var/lib/data.mdb".into(),
    };
    assert_eq!((err.code(), err.status()), ("no_space_left_on_device", 500));
    assert_eq!(err.link(), Some("https://docs.example.com/errors#io"));
    let json = err.envelope().to_json();
    assert!(!json.contains("/var/lib"), "{json}");
    let internal = SearchError::Internal(Io { errno: 5 });
    assert_eq!((internal.code(), internal.status()), ("internal", 500));
    assert_eq!(internal.message().to_string(), "I/O error (errno 5)");
    assert_eq!(
        internal.link(),
        Some("https://docs.example.com/errors#internal")
    );
}

#[test]
fn envelope_with_details() -> Result<(), Box<dyn std::error::Error>> {
    let err = SearchError::InvalidDocuments {
        count: 2,
        problems: vec![
            SubError::new(FieldProblem::InvalidDocumentId("a b".into()), "[0].id"),
            SubError::new(FieldProblem::MissingDocumentId, "[1].id"),
        ],
    };
    let id = CorrelationId::parse("t-1")?;
    assert_eq!(
        err.envelope_with_target(id).to_json(),
        concat!(
            r#"{"error":{"code":"invalid_documents","message":"2 documents are invalid.","target":"t-1","details":["#,
            r#"{"code":"invalid_document_id","message":"Document identifier \"a b\" is invalid","target":"[0].id"},"#,
            r#"{"code":"missing_document_id","message":"The field is missing","target":"[1].id"}]}}"#
        )
    );
    Ok(())
}

#[test]
fn catalogue_of_the_port() {
    let entries = rest_error::catalog::<SearchError>();
    let codes: Vec<_> = entries.iter().map(|entry| entry.code).collect();
    assert_eq!(
        codes,
        [
            "index_not_found",
            "index_already_exists",
            "invalid_index_uid",
            "invalid_filter",
            "invalid_api_key",
            "missing_authorization_header",
            "payload_too_large",
            "invalid_documents",
            "no_space_left_on_device",
            "too_many_open_files",
            "io_error",
            "internal",
        ]
    );
    let table = rest_error::catalog::markdown::<SearchError>();
    for row in [
        "[invalid_index_uid](https://docs.example.com/errors#invalid_index_uid) | BadRequest (400) | `{0}` is not a valid index uid.<br>Index uid is empty.\n",
        "[internal](https://docs.example.com/errors#internal) | Internal Server Error (500) | I/O error (errno {0})\n",
        "[io_error](https://docs.example.com/errors#io) | Internal Server Error (500) | I/O error (errno {0})\n",
    ] {
        assert!(table.contains(row), "{row}\n{table}");
    }
    let detail_codes: Vec<_> = rest_error::catalog::detail_entries::<SearchError>()
        .iter()
        .map(|entry| entry.code)
        .collect();
    assert_eq!(detail_codes, ["invalid_document_id", "missing_document_id"]);
}
