//! Serializing an envelope or a problem+json document into a reused buffer, and
//! making correlation ids, allocate nothing.

use core::fmt;
use rest_error::{ApiError, CorrelationId};

mod counting;
use counting::allocations;

struct MachineNotFound(u64);

impl ApiError for MachineNotFound {
    fn code(&self) -> &'static str {
        "ResourceNotFound"
    }
    fn status(&self) -> u16 {
        404
    }
    fn write_message(&self, w: &mut rest_error::MessageWriter<'_>) -> fmt::Result {
        w.text("Machine ")?;
        w.field(&self.0)?;
        w.text(" was not found, \"quoted\"\n\u{1}")
    }
}

/// One call of everything measured below, so one-off thread setup (the uuid rng's
/// thread-local state) and buffer growth happen outside the counted region.
fn warm_up(err: &dyn ApiError, buf: &mut Vec<u8>) {
    buf.clear();
    err.envelope().write_json(buf);
    buf.clear();
    err.problem()
        .with_type_base("https://errors.example.com/")
        .write_json(buf);
    let _ = CorrelationId::parse("warm-up").unwrap();
}

#[test]
fn the_counter_counts() {
    let (n, v) = allocations(|| Vec::<u8>::with_capacity(1));
    assert_eq!(n, 1);
    drop(v);
    let (n, ()) = allocations(|| {
        let mut v = Vec::<u8>::with_capacity(1);
        v.extend_from_slice(&[0; 64]);
    });
    assert_eq!(n, 2, "an allocation and a reallocation");
    let (n, s) = allocations(|| MachineNotFound(1).envelope().to_json());
    assert!(n >= 1, "to_json returns a new String");
    assert!(s.starts_with('{'));
}

#[test]
fn write_json_with_a_given_target_does_not_allocate() {
    let err = MachineNotFound(123_123_123);
    let mut buf = Vec::new();
    warm_up(&err, &mut buf);

    let target = CorrelationId::parse("43f4cb08-8fac-4b65-9db1-745c2ae65f3a").unwrap();
    let (n, ()) = allocations(|| {
        buf.clear();
        err.envelope_with_target(target.clone())
            .write_json(&mut buf);
    });
    assert_eq!(n, 0);

    // The id moved into the envelope inside the counted region.
    let (n, result) = allocations(move || {
        buf.clear();
        let envelope = err.envelope_with_target(target);
        serde_json::to_writer(&mut buf, &envelope)?;
        buf.clear();
        envelope.write_json(&mut buf);
        Ok::<(), serde_json::Error>(())
    });
    result.unwrap();
    assert_eq!(n, 0);
}

#[test]
fn write_json_with_a_fresh_target_does_not_allocate() {
    let err = MachineNotFound(7);
    let mut buf = Vec::new();
    warm_up(&err, &mut buf);

    for _ in 0..100 {
        let (n, result) = allocations(|| {
            buf.clear();
            err.envelope().write_json(&mut buf);
            buf.clear();
            serde_json::to_writer(&mut buf, &err.envelope())
        });
        result.unwrap();
        assert_eq!(n, 0);
    }
}

#[test]
fn problem_json_does_not_allocate() {
    let err = MachineNotFound(123_123_123);
    let mut buf = Vec::new();
    warm_up(&err, &mut buf);
    let target = CorrelationId::parse("43f4cb08-8fac-4b65-9db1-745c2ae65f3a").unwrap();

    for base in [
        None,
        Some("https://errors.example.com/"),
        Some("urn:errors"),
    ] {
        let (n, result) = allocations(|| {
            let problem = err.problem_with_target(target.clone());
            let problem = match base {
                Some(base) => problem.with_type_base(base),
                None => problem,
            };
            buf.clear();
            problem.write_json(&mut buf);
            let written = buf.len();
            buf.clear();
            serde_json::to_writer(&mut buf, &problem)?;
            assert_eq!(buf.len(), written);
            Ok::<(), serde_json::Error>(())
        });
        result.unwrap();
        assert_eq!(n, 0, "{base:?}");
    }
    // A fresh target too.
    for _ in 0..100 {
        let (n, ()) = allocations(|| {
            buf.clear();
            err.problem().write_json(&mut buf);
        });
        assert_eq!(n, 0);
    }
}

#[test]
fn through_a_trait_object_does_not_allocate() {
    let boxed: Box<dyn ApiError> = Box::new(MachineNotFound(7));
    let mut buf = Vec::new();
    warm_up(&*boxed, &mut buf);

    let (n, ()) = allocations(|| {
        buf.clear();
        boxed.envelope().write_json(&mut buf);
        buf.clear();
        boxed.problem().write_json(&mut buf);
    });
    assert_eq!(n, 0);
}

