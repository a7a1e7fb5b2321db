// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/tensor/quant_params.h"

#include <fmt/format.h>

namespace liteforge {

std::string QuantParams::ToString() const {
  if (empty()) return "none";
  if (scale.size() == 1) {
    return fmt::format("scale={:.9g} zp={}", scale[0], zero_point0());
  }
  return fmt::format("per-axis dim={} n={} scale[0]={:.9g} zp[0]={}", quantized_dimension,
                     scale.size(), scale.empty() ? 0.f : scale[0], zero_point0());
}

}  // namespace liteforge
