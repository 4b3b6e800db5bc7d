use rest_error::ApiError;

#[derive(ApiError)]
#[api(status = 400, msg = "fields <names:, >")]
struct NotAList {
    names: u32,
}

fn main() {}
