//! gRPC with tonic (feature `tonic`): the example service on a real tonic
//! server on 127.0.0.1, called by a real tonic client, and the conversion of
//! derived errors into `tonic::Status` (codes, overrides, the rich details).
#![cfg(feature = "tonic")]

#[allow(dead_code, unreachable_pub, clippy::duplicate_mod)]
#[path = "../examples/grpc_service.rs"]
mod service;

use std::time::Duration;

use rest_error::grpc::code_for_status;
use rest_error::{ApiError, CommonError, SubError};
use service::pb::inventory_client::InventoryClient;
use service::pb::{GetMachineRequest, IsolateMachinesRequest};
use tonic::metadata::MetadataValue;
use tonic::{Code, Request, Status};
use tonic_types::StatusExt as _;

/// The example service on a free port; its address.
async fn start() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(service::serve(listener));
    format!("http://{addr}")
}

async fn client(addr: &str) -> InventoryClient<tonic::transport::Channel> {
    InventoryClient::connect(addr.to_owned()).await.unwrap()
}

fn with_id<T>(message: T, id: &'static str) -> Request<T> {
    let mut request = Request::new(message);
    request
        .metadata_mut()
        .insert("x-request-id", MetadataValue::from_static(id));
    request
}

fn request_id(status: &Status) -> String {
    status.get_details_request_info().unwrap().request_id
}

fn echoed(status: &Status) -> &str {
    status
        .metadata()
        .get("x-request-id")
        .unwrap()
        .to_str()
        .unwrap()
}

#[tokio::test]
async fn machine_7_is_not_found_with_the_id_the_caller_sent() {
    let addr = start().await;
    let mut client = client(&addr).await;
    let status = client
        .get_machine(with_id(GetMachineRequest { id: 7 }, "support-case-1234"))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::NotFound, "{status:?}");
    assert_eq!(status.message(), "Resource machine 7 was not found.");
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "ResourceNotFound");
    assert_eq!(info.domain, "rest-error-tests");
    assert_eq!(info.metadata["target"], "support-case-1234");
    assert_eq!(request_id(&status), "support-case-1234");
    assert_eq!(echoed(&status), "support-case-1234");
}

#[tokio::test]
async fn machine_13_is_unavailable_with_a_retry_after_30_seconds_and_no_cause() {
    let addr = start().await;
    let status = client(&addr)
        .await
        .get_machine(GetMachineRequest { id: 13 })
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::Unavailable, "{status:?}");
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "InventoryUnavailable");
    assert_eq!(info.metadata["retryAfterSecs"], "30");
    let retry = status.get_details_retry_info().unwrap();
    assert_eq!(retry.retry_delay, Some(Duration::from_secs(30)));
    // The cause (a connection string with a password) never leaves the server.
    let everything = format!("{status:?} {:?}", status.get_error_details());
    assert!(!everything.contains("shard"), "{everything}");
    assert!(!everything.contains("password"), "{everything}");
    // Without an incoming id the server made one, the same everywhere.
    let id = request_id(&status);
    assert_eq!(id.len(), 36, "{id}");
    assert_eq!(info.metadata["target"], id);
    assert_eq!(echoed(&status), id);
}

#[tokio::test]
async fn isolating_checks_authorization_first_then_the_batch_size() {
    let addr = start().await;
    let mut client = client(&addr).await;
    let five = IsolateMachinesRequest {
        machine_ids: vec![1, 2, 3, 4, 5],
        comment: "incident 42".into(),
    };

    let status = client.isolate_machines(five.clone()).await.unwrap_err();
    assert_eq!(status.code(), Code::Unauthenticated, "{status:?}");
    assert_eq!(
        status.get_details_error_info().unwrap().reason,
        "Unauthorized"
    );

    let mut request = Request::new(five);
    request.metadata_mut().insert(
        "authorization",
        MetadataValue::from_static("Bearer token-1"),
    );
    let status = client.isolate_machines(request).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "MaximumBatchSizeExceeded");
    assert_eq!(
        (
            info.metadata["received"].as_str(),
            info.metadata["allowed"].as_str()
        ),
        ("5", "3")
    );

    let mut request = Request::new(IsolateMachinesRequest {
        machine_ids: vec![1, 2],
        comment: String::new(),
    });
    request.metadata_mut().insert(
        "authorization",
        MetadataValue::from_static("Bearer token-1"),
    );
    request
        .metadata_mut()
        .insert("x-request-id", MetadataValue::from_static("isolate-ok"));
    let response = client.isolate_machines(request).await.unwrap();
    assert_eq!(
        response.metadata().get("x-request-id").unwrap(),
        "isolate-ok",
        "a success echoes the id too"
    );
    assert_eq!(response.into_inner().isolated, [1, 2]);
}

