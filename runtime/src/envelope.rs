//! The JSON envelope.
