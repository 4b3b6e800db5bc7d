//! The catalogue: every code a type can answer with, its status and its message
//! template — the documentation table, generated from the type.
//!
//! ```
//! use rest_error::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! enum MachineError {
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//!     MachineNotFound(u64),
//!     #[api(status = 400, msg = "Maximum batch size exceeded. Received: <received>, allowed: <allowed>.")]
//!     MaximumBatchSizeExceeded { received: usize, allowed: usize },
//! }
//!
//! let entries = rest_error::catalog::<MachineError>();
//! assert_eq!(entries[0].code, "ResourceNotFound");
//! assert_eq!(entries[0].status, 404);
//! assert_eq!(entries[0].template, "Machine <0> was not found");
//!
//! print!("{}", rest_error::catalog::markdown::<MachineError>());
//! // Error code | HTTP status code | Message
//! // :--- | :--- | :---
//! // ResourceNotFound | Not Found (404) | Machine {0} was not found
//! // MaximumBatchSizeExceeded | BadRequest (400) | Maximum batch size exceeded. Received: {received}, allowed: {allowed}.
//! ```
//!
//! # A service's table
//!
//! A service enum that embeds [`CommonError`](crate::CommonError) with
//! `#[api(transparent)]` gets the documented rows in its own table, in place.
//! Each code appears once, at its first occurrence, so a product variant that
//! reuses a documented code with a more specific message shows that message only
//! when it is declared before the embedded member:
//!
//! ```
//! use rest_error::{ApiError, CommonError};
//!
//! #[derive(Debug, ApiError)]
//! enum InventoryError {
//!     #[api(status = 409, msg = "Machine <0> is isolated")]
//!     MachineIsolated(u64),
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//!     MachineNotFound(u64),
//!     #[api(transparent, from)]
//!     Common(CommonError),
//! }
//!
//! let entries = rest_error::catalog::<InventoryError>();
//! assert_eq!(entries.len(), 2 + 19); // CommonError's ResourceNotFound is already listed
//! assert_eq!(entries[1].template, "Machine <0> was not found");
//! assert_eq!(entries.iter().filter(|e| e.code == "ResourceNotFound").count(), 1);
//! # let _ = (InventoryError::MachineIsolated(1), InventoryError::MachineNotFound(1));
//! ```
//!
//! `cargo run --example catalog` prints the tables of `CommonError` and of this
//! service.

use core::fmt::Write as _;

use crate::status::reason_phrase;

/// One row of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Entry {
    /// The error code.
    pub code: &'static str,
    /// Its HTTP status.
    pub status: u16,
    /// The raw `msg` template (`"Machine <0> was not found"`), or the status's
    /// reason phrase for a variant without `msg`: the first variant's, when
    /// several variants share the code.
    pub template: &'static str,
    /// The templates of the other variants with this code, in declaration order
    /// (a many-to-one table), or the further templates of the error a
    /// transparent variant with its own code forwards its message to.
    pub more_templates: Templates,
    /// The code's documentation page: `#[api(link = "...")]`, or the type's
    /// `link_base` followed by the code.
    pub link: Option<&'static str>,
}

/// The further message templates of an [`Entry`]; [`Templates::iter`] lists them.
#[derive(Clone, Copy)]
pub struct Templates(TemplateSource);

#[derive(Clone, Copy)]
enum TemplateSource {
    List(&'static [&'static str]),
    /// Every template of these nodes but the first.
    AfterFirst(&'static [Node]),
}

impl Templates {
    /// No further templates.
    pub const NONE: Templates = Templates(TemplateSource::List(&[]));

    /// These templates.
    #[must_use]
    pub const fn list(templates: &'static [&'static str]) -> Self {
        Templates(TemplateSource::List(templates))
    }

    /// Every distinct template of `nodes` but the first, which is an entry's own
    /// `template`: how a transparent variant with its own code lists the
    /// messages it forwards to.
    #[must_use]
    pub const fn after_first(nodes: &'static [Node]) -> Self {
        Templates(TemplateSource::AfterFirst(nodes))
    }

    /// The templates, in order.
    #[must_use]
    pub fn to_vec(&self) -> Vec<&'static str> {
        fn walk(nodes: &[Node], out: &mut Vec<&'static str>) {
            for node in nodes {
                match node {
                    Node::Entry(entry) => {
                        out.push(entry.template);
                        out.extend(entry.more_templates.to_vec());
                    }
                    Node::Nested(nested) => walk(nested, out),
                }
            }
        }
        match self.0 {
            TemplateSource::List(list) => list.to_vec(),
            TemplateSource::AfterFirst(nodes) => {
                let mut all = Vec::new();
                walk(nodes, &mut all);
                // Each distinct template once: a member's codes often share one.
                let mut out: Vec<&'static str> = Vec::new();
                for (i, template) in all.iter().enumerate() {
                    if i > 0 && !all[..i].contains(template) {
                        out.push(template);
                    }
                }
                out
            }
        }
    }

    /// An iterator over the templates, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> {
        self.to_vec().into_iter()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.to_vec().is_empty()
    }
}

