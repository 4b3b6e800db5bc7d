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
///
/// Made with [`Entry::new`] (in a `const`, for a hand-written [`Catalog`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
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
    /// The language of `template` and `more_templates`: the type's
    /// `#[api(lang = "...")]`, `en` when absent.
    pub lang: &'static str,
    /// `template` in more languages, `(language, template)`, from the variant's
    /// `msg(sv = "...", ...)`; see [`Entry::template_in`].
    pub translations: &'static [(&'static str, &'static str)],
    /// The names of the response headers the code sets besides the ones every
    /// error response has, as declared (`#[api(header("Retry-After", ...))]`
    /// on the variant or the type); see [`Entry::with_headers`].
    pub headers: &'static [&'static str],
    /// A 128-bit hash of `code`, computed once per entry when the type's
    /// catalogue is evaluated, so the compile-time check compares codes in a
    /// step or two however often a table is composed.
    key: u128,
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

impl Entry {
    /// The entry for `code` with `status` and message `template`, no further
    /// templates and no link.
    ///
    /// ```
    /// use rest_error::catalog::{Entry, Templates};
    ///
    /// const ENTRY: Entry = Entry::new("ResourceNotFound", 404, "Machine <0> was not found")
    ///     .with_link("https://docs.example.com/errors/ResourceNotFound")
    ///     .with_more_templates(Templates::list(&["Blob <0> was not found"]));
    /// assert_eq!((ENTRY.code, ENTRY.status), ("ResourceNotFound", 404));
    /// assert_eq!(ENTRY.more_templates.to_vec(), ["Blob <0> was not found"]);
    /// ```
    #[must_use]
    pub const fn new(code: &'static str, status: u16, template: &'static str) -> Self {
        Self {
            code,
            status,
            template,
            more_templates: Templates::NONE,
            link: None,
            lang: "en",
            translations: &[],
            headers: &[],
            key: code_key(code.as_bytes()),
        }
    }

    /// The entry with `template` in language `lang` and `translations` of it,
    /// `(language, template)`.
    ///
    /// ```
    /// use rest_error::catalog::Entry;
    ///
    /// const ENTRY: Entry = Entry::new("ResourceNotFound", 404, "Machine <0> was not found")
    ///     .with_translations("en", &[("sv", "Datorn <0> hittades inte")]);
    /// assert_eq!(ENTRY.template_in("sv"), "Datorn <0> hittades inte");
    /// assert_eq!(ENTRY.template_in("SV"), "Datorn <0> hittades inte");
    /// assert_eq!(ENTRY.template_in("de"), "Machine <0> was not found");
    /// ```
    #[must_use]
    pub const fn with_translations(
        mut self,
        lang: &'static str,
        translations: &'static [(&'static str, &'static str)],
    ) -> Self {
        self.lang = lang;
        self.translations = translations;
        self
    }

    /// The template in `lang` (compared case-insensitively), else the default
    /// `template`.
    #[must_use]
    pub fn template_in(&self, lang: &str) -> &'static str {
        self.translations
            .iter()
            .find(|(tag, _)| tag.eq_ignore_ascii_case(lang))
            .map_or(self.template, |&(_, template)| template)
    }

    /// The entry with `headers` as the names of the headers its code sets.
    ///
    /// ```
    /// use rest_error::catalog::Entry;
    ///
    /// const ENTRY: Entry = Entry::new("TooManyRequests", 429, "Retry after <0> seconds")
    ///     .with_headers(&["Retry-After"]);
    /// assert!(ENTRY.sets_header("retry-after"));
    /// assert!(!ENTRY.sets_header("WWW-Authenticate"));
    /// ```
    #[must_use]
    pub const fn with_headers(mut self, headers: &'static [&'static str]) -> Self {
        self.headers = headers;
        self
    }

    /// Whether the code sets header `name` (compared case-insensitively).
    #[must_use]
    pub fn sets_header(&self, name: &str) -> bool {
        self.headers
            .iter()
            .any(|own| own.eq_ignore_ascii_case(name))
    }

    /// The entry with `link` as its documentation page.
    #[must_use]
    pub const fn with_link(mut self, link: &'static str) -> Self {
        self.link = Some(link);
        self
    }

    /// The entry with `more_templates` as its further templates.
    #[must_use]
    pub const fn with_more_templates(mut self, more_templates: Templates) -> Self {
        self.more_templates = more_templates;
        self
    }
}

