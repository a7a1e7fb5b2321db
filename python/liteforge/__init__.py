# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
"""liteforge: run TensorFlow Lite models on liteforge's C++ engine.

``liteforge.interpreter`` is a drop-in for ``tflite_runtime.interpreter``:

    from liteforge.interpreter import Interpreter, load_delegate

``liteforge.lite`` has the post-training quantization part of ``tf.lite``:

    from liteforge.lite import TFLiteConverter, Optimize, OpsSet

Layout: ``_engine`` is the compiled extension; ``interpreter`` holds the
tflite_runtime-compatible API; ``lite`` the converter. ``lite`` is imported
on first use (``liteforge.lite.TFLiteConverter`` works after a plain
``import liteforge``), so importing ``liteforge`` stays cheap.
"""

import importlib

from liteforge.interpreter import (  # noqa: F401
    Delegate,
    Interpreter,
    OpResolverType,
    SignatureRunner,
    load_delegate,
)

__version__ = "0.1.0"

_LAZY_MODULES = ("lite",)


def __getattr__(name):
    # PEP 562: liteforge.lite is imported when first named.
    if name in _LAZY_MODULES:
        return importlib.import_module("liteforge." + name)
    raise AttributeError("module 'liteforge' has no attribute %r" % name)

__all__ = [
    "Delegate",
    "Interpreter",
    "OpResolverType",
    "SignatureRunner",
    "load_delegate",
]
