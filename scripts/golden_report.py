#!/usr/bin/env python3
# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
"""Prints docs/golden.md's results table from a run of the golden tests.

usage: golden_report.py [build/release/tests/lf_pipeline_test]

Runs every golden case at every ISA level the CPU has and summarises, per
case, each output's verdict with the default kernels (the highest level
run) and the reference kernels: BIT-EXACT, within tolerance (with the
largest difference and the tolerance meta.json allows), or FAIL.
"""
import collections
import json
import os
import re
import subprocess
import sys

# ISA levels from lowest to highest, as tests/golden_test.cc labels them.
LEVELS = ("reference", "avx2", "avx512", "avx512vnni", "neon")
LINE = re.compile(r"^\[golden\] (\w+) (\S+) out(\d+): (BIT-EXACT|within|FAIL) "
                  r"max_abs_diff=(\S+) mismatched=(\d+) tolerance=(\S+)$")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "build/release/tests/lf_pipeline_test"
    testdata = os.environ.get("LITEFORGE_TESTDATA", os.path.join(os.path.dirname(__file__),
                                                                 "..", "..", "shared", "testdata"))
    run = subprocess.run([binary, "--gtest_filter=Golden*"], capture_output=True, text=True)
    results = collections.defaultdict(dict)  # case -> label -> [(verdict, diff, n, tol)]
    failures = set()
    for line in run.stdout.splitlines():
        m = LINE.match(line)
        if m:
            label, case, _, verdict, diff, mismatched, tol = m.groups()
            results[case].setdefault(label, []).append((verdict, float(diff), int(mismatched), float(tol)))
        elif line.startswith("[  FAILED  ] Golden/") and "where GetParam()" in line:
            failures.add(line.split('"')[1])

    print("| Case | Input type | Outputs | Default kernels | Reference kernels |")
    print("|---|---|---|---|---|")
    cases = sorted(set(results) | failures)
    for case in cases:
        meta_path = os.path.join(testdata, "golden", case, "meta.json")
        in_type = "?"
        if os.path.exists(meta_path):
            with open(meta_path) as f:
                meta = json.load(f)
            in_type = ", ".join(sorted({i["dtype"].lower() for i in meta["inputs"]}))
        ran = [level for level in LEVELS if level in results[case]]
        default = ran[-1] if ran else "default"
        cells = []
        for label in (default, "reference"):
            outs = results[case].get(label)
            if not outs:
                cells.append("does not run")
                continue
            if all(v == "BIT-EXACT" for v, *_ in outs):
                cells.append("bit-exact")
            elif any(v == "FAIL" for v, *_ in outs):
                cells.append("**FAIL**")
            else:
                worst = max(outs, key=lambda o: o[1] / o[3] if o[3] else o[1])
                exact = sum(v == "BIT-EXACT" for v, *_ in outs)
                cells.append(f"within: max diff {worst[1]:.3g} (tolerance {worst[3]:.3g})"
                             + (f"; {exact}/{len(outs)} outputs bit-exact" if exact else ""))
        n_out = max(len(results[case].get(default, [])), len(results[case].get("reference", [])))
        print(f"| `{case}` | {in_type} | {n_out} | {cells[0]} | {cells[1]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
