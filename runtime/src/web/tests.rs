//! Unit tests of the framework-neutral web core.
