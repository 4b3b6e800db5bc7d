use rest_error::ApiError;

#[derive(ApiError)]
#[api(lang = "english")]
enum Localized {
    #[api(status = 404, msg = "Not found", msg(sv_abcdefghi = "Hittades inte", "de_DE" = "Nicht gefunden", e = "x"))]
    NotFound,
}

fn main() {}
