use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(stauts = 404)]
    Typo,
    #[api(status = 400, message = "Invalid input")]
    Alias,
    #[api(status = 400, colour = "red")]
    Unknown,
}

fn main() {}
