# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
"""The Python of a typical TFLite deployment guide, with only the import
changed from tflite_runtime to liteforge:

1. load a classifier, read its I/O details, feed a photo, invoke, top-5;
2. quantize a float input with the input's scale and zero point, dequantize
   the int8 output with the output's;
3. the latency loop: warm-up, 100 timed invokes, mean / p95 / p99;
4. compare two ImageNet MobileNets (quantization-aware trained vs
   post-training quantized from float) by arg-max over a set of photos.

Every step is checked against something independent: TFLite's golden
outputs, or the photo's known content.
"""

import time

import numpy as np
import pytest
from PIL import Image

from conftest import SANITIZED, TESTDATA, GoldenCase, assert_matches_golden, needs_testdata

# The one line that changes: was `from tflite_runtime.interpreter import Interpreter`.
from liteforge.interpreter import Interpreter

pytestmark = needs_testdata

# Natural photos in ../shared/testdata/images (no masks or test patterns).
PHOTOS = [
    "bird.bmp", "cat.bmp", "cat_720p.jpg", "dog_segmentation.bmp", "dragonfly.bmp",
    "grace_hopper.bmp", "hot_dog.jpg", "kite_and_cold.jpg", "missvickie_potato_chips.bmp",
    "owl.jpg", "parrot.jpg", "pets.jpg", "posenet_test_image.bmp", "squat.bmp", "sunflower.bmp",
]
# What these photos show, as ImageNet names it.
KNOWN = {
    "cat.bmp": "Egyptian cat",
    "parrot.jpg": "macaw",
    "sunflower.bmp": "daisy",
    "hot_dog.jpg": "hotdog, hot dog, red hot",
    "missvickie_potato_chips.bmp": "packet",
}


def load_labels(path):
    with open(path, "r") as f:
        return [line.strip() for line in f.readlines()]


def classify(interpreter, image_path):
    """Guide step 1: resize the photo to the input, invoke, return scores."""
    input_details = interpreter.get_input_details()
    output_details = interpreter.get_output_details()
    height, width = input_details[0]["shape"][1:3]
    img = Image.open(image_path).convert("RGB").resize((width, height))
    input_data = np.expand_dims(img, axis=0)
    if input_details[0]["dtype"] == np.float32:
        input_data = (np.float32(input_data) - 127.5) / 127.5
    interpreter.set_tensor(input_details[0]["index"], input_data)
    interpreter.invoke()
    output_data = interpreter.get_tensor(output_details[0]["index"])
    return np.squeeze(output_data)


def test_classify_a_photo_with_io_details():
    case = GoldenCase("coral__mobilenet_v2_1.0_224_quant")
    labels = load_labels(TESTDATA / "labels" / "imagenet_labels.txt")
    interpreter = Interpreter(model_path=case.model_path)
    interpreter.allocate_tensors()
    results = classify(interpreter, TESTDATA / "images" / "grace_hopper.bmp")
    top_k = results.argsort()[-5:][::-1]
    for i in top_k:
        print("{:08.6f}: {}".format(float(results[i] / 255.0), labels[i]))
    # TFLite's output on the same photo (resized by the golden generator)
    # names the same class.
    assert labels[top_k[0]] == labels[int(case.outputs[0].argmax())] == "military uniform"
    # And the exact golden input gives TFLite's exact scores.
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], case.inputs[0])
    interpreter.invoke()
    assert_matches_golden(case, 0,
                          interpreter.get_tensor(interpreter.get_output_details()[0]["index"]))


@pytest.mark.parametrize("name", ["tflm__hello_world_int8",
                                  "tflm__mobilenet_v2_quantized_1x3x224x224"])
def test_quantize_float_input_and_dequantize_int8_output(name):
    case = GoldenCase(name)
    interpreter = Interpreter(model_path=case.model_path)
    interpreter.allocate_tensors()
    input_details = interpreter.get_input_details()[0]
    output_details = interpreter.get_output_details()[0]
    assert input_details["dtype"] == np.int8 and output_details["dtype"] == np.int8

    # The float values the golden int8 input stands for.
    input_scale, input_zero_point = input_details["quantization"]
    float_input = (case.inputs[0].astype(np.float32) - input_zero_point) * input_scale

    # Guide: quantize with the input's parameters.
    quantized = np.round(float_input / input_scale + input_zero_point)
    quantized = np.clip(quantized, -128, 127).astype(input_details["dtype"])
    assert np.array_equal(quantized, case.inputs[0])
    interpreter.set_tensor(input_details["index"], quantized)
    interpreter.invoke()
    output = interpreter.get_tensor(output_details["index"])
    assert_matches_golden(case, 0, output)

    # Guide: dequantize with the output's parameters.
    output_scale, output_zero_point = output_details["quantization"]
    dequantized = (output.astype(np.float32) - output_zero_point) * output_scale
    expected = (case.outputs[0].astype(np.float32) - output_zero_point) * output_scale
    assert np.array_equal(dequantized, expected)
    assert dequantized.dtype == np.float32


