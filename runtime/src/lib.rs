//! Turn a service's error enum into correct, documented REST API error responses.
//!
//! Every failure is answered with one JSON envelope, in the style of the
//! Microsoft 365 Defender (Threat Protection) REST API:
//!
//! ```json
//! {"error": {"code": "ResourceNotFound", "message": "Machine 123123123 was not found", "target": "43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}
//! ```
//!
//! `code` is stable and machine-readable and fixes the HTTP status; `message` is
//! free text for people; `target` is a unique correlation id per error response,
//! which a caller quotes to support.
//!
//! # Example
//!
//! ```
//! use rest_error::{ApiError, CorrelationId};
//!
//! #[derive(Debug, ApiError)]
//! enum MachineError {
//!     #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
//!     MachineNotFound(u64),
//!     #[api(status = 400, msg = "Maximum batch size exceeded. Received: <received>, allowed: <allowed>.")]
//!     MaximumBatchSizeExceeded { received: usize, allowed: usize },
//!     #[api(status = 503)]
//!     Unavailable,
//! }
//!
//! let err = MachineError::MachineNotFound(123123123);
//! assert_eq!(err.code(), "ResourceNotFound");
//! assert_eq!(err.status(), 404);
//! assert_eq!(err.message().to_string(), "Machine 123123123 was not found");
//!
//! let id = CorrelationId::parse("43f4cb08-8fac-4b65-9db1-745c2ae65f3a")?;
//! assert_eq!(
//!     serde_json::to_string(&err.envelope_with_target(id))?,
//!     r#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#,
//! );
//!
//! // Without a target, each envelope gets a fresh UUID v4.
//! let envelope = MachineError::Unavailable.envelope();
//! assert_eq!(envelope.target().as_str().len(), 36);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The `#[api(...)]` attribute
//!
//! | where | key | meaning |
//! |---|---|---|
//! | variant, struct | `code = "InvalidUrl"` | the error code; defaults to the variant's (struct's) name, in the enum's `rename_all` case; must match `[A-Za-z][A-Za-z0-9_.-]*` |
//! | variant, struct | `status = 400` | the HTTP status, `400..=599`; required unless the enum gives a default |
//! | enum | `status = 400` | the default status of variants that don't give their own |
//! | variant, struct | `msg = "URL <0> is invalid."` | the message template; without it, the status's reason phrase ("Not Found") |
//! | variant, struct | `header("Retry-After", "<secs>")` | an extra response header, its value a template like `msg`; repeatable |
//! | enum | `header("Cache-Control", "no-store")` | a header every variant sends, unless it has its own header of that name (case-insensitive) or, when transparent, its member sends one; its value names no field |
//! | enum | `rename_all = "snake_case"` | the case of codes derived from variant names: `lowercase`, `UPPERCASE`, `PascalCase`, `camelCase`, `snake_case`, `SCREAMING_SNAKE_CASE`, `kebab-case`, `SCREAMING-KEBAB-CASE`; an explicit `code` wins |
//! | variant, struct | `link = "https://…"` | the code's documentation page: `ApiError::link`, the catalogue's `link`, a link in its Markdown table |
//! | enum, struct | `link_base = "https://…/"` | the link of every code without its own: base followed by the code |
//! | variant, struct | `transparent` | code, status, message, headers, link and sub-errors come from the field, itself a derived `ApiError` |
//! | field | `transparent` | in a transparent variant with more fields (context for logs), the one it forwards to |
//! | variant, struct | `transparent, code = "…", status = 500` | its own code, status (or the enum's) and `link`, the member's message, headers and sub-errors; one catalogue entry with the member's templates |
//! | variant | `transparent, from` | also generates `From<Field>`, so `?` converts |
//! | enum, struct | `display` | also implements `Display` (the message) and `std::error::Error` |
//! | field | `details` | the variant's sub-errors, the `details` array: a field whose `&T` iterates over `ErrorDetail` items (`Vec<SubError<E>>`, `Option<..>`, an array); one per variant, not in a transparent variant |
//! | variant, struct | `msg(sv = "Datorn <0> hittades inte", de = "…")` | the message in more languages, beside `msg = "…"`; a tag with a region as `pt_BR = "…"` (`_` for `-`) or `"pt-BR" = "…"`; see *Languages* below |
//! | enum, struct | `lang = "en"` | the language of the `msg` templates; `en` when absent |
//! | variant, struct | `grpc = "ALREADY_EXISTS"` | the gRPC code of the `tonic::Status` (feature `tonic`), a `google.rpc.Code` name; default: the code the HTTP status maps to (see the `grpc` module) |
//! | enum, struct | `domain = "inventory.example.com"` | `ErrorInfo.domain` of the `tonic::Status` (feature `tonic`); default: the name of the package that derives (its `CARGO_PKG_NAME`) |
//! | enum, struct | `crate = "my_sdk::rest_error"` | the path expansions reach the runtime at, for a crate that re-exports `rest-error`; default `::rest_error` |
//!
//! # Languages
//!
//! A message can be given in more languages beside the default, in the same
//! attribute: `msg = "..."` is the default (in the type's `lang`, `en` unless
//! `#[api(lang = "...")]` on the type says otherwise) and `msg(sv = "...", ...)`
//! adds translations. Codes, statuses, headers and links never change with the
//! language; only the message does.
//!
//! ```
//! use rest_error::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! enum MachineError {
//!     #[api(
//!         code = "ResourceNotFound",
//!         status = 404,
//!         msg = "Machine <0> was not found",
//!         msg(sv = "Datorn <0> hittades inte", de = "Gerät <0> wurde nicht gefunden")
//!     )]
//!     MachineNotFound(u64),
//! }
//!
//! let err = MachineError::MachineNotFound(7);
//! assert_eq!(err.languages(), ["en", "sv", "de"]);
//! // RFC 4647 lookup over the caller's `Accept-Language`, falling back to the default.
//! let lang = err.language_for("sv-SE, en;q=0.5");
//! assert_eq!(lang, "sv");
//! assert_eq!(err.message_in(lang).to_string(), "Datorn 7 hittades inte");
//! assert_eq!(err.language_for("sv;q=0, fr"), "en");
//! assert_eq!(err.message().to_string(), "Machine 7 was not found");
//! assert_eq!(err.code(), "ResourceNotFound");
//! ```
//!
//! Checked at compile time: every tag is a BCP 47 tag (`sv`, `pt-BR`,
//! `zh-Hant`), given once and not the default language; a translation writes
//! only fields the default `msg` writes, in the same form (`<0>`, `<0:?>` or a
//! join, whose separator may differ), so no language shows the caller more than
//! the default does; a variant with translations has a default `msg`; and a
//! transparent variant has none of its own (it takes its member's languages).
//! A translation costs a table of pre-escaped pieces; writing it allocates no
//! more than writing the default. [`lang`] parses `Accept-Language` and does the
//! lookup; [`catalog::markdown_in`] renders the table in one language.
//!
//! The library's own messages are in English and Swedish: [`CommonError`]
//! (`catalog::markdown_in::<CommonError>("sv")` is the reference page's Swedish
//! table with its machine translation corrected) and the web extractors'
//! rejections. Sub-errors in `details` are written in the response's language
//! where they have it ([`ErrorDetail::write_message_in`]), and a client reads
//! the language of a message from `Content-Language`
//! ([`ReceivedError::content_language`](client::ReceivedError::content_language)).
//!
//! Translations kept outside the code (files) are plugged into the web core as
//! a [`Localizer`](localizer::Localizer) (`WebSettings::localizer`): asked,
//! with the code, the language and the values the default template names (and
//! only those), for a language the error does not declare; the declaration
//! comes first. With the feature `fluent`, `fluent::FluentLocalizer` is one
//! over Fluent (`.ftl`) sources. See [`localizer`] for the rules and an example.
//!
//! # Details
//!
//! - **Templates.** `<0>`, `<1>` … write tuple fields, `<name>` named fields
//!   (`<type>` matches a field `r#type`), each with its `Display`. `<<` writes a
//!   literal `<`; a `>` outside a placeholder is literal. The message is written
//!   straight into the formatter, piece by piece: no intermediate `String`.
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(ApiError)]
//!   #[api(status = 400, msg = "Expected <<count> but got <count> (max <max>)")]
//!   struct Count { count: u32, max: u32 }
//!
//!   assert_eq!(Count { count: 3, max: 2 }.message().to_string(), "Expected <count> but got 3 (max 2)");
//!   ```
//!
//! - **Placeholder forms.** `<name:?>` writes the field with `Debug`. `<names:, >`
//!   writes a list (any field whose reference iterates over `Display` items) joined
//!   by the text between `:` and `>`. A field whose type is spelled `Option<..>`
//!   (decided by the type's name, so an alias of `Option` is not unwrapped) writes
//!   its value in any of these forms, or nothing when it is `None`. There is no
//!   expression language.
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(ApiError)]
//!   #[api(status = 400, msg = "Unknown fields <names:, > in <query:?><hint>")]
//!   struct UnknownFields { names: Vec<String>, query: String, hint: Option<String> }
//!
//!   let err = UnknownFields { names: vec!["a".into(), "b".into()], query: "q".into(), hint: None };
//!   assert_eq!(err.message().to_string(), r#"Unknown fields a, b in "q""#);
//!   ```
//!
//! - **Braces.** `{` and `}` are plain text, except that `{{` and `}}` write one
//!   brace and that a `{0}` or `{name}` naming a field is a compile error: it is a
//!   thiserror-style placeholder left over from a port, which would otherwise be
//!   sent as it is. Write `<name>` for the field, `{{name}}` for the text `{name}`.
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(ApiError)]
//!   #[api(status = 400, msg = "Expected {{id}} or {json}, got <id>")]
//!   struct Shape { id: u32 }
//!
//!   assert_eq!(Shape { id: 7 }.message().to_string(), "Expected {id} or {json}, got 7");
//!   ```
//!
//!   ```compile_fail
//!   # use rest_error::ApiError;
//!   #[derive(ApiError)]
//!   #[api(status = 400, msg = "Machine {id} was not found")] // write <id>
//!   struct NotFound { id: u32 }
//!   ```
//!
//! - **Code naming and links.** `rename_all` on the enum sets the case of the
//!   codes that come from variant names (an explicit `code` wins); codes may hold
//!   `-` for kebab-case tables. `link` on a variant, or `link_base` on the type
//!   followed by the code, is the code's documentation page: [`ApiError::link`]
//!   (RFC 9457 problem+json uses it as `type`), [`catalog::Entry::link`] and a
//!   link in the Markdown table.
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(Debug, ApiError)]
//!   #[api(rename_all = "snake_case", link_base = "https://docs.example.com/errors/")]
//!   enum SearchError {
//!       #[api(status = 404, msg = "Index `<0>` not found.")]
//!       IndexNotFound(String),
//!       #[api(code = "invalid_api_key", status = 403, link = "https://docs.example.com/keys")]
//!       InvalidApiKey,
//!   }
//!
//!   let err = SearchError::IndexNotFound("movies".into());
//!   assert_eq!(err.code(), "index_not_found");
//!   assert_eq!(err.link(), Some("https://docs.example.com/errors/index_not_found"));
//!   assert_eq!(SearchError::InvalidApiKey.link(), Some("https://docs.example.com/keys"));
//!   ```
//!
//! - **Headers on the type.** `header(...)` on the enum is sent by every variant
//!   that has no header of that name itself (names compare case-insensitively), and
//!   by a transparent variant whose member sends none. Its value names no field,
//!   since not every variant has it. A header rest-error sets itself
//!   (`content-type`, `content-length`, `transfer-encoding`, and the default
//!   settings' `x-request-id` and `x-ms-error-code`) is refused at compile time,
//!   on the type or a variant, pointing at its name: the web layer would drop it.
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(Debug, ApiError)]
//!   #[api(status = 503, header("Retry-After", "60"))]
//!   enum Busy {
//!       Overloaded,
//!       #[api(header("Retry-After", "<0>"))]
//!       Throttled(u32),
//!   }
//!
//!   let mut sent = Vec::new();
//!   Busy::Throttled(5).headers(&mut |name, value| sent.push(format!("{name}: {value}")));
//!   Busy::Overloaded.headers(&mut |name, value| sent.push(format!("{name}: {value}")));
//!   assert_eq!(sent, ["Retry-After: 5", "Retry-After: 60"]);
//!   ```
//!
//! - **Transparent with context.** A transparent variant may carry more fields
//!   than the error it forwards to (context for logs, never sent): mark the
//!   source `#[api(transparent)]`. With `code` (and `status`, or the enum's
//!   default, and optionally `link`) it answers with its own code and status but
//!   the member's message, headers and sub-errors; its catalogue entry is its own
//!   code with the member's templates (the first as `template`, the rest in
//!   `more_templates`), and the member's codes are not listed for it.
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(Debug, ApiError)]
//!   #[api(status = 404)]
//!   enum Lookup {
//!       #[api(msg = "Document <0> not found")]
//!       DocumentNotFound(u64),
//!   }
//!
//!   #[derive(Debug, ApiError)]
//!   enum ServiceError {
//!       #[api(transparent)]
//!       Search { #[api(transparent)] source: Lookup, query: String },
//!       #[api(transparent, code = "server_error", status = 500)]
//!       Internal(Lookup),
//!   }
//!
//!   let err = ServiceError::Internal(Lookup::DocumentNotFound(7));
//!   assert_eq!((err.code(), err.status()), ("server_error", 500));
//!   assert_eq!(err.message().to_string(), "Document 7 not found");
//!   let search = ServiceError::Search { source: Lookup::DocumentNotFound(7), query: "q".into() };
//!   assert_eq!(search.code(), "DocumentNotFound");
//!   ```
//!
//! - **Many variants, one code.** Variants may share a code (with one status);
//!   the catalogue keeps one entry for it, the first variant's template as
//!   `template` and the others in `more_templates`, and the Markdown table shows
//!   them all in the code's row.
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(Debug, ApiError)]
//!   #[api(status = 400)]
//!   enum Uid {
//!       #[api(code = "invalid_index_uid", msg = "Uid <0> is invalid")]
//!       Invalid(String),
//!       #[api(code = "invalid_index_uid", msg = "Uid is empty")]
//!       Empty,
//!   }
//!
//!   let entries = rest_error::catalog::<Uid>();
//!   assert_eq!(entries.len(), 1);
//!   assert_eq!(entries[0].template, "Uid <0> is invalid");
//!   assert_eq!(entries[0].more_templates.to_vec(), ["Uid is empty"]);
//!   # let _ = (Uid::Invalid(String::new()), Uid::Empty);
//!   ```
//!
//! - **Codes chosen at run time.** A hand-written [`ApiError`] (a code from data,
//!   an errno mapping) is answered like a derived one. To give it a catalogue,
//!   implement [`Catalog`] by hand, listing every code it can answer with:
//!
//!   ```
//!   use core::fmt;
//!   use rest_error::catalog::{Entry, Node};
//!   use rest_error::{ApiError, Catalog, MessageWriter};
//!
//!   struct Errno(i32);
//!
//!   impl ApiError for Errno {
//!       fn code(&self) -> &'static str {
//!           match self.0 { 2 => "not_found", 13 => "permission_denied", _ => "io_error" }
//!       }
//!       fn status(&self) -> u16 {
//!           match self.0 { 2 => 404, 13 => 403, _ => 500 }
//!       }
//!       fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
//!           w.text("I/O error ")?;
//!           w.field(&self.0)
//!       }
//!   }
//!
//!   const fn row(code: &'static str, status: u16) -> Node {
//!       Node::Entry(Entry::new(code, status, "I/O error <0>"))
//!   }
//!
//!   impl Catalog for Errno {
//!       const CATALOG: &'static [Node] =
//!           &[row("not_found", 404), row("permission_denied", 403), row("io_error", 500)];
//!   }
//!
//!   assert_eq!(rest_error::catalog::<Errno>().len(), 3);
//!   assert_eq!(Errno(13).code(), "permission_denied");
//!   ```
//!
//!   Such a type can then be a transparent member of a derived enum, whose
//!   catalogue lists its codes in place.
//!
//! - **Field values are data.** A value holding `<0>`, quotes, backslashes,
//!   newlines, control characters or any Unicode is written verbatim and escaped
//!   by the JSON writer; only the template is ever interpreted.
//!
//! - **Only the template reaches the caller.** Fields not named in `msg` never
//!   appear in the response, which is how internal causes stay internal:
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(Debug, ApiError)]
//!   enum StoreError {
//!       #[api(code = "InternalServerError", status = 500, msg = "Please retry.")]
//!       Database { cause: String },
//!   }
//!
//!   let err = StoreError::Database { cause: "password=hunter2".into() };
//!   assert!(!err.envelope().to_json().contains("hunter2"));
//!   ```
//!
//! - **Defaults.** A status on the enum is the default for its variants; a
//!   variant without `code` uses its name; without `msg`, the reason phrase.
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(ApiError)]
//!   #[api(status = 400)]
//!   enum Validation {
//!       EmptyName,
//!       #[api(msg = "Name <0> is too long")]
//!       NameTooLong(String),
//!       #[api(status = 422)]
//!       Unprocessable,
//!   }
//!
//!   assert_eq!(Validation::EmptyName.code(), "EmptyName");
//!   assert_eq!(Validation::EmptyName.message().to_string(), "Bad Request");
//!   assert_eq!(Validation::Unprocessable.message().to_string(), "Unprocessable Content");
//!   ```
//!
//! - **Structs** take the attribute on the type.
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(ApiError)]
//!   #[api(code = "InvalidUrl", status = 400, msg = "URL <0> is invalid.")]
//!   struct InvalidUrl(String);
//!
//!   assert_eq!(InvalidUrl("ftp://x".into()).message().to_string(), "URL ftp://x is invalid.");
//!   ```
//!
//! - **Composition.** `#[api(transparent)]` on a variant with exactly one field
//!   forwards code, status and message to that field. With `from` it also
//!   generates the `From` impl, so `?` converts; plain `transparent` does not, so
//!   it never clashes with thiserror's `#[from]` on the same type.
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(Debug, ApiError)]
//!   #[api(code = "InvalidUrl", status = 400, msg = "URL <0> is invalid.")]
//!   struct InvalidUrl(String);
//!
//!   #[derive(Debug, ApiError)]
//!   enum ServiceError {
//!       #[api(transparent, from)]
//!       Url(InvalidUrl),
//!       #[api(status = 409, msg = "Machine <0> is busy")]
//!       Busy(u64),
//!   }
//!
//!   fn parse(url: &str) -> Result<(), InvalidUrl> { Err(InvalidUrl(url.into())) }
//!   fn handler() -> Result<(), ServiceError> { parse("x")?; Ok(()) }
//!
//!   let err = handler().unwrap_err();
//!   assert_eq!((err.code(), err.status()), ("InvalidUrl", 400));
//!   ```
//!
//! - **`Display` is yours.** The derive implements neither `Display` nor
//!   `std::error::Error` unless asked, so it sits beside `#[derive(thiserror::Error)]`
//!   on one type: `Display` stays the internal text for logs, the API message is
//!   separate. A type without thiserror asks with `#[api(display)]`; then `Display`
//!   writes the public message and `std::error::Error` is implemented (it needs
//!   `Debug`).
//!
//!   ```
//!   # use rest_error::ApiError;
//!   #[derive(Debug, ApiError)]
//!   #[api(display)]
//!   enum Public {
//!       #[api(status = 404, msg = "Resource <0> was not found.")]
//!       ResourceNotFound(String),
//!   }
//!
//!   let err: Box<dyn std::error::Error> = Box::new(Public::ResourceNotFound("m".into()));
//!   assert_eq!(err.to_string(), "Resource m was not found.");
//!   ```
//!
//! - **Sub-errors.** A field marked `#[api(details)]` fills [`ApiError::details`],
//!   written as the envelope's `details` array (see [`detail`]). Its type is anything
//!   whose reference iterates over [`ErrorDetail`] items: `Vec<SubError<E>>`, a
//!   slice, an array, an `Option`. A transparent variant forwards the inner error's
//!   sub-errors. [`catalog::detail_entries`] lists the codes they can carry.
//!
//!   ```
//!   # use rest_error::{ApiError, SubError};
//!   #[derive(Debug, ApiError)]
//!   enum FieldError {
//!       #[api(code = "InvalidInput", status = 400, msg = "Must not be empty")]
//!       Empty,
//!   }
//!
//!   #[derive(Debug, ApiError)]
//!   #[api(code = "InvalidInput", status = 400, msg = "<0> fields are invalid")]
//!   struct Invalid(usize, #[api(details)] Vec<SubError<FieldError>>);
//!
//!   let err = Invalid(1, vec![SubError::new(FieldError::Empty, "computerDnsName")]);
//!   assert!(err.envelope().to_json().contains(
//!       r#""details":[{"code":"InvalidInput","message":"Must not be empty","target":"computerDnsName"}]"#
//!   ));
//!   ```
//!
//! - **Re-exports.** A crate that re-exports `rest-error` and lets its users derive
//!   through it names its path with `#[api(crate = "my_sdk::rest_error")]`
//!   (serde's `crate` key); every expansion then goes through that path.
//!
//! - **Generics.** Fields that the message writes get a `Display` bound, fields
//!   a transparent variant forwards to an `ApiError` bound, only when their type
//!   mentions a type parameter. Lifetimes, const generics, where-clauses,
//!   `#[non_exhaustive]` and `#[deprecated]` variants and enums of thousands of
//!   variants all work.
//!
//! - **Correlation ids.** [`CorrelationId::new`] is a random UUID v4;
//!   [`CorrelationId::parse`] takes an id from outside (an `x-request-id` header)
//!   and accepts only 1 to 128 visible ASCII characters, because the id is echoed
//!   into headers and logs.
//!
//! - **No allocation.** Serializing an envelope into a reused `Vec<u8>` allocates
//!   nothing once the thread is warmed up, with a given target or a fresh one
//!   (`tests/test_alloc.rs` proves it with a counting allocator).
//!
//! - **Compile-time checks.** Every mistake in an attribute is a compile error on
//!   the offending token, all of them in one build: a missing or out-of-range
//!   `status`, an unknown key (with the closest known one suggested), a duplicate
//!   key, a placeholder that names no field, an unterminated `<`, an empty `<>`, a
//!   malformed code or link, an unknown `rename_all` case, a `{name}` naming a
//!   field, `transparent` with `msg` or `header` or without one field to forward
//!   to, a misplaced `details`, a union, and one code declared with two different
//!   statuses.
//!   Every malformed placeholder of a template is reported, not only the first.
//!   Reported afterwards by rustc, once those are fixed: a field type without the
//!   `Display` (or `Debug` for `<x:?>`) its placeholder needs, at the template,
//!   naming the type and the trait.
//!
//!   ```compile_fail
//!   # use rest_error::ApiError;
//!   #[derive(ApiError)]
//!   enum Bad {
//!       #[api(status = 404, msg = "Machine <id> was not found")] // no field `id`
//!       MachineNotFound(u64),
//!   }
//!   ```
//!
//! # What else is here
//!
//! - [`CommonError`]: the documented codes (`BadRequest` … `InternalServerError`,
//!   plus `TooManyRequests`), ready to embed with `#[api(transparent, from)]`.
//! - [`catalog()`] and [`catalog::markdown`]: every code of a type with its status
//!   and template, and the documentation table made from them.
//! - [`Problem`]: the same error as an RFC 9457 `application/problem+json`
//!   document ([`ApiError::problem`]), with a direct writer and a serde path.
//! - [`ErrorResponse`] and [`CommonCode`]: the client side (module [`client`]),
//!   parsing envelopes and RFC 9457 problem documents a server sent, and
//!   matching on codes while staying forward-compatible.
//!   [`ErrorResponse::from_parts`] reads any response (status, headers, body)
//!   as a [`ReceivedError`], even a gateway's HTML page. `CommonError` and
//!   `CommonCode` are generated from one table of codes, which also holds the
//!   codes the library sends on its own (`RequestBodyTooLarge`).
//! - With the `axum` or `actix-web` feature: `rest_error::axum` and
//!   `rest_error::actix`, where every derived type is a handler's error response,
//!   a middleware gives each request one correlation id, and a `Json` extractor
//!   answers bad bodies with the documented codes. Each error response is logged
//!   once with `tracing`. Both take one configuration value,
//!   `rest_error::web::WebSettings`; each request gets the envelope or, when its
//!   `Accept` asks for it, problem+json or a service's own format
//!   (`rest_error::web::ErrorFormat`).

