// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEON elementwise variants (elementwise_variants.h): 8-bit quantized ADD
// and MUL and float32 ADD and MUL with their activation clamp, 8 elements
// per step; a tail of fewer than 8 is copied into a small buffer, run
// through the same step and copied back.
//
// The quantized arithmetic is TFLite's, step for step, in 32-bit lanes,
// with the instructions arm_neon_requantize.h explains: SQRDMULH is
// SaturatingRoundingDoublingHighMul exactly, and SRSHL after subtracting
// one from negative values is RoundingDivideByPOT (ties away from zero).
// ADD's input stage is ScaleBelowOne((x + offset) << 20, m, e) with
// e <= 0 (QuantAddVectorizable): x + offset is within +-255, so the shift
// cannot overflow.
//
// The float clamp is compare-and-select in std::max / std::min's form
// (FMAX/FMIN differ on signed zeros and NaN), so results are bit-exact.

#include <arm_neon.h>

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "liteforge/kernels/elementwise/elementwise_variants.h"
#include "liteforge/kernels/requantize/arm_neon_requantize.h"

namespace liteforge::kernels::elementwise {
namespace {

constexpr size_t kLanes = 8;

// Eight int32 lanes: the unit of the quantized steps.
struct I32x8 {
  int32x4_t lo, hi;
};

template <typename T>
inline I32x8 LoadBytes(const T* p) {
  int16x8_t w;
  if constexpr (std::is_signed_v<T>) {
    w = vmovl_s8(vld1_s8(p));
  } else {
    w = vreinterpretq_s16_u16(vmovl_u8(vld1_u8(p)));
  }
  return {vmovl_s16(vget_low_s16(w)), vmovl_high_s16(w)};
}

// Lanes already clamped to T's range, so narrowing keeps the value.
template <typename T>
inline void StoreBytes(T* p, I32x8 v) {
  const int8x8_t bytes = vmovn_s16(vmovn_high_s32(vmovn_s32(v.lo), v.hi));
  vst1_s8(reinterpret_cast<int8_t*>(p), bytes);
}

// RoundingDivideByPOT by one exponent (in [0, 31]) for every lane.
struct RoundingShift {
  int32x4_t negated;  // -exponent

  explicit RoundingShift(int exponent) : negated(vdupq_n_s32(-exponent)) {}

  int32x4_t Apply(int32x4_t x) const { return neon::RoundingDivideByPOT(x, negated); }
};

struct AddInputStage {
  int32x4_t offset, multiplier;
  RoundingShift shift;

  AddInputStage(int32_t input_offset, int32_t m, int exponent)
      : offset(vdupq_n_s32(input_offset)), multiplier(vdupq_n_s32(m)), shift(-exponent) {}

  int32x4_t Apply(int32x4_t x) const {
    const int32x4_t shifted = vshlq_n_s32(vaddq_s32(x, offset), 20);
    return shift.Apply(vqrdmulhq_s32(shifted, multiplier));
  }
  I32x8 Apply(I32x8 x) const { return {Apply(x.lo), Apply(x.hi)}; }
};

// Scale by the output multiplier, add the output zero point, clamp.
struct OutputStage {
  int32x4_t left;  // MUL may scale up first; ADD's exponent is <= 0
  int32x4_t multiplier;
  RoundingShift right;
  int32x4_t offset, lo, hi;

  OutputStage(int32_t m, int exponent, int32_t output_offset, int32_t act_min, int32_t act_max)
      : left(vdupq_n_s32(exponent > 0 ? exponent : 0)),
        multiplier(vdupq_n_s32(m)),
        right(exponent > 0 ? 0 : -exponent),
        offset(vdupq_n_s32(output_offset)),
        lo(vdupq_n_s32(act_min)),
        hi(vdupq_n_s32(act_max)) {}

