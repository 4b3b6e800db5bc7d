use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(status = 400, msg = "URL <> is invalid.")]
    InvalidUrl(String),
}

fn main() {}
