//! Run time, side by side: one error, `MachineNotFound(123123123)`, serialized into a
//! reused `Vec<u8>` by the derive and by what a user would write instead; and correlation
//! ids made by `CorrelationId::new()` and by the usual alternatives.
//!
//! The `problem_json` group does the same for RFC 9457 problem+json: the derive's
//! direct writer against its own hand-written floor, and its serde path against a
//! hand-written `Serialize` floor.
//!
//! Run with `cargo bench --bench envelope`; see BENCHMARKS.md for the figures and for
//! what each row measures. Before anything is timed, `main` checks that every path
//! writes the same envelope, so the rows compare equal work.

// Benchmark code: the error enums exist to be matched on, not all variants are built.
#![allow(dead_code)]

use core::fmt;
use std::hint::black_box;

use divan::Bencher;
use rest_error::{ApiError, CorrelationId};
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// The documented example's target, used by every path that is given a target.
const TARGET: &str = "43f4cb08-8fac-4b65-9db1-745c2ae65f3a";

/// What every path must write for `MachineNotFound(123123123)` and `TARGET`.
const EXPECTED: &str = r#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#;

const MACHINE: u64 = 123_123_123;

// ---------------------------------------------------------------------------------------
// (a) The derive.

#[derive(Debug, ApiError)]
enum DerivedError {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found"
    )]
    MachineNotFound(u64),
    #[api(
        code = "MaximumBatchSizeExceeded",
        status = 400,
        msg = "Maximum batch size exceeded. Received: <received>, allowed: <allowed>."
    )]
    BatchTooLarge { received: usize, allowed: usize },
    #[api(code = "InvalidRequestBody", status = 400)]
    BadBody,
}

/// (a) `serde_json::to_writer` over the derive's envelope, with a given target.
fn derive_to_writer(err: &DerivedError, target: &CorrelationId, buf: &mut Vec<u8>) {
    serde_json::to_writer(&mut *buf, &err.envelope_with_target(target.clone())).unwrap();
}

/// (a2) `Envelope::write_json`, the direct JSON writer (no serde), with a given target.
fn derive_write_json(err: &DerivedError, target: &CorrelationId, buf: &mut Vec<u8>) {
    err.envelope_with_target(target.clone()).write_json(buf);
}

/// (a-fresh) `Envelope::write_json` with a fresh `CorrelationId::new()`: compare with (b).
fn derive_fresh_target(err: &DerivedError, buf: &mut Vec<u8>) {
    err.envelope().write_json(buf);
}

// ---------------------------------------------------------------------------------------
// The same enum with nothing derived, for the hand-written paths (b), (d), (e).

#[derive(Debug)]
enum PlainError {
    MachineNotFound(u64),
    BatchTooLarge { received: usize, allowed: usize },
    BadBody,
}

impl PlainError {
    fn code(&self) -> &'static str {
        match self {
            Self::MachineNotFound(_) => "ResourceNotFound",
            Self::BatchTooLarge { .. } => "MaximumBatchSizeExceeded",
            Self::BadBody => "InvalidRequestBody",
        }
    }

    fn status(&self) -> u16 {
        match self {
            Self::MachineNotFound(_) => 404,
            Self::BatchTooLarge { .. } | Self::BadBody => 400,
        }
    }
}

// ---------------------------------------------------------------------------------------
// (b) What a typical axum handler writes: `json!`, a `format!`-built message, a fresh
// `Uuid::new_v4().to_string()` (or, for (b'), the fixed target, to separate the id's cost).

fn typical_json(err: &PlainError, target: Option<&str>, buf: &mut Vec<u8>) -> u16 {
    let (status, code, message) = match err {
        PlainError::MachineNotFound(id) => (
            404,
            "ResourceNotFound",
            format!("Machine {id} was not found"),
        ),
        PlainError::BatchTooLarge { received, allowed } => (
            400,
            "MaximumBatchSizeExceeded",
            format!("Maximum batch size exceeded. Received: {received}, allowed: {allowed}."),
        ),
        PlainError::BadBody => (400, "InvalidRequestBody", "Bad Request".to_owned()),
    };
    let target = match target {
        Some(target) => target.to_owned(),
        None => uuid::Uuid::new_v4().to_string(),
    };
    let body = serde_json::json!({
        "error": { "code": code, "message": message, "target": target }
    });
    serde_json::to_writer(&mut *buf, &body).unwrap();
    status
}

// ---------------------------------------------------------------------------------------
// (c) thiserror for the message, hand-written matches for code and status, and a
// `#[derive(Serialize)]` envelope of `String`s.

#[derive(Debug, thiserror::Error)]
enum ThisError {
    #[error("Machine {0} was not found")]
    MachineNotFound(u64),
    #[error("Maximum batch size exceeded. Received: {received}, allowed: {allowed}.")]
    BatchTooLarge { received: usize, allowed: usize },
    #[error("Bad Request")]
    BadBody,
}

