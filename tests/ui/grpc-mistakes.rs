use rest_error::ApiError;

#[derive(ApiError)]
#[api(domain = "")]
enum Empty {
    #[api(status = 409, grpc = "already_exists")]
    Lowercase,
    #[api(status = 409, grpc = "ALREADY_THERE")]
    Unknown,
    #[api(status = 409, grpc = "OK")]
    Ok,
    #[api(status = 409, grpc = 6)]
    Number,
    #[api(status = 409, domain = "inventory.example.com")]
    DomainOnVariant,
}

#[derive(ApiError)]
#[api(status = 400, domain = "inventory example")]
struct Spaced;

#[derive(ApiError)]
#[api(grpc = "NOT_FOUND")]
enum OnTheEnum {
    #[api(status = 404)]
    Missing,
}

fn main() {}
