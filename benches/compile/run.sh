#!/usr/bin/env bash
# Compile-time benchmark, side by side (see BENCHMARKS.md):
#   1. clean build of the macro crate and its dependencies: rest-error-derive vs thiserror-impl;
#   2. clean build of everything a service needs for its error responses: rest-error vs
#      thiserror + serde (derive) + serde_json + uuid (v4), with a 20-variant enum;
#   3. the time to compile an N-variant error enum once its dependencies are built, for
#      N = 20, 200, 1000: #[derive(ApiError)] vs thiserror + hand-written code/status + serde.
#
# Usage: benches/compile/run.sh [OUT_DIR]     (default: $CARGO_TARGET_DIR or target/, + compile-bench)
# Env:   RUNS (default 5) timed runs per figure; SIZES (default "20 200 1000").
# Needs hyperfine (Debian: apt-get install -y hyperfine) and jq. Nothing here is committed:
# the generated crates and their target dirs live under OUT_DIR.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-${CARGO_TARGET_DIR:-$root/target}/compile-bench}
runs=${RUNS:-5}
sizes=${SIZES:-"20 200 1000"}
export CARGO_TERM_COLOR=never
# Each timed build compiles the whole crate: with incremental compilation a touched but
# unchanged file would be mostly reused from the cache, measuring nothing.
export CARGO_INCREMENTAL=0
unset RUSTFLAGS CARGO_BUILD_RUSTFLAGS

for tool in hyperfine jq; do
    command -v "$tool" >/dev/null || { echo "run.sh: needs $tool (apt-get install -y $tool)" >&2; exit 1; }
done

mkdir -p "$out/json"
out=$(cd "$out" && pwd)
summary=$out/summary.md
: >"$summary"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(rustc -V)" | tee -a "$summary"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$summary"

# One markdown row per command of a hyperfine JSON export: median [min .. max] over the runs.
rows() {
    jq -r '.results[] | "| \(.command) | \(.median * 100 | round / 100) s | \(.min * 100 | round / 100) .. \(.max * 100 | round / 100) s | \(.times | length) |"' "$1"
}

# hyperfine, quiet, its JSON kept for rows().
measure() {
    local name=$1
    shift
    hyperfine --style basic --export-json "$out/json/$name.json" "$@" >"$out/json/$name.log" 2>&1 || {
        cat "$out/json/$name.log" >&2
        exit 1
    }
    rows "$out/json/$name.json" | tee -a "$summary"
}

header() {
    printf '\n%s\n\n| what | median | min .. max | runs |\n|---|---|---|---|\n' "$1" | tee -a "$summary"
}

# --- the generated crates -------------------------------------------------------------
for n in $sizes; do
    (cd "$root" && cargo run -q --example gen_enum -- "$n" "$out" >/dev/null)
done
# The derive's manifest in a scratch crate, and thiserror-impl's, to build them alone.
scratch() {
    mkdir -p "$out/$1/src"
    : >"$out/$1/src/lib.rs"
    printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n[dependencies]\n%s\n[workspace]\n' \
        "$1" "$2" >"$out/$1/Cargo.toml"
}
scratch macro-derive "rest-error-derive = { path = \"$root/macros\" }"
scratch macro-thiserror 'thiserror-impl = "2"'
for dir in "$out"/macro-* "$out"/derive-* "$out"/thiserror-*; do
    (cd "$dir" && cargo fetch -q)
done

# --- 1. the macro crates, clean --------------------------------------------------------
header "Clean build (dev profile) of the macro crate and its dependencies"
measure macros --runs "$runs" --warmup 1 \
    --prepare "rm -rf $out/t-macro-derive $out/t-macro-thiserror" \
    -n "rest-error-derive + deps" "cargo build -q --offline --manifest-path $out/macro-derive/Cargo.toml --target-dir $out/t-macro-derive -p rest-error-derive" \
    -n "thiserror-impl + deps" "cargo build -q --offline --manifest-path $out/macro-thiserror/Cargo.toml --target-dir $out/t-macro-thiserror -p thiserror-impl"

# --- 2. everything a service needs, clean ------------------------------------------------
first=${sizes%% *}
header "Clean build (dev profile) of all dependencies plus a $first-variant enum"
measure deps --runs "$(((runs + 1) / 2))" \
    --prepare "rm -rf $out/t-deps-derive $out/t-deps-thiserror" \
    -n "rest-error (derive, serde, serde_json, uuid+rand)" "cargo build -q --offline --manifest-path $out/derive-$first/Cargo.toml --target-dir $out/t-deps-derive" \
    -n "thiserror + serde(derive) + serde_json + uuid(v4)" "cargo build -q --offline --manifest-path $out/thiserror-$first/Cargo.toml --target-dir $out/t-deps-thiserror"

# --- 3. the enum alone, dependencies built ---------------------------------------------
header "Compile the N-variant crate alone (dev profile, dependencies built, non-incremental)"
for n in $sizes; do
    for kind in derive thiserror; do
        (cd "$out/$kind-$n" && cargo build -q --offline --target-dir "$out/t-$kind")
    done
    measure "crate-$n" --runs "$runs" --warmup 1 \
        --prepare "touch $out/derive-$n/src/lib.rs $out/thiserror-$n/src/lib.rs" \
        -n "derive, N=$n" "cargo build -q --offline --manifest-path $out/derive-$n/Cargo.toml --target-dir $out/t-derive" \
        -n "thiserror + hand-written, N=$n" "cargo build -q --offline --manifest-path $out/thiserror-$n/Cargo.toml --target-dir $out/t-thiserror"
done

header "The same, cargo check (what an editor runs)"
for n in $sizes; do
    for kind in derive thiserror; do
        (cd "$out/$kind-$n" && cargo check -q --offline --target-dir "$out/t-$kind")
    done
    measure "check-$n" --runs "$runs" --warmup 1 \
        --prepare "touch $out/derive-$n/src/lib.rs $out/thiserror-$n/src/lib.rs" \
        -n "derive, N=$n" "cargo check -q --offline --manifest-path $out/derive-$n/Cargo.toml --target-dir $out/t-derive" \
        -n "thiserror + hand-written, N=$n" "cargo check -q --offline --manifest-path $out/thiserror-$n/Cargo.toml --target-dir $out/t-thiserror"
done

echo | tee -a "$summary"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$summary"
echo "summary: $summary; hyperfine JSON: $out/json/"