#![forbid(unsafe_code)]
// docs.rs builds with `--cfg docsrs` on nightly: feature-gated items then say
// which feature they need (`.ci/docsrs-marks` checks each carries its mark).
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]
#![warn(clippy::pedantic)]

// Lets the crate's own code (CommonError, tests) use the derive, whose expansion names `::rest_error`.
extern crate self as rest_error;

pub mod catalog;
pub mod client;
mod codes;
mod common;
pub mod detail;
mod envelope;
#[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
#[cfg(feature = "fluent")]
pub mod fluent;
#[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
#[cfg(feature = "tonic")]
pub mod grpc;
mod headers;
mod id;
pub mod lang;
pub mod localizer;
mod message;
pub mod openapi;
#[cfg_attr(docsrs, doc(cfg(feature = "opentelemetry")))]
#[cfg(feature = "opentelemetry")]
pub mod otel;
#[doc(hidden)]
pub mod private;
mod problem;
mod status;
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "axum", feature = "actix-web", feature = "tonic")))
)]
#[cfg(feature = "__web")]
// With `tonic` alone, the HTTP half of the core (bodies, formats) is unused.
#[cfg_attr(
    not(any(feature = "axum", feature = "actix-web")),
    allow(dead_code, unused_imports)
)]
pub mod web;

