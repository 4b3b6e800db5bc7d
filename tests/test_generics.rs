//! Generic types: bounds are inferred only for fields that the message writes or
//! that a transparent variant forwards to.

use rest_error::ApiError;
use std::fmt::{self, Debug, Display};

#[derive(Debug, ApiError)]
enum Lookup<K, V> {
    // Should expand to: impl<K, V> ApiError for Lookup<K, V> where K: Display
    #[api(status = 404, msg = "Key <0> was not found")]
    Missing(K),
    // V is never written: no bound on V.
    #[api(status = 409)]
    Conflict(#[allow(dead_code)] V),
}

struct NotDisplay;

#[test]
fn bound_only_on_written_fields() {
    let err: Lookup<u32, NotDisplay> = Lookup::Missing(7);
    assert_eq!(err.message().to_string(), "Key 7 was not found");
    assert_eq!(
        Lookup::<u32, NotDisplay>::Conflict(NotDisplay).status(),
        409
    );
}

#[derive(ApiError)]
#[api(status = 400, msg = "Values <values>")]
struct Many<T>
where
    T: Clone,
{
    // Should expand to: where T: Clone, Joined<T>: Display
    values: Joined<T>,
}

struct Joined<T>(Vec<T>);

impl<T: Display> Display for Joined<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, value) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            Display::fmt(value, f)?;
        }
        Ok(())
    }
}

#[test]
fn bound_on_the_field_type_keeps_existing_where_clause() {
    let err = Many {
        values: Joined(vec![1, 2, 3]),
    };
    assert_eq!(err.message().to_string(), "Values 1, 2, 3");
}

#[derive(Debug, ApiError)]
#[api(display)]
enum Wrapper<E> {
    // Should expand to: where E: ApiError
    #[api(transparent)]
    Inner(E),
    #[api(status = 500, msg = "internal")]
    Internal,
}

#[derive(Debug, ApiError)]
#[api(status = 404, msg = "gone")]
struct Gone;

#[test]
fn transparent_over_a_type_parameter() {
    let err: Wrapper<Gone> = Wrapper::Inner(Gone);
    assert_eq!((err.code(), err.status()), ("Gone", 404));
    assert_eq!(err.to_string(), "gone");
    assert_eq!(Wrapper::<Gone>::Internal.status(), 500);
    // Display + Error come with the Debug bound on the whole type.
    fn assert_error<T: std::error::Error>(_: &T) {}
    assert_error(&err);
}

#[derive(ApiError)]
enum Borrowed<'a, T: ?Sized + Debug> {
    #[api(status = 400, msg = "bad <0>")]
    Bad(&'a str),
    #[api(status = 400)]
    Other(#[allow(dead_code)] &'a T),
}

#[test]
fn lifetimes_and_unsized_params() {
    let err: Borrowed<'_, [u8]> = Borrowed::Bad("input");
    assert_eq!(err.message().to_string(), "bad input");
    let other: Borrowed<'_, [u8]> = Borrowed::Other(&[1, 2][..]);
    assert_eq!(other.code(), "Other");
}

#[derive(ApiError)]
#[api(status = 400, msg = "<1> only")]
struct Const<const N: usize>([u8; N], &'static str);

#[test]
fn const_generics() {
    let err = Const([0; 3], "x");
    assert_eq!(err.message().to_string(), "x only");
    // Only field 1 is written; field 0 is an array, not Display, and needs no bound
    // because the template is what decides.
    let _ = &err.0;
    assert_eq!(Const::<2>([0; 2], "y").code(), "Const");
}

#[derive(ApiError)]
#[api(status = 400)]
enum Forms<D, J, O, S> {
    // Should expand to: where D: Debug, Vec<J>: WriteJoined, O: Display,
    // Vec<SubError<S>>: DetailItems + DetailCatalog
    #[api(msg = "<0:?> [<1:, >] <2>")]
    Written(D, Vec<J>, Option<O>),
    #[api(msg = "invalid")]
    Invalid(#[api(details)] Vec<rest_error::SubError<S>>),
}

#[derive(Debug, ApiError)]
#[api(code = "FieldError", status = 400, msg = "field")]
struct FieldError;

/// Debug but not Display.
#[derive(Debug)]
struct OnlyDebug;

#[test]
fn bounds_for_the_newer_placeholder_forms_and_details() {
    let err: Forms<OnlyDebug, u8, &str, FieldError> =
        Forms::Written(OnlyDebug, vec![1, 2], Some("o"));
    assert_eq!(err.message().to_string(), "OnlyDebug [1, 2] o");
    let invalid: Forms<OnlyDebug, u8, &str, FieldError> =
        Forms::Invalid(vec![rest_error::SubError::new(FieldError, "x")]);
    let mut codes = Vec::new();
    invalid.details(&mut |detail| codes.push(detail.code().to_owned()));
    assert_eq!(codes, ["FieldError"]);
    let detail_codes: Vec<_> =
        rest_error::catalog::detail_entries::<Forms<OnlyDebug, u8, &str, FieldError>>()
            .iter()
            .map(|entry| entry.code)
            .collect();
    assert_eq!(detail_codes, ["FieldError"]);
}
