use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(code = "ResourceNotFound", msg = "Machine <0> was not found")]
    MachineNotFound(u64),
}

#[derive(ApiError)]
#[api(code = "Busy")]
struct Busy;

fn main() {}
