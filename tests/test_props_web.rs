//! The request headers the web core parses: `Accept` (which error format
//! answers) and the incoming id (`x-request-id`, else W3C `traceparent`).
//! Each never panics on any bytes, and decides exactly as a reference written
//! here from the specifications: RFC 9110's grammar for `Accept`, W3C Trace
//! Context's for `traceparent`. The ids are checked through a real axum
//! router, in process.
#![cfg(feature = "axum")]

mod props;

use std::sync::LazyLock;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Request};
use proptest::prelude::*;
use rest_error::axum::CorrelationLayer;
use rest_error::web::WebSettings;
use tower::ServiceExt as _;

const JSON: &str = "application/json";
const PROBLEM: &str = "application/problem+json";

// ---------------------------------------------------------------------------
// Accept: `#( media-range [ weight ] )` (RFC 9110 §12.5.1, §5.6).

/// A small recursive-descent reader of one header value.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn ows(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        let found = self.peek() == Some(b);
        self.at += usize::from(found);
        found
    }

    fn token(&mut self) -> Option<&'a [u8]> {
        let start = self.at;
        while self.peek().is_some_and(is_tchar) {
            self.at += 1;
        }
        (self.at > start).then(|| &self.bytes[start..self.at])
    }

    /// `DQUOTE *( qdtext / quoted-pair ) DQUOTE`.
    fn quoted(&mut self) -> Option<()> {
        let qdtext = |b: u8| {
            b == b'\t'
                || b == b' '
                || b == 0x21
                || (0x23..=0x7e).contains(&b) && b != b'\\'
                || b >= 0x80
        };
        let pair = |b: u8| b == b'\t' || b == b' ' || (0x21..=0x7e).contains(&b) || b >= 0x80;
        if !self.eat(b'"') {
            return None;
        }
        loop {
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                b'\\' => {
                    self.at += 1;
                    if !pair(self.peek()?) {
                        return None;
                    }
                    self.at += 1;
                }
                b if qdtext(b) => self.at += 1,
                _ => return None,
            }
        }
    }

    /// `media-range *( OWS ";" OWS [ parameter ] )` → type, subtype, weight.
    fn element(&mut self) -> Option<(String, String, u16)> {
        let ty = self.token()?;
        if !self.eat(b'/') {
            return None;
        }
        let sub = self.token()?;
        // `*/subtype` names no media range (the crate reads it as malformed).
        if ty == b"*" && sub != b"*" {
            return None;
        }
        let mut q = 1000;
        loop {
            let before = self.at;
            self.ows();
            if !self.eat(b';') {
                self.at = before;
                break;
            }
            self.ows();
            if let Some(name) = self.token() {
                if !self.eat(b'=') {
                    return None;
                }
                let start = self.at;
                if self.peek() == Some(b'"') {
                    self.quoted()?;
                } else {
                    self.token()?;
                }
                if name.eq_ignore_ascii_case(b"q") {
                    q = qvalue(&self.bytes[start..self.at])?;
                }
            }
        }
        let lower = |s: &[u8]| String::from_utf8_lossy(s).to_ascii_lowercase();
        Some((lower(ty), lower(sub), q))
    }

    /// The whole value: elements separated by `,`, empty ones allowed.
    fn list(mut self) -> Option<Vec<(String, String, u16)>> {
        let mut elements = Vec::new();
        loop {
            self.ows();
            match self.peek() {
                None => return Some(elements),
                Some(b',') => self.at += 1,
                Some(_) => {
                    elements.push(self.element()?);
                    self.ows();
                    if self.peek().is_some() && !self.eat(b',') {
                        return None;
                    }
                }
            }
        }
    }
}

/// `( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`, in thousandths.
fn qvalue(text: &[u8]) -> Option<u16> {
    let text = std::str::from_utf8(text).ok()?;
    let (whole, fraction) = text.split_at(text.find('.').unwrap_or(text.len()));
    let fraction = fraction.strip_prefix('.').unwrap_or(fraction);
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths: u16 = format!("{fraction:0<3}").parse().ok()?;
    match (whole, thousandths) {
        ("0", q) => Some(q),
        ("1", 0) => Some(1000),
        _ => None,
    }
}

