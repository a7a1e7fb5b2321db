#!/usr/bin/env python3
# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
#
# Quantizes the MediaPipe float models of ../shared/testdata in every mode
# with `liteforge quantize`, calibrating on one set of photos, then runs the
# float and the quantized model on held-out photos (`liteforge run --image`)
# and prints a markdown table: file sizes, ops left float, and per model the
# worst max-abs and mean-abs error and lowest cosine similarity over all outputs and
# held-out photos. Standard library only (.npy parsed here).
#
# usage: bench/quantization.py [liteforge binary] [testdata dir]
import os
import struct
import subprocess
import sys
import tempfile
import math

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


def read_npy(path):
    with open(path, "rb") as f:
        raw = f.read()
    assert raw[:6] == b"\x93NUMPY", path
    major = raw[6]
    if major == 1:
        hlen = struct.unpack("<H", raw[8:10])[0]
        start = 10 + hlen
    else:
        hlen = struct.unpack("<I", raw[8:12])[0]
        start = 12 + hlen
    header = raw[start - hlen:start].decode("latin1")
    assert "'<f4'" in header, header
    n = (len(raw) - start) // 4
    return struct.unpack("<%df" % n, raw[start:start + 4 * n])


def run(model, image, rng, outdir):
    mean, std = (0.0, 255.0) if rng == (0, 1) else (127.5, 127.5)
    subprocess.run([BIN, "run", model, "--image", image, "--mean", str(mean), "--std", str(std),
                    "--output-dir", outdir], check=True, capture_output=True)
    outs = []
    i = 0
    while os.path.exists(os.path.join(outdir, "out%d.npy" % i)):
        outs.append(read_npy(os.path.join(outdir, "out%d.npy" % i)))
        i += 1
    return outs


def compare(a, b):
    errs = [abs(x - y) for x, y in zip(a, b)]
    max_err = max(errs)
    mean_err = sum(errs) / len(errs)
    dot = sum(x * y for x, y in zip(a, b))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    cos = dot / (na * nb) if na > 0 and nb > 0 else (1.0 if na == nb else 0.0)
    return max_err, mean_err, cos


def main():
    tmp = tempfile.mkdtemp(prefix="lf_quant_")
    cal = os.path.join(tmp, "calibration")
    os.mkdir(cal)
    for name in CALIBRATION:
        os.symlink(os.path.join(DATA, "images", name), os.path.join(cal, name))
    print("| model | float bytes | mode | quantized bytes | ratio | ops float | max abs err | mean abs err | min cosine |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for name, rng in MODELS.items():
        model = os.path.join(DATA, "models", name)
        if not os.path.exists(model):
            continue
        floats = {}
        for img in HELD_OUT:
            d = os.path.join(tmp, "float_%s_%s" % (name, img))
            os.mkdir(d)
            floats[img] = run(model, os.path.join(DATA, "images", img), rng, d)
        for mode in MODES:
            out = os.path.join(tmp, "%s.%s.tflite" % (name, mode))
            cmd = [BIN, "quantize", model, "-o", out, "--mode", mode, "--quiet"]
            if mode in ("int8", "int16x8"):
                cmd += ["--calibration", cal, "--range", "%d,%d" % rng]
            p = subprocess.run(cmd, capture_output=True, text=True)
            if p.returncode != 0:
                print("| %s | | %s | failed: %s |" % (name, mode, p.stderr.strip().splitlines()[-1]))
                continue
            ops_float = p.stdout.split("quantized, ")[1].split(" left")[0]
            worst_err, worst_mean, worst_cos = 0.0, 0.0, 1.0
            for img in HELD_OUT:
                d = os.path.join(tmp, "%s_%s_%s" % (name, mode, img))
                os.mkdir(d)
                q = run(out, os.path.join(DATA, "images", img), rng, d)
                for a, b in zip(floats[img], q):
                    err, mean, cos = compare(a, b)
                    worst_err = max(worst_err, err)
                    worst_mean = max(worst_mean, mean)
                    worst_cos = min(worst_cos, cos)
            fsize, qsize = os.path.getsize(model), os.path.getsize(out)
            print("| %s | %d | %s | %d | %.2f | %s | %.4g | %.4g | %.5f |" % (
                name.replace("mediapipe__", "").replace(".tflite", ""), fsize, mode, qsize,
                fsize / qsize, ops_float, worst_err, worst_mean, worst_cos))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
