//! The HTTP scenarios, written once: each takes a [`Framework`] and runs against
//! a real server of it on 127.0.0.1. `tests/test_web.rs` runs every one against
//! axum and against actix-web.
//!
//! [`Framework`]: super::Framework

mod body;
mod fallbacks;
mod hardening;
mod ids;
mod load;
mod logging;
mod machines;
mod nesting;
mod panics;
mod service;
mod spawned;
mod trust;

// test_web.rs runs them; the other test binaries share `support` but not these.
#[allow(unused_imports)]
pub use {
    body::*, fallbacks::*, hardening::*, ids::*, load::*, logging::*, machines::*, nesting::*,
    panics::*, service::*, spawned::*, trust::*,
};

use std::sync::atomic::{AtomicUsize, Ordering};

/// The example services' body limit (the same in both).
const BODY_LIMIT: usize = 16 * 1024;

/// An id unique within the test binary: every framework's run logs into the
/// same capture, and each finds its own events by it.
fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
