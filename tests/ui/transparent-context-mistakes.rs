use rest_error::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 400)]
struct Inner;

#[derive(ApiError)]
#[api(status = 400)]
enum Outer {
    #[api(transparent)]
    Unmarked(Inner, String),
    #[api(transparent)]
    TwoMarked(#[api(transparent)] Inner, #[api(transparent)] Inner),
    NotTransparent(#[api(transparent)] Inner),
    #[api(transparent, from)]
    FromWithContext(#[api(transparent)] Inner, String),
    #[api(transparent, status = 500)]
    StatusWithoutCode(Inner),
    #[api(transparent, code = "Wrapped", status = 500, msg = "wrapped")]
    MessageOverride(Inner),
}

fn main() {}
