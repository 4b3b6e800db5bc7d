use rest_error::ApiError;

#[derive(ApiError)]
#[api(rename_all = "snake-case", status = 400)]
enum UnknownCase {
    NotFound,
}

#[derive(ApiError)]
#[api(rename_all = snake_case, status = 400)]
enum NotAString {
    NotFound,
}

#[derive(ApiError)]
#[api(status = 400)]
enum OnAVariant {
    #[api(rename_all = "snake_case")]
    NotFound,
}

#[derive(ApiError)]
#[api(rename_all = "snake_case", status = 400)]
struct OnAStruct;

fn main() {}
