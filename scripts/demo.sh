#!/usr/bin/env bash
# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
#
# The README's first command: installs what is needed, builds liteforge, and
# runs the main job end to end on real models:
#   inspect a model -> classify a real photo (top-5 with labels) ->
#   segment a person in a real photo -> benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh release >/dev/null
LF=build/release/tools/liteforge
MODELS="$(bash scripts/fetch_models.sh)"
DATA=../shared/testdata
OUT=build/demo
mkdir -p "$OUT"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

if [ -f "$MODELS/coral__mobilenet_v2_1.0_224_quant.tflite" ]; then
  CLASSIFIER="$MODELS/coral__mobilenet_v2_1.0_224_quant.tflite"
  step "inspect $CLASSIFIER"
  "$LF" inspect "$CLASSIFIER"

  step "classify a real photo (Grace Hopper) with ImageNet labels"
  "$LF" run "$CLASSIFIER" --image "$DATA/images/grace_hopper.bmp" \
      --labels "$DATA/labels/imagenet_labels.txt" --top-k 5

  step "classify another photo (a parrot)"
  "$LF" run "$CLASSIFIER" --image "$DATA/images/parrot.jpg" \
      --labels "$DATA/labels/imagenet_labels.txt" --top-k 3
fi

SEGMENTER="$MODELS/mediapipe__selfie_segmentation.tflite"
PHOTO="$DATA/images/squat.bmp"
[ -f "$PHOTO" ] || PHOTO="$(ls "$DATA"/images/*.jpg 2>/dev/null | head -n 1)"
step "segment the person in a photo (MediaPipe selfie segmentation)"
"$LF" run "$SEGMENTER" --image "$PHOTO" --output-dir "$OUT/selfie"

step "benchmark"
for m in "$SEGMENTER" ${CLASSIFIER:+"$CLASSIFIER"}; do
  "$LF" bench "$m" --warmup 3 --runs 20
done

printf '\nDone. Outputs are in %s\n' "$OUT"
