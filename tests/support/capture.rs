//! A tracing subscriber that captures the error-response events of the servers:
//! their fields, and the lines a real `tracing_subscriber::fmt` layer writes
//! for them.

use std::sync::{Mutex, OnceLock};

use tracing_subscriber::layer::{Context, Layer, SubscriberExt as _};

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

impl<S: tracing::Subscriber> Layer<S> for &'static Capture {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
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
}

/// What the fmt layer wrote, one entry per event (it writes each event whole).
static WRITTEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// The fmt layer's writer: each write is kept in [`WRITTEN`].
struct Written;

impl std::io::Write for Written {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut written) = WRITTEN.lock() {
            written.push(String::from_utf8_lossy(buf).into_owned());
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a fmt subscriber wrote for the events that mention `needle` (a
/// target id): one entry per event, each as written, lines and all.
pub fn written_with(needle: &str) -> Vec<String> {
    WRITTEN
        .lock()
        .expect("written")
        .iter()
        .filter(|w| w.contains(needle))
        .cloned()
        .collect()
}

/// Installed once for the whole test binary: the server's worker threads log
/// through the global subscriber.
pub fn capture() -> &'static Capture {
    static CAPTURE: OnceLock<&'static Capture> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let capture: &'static Capture = Box::leak(Box::new(Capture(Mutex::new(Vec::new()))));
        let lines = tracing_subscriber::fmt::layer()
            .with_writer(|| Written)
            .with_filter(tracing_subscriber::filter::filter_fn(|meta| {
                meta.target().starts_with("rest_error")
            }));
        let subscriber = tracing_subscriber::registry().with(capture).with(lines);
        tracing::subscriber::set_global_default(subscriber).expect("the only global subscriber");
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
