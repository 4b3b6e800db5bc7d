use rest_error::ApiError;

#[derive(ApiError)]
enum Localized {
    // The default names only the machine id; a translation must not reveal the owner.
    #[api(status = 404, msg = "Machine <0> was not found", msg(sv = "Datorn <0> som ägs av <1> hittades inte"))]
    MachineNotFound(u64, String),
    // Same field, but written with `Debug` where the default uses `Display`.
    #[api(status = 400, msg = "Bad name <name>", msg(sv = "Fel namn <name:?>", de = "Falscher Name <nmae>"))]
    BadName { name: String },
}

fn main() {}
