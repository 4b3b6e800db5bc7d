//! A 300-code table composed into four transparent members of one service enum,
//! two levels deep (written by build.rs). It must build with no lint allowed: the
//! compile-time check that a code keeps one status across everything a type
//! composes stays near-linear in the number of entries.

use rest_error::{ApiError, CommonError};

include!(concat!(env!("OUT_DIR"), "/composed.rs"));

#[test]
fn members_answer_through_two_levels() {
    let err = Service::from(Wrap2::from(Table::Code297));
    assert_eq!((err.code(), err.status()), ("table_code_297", 500));
    assert_eq!(err.message().to_string(), "Entry 297 failed");

    let err = Service::from(Wrap0::from(Table::Code1("x".into())));
    assert_eq!((err.code(), err.status()), ("table_code_1", 401));
    assert_eq!(err.message().to_string(), "Entry 1: x");

    let err = Service::Member3(Wrap3::Own);
    assert_eq!((err.code(), err.status()), ("wrap_3", 500));
    assert_eq!(Service::Again.status(), 404);
    assert_eq!(Service::from(CommonError::Forbidden).code(), "Forbidden");
}

#[test]
fn catalogue_lists_each_code_once() {
    let entries = rest_error::catalog::<Service>();
    // 300 table codes, one own code per wrapper, and CommonError's codes (one of
    // which, ResourceNotFound, no table code repeats).
    let common = rest_error::catalog::<CommonError>().len();
    assert_eq!(entries.len(), 300 + 4 + common);
    assert_eq!(entries[0].code, "table_code_0");
    assert_eq!(entries[299].code, "table_code_299");
    assert_eq!(entries[300].code, "wrap_0");
    let again = entries.iter().filter(|e| e.code == "table_code_3").count();
    assert_eq!(again, 1);
}
