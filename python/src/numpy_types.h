// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Element types between liteforge and numpy: which numpy dtype holds a
// tensor's elements, and which DType a numpy array's elements are. A type
// numpy cannot hold (string, resource, variant, bfloat16) maps to nothing;
// int4 tensors are read as int8, one element per byte, as TFLite's Python
// API does.

#pragma once

#include <optional>

#include <pybind11/numpy.h>

#include "liteforge/tensor/dtype.h"

namespace liteforge::python {

std::optional<pybind11::dtype> NumpyDTypeOf(DType t);

// Nullopt for element types liteforge has no DType for (objects, strings,
// structured or non-native byte order arrays).
std::optional<DType> DTypeOfNumpy(const pybind11::dtype& d);

// "float32", "int8", ... as the messages name them.
std::string NumpyTypeName(const pybind11::dtype& d);

}  // namespace liteforge::python
