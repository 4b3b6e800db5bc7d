use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(code = "Not Found", status = 404)]
    Space,
    #[api(code = "", status = 404)]
    Empty,
    #[api(code = "9Lives", status = 400)]
    Digit,
}

fn main() {}
