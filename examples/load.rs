//! Load and faults against a real server, outside CI (see README, *Reliability*):
//!
//! ```text
//! cargo run --release --features "axum actix-web" --example load -- axum  [requests] [connections]
//! cargo run --release --features "axum actix-web" --example load -- actix [requests] [connections]
//! ```
//!
//! starts the framework's server (the correlation layer or middleware, default
//! settings, a 64 KiB body limit, 2 worker threads) in a child process on
//! 127.0.0.1, then sends it 100,000 requests (by default) over 256 concurrent
//! keep-alive connections with hyper's HTTP/1.1 client, mixing successes, a
//! derived 404, unknown routes, a 500 whose internal cause must never reach
//! the body, bad and oversize bodies, invalid and valid incoming ids, and a
//! handler that panics. It reports requests per second and checks:
//!
//! - every request got a response with a status line (none lost to a closed
//!   connection), with the status its route gives;
//! - every error response's `target` equals its `x-request-id` header, equals
//!   the id sent when a valid one was, and is unique across the run otherwise;
//! - no 5xx body holds any 6-byte run of the internal cause's text;
//! - the server's resident memory (its `/proc/self/status` `VmRSS`) at the
//!   start, once warm (10%), in the middle and at the end.
//!
//! It exits with status 1 when a check fails. The run is bounded: 10 minutes
//! in all, 30 seconds per request.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt as _, Full};
use hyper::body::Bytes;
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use rest_error::web::WebSettings;
use rest_error::{ApiError, ErrorResponse};
use serde::Deserialize;

/// Whether a panicking handler must be answered (a 500 `InternalServerError`
/// with the request's target, the connection kept). Panic catching in the
/// correlation layer and middleware lands separately; until then a panicking
/// request is counted and reported apart from the checks. Set to `true` once
/// it has landed, and the run fails on any panic that is not answered.
const PANICS_ANSWERED: bool = true;

/// The internal cause of the 500: it goes to the log, never to the caller.
const CAUSE: &str = "db-pool: connect 10.9.8.7:5432 refused (user=svc_orders, password=hunter2)";

const BODY_LIMIT: usize = 64 * 1024;

/// `display`: actix-web's `ResponseError` wants `Display` (the message).
#[derive(Debug, ApiError)]
#[api(display)]
enum LoadError {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found"
    )]
    MachineNotFound(u32),
    #[api(
        code = "InternalServerError",
        status = 500,
        msg = "The server could not answer"
    )]
    Internal {
        // Read by the 5xx log event, through `Debug`.
        #[allow(dead_code)]
        cause: String,
    },
}

fn internal() -> LoadError {
    LoadError::Internal {
        cause: CAUSE.to_owned(),
    }
}

/// The body of `POST /items`.
#[derive(Deserialize)]
struct Item {
    name: String,
    #[allow(dead_code)]
    count: u32,
}

/// This process's resident memory, in KiB.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmRSS:"))
                .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

const PANIC_MESSAGE: &str = "the handler panicked on purpose";

async fn panicking() -> &'static str {
    panic!("{}", PANIC_MESSAGE)
}

// ---------------------------------------------------------------------------
// The servers (run in a child process: `load serve axum|actix`).

fn serve_axum(listener: std::net::TcpListener) {
    use axum::Router;
    use axum::extract::{DefaultBodyLimit, Path};
    use axum::routing::{get, post};
    use rest_error::axum::{CorrelationLayer, Json};

    let app =
        Router::new()
            .route("/ok", get(|| async { "ok" }))
            .route(
                "/machines/{id}",
                get(|Path(id): Path<u32>| async move {
                    Err::<String, _>(LoadError::MachineNotFound(id))
                }),
            )
            .route("/fail", get(|| async { Err::<String, _>(internal()) }))
            .route(
                "/items",
                post(|Json(item): Json<Item>| async move { item.name }),
            )
            .route("/panic", get(panicking))
            .route("/rss", get(|| async { rss_kib().to_string() }))
            .fallback(rest_error::axum::fallback)
            .layer(DefaultBodyLimit::max(BODY_LIMIT))
            .layer(CorrelationLayer::new(WebSettings::default()));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        listener.set_nonblocking(true).expect("non-blocking");
        let listener = tokio::net::TcpListener::from_std(listener).expect("a listener");
        axum::serve(listener, app).await.expect("the server runs");
    });
}

