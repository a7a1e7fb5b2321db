# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
"""liteforge: run TensorFlow Lite models on liteforge's C++ engine.

``liteforge.interpreter`` is a drop-in for ``tflite_runtime.interpreter``:

    from liteforge.interpreter import Interpreter, load_delegate

Layout: ``_engine`` is the compiled extension; ``interpreter`` holds the
tflite_runtime-compatible API; further modules (``lite`` for the converter)
sit beside it and are imported lazily by their users, so importing
``liteforge`` stays cheap.
"""

from liteforge.interpreter import (  # noqa: F401
    Delegate,
    Interpreter,
    OpResolverType,
    SignatureRunner,
    load_delegate,
)

__version__ = "0.1.0"

__all__ = [
    "Delegate",
    "Interpreter",
    "OpResolverType",
    "SignatureRunner",
    "load_delegate",
]
