#!/usr/bin/env bash
# Composition benchmark (BENCHMARKS.md, "Composition"): the time to compile a 300-code
# error table alone and composed into M = 1, 2, 4, 8 transparent members of one service
# enum, two levels deep, once dependencies are built (`touch` + `cargo build`, dev
# profile, non-incremental), #[derive(ApiError)] beside thiserror + hand-written matches.
#
# Usage: benches/compile/compose.sh [OUT_DIR]   (default: target/compose-bench)
# Env:   RUNS (default 5) timed runs per figure, interleaved by hyperfine per group.
# Needs hyperfine and jq (Debian: apt-get install -y hyperfine jq).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-${CARGO_TARGET_DIR:-$root/target}/compose-bench}
runs=${RUNS:-5}
export CARGO_TERM_COLOR=never CARGO_INCREMENTAL=0
unset RUSTFLAGS CARGO_BUILD_RUSTFLAGS

for tool in hyperfine jq; do
    command -v "$tool" >/dev/null || { echo "compose.sh: needs $tool" >&2; exit 1; }
done
mkdir -p "$out/json"
out=$(cd "$out" && pwd)
(cd "$root" && cargo run -q --example gen_composed -- "$out" >/dev/null)

echo "machine: $(nproc) cores, $(rustc -V), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| crate | median wall | min .. max wall | mean CPU (user+sys) | runs |"
echo "|---|---|---|---|---|"
for kind in derive thiserror; do
    for what in table 1 2 4 8; do
        (cd "$out/$kind-$what" && cargo build -q --target-dir "$out/t-$kind")
    done
done
for what in table 1 2 4 8; do
    hyperfine --style none --runs "$runs" --warmup 1 --export-json "$out/json/$what.json" \
        --prepare "touch $out/derive-$what/src/lib.rs $out/thiserror-$what/src/lib.rs" \
        -n "derive, $what" "cargo build -q --offline --manifest-path $out/derive-$what/Cargo.toml --target-dir $out/t-derive" \
        -n "thiserror, $what" "cargo build -q --offline --manifest-path $out/thiserror-$what/Cargo.toml --target-dir $out/t-thiserror" \
        >/dev/null
    # CPU time as well as wall time: on a busy machine the CPU time of the build
    # itself moves much less than its wall time.
    jq -r '.results[] | "| \(.command) | \(.median * 1000 | round) ms | \(.min * 1000 | round) .. \(.max * 1000 | round) ms | \((.user + .system) * 1000 | round) ms | \(.times | length) |"' "$out/json/$what.json"
done
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