fn serve_actix(listener: std::net::TcpListener) {
    use actix_web::{App, HttpServer, web};
    use rest_error::actix::{Correlation, Json};

    actix_web::rt::System::new().block_on(async move {
        HttpServer::new(|| {
            App::new()
                .app_data(web::PayloadConfig::new(BODY_LIMIT))
                .wrap(Correlation::new(WebSettings::default()))
                .route("/ok", web::get().to(|| async { "ok" }))
                .route(
                    "/machines/{id}",
                    web::get().to(|id: web::Path<u32>| async move {
                        Err::<String, _>(LoadError::MachineNotFound(id.into_inner()))
                    }),
                )
                .route(
                    "/fail",
                    web::get().to(|| async { Err::<String, _>(internal()) }),
                )
                .route(
                    "/items",
                    web::post().to(|Json(item): Json<Item>| async move { item.name }),
                )
                .route("/panic", web::get().to(panicking))
                .route("/rss", web::get().to(|| async { rss_kib().to_string() }))
                .default_service(web::to(rest_error::actix::not_found))
        })
        .workers(2)
        .disable_signals()
        .listen(listener)
        .expect("listen")
        .run()
        .await
        .expect("the server runs");
    });
}

/// The child: serves on an ephemeral port, says which on stdout, and exits
/// when its parent closes stdin (so it never outlives the run).
fn serve(framework: &str) {
    // The panicking route panics thousands of times: say so once, not each time.
    let default_hook = std::panic::take_hook();
    let said = std::sync::atomic::AtomicBool::new(false);
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        let on_purpose = message == Some(PANIC_MESSAGE);
        if !on_purpose {
            default_hook(info);
        } else if !said.swap(true, Ordering::Relaxed) {
            eprintln!("server: /panic panics on purpose (said once)");
        }
    }));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    println!("listening {}", listener.local_addr().expect("an address"));
    std::thread::spawn(|| {
        let mut sink = String::new();
        while std::io::stdin().read_line(&mut sink).is_ok_and(|n| n > 0) {}
        std::process::exit(0);
    });
    match framework {
        "axum" => serve_axum(listener),
        "actix" => serve_actix(listener),
        other => panic!("unknown framework {other:?}: axum or actix"),
    }
}

// ---------------------------------------------------------------------------
// The load.

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
enum Kind {
    Ok,
    ItemOk,
    NotFound,
    UnknownRoute,
    Internal,
    BadBody,
    Oversize,
    InvalidId,
    ValidId,
    Panic,
}

impl Kind {
    /// The mix, by request number: 100 slots.
    fn of(i: u64) -> Kind {
        match i % 100 {
            0..30 => Kind::Ok,
            30..37 => Kind::ItemOk,
            37..50 => Kind::NotFound,
            50..57 => Kind::UnknownRoute,
            57..65 => Kind::Internal,
            65..75 => Kind::BadBody,
            75..77 => Kind::Oversize,
            77..85 => Kind::InvalidId,
            85..97 => Kind::ValidId,
            _ => Kind::Panic,
        }
    }

    fn status(self) -> u16 {
        match self {
            Kind::Ok | Kind::ItemOk => 200,
            Kind::NotFound | Kind::UnknownRoute | Kind::InvalidId | Kind::ValidId => 404,
            Kind::Internal | Kind::Panic => 500,
            Kind::BadBody => 400,
            Kind::Oversize => 413,
        }
    }
}

const BAD_BODIES: [&str; 6] = [
    r#"{"name":"x","count":"three"}"#,
    r#"{"name":"x""#,
    r#"{"Name":"x","count":1}"#,
    "not json at all",
    r#"{"name":"x","count":-1}"#,
    r#"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["#,
];

const INVALID_IDS: [&str; 4] = ["has space", "é-non-ascii", "", "tab\there"];