impl core::fmt::Debug for Entry {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Entry")
            .field("code", &self.code)
            .field("status", &self.status)
            .field("template", &self.template)
            .field("more_templates", &self.more_templates)
            .field("link", &self.link)
            .field("lang", &self.lang)
            .field("translations", &self.translations)
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

/// 128-bit FNV-1a of a code.
const fn code_key(bytes: &[u8]) -> u128 {
    let (mut hash, mut i, len) = (
        0x6c62_272e_07bb_0142_62b8_2175_6295_c58d_u128,
        0,
        bytes.len(),
    );
    while i < len {
        hash = (hash ^ bytes[i] as u128).wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
        i += 1;
    }
    hash
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
    table(&entries::<E>(), None)
}

/// [`markdown`] in language `lang`: each code's message in `lang` where it has
/// one, else its default message. Codes and statuses are the same in every
/// language; only the messages (and, for Swedish, the column names) change.
///
/// ```
/// use rest_error::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum MachineError {
///     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found",
///           msg(sv = "Datorn <0> hittades inte"))]
///     MachineNotFound(u64),
/// }
///
/// assert_eq!(
///     rest_error::catalog::markdown_in::<MachineError>("sv"),
///     "Felkod | HTTP-statuskod | Meddelande\n:--- | :--- | :---\n\
///      ResourceNotFound | Not Found (404) | Datorn {0} hittades inte\n",
/// );
/// ```
#[must_use]
pub fn markdown_in<E: Catalog + ?Sized>(lang: &str) -> String {
    table(&entries::<E>(), Some(lang))
}

/// The column names of the table in `lang`: Swedish as the reference page has
/// them, else English.
fn header_row(lang: Option<&str>) -> &'static str {
    let swedish = lang.is_some_and(|lang| {
        lang.eq_ignore_ascii_case("sv")
            || lang.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("sv-"))
    });
    if swedish {
        "Felkod | HTTP-statuskod | Meddelande\n:--- | :--- | :---\n"
    } else {
        "Error code | HTTP status code | Message\n:--- | :--- | :---\n"
    }
}

fn table(entries: &[Entry], lang: Option<&str>) -> String {
    let mut out = String::from(header_row(lang));
    for entry in entries {
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
        let template = lang.map_or(entry.template, |lang| entry.template_in(lang));
        template_cell(&mut out, template);
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
pub(crate) fn status_name(status: u16) -> &'static str {
    match status {
        400 => "BadRequest",
        _ => reason_phrase(status).unwrap_or(if status < 500 {
            "Client Error"
        } else {
            "Server Error"
        }),
    }
}

/// A template for a Markdown cell: the placeholders as the documents show them
/// ([`openapi::template_text`](crate::openapi::template_text): `<name>` becomes
/// `{name}`, since an HTML-looking tag would vanish when rendered, and `<<` a
/// literal `<`), then escaped for the cell: `<` and `>` as entities, `|` with a
/// backslash, line breaks as spaces.
fn template_cell(out: &mut String, template: &str) {
    for c in crate::openapi::template_text(template).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
}

/// The outcome of the compile-time check that a code keeps one status across a
/// type and its transparent members: [`check_catalog`]'s result, read by the
/// derive's expansion, which fails the build at the variant it names.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct CatalogCheck {
    /// The top-level node (variant) the conflict is reported at; `usize::MAX` when
    /// there is none.
    at: usize,
    message: [u8; MESSAGE_CAP],
    len: usize,
}

impl CatalogCheck {
    const OK: CatalogCheck = CatalogCheck {
        at: usize::MAX,
        message: [0; MESSAGE_CAP],
        len: 0,
    };

