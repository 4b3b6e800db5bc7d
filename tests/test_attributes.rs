//! Type-level keys: `crate` (a re-exporting crate points expansions at its path).

use rest_error::ApiError;

/// A crate that re-exports ours, as an SDK would.
mod my_sdk {
    pub use rest_error;
}

/// The runtime under a path of the user's own: every expansion names
/// `my_sdk::rest_error::__private`.
mod via_reexport {
    use crate::my_sdk::rest_error::ApiError;

    #[derive(Debug, ApiError)]
    #[api(crate = "crate::my_sdk::rest_error", display)]
    pub enum SdkError {
        #[api(
            code = "ResourceNotFound",
            status = 404,
            msg = "Machine <0> was not found"
        )]
        NotFound(u64),
        #[api(transparent, from)]
        Inner(Inner),
        #[api(status = 400, msg = "<count> fields are invalid")]
        Invalid {
            count: usize,
            #[api(details)]
            problems: Vec<crate::my_sdk::rest_error::SubError<Inner>>,
        },
    }

    /// A struct, `crate` alone.
    #[derive(Debug, ApiError)]
    #[api(crate = "crate::my_sdk::rest_error")]
    #[api(status = 409, msg = "Busy <0>")]
    pub struct Inner(pub u8);
}

#[test]
fn crate_path_points_at_a_reexport() {
    use via_reexport::{Inner, SdkError};
    let err = SdkError::NotFound(7);
    assert_eq!((err.code(), err.status()), ("ResourceNotFound", 404));
    assert_eq!(err.to_string(), "Machine 7 was not found");
    let inner: SdkError = Inner(3).into();
    assert_eq!((inner.code(), inner.status()), ("Inner", 409));
    assert_eq!(inner.message().to_string(), "Busy 3");
    let codes: Vec<_> = rest_error::catalog::<SdkError>()
        .iter()
        .map(|entry| entry.code)
        .collect();
    assert_eq!(codes, ["ResourceNotFound", "Inner", "Invalid"]);
    let details: Vec<_> = rest_error::catalog::detail_entries::<SdkError>()
        .iter()
        .map(|entry| entry.code)
        .collect();
    assert_eq!(details, ["Inner"]);
    let invalid = SdkError::Invalid {
        count: 1,
        problems: vec![rest_error::SubError::new(Inner(1), "name")],
    };
    let mut targets = Vec::new();
    invalid.details(&mut |detail| targets.push(detail.target().to_owned()));
    assert_eq!(targets, ["name"]);
}

mod rename_all {
    use rest_error::ApiError;

    macro_rules! cased {
        ($name:ident, $case:literal) => {
            #[derive(Debug, ApiError)]
            #[api(rename_all = $case, status = 400)]
            #[allow(dead_code)] // only the first variant's code is read for every case
            pub enum $name {
                ResourceNotFound,
                #[api(code = "Explicit.Wins")]
                TooManyRequests,
            }
        };
    }

    cased!(Lower, "lowercase");
    cased!(Upper, "UPPERCASE");
    cased!(Pascal, "PascalCase");
    cased!(Camel, "camelCase");
    cased!(Snake, "snake_case");
    cased!(ScreamingSnake, "SCREAMING_SNAKE_CASE");
    cased!(Kebab, "kebab-case");
    cased!(ScreamingKebab, "SCREAMING-KEBAB-CASE");

    #[test]
    fn every_case_applies_to_derived_codes_and_explicit_codes_win() {
        let codes = [
            Lower::ResourceNotFound.code(),
            Upper::ResourceNotFound.code(),
            Pascal::ResourceNotFound.code(),
            Camel::ResourceNotFound.code(),
            Snake::ResourceNotFound.code(),
            ScreamingSnake::ResourceNotFound.code(),
            Kebab::ResourceNotFound.code(),
            ScreamingKebab::ResourceNotFound.code(),
        ];
        assert_eq!(
            codes,
            [
                "resourcenotfound",
                "RESOURCENOTFOUND",
                "ResourceNotFound",
                "resourceNotFound",
                "resource_not_found",
                "RESOURCE_NOT_FOUND",
                "resource-not-found",
                "RESOURCE-NOT-FOUND",
            ]
        );
        assert_eq!(Snake::TooManyRequests.code(), "Explicit.Wins");
        assert_eq!(Kebab::TooManyRequests.code(), "Explicit.Wins");
        let catalog: Vec<_> = rest_error::catalog::<Snake>()
            .iter()
            .map(|entry| entry.code)
            .collect();
        assert_eq!(catalog, ["resource_not_found", "Explicit.Wins"]);
    }
}

mod links {
    use rest_error::ApiError;

