#!/usr/bin/env bash
# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
#
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan) and
# runs each for SECONDS (default 60), seeded from the corpus models. Exits
# non-zero on the first crash, leak, timeout or out-of-memory, printing the
# reproducer to re-run (`build/fuzz/liteforge/<fuzzer> <crash-file>`).
#
#   bash scripts/fuzz.sh [SECONDS] [FUZZER...]
#
# Environment: LITEFORGE_FUZZ_JOBS (parallel fuzz workers per target,
# default 1), LITEFORGE_FUZZ_MODELS (seed models dir, default
# ../shared/testdata/models), LITEFORGE_FUZZ_WORK (corpora and artifacts,
# default build/fuzz/work; corpora persist there between runs).
set -euo pipefail

cd "$(dirname "$0")/.."
SECONDS_PER_FUZZER="${1:-60}"
shift || true
REQUESTED=("$@")

MODELS_DIR="${LITEFORGE_FUZZ_MODELS:-../shared/testdata/models}"
WORK="${LITEFORGE_FUZZ_WORK:-build/fuzz/work}"
JOBS="${LITEFORGE_FUZZ_JOBS:-1}"
# Seeds above this size slow every execution down without finding more:
# the reader's structure is the same in small and large models.
MAX_SEED_BYTES=$((600 * 1024))

echo "fuzz: configuring and building (preset fuzz)"
cmake --preset fuzz >/dev/null
FUZZERS=(reader_fuzz metadata_fuzz custom_options_fuzz)
if [ ${#REQUESTED[@]} -gt 0 ]; then FUZZERS=("${REQUESTED[@]}"); fi
cmake --build --preset fuzz --target "${FUZZERS[@]}"

mkdir -p "$WORK"
# Seed corpora: whole small models for the reader; for metadata, the
# metadata flatbuffers and associated-file archives of the models that carry
# them (the whole file holds both: the flatbuffer parse fails fast, and the
# archive is found at the end); for custom options, the FlexBuffers found
# in models with custom ops are reached through the reader, so a few
# minimal seeds suffice.
seed_corpus() {
  local name="$1" dir="$WORK/corpus/$1"
  mkdir -p "$dir"
  case "$name" in
    reader_fuzz)
      if [ -d "$MODELS_DIR" ]; then
        find "$MODELS_DIR" -name '*.tflite' -size -"${MAX_SEED_BYTES}"c -exec cp -n {} "$dir/" \;
      fi
      ;;
    metadata_fuzz)
      if [ -d "$MODELS_DIR" ]; then
        /usr/bin/python3 - "$MODELS_DIR" "$dir" <<'PY'
import os, struct, sys
src, dst = sys.argv[1], sys.argv[2]
for f in sorted(os.listdir(src)):
    data = open(os.path.join(src, f), 'rb').read()
    p = data.find(b'M001')
    if p < 8:
        continue
    start = p - 4
    (n,) = struct.unpack('<I', data[start - 4:start])
    if 0 < n <= len(data) - start:
        open(os.path.join(dst, f + '.meta'), 'wb').write(data[start:start + n])
    z = data.rfind(b'PK\x03\x04')
    if z > 0:
        # A small stand-in model (64 bytes) plus the archive.
        open(os.path.join(dst, f + '.zip'), 'wb').write(b'\0' * 64 + data[z:])
PY
      fi
      ;;
    custom_options_fuzz)
      # A few tiny starting points; the mutator finds valid FlexBuffers
      # from here (the reader fuzzer also reaches real custom options).
      printf '\x00\x00\x01' >"$dir/tiny"
      printf 'a\x00\x01\x03\x01\x01\x01\x01\x04\x14\x02\x24\x01' >"$dir/small_map"
      ;;
  esac
}

status=0
for fuzzer in "${FUZZERS[@]}"; do
  bin="build/fuzz/liteforge/$fuzzer"
  if [ ! -x "$bin" ]; then
    echo "fuzz: $bin was not built" >&2
    exit 1
  fi
  seed_corpus "$fuzzer"
  artifacts="$WORK/artifacts/$fuzzer/"
  mkdir -p "$artifacts"
  case "$fuzzer" in
    reader_fuzz) max_len=$MAX_SEED_BYTES ;;
    metadata_fuzz) max_len=65536 ;;
    *) max_len=4096 ;;
  esac
  echo "fuzz: $fuzzer for ${SECONDS_PER_FUZZER}s (max_len $max_len)"
  log="$WORK/$fuzzer.log"
  parallel=()
  if [ "$JOBS" -gt 1 ]; then parallel=(-jobs="$JOBS" -workers="$JOBS"); fi
  set +e
  ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}" \
  UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
    "$bin" "$WORK/corpus/$fuzzer" \
      -max_total_time="$SECONDS_PER_FUZZER" -max_len="$max_len" \
      -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=20 \
      "${parallel[@]}" \
      -artifact_prefix="$artifacts" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "fuzz: $fuzzer FAILED (exit $rc); log: $log" >&2
    grep -E "ERROR:|SUMMARY:|runtime error|Test unit written" "$log" | head -20 >&2 || true
    for repro in "$artifacts"*; do
      [ -e "$repro" ] || continue
      echo "fuzz: reproducer: $bin $repro" >&2
    done
  else
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)" "$log" | tail -3 || true
    echo "fuzz: $fuzzer ok"
  fi
done
exit $status
