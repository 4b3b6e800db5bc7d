//! A randomized harness for every parser of outside input, outside CI (see
//! README, *Reliability*):
//!
//! ```text
//! cargo run --release --features axum --example fuzz_parsers -- 10000000 [seed]
//! ```
//!
//! feeds N inputs (default 1,000,000) to each parser: the `msg` template
//! parser of the derive, the client's error-document parser (`from_slice` and
//! `from_parts`), `CorrelationId::parse`, `traceparent` and `x-request-id` (through
//! a real axum router with the correlation layer, in process), `Accept`
//! (`WebSettings::format_for`), `Accept-Language` (`lang::ranges`, `lang::lookup`)
//! and the JSON body extractor (`rest_error::axum::Json`, through the same
//! router). Inputs are seed documents mutated at random (bytes flipped, tokens
//! of the grammar inserted, slices cut, duplicated, truncated) and plain random
//! bytes, from a fixed seed, so a run repeats exactly. Each call runs under
//! `catch_unwind`; the run reports inputs per second per parser and the panics,
//! and exits with status 1 if there was any. Answers are checked too: every
//! router response is a 2xx or a 4xx whose body is an error document with a
//! valid `target`.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode};
use axum::routing::post;
use rest_error::axum::{CorrelationLayer, Json};
use rest_error::web::WebSettings;
use rest_error::{CorrelationId, ErrorResponse, lang};
use serde::Deserialize;
use tower::ServiceExt as _;

/// The derive's template parser, compiled here as it is in the macro crate.
#[allow(dead_code)]
#[path = "../macros/src/template.rs"]
mod template;

/// splitmix64: fast, and the same numbers from the same seed everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }

    fn byte(&mut self) -> u8 {
        self.next().to_le_bytes()[0]
    }
}

/// Seed inputs and grammar tokens of one parser.
struct Grammar {
    seeds: &'static [&'static str],
    tokens: &'static [&'static str],
}

/// One input: usually a mutated seed, sometimes random bytes.
fn input(rng: &mut Rng, grammar: &Grammar, out: &mut Vec<u8>) {
    out.clear();
    if rng.below(8) == 0 {
        let len = rng.below(96);
        out.extend((0..len).map(|_| rng.byte()));
        return;
    }
    out.extend_from_slice(grammar.seeds[rng.below(grammar.seeds.len())].as_bytes());
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let at = at.min(out.len() - 1);
                out[at] = rng.byte();
            }
            1 => {
                let token = grammar.tokens[rng.below(grammar.tokens.len())].as_bytes();
                out.splice(at..at, token.iter().copied());
            }
            2 => {
                let end = (at + rng.below(16)).min(out.len());
                out.drain(at..end);
            }
            3 => out.truncate(at),
            4 => {
                let end = (at + rng.below(24)).min(out.len());
                let copy = out[at..end].to_vec();
                let to = rng.below(out.len() + 1);
                out.splice(to..to, copy);
            }
            _ => {
                let count = rng.below(4) + 1;
                for _ in 0..count {
                    out.insert(at.min(out.len()), rng.byte());
                }
            }
        }
    }
}

/// `bytes` as an `http` header value can hold them (other bytes become `x`).
fn header_bytes(bytes: &[u8]) -> Vec<u8> {
    bytes
        .iter()
        .map(|&b| {
            if b == b'\t' || (0x20..=0x7e).contains(&b) || b >= 0x80 {
                b
            } else {
                b'x'
            }
        })
        .collect()
}

const TEMPLATE: Grammar = Grammar {
    seeds: &[
        "Machine <0> was not found",
        "URL <url:?> is invalid; allowed: <names:, >",
        "<r#type> {0} {name} {{x}} << >",
        "Fält <fält> är ogiltigt <1> <2:; >",
        "",
    ],
    tokens: &[
        "<", ">", "<<", "{", "}", "{{", ":", "?", "r#", "0", "01", "a", "é", "日本", " ",
    ],
};

const CLIENT: Grammar = Grammar {
    seeds: &[
        r#"{"error":{"code":"ResourceNotFound","message":"Machine 1 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#,
        r#"{"error":{"code":"InvalidInput","message":"2 fields","target":"t","details":[{"code":"X","message":"é\n\u0000","target":"a[1]"}],"innererror":{"trace":[1,{"a":null}]}}}"#,
        r#"{"type":"https://errors.example.com/OutOfCredit","title":"Forbidden","status":403,"detail":"Balance 30","code":"OutOfCredit","target":"req-7","instance":"/a/1"}"#,
        "\u{feff}{\"title\":\"Not Found\",\"status\":404}",
        "<html><body>502 Bad Gateway</body></html>",
    ],
    tokens: &[
        "{",
        "}",
        "[",
        "]",
        "\"",
        "\\",
        ",",
        ":",
        "null",
        "1e999",
        "-0",
        "\"error\":",
        "\"details\":[",
        "\\u",
        "\\ud800",
        "\u{ff}",
        "[[[[[[[[",
        "\"type\":\"x\"",
    ],
};

