//! Path parameters into the `Path` extractors' types, framework-neutral: a
//! serde deserializer over the matched route's (name, value) pairs that names
//! the parameter at fault ([`ParamRejection`]).
//!
//! One parameter deserializes into a primitive (`Path<u32>`), several into a
//! tuple by position or a struct or map by name. A value that does not parse is
//! `InvalidInput` naming its parameter; a type the route's parameters can't
//! fill (a count that differs, a field the route lacks) is a programming
//! mistake, `InternalServerError`.

use core::fmt;
use std::borrow::Cow;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

use super::ParamRejection;
use super::params::sanitize;

/// The route's parameters as `T`, or the rejection naming the one at fault.
/// Values are percent-decoded already.
pub(crate) fn deserialize_path<T: DeserializeOwned>(
    params: &[(&str, Cow<'_, str>)],
) -> Result<T, ParamRejection> {
    T::deserialize(Params(params)).map_err(|err| match err {
        PathError::Invalid { param, reason } => ParamRejection::invalid(&param, &reason),
        // Not about one value: the only parameter, else the path as a whole.
        PathError::Custom(reason) => match params {
            [(only, _)] => ParamRejection::invalid(only, &reason),
            _ => ParamRejection::invalid("path", &reason),
        },
        PathError::Misconfigured => ParamRejection::misconfigured(),
    })
}

/// `Path<T>` from the matched route's (name, value) parameters, their values
/// percent-decoded here when the framework matched the raw path (actix), as
/// they are when it decoded them (axum).
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn extract_path<'a, T: DeserializeOwned>(
    params: impl Iterator<Item = (&'a str, &'a str)>,
    encoded: bool,
) -> Result<super::Path<T>, ParamRejection> {
    let decode = |value| {
        if encoded {
            percent_decode(value)
        } else {
            Cow::Borrowed(value)
        }
    };
    let params: Vec<_> = params.map(|(name, value)| (name, decode(value))).collect();
    deserialize_path(&params).map(super::Path)
}

/// The rejection for a framework's refusal of the route's parameters, read
/// from its text: axum names the one that is not UTF-8 once decoded
/// ("Invalid UTF-8 in `id`"); any other refusal is the route's mistake.
#[cfg(feature = "axum")]
pub(crate) fn path_refused(text: &str) -> ParamRejection {
    let param = text.strip_prefix("Invalid UTF-8 in `");
    match param.and_then(|param| param.strip_suffix('`')) {
        Some(param) => ParamRejection::invalid(param, "not valid UTF-8"),
        None => ParamRejection::misconfigured(),
    }
}

/// `value` with `%XX` sequences decoded (invalid UTF-8 replaced), for a
/// framework that matches routes on the raw path.
pub(crate) fn percent_decode(value: &str) -> Cow<'_, str> {
    if !value.contains('%') {
        return Cow::Borrowed(value);
    }
    let hex = |b: u8| char::from(b).to_digit(16);
    let (bytes, mut out, mut i) = (value.as_bytes(), Vec::with_capacity(value.len()), 0);
    while i < bytes.len() {
        let pair = bytes
            .get(i + 1..i + 3)
            .and_then(|p| Some((hex(p[0])?, hex(p[1])?)));
        match (bytes[i], pair) {
            (b'%', Some((high, low))) => {
                out.push(u8::try_from(high * 16 + low).unwrap_or_default());
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// Why the parameters don't fit the type.
#[derive(Debug)]
enum PathError {
    /// Parameter `param`'s value does not parse.
    Invalid { param: String, reason: String },
    /// The type's own complaint, not tied to one value yet.
    Custom(String),
    /// The route and the type don't fit.
    Misconfigured,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathError::Invalid { param, reason } => write!(f, "{param}: {reason}"),
            PathError::Custom(reason) => f.write_str(reason),
            PathError::Misconfigured => f.write_str("the route's parameters don't fit the type"),
        }
    }
}

impl core::error::Error for PathError {}

impl de::Error for PathError {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        PathError::Custom(msg.to_string())
    }

    fn missing_field(_: &'static str) -> Self {
        PathError::Misconfigured
    }

    fn invalid_length(_: usize, _: &dyn de::Expected) -> Self {
        PathError::Misconfigured
    }
}

/// `deserialize_<type>` of a single parameter's value.
macro_rules! one_value {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
            self.one(|value| value.$method(visitor))
        }
    )*};
}

