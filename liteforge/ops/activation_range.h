// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Clamping bounds for fused activations, in float and in the quantized
// domain of an output tensor (TFLite's rule: quantize 0, 6, -1, 1 with
// round-half-away and intersect with the dtype's range).

#pragma once

#include <cstdint>

#include "liteforge/base/status.h"
#include "liteforge/ir/op_options.h"
#include "liteforge/tensor/tensor_view.h"

namespace liteforge::ops {

struct FloatRange {
  float min;
  float max;
};
struct QuantRange {
  int32_t min;
  int32_t max;
};

// Float bounds; TANH and SIGN_BIT are not clamps and are rejected.
Result<FloatRange> ActivationRangeFloat(ir::Activation activation);
// Bounds in the quantized domain of `output` (int8, uint8, int16 or int32).
Result<QuantRange> ActivationRangeQuantized(ir::Activation activation, const TensorView& output);

// The representable range of an integer dtype.
QuantRange DTypeRange(DType dtype);

}  // namespace liteforge::ops
