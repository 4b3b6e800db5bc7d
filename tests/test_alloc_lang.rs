//! Languages cost no allocation: choosing one from `Accept-Language`, writing the
//! envelope in the default language (as an error in one language does), and
//! writing it in another.

use core::fmt;
use rest_error::lang::{self, Localized};
use rest_error::{ApiError, CommonError, CorrelationId};

mod counting;
use counting::allocations;

#[derive(Debug, ApiError)]
enum OneLanguage {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found, <1:?>"
    )]
    MachineNotFound(u64, String),
}

#[derive(Debug, ApiError)]
enum TwoLanguages {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found, <1:?>",
        msg(sv = "Datorn <0> hittades inte, <1:?>")
    )]
    MachineNotFound(u64, String),
}

/// The web core's body step: the language, then the envelope in it.
fn respond(
    err: &dyn ApiError,
    accept_language: Option<&str>,
    target: &CorrelationId,
    buf: &mut Vec<u8>,
) {
    let languages = err.languages();
    let default = languages.first().copied().unwrap_or("en");
    let lang = accept_language
        .filter(|_| languages.len() > 1)
        .and_then(|header| lang::lookup(header, languages))
        .unwrap_or(default);
    if lang == default {
        err.envelope_with_target(target.clone()).write_json(buf);
    } else {
        Localized::new(err, lang)
            .envelope_with_target(target.clone())
            .write_json(buf);
    }
}

/// The allocations of one response body for `err` and `header`, after a warm-up
/// that grows the buffer; and the body.
fn counted(err: &dyn ApiError, header: Option<&str>) -> (usize, String) {
    let target = CorrelationId::parse("43f4cb08-8fac-4b65-9db1-745c2ae65f3a").unwrap();
    let mut buf = Vec::with_capacity(512);
    respond(err, header, &target, &mut buf);
    let (n, ()) = allocations(|| {
        buf.clear();
        respond(err, header, &target, &mut buf);
    });
    (n, String::from_utf8(buf).unwrap())
}

#[test]
fn the_counter_counts() {
    let (n, v) = allocations(|| Vec::<u8>::with_capacity(1));
    assert_eq!(n, 1);
    drop(v);
}

#[test]
fn the_default_path_allocates_as_an_error_in_one_language() {
    let today = OneLanguage::MachineNotFound(7, "x\n".into());
    let (baseline, english) = counted(&today, None);
    assert_eq!(baseline, 0);
    let err = TwoLanguages::MachineNotFound(7, "x\n".into());
    for header in [
        None,
        Some("en"),
        Some("fr-CH, fr;q=0.9"),
        Some("sv;q=0, en"),
        Some("*"),
        Some(";;q=x"),
    ] {
        let (n, body) = counted(&err, header);
        assert_eq!(n, baseline, "{header:?}");
        assert_eq!(body, english, "{header:?}");
    }
}

#[test]
fn a_localized_message_allocates_no_more_than_the_default() {
    let err = TwoLanguages::MachineNotFound(7, "x\n".into());
    let (default, _) = counted(&err, None);
    let (swedish, body) = counted(&err, Some("sv-SE, en;q=0.5"));
    assert!(swedish <= default, "{swedish} > {default}");
    assert!(
        body.contains(r#""message":"Datorn 7 hittades inte, \"x\\n\"""#),
        "{body}"
    );
    // The library's own messages too.
    for err in [
        &CommonError::MaximumBatchSizeExceeded {
            received: 9,
            allowed: 3,
        } as &dyn ApiError,
        &CommonError::ResourceNotFound("machine 7".into()),
    ] {
        let (default, _) = counted(err, None);
        let (swedish, body) = counted(err, Some("sv"));
        assert!(swedish <= default, "{swedish} > {default}");
        assert!(
            body.contains("hittades inte") || body.contains("Mottaget"),
            "{body}"
        );
    }
}

#[test]
fn choosing_the_language_allocates_nothing() {
    let err = TwoLanguages::MachineNotFound(7, String::new());
    let long = "de-CH;q=0.1, ".repeat(40) + "sv";
    for header in ["sv-SE, en;q=0.5", "fr", "", ";;,,q=", long.as_str()] {
        let (n, _) = allocations(|| {
            let _ = err.language_for(header);
            lang::ranges(header).count()
        });
        assert_eq!(n, 0, "{header:?}");
    }
}

/// A message with a field whose `Display` writes through `core::fmt`.
struct Counted(u32);

impl fmt::Display for Counted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

#[derive(ApiError)]
#[api(
    code = "Conflict",
    status = 409,
    msg = "Item <0> is busy",
    msg(sv = "Objekt <0> är upptaget")
)]
struct Busy(Counted);

#[test]
fn fields_through_display_allocate_nothing_in_either_language() {
    let (default, english) = counted(&Busy(Counted(4)), None);
    let (swedish, body) = counted(&Busy(Counted(4)), Some("sv"));
    assert_eq!((default, swedish), (0, 0));
    assert!(english.contains("Item #4 is busy"));
    assert!(body.contains("Objekt #4 är upptaget"));
}