    /// Whether the conflict, if any, is to be reported at top-level node `node`.
    #[must_use]
    pub const fn conflict_at(&self, node: usize) -> bool {
        self.at == node
    }

    /// Whether there is a conflict at all.
    #[must_use]
    pub const fn is_conflict(&self) -> bool {
        self.at != usize::MAX
    }

    /// The conflict's message: the code, both statuses and where each comes from.
    #[must_use]
    pub const fn message(&self) -> &str {
        match core::str::from_utf8(self.message.split_at(self.len).0) {
            Ok(message) => message,
            Err(_) => "an error code is declared with two different statuses",
        }
    }
}

const MESSAGE_CAP: usize = 512;

/// Slots of the open-addressing table of codes seen so far: a power of two, and
/// more than any real table's codes (the largest known has 288). Past
/// three quarters full, further new codes are compared with a scan instead.
const SLOTS: usize = 4096;
const MAX_FILL: usize = SLOTS / 4 * 3;

/// A code seen so far: its status, and the top-level node it came from.
#[derive(Clone, Copy)]
struct Seen {
    entry: &'static Entry,
    node: usize,
    nested: bool,
}

/// Checks that one code has one status across `nodes` (a type's catalogue) and
/// everything it nests. Called by derived code in a `const`.
///
/// Each entry is looked up by its precomputed key in a hash table of the codes
/// seen before it, so the work is linear in the number of entries and small per
/// entry (a pairwise comparison made a service that nests a 300-code table four
/// times too slow to compile). Two entries are the same code when their 128-bit
/// keys are equal; with different statuses the codes themselves are compared
/// before a conflict is reported. A conflict is reported at the transparent
/// member that brings it (the later one when both sides come through members).
///
/// In const evaluation every call is a frame of its own and copies what it
/// returns, so the walk keeps calls and return values small: `len()` is read
/// once per slice, and a step returns only whether it found a conflict.
#[doc(hidden)]
#[must_use]
// The table lives in const evaluation (the derive calls this in a `const`), not
// on a thread's stack; only the unit tests run it at run time.
#[allow(clippy::large_stack_arrays)]
pub const fn check_catalog(nodes: &'static [Node]) -> CatalogCheck {
    let mut table = Table {
        slots: [None; SLOTS],
        filled: 0,
        all: nodes,
        conflict: None,
    };
    let (mut node, len) = (0, nodes.len());
    while node < len {
        let found = match &nodes[node] {
            Node::Entry(entry) => table.see(entry, node, false),
            Node::Nested(nested) => table.see_all(nested, node),
        };
        if found {
            break;
        }
        node += 1;
    }
    match table.conflict {
        Some((seen, this)) => conflict(seen, this),
        None => CatalogCheck::OK,
    }
}

struct Table {
    slots: [Option<Seen>; SLOTS],
    filled: usize,
    /// The whole catalogue, scanned for codes that no longer fit in `slots`.
    all: &'static [Node],
    /// The first conflict found: the earlier entry, then the later one.
    conflict: Option<(Seen, Seen)>,
}

impl Table {
    const fn see_all(&mut self, nested: &'static [Node], node: usize) -> bool {
        let (mut i, len) = (0, nested.len());
        while i < len {
            let found = match &nested[i] {
                Node::Entry(entry) => self.see(entry, node, true),
                Node::Nested(inner) => self.see_all(inner, node),
            };
            if found {
                return true;
            }
            i += 1;
        }
        false
    }