def test_int8_model_tracks_its_float_twin():
    """hello_world (a sine approximator): feed the same quantized x to the
    int8 model and to the float model, dequantize the int8 output, and
    compare both with sin(x) and with each other. Bounds are TFLM's models'
    own accuracy (measured: float 0.051, int8 0.118 max error; 0.024 mean
    difference), not liteforge's: the golden cases pin liteforge to TFLite."""
    q = Interpreter(model_path=GoldenCase("tflm__hello_world_int8").model_path)
    f = Interpreter(model_path=GoldenCase("tflm__hello_world_float").model_path)
    qi, qo = q.get_input_details()[0], q.get_output_details()[0]
    fi, fo = f.get_input_details()[0], f.get_output_details()[0]
    in_scale, in_zp = qi["quantization"]
    out_scale, out_zp = qo["quantization"]
    err_q, err_f, diff = [], [], []
    for x in np.linspace(0.0, 2 * np.pi, 200, dtype=np.float32):
        xq = np.clip(np.round(x / in_scale + in_zp), -128, 127).astype(np.int8)
        x_exact = (float(xq) - in_zp) * in_scale
        q.set_tensor(qi["index"], np.full(qi["shape"], xq, np.int8))
        q.invoke()
        yq = (float(q.get_tensor(qo["index"]).ravel()[0]) - out_zp) * out_scale
        f.set_tensor(fi["index"], np.full(fi["shape"], x_exact, np.float32))
        f.invoke()
        yf = float(f.get_tensor(fo["index"]).ravel()[0])
        err_q.append(abs(yq - np.sin(x_exact)))
        err_f.append(abs(yf - np.sin(x_exact)))
        diff.append(abs(yq - yf))
    print("max |int8 - sin| %.4f, max |float - sin| %.4f, mean |int8 - float| %.4f" % (
        max(err_q), max(err_f), np.mean(diff)))
    assert max(err_f) <= 0.1 and max(err_q) <= 0.15
    assert np.mean(diff) <= 0.05


def test_latency_loop():
    case = GoldenCase("coral__mobilenet_v1_0.25_128_quant")
    interpreter = Interpreter(model_path=case.model_path, num_threads=1)
    interpreter.allocate_tensors()
    input_details = interpreter.get_input_details()
    interpreter.set_tensor(input_details[0]["index"], case.inputs[0])

    for _ in range(10):  # warm-up
        interpreter.invoke()
    times_ms = []
    for _ in range(100):
        start = time.perf_counter()
        interpreter.invoke()
        times_ms.append((time.perf_counter() - start) * 1000.0)
    mean = np.mean(times_ms)
    p95, p99 = np.percentile(times_ms, [95, 99])
    print("mean %.3f ms  p95 %.3f ms  p99 %.3f ms  (%d runs%s)" % (
        mean, p95, p99, len(times_ms), ", ASan build" if SANITIZED else ""))
    # No assertion on speed: the numbers are only printed.
    assert len(times_ms) == 100 and np.isfinite([mean, p95, p99]).all()
    assert min(times_ms) <= p95 <= p99 <= max(times_ms)
    # The 110th run still gives TFLite's answer.
    assert_matches_golden(case, 0,
                          interpreter.get_tensor(interpreter.get_output_details()[0]["index"]))


def test_qat_and_ptq_mobilenets_agree_over_photos():
    labels = load_labels(TESTDATA / "labels" / "imagenet_labels.txt")
    qat = Interpreter(model_path=GoldenCase("coral__mobilenet_v2_1.0_224_quant").model_path)
    ptq = Interpreter(model_path=GoldenCase("coral__tf2_mobilenet_v2_1.0_224_ptq").model_path)
    agree = 0
    for photo in PHOTOS:
        a = classify(qat, TESTDATA / "images" / photo)
        b = classify(ptq, TESTDATA / "images" / photo)
        top_a, top_b = labels[int(a.argmax())], labels[int(b.argmax())]
        print("%-28s %-40.40s %-40.40s" % (photo, top_a, top_b))
        agree += top_a == top_b
        if photo in KNOWN:
            assert top_a == KNOWN[photo] and top_b == KNOWN[photo], (photo, top_a, top_b)
    print("top-1 agreement: %d / %d" % (agree, len(PHOTOS)))
    assert agree >= 0.8 * len(PHOTOS)