#[test]
fn correlation_ids_do_not_allocate() {
    let mut buf = Vec::new();
    warm_up(&MachineNotFound(0), &mut buf);

    let long = "x".repeat(128);
    let too_long = "x".repeat(129);
    let (n, ()) = allocations(|| {
        for _ in 0..1000 {
            let id = CorrelationId::new();
            let copy = id.clone();
            assert_eq!(id, copy);
            assert_eq!(id.as_str().len(), 36);
        }
        assert!(CorrelationId::parse("43f4cb08-8fac-4b65-9db1-745c2ae65f3a").is_ok());
        assert!(CorrelationId::parse(&long).is_ok());
        // Rejecting allocates nothing either: the error holds only a length or an index.
        assert!(CorrelationId::parse(&too_long).is_err());
        assert!(CorrelationId::parse("a\r\nb").is_err());
        assert!(CorrelationId::parse("").is_err());
        let _ = CorrelationId::default();
    });
    assert_eq!(n, 0);

    let id = CorrelationId::new();
    let (n, result) = allocations(|| {
        buf.clear();
        serde_json::to_writer(&mut buf, &id)
    });
    result.unwrap();
    assert_eq!(n, 0);
}

/// Choosing the error format from `Accept` allocates nothing, with no `Accept`
/// (the common case) and with every kind of value, malformed ones included.
#[cfg(any(feature = "axum", feature = "actix-web"))]
#[test]
fn format_negotiation_does_not_allocate() {
    use rest_error::web::WebSettings;

    #[derive(Debug)]
    struct Flat;
    impl rest_error::web::ErrorFormat for Flat {
        fn media_type(&self) -> &'static str {
            "application/vnd.example.error+json"
        }
        fn write_body(
            &self,
            _: &dyn ApiError,
            _: &rest_error::web::ErrorContext<'_>,
            _: &mut Vec<u8>,
        ) {
        }
    }

    let settings = WebSettings::default().negotiated_format(Flat);
    let accepts: [&[&[u8]]; 7] = [
        &[],
        &[b"*/*"],
        &[b"application/problem+json"],
        &[b"application/problem+json;q=0.5, application/json;q=0.4, */*;q=0.1"],
        &[
            b"text/html",
            b"application/vnd.example.error+json;q=0.9;ext=\"a,b\"",
        ],
        &[b"application/problem+json;q=2"],
        &[b"  Application/Problem+JSON ; Q=1 ,, "],
    ];
    let expected = [
        "application/json",
        "application/json",
        "application/problem+json",
        "application/problem+json",
        "application/vnd.example.error+json",
        "application/json",
        "application/problem+json",
    ];
    for (accept, expected) in accepts.iter().zip(expected) {
        let (n, media) = allocations(|| settings.format_for(accept.iter().copied()).media_type());
        assert_eq!(media, expected, "{accept:?}");
        assert_eq!(n, 0, "{accept:?}");
    }
}

/// A derived error with a Swedish translation (issue 12).
#[derive(rest_error::ApiError)]
#[api(
    code = "ResourceNotFound",
    status = 404,
    msg = "Machine <0> was not found, <1:?>",
    msg(sv = "Datorn <0> hittades inte, <1:?>")
)]
struct Translated(u64, &'static str);

#[test]
fn localized_messages_allocate_no_more_than_the_default() {
    use rest_error::lang::{self, Localized};

    let err = Translated(123_123_123, "\"quoted\"");
    let target = CorrelationId::parse("43f4cb08-8fac-4b65-9db1-745c2ae65f3a").unwrap();
    let mut buf = Vec::new();
    warm_up(&err, &mut buf);
    warm_up(&Localized::new(&err, "sv"), &mut buf);

    let (n, ()) = allocations(|| {
        buf.clear();
        err.envelope_with_target(target.clone())
            .write_json(&mut buf);
    });
    assert_eq!(n, 0, "default");
    let (n, ()) = allocations(|| {
        buf.clear();
        let lang = err.language_for("sv-SE, en;q=0.5");
        Localized::new(&err, lang)
            .envelope_with_target(target.clone())
            .write_json(&mut buf);
    });
    assert_eq!(n, 0, "Swedish, negotiated");
    assert!(String::from_utf8_lossy(&buf).contains("Datorn 123123123 hittades inte"));
    let (n, found) = allocations(|| lang::lookup("de-CH;q=0.5, sv-SE;q=0.9, *;q=0", &["en", "sv"]));
    assert_eq!((n, found), (0, Some("sv")));
}
