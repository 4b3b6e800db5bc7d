use rest_error::ApiError;

#[derive(ApiError)]
#[api(status = 400)]
enum Formats {
    #[api(msg = "empty format <0:>")]
    EmptyFormat(Vec<String>),
    #[api(msg = "separator with a bracket <0:<>")]
    Bracket(Vec<String>),
}

fn main() {}
