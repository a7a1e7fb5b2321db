// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NumPy .npy files (format versions 1.0, 2.0, 3.0): how tensors enter and
// leave the CLI. Reading accepts little- and big-endian data and Fortran
// order (both converted to little-endian C order); writing produces version
// 1.0 files that numpy.load reads.

#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "liteforge/base/status.h"
#include "liteforge/tensor/dtype.h"
#include "liteforge/tensor/shape.h"

namespace liteforge {

struct NpyArray {
  DType dtype = DType::kFloat32;
  Shape shape;
  std::vector<uint8_t> data;  // little-endian, C order
};

// Parses .npy bytes; `origin` names the file in errors.
Result<NpyArray> ParseNpy(std::span<const uint8_t> bytes, const std::string& origin);
Result<NpyArray> ReadNpy(const std::string& path);

std::vector<uint8_t> SerializeNpy(DType dtype, const Shape& shape, std::span<const uint8_t> data);
Status WriteNpy(const std::string& path, DType dtype, const Shape& shape,
                std::span<const uint8_t> data);

}  // namespace liteforge
