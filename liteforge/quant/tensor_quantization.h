// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The arithmetic that turns real values into quantized tensors, with
// TFLite's conventions: int8 activations asymmetric (zero point in
// [-128, 127], zero exactly representable), int16 activations symmetric
// (zero point 0), int8 weights symmetric in [-127, 127] with one scale per
// output channel, biases int32 (int64 for int16 activations) with scale
// input_scale x weight_scale and zero point 0. Values round half away from
// zero and saturate.

#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "liteforge/ir/graph.h"
#include "liteforge/quant/range_estimator.h"
#include "liteforge/tensor/quant_params.h"

namespace liteforge::quant {

// Scale and zero point for activations of `dtype` (int8, uint8 or int16)
// covering `range` (widened to contain 0).
QuantParams ActivationParams(Range range, DType dtype);

// uint8 twin of int8 parameters: same scale, zero point + 128.
QuantParams ToUint8Params(const QuantParams& int8);

struct QuantizedData {
  ir::ConstData data;
  QuantParams quant;
};

// Symmetric int8 weights: per channel along `channel_axis`, or one scale
// for the tensor when it is -1. `min_scales` (empty, or one per channel)
// raises a channel's scale where a bias would not fit int32 otherwise.
QuantizedData QuantizeWeights(std::span<const float> values, const Shape& shape,
                              int channel_axis, std::span<const float> min_scales = {});

// The smallest weight scale per channel that keeps bias / (input_scale x
// weight_scale) within the bias type: a channel whose weights are nearly
// zero but whose bias is not would otherwise saturate its bias (TFLite's
// converter widens those weight scales the same way).
std::vector<float> MinWeightScalesForBias(std::span<const float> bias, float input_scale,
                                          DType bias_type, size_t channels);

// A bias for an op whose input has `input_scale` and whose weights have
// `weight_scales` (one, or one per channel): int32 or int64.
QuantizedData QuantizeBias(std::span<const float> values, float input_scale,
                           const std::vector<float>& weight_scales, DType dtype);

// Per-tensor affine quantization with given parameters into int8, uint8 or
// int16.
ir::ConstData QuantizeValues(std::span<const float> values, const QuantParams& q, DType dtype);

// float32 -> float16 (round to nearest even; beyond the float16 range
// saturates to +-65504).
ir::ConstData ToFloat16(std::span<const float> values);

// The float32 values of a dense float32 constant.
std::span<const float> FloatValues(const ir::Tensor& t);

}  // namespace liteforge::quant
