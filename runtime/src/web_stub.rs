//! Placeholder web impl hooks while the integrations are being written.

#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __actix_impls {
    ($($input:tt)*) => {};
}
