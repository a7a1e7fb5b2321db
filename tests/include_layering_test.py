#!/usr/bin/env python3
# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
"""Keeps DESIGN.md's layering true: each layer includes only the layers it
may depend on, only the format layer includes flatbuffers, and only
x86_*.cc / arm_*.cc files include SIMD intrinsics headers.

Run directly (exit status 1 lists every violation) or through CTest."""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Which liteforge/<layer>/ folders each layer may include.
ALLOWED = {
    "base": {"base"},
    "tensor": {"base", "tensor"},
    "ir": {"base", "tensor", "ir"},
    "format": {"base", "tensor", "ir", "format"},
    "kernels": {"base", "tensor", "kernels"},
    "ops": {"base", "tensor", "ir", "format", "kernels", "ops"},
    "runtime": {"base", "tensor", "ir", "format", "kernels", "ops", "runtime"},
    "quant": {"base", "tensor", "ir", "format", "kernels", "ops", "runtime", "quant"},
    # Built-in delegates sit beside the runtime and plug into it.
    "delegates": {"base", "tensor", "ir", "format", "kernels", "ops", "runtime", "delegates"},
    "importers": {"base", "tensor", "ir", "format", "importers"},
    "api": {"base", "tensor", "ir", "format", "kernels", "ops", "runtime", "quant", "importers",
            "delegates", "api"},
}

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')
INTRINSICS = re.compile(r"(immintrin|xmmintrin|emmintrin|smmintrin|tmmintrin|avxintrin|arm_neon)\.h$")


def violations():
    found = []
    lib = os.path.join(ROOT, "liteforge")
    for dirpath, _, files in os.walk(lib):
        rel = os.path.relpath(dirpath, lib)
        layer = rel.split(os.sep)[0]
        if layer not in ALLOWED:
            continue
        for name in files:
            if not name.endswith((".h", ".cc", ".inc", ".def")):
                continue
            path = os.path.join(dirpath, name)
            is_test = name.endswith(("_test.cc", "_fuzz.cc", "_bench.cc")) or "/testing" in path
            with open(path, encoding="utf-8", errors="replace") as f:
                for lineno, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    inc = m.group(1)
                    where = f"{os.path.relpath(path, ROOT)}:{lineno}"
                    if inc.startswith("liteforge/") and not is_test:
                        target = inc.split("/")[1]
                        if target in ALLOWED and target not in ALLOWED[layer]:
                            found.append(f"{where}: layer '{layer}' must not include '{inc}'")
                    if inc.startswith("flatbuffers/") and layer != "format":
                        found.append(f"{where}: only liteforge/format may include '{inc}'")
                    if INTRINSICS.search(inc) and not re.match(r"(x86|arm)_", name):
                        found.append(f"{where}: intrinsics header '{inc}' outside an x86_*/arm_* file")
    return found


def main():
    found = violations()
    for v in found:
        print(v)
    print(f"include layering: {len(found)} violation(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
