use rest_error::ApiError;

#[derive(ApiError)]
#[api(code = "InvalidInput", status = 400)]
struct Invalid {
    #[api(details)]
    problems: Vec<String>,
}

fn main() {}
