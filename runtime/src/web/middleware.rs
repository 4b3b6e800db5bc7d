//! The correlation middleware around one inner service, one type for every
//! framework: axum's and tonic's `Correlation` and actix-web's
//! `CorrelationMiddleware` are [`Correlation`] with their framework's marker,
//! and their response futures are [`CorrelationFuture`]. A framework gives
//! only [`Finish`]: what the inner service's outcome, or its panic, becomes.

use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::sync::Arc;

use super::handling::{Handled, Handling};
use super::{RequestContext, WebSettings};

/// The correlation middleware wrapped around an inner service: each request
/// runs under its correlation id and the middleware's [`WebSettings`] (see
/// [`rest_error::web`](crate::web)). `K` is the framework's marker.
pub struct Correlation<S, K> {
    pub(crate) inner: S,
    settings: Arc<WebSettings>,
    framework: PhantomData<fn() -> K>,
}

impl<S, K> Correlation<S, K> {
    /// The middleware around `inner`, with these settings.
    pub(crate) fn new(inner: S, settings: &Arc<WebSettings>) -> Self {
        Self {
            inner,
            settings: Arc::clone(settings),
            framework: PhantomData,
        }
    }

    /// Starts handling a request under this middleware's settings: see
    /// [`begin`](super::begin) for `header` and `accept`.
    pub(crate) fn begin<'h, A: Iterator<Item = &'h [u8]>>(
        &self,
        header: impl Fn(&str) -> Option<&'h [u8]>,
        accept: impl Fn() -> A,
    ) -> RequestContext {
        super::begin(&self.settings, header, accept)
    }
}

impl<S: Clone, K> Clone for Correlation<S, K> {
    fn clone(&self) -> Self {
        Self::new(self.inner.clone(), &self.settings)
    }
}

impl<S, K> core::fmt::Debug for Correlation<S, K> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Correlation")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// The response future of [`Correlation`]: the inner service's future under
/// the request's id (a panic caught, when panics are caught), then finished by
/// the framework ([`Finish`]): the id echoed, a panic answered.
pub struct CorrelationFuture<F, K>(Handling<F>, PhantomData<fn() -> K>);

impl<F, K> CorrelationFuture<F, K> {
    /// The future finishing `handling`.
    pub(crate) fn new(handling: Handling<F>) -> Self {
        Self(handling, PhantomData)
    }
}

/// A framework's end of the correlation middleware: what the inner service's
/// outcome `T`, or its panic, becomes, with the request's id echoed.
#[allow(private_interfaces)] // the crate's own types: `Finish` is unnameable outside
pub trait Finish<T> {
    /// The middleware's outcome.
    type Output;

    /// The middleware's outcome for the inner service's (or its panic), in
    /// the request's context.
    fn finish(handled: Handled<T>) -> Self::Output;
}

impl<F: Future, K: Finish<F::Output>> Future for CorrelationFuture<F, K> {
    type Output = K::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.0).poll(cx).map(K::finish)
    }
}

impl<F, K> core::fmt::Debug for CorrelationFuture<F, K> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("CorrelationFuture").field(&self.0).finish()
    }
}

/// axum's marker for [`Correlation`].
#[cfg(feature = "axum")]
#[derive(Debug)]
pub enum Axum {}

/// actix-web's marker for [`Correlation`].
#[cfg(feature = "actix-web")]
#[derive(Debug)]
pub enum Actix {}

/// tonic's marker for [`Correlation`].
#[cfg(feature = "tonic")]
#[derive(Debug)]
pub enum Grpc {}
