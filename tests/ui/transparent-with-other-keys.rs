use rest_error::ApiError;

#[derive(ApiError)]
#[api(status = 400)]
enum Inner {
    Bad,
}

#[derive(ApiError)]
enum Outer {
    #[api(transparent, code = "Wrapped", status = 500, msg = "wrapped")]
    Inner(Inner),
}

fn main() {}