    #[derive(Debug, ApiError)]
    #[api(
        link_base = "https://docs.example.com/errors/",
        rename_all = "snake_case"
    )]
    pub enum Linked {
        #[api(status = 404, msg = "Machine <0> was not found")]
        MachineNotFound(u64),
        #[api(status = 429, link = "https://docs.example.com/throttling")]
        TooManyRequests,
        #[api(transparent)]
        Unlinked(Unlinked),
        #[api(transparent)]
        Inner(InnerLinked),
    }

    #[derive(Debug, ApiError)]
    #[api(status = 400)]
    pub struct Unlinked;

    #[derive(Debug, ApiError)]
    #[api(status = 409, link = "https://inner.example.com/Busy")]
    pub struct InnerLinked;

    #[test]
    fn links_from_the_variant_or_base_plus_code() {
        assert_eq!(
            Linked::MachineNotFound(1).link(),
            Some("https://docs.example.com/errors/machine_not_found")
        );
        assert_eq!(
            Linked::TooManyRequests.link(),
            Some("https://docs.example.com/throttling")
        );
        assert_eq!(Linked::Unlinked(Unlinked).link(), None);
        assert_eq!(
            Linked::Inner(InnerLinked).link(),
            Some("https://inner.example.com/Busy")
        );
        assert_eq!(Unlinked.link(), None);
    }

    #[test]
    fn catalogue_and_markdown_show_links() {
        let entries = rest_error::catalog::<Linked>();
        let links: Vec<_> = entries
            .iter()
            .map(|entry| (entry.code, entry.link))
            .collect();
        assert_eq!(
            links,
            [
                (
                    "machine_not_found",
                    Some("https://docs.example.com/errors/machine_not_found")
                ),
                (
                    "too_many_requests",
                    Some("https://docs.example.com/throttling")
                ),
                ("Unlinked", None),
                ("InnerLinked", Some("https://inner.example.com/Busy")),
            ]
        );
        let table = rest_error::catalog::markdown::<Linked>();
        assert!(
            table.contains(
                "\n[machine_not_found](https://docs.example.com/errors/machine_not_found) | Not Found (404) | Machine {0} was not found\n"
            ),
            "{table}"
        );
        assert!(
            table.contains("\nUnlinked | BadRequest (400) | Bad Request\n"),
            "{table}"
        );
    }
}

mod type_headers {
    use rest_error::ApiError;

    #[derive(Debug, ApiError)]
    #[api(
        status = 503,
        header("Cache-Control", "no-store"),
        header("Retry-After", "60")
    )]
    pub enum Throttled {
        Plain,
        #[api(header("retry-after", "<0>"))]
        Own(u32),
        #[api(transparent)]
        Inner(Inner),
        #[api(transparent)]
        Quiet(Quiet),
    }

    #[derive(Debug, ApiError)]
    #[api(status = 429, header("RETRY-AFTER", "5"), header("X-Inner", "yes"))]
    pub struct Inner;

    #[derive(Debug, ApiError)]
    #[api(status = 400)]
    pub struct Quiet;

    fn headers(error: &dyn ApiError) -> Vec<String> {
        let mut out = Vec::new();
        error.headers(&mut |name, value| out.push(format!("{name}: {value}")));
        out
    }

    #[test]
    fn enum_headers_apply_to_every_variant_and_own_headers_win() {
        assert_eq!(
            headers(&Throttled::Plain),
            ["Cache-Control: no-store", "Retry-After: 60"]
        );
        assert_eq!(
            headers(&Throttled::Own(7)),
            ["retry-after: 7", "Cache-Control: no-store"]
        );
        assert_eq!(
            headers(&Throttled::Inner(Inner)),
            ["RETRY-AFTER: 5", "X-Inner: yes", "Cache-Control: no-store"]
        );
        assert_eq!(
            headers(&Throttled::Quiet(Quiet)),
            ["Cache-Control: no-store", "Retry-After: 60"]
        );
    }
}

mod transparent_with_context {
    use rest_error::ApiError;

    #[derive(Debug, ApiError)]
    #[api(status = 404, header("X-Kind", "lookup"))]
    pub enum Lookup {
        #[api(msg = "Index <0> not found")]
        IndexNotFound(String),
        #[api(msg = "Document <0> not found")]
        DocumentNotFound(u64),
    }

