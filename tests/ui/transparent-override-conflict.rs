use rest_error::ApiError;

#[derive(ApiError)]
#[api(status = 400)]
enum Inner {
    Bad,
}

#[derive(ApiError)]
enum Lookup {
    #[api(status = 404)]
    NotFound,
}

// The override makes `Wrapped` its own entry (`NotFound`, 500), which the
// member `Lookup` contradicts (`NotFound`, 404).
#[derive(ApiError)]
enum Outer {
    #[api(transparent, code = "NotFound", status = 500)]
    Wrapped(Inner),
    #[api(transparent)]
    Lookup(Lookup),
}

fn main() {}
