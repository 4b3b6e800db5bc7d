use rest_error::ApiError;

#[derive(ApiError)]
enum Localized {
    #[api(status = 404, msg = "Not found", msg(sv = "Hittades inte", SV = "Saknas"))]
    NotFound,
    #[api(status = 410, msg = "Gone", msg(sv = "Borta"), msg("sv" = "Försvunnen"))]
    Gone,
    #[api(status = 409, msg = "Conflict", msg(en = "Conflict again"))]
    Conflict,
}

#[derive(ApiError)]
#[api(lang = "sv", lang = "de")]
#[api(status = 400, msg = "Fel")]
struct TwoDefaults;

fn main() {}