    #[derive(Debug, ApiError)]
    #[api(rename_all = "snake_case", link_base = "https://docs.example.com/")]
    pub enum Service {
        /// Forwards everything; the extra field is context for logs only.
        #[api(transparent)]
        Search {
            #[api(transparent)]
            source: Lookup,
            query: String,
        },
        /// Its own code and status, the inner message.
        #[api(transparent, code = "server_error", status = 500)]
        Internal(Lookup),
        /// Its own code, status and link with context beside the source.
        #[api(
            transparent,
            code = "bad_lookup",
            status = 400,
            link = "https://x.test/bad"
        )]
        Bad(u8, #[api(transparent)] Lookup),
    }

    #[test]
    fn forwards_with_extra_fields() {
        let err = Service::Search {
            source: Lookup::DocumentNotFound(9),
            query: "secret".into(),
        };
        assert_eq!((err.code(), err.status()), ("DocumentNotFound", 404));
        assert_eq!(err.message().to_string(), "Document 9 not found");
        assert!(!err.envelope().to_json().contains("secret"));
        assert_eq!(err.link(), None);
    }

    #[test]
    fn overrides_code_and_status_keeping_the_message() {
        let err = Service::Internal(Lookup::IndexNotFound("movies".into()));
        assert_eq!((err.code(), err.status()), ("server_error", 500));
        assert_eq!(err.message().to_string(), "Index movies not found");
        assert_eq!(err.link(), Some("https://docs.example.com/server_error"));
        let mut headers = Vec::new();
        err.headers(&mut |name, value| headers.push(format!("{name}: {value}")));
        assert_eq!(headers, ["X-Kind: lookup"]);
        let bad = Service::Bad(1, Lookup::DocumentNotFound(2));
        assert_eq!(
            (bad.code(), bad.status(), bad.link()),
            ("bad_lookup", 400, Some("https://x.test/bad"))
        );
        assert_eq!(bad.message().to_string(), "Document 2 not found");
    }

    #[test]
    fn catalogue_lists_the_override_as_its_own_entry_with_the_inner_templates() {
        let entries = rest_error::catalog::<Service>();
        let rows: Vec<_> = entries
            .iter()
            .map(|e| (e.code, e.status, e.template, e.more_templates.to_vec()))
            .collect();
        assert_eq!(
            rows,
            [
                ("IndexNotFound", 404, "Index <0> not found", vec![]),
                ("DocumentNotFound", 404, "Document <0> not found", vec![]),
                (
                    "server_error",
                    500,
                    "Index <0> not found",
                    vec!["Document <0> not found"]
                ),
                (
                    "bad_lookup",
                    400,
                    "Index <0> not found",
                    vec!["Document <0> not found"]
                ),
            ]
        );
    }
}

mod many_to_one {
    use rest_error::ApiError;

    #[derive(Debug, ApiError)]
    #[api(status = 400)]
    #[allow(dead_code)] // only the catalogue is read
    pub enum Table {
        #[api(code = "invalid_index_uid", msg = "Index uid <0> is invalid")]
        BadIndex(String),
        #[api(code = "other", msg = "Other | thing")]
        Other,
        #[api(code = "invalid_index_uid", msg = "Index uid is empty")]
        EmptyIndex,
        #[api(code = "invalid_index_uid")]
        NoMessage,
    }

    #[test]
    fn every_template_of_a_shared_code_is_kept_first_primary() {
        let entries = rest_error::catalog::<Table>();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].code, "invalid_index_uid");
        assert_eq!(entries[0].template, "Index uid <0> is invalid");
        assert_eq!(
            entries[0].more_templates.to_vec(),
            ["Index uid is empty", "Bad Request"]
        );
        assert!(entries[1].more_templates.is_empty());
        let table = rest_error::catalog::markdown::<Table>();
        assert!(
            table.contains(
                "\ninvalid_index_uid | BadRequest (400) | Index uid {0} is invalid<br>Index uid is empty<br>Bad Request\n"
            ),
            "{table}"
        );
        assert!(
            table.contains("\nother | BadRequest (400) | Other \\| thing\n"),
            "{table}"
        );
    }
}

mod transparent_struct_with_context {
    use rest_error::ApiError;

    #[derive(Debug, ApiError)]
    #[api(
        status = 404,
        msg = "Machine <0> was not found",
        header("X-Machine", "<0>")
    )]
    pub struct NotFound(pub u64);

    /// A struct forwarding to one field, with context beside it.
    #[derive(Debug, ApiError)]
    #[api(transparent)]
    pub struct WithContext {
        #[api(transparent)]
        pub source: NotFound,
        pub request: String,
    }

    /// A struct with its own code around the member's message.
    #[derive(Debug, ApiError)]
    #[api(transparent, code = "Gone", status = 410, link = "https://x.test/gone")]
    pub struct Overridden(pub NotFound);

    #[test]
    fn structs_forward_and_override_like_variants() {
        let err = WithContext {
            source: NotFound(3),
            request: "r-1".into(),
        };
        assert_eq!((err.code(), err.status()), ("NotFound", 404));
        assert_eq!(err.message().to_string(), "Machine 3 was not found");
        assert!(!err.envelope().to_json().contains("r-1"));
        let mut headers = Vec::new();
        err.headers(&mut |name, value| headers.push(format!("{name}: {value}")));
        assert_eq!(headers, ["X-Machine: 3"]);

        let gone = Overridden(NotFound(4));
        assert_eq!((gone.code(), gone.status()), ("Gone", 410));
        assert_eq!(gone.message().to_string(), "Machine 4 was not found");
        assert_eq!(gone.link(), Some("https://x.test/gone"));
        let entries = rest_error::catalog::<Overridden>();
        assert_eq!(
            (entries.len(), entries[0].code, entries[0].template),
            (1, "Gone", "Machine <0> was not found")
        );
    }
}
