use rest_error::ApiError;

// Every malformed placeholder of a template is reported in the same build.
#[derive(ApiError)]
#[api(status = 400, msg = "<> then <01> then <a b> then <x:> then <unterminated")]
struct Broken {
    x: u8,
}

fn main() {}
