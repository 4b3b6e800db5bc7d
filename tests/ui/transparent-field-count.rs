use rest_error::ApiError;

#[derive(ApiError)]
#[api(status = 400)]
enum Inner {
    Bad,
}

#[derive(ApiError)]
enum Outer {
    #[api(transparent)]
    Nothing,
    #[api(transparent)]
    Two(Inner, Inner),
}

fn main() {}
