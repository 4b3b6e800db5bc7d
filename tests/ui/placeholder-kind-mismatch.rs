use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(status = 400, msg = "URL <0> is invalid.")]
    Named { url: String },
    #[api(status = 400, msg = "URL <url> is invalid.")]
    Tuple(String),
}

fn main() {}
