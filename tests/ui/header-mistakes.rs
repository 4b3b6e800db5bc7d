use rest_error::ApiError;

#[derive(ApiError)]
enum ServiceError {
    #[api(status = 429, header("Retry After", "<0>"))]
    BadName(u64),
    #[api(status = 429, header("Retry-After", "<secs>"))]
    UnknownField(u64),
    #[api(status = 429, header = "Retry-After")]
    NoParens(u64),
    #[api(status = 429, header("Retry-After", "<0>"), header("retry-after", "<0>"))]
    Duplicate(u64),
}

fn main() {}
