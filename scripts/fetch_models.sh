#!/usr/bin/env bash
# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
#
# Prints the directory holding the demo models. Uses ../shared/testdata when
# it is there; otherwise fetches real .tflite files shipped in MediaPipe's npm
# packages (the npm registry is reachable; nothing else is downloaded).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d ../shared/testdata/models ]; then
  echo "$(cd ../shared/testdata/models && pwd)"
  exit 0
fi
dest="build/models"
mkdir -p "$dest"
if [ ! -f "$dest/selfie_segmentation.tflite" ]; then
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent @mediapipe/selfie_segmentation >/dev/null && tar xzf ./*.tgz)
  cp "$tmp/package/selfie_segmentation.tflite" "$dest/mediapipe__selfie_segmentation.tflite"
  cp "$tmp/package/selfie_segmentation_landscape.tflite" "$dest/mediapipe__selfie_segmentation_landscape.tflite"
  rm -rf "$tmp"
fi
echo "$(cd "$dest" && pwd)"
