use rest_error::ApiError;

#[derive(Debug, ApiError)]
enum StorageError {
    #[api(code = "ResourceNotFound", status = 404, msg = "Blob <0> was not found")]
    BlobNotFound(String),
}

// The same code with the same status, through a transparent member: allowed.
#[derive(Debug, ApiError)]
enum ServiceError {
    #[api(transparent)]
    Storage(StorageError),
    #[api(code = "ResourceNotFound", status = 404, msg = "Machine <0> was not found")]
    MachineNotFound(u64),
}

fn main() {
    let codes: Vec<_> = rest_error::catalog::<ServiceError>().iter().map(|e| e.code).collect();
    assert_eq!(codes, ["ResourceNotFound"]);
    assert_eq!(ServiceError::MachineNotFound(1).status(), 404);
}
