#!/usr/bin/env bash
# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
#
# Cross-builds the kernels and their tests for 64-bit ARM (the `aarch64`
# preset: g++-aarch64-linux-gnu) and runs them under qemu-user, so the NEON
# and dot-product variants are checked against the reference kernels on an
# x86 machine. Two emulated CPUs:
#   max         every extension qemu knows, dot products included: every
#               variant runs;
#   cortex-a72  ARMv8.0 (a Raspberry Pi 4's core), no dot products: the
#               detection must say so, and the plain NEON variants run.
#   scripts/test_aarch64.sh          (scripts/test.sh runs it)
set -euo pipefail
cd "$(dirname "$0")/.."

build=build/aarch64
sysroot=/usr/aarch64-linux-gnu
qemu=$(command -v qemu-aarch64 || command -v qemu-aarch64-static || true)
if [ -z "$qemu" ] || ! command -v aarch64-linux-gnu-g++ >/dev/null; then
  echo "test_aarch64: needs g++-aarch64-linux-gnu and qemu-user (scripts/setup.sh)" >&2
  exit 1
fi

cmake --preset aarch64 >/dev/null
cmake --build --preset aarch64 -j "$(nproc)" --target lf_kernels_test lf_base_test

# Bounded: an emulated run that hangs must not hold CI up.
run() {
  local cpu=$1
  shift
  timeout 600 "$qemu" -L "$sysroot" -cpu "$cpu" "$@"
}

# What CpuFeatures detects (printed by lf_base_test) on each emulated CPU.
expect_features() {
  local cpu=$1 want=$2 line
  line=$(run "$cpu" "$build/lf_base_test" --gtest_filter='CpuFeaturesTest.*' | grep '^cpu features:')
  echo "-- $cpu: $line"
  case "$line" in
    "cpu features: $want ("*) ;;
    *) echo "test_aarch64: expected '$want' on $cpu" >&2; exit 1 ;;
  esac
}

for cpu in max cortex-a72; do
  echo "-- lf_base_test and lf_kernels_test under qemu-aarch64 -cpu $cpu"
  run "$cpu" "$build/lf_base_test" --gtest_brief=1
  run "$cpu" "$build/lf_kernels_test" --gtest_brief=1
done
expect_features max "neon neondot"
expect_features cortex-a72 "neon"
