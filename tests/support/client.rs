//! A real HTTP/1.1 client (hyper's), and raw TCP for bytes a client would refuse.

use std::net::SocketAddr;

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

    /// Checks the shape every error response without `details` shares and
    /// returns (code, message, target).
    pub fn error(&self, status: u16) -> (String, String, String) {
        let (error, details) = self.error_document(status);
        assert!(details.is_empty(), "{self:?}");
        error
    }

    /// Checks the shape of an error response with `details` and returns its
    /// (code, message, target) and each sub-error's.
    pub fn error_with_details(&self, status: u16) -> (Triple, Vec<Triple>) {
        let (error, details) = self.error_document(status);
        assert!(!details.is_empty(), "{self:?}");
        (error, details)
    }

    fn error_document(&self, status: u16) -> (Triple, Vec<Triple>) {
        assert_eq!(self.status.as_u16(), status, "{self:?}");
        assert_eq!(self.header("content-type"), Some("application/json"));
        let body = self.json();
        assert_eq!(body.as_object().map(|o| o.len()), Some(1), "{body}");
        let error = body["error"].as_object().expect("an error object");
        let triple = |object: &serde_json::Map<String, Value>| {
            let text = |name: &str| object[name].as_str().expect(name).to_owned();
            (text("code"), text("message"), text("target"))
        };
        let (code, message, target) = triple(error);
        // `details` comes only when there are some, and only after `target`.
        let details: Vec<Triple> = match error.get("details") {
            None => Vec::new(),
            Some(details) => {
                let text = String::from_utf8_lossy(&self.body);
                assert!(text.contains(r#"","details":[{"code":""#), "{text}");
                let details = details.as_array().expect("a details array");
                assert!(!details.is_empty(), "{body}");
                details
                    .iter()
                    .map(|d| {
                        let d = d.as_object().expect("a details entry");
                        assert_eq!(d.len(), 3, "{body}");
                        triple(d)
                    })
                    .collect()
            }
        };
        assert_eq!(error.len(), 3 + usize::from(!details.is_empty()), "{body}");
        assert_eq!(self.header("x-ms-error-code"), Some(code.as_str()));
        assert_eq!(self.header("x-request-id"), Some(target.as_str()));
        ((code, message, target), details)
    }
}

/// An error's or a sub-error's (code, message, target).
pub type Triple = (String, String, String);

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

/// `POST /machines` (no authorization needed).
pub async fn create(addr: SocketAddr, body: &str) -> Reply {
    call(addr, Method::POST, "/machines", &[JSON], body).await
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

/// Reads one response off `stream` (headers and, if the server sends them, a
/// little of the body) within 5 seconds, without closing the request.
pub async fn read_answer(stream: &mut TcpStream) -> String {
    let mut response = vec![0; 4096];
    let n = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        stream.read(&mut response),
    )
    .await
    .expect("an answer without the rest of the body")
    .expect("read");
    String::from_utf8_lossy(&response[..n]).into_owned()
}

/// The target of a raw error response, after checking it is a fresh UUID and
/// is echoed in `x-request-id`.
pub fn raw_target(response: &[u8]) -> String {
    let text = String::from_utf8_lossy(response);
    let body = text.split("\r\n\r\n").nth(1).expect("a body");
    let target = serde_json::from_str::<Value>(body).expect("JSON")["error"]["target"]
        .as_str()
        .expect("target")
        .to_owned();
    assert!(is_uuid_v4(&target), "{text}");
    assert!(
        text.contains(&format!("x-request-id: {target}\r\n")),
        "{text}"
    );
    target
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

pub fn is_uuid_v4(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok_and(|u| u.get_version_num() == 4) && s.len() == 36
}
