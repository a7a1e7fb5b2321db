#!/usr/bin/env bash
# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
#
# Runs `liteforge bench --json` on every corpus model at 1 and 2 threads
# with three paths — liteforge's default (SIMD) kernels, the portable
# reference kernels (--isa reference) and the XNNPACK delegate — and prints
# a markdown table of p50 latencies with ratios, plus geometric means over
# the float and the quantized models.
#
# usage: bench/corpus.sh [liteforge binary] [models dir] [runs]
# Models that fail on a path (unsupported op, custom op) show "-" there
# and are left out of the geometric means of that column pair.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/release/tools/liteforge}
MODELS=${2:-../shared/testdata/models}
RUNS=${3:-30}

[[ -x "$BIN" ]] || { echo "corpus.sh: no liteforge binary at $BIN (build with scripts/build.sh release)" >&2; exit 2; }
[[ -d "$MODELS" ]] || { echo "corpus.sh: no model directory at $MODELS" >&2; exit 2; }

# p50 in ms of one configuration, or "-" when the model does not run.
p50() {
  local model=$1 threads=$2; shift 2
  local out
  if out=$("$BIN" bench "$model" --json --runs "$RUNS" --warmup 3 --threads "$threads" "$@" 2>/dev/null); then
    /usr/bin/python3 -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["p50_ms"])' <<<"$out"
  else
    echo "-"
  fi
}

# Float or quantized: quantized when a model input or output is an 8- or
# 16-bit integer tensor (from `liteforge inspect`).
kind() {
  "$BIN" inspect "$1" 2>/dev/null | /usr/bin/python3 -c '
import re, sys
quant = any(re.match(r"\s+\[\d+\] .* (u?int8|int16) \[", line) for line in sys.stdin)
print("quant" if quant else "float")'
}

rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
echo "| model | kind | threads | liteforge p50 ms | reference p50 ms | xnnpack p50 ms | ref / lf | xnn / lf |"
echo "|---|---|---|---|---|---|---|---|"
for model in "$MODELS"/*.tflite; do
  name=$(basename "$model" .tflite)
  k=$(kind "$model")
  for threads in 1 2; do
    lf=$(p50 "$model" "$threads")
    [[ "$lf" == "-" ]] && continue
    ref=$(p50 "$model" "$threads" --isa reference)
    xnn=$(p50 "$model" "$threads" --delegate "xnnpack?threads=$threads")
    /usr/bin/python3 - "$name" "$k" "$threads" "$lf" "$ref" "$xnn" >>"$rows" <<'PY'
import sys
name, kind, threads, lf, ref, xnn = sys.argv[1:]
def ratio(a, b):
    return "-" if "-" in (a, b) or float(b) == 0 else "%.2f" % (float(a) / float(b))
print(f"| {name} | {kind} | {threads} | {lf} | {ref} | {xnn} | {ratio(ref, lf)} | {ratio(xnn, lf)} |")
PY
  done
done
cat "$rows"
/usr/bin/python3 - "$rows" <<'PY'
import math, sys
groups = {}
for line in open(sys.argv[1]):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    _, kind, threads, lf, ref, xnn = cells[:6]
    g = groups.setdefault((kind, threads), {"lf": [], "xnn": [], "ref": [], "lf_ref": []})
    if xnn != "-":
        g["lf"].append(float(lf)); g["xnn"].append(float(xnn))
    if ref != "-":
        g["lf_ref"].append(float(lf)); g["ref"].append(float(ref))
def gm(v):
    return math.exp(sum(math.log(max(x, 1e-6)) for x in v) / len(v)) if v else float("nan")
print()
print("| kind | threads | models | geomean liteforge ms | geomean xnnpack ms | xnn / lf | geomean reference ms | ref / lf |")
print("|---|---|---|---|---|---|---|---|")
for (kind, threads), g in sorted(groups.items()):
    print(f"| {kind} | {threads} | {len(g['lf'])} | {gm(g['lf']):.3f} | {gm(g['xnn']):.3f} | "
          f"{gm(g['xnn']) / gm(g['lf']):.2f} | {gm(g['ref']):.3f} | {gm(g['ref']) / gm(g['lf_ref']):.2f} |")
PY