#[tokio::test]
async fn an_invalid_incoming_id_is_replaced_and_a_traceparent_is_used() {
    let addr = start().await;
    let mut client = client(&addr).await;
    let mut request = Request::new(GetMachineRequest { id: 7 });
    request
        .metadata_mut()
        .insert("x-request-id", MetadataValue::from_static("has space"));
    let status = client.get_machine(request).await.unwrap_err();
    assert_ne!(request_id(&status), "has space");
    assert_eq!(request_id(&status).len(), 36);

    let mut request = Request::new(GetMachineRequest { id: 7 });
    request.metadata_mut().insert(
        "traceparent",
        MetadataValue::from_static("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
    );
    let status = client.get_machine(request).await.unwrap_err();
    assert_eq!(request_id(&status), "4bf92f3577b34da6a3ce929d0e0e4736");
    assert_eq!(echoed(&status), "4bf92f3577b34da6a3ce929d0e0e4736");
}

#[test]
fn codes_follow_the_http_status_by_the_code_proto_table() {
    let table = [
        (400, Code::InvalidArgument),
        (401, Code::Unauthenticated),
        (403, Code::PermissionDenied),
        (404, Code::NotFound),
        (405, Code::InvalidArgument),
        (409, Code::Aborted),
        (412, Code::FailedPrecondition),
        (413, Code::InvalidArgument),
        (422, Code::InvalidArgument),
        (428, Code::FailedPrecondition),
        (429, Code::ResourceExhausted),
        (499, Code::Cancelled),
        (500, Code::Internal),
        (501, Code::Unimplemented),
        (502, Code::Internal),
        (503, Code::Unavailable),
        (504, Code::DeadlineExceeded),
        (507, Code::Internal),
    ];
    for (status, code) in table {
        assert_eq!(code_for_status(status), code, "{status}");
    }
    // Every documented code converts by its status.
    for error in [
        CommonError::Unauthorized,
        CommonError::Forbidden,
        CommonError::TooManyRequests {
            retry_after_secs: 5,
        },
        CommonError::InternalServerError,
    ] {
        assert_eq!(
            Status::from(error.clone()).code(),
            code_for_status(error.status()),
            "{error:?}"
        );
    }
}

#[derive(Debug, ApiError)]
#[api(domain = "machines.example.com")]
enum MachineError {
    #[api(
        code = "MachineExists",
        status = 409,
        grpc = "ALREADY_EXISTS",
        msg = "Machine <r#type> <name_of_machine> exists"
    )]
    Exists {
        r#type: &'static str,
        name_of_machine: String,
        #[allow(dead_code)] // the point: a field the template does not name
        secret: String,
    },
    #[api(code = "Deprecated", status = 400, grpc = "FAILED_PRECONDITION")]
    Old,
    #[api(transparent)]
    Common(CommonError),
    #[api(transparent)]
    Nested(Overridden),
    #[api(code = "Wrapped", status = 500, transparent)]
    Wrapped(Overridden),
    #[api(code = "InvalidInput", status = 400, msg = "Invalid input <0> <1:?>")]
    Invalid(
        Option<u32>,
        &'static str,
        #[api(details)] Vec<SubError<FieldError>>,
    ),
}

#[derive(Debug, ApiError)]
enum Overridden {
    #[api(
        code = "Gone",
        status = 404,
        grpc = "OUT_OF_RANGE",
        msg = "Page <page> is past the end"
    )]
    PastEnd { page: u32 },
}

#[derive(Debug, ApiError)]
#[api(lang = "en")]
enum FieldError {
    #[api(
        code = "Empty",
        status = 400,
        msg = "Must not be empty",
        msg(sv = "Får inte vara tom")
    )]
    Empty,
}