impl ThisError {
    fn code(&self) -> &'static str {
        match self {
            Self::MachineNotFound(_) => "ResourceNotFound",
            Self::BatchTooLarge { .. } => "MaximumBatchSizeExceeded",
            Self::BadBody => "InvalidRequestBody",
        }
    }

    fn status(&self) -> u16 {
        match self {
            Self::MachineNotFound(_) => 404,
            Self::BatchTooLarge { .. } | Self::BadBody => 400,
        }
    }
}

#[derive(serde::Serialize)]
struct OwnedEnvelope {
    error: OwnedBody,
}

#[derive(serde::Serialize)]
struct OwnedBody {
    code: String,
    message: String,
    target: String,
}

fn thiserror_owned(err: &ThisError, target: &str, buf: &mut Vec<u8>) -> u16 {
    let envelope = OwnedEnvelope {
        error: OwnedBody {
            code: err.code().to_owned(),
            message: err.to_string(),
            target: target.to_owned(),
        },
    };
    serde_json::to_writer(&mut *buf, &envelope).unwrap();
    err.status()
}

// ---------------------------------------------------------------------------------------
// (d) The serde floor: a hand-written `Serialize` over borrowed `&str` fields, the message
// written through `collect_str` from a hand-written `Display`.

struct FloorMessage<'a>(&'a PlainError);

impl fmt::Display for FloorMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            PlainError::MachineNotFound(id) => write!(f, "Machine {id} was not found"),
            PlainError::BatchTooLarge { received, allowed } => write!(
                f,
                "Maximum batch size exceeded. Received: {received}, allowed: {allowed}."
            ),
            PlainError::BadBody => f.write_str("Bad Request"),
        }
    }
}

struct FloorEnvelope<'a> {
    code: &'a str,
    message: FloorMessage<'a>,
    target: &'a str,
}

struct FloorBody<'e, 'a>(&'e FloorEnvelope<'a>);

impl Serialize for FloorEnvelope<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut outer = serializer.serialize_struct("Envelope", 1)?;
        outer.serialize_field("error", &FloorBody(self))?;
        outer.end()
    }
}

impl Serialize for FloorBody<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut body = serializer.serialize_struct("Error", 3)?;
        body.serialize_field("code", self.0.code)?;
        body.serialize_field("message", &CollectStr(&self.0.message))?;
        body.serialize_field("target", self.0.target)?;
        body.end()
    }
}

struct CollectStr<'a, T>(&'a T);

impl<T: fmt::Display> Serialize for CollectStr<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

fn serde_floor(err: &PlainError, target: &str, buf: &mut Vec<u8>) -> u16 {
    let envelope = FloorEnvelope {
        code: err.code(),
        message: FloorMessage(err),
        target,
    };
    serde_json::to_writer(&mut *buf, &envelope).unwrap();
    err.status()
}

// ---------------------------------------------------------------------------------------
// (e) The raw floor: the fixed JSON text pre-escaped, only field values escaped (serde_json's
// rules), integers written by a digit loop; no serde, no `core::fmt`.

