//! The correlation middleware's value, one for both frameworks: axum's
//! `CorrelationLayer` and actix-web's `Correlation` are this type, each
//! adapter giving it its framework's middleware trait.

use std::sync::Arc;

use super::WebSettings;

/// The correlation middleware: it runs each request under one correlation id
/// and the given [`WebSettings`] (see [`rest_error::web`](crate::web)): the
/// `target` of every error response made while the request is handled, echoed
/// on every response; a panic in the handler is answered as a 500 in the
/// request's format. axum: `Router::layer(CorrelationLayer::new(..))`;
/// actix-web: `App::wrap(Correlation::new(..))`, wrapped last (outermost).
#[derive(Debug, Clone, Default)]
pub struct CorrelationLayer {
    pub(crate) settings: Arc<WebSettings>,
}

impl CorrelationLayer {
    /// A middleware with these settings; [`Default`] has the default settings.
    #[must_use]
    pub fn new(settings: WebSettings) -> Self {
        Self {
            settings: Arc::new(settings),
        }
    }
}
