// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The scalar output stage over an array: the oracle of the vector stages.

#include <algorithm>

#include "liteforge/kernels/requantize/requantize_rows.h"

namespace liteforge::kernels {

void qs32_requantize__reference(const int32_t* acc, int n, const RequantizeRowParams& p,
                                int32_t* out) {
  for (int i = 0; i < n; ++i) {
    const int32_t v = ConvScale(acc[i], p.multipliers[i], p.exponents[i], p.rounding);
    out[i] = std::clamp(AddOutputOffset(v, p.output_offset), p.act_min, p.act_max);
  }
}

}  // namespace liteforge::kernels
