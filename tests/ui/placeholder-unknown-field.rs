use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(status = 400, msg = "URL <url> is invalid.")]
    InvalidUrl { uri: String, reason: String },
}

fn main() {}
