//! Errors made where the request's context does not reach: a header whose
//! value fails to format, and a response made in a spawned task.

use hyper::Method;

use super::unique_id;
use crate::support::*;

pub async fn a_header_whose_value_fails_to_format_is_dropped_and_named<F: Framework>() {
    let server = F::routes(Some(Settings::default()));
    let id = unique_id("bad-header");
    let reply = call(
        server.addr,
        Method::GET,
        "/bad-header",
        &[("x-request-id", &id)],
        "",
    )
    .await;
    let (code, message, target) = reply.error(503);
    assert_eq!((code.as_str(), message.as_str()), ("ServiceBusy", "Busy."));
    assert_eq!(target, id);
    assert_eq!(reply.header("x-busy-shard"), Some("3"));
    assert!(reply.header("retry-after").is_none(), "{reply:?}");
    let events = events_for(&id);
    assert_eq!(events.len(), 1, "{events:?}");
    assert!(
        events[0]
            .field("dropped_headers")
            .is_some_and(|d| d.contains("retry-after") && d.contains("Display")),
        "{events:?}"
    );
    server.stop().await;
}

pub async fn a_spawned_task_answers_with_the_id_it_is_given<F: Framework>() {
    let server = F::routes(Some(Settings::default()));
    let addr = server.addr;
    let id = unique_id("spawned");
    let reply = call(
        addr,
        Method::GET,
        "/spawned-with-id",
        &[("x-request-id", &id)],
        "",
    )
    .await;
    let (code, _, target) = reply.error(403);
    assert_eq!(
        (code.as_str(), target.as_str()),
        ("DisabledFeature", id.as_str())
    );
    assert_eq!(events_for(&id).len(), 1);
    // Without an incoming id, the target is still the request's (fresh) id.
    let reply = get(addr, "/spawned-with-id").await;
    assert!(is_uuid_v4(&reply.error(403).2));
    // Task-locals do not cross `spawn`: without the id, the task's response has
    // a fresh target of its own (documented), unlike the id echoed.
    let id = unique_id("spawned-alone");
    let reply = call(addr, Method::GET, "/spawned", &[("x-request-id", &id)], "").await;
    let target = reply.json()["error"]["target"]
        .as_str()
        .expect("a target")
        .to_owned();
    assert!(is_uuid_v4(&target) && target != id, "{target}");
    server.stop().await;
}
