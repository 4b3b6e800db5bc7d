//! RFC 9457 problem details, `application/problem+json`.

use super::{ErrorContext, ErrorFormat};
use crate::ApiError;

/// [`Problem`](crate::Problem) as `application/problem+json`, its `type` made
/// from [`WebSettings::problem_type_base`](crate::web::WebSettings::problem_type_base).
/// A negotiated alternative in the default settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProblemFormat;

impl ErrorFormat for ProblemFormat {
    fn media_type(&self) -> &'static str {
        "application/problem+json"
    }

    fn write_body(&self, error: &dyn ApiError, context: &ErrorContext<'_>, out: &mut Vec<u8>) {
        let problem = error.problem_with_target(context.target().clone());
        match context.problem_type_base() {
            Some(base) => problem.with_type_base(base).write_json(out),
            None => problem.write_json(out),
        }
    }
}