#[test]
fn a_variant_overrides_its_code_and_members_forward_theirs() {
    let exists = MachineError::Exists {
        r#type: "server",
        name_of_machine: "db-1".into(),
        secret: "hunter2".into(),
    };
    let status = Status::from(exists);
    assert_eq!(status.code(), Code::AlreadyExists);
    assert_eq!(status.message(), "Machine server db-1 exists");
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "MachineExists");
    assert_eq!(info.domain, "machines.example.com");
    // The values the template names, in lowerCamelCase; nothing else of the variant.
    let mut keys: Vec<_> = info.metadata.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["nameOfMachine", "target", "type"]);
    assert_eq!(info.metadata["nameOfMachine"], "db-1");
    assert!(!format!("{status:?}").contains("hunter2"));

    assert_eq!(
        Status::from(MachineError::Old).code(),
        Code::FailedPrecondition
    );
    // A transparent member without a code of its own answers with its status's code,
    assert_eq!(
        Status::from(MachineError::Common(CommonError::Forbidden)).code(),
        Code::PermissionDenied
    );
    // and with its own override and values;
    let status = Status::from(MachineError::Nested(Overridden::PastEnd { page: 9 }));
    assert_eq!(status.code(), Code::OutOfRange);
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "Gone");
    assert_eq!(
        info.domain, "machines.example.com",
        "the outer type's domain"
    );
    assert_eq!(info.metadata["page"], "9");
    // a transparent variant with its own code and status uses that status.
    let status = Status::from(MachineError::Wrapped(Overridden::PastEnd { page: 9 }));
    assert_eq!(status.code(), Code::Internal);
    assert_eq!(status.get_details_error_info().unwrap().reason, "Wrapped");
}

#[test]
fn tuple_fields_are_arg_n_and_sub_errors_are_field_violations() {
    let status = Status::from(MachineError::Invalid(
        None,
        "x\"y",
        vec![
            SubError::new(FieldError::Empty, "computerDnsName"),
            SubError::new(FieldError::Empty, "machineIds[1]"),
        ],
    ));
    assert_eq!(status.code(), Code::InvalidArgument);
    let info = status.get_details_error_info().unwrap();
    assert_eq!(
        info.metadata.get("arg0"),
        None,
        "a None option names no value"
    );
    assert_eq!(
        info.metadata["arg1"], "\"x\\\"y\"",
        "Debug format, as the message writes it"
    );
    let violations = status.get_details_bad_request().unwrap().field_violations;
    let pairs: Vec<_> = violations
        .iter()
        .map(|v| (v.field.as_str(), v.description.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("computerDnsName", "Must not be empty"),
            ("machineIds[1]", "Must not be empty")
        ]
    );
    assert!(status.get_details_retry_info().is_none());
    assert!(status.get_details_localized_message().is_none());
    // The default domain is the package that derives.
    let info = Status::from(FieldError::Empty)
        .get_details_error_info()
        .unwrap();
    assert_eq!(info.domain, "rest-error-tests");
}

/// A tonic-shaped service that answers every call with `FieldError::Empty`, made
/// while the call is handled.
#[derive(Clone)]
struct AlwaysEmpty;

impl tonic::codegen::Service<tonic::codegen::http::Request<()>> for AlwaysEmpty {
    type Response = tonic::codegen::http::Response<tonic::body::Body>;
    type Error = std::convert::Infallible;
    type Future = std::future::Ready<Result<Self::Response, Self::Error>>;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: tonic::codegen::http::Request<()>) -> Self::Future {
        std::future::ready(Ok(Status::from(FieldError::Empty).into_http()))
    }
}

async fn call_layered(headers: &[(&'static str, &'static str)]) -> Status {
    call_under(rest_error::grpc::CorrelationLayer::default(), headers).await
}

async fn call_under(
    layer: rest_error::grpc::CorrelationLayer,
    headers: &[(&'static str, &'static str)],
) -> Status {
    use tonic::codegen::Service as _;
    use tower_layer::Layer as _;
    let mut service = layer.layer(AlwaysEmpty);
    let mut request = tonic::codegen::http::Request::new(());
    for (name, value) in headers {
        request.headers_mut().insert(*name, value.parse().unwrap());
    }
    let response = service.call(request).await.unwrap();
    Status::from_header_map(response.headers()).unwrap()
}

