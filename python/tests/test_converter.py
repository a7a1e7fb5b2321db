# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
"""liteforge.lite.TFLiteConverter: TensorFlow's post-training quantization
settings on float .tflite models from the test corpus.

Every converted model is loaded back into liteforge's Interpreter and run:
tensor types and quantization parameters are checked, and outputs are
compared with the float model's on real photos.
"""

import numpy as np
import pytest
from PIL import Image

from conftest import TESTDATA, model_path, needs_testdata

import liteforge as lf
from liteforge.interpreter import Interpreter
from liteforge.lite import Optimize, OpsSet, RepresentativeDataset, TFLiteConverter

pytestmark = needs_testdata

# MediaPipe's short-range face detector: float, one [1, 128, 128, 3] input
# in [-1, 1], two outputs (boxes [1, 896, 16], scores [1, 896, 1]); every op
# has an int8 kernel.
FACE = "mediapipe__face_detection_short_range"
# Its selfie segmenter ends in the custom op Convolution2DTransposeBias,
# which has no integer kernel.
SELFIE = "mediapipe__selfie_segmentation"
# TFLite Micro's LSTM digit classifier, with real float32 weights.
LSTM = "tflm__trained_lstm"

CALIBRATION_PHOTOS = ["bird.bmp", "cat.bmp", "dragonfly.bmp", "grace_hopper.bmp", "owl.jpg",
                      "parrot.jpg", "pets.jpg", "sunflower.bmp"]
HELD_OUT_PHOTOS = ["face.jpg", "squat.bmp"]


def photo(name, size=128):
    """A photo as a [1, size, size, 3] float32 array in [-1, 1]."""
    img = Image.open(TESTDATA / "images" / name).convert("RGB").resize((size, size))
    return (np.asarray(img, dtype=np.float32) / 127.5 - 1.0)[np.newaxis]


def representative_dataset():
    for name in CALIBRATION_PHOTOS:
        yield [photo(name)]


def read(name):
    with open(model_path(name), "rb") as f:
        return f.read()


def run(model, inputs):
    """Outputs of `model` (bytes) as float32, quantizing/dequantizing at int I/O."""
    interp = Interpreter(model_content=model)
    interp.allocate_tensors()
    for detail, x in zip(interp.get_input_details(), inputs):
        if detail["dtype"] != np.float32:
            scale, zero_point = detail["quantization"]
            info = np.iinfo(detail["dtype"])
            x = np.clip(np.round(x / scale + zero_point), info.min, info.max)
        interp.set_tensor(detail["index"], x.astype(detail["dtype"]))
    interp.invoke()
    outs = []
    for detail in interp.get_output_details():
        y = interp.get_tensor(detail["index"])
        if detail["dtype"] != np.float32:
            scale, zero_point = detail["quantization"]
            y = (y.astype(np.float32) - zero_point) * scale
        outs.append(y)
    return outs


def cosine(a, b):
    a, b = a.ravel().astype(np.float64), b.ravel().astype(np.float64)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def tensor_types(model):
    interp = Interpreter(model_content=model)
    return [d["dtype"] for d in interp.get_tensor_details()]


# -- API surface ----------------------------------------------------------


def test_reachable_from_the_package():
    assert lf.lite.TFLiteConverter is TFLiteConverter
    assert lf.lite.Optimize.DEFAULT is Optimize.DEFAULT


def test_no_optimizations_returns_the_model_unchanged():
    converter = TFLiteConverter.from_tflite(model_path(FACE))
    converter.representative_dataset = representative_dataset  # ignored, as in TF
    assert converter.convert() == read(FACE)


def test_importers_say_they_are_missing():
    for call in (lambda: TFLiteConverter.from_saved_model("/tmp/saved_model"),
                 lambda: TFLiteConverter.from_keras_model(object()),
                 lambda: TFLiteConverter.from_concrete_functions([])):
        with pytest.raises(NotImplementedError, match="from_tflite"):
            call()


def test_bad_model_bytes():
    converter = TFLiteConverter.from_tflite_content(b"not a model at all")
    converter.optimizations = [Optimize.DEFAULT]
    with pytest.raises(ValueError, match="model_content"):
        converter.convert()


# -- dynamic range ----------------------------------------------------------


def test_dynamic_range():
    float_model = read(FACE)
    converter = TFLiteConverter.from_tflite_content(float_model)
    converter.optimizations = [Optimize.OPTIMIZE_FOR_SIZE]  # an alias of DEFAULT
    model = converter.convert()
    assert isinstance(model, bytes)
    report = converter.quantization_report
    assert report["output_bytes"] == len(model) and report["ops_quantized"] > 0
    assert len(model) < 0.85 * len(float_model)
    assert np.int8 in tensor_types(model)
    interp = Interpreter(model_content=model)
    assert [d["dtype"] for d in interp.get_input_details()] == [np.float32]
    assert all(d["dtype"] == np.float32 for d in interp.get_output_details())
    x = photo("face.jpg")
    for q, f in zip(run(model, [x]), run(float_model, [x])):
        assert cosine(q, f) > 0.99


