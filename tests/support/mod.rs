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

/// One `#[tokio::test]` per scenario and framework, `axum::<scenario>` and
/// `actix::<scenario>`, each running `crate::<scenario>::<Framework>()`: the
/// scenarios are generic over [`Framework`] and in scope at the test's root.
#[allow(unused_macros)] // only the tests that run scenarios use it
macro_rules! on_every_framework {
    ($($scenario:ident),* $(,)?) => {
        #[cfg(feature = "axum")]
        mod axum {
            use crate::support::axum_server::Axum;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $scenario() {
                    crate::$scenario::<Axum>().await;
                }
            )*
        }

        #[cfg(feature = "actix-web")]
        mod actix {
            use crate::support::actix_server::Actix;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $scenario() {
                    crate::$scenario::<Actix>().await;
                }
            )*
        }
    };
}
#[allow(unused_imports)] // only the tests that run scenarios use it
pub(crate) use on_every_framework;
