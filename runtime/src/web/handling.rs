//! One request under an adapter's middleware, framework-neutral: its context
//! chosen from its headers, the service run with that context as the current
//! one, a panic answered as a 500, and the headers every response echoes.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use tokio::task::futures::TaskLocalFuture;

use super::panic::Panic;
use super::request_id::{client_id, incoming_id};
use super::{CONTEXT, ErrorParts, Headers, RequestContext, RequestFacts, WebSettings, negotiate};

/// Starts handling a request: picks its id from its headers (`header(name)`
/// gives the first value of header `name`, lowercase, as bytes) and its error
/// format from its `Accept` values, and makes the context it runs in. Under an
/// outer layer (nested routers, an actix scope's own `wrap`) the request keeps
/// the id the outer one chose.
pub(crate) fn begin<'h, A: Iterator<Item = &'h [u8]>>(
    settings: &Arc<WebSettings>,
    header: impl Fn(&str) -> Option<&'h [u8]>,
    accept: impl Fn() -> A,
) -> RequestContext {
    let outer = CONTEXT
        .try_with(|outer| (outer.id.clone(), outer.client_id.clone()))
        .ok();
    let (id, client_id) =
        outer.unwrap_or_else(|| (incoming_id(settings, &header), client_id(settings, &header)));
    RequestContext(Arc::new(RequestFacts {
        id,
        client_id,
        accept_language: negotiate::AcceptLanguage::new(header("accept-language")),
        format: settings.negotiate(accept),
        settings: Arc::clone(settings),
    }))
}

impl RequestContext {
    /// Sets the headers every response of the request carries: the id, and
    /// the client's own id when it was not trusted. An error response made
    /// under the request already holds the id: it is not written twice.
    pub(crate) fn echo(&self, headers: &mut impl Headers) {
        let mut put = |name, value: &str| {
            if !headers.holds(name, value) {
                headers.put(name, value, true);
            }
        };
        put(self.settings.response_header_name(), self.id.as_str());
        if let Some(client) = &self.client_id {
            put(super::settings::CLIENT_ID_HEADER, client.as_str());
        }
    }

    /// Runs a service call as this request: `call` itself (a service may work
    /// before its future is first polled) and the future it returns.
    pub(crate) fn run<F: Future>(self, call: impl FnOnce() -> F) -> Handling<F> {
        let called = CONTEXT.sync_scope(self.clone(), || self.catching(call));
        Handling(match called {
            Ok(future) => State::Running(Box::pin(CONTEXT.scope(self.clone(), future)), self),
            Err(panic) => State::Panicked(panic, self),
        })
    }

    /// Runs `f` with this context as the current one.
    pub(crate) fn within<R>(&self, f: impl FnOnce() -> R) -> R {
        CONTEXT.sync_scope(self.clone(), f)
    }

    /// `f()`, or its panic (when panics are caught).
    fn catching<R>(&self, f: impl FnOnce() -> R) -> Result<R, Panic> {
        if !self.settings.catch_panics {
            return Ok(f());
        }
        catch_unwind(AssertUnwindSafe(f)).map_err(|payload| Panic::new(&*payload))
    }

    /// The error response answering `panic`, logged. The scope that was
    /// current when it happened is unwound: the answer is made in a new one.
    #[cfg_attr(not(feature = "axum"), allow(dead_code))] // actix answers it late
    pub(crate) fn answer(&self, panic: &Panic) -> ErrorParts {
        self.within(|| super::Answer::parts(panic))
    }
}

/// The future of one request under the middleware: the service's future, run
/// with the request's context as the current one; it gives back that context
/// (for [`RequestContext::echo`]) and the service's output, or its panic
/// (for [`RequestContext::answer`]).
pub(crate) struct Handling<F>(State<F>);

enum State<F> {
    Running(Pin<Box<TaskLocalFuture<RequestContext, F>>>, RequestContext),
    /// The service's call panicked.
    Panicked(Panic, RequestContext),
    Done,
}

/// What [`Handling`] gives back.
pub(crate) type Handled<T> = (Result<T, Panic>, RequestContext);

impl<F: Future> Future for Handling<F> {
    type Output = Handled<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match core::mem::replace(&mut self.0, State::Done) {
            State::Running(mut future, context) => {
                match context.catching(|| future.as_mut().poll(cx)) {
                    Ok(Poll::Pending) => {
                        self.0 = State::Running(future, context);
                        Poll::Pending
                    }
                    Ok(Poll::Ready(output)) => Poll::Ready((Ok(output), context)),
                    Err(panic) => Poll::Ready((Err(panic), context)),
                }
            }
            State::Panicked(panic, context) => Poll::Ready((Err(panic), context)),
            // Polled again after it completed: it never completes twice.
            State::Done => Poll::Pending,
        }
    }
}

impl<F> core::fmt::Debug for Handling<F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Handling").finish_non_exhaustive()
    }
}
