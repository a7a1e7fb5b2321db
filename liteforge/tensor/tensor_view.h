// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// TensorView: a non-owning look at a tensor's bytes, how ops and kernels see
// tensors at run time. The owner (an arena, a constant buffer, a caller's
// array) outlives the view.

#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "liteforge/tensor/dtype.h"
#include "liteforge/tensor/quant_params.h"
#include "liteforge/tensor/shape.h"

namespace liteforge {

struct TensorView {
  DType dtype = DType::kFloat32;
  Shape shape;
  // Never null once bound by the runtime; points at an empty QuantParams for
  // unquantized tensors.
  const QuantParams* quant = nullptr;
  // Element data; null in Prepare for tensors whose values are not known yet
  // (everything but constants).
  uint8_t* data = nullptr;
  size_t bytes = 0;
  std::string_view name;
  int index = -1;  // tensor index in its subgraph
  bool is_constant = false;

  int64_t num_elements() const { return shape.NumElements(); }

  template <typename T>
  T* data_as() {
    return reinterpret_cast<T*>(data);
  }
  template <typename T>
  const T* data_as() const {
    return reinterpret_cast<const T*>(data);
  }

  float scale() const { return quant->scale0(); }
  int32_t zero_point() const { return quant->zero_point0(); }
};

}  // namespace liteforge
