use rest_error::ApiError;

#[derive(ApiError)]
#[api(status = 503, header("Retry-After", "<secs>"), header("retry-after", "60"))]
enum Throttled {
    Busy { secs: u64 },
}

fn main() {}
