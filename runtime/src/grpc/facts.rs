//! What the derive tells the gRPC conversion beyond the [`ApiError`](crate::ApiError)
//! trait: the type's domain, a variant's own gRPC code and the values its
//! message template names. Emitted only when the feature `tonic` is on.

use crate::MessageWriter;

/// Writes one metadata value.
pub type ValueWriter<'a> = &'a dyn Fn(&mut MessageWriter<'_>);

/// The derive's gRPC facts about a type. Not public API.
pub trait GrpcFacts {
    /// `ErrorInfo.domain`: `#[api(domain = "...")]`, else the deriving package's name.
    fn __grpc_domain(&self) -> &'static str;

    /// The number of the gRPC code `#[api(grpc = "...")]` gives the variant.
    fn __grpc_code(&self) -> Option<i32> {
        None
    }

    /// Calls `field` with the metadata key and a writer of each value the
    /// variant's message template names.
    fn __grpc_fields(&self, field: &mut dyn FnMut(&'static str, ValueWriter<'_>)) {
        let _ = field;
    }
}

/// Autoref probe for a transparent member: `(&&GrpcProbe(member)).__grpc_code()`
/// asks the member when its type has [`GrpcFacts`] (a derived type, or a
/// generic one whose bounds say so), and answers "nothing" otherwise.
pub struct GrpcProbe<'a, T: ?Sized>(pub &'a T);

/// The level of [`GrpcProbe`] for a member with [`GrpcFacts`].
pub trait ViaFacts {
    /// The member's code override.
    fn __grpc_code(&self) -> Option<i32>;
    /// The member's metadata values.
    fn __grpc_fields(&self, field: &mut dyn FnMut(&'static str, ValueWriter<'_>));
}

impl<T: GrpcFacts + ?Sized> ViaFacts for &GrpcProbe<'_, T> {
    fn __grpc_code(&self) -> Option<i32> {
        self.0.__grpc_code()
    }
    fn __grpc_fields(&self, field: &mut dyn FnMut(&'static str, ValueWriter<'_>)) {
        self.0.__grpc_fields(field);
    }
}

/// The fallback level of [`GrpcProbe`].
pub trait ViaNoFacts {
    /// No override.
    fn __grpc_code(&self) -> Option<i32>;
    /// No values.
    fn __grpc_fields(&self, field: &mut dyn FnMut(&'static str, ValueWriter<'_>));
}

impl<T: ?Sized> ViaNoFacts for GrpcProbe<'_, T> {
    fn __grpc_code(&self) -> Option<i32> {
        None
    }
    fn __grpc_fields(&self, _: &mut dyn FnMut(&'static str, ValueWriter<'_>)) {}
}
