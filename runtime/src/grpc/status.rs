//! The `tonic::Status` of an error: code, message and the rich error model's
//! details (AIP-193), with the current request's id.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use tonic::metadata::{MetadataKey, MetadataValue};
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt as _};

use super::GrpcFacts;
use crate::message::write_lenient;
use crate::problem::response_status;
use crate::web::{Detail, Speech, WebSettings};
use crate::{ApiError, CorrelationId, MessageWriter};

/// The `tonic::Status` for `error`, logged once like an HTTP error response.
///
/// Its target is the current request's id under the correlation layer (a fresh
/// UUID v4 outside of it), echoed in the status's metadata. Nothing of a 5xx's
/// cause goes into the status: only its code, public message and declared data.
pub fn status(error: &dyn ApiError, facts: &dyn GrpcFacts, detail: Detail<'_>) -> Status {
    let (target, settings, localized) = crate::web::with_context(|context| {
        let accept = context.accept_language.as_str();
        let localized = localized(error, &context.settings, accept);
        (context.id.clone(), Arc::clone(&context.settings), localized)
    })
    .unwrap_or_else(|| {
        // Outside the layer: the context hook's id (the trace id), else a fresh one.
        let settings = WebSettings::DEFAULT;
        let id = settings.id_from_context.and_then(|hook| hook());
        (id.unwrap_or_default(), Arc::new(settings), None)
    });

    let declared = error.status();
    let http_status = response_status(declared);
    let code = facts
        .__grpc_code()
        .map_or_else(|| super::code_for_status(http_status), Code::from_i32);
    let message = error.message().to_string();

    let mut details = ErrorDetails::new();
    details.set_error_info(
        error.code(),
        facts.__grpc_domain(),
        metadata(facts, &target),
    );
    details.set_request_info(target.as_str(), "");
    if let Some(seconds) = retry_after(error) {
        details.set_retry_info(Some(Duration::from_secs(seconds)));
    }
    error.details(&mut |detail| {
        let mut description = String::new();
        let _ = write_lenient(&mut description, |w| detail.write_message(w));
        details.add_bad_request_violation(detail.target(), description);
    });
    if let Some((language, message)) = localized {
        details.set_localized_message(language, message);
    }

    crate::web::log_response(error, detail, &target, http_status, declared, &[]);
    let mut status = Status::with_error_details(code, message, details);
    if let (Ok(name), Ok(value)) = (
        MetadataKey::from_bytes(settings.response_header_name().as_bytes()),
        MetadataValue::try_from(target.as_str()),
    ) {
        status.metadata_mut().insert(name, value);
    }
    status
}

/// The `LocalizedMessage` of `error` for a call's `Accept-Language`, chosen as
/// an HTTP response's language is (the declaration first, then the settings'
/// localizer); none in the default language, or when nothing matches.
fn localized(
    error: &dyn ApiError,
    settings: &WebSettings,
    accept_language: Option<&str>,
) -> Option<(String, String)> {
    match Speech::choose(error, settings.localizer.as_ref(), accept_language) {
        Speech::Declared(lang) => Some((lang.to_owned(), error.message_in(lang).to_string())),
        Speech::Localizer { lang, message } => Some((lang.to_owned(), message.into_owned())),
        Speech::OneLanguage | Speech::Default(_) => None,
    }
}

/// `ErrorInfo.metadata`: the target, then each value the template names.
fn metadata(facts: &dyn GrpcFacts, target: &CorrelationId) -> HashMap<String, String> {
    let mut metadata = HashMap::new();
    facts.__grpc_fields(&mut |key, write| {
        let mut value = String::new();
        let _ = write_lenient(&mut value, |w: &mut MessageWriter<'_>| {
            write(w);
            w.__finish()
        });
        metadata.insert(key.to_owned(), value);
    });
    metadata.insert("target".to_owned(), target.as_str().to_owned());
    metadata
}

/// The seconds of the error's `Retry-After` header, when it declares one in
/// seconds (an HTTP date has no `RetryInfo` form).
fn retry_after(error: &dyn ApiError) -> Option<u64> {
    let mut seconds = None;
    error.headers(&mut |name, value| {
        if seconds.is_none() && name.eq_ignore_ascii_case("retry-after") {
            seconds = value.to_string().trim().parse::<u64>().ok();
        }
    });
    seconds
}
