use rest_error::ApiError;

#[derive(ApiError)]
#[api(crate = "not a path", status = 400)]
enum Malformed {
    Broken,
}

#[derive(ApiError)]
#[api(crate = rest_error)]
#[api(status = 400)]
struct NotAString;

#[derive(ApiError)]
#[api(status = 400)]
enum Misplaced {
    #[api(crate = "rest_error")]
    Broken,
}

#[derive(ApiError)]
#[api(crate = "rest_error", crate = "rest_error", status = 400)]
struct Twice;

fn main() {}
