use rest_error::ApiError;

#[derive(Debug, ApiError)]
enum StorageError {
    #[api(code = "ResourceNotFound", status = 404, msg = "Blob <0> was not found")]
    BlobNotFound(String),
}

// The same code as the member, with another status: a client routing on the
// code would see two statuses for it.
#[derive(Debug, ApiError)]
enum ServiceError {
    #[api(transparent)]
    Storage(StorageError),
    #[api(code = "ResourceNotFound", status = 400, msg = "Machine <0> was not found")]
    MachineNotFound(u64),
}

#[derive(Debug, ApiError)]
enum OtherStorage {
    #[api(code = "ResourceNotFound", status = 410, msg = "Gone")]
    Gone,
}

// Two members that disagree.
#[derive(Debug, ApiError)]
enum TwoMembers {
    #[api(transparent)]
    Storage(StorageError),
    #[api(transparent)]
    Other(OtherStorage),
}

fn main() {}
