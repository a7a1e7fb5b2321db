#!/usr/bin/env bash
# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
#
# Configures and builds one CMake preset (default: release).
#   scripts/build.sh [release|dev|fuzz]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
