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
