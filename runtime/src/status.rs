//! HTTP status reason phrases.
