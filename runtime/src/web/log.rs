//! One `tracing` event per error response, and what the event can say about
//! the error beyond its code and message ([`Detail`], probed by [`Probe`]).
//!
//! Every field that may hold client text (the message, the error's `Debug`,
//! its `source()` chain, the dropped headers) is written [`Escaped`]: escaped
//! as `escape_debug` does, so it cannot break a line or carry a terminal
//! escape, and cut to a budget, so no event's line is longer than 32 KiB.

use core::fmt::{self, Display, Write as _};

use super::response::valid_header_name;
use crate::{ApiError, CorrelationId};

/// What a 5xx log event can say about the error beyond its code and message:
/// its `Debug` and its `source()` chain, when the type has them.
///
/// A derived type's [`LogDetail`] impl fills it in once, by autoref
/// specialization ([`Probe`]), so types without `Debug` or `Error` still get
/// their impls; every framework's response and the gRPC status read it.
#[derive(Clone, Copy, Default)]
pub struct Detail<'a> {
    pub(crate) debug: Option<&'a dyn core::fmt::Debug>,
    pub(crate) error: Option<&'a dyn core::error::Error>,
}

impl<'a> Detail<'a> {
    /// Nothing beyond the code and message.
    #[must_use]
    pub const fn none() -> Self {
        Self {
            debug: None,
            error: None,
        }
    }

    /// The error's `Debug`.
    #[must_use]
    pub const fn debug(debug: &'a dyn core::fmt::Debug) -> Self {
        Self {
            debug: Some(debug),
            error: None,
        }
    }

    /// The error's `Debug` and its `source()` chain.
    #[must_use]
    pub fn error(error: &'a (dyn core::error::Error + 'a)) -> Self {
        Self {
            debug: Some(error),
            error: Some(error),
        }
    }
}

/// Autoref-specialization probe: `(&&&Probe(&value)).__api_error_detail()`
/// gives the richest [`Detail`] that `value`'s type supports: `Error` (with the
/// `source()` chain), else `Debug`, else nothing.
///
/// In a generic impl the choice is made from the impl's own bounds: a generic
/// derived type gets `Debug` / `Error` detail when its where-clause implies them.
#[doc(hidden)]
pub struct Probe<'a, T: ?Sized>(pub &'a T);

/// The `Error` level of [`Probe`].
#[doc(hidden)]
pub trait ViaError<'a> {
    /// The detail of the probed value.
    fn __api_error_detail(&self) -> Detail<'a>;
}

impl<'a, T: core::error::Error> ViaError<'a> for &&Probe<'a, T> {
    fn __api_error_detail(&self) -> Detail<'a> {
        Detail::error(self.0)
    }
}

/// The `Debug` level of [`Probe`].
#[doc(hidden)]
pub trait ViaDebug<'a> {
    /// The detail of the probed value.
    fn __api_error_detail(&self) -> Detail<'a>;
}

impl<'a, T: core::fmt::Debug> ViaDebug<'a> for &Probe<'a, T> {
    fn __api_error_detail(&self) -> Detail<'a> {
        Detail::debug(self.0)
    }
}

/// The fallback level of [`Probe`].
#[doc(hidden)]
pub trait ViaNothing<'a> {
    /// The detail of the probed value.
    fn __api_error_detail(&self) -> Detail<'a>;
}

impl<'a, T: ?Sized> ViaNothing<'a> for Probe<'a, T> {
    fn __api_error_detail(&self) -> Detail<'a> {
        Detail::none()
    }
}

/// A derived type's [`Detail`], probed once where its type is concrete
/// (`__log_detail_impls!`), for every framework's response and the gRPC status.
#[doc(hidden)]
pub trait LogDetail: ApiError {
    /// The richest detail the type supports ([`Probe`]).
    fn __log_detail(&self) -> Detail<'_>;
}

/// `LogDetail` for a derived type; `__web_impls!` calls it with
/// `[impl generics] [type] [where clause,]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __log_detail_impls {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::LogDetail for $($ty)* $($where)* {
            #[allow(clippy::needless_borrow)] // autoref specialization: the borrows pick the impl
            fn __log_detail(&self) -> $crate::__private::Detail<'_> {
                #[allow(unused_imports)]
                use $crate::__private::{ViaDebug as _, ViaError as _, ViaNothing as _};
                (&&&$crate::__private::Probe(self)).__api_error_detail()
            }
        }
    };
}

