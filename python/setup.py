# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
"""Builds liteforge._engine with the project's CMake for pip.

The extension needs the whole C++ tree (../liteforge), so this runs CMake on
the repository root (Release, no tests or benchmarks) in pip's build
directory, builds only the `liteforge_python` target and copies the module
into the wheel. Metadata lives in pyproject.toml.

Environment: LITEFORGE_CMAKE_ARGS adds CMake arguments (e.g. a generator);
LITEFORGE_BUILD_JOBS sets the parallel build jobs (default 2);
LITEFORGE_BUILD_DIR names an already configured build tree of this
repository (e.g. build/release) to build the target in instead, which saves
compiling the engine a second time.
"""

import os
import pathlib
import shlex
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

REPO = pathlib.Path(__file__).resolve().parent.parent


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        existing = os.environ.get("LITEFORGE_BUILD_DIR")
        if existing:
            build_dir = pathlib.Path(existing).resolve()
            if not (build_dir / "CMakeCache.txt").is_file():
                raise RuntimeError("LITEFORGE_BUILD_DIR=%s is not a configured build tree" % existing)
        else:
            build_dir = pathlib.Path(self.build_temp).resolve() / "cmake"
            self.configure(build_dir)
        subprocess.check_call([
            "cmake", "--build", str(build_dir), "--target", "liteforge_python",
            "--parallel", os.environ.get("LITEFORGE_BUILD_JOBS", "2"),
        ])
        name = pathlib.Path(self.get_ext_filename(ext.name)).name
        built = build_dir / "python" / "liteforge" / name
        if not built.is_file():
            raise RuntimeError("CMake did not produce %s (is pybind11-dev installed?)" % built)
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)

    @staticmethod
    def configure(build_dir):
        configure = [
            "cmake", "-S", str(REPO), "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            "-DLITEFORGE_BUILD_TESTS=OFF",
            "-DLITEFORGE_BUILD_BENCH=OFF",
            "-DLITEFORGE_BUILD_PYTHON=ON",
            "-DPython_EXECUTABLE=" + sys.executable,
        ]
        if shutil.which("ninja"):
            configure += ["-G", "Ninja"]
        configure += shlex.split(os.environ.get("LITEFORGE_CMAKE_ARGS", ""))
        subprocess.check_call(configure)


setup(
    ext_modules=[Extension("liteforge._engine", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
)
