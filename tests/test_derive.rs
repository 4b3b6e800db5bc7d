//! What the derive generates: code, status and message per variant, defaults,
//! structs, transparent members, `from` and `display`.

use rest_error::ApiError;

#[derive(Debug, ApiError)]
#[allow(dead_code)] // `used` is there to show that unnamed fields stay out of the message
enum MachineError {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found"
    )]
    MachineNotFound(u64),
    #[api(status = 400, msg = "Machine <id> is isolated since <since>.")]
    MachineIsolated { id: String, since: u32 },
    #[api(status = 503)]
    Unavailable,
    #[api(code = "Quota.Exceeded", status = 429, msg = "Quota exceeded")]
    QuotaExceeded { used: u64 },
}

#[test]
fn code_defaults_to_the_variant_name() {
    assert_eq!(MachineError::MachineNotFound(1).code(), "ResourceNotFound");
    assert_eq!(MachineError::Unavailable.code(), "Unavailable");
    assert_eq!(
        MachineError::MachineIsolated {
            id: "m".into(),
            since: 1
        }
        .code(),
        "MachineIsolated"
    );
    assert_eq!(
        MachineError::QuotaExceeded { used: 1 }.code(),
        "Quota.Exceeded"
    );
}

#[test]
fn status_per_variant() {
    assert_eq!(MachineError::MachineNotFound(1).status(), 404);
    assert_eq!(MachineError::Unavailable.status(), 503);
    assert_eq!(MachineError::QuotaExceeded { used: 0 }.status(), 429);
}

#[test]
fn message_from_template() {
    assert_eq!(
        MachineError::MachineNotFound(123_123_123)
            .message()
            .to_string(),
        "Machine 123123123 was not found"
    );
    let isolated = MachineError::MachineIsolated {
        id: "m-1".into(),
        since: 2020,
    };
    assert_eq!(
        isolated.message().to_string(),
        "Machine m-1 is isolated since 2020."
    );
    // A field that the template does not name never reaches the message.
    assert_eq!(
        MachineError::QuotaExceeded { used: 77 }
            .message()
            .to_string(),
        "Quota exceeded"
    );
}

#[test]
fn message_defaults_to_the_reason_phrase() {
    assert_eq!(
        MachineError::Unavailable.message().to_string(),
        "Service Unavailable"
    );
}

#[test]
fn derive_leaves_display_alone() {
    // Without #[api(display)] the type's Display is its own business (thiserror's);
    // here it has none, and Debug stays the derived one.
    assert_eq!(format!("{:?}", MachineError::Unavailable), "Unavailable");
}

#[derive(Debug, ApiError)]
#[api(status = 400)]
enum Validation {
    EmptyName,
    #[api(msg = "Name <0> is too long")]
    NameTooLong(String),
    #[api(status = 422, msg = "unprocessable")]
    Unprocessable,
}

#[test]
fn enum_default_status() {
    assert_eq!(Validation::EmptyName.status(), 400);
    assert_eq!(Validation::EmptyName.code(), "EmptyName");
    assert_eq!(Validation::EmptyName.message().to_string(), "Bad Request");
    assert_eq!(Validation::NameTooLong("x".into()).status(), 400);
    assert_eq!(Validation::Unprocessable.status(), 422);
}

#[derive(Debug, ApiError)]
#[api(code = "InvalidUrl", status = 400, msg = "URL <0> is invalid.")]
struct InvalidUrl(String);

#[derive(Debug, ApiError)]
#[api(status = 413, msg = "Body of <size> bytes exceeds <limit>.")]
struct TooLarge {
    size: usize,
    limit: usize,
}

#[derive(Debug, ApiError)]
#[api(status = 401)]
struct Unauthorized;

#[test]
fn structs() {
    let url = InvalidUrl("http://x".into());
    assert_eq!((url.code(), url.status()), ("InvalidUrl", 400));
    assert_eq!(url.message().to_string(), "URL http://x is invalid.");
    let big = TooLarge { size: 10, limit: 5 };
    assert_eq!((big.code(), big.status()), ("TooLarge", 413));
    assert_eq!(big.message().to_string(), "Body of 10 bytes exceeds 5.");
    assert_eq!(Unauthorized.code(), "Unauthorized");
    assert_eq!(Unauthorized.message().to_string(), "Unauthorized");
}

#[derive(Debug, ApiError)]
enum ServiceError {
    #[api(transparent, from)]
    Machine(MachineError),
    #[api(transparent)]
    Url { inner: InvalidUrl },
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "File <0> was not found"
    )]
    FileNotFound(String),
}

#[test]
fn transparent_forwards_everything() {
    let err = ServiceError::Machine(MachineError::MachineNotFound(7));
    assert_eq!((err.code(), err.status()), ("ResourceNotFound", 404));
    assert_eq!(err.message().to_string(), "Machine 7 was not found");
    let err = ServiceError::Url {
        inner: InvalidUrl("u".into()),
    };
    assert_eq!((err.code(), err.status()), ("InvalidUrl", 400));
    assert_eq!(err.message().to_string(), "URL u is invalid.");
    let err = ServiceError::FileNotFound("f".into());
    assert_eq!((err.code(), err.status()), ("ResourceNotFound", 404));
}

