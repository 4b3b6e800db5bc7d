use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(status = 400, from)]
    Io(String),
}

fn main() {}
