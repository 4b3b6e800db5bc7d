use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(status = 504, msg = "Timed out after <0> seconds")]
    Timeout,
}

fn main() {}
