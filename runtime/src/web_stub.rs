//! Placeholder web impl hooks while the integrations are being written.