fn raw_floor(err: &PlainError, target: &str, buf: &mut Vec<u8>) -> u16 {
    match err {
        PlainError::MachineNotFound(id) => {
            buf.extend_from_slice(br#"{"error":{"code":"ResourceNotFound","message":"Machine "#);
            push_u64(buf, *id);
            buf.extend_from_slice(br#" was not found","target":""#);
        }
        PlainError::BatchTooLarge { received, allowed } => {
            buf.extend_from_slice(
                br#"{"error":{"code":"MaximumBatchSizeExceeded","message":"Maximum batch size exceeded. Received: "#,
            );
            push_u64(buf, *received as u64);
            buf.extend_from_slice(b", allowed: ");
            push_u64(buf, *allowed as u64);
            buf.extend_from_slice(br#".","target":""#);
        }
        PlainError::BadBody => {
            buf.extend_from_slice(
                br#"{"error":{"code":"InvalidRequestBody","message":"Bad Request","target":""#,
            );
        }
    }
    push_escaped(buf, target);
    buf.extend_from_slice(br#""}}"#);
    err.status()
}

/// (e2) The raw floor with the integer written through `core::fmt` (`write!` into the
/// `Vec`), as any field's `Display` is: shows what `core::fmt` costs on its own.
fn raw_floor_fmt_integer(err: &PlainError, target: &str, buf: &mut Vec<u8>) -> u16 {
    use std::io::Write as _;
    match err {
        PlainError::MachineNotFound(id) => {
            buf.extend_from_slice(br#"{"error":{"code":"ResourceNotFound","message":"Machine "#);
            write!(buf, "{id}").unwrap();
            buf.extend_from_slice(br#" was not found","target":""#);
        }
        _ => return raw_floor(err, target, buf),
    }
    push_escaped(buf, target);
    buf.extend_from_slice(br#""}}"#);
    err.status()
}

/// Decimal digits, written back to front into a stack buffer.
fn push_u64(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[at..]);
}

/// JSON string contents escaped as serde_json does: `"` `\` and the control characters
/// below 0x20 (short forms where JSON has them, else `\u00XX` in lowercase hex). A
/// leading run of eight-byte words with nothing to escape is copied whole (the same
/// word test as the crate's), so the floor is as quick as the derive on long strings.
fn push_escaped(buf: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGH;
    let mut clean = 0;
    for chunk in s.as_bytes().chunks_exact(8) {
        let word = u64::from_ne_bytes(chunk.try_into().unwrap());
        if below(word, 0x20) | below(word ^ (ONES * 0x22), 1) | below(word ^ (ONES * 0x5c), 1) != 0
        {
            break;
        }
        clean += 8;
    }
    buf.extend_from_slice(&s.as_bytes()[..clean]);
    let bytes = &s.as_bytes()[clean..];
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            0x08 => b'b',
            0x0c => b'f',
            0x00..=0x1f => b'u',
            _ => continue,
        };
        buf.extend_from_slice(&bytes[start..i]);
        if short == b'u' {
            buf.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]);
        } else {
            buf.extend_from_slice(&[b'\\', short]);
        }
        start = i + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
}

// ---------------------------------------------------------------------------------------
// problem+json: the same error as an RFC 9457 document with a `type` base.

const TYPE_BASE: &str = "https://errors.example.com/";

/// What every problem+json path must write for `MachineNotFound(123123123)` and `TARGET`.
const PROBLEM_EXPECTED: &str = concat!(
    r#"{"type":"https://errors.example.com/ResourceNotFound","title":"Not Found","status":404,"#,
    r#""detail":"Machine 123123123 was not found","code":"ResourceNotFound","#,
    r#""target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}"#
);

/// (p) `serde_json::to_writer` over the derive's `Problem`.
fn problem_to_writer(err: &DerivedError, target: &CorrelationId, buf: &mut Vec<u8>) {
    let problem = err
        .problem_with_target(target.clone())
        .with_type_base(TYPE_BASE);
    serde_json::to_writer(&mut *buf, &problem).unwrap();
}

/// (p2) `Problem::write_json`, the direct writer.
fn problem_write_json(err: &DerivedError, target: &CorrelationId, buf: &mut Vec<u8>) {
    err.problem_with_target(target.clone())
        .with_type_base(TYPE_BASE)
        .write_json(buf);
}

/// (pd) The serde floor for problem+json: a hand-written `Serialize`, the message
/// through `collect_str`, the type through `collect_str` of base and code.
struct FloorProblem<'a> {
    base: &'a str,
    code: &'a str,
    title: &'a str,
    status: u16,
    message: FloorMessage<'a>,
    target: &'a str,
}

struct FloorType<'a>(&'a str, &'a str);

impl fmt::Display for FloorType<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)?;
        f.write_str(self.1)
    }
}

impl Serialize for FloorProblem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut doc = serializer.serialize_struct("Problem", 6)?;
        doc.serialize_field("type", &CollectStr(&FloorType(self.base, self.code)))?;
        doc.serialize_field("title", self.title)?;
        doc.serialize_field("status", &self.status)?;
        doc.serialize_field("detail", &CollectStr(&self.message))?;
        doc.serialize_field("code", self.code)?;
        doc.serialize_field("target", self.target)?;
        doc.end()
    }
}

fn problem_serde_floor(err: &PlainError, target: &str, buf: &mut Vec<u8>) -> u16 {
    let status = err.status();
    let problem = FloorProblem {
        base: TYPE_BASE,
        code: err.code(),
        title: rest_error::reason_phrase(status).unwrap(),
        status,
        message: FloorMessage(err),
        target,
    };
    serde_json::to_writer(&mut *buf, &problem).unwrap();
    status
}

/// (pe) The raw floor for problem+json: fixed text pre-escaped, only values escaped.
fn problem_raw_floor(err: &PlainError, target: &str, buf: &mut Vec<u8>) -> u16 {
    let PlainError::MachineNotFound(id) = err else {
        unreachable!("the problem+json floor is written for MachineNotFound only")
    };
    buf.extend_from_slice(b"{\"type\":\"");
    push_escaped(buf, TYPE_BASE);
    buf.extend_from_slice(
        br#"ResourceNotFound","title":"Not Found","status":404,"detail":"Machine "#,
    );
    push_u64(buf, *id);
    buf.extend_from_slice(br#" was not found","code":"ResourceNotFound","target":""#);
    push_escaped(buf, target);
    buf.extend_from_slice(br#""}"#);
    err.status()
}

// ---------------------------------------------------------------------------------------
// String fields: what most real messages carry (names, URLs, ids). One tuple variant
// with a 51-byte URL (a path and a query string), one named variant with two strings.

const URL: &str = "https://api.example.com/v1/machines?ip=10.1.2.3&t=5";
const NAME: &str = "web-frontend-eu-west-01";
const GROUP: &str = "Production servers (Europe)";

#[derive(Debug, ApiError)]
enum StringError {
    #[api(
        code = "InvalidRequestUri",
        status = 400,
        msg = "The request URL <0> is not valid"
    )]
    BadUrl(String),
    #[api(
        code = "MachineIsolated",
        status = 409,
        msg = "Machine <name> in group <group> is isolated"
    )]
    Isolated { name: String, group: String },
}

