use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api]
    Timeout,
    #[api = "Gone"]
    Gone,
}

fn main() {}
