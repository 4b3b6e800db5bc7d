use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(status = 400, msg = "x < y and y > z")]
    Comparison,
    #[api(status = 400, msg = "URL <01> is invalid.")]
    LeadingZero(String),
}

fn main() {}
