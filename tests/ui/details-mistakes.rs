use rest_error::{ApiError, SubError};

#[derive(Debug, ApiError)]
#[api(status = 400)]
struct Field;

#[derive(ApiError)]
#[api(status = 400, details)]
enum OnTheType {
    #[api(details)]
    OnAVariant(#[api(details = true)] Vec<SubError<Field>>),
    Twice {
        #[api(details)]
        first: Vec<SubError<Field>>,
        #[api(details)]
        second: Vec<SubError<Field>>,
    },
    #[api(transparent)]
    Transparent(#[api(details)] Field),
    WrongKey(#[api(code = "X")] u8),
}

fn main() {}
