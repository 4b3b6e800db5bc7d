#!/usr/bin/env python3
"""Runs a divan bench binary RUNS times and prints, per row, the median of the
runs' medians and of their fastest samples (see BENCHMARKS.md).

Usage: benches/runs.py RUNS BENCH_BINARY [divan filters...]
The binary is what `cargo bench --bench NAME --no-run` prints as its executable."""
import re, statistics, subprocess, sys

UNITS = {"ps": 1e-3, "ns": 1.0, "µs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}
ROW = re.compile(r"[├╰]─\s+(\S+)\s+([\d.]+) (\S+)\s+│\s+[\d.]+ \S+\s+│\s+([\d.]+) (\S+)")

runs, binary, filters = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
rows = {}
for _ in range(runs):
    out = subprocess.run([binary, "--bench", *filters], capture_output=True, text=True).stdout
    for match in ROW.finditer(out):
        name, fast, fast_unit, median, median_unit = match.groups()
        row = rows.setdefault(name, ([], []))
        row[0].append(float(median) * UNITS[median_unit])
        row[1].append(float(fast) * UNITS[fast_unit])
print(f"| row | median of {runs} run medians | median of fastest | run medians |")
print("|---|---:|---:|---|")
for name, (medians, fastest) in rows.items():
    spread = ", ".join(f"{m:.1f}" for m in medians)
    print(f"| `{name}` | {statistics.median(medians):.1f} ns | {statistics.median(fastest):.1f} ns | {spread} |")
