use rest_error::ApiError;

#[derive(Debug, ApiError)]
enum StorageError {
    #[api(code = "ResourceNotFound", status = 404, msg = "Blob <0> was not found")]
    BlobNotFound(String),
}

// A generic type is checked per instantiation, when its `status` is compiled:
// here `Layered<StorageError>` brings `ResourceNotFound` with two statuses.
#[derive(Debug, ApiError)]
enum Layered<E> {
    #[api(code = "ResourceNotFound", status = 400, msg = "Machine <0> was not found")]
    MachineNotFound(u64),
    #[api(transparent)]
    Inner(E),
}

fn main() {
    let err: Layered<StorageError> = Layered::Inner(StorageError::BlobNotFound("b".into()));
    let _ = err.status();
}
