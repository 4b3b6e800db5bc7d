//! [`Headers`](super::Headers) for a framework's header map, written once for
//! the `http` crate's map whatever its version (axum's and tonic's `http` 1,
//! actix-web's `http` 0.2): the core's names and values parsed into the map's.

/// `impl Headers for $map`, whose names and values parse from `&str` as
/// `$name` and `$value`; a name or value the map refuses is left out.
macro_rules! impl_headers {
    ($map:ty, $name:ty, $value:ty) => {
        impl $crate::web::Headers for $map {
            fn put(&mut self, name: &str, value: &str, replace: bool) {
                if let Ok(value) = <$value>::try_from(value) {
                    <Self as $crate::web::header_map::PutValue<$value>>::put_value(
                        self, name, value, replace,
                    );
                }
            }

            fn put_static(&mut self, name: &str, value: &'static str, replace: bool) {
                // Borrowed, not copied. `from_static` panics on what it refuses,
                // so it only sees a value that passes its own test first; any
                // other is parsed (and copied) as `put` does.
                if value
                    .bytes()
                    .all($crate::web::header_map::is_static_value_byte)
                {
                    let value = <$value>::from_static(value);
                    <Self as $crate::web::header_map::PutValue<$value>>::put_value(
                        self, name, value, replace,
                    );
                } else {
                    self.put(name, value, replace);
                }
            }

            fn holds(&self, name: &str, value: &str) -> bool {
                let mut values = self.get_all(name).into_iter();
                values
                    .next()
                    .is_some_and(|first| first.as_bytes() == value.as_bytes())
                    && values.next().is_none()
            }
        }

        impl $crate::web::header_map::PutValue<$value> for $map {
            fn put_value(&mut self, name: &str, value: $value, replace: bool) {
                let Ok(name) = <$name>::try_from(name) else {
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

/// Inserts a parsed value under `name`, for [`impl_headers`].
pub(crate) trait PutValue<V> {
    fn put_value(&mut self, name: &str, value: V, replace: bool);
}

/// A byte `HeaderValue::from_static` accepts (its own test, in both `http`
/// versions): visible ASCII, space and tab.
pub(crate) const fn is_static_value_byte(byte: u8) -> bool {
    (byte >= 0x20 && byte < 0x7f) || byte == b'\t'
}

#[cfg(all(test, feature = "axum"))]
mod tests {
    use super::is_static_value_byte;

    /// `put_static` calls `from_static`, which panics on what it refuses: the
    /// test before it must agree with `from_static`'s on every ASCII byte, and
    /// send every other byte to `put`.
    #[test]
    fn the_static_value_test_is_http_s_own() {
        for byte in 0..0x80_u8 {
            let text: &'static str = Box::leak(format!("a{}", char::from(byte)).into_boxed_str());
            let accepted =
                std::panic::catch_unwind(|| http::HeaderValue::from_static(text)).is_ok();
            assert_eq!(is_static_value_byte(byte), accepted, "byte {byte:#04x}");
        }
        assert!((0x80..=u8::MAX).all(|byte| !is_static_value_byte(byte)));
    }

    /// The echo keeps a header only when it is the one value already there.
    #[test]
    fn holds_is_true_for_exactly_that_one_value() {
        use crate::web::Headers as _;
        let mut headers = http::HeaderMap::new();
        assert!(!headers.holds("x-request-id", "abc"));
        headers.put("x-request-id", "abc", false);
        assert!(headers.holds("x-request-id", "abc"));
        assert!(!headers.holds("x-request-id", "abd"));
        headers.put("x-request-id", "abc", false);
        assert!(
            !headers.holds("x-request-id", "abc"),
            "two values are not one"
        );
    }
}