impl core::fmt::Debug for Templates {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Templates {
    fn eq(&self, other: &Self) -> bool {
        self.to_vec() == other.to_vec()
    }
}

impl Eq for Templates {}

impl core::hash::Hash for Templates {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.to_vec().hash(state);
    }
}

/// The first template of `nodes`: the primary template of a transparent variant
/// with its own code. Called by derived code in a `const`.
#[doc(hidden)]
#[must_use]
pub const fn first_template(nodes: &[Node]) -> &'static str {
    let mut i = 0;
    while i < nodes.len() {
        match nodes[i] {
            Node::Entry(entry) => return entry.template,
            Node::Nested(nested) => {
                let found = first_template(nested);
                if !found.is_empty() {
                    return found;
                }
            }
        }
        i += 1;
    }
    ""
}

/// A node of a type's catalogue: its own entry, or a transparent member's whole
/// catalogue, in declaration order.
#[derive(Debug, Clone, Copy)]
pub enum Node {
    /// A variant (or struct) with its own code.
    Entry(Entry),
    /// A transparent variant: the member type's catalogue, in place.
    Nested(&'static [Node]),
}

/// The catalogue of an error type, as a `const` so that conflicts between a type
/// and its transparent members are found at compile time. Implemented by
/// `#[derive(ApiError)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no error catalogue",
    label = "a transparent member must be a type with `#[derive(ApiError)]`",
    note = "a hand-written `ApiError` impl can implement `rest_error::Catalog` too"
)]
pub trait Catalog {
    /// The entries, in declaration order, transparent members nested in place.
    const CATALOG: &'static [Node];

    /// The catalogues of the sub-errors the type can carry in its `details`: one
    /// node per `#[api(details)]` field (from the field type's [`DetailCatalog`])
    /// and per transparent member (its own `DETAILS`). Empty unless derived.
    const DETAILS: &'static [Node] = &[];
}

/// The codes a sub-error (or a list of them) can carry, for the catalogue of the
/// error whose `#[api(details)]` field holds it.
///
/// Implemented for [`SubError<E>`](crate::SubError) of a derived `E` (its
/// catalogue) and for `Vec`, slices, arrays, `Option`, `Box` and references of
/// anything that implements it. A hand-written [`ErrorDetail`](crate::ErrorDetail)
/// type used in a `details` field implements it too, usually with an empty list:
///
/// ```
/// use rest_error::catalog::{DetailCatalog, Node};
///
/// struct FieldProblem { field: String }
///
/// impl DetailCatalog for FieldProblem {
///     const CATALOG: &'static [Node] = &[];
/// }
/// # let _ = FieldProblem { field: String::new() }.field;
/// ```
#[diagnostic::on_unimplemented(
    message = "the catalogue cannot list the codes of `{Self}` as sub-errors",
    label = "`DetailCatalog` is not implemented for `{Self}`",
    note = "use `SubError<E>` of a derived `E` (in a `Vec`, slice, array or `Option`), or implement `rest_error::catalog::DetailCatalog` for a hand-written `ErrorDetail` type (an empty `CATALOG` will do)"
)]
pub trait DetailCatalog {
    /// The sub-error's catalogue.
    const CATALOG: &'static [Node];
}

impl<E: Catalog> DetailCatalog for crate::SubError<E> {
    const CATALOG: &'static [Node] = E::CATALOG;
}

impl<D: DetailCatalog> DetailCatalog for Vec<D> {
    const CATALOG: &'static [Node] = D::CATALOG;
}

impl<D: DetailCatalog> DetailCatalog for [D] {
    const CATALOG: &'static [Node] = D::CATALOG;
}

impl<D: DetailCatalog, const N: usize> DetailCatalog for [D; N] {
    const CATALOG: &'static [Node] = D::CATALOG;
}

impl<D: DetailCatalog> DetailCatalog for Option<D> {
    const CATALOG: &'static [Node] = D::CATALOG;
}

impl<D: DetailCatalog + ?Sized> DetailCatalog for Box<D> {
    const CATALOG: &'static [Node] = D::CATALOG;
}

