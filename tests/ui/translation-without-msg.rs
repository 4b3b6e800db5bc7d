use rest_error::ApiError;

#[derive(ApiError)]
enum Localized {
    // Without `msg` the message is the reason phrase; there is nothing to translate.
    #[api(status = 404, msg(sv = "Hittades inte"))]
    NotFound,
}

fn main() {}