#[test]
fn transparent_from_enables_question_mark() {
    fn find(id: u64) -> Result<(), MachineError> {
        Err(MachineError::MachineNotFound(id))
    }
    fn handler() -> Result<(), ServiceError> {
        find(5)?;
        Ok(())
    }
    let err = handler().unwrap_err();
    assert!(matches!(
        err,
        ServiceError::Machine(MachineError::MachineNotFound(5))
    ));
}

// Plain `transparent` generates no From, so thiserror's #[from] can coexist.
impl From<InvalidUrl> for ServiceError {
    fn from(inner: InvalidUrl) -> Self {
        ServiceError::Url { inner }
    }
}

#[test]
fn plain_transparent_leaves_from_to_the_user() {
    let err: ServiceError = InvalidUrl("x".into()).into();
    assert_eq!(err.code(), "InvalidUrl");
}

#[derive(Debug, ApiError)]
#[api(display)]
enum Displayed {
    #[api(status = 404, msg = "Resource <0> was not found.")]
    ResourceNotFound(String),
    #[api(transparent)]
    Other(MachineError),
}

#[test]
fn display_writes_the_message_and_implements_error() {
    let err = Displayed::ResourceNotFound("m".into());
    assert_eq!(err.to_string(), "Resource m was not found.");
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert!(boxed.source().is_none());
    assert_eq!(
        Displayed::Other(MachineError::Unavailable).to_string(),
        "Service Unavailable"
    );
}

#[derive(Debug, ApiError)]
#[api(display)]
#[api(status = 400, msg = "bad <0>")]
struct DisplayedStruct(&'static str);

#[test]
fn display_on_structs() {
    assert_eq!(DisplayedStruct("input").to_string(), "bad input");
}

#[derive(Debug, ApiError)]
enum SameCodeTwice {
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "Machine <0> was not found"
    )]
    Machine(u64),
    #[api(
        code = "ResourceNotFound",
        status = 404,
        msg = "File <0> was not found"
    )]
    File(String),
}

#[test]
fn same_code_same_status_is_allowed() {
    assert_eq!(
        SameCodeTwice::Machine(1).code(),
        SameCodeTwice::File("f".into()).code()
    );
    assert_eq!(
        SameCodeTwice::File("f".into()).message().to_string(),
        "File f was not found"
    );
}

#[derive(Debug, ApiError)]
#[non_exhaustive]
enum Empty {}

#[derive(Debug, ApiError)]
#[non_exhaustive]
enum Open {
    #[api(status = 409)]
    #[non_exhaustive]
    Conflict,
}

#[test]
fn empty_and_non_exhaustive_enums() {
    fn assert_api_error<T: ApiError>() {}
    assert_api_error::<Empty>();
    assert_eq!(Open::Conflict.status(), 409);
}

#[derive(Debug, ApiError)]
enum Raw {
    #[api(status = 400, msg = "Unknown type <type>, also <r#type>")]
    BadType { r#type: String },
}

#[test]
fn raw_identifiers_match_unraw_placeholders() {
    let err = Raw::BadType { r#type: "t".into() };
    assert_eq!(err.message().to_string(), "Unknown type t, also t");
}

#[test]
fn works_as_a_trait_object() {
    let errors: Vec<Box<dyn ApiError>> = vec![
        Box::new(MachineError::MachineNotFound(1)),
        Box::new(InvalidUrl("u".into())),
    ];
    let codes: Vec<_> = errors.iter().map(|e| (e.code(), e.status())).collect();
    assert_eq!(codes, [("ResourceNotFound", 404), ("InvalidUrl", 400)]);
    assert_eq!(errors[1].message().to_string(), "URL u is invalid.");
}

#[derive(Debug, ApiError)]
enum Throttled {
    #[api(
        status = 429,
        msg = "Retry after <retry_after_secs> seconds.",
        header("Retry-After", "<retry_after_secs>"),
        header("X-Quota", "<used>/<limit> used")
    )]
    TooManyRequests {
        retry_after_secs: u64,
        used: u32,
        limit: u32,
    },
    #[api(status = 400)]
    Plain,
    #[api(transparent)]
    Inner(Inner),
}

#[derive(Debug, ApiError)]
#[api(status = 503, header("Retry-After", "<0>"))]
struct Inner(u8);

fn headers(err: &dyn ApiError) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    err.headers(&mut |name, value| out.push((name, value.to_string())));
    out
}

#[test]
fn headers_are_templates_too() {
    let err = Throttled::TooManyRequests {
        retry_after_secs: 30,
        used: 5,
        limit: 5,
    };
    assert_eq!(
        headers(&err),
        [
            ("Retry-After", "30".to_owned()),
            ("X-Quota", "5/5 used".to_owned())
        ]
    );
    assert_eq!(err.message().to_string(), "Retry after 30 seconds.");
    assert!(headers(&Throttled::Plain).is_empty());
    assert_eq!(
        headers(&Throttled::Inner(Inner(9))),
        [("Retry-After", "9".to_owned())]
    );
    assert!(headers(&MachineError::Unavailable).is_empty());
}