const ID: Grammar = Grammar {
    seeds: &[
        "43f4cb08-8fac-4b65-9db1-745c2ae65f3a",
        "req-42",
        "a\"b\\c",
        "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456",
    ],
    tokens: &[" ", "\r\n", "\"", "\\", "é", "\u{7f}", "\0", "~", "!", "-"],
};

const TRACEPARENT: Grammar = Grammar {
    seeds: &[
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-00",
        " ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\t",
    ],
    tokens: &["-", "0", "f", "F", "ff", "00", " ", "g", "--", "\t"],
};

const ACCEPT: Grammar = Grammar {
    seeds: &[
        "application/problem+json",
        "application/json;q=0.9, application/problem+json",
        "*/*;q=0.1, text/html;level=\"a,b\", application/*;q=0.5",
        "application/problem+json;q=0.000, application/json;q=0",
    ],
    tokens: &[
        ",",
        ";",
        "=",
        "q=",
        "q=1",
        "q=0.",
        "\"",
        "\\",
        "/",
        "*",
        " ",
        "\t",
        "application",
        "problem+json",
        "1.000",
        "0.5",
    ],
};

const ACCEPT_LANGUAGE: Grammar = Grammar {
    seeds: &[
        "sv-SE, en;q=0.5",
        "zh-Hant-CN-x-private1-private2;q=0.3, *;q=0, de",
        "de-CH-1996, fr;q=0.9, sv;q=0",
        "en-US,en;q=0.9,sv;q=0.8,de;q=0.7,fr;q=0.6,it;q=0.5,nl;q=0.4,da;q=0.3",
    ],
    tokens: &[
        ",", ";", "q=", "Q=", "-", "*", " ", "\t", "x", "1.000", "0.", "en", "é",
    ],
};

const BODY: Grammar = Grammar {
    seeds: &[
        r#"{"name":"disk","count":3,"tags":["a","b"],"extra":{"k":1}}"#,
        r#"{"name":"x","count":4294967295,"tags":[],"extra":{}}"#,
        r#"{"Name":"case","count":1,"tags":["é"],"extra":{"\u0000":-1}}"#,
        r#"{"count":"3","tags":null}"#,
        "[]",
    ],
    tokens: &[
        "{",
        "}",
        "[",
        "]",
        "\"",
        "\\",
        ",",
        ":",
        "null",
        "1e999",
        "-1",
        "\"name\":",
        "\"extra\":{",
        "\\ud800",
        "\u{ff}",
        "[[[[[[[[",
        "\r\n",
        "\"count\":",
    ],
};

/// The body of `POST /items`.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Item {
    name: String,
    count: u32,
    tags: Vec<String>,
    extra: HashMap<String, i64>,
}

fn app() -> Router {
    Router::new()
        .route(
            "/items",
            post(|Json(item): Json<Item>| async move { item.name }),
        )
        .fallback(rest_error::axum::fallback)
        .layer(CorrelationLayer::new(WebSettings::default()))
}

/// What one run found for one parser.
struct Report {
    name: &'static str,
    inputs: u64,
    seconds: f64,
    panics: u64,
    note: String,
}

static PANICS_SHOWN: AtomicUsize = AtomicUsize::new(0);
static IN_PARSER: AtomicBool = AtomicBool::new(false);

