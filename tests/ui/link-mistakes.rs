use rest_error::ApiError;

#[derive(ApiError)]
#[api(status = 400)]
struct Inner;

#[derive(ApiError)]
#[api(status = 400, link = "https://docs.example.com/errors/")]
enum OnTheEnum {
    #[api(link = "docs.example.com/NotAbsolute")]
    Relative,
    #[api(link = "https://docs.example.com/two words")]
    Spaces,
    #[api(link_base = "https://docs.example.com/")]
    BaseOnVariant,
    #[api(transparent, link = "https://docs.example.com/Inner")]
    TransparentWithoutCode(Inner),
    #[api(link = "https:")]
    OnlyScheme,
}

fn main() {}