use core::fmt;

pub use catalog::Catalog;
pub use client::{CommonCode, ErrorBody, ErrorResponse, ReceivedError};
pub use common::CommonError;
pub use detail::{ErrorDetail, SubError};
pub use envelope::Envelope;
pub use id::{CorrelationId, InvalidCorrelationId};
pub use message::{LocalizedMessage, Message, MessageWriter};
pub use problem::Problem;
pub use rest_error_derive::ApiError;
pub use status::reason_phrase;
#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub use web::actix;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub use web::axum;

/// Everything the derive's expansion names goes through this module, so a user
/// crate needs no direct dependency on `core` paths or on serde. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::private::*;
}

/// Every entry of `E`'s catalogue: code, status and message template, in
/// declaration order, transparent members flattened in place, each code once.
///
/// See [`catalog::markdown`] for the documentation table.
#[must_use]
pub fn catalog<E: Catalog + ?Sized>() -> Vec<catalog::Entry> {
    catalog::entries::<E>()
}

/// An error that is answered to an API caller as `{"error":{"code","message","target"}}`.
///
/// Usually derived, see the [crate docs](crate). It is dyn-compatible:
/// `Box<dyn ApiError>` and `&dyn ApiError` have every method.
pub trait ApiError: private::AsDynApiError {
    /// The stable, machine-readable error code, for example `"ResourceNotFound"`.
    fn code(&self) -> &'static str;