# -- full integer -----------------------------------------------------------


def int8_converter(**settings):
    converter = TFLiteConverter.from_tflite(model_path(FACE))
    converter.optimizations = [Optimize.DEFAULT]
    converter.representative_dataset = representative_dataset
    for key, value in settings.items():
        setattr(converter, key, value)
    return converter


def test_full_integer_int8_io_tracks_the_float_model():
    converter = int8_converter()
    converter.target_spec.supported_ops = [OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = np.int8
    converter.inference_output_type = np.int8
    model = converter.convert()
    assert converter.quantization_report["ops_float"] == 0

    interp = Interpreter(model_content=model)
    interp.allocate_tensors()
    for detail in interp.get_input_details() + interp.get_output_details():
        assert detail["dtype"] == np.int8, detail
        scale, _ = detail["quantization"]
        assert scale > 0, detail
    assert np.float32 not in tensor_types(model)
    # The input covers the calibrated [-1, 1]: scale 2/255, zero point -1.
    scale, zero_point = interp.get_input_details()[0]["quantization"]
    assert scale == pytest.approx(2 / 255, rel=1e-3) and zero_point in (-1, 0)

    # Measured: cosine 0.973-0.994, mean |error| 0.6-1.8 % of the output's
    # range (the score logits reach -200, so single values move by tens).
    float_model = read(FACE)
    for name in CALIBRATION_PHOTOS[:2] + HELD_OUT_PHOTOS:
        x = photo(name)
        quantized, expected = run(model, [x]), run(float_model, [x])
        for i, (q, f) in enumerate(zip(quantized, expected)):
            value_range = float(f.max() - f.min())
            assert cosine(q, f) > 0.96, (name, i, cosine(q, f))
            assert np.mean(np.abs(q - f)) < 0.03 * value_range, (name, i)
        if name == "face.jpg":
            # On the face photo the most confident anchor is among the float
            # model's five best.
            scores_q, scores_f = quantized[1].ravel(), expected[1].ravel()
            assert np.argmax(scores_q) in np.argsort(scores_f)[-5:]


def test_boundary_types_do_not_change_the_integer_model():
    """float32, int8 and uint8 boundaries wrap the same integer graph.

    The photo is shifted by a quarter step: pixel / 127.5 - 1 lies exactly
    halfway between two int8 levels of the input scale 2/255, where the
    QUANTIZE op's float arithmetic and numpy's rounding may pick different
    sides (and this detector turns one input step into visible output
    changes). Off the ties the three models agree bit for bit.
    """
    x = np.clip(photo("face.jpg") + 0.25 / 127.5, -1, 1).astype(np.float32)
    model_f32 = int8_converter().convert()
    interp = Interpreter(model_content=model_f32)
    assert interp.get_input_details()[0]["dtype"] == np.float32
    assert np.int8 in tensor_types(model_f32)
    expected = run(model_f32, [x])
    for io_type in (np.int8, np.uint8):
        model = int8_converter(inference_input_type=io_type,
                               inference_output_type=io_type).convert()
        interp = Interpreter(model_content=model)
        assert all(d["dtype"] == io_type
                   for d in interp.get_input_details() + interp.get_output_details())
        scale, zero_point = interp.get_input_details()[0]["quantization"]
        assert zero_point == (-1 if io_type == np.int8 else 127)
        for got, want in zip(run(model, [x]), expected):
            np.testing.assert_array_equal(got, want)


def test_dataset_forms_give_the_same_model():
    as_list = int8_converter().convert()
    interp = Interpreter(model_content=read(FACE))
    name = interp.get_input_details()[0]["name"]

    def by_name():
        for p in CALIBRATION_PHOTOS:
            yield {name: photo(p).astype(np.float64)}  # float64 is converted

    def bare_arrays():
        for p in CALIBRATION_PHOTOS:
            yield photo(p)

    assert int8_converter(representative_dataset=by_name).convert() == as_list
    assert int8_converter(representative_dataset=bare_arrays).convert() == as_list
    wrapped = RepresentativeDataset(representative_dataset)
    assert int8_converter(representative_dataset=wrapped).convert() == as_list


def test_tensorflow_style_members_and_types():
    class FakeTfDType:  # what tf.int8 offers
        as_numpy_dtype = np.int8

    converter = int8_converter(inference_input_type=FakeTfDType(),
                               inference_output_type="int8")
    converter.optimizations = ["DEFAULT"]
    converter.target_spec.supported_ops = {"TFLITE_BUILTINS_INT8"}
    model = converter.convert()
    assert Interpreter(model_content=model).get_input_details()[0]["dtype"] == np.int8


def test_calibration_method_changes_the_ranges():
    minmax = int8_converter().convert()
    percentile = int8_converter(calibration_method="percentile",
                                calibration_percentile=99.0).convert()
    assert percentile != minmax
    with pytest.raises(ValueError, match="calibration_method"):
        int8_converter(calibration_method="magic").convert()


def test_int16x8():
    converter = int8_converter()
    converter.target_spec.supported_ops = [
        OpsSet.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]
    converter.inference_input_type = np.int16
    converter.inference_output_type = np.int16
    model = converter.convert()
    interp = Interpreter(model_content=model)
    assert interp.get_input_details()[0]["dtype"] == np.int16
    assert interp.get_input_details()[0]["quantization"][1] == 0  # symmetric
    x = photo("face.jpg")
    for q, f in zip(run(model, [x]), run(read(FACE), [x])):
        assert cosine(q, f) > 0.99  # measured 0.997 (int8: 0.988)


# -- float16 ------------------------------------------------------------------


def test_float16_halves_float32_weights():
    float_model = read(LSTM)
    assert np.float16 not in tensor_types(float_model)
    converter = TFLiteConverter.from_tflite(model_path(LSTM))
    converter.optimizations = [Optimize.DEFAULT]
    converter.target_spec.supported_types = [np.float16]
    model = converter.convert()
    assert np.float16 in tensor_types(model)
    assert 0.4 * len(float_model) < len(model) < 0.65 * len(float_model)
    x = np.random.default_rng(7).random((1, 28, 28), dtype=np.float32)
    for q, f in zip(run(model, [x]), run(float_model, [x])):
        np.testing.assert_allclose(q, f, atol=2e-3)

    converter.target_spec.supported_types = ["float16"]
    assert converter.convert() == model


# -- errors -------------------------------------------------------------------


def test_integer_io_needs_full_integer_quantization():
    converter = TFLiteConverter.from_tflite(model_path(FACE))
    converter.optimizations = [Optimize.DEFAULT]
    converter.inference_input_type = np.int8
    with pytest.raises(ValueError, match="float32"):
        converter.convert()
    converter.inference_input_type = np.float32
    converter.target_spec.supported_ops = [OpsSet.TFLITE_BUILTINS_INT8]
    with pytest.raises(ValueError, match="representative_dataset"):
        converter.convert()
    # int16 boundaries belong to int16x8, not int8.
    with pytest.raises(ValueError, match="int16"):
        int8_converter(inference_input_type=np.int16).convert()


def test_strict_int8_names_the_float_op():
    def selfie_dataset():
        for name in CALIBRATION_PHOTOS[:2]:
            yield [photo(name, 256) * 0.5 + 0.5]

    converter = TFLiteConverter.from_tflite(model_path(SELFIE))
    converter.optimizations = [Optimize.DEFAULT]
    converter.representative_dataset = selfie_dataset
    converter.target_spec.supported_ops = [OpsSet.TFLITE_BUILTINS_INT8]
    with pytest.raises(RuntimeError, match="Convolution2DTransposeBias") as e:
        converter.convert()
    assert "op 134 'segment' (Convolution2DTransposeBias): no int8 kernel" in str(e.value)
    assert "add OpsSet.TFLITE_BUILTINS" in str(e.value)
    assert "--strict" not in str(e.value)
    # With float fallback the op stays float32 and is reported.
    converter.target_spec.supported_ops = [OpsSet.TFLITE_BUILTINS_INT8, OpsSet.TFLITE_BUILTINS]
    model = converter.convert()
    report = converter.quantization_report
    assert report["ops_float"] >= 1
    assert any("Convolution2DTransposeBias" in w for w in report["warnings"])
    assert np.int8 in tensor_types(model) and np.float32 in tensor_types(model)


@pytest.mark.parametrize("dataset, message", [
    (lambda: iter([[np.zeros((1, 128, 128), np.float32)]]), r"shape \[1, 128, 128\]"),
    (lambda: iter([[np.zeros((128, 128, 3), np.float32)]]), "add the batch dimension"),
    (lambda: iter([[np.zeros((1, 128, 128, 3), np.float32)] * 2]), "has 2 arrays"),
    (lambda: iter([{"no_such_input": np.zeros((1, 128, 128, 3), np.float32)}]),
     "no model input named 'no_such_input'"),
    (lambda: iter([["a string"]]), "not a real number type"),
    (lambda: iter([]), "no samples"),
    (lambda: 42, "iterable"),
])
def test_bad_representative_dataset(dataset, message):
    with pytest.raises(ValueError, match=message):
        int8_converter(representative_dataset=dataset).convert()


def test_bad_settings():
    with pytest.raises(ValueError, match="optimizations"):
        int8_converter(optimizations=["FASTEST"]).convert()
    converter = int8_converter()
    converter.target_spec.supported_ops = [OpsSet.TFLITE_BUILTINS_INT8, OpsSet(
        "EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8")]
    with pytest.raises(ValueError, match="choose one"):
        converter.convert()
    with pytest.raises(ValueError, match="not a type"):
        int8_converter(inference_input_type=object()).convert()