/// The same enum with nothing derived, for the floors.
enum PlainStringError {
    BadUrl(String),
    Isolated { name: String, group: String },
}

impl PlainStringError {
    fn code(&self) -> &'static str {
        match self {
            Self::BadUrl(_) => "InvalidRequestUri",
            Self::Isolated { .. } => "MachineIsolated",
        }
    }

    fn status(&self) -> u16 {
        match self {
            Self::BadUrl(_) => 400,
            Self::Isolated { .. } => 409,
        }
    }
}

/// The serde floor's message: a hand-written `Display`.
struct FloorStringMessage<'a>(&'a PlainStringError);

impl fmt::Display for FloorStringMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            PlainStringError::BadUrl(url) => write!(f, "The request URL {url} is not valid"),
            PlainStringError::Isolated { name, group } => {
                write!(f, "Machine {name} in group {group} is isolated")
            }
        }
    }
}

/// The serde floor over string fields: borrowed `&str`s, the message through
/// `collect_str` of the hand-written `Display`.
fn string_serde_floor(err: &PlainStringError, target: &str, buf: &mut Vec<u8>) -> u16 {
    struct Body<'a>(&'a PlainStringError, &'a str);
    struct Outer<'a>(Body<'a>);
    impl Serialize for Outer<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut outer = serializer.serialize_struct("Envelope", 1)?;
            outer.serialize_field("error", &self.0)?;
            outer.end()
        }
    }
    impl Serialize for Body<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut body = serializer.serialize_struct("Error", 3)?;
            body.serialize_field("code", self.0.code())?;
            body.serialize_field("message", &CollectStr(&FloorStringMessage(self.0)))?;
            body.serialize_field("target", self.1)?;
            body.end()
        }
    }
    serde_json::to_writer(&mut *buf, &Outer(Body(err, target))).unwrap();
    err.status()
}

