// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Affine quantization of a tensor: real = scale * (q - zero_point), with one
// (scale, zero_point) for the whole tensor or one per slice along
// `quantized_dimension` (per-channel weights).

#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace liteforge {

struct QuantParams {
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int32_t quantized_dimension = 0;
  // Recorded calibration range, kept so files round-trip; kernels ignore it.
  std::vector<float> min;
  std::vector<float> max;
  // Opaque CustomQuantization bytes from the file, kept for round-trips.
  std::vector<uint8_t> custom;

  // True when the tensor carries no affine quantization at all.
  bool empty() const { return scale.empty() && zero_point.empty(); }
  bool is_per_channel() const { return scale.size() > 1; }
  // Per-tensor accessors. Precondition: !scale.empty().
  float scale0() const { return scale.front(); }
  int32_t zero_point0() const {
    return zero_point.empty() ? 0 : static_cast<int32_t>(zero_point.front());
  }

  bool operator==(const QuantParams&) const = default;

  // "scale=0.0078125 zp=128" or "per-axis(3) x32" for dumps and inspect.
  std::string ToString() const;
};

}  // namespace liteforge
