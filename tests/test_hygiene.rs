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
}

#[derive(::rest_error::ApiError)]
#[api(status = 400, msg = "<0> <1>")]
struct Tuple(u8, u8);

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
}
