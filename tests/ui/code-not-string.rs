use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(code = ResourceNotFound, status = 404)]
    Ident,
    #[api(code = 404, status = 404)]
    Number,
}

fn main() {}
