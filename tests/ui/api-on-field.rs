use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(status = 400, msg = "URL <url> is invalid.")]
    InvalidUrl {
        #[api(code = "Url")]
        url: String,
    },
}

fn main() {}
