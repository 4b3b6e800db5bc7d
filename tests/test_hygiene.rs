//! The expansion names only `::core` and `::rest_error::__private`, so a user crate
//! may shadow anything (serde's test_gen.rs idea).

#![allow(dead_code, non_camel_case_types, clippy::upper_case_acronyms)]
#![no_implicit_prelude]

extern crate rest_error as renamed;
extern crate std;

// Shadow what an unhygienic expansion might reach for.
struct Result;
struct Option;
struct String;
struct Ok;
struct Err;
struct Some;
struct None;
struct Display;
struct Formatter;
struct ApiError;
struct u16;
mod core {}
mod serde {}
mod serde_json {}
mod fmt {}
mod std_ {}

// The runtime must still be reachable as `::rest_error`: a crate that renames it
// needs it under its own name too (see the crate docs).
extern crate rest_error;

#[derive(::core::fmt::Debug, ::rest_error::ApiError)]
#[api(display)]
enum Shadowed {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found"
    )]
    MachineNotFound(u64),
    #[api(status = 400, msg = "<__formatter> <self_>")]
    Named { __formatter: u8, self_: u8 },
    #[api(status = 500)]
    Internal,
    #[api(
        status = 400,
        msg = "<0> <1:?>",
        msg(sv = "<1:?> <0>", "pt-BR" = "<0>")
    )]
    Translated(u8, u8),
}

#[derive(::rest_error::ApiError)]
#[api(lang = "sv")]
#[api(status = 400, msg = "Fel", msg(en = "Wrong"))]
struct Swedish;

#[derive(::rest_error::ApiError)]
#[api(status = 400, msg = "<0> <1>")]
struct Tuple(u8, u8);

/// The newer forms: Debug, joined lists, `Option` fields (spelled out, since the
/// prelude's `Option` is shadowed here), sub-errors, links, type-level headers.
#[derive(::rest_error::ApiError)]
#[api(
    rename_all = "snake_case",
    link_base = "https://docs.example.com/",
    header("Cache-Control", "no-store")
)]
enum Newer {
    #[api(status = 400, msg = "<0:?> <1:, > <2>")]
    Forms(u8, ::std::vec::Vec<u8>, ::core::option::Option<u8>),
    #[api(status = 400)]
    Invalid(#[api(details)] ::std::vec::Vec<::rest_error::SubError<Tuple>>),
    #[api(transparent, code = "wrapped", status = 500)]
    Wrapped(#[api(transparent)] Tuple, u8),
}

#[test]
fn expands_with_everything_shadowed() {
    use ::rest_error::ApiError as _;
    use ::std::string::ToString as _;
    ::std::assert_eq!(Shadowed::MachineNotFound(1).code(), "ResourceNotFound");
    ::std::assert_eq!(
        Shadowed::Named {
            __formatter: 1,
            self_: 2
        }
        .message()
        .to_string(),
        "1 2"
    );
    ::std::assert_eq!(Shadowed::Internal.to_string(), "Internal Server Error");
    ::std::assert_eq!(Tuple(3, 4).message().to_string(), "3 4");
    let _ = renamed::CorrelationId::new();
    let forms = Newer::Forms(1, ::std::vec![2, 3], ::core::option::Option::Some(4));
    ::std::assert_eq!(forms.message().to_string(), "1 2, 3 4");
    ::std::assert_eq!(forms.code(), "forms");
    ::std::assert_eq!(
        forms.link(),
        ::core::option::Option::Some("https://docs.example.com/forms")
    );
    let _ = (
        Newer::Invalid(::std::vec::Vec::new()),
        Newer::Wrapped(Tuple(1, 2), 3),
    );
}