impl<D: DetailCatalog + ?Sized> DetailCatalog for &D {
    const CATALOG: &'static [Node] = D::CATALOG;
}

/// Every entry of `E`, in declaration order, transparent members flattened in
/// place, each code once (its first occurrence).
#[must_use]
pub fn entries<E: Catalog + ?Sized>() -> Vec<Entry> {
    flatten(E::CATALOG)
}

/// Every entry the sub-errors of `E` can carry in its `details` (see
/// [`Catalog::DETAILS`]), flattened like [`entries`], each code once.
///
/// ```
/// use rest_error::{ApiError, SubError};
///
/// #[derive(Debug, ApiError)]
/// #[api(status = 400)]
/// enum FieldError {
///     #[api(msg = "Must not be empty")]
///     Empty,
///     #[api(msg = "Unknown value <0>")]
///     Unknown(String),
/// }
///
/// #[derive(Debug, ApiError)]
/// #[api(code = "InvalidInput", status = 400, msg = "<count> fields are invalid")]
/// struct Invalid {
///     count: usize,
///     #[api(details)]
///     problems: Vec<SubError<FieldError>>,
/// }
///
/// let codes: Vec<_> = rest_error::catalog::detail_entries::<Invalid>()
///     .iter()
///     .map(|entry| entry.code)
///     .collect();
/// assert_eq!(codes, ["Empty", "Unknown"]);
/// ```
#[must_use]
pub fn detail_entries<E: Catalog + ?Sized>() -> Vec<Entry> {
    flatten(E::DETAILS)
}

fn flatten(nodes: &[Node]) -> Vec<Entry> {
    fn walk(nodes: &[Node], out: &mut Vec<Entry>) {
        for node in nodes {
            match node {
                Node::Entry(entry) => {
                    if out.iter().all(|seen| seen.code != entry.code) {
                        out.push(*entry);
                    }
                }
                Node::Nested(nested) => walk(nested, out),
            }
        }
    }
    let mut out = Vec::new();
    walk(nodes, &mut out);
    out
}

/// The catalogue of `E` as a Markdown table shaped like the documented one:
/// `Error code | HTTP status code | Message`, the status written as
/// `BadRequest (400)`, `Not Found (404)`, …, placeholders as `{name}`. A code
/// with a documentation link is written as a link to it; the templates of a code
/// that several variants share follow each other in its cell, separated by
/// `<br>`.
#[must_use]
pub fn markdown<E: Catalog + ?Sized>() -> String {
    let mut out = String::from("Error code | HTTP status code | Message\n:--- | :--- | :---\n");
    for entry in entries::<E>() {
        match entry.link {
            Some(link) => {
                let _ = write!(out, "[{}](", entry.code);
                link_target(&mut out, link);
                out.push(')');
            }
            None => out.push_str(entry.code),
        }
        let _ = write!(
            out,
            " | {} ({}) | ",
            status_name(entry.status),
            entry.status
        );
        template_cell(&mut out, entry.template);
        for more in entry.more_templates.iter() {
            out.push_str("<br>");
            template_cell(&mut out, more);
        }
        out.push('\n');
    }
    out
}

/// A link target for Markdown: characters that would end it or break the table
/// are percent-encoded.
fn link_target(out: &mut String, link: &str) {
    for c in link.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '|' => out.push_str("%7C"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c => out.push(c),
        }
    }
}

/// The documented table writes 400 as `BadRequest`, the rest by reason phrase.
fn status_name(status: u16) -> &'static str {
    match status {
        400 => "BadRequest",
        _ => reason_phrase(status).unwrap_or(if status < 500 {
            "Client Error"
        } else {
            "Server Error"
        }),
    }
}

/// A template for a Markdown cell: `<name>` becomes `{name}` (an HTML-looking tag
/// would vanish when rendered), `<<` a literal `<` (as `&lt;`), `|` is escaped.
fn template_cell(out: &mut String, template: &str) {
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '<' if rest.starts_with('<') => {
                out.push_str("&lt;");
                rest = &rest[1..];
            }
            '<' => match rest.find('>') {
                Some(end) => {
                    out.push('{');
                    out.push_str(&rest[..end]);
                    out.push('}');
                    rest = &rest[end + 1..];
                }
                None => out.push_str("&lt;"),
            },
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
}

