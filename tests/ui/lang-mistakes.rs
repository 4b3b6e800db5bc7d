use rest_error::ApiError;

#[derive(ApiError)]
enum Localized {
    // `lang` names the type's default language; it goes on the type.
    #[api(status = 404, msg = "Not found", lang = "sv")]
    NotFound,
    // An empty list of translations.
    #[api(status = 410, msg = "Gone", msg())]
    Gone,
    // A translation that is not a string.
    #[api(status = 409, msg = "Conflict", msg(sv = 409))]
    Conflict,
    // A malformed translated template is reported like `msg`'s own.
    #[api(status = 400, msg = "Bad <0>", msg(sv = "Fel <0"))]
    Bad(u8),
}

fn main() {}
