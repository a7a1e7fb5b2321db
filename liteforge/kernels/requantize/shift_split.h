// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The per-channel shift pair the SIMD output stages take: TFLite's signed
// exponent split into a left shift (exponent > 0) and a right shift
// (exponent < 0), and the range in which the vector code is exact.

#pragma once

#include <cstdint>

namespace liteforge::kernels {

inline int32_t LeftShiftOf(int32_t exponent) { return exponent > 0 ? exponent : 0; }
inline int32_t RightShiftOf(int32_t exponent) { return exponent > 0 ? 0 : -exponent; }

// The vector stages shift 32-bit lanes by at most 31 and form the 64-bit
// rounding constant 2^(30 + right); beyond that the scalar path is used.
// Multipliers are QuantizeMultiplier's: 0 or in [2^30, 2^31).
inline bool RequantizeParamsSupported(const int32_t* multipliers, const int32_t* exponents,
                                      int n) {
  for (int i = 0; i < n; ++i) {
    if (multipliers[i] < 0 || exponents[i] > 30 || exponents[i] < -31) return false;
  }
  return true;
}

}  // namespace liteforge::kernels
