//! [`Path`] and [`Query`], the parameter extractors of both adapters: the
//! types live here (like [`Json`](super::Json)), each adapter adds its
//! framework's extractor trait and hands the parameters to the core's
//! deserializers, which name the parameter at fault ([`ParamRejection`](super::ParamRejection)).

/// The route's path parameters as `T`, like `axum::extract::Path` /
/// `actix_web::web::Path`, answering a value that does not parse with
/// `InvalidInput` (400) naming its parameter instead of the framework's own
/// plain-text rejection (axum's 400, actix's 404). One type for both
/// frameworks: it is `rest_error::axum::Path` and `rest_error::actix::Path`.
///
/// One parameter fills a primitive (`Path<u32>`); several fill a tuple, by
/// position, or a struct or a map, by name. A type the route's parameters
/// can't fill (a count that differs, a field the route lacks) is a programming
/// mistake: `InternalServerError` (500).
///
/// ```
/// use rest_error::web::Path;
///
/// // GET /machines/abc: 400 InvalidInput "Invalid input id: cannot parse `abc` as u32."
/// async fn machine(Path(id): Path<u32>) -> String { id.to_string() }
/// # #[cfg(feature = "axum")]
/// # let _: axum::Router = axum::Router::new().route("/machines/{id}", axum::routing::get(machine));
/// # #[cfg(feature = "actix-web")]
/// # let _ = actix_web::App::new().route("/machines/{id}", actix_web::web::get().to(machine));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Path<T>(pub T);

/// The query string as `T`, like `axum::extract::Query` /
/// `actix_web::web::Query`, answering a missing parameter with
/// `MissingRequiredParameter` and one that does not parse with `InvalidInput`
/// (400), naming it ([`ParamRejection`](super::ParamRejection)). One type for
/// both frameworks: it is `rest_error::axum::Query` and `rest_error::actix::Query`.
///
/// ```
/// use rest_error::web::Query;
///
/// #[derive(serde::Deserialize)]
/// struct Page { limit: u32 }
///
/// // GET /machines?limit=x: 400 InvalidInput "Invalid input limit: invalid digit found in string."
/// async fn list(Query(page): Query<Page>) -> String { page.limit.to_string() }
/// # #[cfg(feature = "axum")]
/// # let _: axum::Router = axum::Router::new().route("/machines", axum::routing::get(list));
/// # #[cfg(feature = "actix-web")]
/// # let _ = actix_web::App::new().route("/machines", actix_web::web::get().to(list));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Query<T>(pub T);

/// `Query<T>` from a query string (`a=1&b=x`, without `?`), naming the
/// parameter at fault.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn extract_query<T: serde::de::DeserializeOwned>(
    query: &str,
) -> Result<Query<T>, super::ParamRejection> {
    super::params::deserialize_query(query).map(Query)
}

/// The rejection for a body the framework could not read, from the status it
/// gives the failure (axum's `BytesRejection`): 413 is over its body limit,
/// anything else is unreadable.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn unread_body(status: u16) -> super::JsonRejection {
    if status == 413 {
        super::JsonRejection::too_large()
    } else {
        super::JsonRejection::unreadable()
    }
}
