// The UI suite: each tests/ui/*.rs is a mistake, its .stderr the reviewed error.
// It runs on stable on purpose (no nightly gate): these snapshots are the
// contract of the derive's error messages. Bless with TRYBUILD=overwrite.
#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
    // Cases a check must let through, next to the ones it must refuse.
    t.pass("ui/pass/*.rs");
}
