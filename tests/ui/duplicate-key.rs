use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(status = 404, status = 410)]
    Gone,
    #[api(code = "A", status = 400)]
    #[api(code = "B")]
    TwoAttributes,
}

fn main() {}
