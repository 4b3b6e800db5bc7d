//! What the web integration tests share: a real HTTP/1.1 client (hyper's) and
//! raw TCP for bytes a client would refuse, and a tracing subscriber that captures
//! the error-response events.
#![allow(dead_code)] // each test binary uses its own subset

use std::net::SocketAddr;
use std::sync::{Mutex, OnceLock};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{HeaderMap, Method, Request, StatusCode};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub type Sender = hyper::client::conn::http1::SendRequest<Full<Bytes>>;

/// One HTTP response as the client saw it.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(name)
            .map(|v| v.to_str().expect("ASCII header"))
    }

    /// Checks the shape every error response shares and returns (code, message, target).
    pub fn error(&self, status: u16) -> (String, String, String) {
        assert_eq!(self.status.as_u16(), status, "{self:?}");
        assert_eq!(self.header("content-type"), Some("application/json"));
        let body = self.json();
        let error = body["error"].as_object().expect("an error object");
        assert_eq!(body.as_object().map(|o| o.len()), Some(1), "{body}");
        assert_eq!(error.len(), 3, "{body}");
        let code = error["code"].as_str().expect("code").to_owned();
        let message = error["message"].as_str().expect("message").to_owned();
        let target = error["target"].as_str().expect("target").to_owned();
        assert_eq!(self.header("x-ms-error-code"), Some(code.as_str()));
        assert_eq!(self.header("x-request-id"), Some(target.as_str()));
        (code, message, target)
    }
}

pub async fn connect(addr: SocketAddr) -> Sender {
    let stream = TcpStream::connect(addr).await.expect("connect");
    let (sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .expect("handshake");
    tokio::spawn(connection);
    sender
}

pub async fn send(sender: &mut Sender, request: Request<Full<Bytes>>) -> Reply {
    sender.ready().await.expect("ready");
    let response = sender.send_request(request).await.expect("response");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("body").to_bytes();
    Reply {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

pub fn request(
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Request<Full<Bytes>> {
    let mut builder = Request::builder()
        .method(method)
        .uri(path)
        .header("host", "localhost");
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(Full::new(Bytes::from(body.to_owned())))
        .expect("request")
}

/// One request on a fresh connection.
pub async fn call(
    addr: SocketAddr,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Reply {
    let mut sender = connect(addr).await;
    send(&mut sender, request(method, path, headers, body)).await
}

pub async fn get(addr: SocketAddr, path: &str) -> Reply {
    call(addr, Method::GET, path, &[], "").await
}

pub const JSON: (&str, &str) = ("content-type", "application/json");
pub const AUTH: (&str, &str) = ("authorization", "Bearer test-token");

pub async fn isolate(addr: SocketAddr, body: &str) -> Reply {
    call(addr, Method::POST, "/machines/isolate", &[JSON, AUTH], body).await
}

/// Raw bytes in, raw bytes out: for what a client would refuse to send, and to
/// check every byte of a response.
pub async fn raw(addr: SocketAddr, request: &[u8]) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request).await.expect("write");
    let mut out = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        stream.read_to_end(&mut out),
    )
    .await;
    out
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

pub fn is_uuid_v4(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok_and(|u| u.get_version_num() == 4) && s.len() == 36
}

// ---------------------------------------------------------------------------
// Captured tracing events.

#[derive(Debug, Clone)]
pub struct Captured {
    pub level: tracing::Level,
    pub fields: Vec<(String, String)>,
}

impl Captured {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

pub struct Capture(pub Mutex<Vec<Captured>>);

pub struct Fields<'a>(pub &'a mut Vec<(String, String)>);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl tracing::Subscriber for &'static Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        if !event.metadata().target().starts_with("rest_error") {
            return;
        }
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        if let Ok(mut events) = self.0.lock() {
            events.push(Captured {
                level: *event.metadata().level(),
                fields,
            });
        }
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// Installed once for the whole test binary: the server's worker threads log
/// through the global subscriber.
pub fn capture() -> &'static Capture {
    static CAPTURE: OnceLock<&'static Capture> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let capture: &'static Capture = Box::leak(Box::new(Capture(Mutex::new(Vec::new()))));
        tracing::subscriber::set_global_default(capture).expect("the only global subscriber");
        capture
    })
}

/// The events logged for the error response with `target`.
pub fn events_for(target: &str) -> Vec<Captured> {
    let events = capture().0.lock().expect("events").clone();
    events
        .into_iter()
        .filter(|e| e.field("target_id") == Some(target))
        .collect()
}
