#!/usr/bin/env python3
# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
#
# Quantizes the MediaPipe float models of ../shared/testdata in every mode
# with `liteforge quantize`, calibrating on one set of photos, then compares
# each quantized model with its float model on held-out photos with
# `liteforge validate FLOAT QUANT --data ... --json` and prints a markdown
# table: file sizes, ops left float, and per model the worst over its
# outputs of validate's top-1 agreement, max abs error, mean abs error, SNR
# and lowest per-photo cosine. Standard library only.
#
# usage: bench/quantization.py [liteforge binary] [testdata dir]
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/release/tools/liteforge")
DATA = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "../shared/testdata")

# Photos for calibration and for evaluation: disjoint.
CALIBRATION = ["bird.bmp", "cat.bmp", "cat_720p.jpg", "dragonfly.bmp", "grace_hopper.bmp",
               "hot_dog.jpg", "kite_and_cold.jpg", "owl.jpg", "parrot.jpg", "pets.jpg",
               "sunflower.bmp", "missvickie_potato_chips.bmp", "cityscapes_segmentation.bmp",
               "dog_segmentation.bmp", "posenet_test_image.bmp", "resized_cat.bmp"]
HELD_OUT = ["face.jpg", "squat.bmp", "cat_1080p.jpg", "dog_segmentation_256.bmp",
            "bird_segmentation.bmp"]

# Model -> input range its producer documents ([0, 1] or [-1, 1]).
MODELS = {
    "mediapipe__face_detection_short_range.tflite": (-1, 1),
    "mediapipe__face_detection_full_range_sparse.tflite": (-1, 1),
    "mediapipe__hand_landmark_lite.tflite": (0, 1),
    "mediapipe__pose_landmark_lite.tflite": (0, 1),
    "mediapipe__pose_landmark_full.tflite": (0, 1),
    "mediapipe__selfie_segmentation.tflite": (0, 1),
    "mediapipe__selfie_segmentation_landscape.tflite": (0, 1),
    "mediapipe__object_detection_3d_chair.tflite": (-1, 1),
}
MODES = ["dynamic", "float16", "int8", "int16x8"]


def validate(float_model, quant_model, rng):
    """Runs `liteforge validate` on the held-out photos, normalized to the
    model's range exactly as calibration was (--range LO,HI)."""
    cmd = [BIN, "validate", float_model, quant_model, "--json", "--range", "%d,%d" % rng]
    for img in HELD_OUT:
        cmd += ["--data", os.path.join(DATA, "images", img)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("validate failed (%d): %s" % (p.returncode, p.stderr.strip()))
    report = json.loads(p.stdout)
    assert report["samples"] == len(HELD_OUT), report["samples"]
    return report["outputs"]


def worst(outputs):
    """Worst value of each metric over the outputs; None when no output
    reports top-1 agreement (last dimension 1). Infinities arrive as the
    strings "inf"/"-inf", which float() reads."""
    agreements = [float(o["top1_agreement"]) for o in outputs if o["top1_agreement"] is not None]
    return {
        "top1": min(agreements) if agreements else None,
        "max_abs": max(float(o["max_abs_error"]) for o in outputs),
        "mean_abs": max(float(o["mean_abs_error"]) for o in outputs),
        "snr": min(float(o["snr_db"]) for o in outputs),
        "cos": min(float(o["cosine_min"]) for o in outputs),
    }


def fmt_snr(v):
    return "inf" if v == float("inf") else ("-inf" if v == float("-inf") else "%.1f" % v)


def main():
    tmp = tempfile.mkdtemp(prefix="lf_quant_")
    cal = os.path.join(tmp, "calibration")
    os.mkdir(cal)
    for name in CALIBRATION:
        os.symlink(os.path.join(DATA, "images", name), os.path.join(cal, name))
    assert not set(CALIBRATION) & set(HELD_OUT)
    print("quantized models in %s" % tmp, file=sys.stderr)
    print("| model | float bytes | mode | quantized bytes | ratio | ops float "
          "| top-1 agr. | max abs err | mean abs err | SNR dB | min cosine |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, rng in MODELS.items():
        model = os.path.join(DATA, "models", name)
        if not os.path.exists(model):
            continue
        short = name.replace("mediapipe__", "").replace(".tflite", "")
        for mode in MODES:
            out = os.path.join(tmp, "%s.%s.tflite" % (name, mode))
            cmd = [BIN, "quantize", model, "-o", out, "--mode", mode, "--quiet"]
            if mode in ("int8", "int16x8"):
                cmd += ["--calibration", cal, "--range", "%d,%d" % rng]
            p = subprocess.run(cmd, capture_output=True, text=True)
            if p.returncode != 0:
                print("| %s | | %s | failed: %s |" % (short, mode, p.stderr.strip().splitlines()[-1]))
                continue
            ops_float = p.stdout.split("quantized, ")[1].split(" left")[0]
            w = worst(validate(model, out, rng))
            fsize, qsize = os.path.getsize(model), os.path.getsize(out)
            top1 = "—" if w["top1"] is None else "%.1f%%" % (100 * w["top1"])
            print("| %s | %d | %s | %d | %.2f | %s | %s | %.4g | %.4g | %s | %.5f |" % (
                short, fsize, mode, qsize, fsize / qsize, ops_float, top1, w["max_abs"], w["mean_abs"],
                fmt_snr(w["snr"]), w["cos"]))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
