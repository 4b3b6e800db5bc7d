use rest_error::{ApiError, MessageWriter};

// A hand-written ApiError without a catalogue can't be a transparent member.
struct Manual;

impl ApiError for Manual {
    fn code(&self) -> &'static str {
        "Manual"
    }
    fn status(&self) -> u16 {
        400
    }
    fn write_message(&self, w: &mut MessageWriter<'_>) -> std::fmt::Result {
        w.text("manual")
    }
}

#[derive(ApiError)]
enum ServiceError {
    #[api(transparent)]
    Manual(Manual),
}

fn main() {}
