use rest_error::ApiError;

struct Opaque;

#[derive(ApiError)]
#[api(status = 400, msg = "got <value:?>")]
struct NotDebug {
    value: Opaque,
}

fn main() {}