/// Request `i`: its kind, and the id it sends when it sends a valid one.
fn request(i: u64, oversize: &Bytes) -> (Kind, Request<Full<Bytes>>, Option<String>) {
    let kind = Kind::of(i);
    let slot = usize::try_from(i / 100).unwrap_or(0);
    let (method, path, body) = match kind {
        Kind::Ok => (Method::GET, "/ok".to_owned(), Bytes::new()),
        Kind::ItemOk => (
            Method::POST,
            "/items".to_owned(),
            Bytes::from(format!(r#"{{"name":"item-{i}","count":{i}}}"#)),
        ),
        Kind::NotFound | Kind::InvalidId | Kind::ValidId => {
            (Method::GET, format!("/machines/{i}"), Bytes::new())
        }
        Kind::UnknownRoute => (Method::GET, format!("/nowhere/{i}"), Bytes::new()),
        Kind::Internal => (Method::GET, "/fail".to_owned(), Bytes::new()),
        Kind::BadBody => (
            Method::POST,
            "/items".to_owned(),
            Bytes::from_static(BAD_BODIES[slot % BAD_BODIES.len()].as_bytes()),
        ),
        Kind::Oversize => (Method::POST, "/items".to_owned(), oversize.clone()),
        Kind::Panic => (Method::GET, "/panic".to_owned(), Bytes::new()),
    };
    let mut builder = Request::builder()
        .method(method)
        .uri(path)
        .header("host", "127.0.0.1");
    if !body.is_empty() {
        builder = builder.header("content-type", "application/json");
    }
    let mut sent = None;
    match kind {
        Kind::InvalidId => {
            let id: &[u8] = if slot % 5 == 4 {
                &[b'a'; 200] // too long
            } else {
                INVALID_IDS[slot % INVALID_IDS.len()].as_bytes()
            };
            builder = builder.header("x-request-id", id);
        }
        Kind::ValidId => {
            let id = format!("load-{i}");
            builder = builder.header("x-request-id", &id);
            sent = Some(id);
        }
        _ => {}
    }
    let request = builder.body(Full::new(body)).expect("a request");
    (kind, request, sent)
}

/// What came back for one request.
enum Outcome {
    /// A response: status, `x-request-id`, body.
    Answered(u16, Option<String>, Bytes),
    /// The connection closed (or failed) before a status line arrived.
    NoStatusLine,
    TimedOut,
}

type Sender = hyper::client::conn::http1::SendRequest<Full<Bytes>>;

async fn connect(addr: SocketAddr) -> Sender {
    for _ in 0..100 {
        if let Ok(stream) = tokio::net::TcpStream::connect(addr).await {
            let _ = stream.set_nodelay(true);
            if let Ok((sender, connection)) =
                hyper::client::conn::http1::handshake(TokioIo::new(stream)).await
            {
                tokio::spawn(connection);
                return sender;
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("cannot connect to {addr}");
}

async fn send(sender: &mut Sender, request: Request<Full<Bytes>>) -> Outcome {
    let exchange = async {
        let response = sender.send_request(request).await.ok()?;
        let status = response.status().as_u16();
        let id = response
            .headers()
            .get("x-request-id")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body = response.into_body().collect().await.ok()?.to_bytes();
        Some(Outcome::Answered(status, id, body))
    };
    match tokio::time::timeout(Duration::from_secs(30), exchange).await {
        Ok(Some(outcome)) => outcome,
        Ok(None) => Outcome::NoStatusLine,
        Err(_) => Outcome::TimedOut,
    }
}

/// The tallies of a run.
#[derive(Default)]
struct Tally {
    by_kind: HashMap<Kind, u64>,
    no_status_line: HashMap<Kind, u64>,
    timed_out: u64,
    wrong_status: Vec<(Kind, u16)>,
    targets: HashSet<String>,
    duplicate_targets: u64,
    missing_targets: u64,
    header_mismatch: u64,
    sent_id_ignored: u64,
    cause_leaks: u64,
    panics_answered: u64,
}

/// Every 6-byte run of the cause: none may appear in a 5xx body.
fn cause_windows() -> Vec<&'static [u8]> {
    CAUSE.as_bytes().windows(6).collect()
}

impl Tally {
    fn record(&mut self, kind: Kind, sent: Option<String>, outcome: Outcome, windows: &[&[u8]]) {
        *self.by_kind.entry(kind).or_default() += 1;
        let (status, header_id, body) = match outcome {
            Outcome::Answered(status, id, body) => (status, id, body),
            Outcome::NoStatusLine => {
                *self.no_status_line.entry(kind).or_default() += 1;
                return;
            }
            Outcome::TimedOut => {
                self.timed_out += 1;
                return;
            }
        };
        if kind == Kind::Panic {
            self.panics_answered += 1;
        }
        if status != kind.status() && self.wrong_status.len() < 1000 {
            self.wrong_status.push((kind, status));
        }
        if status >= 500 && windows.iter().any(|w| body.windows(6).any(|b| b == *w)) {
            self.cause_leaks += 1;
        }
        if status < 400 {
            return;
        }
        let target = ErrorResponse::from_slice(&body)
            .ok()
            .and_then(|doc| doc.error.target);
        let Some(target) = target else {
            self.missing_targets += 1;
            return;
        };
        if header_id.as_deref() != Some(target.as_str()) {
            self.header_mismatch += 1;
        }
        match sent {
            Some(sent) => {
                if sent != target {
                    self.sent_id_ignored += 1;
                }
            }
            None => {
                if !self.targets.insert(target) {
                    self.duplicate_targets += 1;
                }
            }
        }
    }
}

async fn rss_of_server(addr: SocketAddr) -> u64 {
    let mut sender = connect(addr).await;
    let request = Request::get("/rss")
        .header("host", "127.0.0.1")
        .body(Full::new(Bytes::new()))
        .expect("a request");
    match send(&mut sender, request).await {
        Outcome::Answered(200, _, body) => std::str::from_utf8(&body)
            .ok()
            .and_then(|text| text.parse().ok())
            .unwrap_or(0),
        _ => 0,
    }
}

async fn load(
    addr: SocketAddr,
    total: u64,
    connections: usize,
) -> (Tally, f64, Vec<(String, u64)>) {
    let next = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicU64::new(0));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let oversize = Bytes::from(format!(
        r#"{{"name":"{}","count":1}}"#,
        "x".repeat(BODY_LIMIT + 36 * 1024)
    ));
    let mut rss = vec![("start".to_owned(), rss_of_server(addr).await)];

    // Memory once warm, in the middle and at the end, read while the load runs.
    let monitor = {
        let done = Arc::clone(&done);
        tokio::spawn(async move {
            let mut found = Vec::new();
            for (label, share) in [("warm (10%)", 10), ("middle (50%)", 50)] {
                while done.load(Ordering::Relaxed) < total * share / 100 {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
                found.push((label.to_owned(), rss_of_server(addr).await));
            }
            found
        })
    };

    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|_| {
            let (next, done, tally, oversize) = (
                Arc::clone(&next),
                Arc::clone(&done),
                Arc::clone(&tally),
                oversize.clone(),
            );
            tokio::spawn(async move {
                let windows = cause_windows();
                let mut sender = connect(addr).await;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        break;
                    }
                    // A connection the server closed (after a 413, say) is
                    // replaced before sending, not counted as a lost response.
                    if sender.ready().await.is_err() {
                        sender = connect(addr).await;
                    }
                    let (kind, request, sent) = request(i, &oversize);
                    let outcome = send(&mut sender, request).await;
                    let reconnect = !matches!(outcome, Outcome::Answered(..));
                    tally
                        .lock()
                        .expect("the tally")
                        .record(kind, sent, outcome, &windows);
                    done.fetch_add(1, Ordering::Relaxed);
                    if reconnect {
                        sender = connect(addr).await;
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("a load task");
    }
    let seconds = started.elapsed().as_secs_f64();
    rss.extend(monitor.await.expect("the monitor"));
    rss.push(("end".to_owned(), rss_of_server(addr).await));
    let tally = Arc::try_unwrap(tally)
        .ok()
        .expect("the tasks are done")
        .into_inner()
        .expect("the tally");
    (tally, seconds, rss)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("serve") {
        serve(args.get(1).map_or("axum", String::as_str));
        return;
    }
    let framework = args.first().cloned().unwrap_or_else(|| "axum".to_owned());
    assert!(
        framework == "axum" || framework == "actix",
        "usage: load axum|actix [requests] [connections]"
    );
    let total: u64 = args
        .get(1)
        .map_or(100_000, |n| n.replace('_', "").parse().expect("a count"));
    let connections: usize = args.get(2).map_or(256, |n| n.parse().expect("a count"));

    let mut child = std::process::Command::new(std::env::current_exe().expect("this program"))
        .args(["serve", &framework])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the server process");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let mut first = String::new();
    let stdout = child.stdout.take().expect("the server's stdout");
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut first)
        .expect("the server's first line");
    let addr: SocketAddr = first
        .trim()
        .strip_prefix("listening ")
        .and_then(|addr| addr.parse().ok())
        .expect("the server's address");
    let (tally, seconds, rss) = runtime.block_on(async {
        tokio::time::timeout(Duration::from_secs(600), load(addr, total, connections))
            .await
            .expect("the run finishes within 10 minutes")
    });
    // Closing its stdin ends the server.
    drop(child.stdin.take());
    let _ = child.wait();

    report(&framework, total, connections, &tally, seconds, &rss);
}

fn report(
    framework: &str,
    total: u64,
    connections: usize,
    tally: &Tally,
    seconds: f64,
    rss: &[(String, u64)],
) {
    println!(
        "load {framework}: {total} requests over {connections} connections in {seconds:.1} s: {:.0} requests/s",
        total as f64 / seconds
    );
    let mut kinds: Vec<_> = tally.by_kind.iter().collect();
    kinds.sort();
    for (kind, count) in kinds {
        let lost = tally.no_status_line.get(kind).copied().unwrap_or(0);
        println!("  {kind:?}: {count} sent, {lost} without a status line");
    }
    let lost_panics = tally.no_status_line.get(&Kind::Panic).copied().unwrap_or(0);
    let lost_others: u64 = tally
        .no_status_line
        .iter()
        .filter(|(kind, _)| PANICS_ANSWERED || **kind != Kind::Panic)
        .map(|(_, n)| n)
        .sum();
    let wrong: Vec<_> = tally
        .wrong_status
        .iter()
        .filter(|(kind, _)| PANICS_ANSWERED || *kind != Kind::Panic)
        .collect();
    println!(
        "  panicking handler: {} answered, {lost_panics} without a status line{}",
        tally.panics_answered,
        if PANICS_ANSWERED {
            ""
        } else {
            " (reported apart: PANICS_ANSWERED is false)"
        }
    );
    println!(
        "  responses without a status line: {lost_others}; timed out: {}",
        tally.timed_out
    );
    println!(
        "  unexpected statuses: {}{}",
        wrong.len(),
        wrong
            .first()
            .map_or(String::new(), |(kind, status)| format!(
                " (first: {kind:?} got {status})"
            ))
    );
    println!(
        "  error targets: {} unique without a valid id sent, {} duplicates, {} missing, {} unlike x-request-id, {} not the id sent",
        tally.targets.len(),
        tally.duplicate_targets,
        tally.missing_targets,
        tally.header_mismatch,
        tally.sent_id_ignored
    );
    println!(
        "  5xx bodies with any 6-byte run of the internal cause: {}",
        tally.cause_leaks
    );
    let memory: Vec<String> = rss
        .iter()
        .map(|(label, kib)| format!("{label} {kib} KiB"))
        .collect();
    println!("  server VmRSS: {}", memory.join(", "));

    let failed = lost_others > 0
        || tally.timed_out > 0
        || !wrong.is_empty()
        || tally.duplicate_targets > 0
        || tally.missing_targets > 0
        || tally.header_mismatch > 0
        || tally.sent_id_ignored > 0
        || tally.cause_leaks > 0;
    println!("{}", if failed { "FAILED" } else { "passed" });
    if failed {
        std::process::exit(1);
    }
}
