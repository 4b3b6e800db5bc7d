//! Sub-errors from `#[api(details)]`: what `details()` yields, the envelope's
//! `details` array, transparent forwarding and the catalogue of detail codes.

use rest_error::{ApiError, CorrelationId, ErrorDetail, MessageWriter, SubError};
use std::fmt;

#[derive(Debug, ApiError)]
#[api(status = 400)]
enum FieldError {
    #[api(code = "InvalidInput", msg = "Must not be empty")]
    Empty,
    #[api(msg = "Unknown platform <0>")]
    UnknownPlatform(String),
}

#[derive(Debug, ApiError)]
#[api(
    code = "InvalidInput",
    status = 400,
    msg = "<count> fields are invalid"
)]
struct Invalid {
    count: usize,
    #[api(details)]
    problems: Vec<SubError<FieldError>>,
}

/// A hand-written sub-error type, with its (empty) detail catalogue.
struct Note(&'static str);

impl ErrorDetail for Note {
    fn code(&self) -> &str {
        "Note"
    }
    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
        w.text(self.0)
    }
    fn target(&self) -> &str {
        "note"
    }
}

impl rest_error::catalog::DetailCatalog for Note {
    const CATALOG: &'static [rest_error::catalog::Node] = &[];
}

#[derive(Debug, ApiError)]
#[api(status = 422)]
enum ServiceError {
    #[api(msg = "Machine <0> is busy")]
    Busy(u64),
    #[api(transparent, from)]
    Invalid(Invalid),
    #[api(msg = "One problem")]
    One(#[api(details)] Option<SubError<FieldError>>),
    #[api(msg = "Two notes")]
    Notes(#[api(details)] [Note; 2]),
    #[api(msg = "Borrowed")]
    Slice(#[api(details)] Box<[SubError<Busy>]>),
}

#[derive(Debug, ApiError)]
#[api(code = "Busy", status = 409)]
struct Busy;

impl fmt::Debug for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

fn collect(error: &dyn ApiError) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    error.details(&mut |detail| {
        out.push((
            detail.code().to_owned(),
            DetailMessage(detail).to_string(),
            detail.target().to_owned(),
        ));
    });
    out
}

/// A sub-error's message through a throwaway error, so the test uses only public API.
struct DetailMessage<'a>(&'a dyn ErrorDetail);

impl fmt::Display for DetailMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Wrap<'a>(&'a dyn ErrorDetail);
        impl ApiError for Wrap<'_> {
            fn code(&self) -> &'static str {
                "Wrap"
            }
            fn status(&self) -> u16 {
                400
            }
            fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
                self.0.write_message(w)
            }
        }
        write!(f, "{}", Wrap(self.0).message())
    }
}

fn invalid() -> Invalid {
    Invalid {
        count: 2,
        problems: vec![
            SubError::new(FieldError::Empty, "computerDnsName"),
            SubError::new(FieldError::UnknownPlatform("Amiga".into()), "osPlatform"),
        ],
    }
}

#[test]
fn details_lists_the_field_items_in_order() {
    assert_eq!(
        collect(&invalid()),
        [
            (
                "InvalidInput".to_owned(),
                "Must not be empty".to_owned(),
                "computerDnsName".to_owned()
            ),
            (
                "UnknownPlatform".to_owned(),
                "Unknown platform Amiga".to_owned(),
                "osPlatform".to_owned()
            ),
        ]
    );
}

#[test]
fn envelope_writes_details_from_a_derived_type() -> Result<(), Box<dyn std::error::Error>> {
    let id = CorrelationId::parse("t-1")?;
    let expected = concat!(
        r#"{"error":{"code":"InvalidInput","message":"2 fields are invalid","target":"t-1","details":["#,
        r#"{"code":"InvalidInput","message":"Must not be empty","target":"computerDnsName"},"#,
        r#"{"code":"UnknownPlatform","message":"Unknown platform Amiga","target":"osPlatform"}]}}"#
    );
    let error = invalid();
    assert_eq!(error.envelope_with_target(id.clone()).to_json(), expected);
    assert_eq!(
        serde_json::to_string(&error.envelope_with_target(id))?,
        expected
    );
    Ok(())
}

#[test]
fn transparent_variants_forward_details() {
    let wrapped = ServiceError::from(invalid());
    assert_eq!(collect(&wrapped), collect(&invalid()));
    assert!(collect(&ServiceError::Busy(1)).is_empty());
}

#[test]
fn option_array_and_boxed_slice_fields() {
    assert!(collect(&ServiceError::One(None)).is_empty());
    let one = ServiceError::One(Some(SubError::new(FieldError::Empty, "name")));
    assert_eq!(collect(&one).len(), 1);
    let notes = ServiceError::Notes([Note("a"), Note("b")]);
    assert_eq!(
        collect(&notes)
            .into_iter()
            .map(|(code, message, target)| format!("{code}:{message}:{target}"))
            .collect::<Vec<_>>(),
        ["Note:a:note", "Note:b:note"]
    );
    let slice = ServiceError::Slice(vec![SubError::new(Busy, "x")].into_boxed_slice());
    assert_eq!(collect(&slice)[0].0, "Busy");
}

#[test]
fn no_details_without_the_attribute() {
    let mut any = false;
    FieldError::Empty.details(&mut |_| any = true);
    assert!(!any);
    let json = FieldError::Empty.envelope().to_json();
    assert!(!json.contains("details"), "{json}");
}

#[test]
fn catalogue_lists_the_codes_sub_errors_can_carry() {
    let codes = |entries: Vec<rest_error::catalog::Entry>| {
        entries.iter().map(|entry| entry.code).collect::<Vec<_>>()
    };
    assert_eq!(
        codes(rest_error::catalog::detail_entries::<Invalid>()),
        ["InvalidInput", "UnknownPlatform"]
    );
    // Through the transparent member, the option, the notes (none) and the slice;
    // each code once.
    assert_eq!(
        codes(rest_error::catalog::detail_entries::<ServiceError>()),
        ["InvalidInput", "UnknownPlatform", "Busy"]
    );
    assert!(rest_error::catalog::detail_entries::<FieldError>().is_empty());
}
