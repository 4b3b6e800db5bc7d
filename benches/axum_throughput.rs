//! Throughput through axum on loopback: an error response (a derived error through
//! `IntoResponse`, under `CorrelationLayer`) versus a success response whose JSON body has
//! the same size (`rest_error::axum::Json`, under the same layer), and versus what a
//! service without this crate writes: a hand-written `json!` 404 with a
//! `Uuid::new_v4()` target, on a route outside the layer.
//!
//! Run with `cargo bench --bench axum_throughput --features axum`; options after `--`:
//! `--connections N` (default 16), `--requests M` per connection (default 5000),
//! `--rounds R` (default 5). See BENCHMARKS.md for the figures.
//!
//! The server is axum on a current-thread tokio runtime in its own thread; the client is
//! hyper's HTTP/1.1 client on a current-thread runtime in the main thread (with 2 cores,
//! about one each): N keep-alive connections, each sending M requests one after the
//! other, all to the server's `127.0.0.1` address and nowhere else. Every measurement is
//! bounded: N x M requests, and at most `DEADLINE` of wall time (else the bench panics).
//! Each round measures every route once, in rotated order. Besides requests per second,
//! the server thread's CPU time per request is read from `/proc/self/task/<tid>/schedstat`
//! (Linux; left out elsewhere): that is the cost of the path itself, whichever side of the
//! loopback is the bottleneck.
//!
//! A global `tracing` subscriber at `INFO`, writing to `io::sink()`, stands for a
//! service's logging: the 4xx event (`debug` level) is filtered out as it would be in
//! production; the 5xx event (`error` level) is formatted, then discarded.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper::{Request, StatusCode};
use rest_error::ApiError;
use rest_error::axum::{CorrelationLayer, Json};
use tokio::net::{TcpListener, TcpStream};

/// The longest one measurement may take before the bench gives up.
const DEADLINE: Duration = Duration::from_secs(60);

/// The machine id every route is called with.
const MACHINE: u64 = 123_123_123;

// ---------------------------------------------------------------------------------------
// The service: three routes of the same shape.

#[derive(Debug, ApiError)]
enum MachineError {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found"
    )]
    NotFound(u64),
    #[api(
        code = "ServiceUnavailable",
        status = 503,
        msg = "Machine <0> is offline."
    )]
    Offline(u64),
}

/// The success body; its JSON is as long as the error envelopes' (checked in `main`).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Machine {
    id: u64,
    computer_dns_name: &'static str,
    os_platform: &'static str,
    health_status: &'static str,
    isolated: bool,
}

async fn found(Path(id): Path<u64>) -> Result<Json<Machine>, MachineError> {
    Ok(Json(Machine {
        id,
        computer_dns_name: "ws-123123123.contoso.com",
        os_platform: "Windows11",
        health_status: "Inactive",
        isolated: false,
    }))
}

async fn not_found(Path(id): Path<u64>) -> Result<Json<Machine>, MachineError> {
    Err(MachineError::NotFound(id))
}

async fn offline(Path(id): Path<u64>) -> Result<Json<Machine>, MachineError> {
    Err(MachineError::Offline(id))
}

/// The 404 a service without this crate writes: `json!` with a fresh UUID as target.
async fn hand_written(Path(id): Path<u64>) -> impl axum::response::IntoResponse {
    let body = serde_json::json!({"error": {
        "code": "ResourceNotFound",
        "message": format!("Machine {id} was not found"),
        "target": uuid::Uuid::new_v4().to_string(),
    }});
    // What `axum::Json` does (its `json` feature is off in this build).
    let bytes = serde_json::to_vec(&body).expect("a Value serializes");
    (
        StatusCode::NOT_FOUND,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        bytes,
    )
}

fn app() -> Router {
    Router::new()
        .route("/machines/{id}", get(found))
        .route("/missing/{id}", get(not_found))
        .route("/offline/{id}", get(offline))
        .layer(CorrelationLayer::default())
        // Added after the layer, so outside it: no id, no crate code on this route.
        .route("/hand-written/{id}", get(hand_written))
        // The derive's 404 without the layer: what the layer itself costs.
        .route("/derive-outside-layer/{id}", get(not_found))
}