/// The documented choice between the envelope and problem+json: problem+json
/// when `Accept` names it exactly with a weight above 0 and at least the best
/// weight of a range matching `application/json`; the envelope when `Accept`
/// is absent or malformed.
fn ref_format(values: &[Vec<u8>]) -> &'static str {
    let mut elements = Vec::new();
    for value in values {
        match (Reader {
            bytes: value,
            at: 0,
        })
        .list()
        {
            Some(more) => elements.extend(more),
            None => return JSON,
        }
    }
    let best = |matches: &dyn Fn(&str, &str) -> bool| {
        elements
            .iter()
            .filter(|(ty, sub, _)| matches(ty, sub))
            .map(|(_, _, q)| *q)
            .max()
            .unwrap_or(0)
    };
    let json = best(&|ty, sub| ty == "*" || (ty == "application" && (sub == "*" || sub == "json")));
    let problem = best(&|ty, sub| ty == "application" && sub == "problem+json");
    if problem > 0 && problem >= json {
        PROBLEM
    } else {
        JSON
    }
}

fn accept_value() -> impl Strategy<Value = Vec<u8>> {
    let range = proptest::sample::select(vec![
        "application/json",
        "application/problem+json",
        "APPLICATION/Problem+JSON",
        "application/*",
        "*/*",
        "*/json",
        "text/html",
        "application/xml",
        "application",
        "/json",
        "application/",
        "a/b/c",
        "application /json",
        "",
        "*",
        "application/problem+json+x",
    ]);
    let param = proptest::sample::select(vec![
        "",
        ";q=0",
        ";q=0.5",
        "; q=1",
        ";Q=0.250",
        ";q=1.000",
        ";q=1.5",
        ";q=0.1234",
        ";q=.5",
        ";q=",
        ";x=1",
        " ;\tq=0.9",
        ";q=0.",
        ";q=01",
        ";;q=0.3",
        ";",
        ";charset=utf-8",
        ";x=\"a,b;q=1\"",
        ";x=\"\\\"\"",
        ";x=\"unclosed",
        ";q=\"0.5\"",
        ";q =0.5",
        ";x=a b",
        ";level=1;q=0.2",
        ";x=\"é\"",
        ";x=\"\\\u{7f}\"",
    ]);
    let element = (range, param.clone(), param).prop_map(|(range, a, b)| format!("{range}{a}{b}"));
    prop_oneof![
        6 => proptest::collection::vec(element, 0..6).prop_map(|elements| elements.join(",").into_bytes()),
        1 => "[a-z*/+;=,. \t\"\\\\0-9]{0,40}".prop_map(String::into_bytes),
        1 => proptest::collection::vec(any::<u8>(), 0..40),
    ]
}

/// `value` with every byte an `http` header value may not hold (what is not
/// HTAB, visible ASCII, space or obs-text) replaced by `x`: what a server can
/// receive.
fn receivable(value: &[u8]) -> Vec<u8> {
    let safe = |b: u8| b == b'\t' || (0x20..=0x7e).contains(&b) || b >= 0x80;
    let value: Vec<u8> = value
        .iter()
        .map(|&b| if safe(b) { b } else { b'x' })
        .collect();
    assert!(HeaderValue::from_bytes(&value).is_ok(), "{value:?}");
    value
}

// ---------------------------------------------------------------------------
// Incoming ids.

/// W3C Trace Context `traceparent`: `version "-" trace-id "-" parent-id "-"
/// flags`, lowercase hex of 2, 32, 16, 2 digits; version `ff` invalid; ids not
/// all zero; version `00` exactly that, a later version may go on after a `-`.
/// Surrounding whitespace (SP, HTAB) is not part of a header value.
fn ref_trace_id(value: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(value).ok()?.trim_matches([' ', '\t']);
    let head = text.get(..55)?;
    let rest = &text[55..];
    let fields: Vec<&str> = head.split('-').collect();
    let [version, trace, parent, flags] = fields[..] else {
        return None;
    };
    let hex = |s: &str, len: usize| {
        s.len() == len && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    };
    let ok = hex(version, 2)
        && hex(trace, 32)
        && hex(parent, 16)
        && hex(flags, 2)
        && version != "ff"
        && trace.bytes().any(|b| b != b'0')
        && parent.bytes().any(|b| b != b'0')
        && (rest.is_empty() || (version != "00" && rest.starts_with('-')));
    ok.then(|| trace.to_owned())
}

fn is_correlation_id(value: &[u8]) -> bool {
    (1..=128).contains(&value.len()) && value.iter().all(|b| (0x21..=0x7e).contains(b))
}

