#!/usr/bin/env bash
# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
#
# The README's test command: installs what is needed, builds, and runs every
# test — the release build (unit, golden, pipeline and CLI tests), the same
# suite again under AddressSanitizer + UBSan (dev preset), then each fuzzer
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

echo "== fuzzing"
bash scripts/fuzz.sh "${LITEFORGE_FUZZ_SECONDS:-60}"

echo "== all tests passed"
