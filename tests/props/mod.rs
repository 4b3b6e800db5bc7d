//! The settings every property test shares (tests/test_props_*.rs).

use proptest::test_runner::{Config, RngAlgorithm, RngSeed};

/// `cases` cases from a fixed seed, with no failure files written: every run
/// (and every machine) sees the same inputs, so a failure reproduces as it is,
/// and the environment (`PROPTEST_CASES`, `PROPTEST_RNG_SEED`) changes nothing.
pub fn config(cases: u32) -> Config {
    Config {
        cases,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(0x7e57_5eed),
        failure_persistence: None,
        ..Config::default()
    }
}
