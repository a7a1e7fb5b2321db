// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ops/activation_range.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace liteforge::ops {

QuantRange DTypeRange(DType dtype) {
  switch (dtype) {
    case DType::kInt8: return {-128, 127};
    case DType::kUInt8: return {0, 255};
    case DType::kInt16: return {-32768, 32767};
    case DType::kUInt16: return {0, 65535};
    default:
      return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
  }
}

Result<FloatRange> ActivationRangeFloat(ir::Activation activation) {
  constexpr float kInf = std::numeric_limits<float>::infinity();
  switch (activation) {
    case ir::Activation::kNone: return FloatRange{-kInf, kInf};
    case ir::Activation::kRelu: return FloatRange{0.f, kInf};
    case ir::Activation::kReluN1To1: return FloatRange{-1.f, 1.f};
    case ir::Activation::kRelu6: return FloatRange{0.f, 6.f};
    default:
      return Unimplemented("fused activation {} is not supported",
                           ir::ActivationName(activation));
  }
}

Result<QuantRange> ActivationRangeQuantized(ir::Activation activation, const TensorView& output) {
  const QuantRange full = DTypeRange(output.dtype);
  if (activation == ir::Activation::kNone) return full;
  if (output.quant == nullptr || output.quant->scale.empty()) {
    return InvalidArgument("fused activation {} needs a quantized output",
                           ir::ActivationName(activation));
  }
  const float scale = output.quant->scale0();
  const int32_t zp = output.quant->zero_point0();
  auto quantize = [&](float f) { return zp + static_cast<int32_t>(std::round(f / scale)); };
  switch (activation) {
    case ir::Activation::kRelu:
      return QuantRange{std::max(full.min, quantize(0.f)), full.max};
    case ir::Activation::kRelu6:
      return QuantRange{std::max(full.min, quantize(0.f)), std::min(full.max, quantize(6.f))};
    case ir::Activation::kReluN1To1:
      return QuantRange{std::max(full.min, quantize(-1.f)), std::min(full.max, quantize(1.f))};
    default:
      return Unimplemented("fused activation {} is not supported for quantized outputs",
                           ir::ActivationName(activation));
  }
}

}  // namespace liteforge::ops
