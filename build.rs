//! Writes the 1,200-variant enum that tests/test_large.rs derives, so the test
//! proves the derive on a really large enum without a huge file in the repo.

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
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("large.rs");
    if let Err(err) = fs::write(&out, src) {
        panic!("cannot write {}: {err}", out.display());
    }
    println!("cargo::rerun-if-changed=build.rs");
}
