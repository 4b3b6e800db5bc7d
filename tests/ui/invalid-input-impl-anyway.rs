use rest_error::ApiError;

#[derive(ApiError)]
enum MachineError {
    #[api(status = 200)]
    Broken,
}

// The stub impls keep this type-checking: the only error is the one above.
fn status(error: &MachineError) -> u16 {
    error.status()
}

fn catalog() -> usize {
    rest_error::catalog::<MachineError>().len()
}

fn main() {
    let _ = (status, catalog);
}
