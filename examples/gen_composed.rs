//! Writes the crates of the composition benchmark (BENCHMARKS.md, "Composition"):
//! a 300-code error table alone, and the same table composed into M transparent
//! members of one service enum, two levels deep (`Service -> WrapK -> Table`), for
//! M = 1, 2, 4, 8; each with `#[derive(ApiError)]` and with thiserror plus
//! hand-written `code()`/`status()` matches that delegate to the members.
//!
//! Run with `cargo run --example gen_composed -- OUT_DIR`; it writes
//! `OUT_DIR/{derive,thiserror}-{table,1,2,4,8}/`, each a standalone crate.
//! `benches/compile/compose.sh` drives it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, process};

const TABLE: usize = 300;
const MEMBERS: [usize; 4] = [1, 2, 4, 8];
const STATUSES: [u16; 10] = [400, 401, 403, 404, 409, 422, 429, 500, 502, 503];

fn status(i: usize) -> u16 {
    STATUSES[i % STATUSES.len()]
}

/// A third of the table's variants carry a `String` shown in the message.
fn has_field(i: usize) -> bool {
    i % 3 == 1
}

fn derive_table() -> String {
    let mut s = String::from(
        "use rest_error::ApiError;\n\n#[derive(Debug, ApiError)]\n#[api(display)]\npub enum Table {\n",
    );
    for i in 0..TABLE {
        let (msg, fields) = if has_field(i) {
            (format!("Entry {i}: <0>"), "(String)")
        } else {
            (format!("Entry {i} failed"), "")
        };
        let _ = writeln!(
            s,
            "    #[api(code = \"table_code_{i}\", status = {}, msg = \"{msg}\")]\n    Code{i}{fields},",
            status(i)
        );
    }
    s.push_str("}\n\npub fn to_json(err: &Table) -> String {\n    err.envelope().to_json()\n}\n");
    s
}

fn derive_composed(members: usize) -> String {
    let mut s = derive_table();
    for m in 0..members {
        let _ = write!(
            s,
            "\n#[derive(Debug, ApiError)]\n#[api(display)]\npub enum Wrap{m} {{\n    #[api(transparent, from)]\n    Table(Table),\n    #[api(code = \"wrap_{m}\", status = 500)]\n    Own,\n}}\n"
        );
    }
    s.push_str("\n#[derive(Debug, ApiError)]\n#[api(display)]\npub enum Service {\n");
    for m in 0..members {
        let _ = writeln!(s, "    #[api(transparent, from)]\n    Member{m}(Wrap{m}),");
    }
    s.push_str("    #[api(code = \"service_own\", status = 503)]\n    Own,\n}\n\n");
    s.push_str("pub fn service_json(err: &Service) -> String {\n    err.envelope().to_json()\n}\n");
    s
}

fn thiserror_table() -> String {
    let mut s = String::from("#[derive(Debug, thiserror::Error)]\npub enum Table {\n");
    for i in 0..TABLE {
        if has_field(i) {
            let _ = writeln!(
                s,
                "    #[error(\"Entry {i}: {{0}}\")]\n    Code{i}(String),"
            );
        } else {
            let _ = writeln!(s, "    #[error(\"Entry {i} failed\")]\n    Code{i},");
        }
    }
    s.push_str(
        "}\n\nimpl Table {\n    pub fn code(&self) -> &'static str {\n        match self {\n",
    );
    for i in 0..TABLE {
        let pat = if has_field(i) { "(..)" } else { "" };
        let _ = writeln!(s, "            Self::Code{i}{pat} => \"table_code_{i}\",");
    }
    s.push_str("        }\n    }\n\n    pub fn status(&self) -> u16 {\n        match self {\n");
    for i in 0..TABLE {
        let pat = if has_field(i) { "(..)" } else { "" };
        let _ = writeln!(s, "            Self::Code{i}{pat} => {},", status(i));
    }
    s.push_str(
        "        }\n    }\n}\n\n\
         #[derive(serde::Serialize)]\npub struct Envelope<'a> {\n    pub error: Body<'a>,\n}\n\n\
         #[derive(serde::Serialize)]\npub struct Body<'a> {\n    pub code: &'static str,\n    pub message: String,\n    pub target: &'a str,\n}\n\n\
         pub fn envelope_json(code: &'static str, message: String) -> String {\n\
         \x20   let target = uuid::Uuid::new_v4().to_string();\n\
         \x20   serde_json::to_string(&Envelope { error: Body { code, message, target: &target } }).unwrap_or_default()\n\
         }\n\n\
         pub fn to_json(err: &Table) -> String {\n    envelope_json(err.code(), err.to_string())\n}\n",
    );
    s
}

