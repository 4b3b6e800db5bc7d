#!/usr/bin/env bash
# Compile-time parity, interleaved (issue 14; see BENCHMARKS.md): an N-variant enum with
# #[derive(ApiError)] against the same enum with thiserror + hand-written code/status
# matches + a serde envelope (both from `examples/gen_enum.rs`), dependencies built, the
# crate itself recompiled from scratch (non-incremental) on every run.
#
# Each round times both crates, `cargo build` then `cargo check`, in alternating order
# (derive first in odd rounds, thiserror first in even ones), so a slow phase of the
# machine falls on both. Prints each run, then the medians and their ratio.
#
# Usage: benches/compile/parity.sh [OUT_DIR]   (default: $CARGO_TARGET_DIR or target/, + parity-bench)
# Env:   N (default 1000) variants; ROUNDS (default 10) runs of each command.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-${CARGO_TARGET_DIR:-$root/target}/parity-bench}
n=${N:-1000}
rounds=${ROUNDS:-10}
export CARGO_TERM_COLOR=never
# A touched but unchanged file would be mostly reused from the incremental cache.
export CARGO_INCREMENTAL=0
unset RUSTFLAGS CARGO_BUILD_RUSTFLAGS

mkdir -p "$out"
out=$(cd "$out" && pwd)
(cd "$root" && cargo run -q --example gen_enum -- "$n" "$out" >/dev/null)
for kind in derive thiserror; do
    (cd "$out/$kind-$n" && cargo build -q --target-dir "$out/t-$kind" &&
        cargo check -q --target-dir "$out/t-$kind")
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(rustc -V)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# Seconds that one recompile of crate $1 ($2 = build|check) takes.
timed() {
    touch "$out/$1-$n/src/lib.rs"
    local start end
    start=$(date +%s%N)
    cargo "$2" -q --offline --manifest-path "$out/$1-$n/Cargo.toml" --target-dir "$out/t-$1"
    end=$(date +%s%N)
    echo "scale=3; ($end - $start) / 1000000000" | bc
}

log=$out/runs.tsv
printf 'round\tcommand\tkind\tseconds\n' >"$log"
for round in $(seq 1 "$rounds"); do
    if ((round % 2)); then order="derive thiserror"; else order="thiserror derive"; fi
    for command in build check; do
        for kind in $order; do
            printf '%s\t%s\t%s\t%s\n' "$round" "$command" "$kind" "$(timed "$kind" "$command")" | tee -a "$log"
        done
    done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$log" "$n" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print(f"\n| N = {sys.argv[2]} | derive median | thiserror + hand-written median | ratio | derive faster in |")
print("|---|---:|---:|---:|---:|")
for command in ("build", "check"):
    by = {k: [float(r["seconds"]) for r in rows if r["command"] == command and r["kind"] == k]
          for k in ("derive", "thiserror")}
    d, t = statistics.median(by["derive"]), statistics.median(by["thiserror"])
    rounds = {}
    for r in rows:
        if r["command"] == command:
            rounds.setdefault(r["round"], {})[r["kind"]] = float(r["seconds"])
    wins = sum(1 for v in rounds.values() if v["derive"] < v["thiserror"])
    print(f"| cargo {command} | {d:.3f} s | {t:.3f} s | {d / t:.3f}x | {wins} of {len(rounds)} rounds |")
EOF
