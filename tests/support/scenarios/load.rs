//! Under load: every failure gets its own target.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use hyper::Method;

use crate::support::*;

pub async fn a_thousand_concurrent_failures_each_get_their_own_target<F: Framework>() {
    const REQUESTS: usize = 1000;
    const CONNECTIONS: usize = 32;
    let server = F::service();
    let addr = server.addr;
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = Vec::new();
    for _ in 0..CONNECTIONS {
        let next = Arc::clone(&next);
        workers.push(tokio::spawn(async move {
            let mut sender = connect(addr).await;
            let mut targets = Vec::new();
            while next.fetch_add(1, Ordering::Relaxed) < REQUESTS {
                let reply = send(&mut sender, request(Method::GET, "/machines/404", &[], "")).await;
                // `error` checks that the target equals the x-request-id header.
                let (code, _, target) = reply.error(404);
                assert_eq!(code, "ResourceNotFound");
                targets.push(target);
            }
            targets
        }));
    }
    let mut all = HashSet::new();
    for worker in workers {
        for target in worker.await.expect("worker") {
            assert!(is_uuid_v4(&target));
            assert!(all.insert(target), "duplicate target");
        }
    }
    assert_eq!(all.len(), REQUESTS);
    server.stop().await;
}
