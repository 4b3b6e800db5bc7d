use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(status = 404)]
    MachineNotFound(u64),
    Timeout,
}

fn main() {}