    /// The HTTP status that belongs to the code, in `400..=599`.
    fn status(&self) -> u16;

    /// Writes the public message for the caller, piece by piece.
    ///
    /// # Errors
    /// Only when the output fails.
    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result;

    /// Calls `header` with each extra HTTP response header this error carries, such
    /// as `Retry-After`. None by default; the derive writes it from
    /// `#[api(header("Name", "template"))]`.
    fn headers(&self, header: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        let _ = header;
    }

    /// Calls `detail` with each sub-error this error carries, in order: the
    /// `OData` `details` array (see [`detail`]). None by default; the derive writes
    /// it from a field marked `#[api(details)]`.
    fn details(&self, detail: &mut dyn FnMut(&dyn ErrorDetail)) {
        let _ = detail;
    }

    /// The documentation page of this error's code, if it has one: from
    /// `#[api(link = "...")]`, or the type's `#[api(link_base = "...")]` followed
    /// by the code. RFC 9457 problem+json uses it as `type`. None by default.
    fn link(&self) -> Option<&'static str> {
        None
    }

    /// The public message; its `Display` writes it without allocating.
    fn message(&self) -> Message<'_> {
        Message(self.as_dyn_api_error())
    }

    /// The languages this error's message can be written in, its default first:
    /// the type's `#[api(lang = "...")]` (`en` when absent), then each language
    /// of the variant's `msg(sv = "...", ...)`. `["en"]` by default.
    fn languages(&self) -> &'static [&'static str] {
        &["en"]
    }

    /// Writes the message in `lang` when it is one of [`languages`](Self::languages)
    /// (compared case-insensitively), else the default message, as
    /// [`write_message`](Self::write_message) does. By default, always the latter.
    ///
    /// # Errors
    /// Only when the output fails.
    fn write_message_in(&self, lang: &str, w: &mut MessageWriter<'_>) -> fmt::Result {
        let _ = lang;
        self.write_message(w)
    }

    /// Calls `value` with each value the default `msg` template names, once per
    /// field in template order: the placeholder's name (`"0"` for `<0>`, `"name"`
    /// for `<name>` or `<r#name>`) and the value written as the template writes it
    /// (`Display`, `Debug` for `<name:?>`, a list joined with the template's
    /// separator; an `Option` that is `None` writes nothing). A transparent
    /// variant calls it with its member's values. By default, the values a
    /// derived [`write_message`](Self::write_message) hands over (a hand-written
    /// one hands over none); the derive adds the rest.
    ///
    /// This is all a [`Localizer`](localizer::Localizer) is given, so a message
    /// from outside the declaration shows the caller nothing the default message
    /// does not.
    ///
    /// ```
    /// use rest_error::ApiError;
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api(status = 409, msg = "Machine <machine> is held by <owner:?>")]
    /// struct Held {
    ///     machine: u64,
    ///     owner: String,
    ///     ticket: String, // not in the template: never a value
    /// }
    ///
    /// let err = Held { machine: 7, owner: "ops".into(), ticket: "INC-1".into() };
    /// let mut values = Vec::new();
    /// err.message_values(&mut |name, value| values.push(format!("{name}={value}")));
    /// assert_eq!(values, ["machine=7", r#"owner="ops""#]);
    /// ```
    fn message_values(&self, value: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        // A derived message's fields written with `Display` come from
        // `write_message` itself (one match on the variant, not two).
        let _ = self.write_message(&mut MessageWriter::new(message::Out::Values(value)));
    }

    /// The language of [`languages`](Self::languages) that an `Accept-Language`
    /// header value picks (see [`lang::lookup`]), else the default. Codes,
    /// statuses and headers never depend on it; only the message does.
    fn language_for(&self, accept_language: &str) -> &'static str {
        let languages = self.languages();
        let default = languages.first().copied().unwrap_or("en");
        if languages.len() < 2 {
            return default;
        }
        lang::lookup(accept_language, languages).unwrap_or(default)
    }

    /// The public message in `lang`, falling back to the default language; its
    /// `Display` writes it without allocating.
    fn message_in<'a>(&'a self, lang: &'a str) -> LocalizedMessage<'a> {
        LocalizedMessage {
            error: self.as_dyn_api_error(),
            lang,
        }
    }

    /// The JSON envelope of this error with a fresh correlation id.
    fn envelope(&self) -> Envelope<'_> {
        Envelope::new(self.as_dyn_api_error(), CorrelationId::new())
    }

    /// The JSON envelope of this error with the given correlation id as its `target`.
    fn envelope_with_target(&self, target: CorrelationId) -> Envelope<'_> {
        Envelope::new(self.as_dyn_api_error(), target)
    }

    /// The RFC 9457 problem details document (`application/problem+json`) of this
    /// error with a fresh correlation id as its `target`.
    fn problem(&self) -> Problem<'_> {
        Problem::new(self.as_dyn_api_error(), CorrelationId::new())
    }

    /// The RFC 9457 problem details document of this error with the given
    /// correlation id as its `target`.
    fn problem_with_target(&self, target: CorrelationId) -> Problem<'_> {
        Problem::new(self.as_dyn_api_error(), target)
    }
}

