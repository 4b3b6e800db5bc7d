use rest_error::ApiError;

#[derive(ApiError)]
#[api(code = "Machine", msg = "text")]
enum MachineError {
    #[api(status = 400, display)]
    Bad,
}

#[derive(ApiError)]
#[api(status = 400, from)]
struct Bad;

fn main() {}