/// One route as the client calls it.
struct Route {
    name: &'static str,
    path: String,
    status: StatusCode,
}

/// Where the hand-written 404 is in [`routes`].
const HAND_WRITTEN: usize = 3;

fn routes() -> [Route; 5] {
    [
        Route {
            name: "success 200, Json<T>",
            path: format!("/machines/{MACHINE}"),
            status: StatusCode::OK,
        },
        Route {
            name: "error 404 (debug-level event, filtered)",
            path: format!("/missing/{MACHINE}"),
            status: StatusCode::NOT_FOUND,
        },
        Route {
            name: "error 503 (error-level event, formatted)",
            path: format!("/offline/{MACHINE}"),
            status: StatusCode::SERVICE_UNAVAILABLE,
        },
        Route {
            name: "hand-written json! 404, Uuid::new_v4()",
            path: format!("/hand-written/{MACHINE}"),
            status: StatusCode::NOT_FOUND,
        },
        Route {
            name: "error 404, derive outside the layer",
            path: format!("/derive-outside-layer/{MACHINE}"),
            status: StatusCode::NOT_FOUND,
        },
    ]
}

/// Starts the server on `127.0.0.1` in its own thread, with a current-thread runtime;
/// returns its address and the thread's id (for its CPU time), when Linux tells it.
fn start_server() -> (SocketAddr, Option<String>) {
    let (ready, started) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("bench-server".into())
        .spawn(move || {
            // `/proc/thread-self` is `<pid>/task/<tid>`.
            let tid = std::fs::read_link("/proc/thread-self")
                .ok()
                .and_then(|link| Some(link.file_name()?.to_str()?.to_owned()));
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("server runtime");
            runtime.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
                let addr = listener.local_addr().expect("addr");
                ready.send((addr, tid)).expect("main thread waits");
                axum::serve(listener, app()).await.expect("serve");
            });
        })
        .expect("server thread");
    started.recv().expect("server started")
}