fn thiserror_composed(members: usize) -> String {
    let mut s = thiserror_table();
    for m in 0..members {
        let _ = write!(
            s,
            "\n#[derive(Debug, thiserror::Error)]\npub enum Wrap{m} {{\n    #[error(transparent)]\n    Table(#[from] Table),\n    #[error(\"Internal Server Error\")]\n    Own,\n}}\n\n\
             impl Wrap{m} {{\n    pub fn code(&self) -> &'static str {{\n        match self {{\n            Self::Table(t) => t.code(),\n            Self::Own => \"wrap_{m}\",\n        }}\n    }}\n\n\
             \x20   pub fn status(&self) -> u16 {{\n        match self {{\n            Self::Table(t) => t.status(),\n            Self::Own => 500,\n        }}\n    }}\n}}\n"
        );
    }
    s.push_str("\n#[derive(Debug, thiserror::Error)]\npub enum Service {\n");
    for m in 0..members {
        let _ = writeln!(
            s,
            "    #[error(transparent)]\n    Member{m}(#[from] Wrap{m}),"
        );
    }
    s.push_str("    #[error(\"Service Unavailable\")]\n    Own,\n}\n\nimpl Service {\n    pub fn code(&self) -> &'static str {\n        match self {\n");
    for m in 0..members {
        let _ = writeln!(s, "            Self::Member{m}(w) => w.code(),");
    }
    s.push_str("            Self::Own => \"service_own\",\n        }\n    }\n\n    pub fn status(&self) -> u16 {\n        match self {\n");
    for m in 0..members {
        let _ = writeln!(s, "            Self::Member{m}(w) => w.status(),");
    }
    s.push_str("            Self::Own => 503,\n        }\n    }\n}\n\n");
    s.push_str("pub fn service_json(err: &Service) -> String {\n    envelope_json(err.code(), err.to_string())\n}\n");
    s
}

fn manifest(name: &str, dependencies: &str) -> String {
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n{dependencies}\n\
         # Standalone: not a member of any enclosing workspace.\n[workspace]\n"
    )
}

fn write_crate(dir: &Path, manifest: &str, lib: &str) -> std::io::Result<()> {
    fs::create_dir_all(dir.join("src"))?;
    fs::write(dir.join("Cargo.toml"), manifest)?;
    fs::write(dir.join("src/lib.rs"), lib)
}

fn main() {
    let Some(out) = env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: cargo run --example gen_composed -- OUT_DIR");
        process::exit(2);
    };
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime");
    let derive_deps = format!("rest-error = {{ path = {:?} }}\n", runtime.display());
    let thiserror_deps = "thiserror = \"2\"\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\nuuid = { version = \"1\", features = [\"v4\"] }\n";

    let mut crates = vec![
        (
            "derive-table".to_owned(),
            derive_deps.as_str(),
            derive_table(),
        ),
        (
            "thiserror-table".to_owned(),
            thiserror_deps,
            thiserror_table(),
        ),
    ];
    for m in MEMBERS {
        crates.push((format!("derive-{m}"), &derive_deps, derive_composed(m)));
        crates.push((
            format!("thiserror-{m}"),
            thiserror_deps,
            thiserror_composed(m),
        ));
    }
    for (name, deps, lib) in &crates {
        let dir = out.join(name);
        if let Err(e) = write_crate(&dir, &manifest(&format!("gen-{name}"), deps), lib) {
            eprintln!("gen_composed: writing {}: {e}", dir.display());
            process::exit(1);
        }
        println!("{}", dir.display());
    }
}
