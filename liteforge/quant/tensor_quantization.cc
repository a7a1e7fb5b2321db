// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Quantization arithmetic for constants and activation parameters.

#include "liteforge/quant/tensor_quantization.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "liteforge/base/float16.h"

namespace liteforge::quant {
namespace {

template <typename T>
ir::ConstData Bytes(const std::vector<T>& v) {
  return ir::ConstData::Copy({reinterpret_cast<const uint8_t*>(v.data()), v.size() * sizeof(T)});
}

// Rounds half away from zero and saturates; NaN becomes 0.
template <typename T>
T RoundSaturate(double v, double lo, double hi) {
  if (std::isnan(v)) return T{0};
  return static_cast<T>(std::clamp(std::round(v), lo, hi));
}

template <typename T>
std::vector<T> QuantizeAs(std::span<const float> values, float scale, int64_t zp) {
  std::vector<T> out(values.size());
  const double lo = std::numeric_limits<T>::min();
  const double hi = std::numeric_limits<T>::max();
  for (size_t i = 0; i < values.size(); ++i) {
    out[i] = RoundSaturate<T>(static_cast<double>(values[i]) / scale + static_cast<double>(zp), lo, hi);
  }
  return out;
}

}  // namespace

QuantParams ActivationParams(Range range, DType dtype) {
  float lo = std::min(range.lo, 0.f);
  float hi = std::max(range.hi, 0.f);
  QuantParams q;
  if (dtype == DType::kInt16) {
    float m = std::max(std::fabs(lo), std::fabs(hi));
    if (!(m > 0)) m = 1.f;
    q.scale = {m / 32767.f};
    q.zero_point = {0};
    return q;
  }
  if (!(hi - lo > 0)) hi = lo + 1.f;  // a constant-zero tensor: any grid works
  const float scale = (hi - lo) / 255.f;
  // The zero point puts `lo` at the lowest level, rounded so that 0.0 is
  // exactly representable.
  const double zp = std::round(-128.0 - static_cast<double>(lo) / scale);
  q.scale = {scale};
  q.zero_point = {static_cast<int64_t>(std::clamp(zp, -128.0, 127.0))};
  if (dtype == DType::kUInt8) return ToUint8Params(q);
  return q;
}

QuantParams ToUint8Params(const QuantParams& int8) {
  QuantParams q = int8;
  for (int64_t& zp : q.zero_point) zp += 128;
  return q;
}

QuantizedData QuantizeWeights(std::span<const float> values, const Shape& shape, int channel_axis,
                              std::span<const float> min_scales) {
  const bool per_channel = channel_axis >= 0 && channel_axis < shape.rank();
  const int64_t channels = per_channel ? shape.dim(channel_axis) : 1;
  const int64_t inner = per_channel ? shape.Product(channel_axis + 1, shape.rank()) : 1;
  std::vector<float> max_abs(static_cast<size_t>(std::max<int64_t>(channels, 1)), 0.f);
  auto channel_of = [&](size_t i) {
    return per_channel ? static_cast<size_t>((static_cast<int64_t>(i) / inner) % channels) : 0;
  };
  for (size_t i = 0; i < values.size(); ++i) {
    if (std::isfinite(values[i])) {
      max_abs[channel_of(i)] = std::max(max_abs[channel_of(i)], std::fabs(values[i]));
    }
  }
  QuantizedData out;
  for (size_t c = 0; c < max_abs.size(); ++c) {
    float scale = max_abs[c] > 0 ? max_abs[c] / 127.f : 1.f;
    if (c < min_scales.size() && min_scales[c] > scale) scale = min_scales[c];
    out.quant.scale.push_back(scale);
    out.quant.zero_point.push_back(0);
  }
  out.quant.quantized_dimension = per_channel ? channel_axis : 0;
  std::vector<int8_t> q(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    q[i] = RoundSaturate<int8_t>(static_cast<double>(values[i]) / out.quant.scale[channel_of(i)],
                                 -127, 127);
  }
  out.data = Bytes(q);
  return out;
}

std::vector<float> MinWeightScalesForBias(std::span<const float> bias, float input_scale,
                                          DType bias_type, size_t channels) {
  // Half the type's range leaves room for the accumulator sums the bias is
  // added to.
  const double limit = bias_type == DType::kInt64 ? 4.0e18 : 1073741823.0;
  std::vector<float> min_scales(channels, 0.f);
  for (size_t c = 0; c < channels; ++c) {
    const float b = bias.size() == channels ? bias[c] : (bias.empty() ? 0.f : bias[0]);
    if (!std::isfinite(b) || !(input_scale > 0)) continue;
    min_scales[c] = static_cast<float>(std::fabs(b) / (limit * input_scale));
  }
  return min_scales;
}

QuantizedData QuantizeBias(std::span<const float> values, float input_scale,
                           const std::vector<float>& weight_scales, DType dtype) {
  QuantizedData out;
  const bool per_channel = weight_scales.size() > 1;
  for (size_t c = 0; c < weight_scales.size(); ++c) {
    out.quant.scale.push_back(input_scale * weight_scales[c]);
    out.quant.zero_point.push_back(0);
  }
  auto scale_of = [&](size_t i) { return out.quant.scale[per_channel ? i : 0]; };
  if (dtype == DType::kInt64) {
    std::vector<int64_t> q(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      q[i] = RoundSaturate<int64_t>(static_cast<double>(values[i]) / scale_of(i), -9.2e18, 9.2e18);
    }
    out.data = Bytes(q);
  } else {
    std::vector<int32_t> q(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      q[i] = RoundSaturate<int32_t>(static_cast<double>(values[i]) / scale_of(i),
                                    std::numeric_limits<int32_t>::min(),
                                    std::numeric_limits<int32_t>::max());
    }
    out.data = Bytes(q);
  }
  return out;
}

ir::ConstData QuantizeValues(std::span<const float> values, const QuantParams& q, DType dtype) {
  const float scale = q.scale0();
  const int64_t zp = q.zero_point0();
  switch (dtype) {
    case DType::kUInt8: return Bytes(QuantizeAs<uint8_t>(values, scale, zp));
    case DType::kInt16: return Bytes(QuantizeAs<int16_t>(values, scale, zp));
    default: return Bytes(QuantizeAs<int8_t>(values, scale, zp));
  }
}

ir::ConstData ToFloat16(std::span<const float> values) {
  std::vector<uint16_t> h(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    h[i] = FloatToHalf(std::clamp(values[i], -65504.f, 65504.f));
  }
  return Bytes(h);
}

std::span<const float> FloatValues(const ir::Tensor& t) {
  return {t.data->as<float>(), t.data->size() / sizeof(float)};
}

}  // namespace liteforge::quant
