//! What a framework's test server offers the scenarios, and the correlation
//! settings described once for every framework.

use std::net::SocketAddr;

/// A web framework under test: it serves the same routes as every other.
pub trait Framework {
    /// The example service (`examples/<framework>_service.rs`) over a fresh
    /// inventory, on 127.0.0.1 at a free port.
    fn service() -> Server;

    /// The test routes of [`routes`](super::routes), under the correlation
    /// layer (axum) or middleware (actix) that `settings` describes, or under
    /// none.
    fn routes(settings: Option<Settings>) -> Server;

    /// The routes of [`fallbacks`](super::routes#fallbacks) (fallbacks, our
    /// `Path`/`Query` extractors, the `Json` extractor), under the correlation
    /// layer (middleware) made from `settings`.
    fn fallbacks(settings: rest_error::web::WebSettings) -> Server;

    /// The test routes under the correlation layer (middleware) made from
    /// `settings`.
    fn layered(settings: rest_error::web::WebSettings) -> Server;

    /// The test routes twice, each under a layer (middleware) made from
    /// `settings`: at `/` under the outer one, at `/inner/` under both (axum:
    /// a nested router with its own layer; actix: a scope with its own `wrap`).
    fn nested(settings: rest_error::web::WebSettings) -> Server;
}

/// The correlation settings, in plain words, made into the one
/// [`WebSettings`](rest_error::web::WebSettings) value both frameworks take
/// ([`Settings::web`]), so the scenarios never name a framework's API.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the incoming id is read.
    pub request_header: &'static str,
    /// Where the id is echoed.
    pub response_header: &'static str,
    /// Where the code is repeated; `None` leaves it out.
    pub error_code_header: Option<&'static str>,
    /// Whether a W3C `traceparent` is the fallback id.
    pub traceparent: bool,
}

impl Settings {
    /// The `WebSettings` these settings describe.
    pub fn web(&self) -> rest_error::web::WebSettings {
        let web = rest_error::web::WebSettings::default()
            .request_header(self.request_header)
            .response_header(self.response_header)
            .traceparent(self.traceparent);
        match self.error_code_header {
            Some(name) => web.error_code_header(name),
            None => web.without_error_code_header(),
        }
    }
}

impl Default for Settings {
    /// The layer's defaults.
    fn default() -> Self {
        Self {
            request_header: "x-request-id",
            response_header: "x-request-id",
            error_code_header: Some("x-ms-error-code"),
            traceparent: true,
        }
    }
}

/// A running server; [`stop`](Self::stop) it when the test is done with it.
pub struct Server {
    pub addr: SocketAddr,
    stop: Stop,
}

pub(crate) enum Stop {
    /// axum: the task that serves.
    Abort(tokio::task::AbortHandle),
    /// actix: the server's handle (its workers are threads of their own).
    #[cfg(feature = "actix-web")]
    Actix(actix_web::dev::ServerHandle),
}

impl Server {
    pub(crate) fn new(addr: SocketAddr, stop: Stop) -> Self {
        super::capture();
        Self { addr, stop }
    }

    /// An actix server, stopped through its handle.
    #[cfg(feature = "actix-web")]
    pub fn actix(addr: SocketAddr, handle: actix_web::dev::ServerHandle) -> Self {
        Self::new(addr, Stop::Actix(handle))
    }

    pub async fn stop(self) {
        match self.stop {
            Stop::Abort(task) => task.abort(),
            #[cfg(feature = "actix-web")]
            Stop::Actix(handle) => handle.stop(false).await,
        }
    }
}
