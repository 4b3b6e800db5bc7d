use rest_error::ApiError;

// Headers rest-error always sets itself: the runtime would drop them, so the
// derive refuses them, naming each at its name.
#[derive(ApiError)]
#[api(header("Transfer-Encoding", "chunked"))]
enum ServiceError {
    #[api(status = 429, header("content-length", "<0>"))]
    Length(u64),
    #[api(status = 503, header("Retry-After", "5"), header("X-Request-Id", "<0>"))]
    Id(u64),
    #[api(status = 400, header("x-ms-error-code", "Other"))]
    Code,
    #[api(status = 415, header("Content-Type", "text/plain"))]
    Type,
}

fn main() {}
