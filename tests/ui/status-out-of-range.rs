use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(status = 200)]
    Success,
    #[api(status = 600)]
    TooHigh,
    #[api(status = 99999)]
    Overflow,
}

fn main() {}
