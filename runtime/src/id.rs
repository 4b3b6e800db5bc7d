//! Correlation ids.
