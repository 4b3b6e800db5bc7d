//! A 1,200-variant enum (written by build.rs): every variant keeps its code,
//! status and message.

#![allow(dead_code)]

use rest_error::ApiError;

include!(concat!(env!("OUT_DIR"), "/large.rs"));

#[test]
fn every_variant_answers_for_itself() {
    assert_eq!(Large::Unit0.code(), "Code0");
    assert_eq!(Large::Unit0.status(), 400);
    assert_eq!(Large::Unit0.message().to_string(), "Bad Request");

    let tuple = Large::Tuple1000(7, "x".into());
    assert_eq!((tuple.code(), tuple.status()), ("Code1000", 400));
    assert_eq!(tuple.message().to_string(), "Tuple 1000: 7 and x");

    let last = Large::Struct1199 {
        name: "n".into(),
        id: 1,
    };
    assert_eq!((last.code(), last.status()), ("Struct1199", 400));
    assert_eq!(last.message().to_string(), "Struct 1199: n");

    let unit = Large::Unit699;
    assert_eq!((unit.code(), unit.status()), ("Code699", 499));
}

#[test]
fn catalogue_has_every_code() {
    let catalog = rest_error::catalog::<Large>();
    // Struct variants have no `code` and share the enum's default status, so each
    // keeps its own name as its code: 1,200 distinct codes.
    assert_eq!(catalog.len(), 1200);
    assert_eq!(catalog[1199].code, "Struct1199");
}
