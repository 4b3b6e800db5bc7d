use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(status = 400, msg = "URL <2> is invalid.")]
    InvalidUrl(String),
}

fn main() {}
