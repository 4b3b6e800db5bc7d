use rest_error::{ApiError, CommonError};

#[derive(ApiError)]
enum Localized {
    #[api(transparent, msg(sv = "Något gick fel"))]
    Common(CommonError),
}

fn main() {}