/// A boxed error answers as the error inside, so a service can hold errors
/// whose type is chosen at run time as `Box<dyn ApiError + Send + Sync>`, and
/// answer them on either framework as `ApiResponse<Box<dyn ApiError + Send + Sync>>`.
///
/// ```
/// use rest_error::{ApiError, CommonError};
///
/// let err: Box<dyn ApiError + Send + Sync> = Box::new(CommonError::Forbidden);
/// assert_eq!((err.code(), err.status()), ("Forbidden", 403));
/// assert_eq!(ApiError::code(&err), "Forbidden"); // the Box itself is an ApiError
/// ```
impl<E: ApiError + ?Sized> ApiError for Box<E> {
    fn code(&self) -> &'static str {
        (**self).code()
    }

    fn status(&self) -> u16 {
        (**self).status()
    }

    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
        (**self).write_message(w)
    }

    fn headers(&self, header: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        (**self).headers(header);
    }

    fn details(&self, detail: &mut dyn FnMut(&dyn ErrorDetail)) {
        (**self).details(detail);
    }

    fn link(&self) -> Option<&'static str> {
        (**self).link()
    }

    fn languages(&self) -> &'static [&'static str] {
        (**self).languages()
    }

    fn write_message_in(&self, lang: &str, w: &mut MessageWriter<'_>) -> fmt::Result {
        (**self).write_message_in(lang, w)
    }
    fn message_values(&self, value: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        (**self).message_values(value);
    }
}

// Keeps the README's example honest: it runs as a doctest of this crate.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
