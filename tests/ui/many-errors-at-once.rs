use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(code = "ResourceNotFound", status = 200)]
    BadStatus,
    #[api(status = 404, colour = "red")]
    UnknownKey,
    #[api(code = "NoStatus")]
    MissingStatus,
    #[api(status = 404, status = 404)]
    DuplicateKey,
    #[api(status = 400, msg = "<1>")]
    OutOfRange(u8),
}

fn main() {}
