use rest_error::ApiError;

#[derive(Debug, ApiError)]
#[api(code = "InvalidUrl", status = 400, msg = "URL <0> is invalid.")]
struct InvalidUrl(String);

#[derive(Debug, ApiError)]
#[api(display)]
enum ServiceError {
    #[api(transparent, from)]
    Url(InvalidUrl),
    #[api(status = 200)]
    Broken,
}

fn parse(url: &str) -> Result<(), InvalidUrl> {
    Err(InvalidUrl(url.into()))
}

// The generated `From` and `Display`/`Error` are still there: the only error shown
// is the status above.
fn handler() -> Result<(), ServiceError> {
    parse("x")?;
    Ok(())
}

fn boxed(error: ServiceError) -> Box<dyn std::error::Error> {
    Box::new(error)
}

fn main() {
    let _ = (handler, boxed);
}
