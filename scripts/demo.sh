#!/usr/bin/env bash
# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
#
# The README's first command: installs what is needed, builds liteforge, and
# runs the main job end to end on real models:
#   inspect a model -> classify a real photo (top-5 with labels) ->
#   segment a person in a real photo -> quantize the float segmenter to
#   int8 (calibrated on photos) -> validate it against the float model on
#   other photos -> benchmark both -> run the int8 model on a real photo.
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
"$LF" run "$SEGMENTER" --image "$PHOTO" --mean 0 --std 255 --output-dir "$OUT/selfie"

# Calibration and validation photos are disjoint sets.
CALIB="$OUT/calibration"
HELDOUT="$OUT/held_out"
rm -rf "$CALIB" "$HELDOUT"
mkdir -p "$CALIB" "$HELDOUT"
for f in bird.bmp cat.bmp dragonfly.bmp grace_hopper.bmp hot_dog.jpg kite_and_cold.jpg \
         owl.jpg parrot.jpg pets.jpg sunflower.bmp; do
  [ -f "$DATA/images/$f" ] && ln -sf "$(realpath "$DATA/images/$f")" "$CALIB/$f"
done
for f in face.jpg squat.bmp cat_1080p.jpg dog_segmentation_256.bmp; do
  [ -f "$DATA/images/$f" ] && ln -sf "$(realpath "$DATA/images/$f")" "$HELDOUT/$f"
done
QUANTIZED="$OUT/selfie_segmentation_int8.tflite"
if [ -n "$(ls "$CALIB")" ] && [ -n "$(ls "$HELDOUT")" ]; then
  step "quantize the float segmenter to int8, calibrated on $(ls "$CALIB" | wc -l) photos"
  "$LF" quantize "$SEGMENTER" -o "$QUANTIZED" --mode int8 --calibration "$CALIB" --range 0,1

  step "validate the int8 model against the float one on held-out photos"
  "$LF" validate "$SEGMENTER" "$QUANTIZED" --data "$HELDOUT" --range 0,1 \
      --report "$OUT/validation.html"

  step "segment the photo with the int8 model"
  "$LF" run "$QUANTIZED" --image "$PHOTO" --mean 0 --std 255 --output-dir "$OUT/selfie_int8"
fi

step "benchmark"
for m in "$SEGMENTER" ${QUANTIZED:+$([ -f "$QUANTIZED" ] && echo "$QUANTIZED")} \
         ${CLASSIFIER:+"$CLASSIFIER"}; do
  "$LF" bench "$m" --warmup 3 --runs 20
done

printf '\nDone. Outputs are in %s\n' "$OUT"
