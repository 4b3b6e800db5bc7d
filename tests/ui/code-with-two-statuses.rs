use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
    MachineNotFound(u64),
    #[api(code = "ResourceNotFound", status = 400)]
    FileNotFound(String),
    #[api(status = 404)]
    Timeout,
    #[api(code = "Timeout", status = 504)]
    GatewayTimeout,
}

fn main() {}
