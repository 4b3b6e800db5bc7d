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
    /// Translated, one field and several.
    #[api(
        status = 404,
        msg = "Machine <0> was not found",
        msg(sv = "Datorn <0> hittades inte", de = "Gerät")
    )]
    Translated(u64),
    /// Translated with formats.
    #[api(
        status = 400,
        msg = "<names:, > <first:?> <count>",
        msg(sv = "<count> <names: och > <first:?>")
    )]
    TranslatedNamed {
        /// Names.
        names: Vec<String>,
        /// First.
        first: String,
        /// Count.
        count: Option<u8>,
    },
}

/// A struct.
#[derive(Debug, ApiError)]
#[api(status = 401, msg = "Unauthorized <_private>")]
pub struct Struct {
    _private: u8,
}

/// Every newer attribute, so their expansions are linted too.
#[derive(Debug, ApiError)]
#[api(
    rename_all = "kebab-case",
    link_base = "https://docs.example.com/",
    header("Cache-Control", "no-store")
)]
pub enum Newer {
    /// Debug, joined, optional.
    #[api(status = 400, msg = "<0:?> <1:, > <2>")]
    Forms(Vec<u8>, Vec<String>, Option<u32>),
    /// Sub-errors.
    #[api(status = 400, link = "https://docs.example.com/invalid")]
    Invalid {
        /// The problems.
        #[api(details)]
        problems: Vec<rest_error::SubError<Struct>>,
    },
    /// Transparent with context and an override.
    #[api(transparent, code = "wrapped", status = 500)]
    Wrapped {
        /// Source.
        #[api(transparent)]
        source: Struct,
        /// Context.
        context: u8,
    },
    /// Same code as `Forms`: a many-to-one table.
    #[api(code = "forms", status = 400)]
    SameCode,
}

#[test]
fn newer() {
    let err = Newer::Forms(vec![1], vec!["a".into(), "b".into()], None);
    assert_eq!(err.message().to_string(), "[1] a, b ");
    assert_eq!(err.code(), "forms");
    assert_eq!(err.link(), Some("https://docs.example.com/forms"));
    let wrapped = Newer::Wrapped {
        source: Struct { _private: 2 },
        context: 3,
    };
    assert_eq!(wrapped.code(), "wrapped");
    if let Newer::Wrapped { context, .. } = wrapped {
        assert_eq!(context, 3);
    }
    let invalid = Newer::Invalid {
        problems: Vec::new(),
    };
    assert_eq!(invalid.code(), "invalid");
    assert_eq!(rest_error::catalog::<Newer>().len(), 3);
    assert_eq!(Newer::SameCode.status(), 400);
}

#[test]
fn linted() {
    let err: Linted<Struct> = Linted::Inner(Struct { _private: 1 });
    assert_eq!(err.status(), 401);
    assert_eq!(err.to_string(), "Unauthorized 1");
}

#[test]
fn message_values_are_linted_too() {
    let mut seen = Vec::new();
    let mut collect = |name: &'static str, value: &dyn core::fmt::Display| {
        seen.push(format!("{name}={value}"));
    };
    Newer::Forms(vec![1], vec!["a".into(), "b".into()], Some(3)).message_values(&mut collect);
    Linted::<Struct>::Inner(Struct { _private: 4 }).message_values(&mut collect);
    Linted::<Struct>::TranslatedNamed {
        names: vec!["x".into()],
        first: "y".into(),
        count: None,
    }
    .message_values(&mut collect);
    Linted::<Struct>::Unit.message_values(&mut collect);
    assert_eq!(
        seen,
        [
            "0=[1]",
            "1=a, b",
            "2=3",
            "_private=4",
            "names=x",
            r#"first="y""#,
            "count="
        ]
    );
}