    /// Records `entry` of top-level node `node`; `true` when it conflicts with a
    /// code seen before (kept in `self.conflict`).
    const fn see(&mut self, entry: &'static Entry, node: usize, nested: bool) -> bool {
        let mut slot = (entry.key as usize) & (SLOTS - 1);
        loop {
            match &self.slots[slot] {
                Some(seen) if seen.entry.key == entry.key => {
                    if seen.entry.status == entry.status {
                        return false;
                    }
                    // Different statuses: certainly a conflict once the codes
                    // themselves agree; otherwise two codes share a key.
                    if str_eq(seen.entry.code, entry.code) {
                        self.conflict = Some((
                            *seen,
                            Seen {
                                entry,
                                node,
                                nested,
                            },
                        ));
                        return true;
                    }
                    slot = (slot + 1) & (SLOTS - 1);
                }
                Some(_) => slot = (slot + 1) & (SLOTS - 1),
                None if self.filled < MAX_FILL => {
                    self.slots[slot] = Some(Seen {
                        entry,
                        node,
                        nested,
                    });
                    self.filled += 1;
                    return false;
                }
                // Full: compare with every entry before this one instead.
                None => {
                    self.conflict = scan(
                        self.all,
                        Seen {
                            entry,
                            node,
                            nested,
                        },
                    );
                    return self.conflict.is_some();
                }
            }
        }
    }
}

/// The first entry before `this` (in walk order) with its code and another status.
const fn scan(nodes: &'static [Node], this: Seen) -> Option<(Seen, Seen)> {
    let (mut node, len) = (0, nodes.len());
    while node < len && node <= this.node {
        let found = match &nodes[node] {
            Node::Entry(entry) => scan_entry(entry, node, false, this),
            Node::Nested(nested) => scan_nested(nested, node, this),
        };
        if found.is_some() {
            return found;
        }
        node += 1;
    }
    None
}

const fn scan_nested(nested: &'static [Node], node: usize, this: Seen) -> Option<(Seen, Seen)> {
    let (mut i, len) = (0, nested.len());
    while i < len {
        let found = match &nested[i] {
            Node::Entry(entry) => scan_entry(entry, node, true, this),
            Node::Nested(inner) => scan_nested(inner, node, this),
        };
        if found.is_some() {
            return found;
        }
        i += 1;
    }
    None
}

