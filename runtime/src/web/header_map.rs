//! [`Headers`](super::Headers) for a framework's header map, written once for
//! the `http` crate's map whatever its version (axum's and tonic's `http` 1,
//! actix-web's `http` 0.2): the core's names and values parsed into the map's.

/// `impl Headers for $map`, whose names and values parse from `&str` as
/// `$name` and `$value`; a name or value the map refuses is left out.
macro_rules! impl_headers {
    ($map:ty, $name:ty, $value:ty) => {
        impl $crate::web::Headers for $map {
            fn put(&mut self, name: &str, value: &str, replace: bool) {
                let (Ok(name), Ok(value)) = (<$name>::try_from(name), <$value>::try_from(value))
                else {
                    return;
                };
                if replace {
                    self.insert(name, value);
                } else {
                    self.append(name, value);
                }
            }
        }
    };
}

pub(crate) use impl_headers;
