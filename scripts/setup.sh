#!/usr/bin/env bash
# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
#
# Installs everything liteforge needs to build and test, from Debian 12
# packages only (nothing is downloaded at build time, nothing vendored).
# Idempotent: packages already present are skipped without touching apt.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  clang libclang-rt-14-dev            # fuzz preset (libFuzzer + sanitizers)
  flatbuffers-compiler libflatbuffers-dev  # the .tflite format
  libfmt-dev                          # formatting of messages and dumps
  nlohmann-json3-dev                  # JSON for CLI output and test metadata
  libstb-dev                          # image decoding for --image
  libzip-dev                          # files embedded in model metadata
  libxnnpack-dev libpthreadpool-dev   # optional --delegate xnnpack (the yardstick)
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  g++-aarch64-linux-gnu qemu-user     # aarch64 preset: ARM kernels cross-built, tested under qemu
  python3 python3-numpy python3-pytest
  python3-dev pybind11-dev            # the Python module (python/)
  python3-pil                         # Python tests: photos as a deployment guide loads them
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all ${#PACKAGES[@]} packages present"
fi
