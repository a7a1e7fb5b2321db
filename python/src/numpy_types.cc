// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "python/src/numpy_types.h"

#include <string>

namespace py = pybind11;

namespace liteforge::python {

std::optional<py::dtype> NumpyDTypeOf(DType t) {
  switch (t) {
    case DType::kFloat32: return py::dtype("float32");
    case DType::kFloat16: return py::dtype("float16");
    case DType::kFloat64: return py::dtype("float64");
    case DType::kInt8: return py::dtype("int8");
    case DType::kInt4: return py::dtype("int8");
    case DType::kUInt8: return py::dtype("uint8");
    case DType::kInt16: return py::dtype("int16");
    case DType::kUInt16: return py::dtype("uint16");
    case DType::kInt32: return py::dtype("int32");
    case DType::kUInt32: return py::dtype("uint32");
    case DType::kInt64: return py::dtype("int64");
    case DType::kUInt64: return py::dtype("uint64");
    case DType::kBool: return py::dtype("bool");
    case DType::kComplex64: return py::dtype("complex64");
    case DType::kComplex128: return py::dtype("complex128");
    case DType::kString:
    case DType::kResource:
    case DType::kVariant:
    case DType::kBFloat16:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<DType> DTypeOfNumpy(const py::dtype& d) {
  if (!d.attr("isnative").cast<bool>()) return std::nullopt;
  const ssize_t size = d.itemsize();
  switch (d.kind()) {
    case 'f':
      if (size == 2) return DType::kFloat16;
      if (size == 4) return DType::kFloat32;
      if (size == 8) return DType::kFloat64;
      return std::nullopt;
    case 'i':
      if (size == 1) return DType::kInt8;
      if (size == 2) return DType::kInt16;
      if (size == 4) return DType::kInt32;
      if (size == 8) return DType::kInt64;
      return std::nullopt;
    case 'u':
      if (size == 1) return DType::kUInt8;
      if (size == 2) return DType::kUInt16;
      if (size == 4) return DType::kUInt32;
      if (size == 8) return DType::kUInt64;
      return std::nullopt;
    case 'b':
      return DType::kBool;
    case 'c':
      if (size == 8) return DType::kComplex64;
      if (size == 16) return DType::kComplex128;
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

std::string NumpyTypeName(const py::dtype& d) { return d.attr("name").cast<std::string>(); }

}  // namespace liteforge::python
