// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Array entry points of the per-channel output stage, one per ISA, so tests
// (and kernels without a fused output stage) can run the vector code on
// plain arrays: out[i] = clamp(ConvScale(acc[i], m[i], e[i]) + offset).

#pragma once

#include <cstdint>

#include "liteforge/kernels/conv/requantize.h"

namespace liteforge::kernels {

struct RequantizeRowParams {
  const int32_t* multipliers = nullptr;  // one per element
  const int32_t* exponents = nullptr;    // one per element
  int32_t output_offset = 0;
  int32_t act_min = 0;
  int32_t act_max = 0;
  ConvRounding rounding = ConvRounding::kDoubleRounding;
};

// Scalar oracle.
void qs32_requantize__reference(const int32_t* acc, int n, const RequantizeRowParams& p,
                                int32_t* out);
#if defined(__aarch64__)
// NEON; exponents must pass RequantizeParamsSupported.
void qs32_requantize__neon(const int32_t* acc, int n, const RequantizeRowParams& p, int32_t* out);
#endif
// AVX2; exponents must pass RequantizeParamsSupported.
void qs32_requantize__avx2(const int32_t* acc, int n, const RequantizeRowParams& p, int32_t* out);
// AVX-512F/BW/VL/DQ; exponents must pass RequantizeParamsSupported.
void qs32_requantize__avx512(const int32_t* acc, int n, const RequantizeRowParams& p,
                             int32_t* out);

}  // namespace liteforge::kernels
