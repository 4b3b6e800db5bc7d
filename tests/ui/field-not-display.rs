use rest_error::ApiError;

struct Machine;

#[derive(ApiError)]
enum MachineError {
    #[api(status = 404, msg = "Machine <0> was not found")]
    MachineNotFound(Machine),
}

fn main() {}