#[tokio::test]
async fn a_language_the_call_asks_for_is_a_localized_message() {
    let status = call_layered(&[
        ("accept-language", "sv-SE, en;q=0.5"),
        ("x-request-id", "lang-1"),
    ])
    .await;
    assert_eq!(
        status.message(),
        "Must not be empty",
        "the message stays the default"
    );
    let localized = status.get_details_localized_message().unwrap();
    assert_eq!(
        (localized.locale.as_str(), localized.message.as_str()),
        ("sv", "Får inte vara tom")
    );
    assert_eq!(request_id(&status), "lang-1");

    let status = call_layered(&[("accept-language", "en")]).await;
    assert!(status.get_details_localized_message().is_none());
    let status = call_layered(&[]).await;
    assert!(status.get_details_localized_message().is_none());
    assert_eq!(request_id(&status).len(), 36);
}

/// German for `Empty`, and nothing else.
struct German;

impl rest_error::localizer::Localizer for German {
    fn languages(&self) -> &[&str] {
        &["de"]
    }

    fn message<'a>(
        &'a self,
        code: &str,
        lang: &str,
        _: &rest_error::localizer::Values<'_>,
    ) -> Option<std::borrow::Cow<'a, str>> {
        (code == "Empty" && lang == "de").then_some("Darf nicht leer sein".into())
    }
}

#[tokio::test]
async fn the_settings_localizer_answers_languages_the_declaration_lacks() {
    let layer = || {
        let settings = rest_error::web::WebSettings::default().localizer(German);
        rest_error::grpc::CorrelationLayer::new(settings)
    };
    let localized = |status: &Status| {
        let localized = status.get_details_localized_message()?;
        Some((localized.locale, localized.message))
    };
    let status = call_under(layer(), &[("accept-language", "de-CH, en;q=0.5")]).await;
    assert_eq!(
        status.message(),
        "Must not be empty",
        "the message stays the default"
    );
    let german = Some(("de".to_owned(), "Darf nicht leer sein".to_owned()));
    assert_eq!(localized(&status), german);
    // The declaration first: Swedish is declared, so the localizer is not asked.
    let status = call_under(layer(), &[("accept-language", "sv, de;q=0.9")]).await;
    let swedish = Some(("sv".to_owned(), "Får inte vara tom".to_owned()));
    assert_eq!(localized(&status), swedish);
    // A language neither has, or the default: no localized message.
    for accept in ["fr", "en"] {
        let status = call_under(layer(), &[("accept-language", accept)]).await;
        assert_eq!(localized(&status), None, "{accept}");
    }
}

#[tokio::test]
async fn a_client_reads_the_status_as_the_error_response_of_rest() {
    use rest_error::{CommonCode, ErrorResponse};
    let addr = start().await;
    let mut client = client(&addr).await;
    let status = client
        .get_machine(with_id(GetMachineRequest { id: 7 }, "client-side-1"))
        .await
        .unwrap_err();
    let response = ErrorResponse::from_status(&status);
    assert_eq!(response.error.common_code(), CommonCode::ResourceNotFound);
    assert_eq!(response.error.code, "ResourceNotFound");
    assert_eq!(response.error.message, "Resource machine 7 was not found.");
    assert_eq!(response.error.target.as_deref(), Some("client-side-1"));
    let inner = response.error.innererror.unwrap();
    assert_eq!(inner["domain"], "rest-error-tests");

    let status = client
        .get_machine(GetMachineRequest { id: 13 })
        .await
        .unwrap_err();
    let response = ErrorResponse::from(status);
    assert_eq!(response.error.code, "InventoryUnavailable");
    assert_eq!(
        response.error.common_code(),
        CommonCode::Other("InventoryUnavailable".into())
    );

    // Sub-errors come back from the field violations.
    let status = Status::from(MachineError::Invalid(
        Some(1),
        "x",
        vec![SubError::new(FieldError::Empty, "computerDnsName")],
    ));
    let response = ErrorResponse::from_status(&status);
    let detail = &response.error.details[0];
    assert_eq!(
        (detail.target.as_deref(), detail.message.as_str()),
        (Some("computerDnsName"), "Must not be empty")
    );
    // A status without details (another server) still has a code and its id.
    let mut plain = Status::unauthenticated("log in");
    plain
        .metadata_mut()
        .insert("x-request-id", MetadataValue::from_static("plain-1"));
    let response = ErrorResponse::from_status(&plain);
    assert_eq!(response.error.common_code(), CommonCode::Unauthorized);
    assert_eq!(response.error.target.as_deref(), Some("plain-1"));
}
