use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(status = "404")]
    Quoted,
    #[api(status = NOT_FOUND)]
    Constant,
}

fn main() {}
