//! Errors handed on past the middleware, framework-neutral: a framework that
//! makes an error's response after its middleware has returned (actix-web,
//! for a service's `Err`) finds the request the error belongs to here, by the
//! error's address, so the response still has the request's id and format.

use core::cell::RefCell;

use super::{ErrorParts, RequestContext};

thread_local! {
    /// The requests of the errors handed on, by the errors' addresses. The
    /// errors live on this thread (actix's are not `Send`).
    static HANDED_ON: RefCell<Vec<(usize, RequestContext)>> = const { RefCell::new(Vec::new()) };
}

/// Remembers `error`'s request until the returned guard is dropped (with the error).
pub(crate) fn remember<T: ?Sized>(error: &T, context: RequestContext) -> Remembered {
    let key = address(error);
    HANDED_ON.with_borrow_mut(|handed_on| handed_on.push((key, context)));
    Remembered(key)
}

/// An entry of [`HANDED_ON`], removed on drop.
pub(crate) struct Remembered(usize);

impl Drop for Remembered {
    fn drop(&mut self) {
        let _ = HANDED_ON.try_with(|handed_on| {
            if let Ok(mut handed_on) = handed_on.try_borrow_mut()
                && let Some(i) = handed_on.iter().position(|(key, _)| *key == self.0)
            {
                handed_on.swap_remove(i);
            }
        });
    }
}

/// `parts()`, made in the context of the request that handed `error` on, if
/// one did, else in the current one. Two errors at one address (zero-sized
/// ones) can't be told apart: then neither request's.
pub(crate) fn parts_for<T: ?Sized>(error: &T, parts: impl FnOnce() -> ErrorParts) -> ErrorParts {
    let key = address(error);
    let context = HANDED_ON.with_borrow(|handed_on| {
        let mut found = handed_on.iter().filter(|(other, _)| *other == key);
        match (found.next(), found.next()) {
            (Some((_, context)), None) => Some(context.clone()),
            _ => None,
        }
    });
    match context {
        Some(context) => context.within(parts),
        None => parts(),
    }
}

fn address<T: ?Sized>(value: &T) -> usize {
    core::ptr::from_ref(value).cast::<()>().addr()
}

#[cfg(test)]
mod tests {
    use super::{parts_for, remember};
    use crate::web::{Detail, WebSettings, begin, correlation_id, error_parts};

    #[test]
    fn a_remembered_error_is_answered_in_its_request_until_dropped() {
        let settings = std::sync::Arc::new(WebSettings::default());
        let context = begin(
            &settings,
            |name| (name == "x-request-id").then_some(&b"kept-1"[..]),
            core::iter::empty,
        );
        let error = Box::new(crate::CommonError::Forbidden);
        let guard = remember(&*error, context);
        let target = |error: &crate::CommonError| {
            let parts = parts_for(error, || error_parts(error, Detail::none()));
            String::from_utf8(parts.body).unwrap_or_default()
        };
        assert!(target(&error).contains("\"target\":\"kept-1\""));
        assert!(correlation_id().is_none());
        drop(guard);
        assert!(!target(&error).contains("kept-1"));
    }
}