fn is_fresh_uuid(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            14 => c == b'4',
            19 => matches!(c, b'8' | b'9' | b'a' | b'b'),
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(&c),
        })
}

fn traceparent() -> impl Strategy<Value = Vec<u8>> {
    let hex = |len: usize| proptest::string::string_regex(&format!("[0-9a-f]{{{len}}}")).unwrap();
    let part = |len: usize| {
        prop_oneof![
            6 => hex(len),
            1 => Just("0".repeat(len)),
            1 => proptest::string::string_regex(&format!("[0-9a-fA-Fg]{{{}}}", len)).unwrap(),
            1 => proptest::string::string_regex(&format!("[0-9a-f]{{{},{}}}", len.saturating_sub(1), len + 1)).unwrap(),
        ]
    };
    let structured = (
        proptest::sample::select(vec!["", " ", "\t"]),
        prop_oneof![4 => Just("00".to_owned()), 1 => Just("ff".to_owned()), 2 => part(2)],
        part(32),
        part(16),
        part(2),
        proptest::sample::select(vec!["", "", "-", "-abc", "x", "-00-11", "--"]),
        proptest::sample::select(vec!["", " ", "\t"]),
    )
        .prop_map(|(a, v, t, p, f, rest, z)| format!("{a}{v}-{t}-{p}-{f}{rest}{z}").into_bytes());
    prop_oneof![
        6 => structured,
        1 => "[0-9a-f-]{50,60}".prop_map(String::into_bytes),
        1 => proptest::collection::vec(any::<u8>(), 0..64),
    ]
}

fn request_id() -> impl Strategy<Value = Option<Vec<u8>>> {
    proptest::option::weighted(
        0.5,
        prop_oneof![
            "[!-~]{1,130}".prop_map(String::into_bytes),
            proptest::collection::vec(any::<u8>(), 0..20),
            Just(Vec::new()),
        ],
    )
}

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime")
});

static APP: LazyLock<Router> = LazyLock::new(|| {
    Router::new()
        .fallback(rest_error::axum::fallback)
        .layer(CorrelationLayer::new(WebSettings::default()))
});

/// The `target` and `x-request-id` of a 404 from the router for these headers.
fn answer(request_id: Option<&[u8]>, traceparent: &[u8]) -> (String, String) {
    let mut request = Request::get("/nowhere");
    if let Some(id) = request_id {
        request = request.header("x-request-id", id);
    }
    let request = request
        .header("traceparent", traceparent)
        .body(Body::empty())
        .expect("a request");
    RUNTIME.block_on(async {
        let response = APP.clone().oneshot(request).await.expect("infallible");
        assert_eq!(response.status(), 404);
        let echoed = response.headers()["x-request-id"]
            .to_str()
            .expect("visible ASCII")
            .to_owned();
        let body = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .expect("a body");
        let json: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
        let target = json["error"]["target"]
            .as_str()
            .expect("a target")
            .to_owned();
        (target, echoed)
    })
}

proptest! {
    #![proptest_config(props::config(3000))]

    #[test]
    fn accept_never_panics(values in proptest::collection::vec(accept_value(), 0..3)) {
        let settings = WebSettings::default();
        let _ = settings.format_for(values.iter().map(Vec::as_slice)).media_type();
    }

    #[test]
    fn accept_chooses_as_rfc_9110_reads(values in proptest::collection::vec(accept_value(), 0..3)) {
        let values: Vec<Vec<u8>> = values.iter().map(|value| receivable(value)).collect();
        let settings = WebSettings::default();
        let chosen = settings.format_for(values.iter().map(Vec::as_slice)).media_type();
        let readable: Vec<String> = values.iter().map(|v| String::from_utf8_lossy(v).into_owned()).collect();
        prop_assert_eq!(chosen, ref_format(&values), "{:?}", readable);
    }

    #[test]
    fn the_incoming_id_is_the_valid_one(id in request_id(), traceparent in traceparent()) {
        let (id, traceparent) = (id.as_deref().map(receivable), receivable(&traceparent));
        let (target, echoed) = answer(id.as_deref(), &traceparent);
        prop_assert_eq!(&target, &echoed);
        match (id.filter(|id| is_correlation_id(id)), ref_trace_id(&traceparent)) {
            (Some(id), _) => prop_assert_eq!(target.as_bytes(), &id[..]),
            (None, Some(trace)) => prop_assert_eq!(target, trace),
            (None, None) => prop_assert!(is_fresh_uuid(&target), "{}", target),
        }
    }
}
