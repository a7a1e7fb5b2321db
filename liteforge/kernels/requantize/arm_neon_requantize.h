// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEON output stages for the quantized kernels: 4 int32 accumulators scaled
// by per-lane fixed-point multipliers, bit-exact with the scalar ConvScale
// (liteforge/kernels/conv/requantize.h) for both rounding rules. Included
// only by arm_*.cc files.
//
// AArch64 has the two building blocks as single instructions:
//   SQRDMULH(a, m) = saturate(floor((2 * a * m + 2^31) / 2^32))
//                  = floor((a * m + 2^30) / 2^31)
// which is TFLite's SaturatingRoundingDoublingHighMul for every pair: the
// scalar form's nudge of 1 - 2^30 for a negative product, then truncation
// towards zero, is the same floor (see x86_avx2_requantize.h), and both
// saturate only INT32_MIN * INT32_MIN, to INT32_MAX.
//   SRSHL(x, -r)   = floor((x + 2^(r-1)) / 2^r), computed without overflow
// which is ruy's final rounding shift (ties towards +infinity) exactly.
// TFLite's reference rule (ties away from zero) is the same shift of x - 1
// for negative x and r > 0: subtracting one moves an exact negative tie
// below the halfway point and changes nothing else (saturating, so
// INT32_MIN, which has no tie, stays put).
//
// Shifts come per lane as a left shift in [0, 31] and a right shift in
// [0, 31] (LeftShiftOf / RightShiftOf, shift_split.h); callers keep the
// scalar path where RequantizeParamsSupported says no.
//
// Everything is in an anonymous namespace: arm_neon.cc and arm_neondot.cc
// compile with different -march flags, and no inline copy may be shared
// (merged by the linker) between them.

#pragma once

#include <arm_neon.h>

#include <cstdint>

#include "liteforge/kernels/conv/requantize.h"

namespace liteforge::kernels::neon {
namespace {

// x / 2^right rounded to nearest, ties away from zero (RoundingDivideByPOT).
// `negated_right` holds -right per lane.
inline int32x4_t RoundingDivideByPOT(int32x4_t x, int32x4_t negated_right) {
  // -1 where x < 0 and right > 0 (both sign bits set), else 0.
  const int32x4_t fixup = vshrq_n_s32(vandq_s32(x, negated_right), 31);
  return vrshlq_s32(vqaddq_s32(x, fixup), negated_right);
}

// acc * multiplier * 2^(left - right - 31), rounded per kRounding.
template <ConvRounding kRounding>
inline int32x4_t Scale(int32x4_t acc, int32x4_t multiplier, int32x4_t left,
                       int32x4_t negated_right) {
  // SSHL by a non-negative count: a wrapping left shift, as ConvScale's.
  const int32x4_t high = vqrdmulhq_s32(vshlq_s32(acc, left), multiplier);
  if constexpr (kRounding == ConvRounding::kDoubleRoundingTiesUp) {
    return vrshlq_s32(high, negated_right);
  } else {
    return RoundingDivideByPOT(high, negated_right);
  }
}

// Scale, add the output zero point (wrapping) and clamp to [act_min, act_max].
template <ConvRounding kRounding>
inline int32x4_t Requantize(int32x4_t acc, int32x4_t multiplier, int32x4_t left,
                            int32x4_t negated_right, int32x4_t output_offset, int32x4_t act_min,
                            int32x4_t act_max) {
  const int32x4_t v = vaddq_s32(Scale<kRounding>(acc, multiplier, left, negated_right),
                                output_offset);
  return vminq_s32(vmaxq_s32(v, act_min), act_max);
}

// Four int32x4 vectors already clamped to the 8-bit range, as 16 bytes in
// lane order (narrowing keeps the low byte, the reference's cast).
inline uint8x16_t NarrowToBytes(int32x4_t a, int32x4_t b, int32x4_t c, int32x4_t d) {
  const int16x8_t ab = vmovn_high_s32(vmovn_s32(a), b);
  const int16x8_t cd = vmovn_high_s32(vmovn_s32(c), d);
  return vreinterpretq_u8_s8(vmovn_high_s16(vmovn_s16(ab), cd));
}

// Two vectors as 8 bytes.
inline uint8x8_t NarrowToBytes(int32x4_t a, int32x4_t b) {
  return vreinterpret_u8_s8(vmovn_s16(vmovn_high_s32(vmovn_s32(a), b)));
}

}  // namespace
}  // namespace liteforge::kernels::neon