const fn scan_entry(
    entry: &'static Entry,
    node: usize,
    nested: bool,
    this: Seen,
) -> Option<(Seen, Seen)> {
    if entry.key == this.entry.key
        && entry.status != this.entry.status
        && str_eq(entry.code, this.entry.code)
    {
        return Some((
            Seen {
                entry,
                node,
                nested,
            },
            this,
        ));
    }
    None
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let len = a.len();
    if len != b.len() {
        return false;
    }
    let mut i = 0;
    while i < len {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The check's result for a conflict between `seen` (earlier) and `this`: the
/// message names the code and both statuses, each with where it comes from, and
/// it is reported at the transparent member involved (the later one if both are).
const fn conflict(seen: Seen, this: Seen) -> CatalogCheck {
    let at = if this.nested { this.node } else { seen.node };
    // The type's own status first, when one side is its own.
    let (first, second) = if seen.nested && !this.nested {
        (this, seen)
    } else {
        (seen, this)
    };
    let mut check = CatalogCheck {
        at,
        message: [0; MESSAGE_CAP],
        len: 0,
    };
    check.push("error code `");
    check.push(this.entry.code);
    check.push("` has status ");
    check.push_status(first.entry.status);
    check.push(if first.nested {
        " in a transparent member"
    } else {
        " in this type"
    });
    check.push(" but status ");
    check.push_status(second.entry.status);
    check.push(match (first.nested, second.nested) {
        (true, true) => " in another transparent member",
        (false, true) => " in a transparent member",
        _ => " in this type",
    });
    check.push("; a code must always have the same HTTP status");
    check
}

impl CatalogCheck {
    const fn push(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut i = 0;
        // Codes are ASCII, so a cut never splits a character.
        while i < bytes.len() && self.len < MESSAGE_CAP {
            self.message[self.len] = bytes[i];
            self.len += 1;
            i += 1;
        }
    }

    const fn push_status(&mut self, status: u16) {
        // Written digit by digit: any u16 from a hand-written catalogue.
        let mut digits = [0u8; 5];
        let mut n = status;
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        if let Ok(s) = core::str::from_utf8(digits.split_at(start).1) {
            self.push(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Entry, Node, check_catalog, status_name, template_cell};

    fn leak<T>(items: Vec<T>) -> &'static [T] {
        Vec::leak(items)
    }

    fn entry(code: &str, status: u16) -> Node {
        Node::Entry(Entry::new(String::leak(code.to_owned()), status, ""))
    }

    /// `n` distinct codes `code{i}` with status 400, as one nested member.
    fn member(n: usize, prefix: &str) -> Node {
        Node::Nested(leak(
            (0..n)
                .map(|i| entry(&format!("{prefix}{i}"), 400))
                .collect(),
        ))
    }

    #[test]
    fn no_conflict_when_codes_agree() {
        let table = member(300, "code");
        let nodes = leak(vec![table, entry("own", 404), table, entry("code7", 400)]);
        assert!(!check_catalog(nodes).is_conflict());
    }

    #[test]
    fn conflict_is_reported_at_the_member_that_brings_it() {
        // An own entry first, then a member that disagrees: reported at the member.
        let nodes = leak(vec![entry("code3", 404), member(10, "code")]);
        let check = check_catalog(nodes);
        assert!(check.conflict_at(1) && !check.conflict_at(0));
        assert_eq!(
            check.message(),
            "error code `code3` has status 404 in this type but status 400 in a transparent member; a code must always have the same HTTP status"
        );

        // A member first, then an own entry: still the member.
        let nodes = leak(vec![
            member(10, "code"),
            entry("x", 400),
            entry("code9", 500),
        ]);
        let check = check_catalog(nodes);
        assert!(check.conflict_at(0));
        assert!(
            check
                .message()
                .contains("status 500 in this type but status 400 in a transparent member")
        );

        // Two members, two levels deep: the later member.
        let deep = Node::Nested(leak(vec![Node::Nested(leak(vec![entry("code5", 503)]))]));
        let nodes = leak(vec![entry("a", 400), member(10, "code"), deep]);
        let check = check_catalog(nodes);
        assert!(check.conflict_at(2));
        assert!(check.message().contains(
            "status 400 in a transparent member but status 503 in another transparent member"
        ));
    }

    #[test]
    fn more_codes_than_the_table_holds_are_still_checked() {
        // 3,300 distinct codes overflow the hash table; the rest are scanned.
        let big = member(3300, "code");
        assert!(!check_catalog(leak(vec![big, entry("own", 400)])).is_conflict());
        let late = leak(vec![big, entry("code3299", 409)]);
        let check = check_catalog(late);
        assert!(check.conflict_at(0));
        assert!(
            check
                .message()
                .contains("`code3299` has status 409 in this type but status 400")
        );
        let nodes = leak(vec![big, member(1, "code3298")]);
        // `code32980` is new; no conflict.
        assert!(!check_catalog(nodes).is_conflict());
    }

    #[test]
    fn codes_that_share_a_key_are_told_apart() {
        // Two different codes forced onto one key: neither hides the other.
        let keyed = |code: &'static str, status| {
            Node::Entry(Entry {
                key: 7,
                ..Entry::new(code, status, "")
            })
        };
        let nodes = leak(vec![
            keyed("a", 400),
            Node::Nested(leak(vec![keyed("b", 404)])),
        ]);
        assert!(!check_catalog(nodes).is_conflict());
        let nodes = leak(vec![
            keyed("a", 400),
            Node::Nested(leak(vec![keyed("b", 404), keyed("b", 409)])),
        ]);
        let check = check_catalog(nodes);
        assert!(check.conflict_at(1));
        assert!(check.message().starts_with("error code `b` has status 404"));
    }

    #[test]
    fn any_status_is_written_whole() {
        let nodes = leak(vec![
            entry("c", 7),
            Node::Nested(leak(vec![entry("c", 65535)])),
        ]);
        assert!(
            check_catalog(nodes)
                .message()
                .contains("status 7 in this type but status 65535")
        );
    }

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