/// Feeds `count` inputs of `grammar` to `parse`, each under `catch_unwind`;
/// `parse` says whether the input was accepted (`accepted_means` says what that is).
fn run(
    name: &'static str,
    accepted_means: &str,
    count: u64,
    seed: u64,
    grammar: &Grammar,
    mut parse: impl FnMut(&[u8]) -> bool,
) -> Report {
    let mut rng = Rng(seed
        ^ name
            .bytes()
            .fold(0u64, |h, b| h.wrapping_mul(31) ^ u64::from(b)));
    let mut buf = Vec::with_capacity(256);
    let (mut panics, mut accepted) = (0, 0u64);
    let start = Instant::now();
    for i in 0..count {
        input(&mut rng, grammar, &mut buf);
        IN_PARSER.store(true, Ordering::Relaxed);
        let result = catch_unwind(AssertUnwindSafe(|| parse(&buf)));
        IN_PARSER.store(false, Ordering::Relaxed);
        match result {
            Ok(ok) => accepted += u64::from(ok),
            Err(_) => {
                panics += 1;
                if PANICS_SHOWN.fetch_add(1, Ordering::Relaxed) < 5 {
                    eprintln!(
                        "{name}: panic on input {i}: {:?}",
                        String::from_utf8_lossy(&buf)
                    );
                }
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let share = accepted as f64 * 100.0 / count.max(1) as f64;
    eprintln!("{name}: {count} inputs in {seconds:.1} s, {panics} panics");
    Report {
        name,
        inputs: count,
        seconds,
        panics,
        note: format!("{share:.1}% {accepted_means}"),
    }
}

/// A router answer: the status, and the `target` when the body is an error
/// document with a valid one.
async fn call(app: &Router, request: Request<Body>) -> (StatusCode, Option<String>) {
    let response = app
        .clone()
        .oneshot(request)
        .await
        .unwrap_or_else(|e| match e {});
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap_or_default();
    let target = ErrorResponse::from_slice(&body)
        .ok()
        .and_then(|doc| doc.error.target)
        .filter(|target| CorrelationId::parse(target).is_ok());
    (status, target)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let count: u64 = args
        .next()
        .map_or(Ok(1_000_000), |arg| arg.replace('_', "").parse())
        .expect("usage: fuzz_parsers [inputs per parser] [seed]");
    let seed: u64 = args
        .next()
        .map_or(Ok(0x0f0f_5eed), |arg| arg.parse())
        .expect("the seed is a number");
    // A panic of a parser is counted, and the first few inputs shown, by `run`;
    // one of the harness itself is reported as usual.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !IN_PARSER.load(Ordering::Relaxed) {
            default_hook(info);
        }
    }));

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a tokio runtime");
    let app = app();
    let settings = WebSettings::default();
    let available = ["en", "sv", "de-CH", "zh-Hant"];
    let unsound = AtomicUsize::new(0);
    let started = Instant::now();

    let reports = vec![
        run("template", "parsed", count, seed, &TEMPLATE, |input| {
            template::parse(&String::from_utf8_lossy(input)).is_ok()
        }),
        run(
            "client",
            "read as an error document",
            count,
            seed,
            &CLIENT,
            |input| {
                let whole = ErrorResponse::from_parts(
                    404,
                    [("x-request-id", &input[..input.len().min(8)])],
                    input,
                );
                std::hint::black_box(whole.to_string());
                ErrorResponse::from_slice(input).is_ok()
            },
        ),
        run("id", "valid", count, seed, &ID, |input| {
            std::str::from_utf8(input).is_ok_and(|text| CorrelationId::parse(text).is_ok())
        }),
        run(
            "traceparent",
            "gave the target",
            count,
            seed,
            &TRACEPARENT,
            |input| {
                let value = HeaderValue::from_bytes(&header_bytes(input)).expect("a header value");
                let request = Request::get("/nowhere")
                    .header("traceparent", value)
                    .body(Body::empty())
                    .expect("a request");
                let (status, target) = runtime.block_on(call(&app, request));
                if status != StatusCode::NOT_FOUND || target.is_none() {
                    unsound.fetch_add(1, Ordering::Relaxed);
                }
                // Accepted: the target is the trace id (32 hex digits), not a fresh UUID.
                target.is_some_and(|target| target.len() == 32)
            },
        ),
        run(
            "accept",
            "chose problem+json",
            count,
            seed,
            &ACCEPT,
            |input| settings.format_for([input]).media_type() == "application/problem+json",
        ),
        run(
            "accept-language",
            "found a language",
            count,
            seed,
            &ACCEPT_LANGUAGE,
            |input| {
                let header = String::from_utf8_lossy(input);
                std::hint::black_box(lang::ranges(&header).count());
                lang::lookup(&header, &available).is_some()
            },
        ),
        run("json-body", "deserialized", count, seed, &BODY, |input| {
            let mut request = Request::post("/items");
            // Mostly JSON; sometimes no or another content type, or a bad id.
            match input.first().map_or(0, |b| b % 16) {
                0 => {}
                1 => request = request.header("content-type", "text/plain"),
                2 => request = request.header("x-request-id", "bad id"),
                _ => request = request.header("content-type", "application/json"),
            }
            let request = request.body(Body::from(input.to_vec())).expect("a request");
            let (status, target) = runtime.block_on(call(&app, request));
            if !(status.is_success() || (status.is_client_error() && target.is_some())) {
                unsound.fetch_add(1, Ordering::Relaxed);
            }
            status.is_success()
        }),
    ];

    println!(
        "fuzz_parsers: {count} inputs per parser, seed {seed}, {:.0} s in all",
        started.elapsed().as_secs_f64()
    );
    println!(
        "{:<16} {:>12} {:>9} {:>12} {:>7}  note",
        "parser", "inputs", "seconds", "inputs/s", "panics"
    );
    for report in &reports {
        println!(
            "{:<16} {:>12} {:>9.1} {:>12.0} {:>7}  {}",
            report.name,
            report.inputs,
            report.seconds,
            report.inputs as f64 / report.seconds.max(1e-9),
            report.panics,
            report.note
        );
    }
    let panics: u64 = reports.iter().map(|report| report.panics).sum();
    let unsound = unsound.load(Ordering::Relaxed);
    println!(
        "panics: {panics}; router answers that were not a 2xx or a sound 4xx error document: {unsound}"
    );
    if panics > 0 || unsound > 0 {
        std::process::exit(1);
    }
}
