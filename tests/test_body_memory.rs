//! The memory the body extractor needs to answer a missing field: the peak
//! live heap of the whole process (every thread) while a ~2 MB body is taken
//! by `rest_error::axum::Json`, rejected and answered, stays within 3x the
//! body's size, the body included. The case-sensitivity hint of a missing
//! field (`MachineId` was sent) must not build the whole document again.
#![cfg(feature = "axum")]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::extract::FromRequest as _;
use axum::response::IntoResponse as _;
use rest_error::axum::Json;
use serde::Deserialize;

/// The system allocator, counting the bytes live in the whole process and
/// the most that were live at once.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Ordering::SeqCst) + by;
    PEAK.fetch_max(now, Ordering::SeqCst);
}

fn shrank(by: usize) {
    LIVE.fetch_sub(by, Ordering::SeqCst);
}

// SAFETY: every method forwards to `System` unchanged; counting touches only atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which `System` shares.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `alloc`; `ptr` came from this allocator, so from `System`.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            // While moving, both blocks are live.
            grew(new_size);
            shrank(layout.size());
        }
        new
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as for `realloc`.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The body type of the request: `history` is not one of its fields, so serde
/// skips it without keeping it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // only deserialized
struct Isolate {
    machine_id: u64,
    comment: Option<String>,
}

/// `{"history":[{"at":N,"by":"x"},…],"MachineId":1}`, about `size` bytes: many
/// small values (a document of them is many times the text's size), then the
/// required field sent with another case.
fn body(size: usize) -> String {
    let mut body = String::with_capacity(size + 64);
    body.push_str(r#"{"history":["#);
    let mut n = 0_u32;
    while body.len() < size {
        if n > 0 {
            body.push(',');
        }
        body.push_str(&format!(r#"{{"at":{},"by":"x"}}"#, n % 1000));
        n += 1;
    }
    body.push_str(r#"],"MachineId":1}"#);
    body
}

/// Takes `body` through the extractor and answers its rejection; returns the
/// response's status and body.
async fn answer(body: String) -> (u16, String) {
    let request = axum::http::Request::builder()
        .method("POST")
        .uri("/machines/isolate")
        .header("content-type", "application/json")
        .body(axum::body::Body::from(body))
        .expect("a request");
    let Err(rejection) = Json::<Isolate>::from_request(request, &()).await else {
        panic!("the body has no machineId");
    };
    let response = rejection.into_response();
    let status = response.status().as_u16();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("the response body");
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[test]
fn a_missing_field_in_a_large_body_is_answered_within_three_times_its_size() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    // Once small, so one-off setup (the id generator, tracing's callsites,
    // the runtime's buffers) is not counted.
    let (status, _) = runtime.block_on(answer(body(1000)));
    assert_eq!(status, 400);

    let size = 2_000_000;
    let baseline = LIVE.load(Ordering::SeqCst);
    PEAK.store(baseline, Ordering::SeqCst);
    let body = body(size);
    let body_len = body.len();
    let (status, response) = runtime.block_on(answer(body));
    let peak = PEAK.load(Ordering::SeqCst) - baseline;

    assert_eq!(status, 400, "{response}");
    assert!(
        response.contains(
            "Parameter machineId is missing; parameter names are case-sensitive and MachineId was sent."
        ),
        "{response}"
    );
    let ratio = peak as f64 / body_len as f64;
    eprintln!("body {body_len} bytes, peak live heap {peak} bytes ({ratio:.2}x the body)");
    assert!(
        peak <= 3 * body_len,
        "peak live heap {peak} bytes is {ratio:.2}x the {body_len}-byte body"
    );
}