/// Logs one event for an error response: `error` level for 5xx, with the
/// error's `Debug` and `source()` chain; `debug` level for 4xx. Dropped headers
/// are named (never their values) in the same event.
pub(crate) fn log_response(
    error: &dyn ApiError,
    detail: Detail<'_>,
    target: &CorrelationId,
    status: u16,
    declared_status: u16,
    dropped: &[(&'static str, &'static str)],
) {
    use tracing::field::display;
    let code = error.code();
    let message = error.message();
    let public_message = display(Escaped(&message, MAX_MESSAGE));
    // Fields only when they have something to say.
    let dropped = DroppedHeaders(dropped);
    let dropped_headers =
        (!dropped.0.is_empty()).then(|| display(Escaped(&dropped, MAX_DROPPED_HEADERS)));
    if status >= 500 {
        let declared_status = (declared_status != status).then_some(declared_status);
        let sources = detail
            .error
            .and_then(core::error::Error::source)
            .map(Sources);
        let sources = sources
            .as_ref()
            .map(|sources| display(Escaped(sources, MAX_SOURCES)));
        let debug_of = DebugOf(detail.debug);
        tracing::error!(
            target: "rest_error::web",
            target_id = %target,
            code,
            status,
            declared_status,
            public_message,
            error = %Escaped(&debug_of, MAX_DEBUG),
            sources,
            dropped_headers,
            "error response"
        );
    } else {
        tracing::debug!(
            target: "rest_error::web",
            target_id = %target,
            code,
            status,
            public_message,
            dropped_headers,
            "error response"
        );
    }
}

/// The most bytes each field of an event is written with (escapes included,
/// before the `…` marking a cut): together under 32 KiB, with room for the
/// subscriber's own prefix and the fields of bounded length (the id, the code,
/// the statuses).
const MAX_MESSAGE: usize = 4 * 1024;
const MAX_DEBUG: usize = 12 * 1024;
const MAX_SOURCES: usize = 12 * 1024;
const MAX_DROPPED_HEADERS: usize = 1024;

/// A value's `Display`, escaped as `char::escape_debug` does (`\n`, `\r`,
/// `\u{1b}`, `\\`; quotes are left as they are) and cut at a budget of bytes,
/// `…` marking the cut. Formatting stops at the budget, so a value of any
/// length costs at most that much.
struct Escaped<'a>(&'a dyn Display, usize);

impl Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = EscapeInto {
            out: f,
            left: self.1,
            cut: false,
            failed: false,
        };
        let result = write!(out, "{}", self.0);
        let (cut, failed) = (out.cut, out.failed);
        if failed {
            // The subscriber's own output failed: pass it on.
            Err(fmt::Error)
        } else if cut {
            f.write_str("…")
        } else if result.is_err() {
            // The value's own `Display` failed: say so, the event is still written.
            f.write_str(" (formatting failed)")
        } else {
            Ok(())
        }
    }
}

/// The writer behind [`Escaped`]: escapes, counts, and stops at the budget.
struct EscapeInto<'a, 'b> {
    out: &'a mut fmt::Formatter<'b>,
    left: usize,
    cut: bool,
    failed: bool,
}

impl fmt::Write for EscapeInto<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        // Runs of characters that need no escape go out whole.
        let mut plain = 0;
        for (at, c) in text.char_indices() {
            if !needs_escape(c) {
                continue;
            }
            self.plain(text.get(plain..at).unwrap_or_default())?;
            plain = at + c.len_utf8();
            if matches!(c, '\t' | '\r' | '\n' | '\\') {
                self.escaped(c.escape_debug())?;
            } else {
                self.escaped(c.escape_unicode())?;
            }
        }
        self.plain(text.get(plain..).unwrap_or_default())
    }
}

impl EscapeInto<'_, '_> {
    /// Writes `text` as it is, or as much of it as the budget allows (at a
    /// character boundary) and then stops the formatting.
    fn plain(&mut self, text: &str) -> fmt::Result {
        if text.len() <= self.left {
            self.left -= text.len();
            return self.out.write_str(text).inspect_err(|_| self.failed = true);
        }
        let mut end = self.left;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.left = 0;
        self.cut = true;
        if let Err(err) = self.out.write_str(text.get(..end).unwrap_or_default()) {
            self.failed = true;
            return Err(err);
        }
        Err(fmt::Error)
    }
}

impl EscapeInto<'_, '_> {
    /// Writes one character's escape whole, or stops the formatting.
    fn escaped(&mut self, escape: impl ExactSizeIterator<Item = char>) -> fmt::Result {
        if escape.len() > self.left {
            self.left = 0;
            self.cut = true;
            return Err(fmt::Error);
        }
        self.left -= escape.len();
        for c in escape {
            self.out.write_char(c).inspect_err(|_| self.failed = true)?;
        }
        Ok(())
    }
}

/// Whether `c` is written escaped: a backslash (so an escape is never
/// ambiguous), control characters (C0, DEL, C1), and the characters that
/// break a line or reorder text on a terminal or in a viewer.
fn needs_escape(c: char) -> bool {
    c == '\\'
        || c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The error's `Debug`, or a note that it has none.
struct DebugOf<'a>(Option<&'a dyn core::fmt::Debug>);

