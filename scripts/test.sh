#!/usr/bin/env bash
# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
#
# The README's test command: installs what is needed, builds, and runs every
# test — the release build (unit, golden, pipeline and CLI tests), the same
# suite again under AddressSanitizer + UBSan (dev preset), the ARM kernels
# cross-built and tested under qemu-user (aarch64 preset), then each fuzzer
# for a bounded time (LITEFORGE_FUZZ_SECONDS, default 60 per target).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "== release build and tests"
bash scripts/build.sh release
ctest --preset release -j 2

echo "== ASan/UBSan build and tests"
bash scripts/build.sh dev
ctest --preset dev -j 2

echo "== aarch64 cross build and kernel tests under qemu"
start=$SECONDS
bash scripts/test_aarch64.sh
echo "aarch64 step: $((SECONDS - start)) s"

echo "== fuzzing"
bash scripts/fuzz.sh "${LITEFORGE_FUZZ_SECONDS:-60}"

echo "== all tests passed"