/// All of the route's parameters.
struct Params<'a>(&'a [(&'a str, Cow<'a, str>)]);

impl<'de> de::Deserializer<'de> for Params<'_> {
    type Error = PathError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        self.one(|value| value.deserialize_any(visitor))
    }

    one_value! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_str
        deserialize_string deserialize_bytes deserialize_byte_buf deserialize_option
        deserialize_unit deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        visitor.visit_seq(Entries(self.0.iter(), None))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, PathError> {
        if len != self.0.len() {
            return Err(PathError::Misconfigured);
        }
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, PathError> {
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        visitor.visit_map(Entries(self.0.iter(), None))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PathError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, PathError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PathError> {
        self.one(|value| value.deserialize_enum(name, variants, visitor))
    }

    forward_to_deserialize_any! { unit_struct }
}

impl Params<'_> {
    /// One parameter: its value is the whole.
    fn one<T>(self, f: impl FnOnce(Value<'_>) -> Result<T, PathError>) -> Result<T, PathError> {
        match self.0 {
            [(name, value)] => named(Value(value), name, f),
            _ => Err(PathError::Misconfigured),
        }
    }
}

/// Runs `f` on parameter `name`'s value; its type's complaint names it.
fn named<T>(
    value: Value<'_>,
    name: &str,
    f: impl FnOnce(Value<'_>) -> Result<T, PathError>,
) -> Result<T, PathError> {
    f(value).map_err(|err| match err {
        PathError::Custom(reason) => PathError::Invalid {
            param: name.to_owned(),
            reason,
        },
        other => other,
    })
}

/// The parameters one by one: as a sequence of values, or as a map (the value
/// of the entry whose key was just given is the second field).
struct Entries<'a, I>(I, Option<(&'a str, &'a str)>);

impl<'a, 'de, I: Iterator<Item = &'a (&'a str, Cow<'a, str>)>> de::SeqAccess<'de>
    for Entries<'a, I>
{
    type Error = PathError;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, PathError> {
        self.0
            .next()
            .map(|(name, value)| named(Value(value), name, |v| seed.deserialize(v)))
            .transpose()
    }
}

impl<'a, 'de, I: Iterator<Item = &'a (&'a str, Cow<'a, str>)>> de::MapAccess<'de>
    for Entries<'a, I>
{
    type Error = PathError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, PathError> {
        let Some((name, value)) = self.0.next() else {
            return Ok(None);
        };
        self.1 = Some((name, value));
        seed.deserialize(name.into_deserializer()).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, PathError> {
        let (name, value) = self.1.take().ok_or(PathError::Misconfigured)?;
        named(Value(value), name, |v| seed.deserialize(v))
    }
}

/// One parameter's value.
struct Value<'a>(&'a str);

/// `deserialize_<type>`: the value parsed with `FromStr`, or why it does not.
macro_rules! parse_value {
    ($($method:ident $visit:ident $ty:ty),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
            match self.0.parse::<$ty>() {
                Ok(parsed) => visitor.$visit(parsed),
                Err(_) => Err(PathError::Custom(format!(
                    "cannot parse `{}` as {}",
                    sanitize(self.0),
                    stringify!($ty)
                ))),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Value<'_> {
    type Error = PathError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        visitor.visit_str(self.0)
    }

    parse_value! {
        deserialize_bool visit_bool bool,
        deserialize_i8 visit_i8 i8, deserialize_i16 visit_i16 i16,
        deserialize_i32 visit_i32 i32, deserialize_i64 visit_i64 i64,
        deserialize_i128 visit_i128 i128,
        deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32, deserialize_u64 visit_u64 u64,
        deserialize_u128 visit_u128 u128,
        deserialize_f32 visit_f32 f32, deserialize_f64 visit_f64 f64,
        deserialize_char visit_char char,
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, PathError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PathError> {
        let value: de::value::StrDeserializer<'_, PathError> = self.0.into_deserializer();
        de::Deserializer::deserialize_enum(value, name, variants, visitor)
    }

    /// A sequence, a map or a struct can't come from one value.
    fn deserialize_seq<V: Visitor<'de>>(self, _: V) -> Result<V::Value, PathError> {
        Err(PathError::Misconfigured)
    }

    fn deserialize_map<V: Visitor<'de>>(self, _: V) -> Result<V::Value, PathError> {
        Err(PathError::Misconfigured)
    }

    forward_to_deserialize_any! {
        str string bytes byte_buf unit unit_struct tuple tuple_struct struct
        identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::collections::BTreeMap;

    use super::{deserialize_path, percent_decode};
    use crate::ApiError;

    fn path<T: serde::de::DeserializeOwned>(
        params: &[(&str, &str)],
    ) -> Result<T, (String, String)> {
        let params: Vec<(&str, Cow<'_, str>)> =
            params.iter().map(|&(n, v)| (n, Cow::Borrowed(v))).collect();
        deserialize_path(&params).map_err(|r| (r.code().to_owned(), r.message().to_string()))
    }

    fn invalid(message: &str) -> (String, String) {
        ("InvalidInput".to_owned(), message.to_owned())
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Ids {
        org: String,
        id: u64,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    enum Os {
        Linux,
    }

    #[test]
    fn primitives_tuples_structs_and_maps() {
        assert_eq!(path::<u32>(&[("id", "7")]), Ok(7));
        assert_eq!(path::<String>(&[("name", "a b")]), Ok("a b".to_owned()));
        assert_eq!(
            path::<(String, i8)>(&[("org", "x"), ("id", "-3")]),
            Ok(("x".into(), -3))
        );
        assert_eq!(
            path::<Ids>(&[("id", "9"), ("org", "x")]),
            Ok(Ids {
                org: "x".into(),
                id: 9
            })
        );
        let map = path::<BTreeMap<String, String>>(&[("a", "1"), ("b", "2")]).unwrap();
        assert_eq!(map.len(), 2);
        assert_eq!(path::<Os>(&[("os", "Linux")]), Ok(Os::Linux));
        assert_eq!(path::<Option<bool>>(&[("on", "true")]), Ok(Some(true)));
    }

    #[test]
    fn the_parameter_at_fault_is_named() {
        assert_eq!(
            path::<u32>(&[("id", "abc")]),
            Err(invalid("Invalid input id: cannot parse `abc` as u32."))
        );
        assert_eq!(
            path::<(String, u8)>(&[("org", "x"), ("n", "300")]),
            Err(invalid("Invalid input n: cannot parse `300` as u8."))
        );
        assert_eq!(
            path::<Ids>(&[("org", "x"), ("id", "-1")]),
            Err(invalid("Invalid input id: cannot parse `-1` as u64."))
        );
        let (code, message) = path::<Os>(&[("os", "Plan9")]).unwrap_err();
        assert_eq!(code, "InvalidInput");
        assert!(
            message.starts_with("Invalid input os: unknown variant `Plan9`"),
            "{message}"
        );
    }

    #[test]
    fn a_type_the_route_cannot_fill_is_a_programming_mistake() {
        let misconfigured = |r: Result<(), (String, String)>| r.unwrap_err().0;
        assert_eq!(
            misconfigured(path::<(u8, u8)>(&[("a", "1")]).map(drop)),
            "InternalServerError"
        );
        assert_eq!(
            misconfigured(path::<u8>(&[("a", "1"), ("b", "2")]).map(drop)),
            "InternalServerError"
        );
        assert_eq!(
            misconfigured(path::<Ids>(&[("org", "x")]).map(drop)),
            "InternalServerError"
        );
    }

    #[test]
    fn percent_sequences_are_decoded() {
        assert_eq!(percent_decode("a%20b%2Fc"), "a b/c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%e2%82%ac"), "%zz€");
        assert_eq!(percent_decode("%ff"), "\u{FFFD}");
    }
}
