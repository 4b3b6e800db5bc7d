use rest_error::ApiError;

#[derive(ApiError)]
#[api(status = 400)]
enum Ported {
    #[api(msg = "Machine {0} was not found")]
    Tuple(u64),
    #[api(msg = "Index {index} is invalid; {{index}} and {other} are text")]
    Named { index: String },
}

fn main() {}
