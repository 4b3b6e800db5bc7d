//! aide for the web integrations' [`Json`](crate::web::Json): as an extractor it
//! documents the request body and its own answers (the body rejections' 400
//! codes and 413, [`JsonRejection`](crate::web::JsonRejection)'s catalogue); as a
//! response, a 200 with `T`'s schema.
//!
//! ```
//! use aide::openapi::Operation;
//! use aide::OperationInput;
//! use rest_error::web::Json;
//!
//! let mut operation = Operation::default();
//! let early = aide::generate::in_context(|ctx| {
//!     <Json<Vec<u64>> as OperationInput>::operation_input(ctx, &mut operation);
//!     <Json<Vec<u64>> as OperationInput>::inferred_early_responses(ctx, &mut operation)
//! });
//! assert!(operation.request_body.is_some());
//! let statuses: Vec<_> = early.iter().map(|(status, _)| *status).collect();
//! assert_eq!(statuses, [Some(400), Some(413)]);
//! ```
//!
//! A status the handler's error type documents too gets the extractor's codes
//! added to the same response (aide keeps one response per status).

use ::aide::generate::GenContext;
use ::aide::openapi::{MediaType, Operation, RequestBody, Response, SchemaObject};
use ::aide::{OperationInput, OperationOutput};
use schemars::JsonSchema;

use crate::web::{Json, JsonRejection};

/// `application/json` with `T`'s schema.
fn json_media<T: JsonSchema>(ctx: &mut GenContext) -> MediaType {
    MediaType {
        schema: Some(SchemaObject {
            json_schema: ctx.schema.subschema_for::<T>(),
            example: None,
            external_docs: None,
        }),
        ..MediaType::default()
    }
}

impl<T: JsonSchema> OperationInput for Json<T> {
    fn operation_input(ctx: &mut GenContext, operation: &mut Operation) {
        let body = RequestBody {
            content: [("application/json".to_owned(), json_media::<T>(ctx))]
                .into_iter()
                .collect(),
            required: true,
            ..RequestBody::default()
        };
        ::aide::operation::set_body(ctx, operation, body);
    }

    fn inferred_early_responses(
        _: &mut GenContext,
        operation: &mut Operation,
    ) -> Vec<(Option<u16>, Response)> {
        super::aide::early_responses::<JsonRejection>(operation)
    }
}

impl<T: JsonSchema> OperationOutput for Json<T> {
    type Inner = T;

    fn operation_response(ctx: &mut GenContext, _: &mut Operation) -> Option<Response> {
        Some(Response {
            description: String::from("OK"),
            content: [("application/json".to_owned(), json_media::<T>(ctx))]
                .into_iter()
                .collect(),
            ..Response::default()
        })
    }

    fn inferred_responses(
        ctx: &mut GenContext,
        operation: &mut Operation,
    ) -> Vec<(Option<u16>, Response)> {
        Self::operation_response(ctx, operation)
            .map(|response| vec![(Some(200), response)])
            .unwrap_or_default()
    }
}
