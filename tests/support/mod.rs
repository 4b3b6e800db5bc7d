//! What the web integration tests share: a real HTTP/1.1 client, a tracing
//! subscriber that captures the error-response events, a real server per
//! framework mounting the same routes, and the HTTP scenarios, written once and
//! run against every framework (`tests/test_web.rs`).
#![allow(dead_code, unreachable_pub)] // each test binary uses its own subset

mod capture;
mod client;
pub mod routes;
pub mod scenarios;
mod server;

#[cfg(feature = "actix-web")]
pub mod actix_server;
#[cfg(feature = "axum")]
pub mod axum_server;

pub use capture::*;
pub use client::*;
pub use server::*;
