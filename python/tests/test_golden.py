# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
"""Every golden case of ../shared/testdata through the Python API.

Inputs are set with set_tensor, outputs read with get_tensor, and compared
with real TensorFlow Lite's outputs: integer outputs bit-exact, float
outputs within meta.json's tolerance. The same again with
experimental_preserve_all_tensors=True (its own memory per tensor, no
ahead-of-time folding) and through the zero-copy tensor() views.
"""

import numpy as np
import pytest

from conftest import GoldenCase, assert_matches_golden, golden_case_names, needs_testdata
from liteforge.interpreter import Interpreter

CASES = golden_case_names()


def run_case(case, **kwargs):
    interpreter = Interpreter(model_path=case.model_path, **kwargs)
    interpreter.allocate_tensors()
    inputs = interpreter.get_input_details()
    assert len(inputs) == len(case.inputs)
    for detail, value, meta in zip(inputs, case.inputs, case.meta["inputs"]):
        assert detail["name"] == meta["name"]
        assert list(detail["shape"]) == list(value.shape)
        interpreter.set_tensor(detail["index"], value)
    interpreter.invoke()
    outputs = interpreter.get_output_details()
    assert len(outputs) == len(case.outputs)
    return interpreter, [interpreter.get_tensor(d["index"]) for d in outputs]


@needs_testdata
@pytest.mark.parametrize("name", CASES)
def test_golden_case(name):
    case = GoldenCase(name)
    _, outputs = run_case(case)
    for i, got in enumerate(outputs):
        assert_matches_golden(case, i, got)


@needs_testdata
@pytest.mark.parametrize("name", CASES)
def test_golden_case_preserving_all_tensors(name):
    case = GoldenCase(name)
    _, outputs = run_case(case, experimental_preserve_all_tensors=True)
    for i, got in enumerate(outputs):
        assert_matches_golden(case, i, got)


@needs_testdata
@pytest.mark.parametrize("name", CASES[:8])
def test_golden_case_through_tensor_views(name):
    case = GoldenCase(name)
    interpreter = Interpreter(model_path=case.model_path)
    interpreter.allocate_tensors()
    for detail, value in zip(interpreter.get_input_details(), case.inputs):
        view = interpreter.tensor(detail["index"])
        view()[...] = value  # written in place, no copy through set_tensor
    interpreter.invoke()
    for i, detail in enumerate(interpreter.get_output_details()):
        out = interpreter.tensor(detail["index"])
        assert_matches_golden(case, i, np.array(out()))