/// Fails the build when one code has two statuses across a type and its
/// transparent members. Called by derived code in a `const`.
///
/// Only pairs that involve a transparent member are compared: the derive checks
/// a type's own variants itself, with better spans.
#[doc(hidden)]
pub const fn check_catalog(nodes: &[Node]) {
    let mut i = 0;
    while i < nodes.len() {
        let mut j = i + 1;
        while j < nodes.len() {
            let (a, b) = (&nodes[i], &nodes[j]);
            let (a_nested, b_nested) = (matches!(a, Node::Nested(_)), matches!(b, Node::Nested(_)));
            if a_nested || b_nested {
                check_pair(a, b, Side { a_nested, b_nested });
            }
            j += 1;
        }
        i += 1;
    }
}

/// Whether each side of a comparison came through a transparent member, so the
/// message says which status is whose.
#[derive(Clone, Copy)]
struct Side {
    a_nested: bool,
    b_nested: bool,
}

const fn check_pair(a: &Node, b: &Node, side: Side) {
    match a {
        Node::Entry(entry) => check_entry(entry, b, side),
        Node::Nested(nested) => {
            let mut i = 0;
            while i < nested.len() {
                check_pair(&nested[i], b, side);
                i += 1;
            }
        }
    }
}

const fn check_entry(entry: &Entry, other: &Node, side: Side) {
    match other {
        Node::Entry(other) => {
            if str_eq(entry.code, other.code) && entry.status != other.status {
                conflict(
                    entry.code,
                    (entry.status, side.a_nested),
                    (other.status, side.b_nested),
                );
            }
        }
        Node::Nested(nested) => {
            let mut i = 0;
            while i < nested.len() {
                check_entry(entry, &nested[i], side);
                i += 1;
            }
        }
    }
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Panics (at compile time) with a message naming the code and both statuses,
/// each with where it comes from: `(status, through a transparent member)`.
const fn conflict(code: &str, a: (u16, bool), b: (u16, bool)) {
    // The type's own status first, when one side is its own.
    let ((first, first_nested), (second, second_nested)) =
        if a.1 && !b.1 { (b, a) } else { (a, b) };
    let mut buf = [0u8; 512];
    let mut len = 0;
    len = push(&mut buf, len, "error code `");
    len = push(&mut buf, len, code);
    len = push(&mut buf, len, "` has status ");
    len = push_status(&mut buf, len, first);
    len = push(
        &mut buf,
        len,
        if first_nested {
            " in a transparent member"
        } else {
            " in this type"
        },
    );
    len = push(&mut buf, len, " but status ");
    len = push_status(&mut buf, len, second);
    len = push(
        &mut buf,
        len,
        match (first_nested, second_nested) {
            (true, true) => " in another transparent member",
            (false, true) => " in a transparent member",
            _ => " in this type",
        },
    );
    len = push(
        &mut buf,
        len,
        "; a code must always have the same HTTP status",
    );
    match core::str::from_utf8(buf.split_at(len).0) {
        Ok(message) => panic!("{}", message),
        Err(_) => panic!("an error code is declared with two different statuses"),
    }
}

const fn push(buf: &mut [u8; 512], mut len: usize, s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    // Codes are ASCII, so a cut never splits a character.
    while i < bytes.len() && len < buf.len() {
        buf[len] = bytes[i];
        len += 1;
        i += 1;
    }
    len
}

const fn push_status(buf: &mut [u8; 512], len: usize, status: u16) -> usize {
    // Statuses are three digits (400..=599), checked by the derive.
    let digits = [
        b'0' + (status / 100 % 10) as u8,
        b'0' + (status / 10 % 10) as u8,
        b'0' + (status % 10) as u8,
    ];
    match core::str::from_utf8(&digits) {
        Ok(s) => push(buf, len, s),
        Err(_) => len,
    }
}

#[cfg(test)]
mod tests {
    use super::{status_name, template_cell};

    #[test]
    fn cells() {
        let cell = |t: &str| {
            let mut out = String::new();
            template_cell(&mut out, t);
            out
        };
        assert_eq!(
            cell("Machine <0> was not found"),
            "Machine {0} was not found"
        );
        assert_eq!(cell("a << b > c | d"), "a &lt; b &gt; c \\| d");
        assert_eq!(
            cell("<action> on <min_version>"),
            "{action} on {min_version}"
        );
        assert_eq!(cell("två\nrader"), "två rader");
    }

    #[test]
    fn link_targets() {
        let mut out = String::new();
        super::link_target(&mut out, "https://x.test/a b(c)|<d>");
        assert_eq!(out, "https://x.test/a%20b%28c%29%7C%3Cd%3E");
    }

    #[test]
    fn status_names() {
        assert_eq!(status_name(400), "BadRequest");
        assert_eq!(status_name(404), "Not Found");
        assert_eq!(status_name(500), "Internal Server Error");
        assert_eq!(status_name(499), "Client Error");
    }
}
