//! The port of part of a real public error table (see tests/test_port.rs), shared by
//! the test of its types and the test that serves it over axum and actix-web.
#![allow(dead_code, unreachable_pub)] // each test binary uses its own subset

use core::fmt;
use rest_error::catalog::{Entry, Node};
use rest_error::{ApiError, Catalog, MessageWriter, SubError};

/// I/O failures mapped from an errno at run time.
#[derive(Debug)]
pub struct Io {
    pub errno: i32,
}

impl ApiError for Io {
    fn code(&self) -> &'static str {
        match self.errno {
            28 => "no_space_left_on_device",
            24 => "too_many_open_files",
            _ => "io_error",
        }
    }
    fn status(&self) -> u16 {
        500
    }
    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
        w.text("I/O error (errno ")?;
        w.field(&self.errno)?;
        w.text(")")
    }
    fn link(&self) -> Option<&'static str> {
        Some("https://docs.example.com/errors#io")
    }
}

const fn io_row(code: &'static str) -> Node {
    Node::Entry(
        Entry::new(code, 500, "I/O error (errno <0>)")
            .with_link("https://docs.example.com/errors#io"),
    )
}

impl Catalog for Io {
    const CATALOG: &'static [Node] = &[
        io_row("no_space_left_on_device"),
        io_row("too_many_open_files"),
        io_row("io_error"),
    ];
}

/// One invalid document field, as a sub-error.
#[derive(Debug, ApiError)]
#[api(rename_all = "snake_case", status = 400)]
pub enum FieldProblem {
    #[api(msg = "Document identifier <0:?> is invalid")]
    InvalidDocumentId(String),
    #[api(msg = "The field is missing")]
    MissingDocumentId,
}

#[derive(Debug, ApiError)]
#[api(
    rename_all = "snake_case",
    link_base = "https://docs.example.com/errors#",
    header("Cache-Control", "no-store")
)]
pub enum SearchError {
    #[api(status = 404, msg = "Index `<0>` not found.")]
    IndexNotFound(String),
    #[api(status = 409, msg = "Index `<0>` already exists.")]
    IndexAlreadyExists(String),
    #[api(
        code = "invalid_index_uid",
        status = 400,
        msg = "`<0>` is not a valid index uid."
    )]
    InvalidIndexUid(String),
    #[api(code = "invalid_index_uid", status = 400, msg = "Index uid is empty.")]
    EmptyIndexUid,
    #[api(
        status = 400,
        msg = "Attribute `<attribute>` is not filterable. Available filterable attributes are: `<available:, >`."
    )]
    InvalidFilter {
        attribute: String,
        available: Vec<String>,
    },
    #[api(status = 403, msg = "The provided API key is invalid.")]
    InvalidApiKey,
    #[api(
        status = 401,
        msg = "The Authorization header is missing.",
        header("WWW-Authenticate", "Bearer")
    )]
    MissingAuthorizationHeader,
    #[api(
        status = 413,
        msg = "The provided payload reached the size limit of <limit> bytes."
    )]
    PayloadTooLarge { limit: usize },
    #[api(status = 400, msg = "<count> documents are invalid.")]
    InvalidDocuments {
        count: usize,
        #[api(details)]
        problems: Vec<SubError<FieldProblem>>,
    },
    /// An I/O error with context for the logs, answered as the member's code.
    #[api(transparent)]
    Io {
        #[api(transparent)]
        source: Io,
        path: String,
    },
    /// A bug: answered with the member's message but as `internal`.
    #[api(transparent, code = "internal", status = 500)]
    Internal(Io),
}
