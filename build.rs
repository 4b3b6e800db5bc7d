//! Writes the large enums that tests/test_large.rs and tests/test_composed.rs
//! derive, so the tests prove the derive on really large enums without huge files
//! in the repo.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

const VARIANTS: usize = 1200;

fn main() {
    let mut src = String::from(
        "#[derive(Debug, ::rest_error::ApiError)]\n#[api(status = 400)]\npub enum Large {\n",
    );
    for i in 0..VARIANTS {
        let status = 400 + (i % 100);
        let _ = match i % 3 {
            0 => writeln!(
                src,
                "    #[api(code = \"Code{i}\", status = {status})]\n    Unit{i},"
            ),
            1 => writeln!(
                src,
                "    #[api(code = \"Code{i}\", status = {status}, msg = \"Tuple {i}: <0> and <1>\")]\n    Tuple{i}(u32, String),"
            ),
            _ => writeln!(
                src,
                "    #[api(msg = \"Struct {i}: <name>\")]\n    Struct{i} {{ name: String, id: u64 }},"
            ),
        };
    }
    src.push_str("}\n");
    write("large.rs", &src);
    write("composed.rs", &composed());
    println!("cargo::rerun-if-changed=build.rs");
}

fn write(name: &str, src: &str) {
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join(name);
    if let Err(err) = fs::write(&out, src) {
        panic!("cannot write {}: {err}", out.display());
    }
}

/// Codes of the composed table, and how many.
const TABLE: usize = 300;
const MEMBERS: usize = 4;

/// A 300-code table (snake_case codes, each with a status, about a third with a
/// field in the message), composed into four transparent members of one service
/// enum, two levels deep: `Service -> WrapN -> Table`, as a real service nests a
/// library's error table.
fn composed() -> String {
    const STATUSES: [u16; 10] = [400, 401, 403, 404, 409, 422, 429, 500, 502, 503];
    let mut src = String::from("#[derive(Debug, ::rest_error::ApiError)]\npub enum Table {\n");
    for i in 0..TABLE {
        let status = STATUSES[i % STATUSES.len()];
        let _ = if i % 3 == 1 {
            writeln!(
                src,
                "    #[api(code = \"table_code_{i}\", status = {status}, msg = \"Entry {i}: <0>\")]\n    Code{i}(String),"
            )
        } else {
            writeln!(
                src,
                "    #[api(code = \"table_code_{i}\", status = {status}, msg = \"Entry {i} failed\")]\n    Code{i},"
            )
        };
    }
    src.push_str("}\n");
    for m in 0..MEMBERS {
        let _ = write!(
            src,
            "#[derive(Debug, ::rest_error::ApiError)]\npub enum Wrap{m} {{\n    #[api(transparent, from)]\n    Table(Table),\n    #[api(code = \"wrap_{m}\", status = 500)]\n    Own,\n}}\n"
        );
    }
    src.push_str("#[derive(Debug, ::rest_error::ApiError)]\npub enum Service {\n");
    for m in 0..MEMBERS {
        let _ = writeln!(
            src,
            "    #[api(transparent, from)]\n    Member{m}(Wrap{m}),"
        );
    }
    src.push_str("    #[api(transparent, from)]\n    Common(::rest_error::CommonError),\n");
    src.push_str("    #[api(code = \"table_code_3\", status = 404, msg = \"Also entry 3\")]\n    Again,\n}\n");
    src
}
