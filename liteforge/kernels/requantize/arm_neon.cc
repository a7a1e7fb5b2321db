// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The NEON output stage over an array, 4 lanes at a time; a tail of fewer
// than 4 goes through the same vector step on a small copy, so no lane is
// read or written past the end.

#include <arm_neon.h>

#include <algorithm>
#include <cstring>

#include "liteforge/kernels/requantize/arm_neon_requantize.h"
#include "liteforge/kernels/requantize/requantize_rows.h"

namespace liteforge::kernels {
namespace {

template <ConvRounding kRounding>
void RequantizeRow(const int32_t* acc, int n, const RequantizeRowParams& p, int32_t* out) {
  const int32x4_t offset = vdupq_n_s32(p.output_offset);
  const int32x4_t lo = vdupq_n_s32(p.act_min);
  const int32x4_t hi = vdupq_n_s32(p.act_max);
  const int32x4_t zero = vdupq_n_s32(0);
  const auto step = [&](const int32_t* a, const int32_t* m, const int32_t* e, int32_t* o) {
    const int32x4_t exponent = vld1q_s32(e);
    const int32x4_t left = vmaxq_s32(exponent, zero);
    const int32x4_t negated_right = vminq_s32(exponent, zero);
    vst1q_s32(o, neon::Requantize<kRounding>(vld1q_s32(a), vld1q_s32(m), left, negated_right,
                                             offset, lo, hi));
  };
  int i = 0;
  for (; i + 4 <= n; i += 4) step(acc + i, p.multipliers + i, p.exponents + i, out + i);
  if (i == n) return;
  const size_t rest = static_cast<size_t>(n - i) * sizeof(int32_t);
  int32_t a[4] = {}, m[4] = {}, e[4] = {}, o[4];
  std::memcpy(a, acc + i, rest);
  std::memcpy(m, p.multipliers + i, rest);
  std::memcpy(e, p.exponents + i, rest);
  step(a, m, e, o);
  std::memcpy(out + i, o, rest);
}

}  // namespace

void qs32_requantize__neon(const int32_t* acc, int n, const RequantizeRowParams& p, int32_t* out) {
  if (p.rounding == ConvRounding::kDoubleRoundingTiesUp) {
    RequantizeRow<ConvRounding::kDoubleRoundingTiesUp>(acc, n, p, out);
  } else {
    RequantizeRow<ConvRounding::kDoubleRounding>(acc, n, p, out);
  }
}

}  // namespace liteforge::kernels