/// The raw floor over string fields: the fixed text pre-escaped, each field and the
/// target escaped with serde_json's rules.
fn string_raw_floor(err: &PlainStringError, target: &str, buf: &mut Vec<u8>) -> u16 {
    match err {
        PlainStringError::BadUrl(url) => {
            buf.extend_from_slice(
                br#"{"error":{"code":"InvalidRequestUri","message":"The request URL "#,
            );
            push_escaped(buf, url);
            buf.extend_from_slice(br#" is not valid","target":""#);
        }
        PlainStringError::Isolated { name, group } => {
            buf.extend_from_slice(br#"{"error":{"code":"MachineIsolated","message":"Machine "#);
            push_escaped(buf, name);
            buf.extend_from_slice(b" in group ");
            push_escaped(buf, group);
            buf.extend_from_slice(br#" is isolated","target":""#);
        }
    }
    push_escaped(buf, target);
    buf.extend_from_slice(br#""}}"#);
    err.status()
}

fn string_errors() -> [(StringError, PlainStringError); 2] {
    [
        (
            StringError::BadUrl(URL.to_owned()),
            PlainStringError::BadUrl(URL.to_owned()),
        ),
        (
            StringError::Isolated {
                name: NAME.to_owned(),
                group: GROUP.to_owned(),
            },
            PlainStringError::Isolated {
                name: NAME.to_owned(),
                group: GROUP.to_owned(),
            },
        ),
    ]
}

// ---------------------------------------------------------------------------------------
// The benchmarks. Each serializes into one reused buffer, cleared before every write.

fn bench_into(bencher: Bencher, mut write: impl FnMut(&mut Vec<u8>)) {
    let mut buf = Vec::with_capacity(256);
    bencher.bench_local(|| {
        buf.clear();
        write(black_box(&mut buf));
        black_box(buf.as_slice());
    });
}

/// One error serialized into a reused `Vec<u8>` by each path (see BENCHMARKS.md).
#[divan::bench_group]
mod envelope {
    use super::*;

    #[divan::bench]
    fn a_derive_serde_to_writer(bencher: Bencher) {
        let err = DerivedError::MachineNotFound(MACHINE);
        let target = CorrelationId::parse(TARGET).unwrap();
        bench_into(bencher, |buf| {
            derive_to_writer(black_box(&err), black_box(&target), buf);
        });
    }

    #[divan::bench]
    fn a2_derive_write_json(bencher: Bencher) {
        let err = DerivedError::MachineNotFound(MACHINE);
        let target = CorrelationId::parse(TARGET).unwrap();
        bench_into(bencher, |buf| {
            derive_write_json(black_box(&err), black_box(&target), buf);
        });
    }

    /// (a) without making the envelope: serializes one built beforehand, to show what
    /// building it (the 129-byte `CorrelationId` copied in) costs.
    #[divan::bench]
    fn a4_derive_serde_prebuilt_envelope(bencher: Bencher) {
        let err = DerivedError::MachineNotFound(MACHINE);
        let envelope = err.envelope_with_target(CorrelationId::parse(TARGET).unwrap());
        bench_into(bencher, |buf| {
            serde_json::to_writer(buf, black_box(&envelope)).unwrap();
        });
    }

    /// (a2) without making the envelope, likewise.
    #[divan::bench]
    fn a5_derive_write_json_prebuilt_envelope(bencher: Bencher) {
        let err = DerivedError::MachineNotFound(MACHINE);
        let envelope = err.envelope_with_target(CorrelationId::parse(TARGET).unwrap());
        bench_into(bencher, |buf| black_box(&envelope).write_json(buf));
    }

    #[divan::bench]
    fn a3_derive_fresh_target(bencher: Bencher) {
        let err = DerivedError::MachineNotFound(MACHINE);
        bench_into(bencher, |buf| derive_fresh_target(black_box(&err), buf));
    }

    #[divan::bench]
    fn b_typical_json_macro_new_v4(bencher: Bencher) {
        let err = PlainError::MachineNotFound(MACHINE);
        bench_into(bencher, |buf| {
            black_box(typical_json(black_box(&err), None, buf));
        });
    }

    #[divan::bench]
    fn b2_typical_json_macro_fixed_target(bencher: Bencher) {
        let err = PlainError::MachineNotFound(MACHINE);
        bench_into(bencher, |buf| {
            black_box(typical_json(black_box(&err), Some(black_box(TARGET)), buf));
        });
    }

    #[divan::bench]
    fn c_thiserror_owned_strings(bencher: Bencher) {
        let err = ThisError::MachineNotFound(MACHINE);
        bench_into(bencher, |buf| {
            black_box(thiserror_owned(black_box(&err), black_box(TARGET), buf));
        });
    }

    #[divan::bench]
    fn d_serde_floor_collect_str(bencher: Bencher) {
        let err = PlainError::MachineNotFound(MACHINE);
        bench_into(bencher, |buf| {
            black_box(serde_floor(black_box(&err), black_box(TARGET), buf));
        });
    }

    #[divan::bench]
    fn e_raw_floor_bytes(bencher: Bencher) {
        let err = PlainError::MachineNotFound(MACHINE);
        bench_into(bencher, |buf| {
            black_box(raw_floor(black_box(&err), black_box(TARGET), buf));
        });
    }

    #[divan::bench]
    fn e2_raw_floor_fmt_integer(bencher: Bencher) {
        let err = PlainError::MachineNotFound(MACHINE);
        bench_into(bencher, |buf| {
            black_box(raw_floor_fmt_integer(
                black_box(&err),
                black_box(TARGET),
                buf,
            ));
        });
    }
}

/// One error as problem+json into a reused `Vec<u8>`: the derive's two paths and
/// their floors.
#[divan::bench_group]
mod problem_json {
    use super::*;

    #[divan::bench]
    fn p_derive_serde_to_writer(bencher: Bencher) {
        let err = DerivedError::MachineNotFound(MACHINE);
        let target = CorrelationId::parse(TARGET).unwrap();
        bench_into(bencher, |buf| {
            problem_to_writer(black_box(&err), black_box(&target), buf);
        });
    }

    #[divan::bench]
    fn p2_derive_write_json(bencher: Bencher) {
        let err = DerivedError::MachineNotFound(MACHINE);
        let target = CorrelationId::parse(TARGET).unwrap();
        bench_into(bencher, |buf| {
            problem_write_json(black_box(&err), black_box(&target), buf);
        });
    }

    #[divan::bench]
    fn pd_serde_floor_collect_str(bencher: Bencher) {
        let err = PlainError::MachineNotFound(MACHINE);
        bench_into(bencher, |buf| {
            black_box(problem_serde_floor(black_box(&err), black_box(TARGET), buf));
        });
    }

    #[divan::bench]
    fn pe_raw_floor_bytes(bencher: Bencher) {
        let err = PlainError::MachineNotFound(MACHINE);
        bench_into(bencher, |buf| {
            black_box(problem_raw_floor(black_box(&err), black_box(TARGET), buf));
        });
    }
}

/// String fields (issue 14): the derive's two paths against their floors, for a
/// tuple variant with a 51-byte URL (`url_*`) and a named one with two strings
/// (`named_*`).
#[divan::bench_group]
mod strings {
    use super::*;

    fn pair(index: usize) -> (StringError, PlainStringError) {
        let [url, named] = string_errors();
        if index == 0 { url } else { named }
    }

    fn serde_path(bencher: Bencher, index: usize) {
        let (err, _) = pair(index);
        let target = CorrelationId::parse(TARGET).unwrap();
        bench_into(bencher, |buf| {
            serde_json::to_writer(
                &mut *buf,
                &black_box(&err).envelope_with_target(black_box(&target).clone()),
            )
            .unwrap();
        });
    }

    fn direct_writer(bencher: Bencher, index: usize) {
        let (err, _) = pair(index);
        let target = CorrelationId::parse(TARGET).unwrap();
        bench_into(bencher, |buf| {
            black_box(&err)
                .envelope_with_target(black_box(&target).clone())
                .write_json(buf);
        });
    }

    fn serde_floor(bencher: Bencher, index: usize) {
        let (_, plain) = pair(index);
        bench_into(bencher, |buf| {
            black_box(string_serde_floor(
                black_box(&plain),
                black_box(TARGET),
                buf,
            ));
        });
    }

    fn raw_floor(bencher: Bencher, index: usize) {
        let (_, plain) = pair(index);
        bench_into(bencher, |buf| {
            black_box(string_raw_floor(black_box(&plain), black_box(TARGET), buf));
        });
    }

    #[divan::bench]
    fn url_a_derive_serde_to_writer(bencher: Bencher) {
        serde_path(bencher, 0);
    }

    #[divan::bench]
    fn url_a2_derive_write_json(bencher: Bencher) {
        direct_writer(bencher, 0);
    }

    #[divan::bench]
    fn url_d_serde_floor_collect_str(bencher: Bencher) {
        serde_floor(bencher, 0);
    }

    #[divan::bench]
    fn url_e_raw_floor_bytes(bencher: Bencher) {
        raw_floor(bencher, 0);
    }

    #[divan::bench]
    fn named_a_derive_serde_to_writer(bencher: Bencher) {
        serde_path(bencher, 1);
    }

    #[divan::bench]
    fn named_a2_derive_write_json(bencher: Bencher) {
        direct_writer(bencher, 1);
    }

    #[divan::bench]
    fn named_d_serde_floor_collect_str(bencher: Bencher) {
        serde_floor(bencher, 1);
    }

    #[divan::bench]
    fn named_e_raw_floor_bytes(bencher: Bencher) {
        raw_floor(bencher, 1);
    }
}

/// Correlation ids: the crate's against uuid's and the generators underneath.
#[divan::bench_group]
mod correlation_id {
    use super::*;
    use rand::{Rng as _, RngExt as _};

    /// The crate: `uuid::Uuid::new_v4()` (uuid's `fast-rng`, so `rand::random()` from the
    /// thread-local ChaCha12 generator) hyphen-encoded into its inline 128-byte buffer.
    #[divan::bench]
    fn correlation_id_new() -> CorrelationId {
        CorrelationId::new()
    }

    /// `uuid::Uuid::new_v4()` alone, 16 bytes. In this build uuid has `fast-rng` (the
    /// runtime enables it and Cargo unifies features), so this is the thread-local generator.
    #[divan::bench]
    fn uuid_new_v4_bytes() -> uuid::Uuid {
        uuid::Uuid::new_v4()
    }

    /// `uuid::Uuid::new_v4()` hyphen-encoded into a stack buffer: what `new()` does, minus
    /// the copy into the 128-byte inline id.
    #[divan::bench]
    fn uuid_new_v4_encode_lower() -> [u8; 36] {
        let mut out = [0u8; 36];
        uuid::Uuid::new_v4().hyphenated().encode_lower(&mut out);
        out
    }

    /// `uuid::Uuid::new_v4().to_string()`: what the typical handler (b) does.
    #[divan::bench]
    fn uuid_new_v4_to_string() -> String {
        uuid::Uuid::new_v4().to_string()
    }

    /// uuid's default-features path, rebuilt by hand (features unify, so it cannot be had
    /// from uuid in this build): one `getrandom` syscall for 16 bytes, version bits, encode.
    #[divan::bench]
    fn getrandom_syscall_v4_encode_lower() -> [u8; 36] {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).unwrap();
        let mut out = [0u8; 36];
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .hyphenated()
            .encode_lower(&mut out);
        out
    }

    /// The thread-local ChaCha12 generator directly: `rand::rng().fill_bytes` for 16 bytes,
    /// version bits, encode. The reference for the target "within 1.5x".
    #[divan::bench]
    fn thread_rng_v4_encode_lower() -> [u8; 36] {
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        let mut out = [0u8; 36];
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .hyphenated()
            .encode_lower(&mut out);
        out
    }

    /// The thread-local generator's 16 bytes and version bits alone.
    #[divan::bench]
    fn thread_rng_v4_bytes() -> uuid::Uuid {
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    /// The same through `random::<[u8; 16]>()`, which draws the array byte by byte: a
    /// pitfall when hand-rolling the generator, shown for scale.
    #[divan::bench]
    fn thread_rng_random_array_v4_bytes() -> uuid::Uuid {
        let bytes: [u8; 16] = rand::rng().random();
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

/// Every path must write the same envelope; checked once, untimed.
fn check_outputs_agree() {
    let target = CorrelationId::parse(TARGET).unwrap();
    let derived = DerivedError::MachineNotFound(MACHINE);
    let plain = PlainError::MachineNotFound(MACHINE);
    let this = ThisError::MachineNotFound(MACHINE);

    let written = |write: &dyn Fn(&mut Vec<u8>)| {
        let mut buf = Vec::new();
        write(&mut buf);
        String::from_utf8(buf).unwrap()
    };
    let exact: [(&str, String); 7] = [
        (
            "a",
            written(&|buf| derive_to_writer(&derived, &target, buf)),
        ),
        (
            "a2",
            written(&|buf| derive_write_json(&derived, &target, buf)),
        ),
        (
            "b'",
            written(&|buf| _ = typical_json(&plain, Some(TARGET), buf)),
        ),
        ("c", written(&|buf| _ = thiserror_owned(&this, TARGET, buf))),
        ("d", written(&|buf| _ = serde_floor(&plain, TARGET, buf))),
        ("e", written(&|buf| _ = raw_floor(&plain, TARGET, buf))),
        (
            "e2",
            written(&|buf| _ = raw_floor_fmt_integer(&plain, TARGET, buf)),
        ),
    ];
    for (name, json) in &exact {
        assert_eq!(json, EXPECTED, "path ({name}) writes another envelope");
    }

    // The fresh-target paths: JSON-equal once the target is replaced, and the target a v4 UUID.
    let expected: serde_json::Value = serde_json::from_str(EXPECTED).unwrap();
    let fresh = [
        (
            "a-fresh",
            written(&|buf| derive_fresh_target(&derived, buf)),
        ),
        ("b", written(&|buf| _ = typical_json(&plain, None, buf))),
    ];
    for (name, json) in &fresh {
        let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
        let id = value["error"]["target"].as_str().unwrap().to_owned();
        let uuid = uuid::Uuid::parse_str(&id).unwrap();
        assert_eq!(uuid.get_version_num(), 4, "path ({name})");
        assert_eq!(id, uuid.hyphenated().to_string(), "path ({name})");
        value["error"]["target"] = TARGET.into();
        assert_eq!(value, expected, "path ({name}) writes another envelope");
    }

    // The raw floor's escaping follows serde_json's rules on every byte below 0x80.
    for b in 0u8..0x80 {
        let s = format!("a{}b", char::from(b));
        let mut raw = b"\"".to_vec();
        push_escaped(&mut raw, &s);
        raw.push(b'"');
        assert_eq!(raw, serde_json::to_vec(&s).unwrap(), "byte {b:#04x}");
    }
    for n in [0, 7, 10, 99, 100, MACHINE, u64::MAX] {
        let mut digits = Vec::new();
        push_u64(&mut digits, n);
        assert_eq!(digits, n.to_string().as_bytes());
    }

    // The problem+json paths write the same document.
    let problem: [(&str, String); 4] = [
        (
            "p",
            written(&|buf| problem_to_writer(&derived, &target, buf)),
        ),
        (
            "p2",
            written(&|buf| problem_write_json(&derived, &target, buf)),
        ),
        (
            "pd",
            written(&|buf| _ = problem_serde_floor(&plain, TARGET, buf)),
        ),
        (
            "pe",
            written(&|buf| _ = problem_raw_floor(&plain, TARGET, buf)),
        ),
    ];
    for (name, json) in &problem {
        assert_eq!(
            json, PROBLEM_EXPECTED,
            "path ({name}) writes another document"
        );
    }

    // And the hand-written matches agree with the derive.
    assert_eq!(derived.code(), plain.code());
    assert_eq!(derived.status(), plain.status());
    assert_eq!((this.code(), this.status()), (plain.code(), plain.status()));
    let batch = DerivedError::BatchTooLarge {
        received: 5000,
        allowed: 1000,
    };
    let plain_batch = PlainError::BatchTooLarge {
        received: 5000,
        allowed: 1000,
    };
    let batch_expected = written(&|buf| derive_to_writer(&batch, &target, buf));
    assert_eq!(
        written(&|buf| _ = raw_floor(&plain_batch, TARGET, buf)),
        batch_expected
    );
    assert_eq!(
        written(&|buf| _ = serde_floor(&plain_batch, TARGET, buf)),
        batch_expected
    );
}

// ---------------------------------------------------------------------------------------
// Languages: the body step of the web core (`web/response.rs`), which picks the message's
// language from `Accept-Language` and writes the envelope, in the default language
// straight, in another through `Localized`.

/// `DerivedError::MachineNotFound` with a Swedish translation.
#[derive(Debug, ApiError)]
enum BilingualError {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found",
        msg(sv = "Datorn <0> hittades inte")
    )]
    MachineNotFound(u64),
}

/// What the web core does for the body (`web/language.rs`, `Speech::choose`,
/// then `Speech::write_with`): the error's languages are read for
/// `Content-Language`; without `Accept-Language` that is all, and the error is
/// written as declared (no lookup, no comparison); with one, RFC 4647 lookup
/// among the error's languages, and only a language other than the default
/// takes the detour through `lang::Localized`.
fn respond(
    err: &dyn ApiError,
    accept_language: Option<&str>,
    target: &CorrelationId,
    buf: &mut Vec<u8>,
) {
    // The core names the language in `Content-Language` from this.
    let languages = black_box(err.languages());
    let localized = match (accept_language, languages.split_first()) {
        (Some(header), Some((default, more))) if !more.is_empty() => {
            rest_error::lang::lookup(header, languages)
                .filter(|lang| !lang.eq_ignore_ascii_case(default))
        }
        _ => None,
    };
    match localized {
        None => err.envelope_with_target(target.clone()).write_json(buf),
        Some(lang) => rest_error::lang::Localized::new(err, lang)
            .envelope_with_target(target.clone())
            .write_json(buf),
    }
}

/// The default path (no `Accept-Language`, or one resolving to the default) beside
/// today's path (an error in one language) and a message localized to Swedish.
#[divan::bench_group]
mod languages {
    use super::*;

    /// Today: an error in one language, written directly (`a2` above).
    #[divan::bench]
    fn l1_today_one_language(bencher: Bencher) {
        let err = DerivedError::MachineNotFound(MACHINE);
        let target = CorrelationId::parse(TARGET).unwrap();
        bench_into(bencher, |buf| {
            derive_write_json(black_box(&err), &target, buf)
        });
    }

    /// The same error with a translation, through the language step, no header.
    #[divan::bench]
    fn l2_default_no_accept_language(bencher: Bencher) {
        let err = BilingualError::MachineNotFound(MACHINE);
        let target = CorrelationId::parse(TARGET).unwrap();
        bench_into(bencher, |buf| {
            respond(black_box(&err), black_box(None), &target, buf)
        });
    }

    /// A header that resolves to the default (`fr` is not offered; `en` is).
    #[divan::bench]
    fn l3_default_by_accept_language(bencher: Bencher) {
        let err = BilingualError::MachineNotFound(MACHINE);
        let target = CorrelationId::parse(TARGET).unwrap();
        let header = Some("fr-CH, fr;q=0.9, en;q=0.8");
        bench_into(bencher, |buf| {
            respond(black_box(&err), black_box(header), &target, buf)
        });
    }

    /// The message in Swedish, picked by the issue's header.
    #[divan::bench]
    fn l4_localized_swedish(bencher: Bencher) {
        let err = BilingualError::MachineNotFound(MACHINE);
        let target = CorrelationId::parse(TARGET).unwrap();
        let header = Some("sv-SE, en;q=0.5");
        bench_into(bencher, |buf| {
            respond(black_box(&err), black_box(header), &target, buf)
        });
    }
}

/// The language paths write what they should.
fn check_languages() {
    let target = CorrelationId::parse(TARGET).unwrap();
    let written = |header: Option<&str>| {
        let mut buf = Vec::new();
        respond(
            &BilingualError::MachineNotFound(MACHINE),
            header,
            &target,
            &mut buf,
        );
        String::from_utf8(buf).unwrap()
    };
    assert_eq!(written(None), EXPECTED);
    assert_eq!(written(Some("fr-CH, fr;q=0.9, en;q=0.8")), EXPECTED);
    assert_eq!(
        written(Some("sv-SE, en;q=0.5")),
        EXPECTED.replace(
            "Machine 123123123 was not found",
            "Datorn 123123123 hittades inte"
        )
    );
}

/// The string-field paths write the same envelope as serde_json does.
fn check_strings() {
    let target = CorrelationId::parse(TARGET).unwrap();
    for (derived, plain) in string_errors() {
        let reference = serde_json::to_string(&serde_json::json!({"error": {
            "code": plain.code(),
            "message": FloorStringMessage(&plain).to_string(),
            "target": TARGET,
        }}))
        .unwrap();
        let mut paths = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
        serde_json::to_writer(&mut paths[0], &derived.envelope_with_target(target.clone()))
            .unwrap();
        derived
            .envelope_with_target(target.clone())
            .write_json(&mut paths[1]);
        string_serde_floor(&plain, TARGET, &mut paths[2]);
        string_raw_floor(&plain, TARGET, &mut paths[3]);
        for (name, json) in ["a", "a2", "d", "e"].iter().zip(&paths) {
            assert_eq!(
                std::str::from_utf8(json).unwrap(),
                reference,
                "path ({name})"
            );
        }
        assert_eq!(
            (derived.code(), derived.status()),
            (plain.code(), plain.status())
        );
    }
    assert_eq!(URL.len(), 51);
}

fn main() {
    check_outputs_agree();
    check_languages();
    check_strings();
    divan::Divan::default()
        .sample_count(1000)
        .sample_size(200)
        .config_with_args()
        .main();
}
