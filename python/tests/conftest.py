# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures: where the test data is, and how a golden case loads.

Test data comes from ../shared/testdata (or $LITEFORGE_TESTDATA); tests that
need it skip with a clear reason where it is absent. CTest sets PYTHONPATH
to the build tree's package and LITEFORGE_PY_TEST_MODELS to the small models
written at build time.
"""

import json
import os
import pathlib

import numpy as np
import pytest

_REPO = pathlib.Path(__file__).resolve().parents[2]


def testdata_dir():
    env = os.environ.get("LITEFORGE_TESTDATA")
    for candidate in (env, _REPO.parent / "shared" / "testdata"):
        if candidate and pathlib.Path(candidate, "models").is_dir():
            return pathlib.Path(candidate).resolve()
    return None


TESTDATA = testdata_dir()
SANITIZED = os.environ.get("LITEFORGE_SANITIZED") == "1"

needs_testdata = pytest.mark.skipif(
    TESTDATA is None, reason="../shared/testdata not found (set LITEFORGE_TESTDATA)")


def model_path(name):
    return str(TESTDATA / "models" / (name + ".tflite"))


def golden_case_names():
    if TESTDATA is None:
        return []
    root = TESTDATA / "golden"
    return sorted(p.name for p in root.iterdir() if (p / "meta.json").is_file())


class GoldenCase:
    """in*.npy, out*.npy and meta.json of ../shared/testdata/golden/<name>."""

    def __init__(self, name):
        root = TESTDATA / "golden" / name
        self.name = name
        self.meta = json.loads((root / "meta.json").read_text())
        self.model_path = str(TESTDATA / "models" / self.meta["model"])
        self.inputs = [np.load(root / ("in%d.npy" % i)) for i in range(len(self.meta["inputs"]))]
        self.outputs = [np.load(root / ("out%d.npy" % i)) for i in range(len(self.meta["outputs"]))]
        self.tolerances = [float(o.get("tolerance", 0.0)) for o in self.meta["outputs"]]


def assert_matches_golden(case, index, got):
    """Integer outputs bit-exact; float outputs within meta.json's tolerance."""
    expected = case.outputs[index]
    assert got.dtype == expected.dtype, "%s out%d: dtype %s, expected %s" % (
        case.name, index, got.dtype, expected.dtype)
    assert got.size == expected.size, "%s out%d: shape %s, expected %s" % (
        case.name, index, got.shape, expected.shape)
    got = got.reshape(expected.shape)
    if np.issubdtype(expected.dtype, np.integer) or expected.dtype == np.bool_:
        diff = np.flatnonzero(got != expected)
        assert diff.size == 0, "%s out%d: %d values differ, first at %d: %s vs %s" % (
            case.name, index, diff.size, diff[0], got.flat[diff[0]], expected.flat[diff[0]])
    else:
        tol = case.tolerances[index]
        both_nan = np.isnan(got) & np.isnan(expected)
        err = np.where(both_nan, 0.0, np.abs(got.astype(np.float64) - expected))
        assert not np.isnan(err).any(), "%s out%d: NaN where TFLite has a number" % (
            case.name, index)
        assert err.max(initial=0.0) <= tol, "%s out%d: max |diff| %g > tolerance %g" % (
            case.name, index, err.max(), tol)


@pytest.fixture
def test_models():
    """The directory of models written by write_test_models.cc."""
    path = os.environ.get("LITEFORGE_PY_TEST_MODELS")
    if not path or not pathlib.Path(path, "signatures.tflite").is_file():
        pytest.skip("LITEFORGE_PY_TEST_MODELS not set (run through ctest)")
    return pathlib.Path(path).resolve()


@pytest.fixture
def sample_delegate():
    """Path of examples/delegates' shared library (float ADD and MUL)."""
    path = os.environ.get("LITEFORGE_SAMPLE_DELEGATE")
    if not path or not os.path.isfile(path):
        pytest.skip("LITEFORGE_SAMPLE_DELEGATE not set (run through ctest)")
    return path