  int32x4_t Apply(int32x4_t x) const {
    // SSHL by a non-negative count: a wrapping left shift.
    const int32x4_t scaled = right.Apply(vqrdmulhq_s32(vshlq_s32(x, left), multiplier));
    return vminq_s32(vmaxq_s32(vaddq_s32(scaled, offset), lo), hi);
  }
  I32x8 Apply(I32x8 x) const { return {Apply(x.lo), Apply(x.hi)}; }
};

// Runs step(a, b, out) over full groups of 8, then once more on a padded
// copy of the tail. `b` is not advanced when kScalarB (one element).
template <bool kScalarB, typename T, typename O, typename Step>
void ForEachGroup(size_t n, const T* a, const T* b, O* out, Step step) {
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) step(a + i, kScalarB ? b : b + i, out + i);
  if (i == n) return;
  const size_t rest = n - i;
  T a_tail[kLanes] = {};
  T b_tail[kLanes] = {};
  O out_tail[kLanes];
  std::memcpy(a_tail, a + i, rest * sizeof(T));
  if (!kScalarB) std::memcpy(b_tail, b + i, rest * sizeof(T));
  step(a_tail, kScalarB ? b : b_tail, out_tail);
  std::memcpy(out + i, out_tail, rest * sizeof(O));
}

template <typename T, bool kScalar>
void QuantAdd(size_t n, const T* a, const T* b, T* out, const QuantAddParams& p) {
  if (n == 0) return;  // b[0] may not exist
  const AddInputStage in1(p.input1_offset, p.input1_multiplier, p.input1_shift);
  const AddInputStage in2(p.input2_offset, p.input2_multiplier, p.input2_shift);
  const OutputStage stage(p.output_multiplier, p.output_shift, p.output_offset, p.act_min,
                          p.act_max);
  // A scalar b is rescaled once.
  const int32x4_t vb = in2.Apply(vdupq_n_s32(static_cast<int32_t>(b[0])));
  ForEachGroup<kScalar>(n, a, b, out, [&](const T* pa, const T* pb, T* po) {
    const I32x8 x = in1.Apply(LoadBytes(pa));
    const I32x8 y = kScalar ? I32x8{vb, vb} : in2.Apply(LoadBytes(pb));
    StoreBytes(po, stage.Apply(I32x8{vaddq_s32(x.lo, y.lo), vaddq_s32(x.hi, y.hi)}));
  });
}

template <typename T, bool kScalar>
void QuantMul(size_t n, const T* a, const T* b, T* out, const QuantMulParams& p) {
  if (n == 0) return;  // b[0] may not exist
  const int32x4_t off1 = vdupq_n_s32(p.input1_offset);
  const int32x4_t off2 = vdupq_n_s32(p.input2_offset);
  const int32x4_t vb = vdupq_n_s32(static_cast<int32_t>(b[0]) + p.input2_offset);
  const OutputStage stage(p.output_multiplier, p.output_shift, p.output_offset, p.act_min,
                          p.act_max);
  ForEachGroup<kScalar>(n, a, b, out, [&](const T* pa, const T* pb, T* po) {
    const I32x8 xa = LoadBytes(pa);
    I32x8 y{vb, vb};
    if (!kScalar) {
      const I32x8 xb = LoadBytes(pb);
      y = {vaddq_s32(xb.lo, off2), vaddq_s32(xb.hi, off2)};
    }
    // Offsets within +-255 (QuantMulVectorizable): the product fits int32.
    const I32x8 product{vmulq_s32(vaddq_s32(xa.lo, off1), y.lo),
                        vmulq_s32(vaddq_s32(xa.hi, off1), y.hi)};
    StoreBytes(po, stage.Apply(product));
  });
}

// std::min(std::max(v, lo), hi): std::max(v, lo) = v < lo ? lo : v and
// std::min(m, hi) = hi < m ? hi : m. A NaN v compares false both times.
inline float32x4_t Clamp(float32x4_t v, float32x4_t lo, float32x4_t hi) {
  const float32x4_t m = vbslq_f32(vcltq_f32(v, lo), lo, v);
  return vbslq_f32(vcltq_f32(hi, m), hi, m);
}

template <bool kMul, bool kScalar>
void F32Arith(size_t n, const float* a, const float* b, float* out, const Bounds<float>& p) {
  if (n == 0) return;  // b[0] may not exist
  const float32x4_t lo = vdupq_n_f32(p.lo);
  const float32x4_t hi = vdupq_n_f32(p.hi);
  const float32x4_t scalar = vdupq_n_f32(b[0]);
  ForEachGroup<kScalar>(n, a, b, out, [&](const float* pa, const float* pb, float* po) {
    for (int half = 0; half < 2; ++half) {
      const float32x4_t x = vld1q_f32(pa + 4 * half);
      const float32x4_t y = kScalar ? scalar : vld1q_f32(pb + 4 * half);
      const float32x4_t r = kMul ? vmulq_f32(x, y) : vaddq_f32(x, y);
      vst1q_f32(po + 4 * half, Clamp(r, lo, hi));
    }
  });
}

}  // namespace

void qs8_add__neon(size_t n, const int8_t* a, const int8_t* b, int8_t* out,
                   const QuantAddParams& p) {
  QuantAdd<int8_t, false>(n, a, b, out, p);
}
void qs8_addc__neon(size_t n, const int8_t* a, const int8_t* b, int8_t* out,
                    const QuantAddParams& p) {
  QuantAdd<int8_t, true>(n, a, b, out, p);
}
void qu8_add__neon(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* out,
                   const QuantAddParams& p) {
  QuantAdd<uint8_t, false>(n, a, b, out, p);
}
void qu8_addc__neon(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* out,
                    const QuantAddParams& p) {
  QuantAdd<uint8_t, true>(n, a, b, out, p);
}

void qs8_mul__neon(size_t n, const int8_t* a, const int8_t* b, int8_t* out,
                   const QuantMulParams& p) {
  QuantMul<int8_t, false>(n, a, b, out, p);
}
void qs8_mulc__neon(size_t n, const int8_t* a, const int8_t* b, int8_t* out,
                    const QuantMulParams& p) {
  QuantMul<int8_t, true>(n, a, b, out, p);
}
void qu8_mul__neon(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* out,
                   const QuantMulParams& p) {
  QuantMul<uint8_t, false>(n, a, b, out, p);
}
void qu8_mulc__neon(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* out,
                    const QuantMulParams& p) {
  QuantMul<uint8_t, true>(n, a, b, out, p);
}

void f32_add_minmax__neon(size_t n, const float* a, const float* b, float* out,
                          const Bounds<float>& p) {
  F32Arith<false, false>(n, a, b, out, p);
}
void f32_addc_minmax__neon(size_t n, const float* a, const float* b, float* out,
                           const Bounds<float>& p) {
  F32Arith<false, true>(n, a, b, out, p);
}
void f32_mul_minmax__neon(size_t n, const float* a, const float* b, float* out,
                          const Bounds<float>& p) {
  F32Arith<true, false>(n, a, b, out, p);
}
void f32_mulc_minmax__neon(size_t n, const float* a, const float* b, float* out,
                           const Bounds<float>& p) {
  F32Arith<true, true>(n, a, b, out, p);
}

}  // namespace liteforge::kernels::elementwise