impl core::fmt::Display for DebugOf<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0 {
            Some(debug) => write!(f, "{debug:?}"),
            None => f.write_str("(the type does not implement Debug)"),
        }
    }
}

/// The most sources of a chain that are logged.
pub(super) const MAX_CHAIN: usize = 16;

/// A `source()` chain from its first source, `Display` of each, joined by `: `.
/// It stops at the first source seen before (a chain may loop back on itself)
/// and after [`MAX_CHAIN`] sources, saying so.
struct Sources<'a>(&'a dyn core::error::Error);

impl Display for Sources<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The addresses of the sources written so far (a loop can only come
        // back to one of them).
        let mut seen: [*const (); MAX_CHAIN] = [core::ptr::null(); MAX_CHAIN];
        let mut next = Some(self.0);
        let mut depth = 0;
        while let Some(source) = next {
            let address = core::ptr::from_ref(source).cast::<()>();
            if seen.get(..depth).unwrap_or_default().contains(&address) {
                return f.write_str(": … (the chain repeats)");
            }
            let Some(slot) = seen.get_mut(depth) else {
                return f.write_str(": … (more sources not logged)");
            };
            *slot = address;
            if depth > 0 {
                f.write_str(": ")?;
            }
            write!(f, "{source}")?;
            depth += 1;
            next = source.source();
        }
        Ok(())
    }
}

/// `name (why), …` of the dropped headers.
struct DroppedHeaders<'a>(&'a [(&'static str, &'static str)]);

impl core::fmt::Display for DroppedHeaders<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for (i, (name, why)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            // A hand-written impl's name may be anything: only a valid token is written.
            if valid_header_name(name) {
                write!(f, "{name} ({why})")?;
            } else {
                write!(f, "<{} bytes> ({why})", name.len())?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use core::fmt::{self, Write as _};

    use super::{MAX_CHAIN, Sources};

    /// Fails once more than 64 KiB are written: a chain that never ends shows
    /// as an error instead of a test that never ends.
    struct Bounded(String);

    impl fmt::Write for Bounded {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            if self.0.len() + s.len() > 64 * 1024 {
                return Err(fmt::Error);
            }
            self.0.push_str(s);
            Ok(())
        }
    }

    fn written(sources: &Sources<'_>) -> Result<String, String> {
        let mut out = Bounded(String::new());
        match write!(out, "{sources}") {
            Ok(()) => Ok(out.0),
            Err(_) => Err(out.0),
        }
    }

    /// `source()` is itself, or its partner.
    #[derive(Debug)]
    struct Looped(&'static Looped, &'static str);

    static SELF_LOOP: Looped = Looped(&SELF_LOOP, "self");
    static PING: Looped = Looped(&PONG, "ping");
    static PONG: Looped = Looped(&PING, "pong");

    impl fmt::Display for Looped {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.1)
        }
    }

    impl core::error::Error for Looped {
        fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
            Some(self.0)
        }
    }

    /// A chain of distinct errors, `depth` long.
    #[derive(Debug)]
    struct Link(usize, Option<Box<Link>>);

    impl Link {
        fn chain(depth: usize) -> Self {
            (1..depth)
                .rev()
                .fold(Link(depth, None), |next, n| Link(n, Some(Box::new(next))))
        }
    }

    impl fmt::Display for Link {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "link {}", self.0)
        }
    }

    impl core::error::Error for Link {
        fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
            self.1.as_deref().map(|next| next as _)
        }
    }

    #[test]
    fn a_cyclic_source_chain_stops_at_the_first_repeat() {
        assert_eq!(
            written(&Sources(&SELF_LOOP)).as_deref(),
            Ok("self: … (the chain repeats)")
        );
        assert_eq!(
            written(&Sources(&PING)).as_deref(),
            Ok("ping: pong: … (the chain repeats)")
        );
    }

    #[test]
    fn a_long_source_chain_stops_at_a_fixed_depth() {
        assert!((16..=32).contains(&MAX_CHAIN));
        let short = Link::chain(3);
        assert_eq!(
            written(&Sources(&short)).as_deref(),
            Ok("link 1: link 2: link 3")
        );
        let exact = Link::chain(MAX_CHAIN);
        let text = written(&Sources(&exact)).expect("ends");
        assert!(text.ends_with(&format!("link {MAX_CHAIN}")), "{text}");
        let long = Link::chain(1000);
        let text = written(&Sources(&long)).expect("ends");
        assert_eq!(
            text,
            format!(
                "{}: … (more sources not logged)",
                (1..=MAX_CHAIN)
                    .map(|n| format!("link {n}"))
                    .collect::<Vec<_>>()
                    .join(": ")
            )
        );
    }
}