/// CPU time (ns) a thread has run so far: the first field of its `schedstat`.
fn cpu_ns(tid: Option<&str>) -> Option<u64> {
    let path = match tid {
        Some(tid) => format!("/proc/self/task/{tid}/schedstat"),
        None => "/proc/thread-self/schedstat".to_owned(),
    };
    std::fs::read_to_string(path)
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

// ---------------------------------------------------------------------------------------
// The client.

type Sender = hyper::client::conn::http1::SendRequest<Empty<Bytes>>;

async fn connect(addr: SocketAddr) -> Sender {
    let stream = TcpStream::connect(addr).await.expect("connect");
    stream.set_nodelay(true).expect("nodelay");
    let (sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .expect("handshake");
    tokio::spawn(connection);
    sender
}

/// One request; returns the response's status, headers and body.
async fn call(sender: &mut Sender, path: &str) -> (StatusCode, hyper::HeaderMap, Bytes) {
    sender.ready().await.expect("ready");
    let request = Request::get(path)
        .header("host", "127.0.0.1")
        .body(Empty::new())
        .expect("request");
    let response = sender.send_request(request).await.expect("response");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("body").to_bytes();
    (parts.status, parts.headers, body)
}

/// One measurement of one route.
struct Sample {
    requests_per_sec: f64,
    /// The server thread's CPU time per request, in µs.
    server_us: Option<f64>,
    /// The client thread's CPU time per request, in µs.
    client_us: Option<f64>,
    /// The server thread's CPU time over the wall time.
    server_busy: Option<f64>,
}

/// `connections` connections, each sending `requests` requests to `route` in turn.
async fn measure(
    addr: SocketAddr,
    server: Option<&str>,
    route: &Route,
    connections: usize,
    requests: usize,
) -> Sample {
    let mut senders = Vec::with_capacity(connections);
    for _ in 0..connections {
        senders.push(connect(addr).await);
    }
    let server_before = cpu_ns(server);
    let client_before = cpu_ns(None);
    let start = Instant::now();
    let mut workers = Vec::with_capacity(connections);
    for mut sender in senders {
        let path = route.path.clone();
        let status = route.status;
        workers.push(tokio::spawn(async move {
            for _ in 0..requests {
                let (got, _, body) = call(&mut sender, &path).await;
                assert_eq!(got, status, "{path}: {body:?}");
            }
        }));
    }
    let all = async {
        for worker in workers {
            worker.await.expect("client worker");
        }
    };
    if tokio::time::timeout(DEADLINE, all).await.is_err() {
        panic!("{}: not done within {DEADLINE:?}", route.name);
    }
    let wall = start.elapsed();
    let server_after = cpu_ns(server);
    let client_after = cpu_ns(None);
    // Request counts are far below 2^52: the conversion is exact.
    #[allow(clippy::cast_precision_loss)]
    let total = (connections * requests) as f64;
    #[allow(clippy::cast_precision_loss)]
    let per_request =
        |before: Option<u64>, after: Option<u64>| Some((after? - before?) as f64 / total / 1e3);
    let server_us = per_request(server_before, server_after);
    Sample {
        requests_per_sec: total / wall.as_secs_f64(),
        server_us,
        client_us: per_request(client_before, client_after),
        server_busy: server_us.map(|us| us * total / 1e6 / wall.as_secs_f64()),
    }
}

/// Before anything is timed: each route answers as expected, and the bodies have one size.
async fn check_routes(addr: SocketAddr, routes: &[Route]) {
    let mut sender = connect(addr).await;
    let mut sizes = Vec::new();
    for route in routes {
        let (status, headers, body) = call(&mut sender, &route.path).await;
        assert_eq!(status, route.status, "{}", route.name);
        assert_eq!(headers["content-type"], "application/json");
        let json: serde_json::Value = serde_json::from_slice(&body).expect("JSON body");
        if status.is_success() {
            assert_eq!(json["id"], MACHINE);
        } else if !headers.contains_key("x-request-id") {
            // Outside the layer (hand-written, or the derive alone): a fresh v4 UUID as target.
            let target = json["error"]["target"].as_str().expect("target");
            let uuid = uuid::Uuid::parse_str(target).expect("a UUID target");
            assert_eq!(uuid.get_version_num(), 4);
            assert_eq!(json["error"]["code"], "ResourceNotFound");
        } else {
            let id = headers["x-request-id"].to_str().expect("ASCII id");
            assert_eq!(
                json["error"]["target"], id,
                "the envelope's target is the request id"
            );
            assert!(
                json["error"]["message"]
                    .as_str()
                    .expect("message")
                    .contains("123123123")
            );
        }
        let header_bytes: usize = headers
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len() + 4)
            .sum();
        println!(
            "{:<44} {} body {} bytes, headers ~{header_bytes} bytes ({})",
            route.name,
            status.as_u16(),
            body.len(),
            headers
                .keys()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
        sizes.push(body.len());
    }
    assert!(
        sizes.windows(2).all(|w| w[0] == w[1]),
        "the bodies must have the same size: {sizes:?}"
    );
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        f64::midpoint(values[mid - 1], values[mid])
    }
}

/// "median (min – max)" of `values`, with `digits` decimals and `unit` after the median.
fn spread(values: &[f64], digits: usize, unit: &str) -> String {
    let mut sorted = values.to_vec();
    let mid = median(&mut sorted);
    let (min, max) = (sorted[0], sorted[sorted.len() - 1]);
    format!("{mid:.digits$}{unit} ({min:.digits$} – {max:.digits$})")
}

struct Options {
    connections: usize,
    requests: usize,
    rounds: usize,
}

fn options() -> Options {
    let mut options = Options {
        connections: 16,
        requests: 5000,
        rounds: 5,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let target = match arg.as_str() {
            // `cargo bench` passes `--bench` to every bench binary.
            "--bench" => continue,
            "--connections" => &mut options.connections,
            "--requests" => &mut options.requests,
            "--rounds" => &mut options.rounds,
            other => {
                panic!("unknown argument {other:?} (--connections N, --requests M, --rounds R)")
            }
        };
        *target = args
            .next()
            .and_then(|n| n.parse().ok())
            .filter(|&n| n > 0)
            .unwrap_or_else(|| panic!("{arg} needs a positive number"));
    }
    assert!(
        options.connections <= 1024 && options.requests <= 1_000_000 && options.rounds <= 100,
        "bounded: at most 1024 connections, 1,000,000 requests per connection, 100 rounds"
    );
    options
}

fn main() {
    let options = options();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_writer(std::io::sink)
        .init();
    let (addr, server) = start_server();
    assert!(addr.ip().is_loopback());
    let server = server.as_deref();
    let routes = routes();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    runtime.block_on(async {
        check_routes(addr, &routes).await;
        println!(
            "{} connections x {} requests per route and round, {} rounds; server thread {}",
            options.connections,
            options.requests,
            options.rounds,
            if cpu_ns(server).is_some() {
                "CPU time from schedstat"
            } else {
                "CPU time not available"
            },
        );
        // Warm-up: every route once, a fifth of the size, untimed.
        for route in &routes {
            measure(
                addr,
                server,
                route,
                options.connections,
                options.requests.div_ceil(5),
            )
            .await;
        }
        let mut samples: Vec<Vec<Sample>> = routes.iter().map(|_| Vec::new()).collect();
        for round in 0..options.rounds {
            for k in 0..routes.len() {
                let i = (round + k) % routes.len();
                let sample = measure(
                    addr,
                    server,
                    &routes[i],
                    options.connections,
                    options.requests,
                )
                .await;
                samples[i].push(sample);
            }
        }
        report(&routes, &samples);
    });
}

fn report(routes: &[Route], samples: &[Vec<Sample>]) {
    println!(
        "\n{:<44} {:>24} {:>22} {:>22} {:>18}",
        "route", "requests/s", "server µs/request", "client µs/request", "server busy"
    );
    for (route, samples) in routes.iter().zip(samples) {
        let column = |f: &dyn Fn(&Sample) -> Option<f64>, digits| {
            let values: Option<Vec<f64>> = samples.iter().map(f).collect();
            values.map_or_else(|| "n/a".to_owned(), |v| spread(&v, digits, ""))
        };
        println!(
            "{:<44} {:>24} {:>22} {:>22} {:>18}",
            route.name,
            column(&|s| Some(s.requests_per_sec), 0),
            column(&|s| s.server_us, 2),
            column(&|s| s.client_us, 2),
            column(&|s| s.server_busy, 2),
        );
    }
    // The derive's 404 against the hand-written one, per round (issue 14: at least 0.95x).
    let derive_vs_hand: Vec<f64> = samples[1]
        .iter()
        .zip(&samples[HAND_WRITTEN])
        .map(|(derive, hand)| derive.requests_per_sec / hand.requests_per_sec)
        .collect();
    println!(
        "\nderive 404 / hand-written 404, requests per second, per round: {}",
        spread(&derive_vs_hand, 3, "x")
    );
    // Ratios per round against the success route (index 0), then their median and range.
    println!("\nratio to the success route, per round: median (min – max)");
    for (route, errors) in routes.iter().zip(samples).skip(1) {
        let throughput: Vec<f64> = samples[0]
            .iter()
            .zip(errors)
            .map(|(ok, err)| ok.requests_per_sec / err.requests_per_sec)
            .collect();
        let server: Option<Vec<f64>> = samples[0]
            .iter()
            .zip(errors)
            .map(|(ok, err)| Some(err.server_us? / ok.server_us?))
            .collect();
        println!(
            "{:<44} time per request (1 / throughput): {}; server CPU per request: {}",
            route.name,
            spread(&throughput, 3, "x"),
            server.map_or_else(|| "n/a".to_owned(), |v| spread(&v, 3, "x")),
        );
    }
}
