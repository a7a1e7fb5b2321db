# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
"""The documented offline install: `cmake --install BUILD --component python
--prefix P`, then the package imported from P alone (not the build tree)."""

import os
import pathlib
import subprocess
import sys

import pytest

SCRIPT = r"""
import sys
import numpy as np
import liteforge
from liteforge.interpreter import Interpreter
assert liteforge.__file__.startswith(sys.argv[1]), liteforge.__file__
assert liteforge.lite.__file__.startswith(sys.argv[1]), liteforge.lite.__file__
interpreter = Interpreter(model_path=sys.argv[2])
add = interpreter.get_signature_runner("add")
x = np.array([[1, 2, 3, 4]], np.float32)
print(add(x=x, y=x)["sum"].tolist())
"""


def test_cmake_install_into_a_prefix(tmp_path, test_models):
    cmake = os.environ.get("LITEFORGE_CMAKE")
    build = os.environ.get("LITEFORGE_BUILD_DIR")
    site = os.environ.get("LITEFORGE_PYTHON_INSTALL_DIR")
    if not (cmake and build and site):
        pytest.skip("run through ctest (needs the build directory)")
    prefix = tmp_path / "prefix"
    subprocess.run([cmake, "--install", build, "--component", "python", "--prefix", str(prefix)],
                   check=True, stdout=subprocess.PIPE)
    package = prefix / site / "liteforge"
    assert (package / "interpreter.py").is_file()
    assert (package / "lite.py").is_file()
    assert list(package.glob("_engine*.so"))
    env = dict(os.environ, PYTHONPATH=str(prefix / site))
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(prefix), str(test_models / "signatures.tflite")],
                         env=env, cwd=str(tmp_path), check=True, stdout=subprocess.PIPE, text=True)
    assert out.stdout.strip() == "[[2.0, 4.0, 6.0, 8.0]]"
