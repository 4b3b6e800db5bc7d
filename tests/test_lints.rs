//! The expansion must not trip lints in a user crate that turns many of them on.
//! `cargo clippy --all-targets -- -D warnings` in CI checks the clippy groups.

#![deny(
    warnings,
    missing_docs,
    unused_qualifications,
    deprecated,
    unreachable_pub,
    rust_2018_idioms,
    unused_results,
    trivial_casts,
    trivial_numeric_casts,
    unused_extern_crates,
    unsafe_code
)]
#![deny(clippy::pedantic, clippy::nursery, clippy::cargo_common_metadata)]
#![allow(clippy::cargo_common_metadata)] // the test package is not published
//! Lint test crate.

use rest_error::ApiError;

/// Errors with every kind of variant.
#[derive(Debug, ApiError)]
#[api(display)]
pub enum Linted<T> {
    /// Tuple.
    #[api(status = 404, msg = "Machine <0> was not found")]
    Tuple(u64),
    /// Named.
    #[api(status = 400, msg = "<received> > <allowed>")]
    Named {
        /// Received.
        received: usize,
        /// Allowed.
        allowed: usize,
    },
    /// Unit, deprecated.
    #[deprecated = "use Tuple"]
    #[api(status = 410)]
    Old,
    /// Transparent over a parameter.
    #[api(transparent, from)]
    Inner(T),
    /// Default message.
    #[api(status = 503)]
    Unit,
}

/// A struct.
#[derive(Debug, ApiError)]
#[api(status = 401, msg = "Unauthorized <_private>")]
pub struct Struct {
    _private: u8,
}

#[test]
fn linted() {
    let err: Linted<Struct> = Linted::Inner(Struct { _private: 1 });
    assert_eq!(err.status(), 401);
    assert_eq!(err.to_string(), "Unauthorized 1");
}
