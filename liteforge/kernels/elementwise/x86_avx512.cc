// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 elementwise variants (elementwise_variants.h): 8-bit quantized ADD
// and MUL and float32 ADD and MUL with their activation clamp, 16 lanes of
// int32 or float per step and a masked tail, so there is no scalar
// remainder loop. Built with the AVX-512 flags; only called after
// CpuFeatures says the CPU has AVX-512 F/BW/VL/DQ.
//
// The quantized arithmetic is TFLite's, step for step, in 32-bit lanes:
//   SaturatingRoundingDoublingHighMul(x, m) = floor((x * m + 2^30) / 2^31)
// for every pair but (INT32_MIN, INT32_MIN), which cannot occur since the
// multipliers are non-negative; the rounding divide by 2^e rounds ties away
// from zero as RoundingDivideByPOT does.

#if defined(__x86_64__)

#include <immintrin.h>

#include <cstdint>
#include <type_traits>

#include "liteforge/kernels/elementwise/elementwise_variants.h"

namespace liteforge::kernels::elementwise {
namespace {

inline __mmask16 TailMask(size_t remaining) {
  return remaining >= 16 ? static_cast<__mmask16>(0xFFFF)
                         : static_cast<__mmask16>((1u << remaining) - 1);
}

// Up to 16 bytes widened to int32 lanes (masked-off lanes read nothing).
template <typename T>
inline __m512i LoadBytes(const T* p, __mmask16 m) {
  const __m128i bytes = _mm_maskz_loadu_epi8(m, p);
  if constexpr (std::is_signed_v<T>) {
    return _mm512_cvtepi8_epi32(bytes);
  } else {
    return _mm512_cvtepu8_epi32(bytes);
  }
}

// Lanes already clamped to T's range, so truncating to a byte is exact.
template <typename T>
inline void StoreBytes(T* p, __mmask16 m, __m512i v) {
  _mm_mask_storeu_epi8(p, m, _mm512_cvtepi32_epi8(v));
}

// RoundingDivideByPOT by one exponent for all lanes.
struct RoundingShift {
  __m512i mask;       // 2^e - 1
  __m512i half_mask;  // mask >> 1
  __m128i count;

  explicit RoundingShift(int exponent) {
    const int32_t m = static_cast<int32_t>((int64_t{1} << exponent) - 1);
    mask = _mm512_set1_epi32(m);
    half_mask = _mm512_set1_epi32(m >> 1);
    count = _mm_cvtsi32_si128(exponent);
  }

  __m512i Apply(__m512i x) const {
    const __m512i remainder = _mm512_and_si512(x, mask);
    // The threshold is one higher for negative x: ties go away from zero.
    const __m512i threshold = _mm512_add_epi32(half_mask, _mm512_srli_epi32(x, 31));
    const __mmask16 up = _mm512_cmpgt_epi32_mask(remainder, threshold);
    const __m512i q = _mm512_sra_epi32(x, count);
    return _mm512_mask_sub_epi32(q, up, q, _mm512_set1_epi32(-1));
  }
};

// floor((x * m + 2^30) / 2^31) per lane, m the same in every lane. The
// 64-bit products of even and odd lanes are shifted so that bits 31..62
// land in the lane's own 32 bits.
inline __m512i HighMul(__m512i x, __m512i m) {
  const __m512i nudge = _mm512_set1_epi64(int64_t{1} << 30);
  const __m512i even = _mm512_add_epi64(_mm512_mul_epi32(x, m), nudge);
  const __m512i odd = _mm512_add_epi64(_mm512_mul_epi32(_mm512_srli_epi64(x, 32), m), nudge);
  return _mm512_mask_blend_epi32(static_cast<__mmask16>(0xAAAA), _mm512_srli_epi64(even, 31),
                                 _mm512_slli_epi64(odd, 1));
}

// One input of ADD: ScaleBelowOne((x + offset) << 20, m, e). With
// x' = x + offset in [-255, 255] the high multiply of x' * 2^20 by m is
// floor((x' * m + 2^10) / 2^11); splitting m = hi * 2^11 + lo keeps every
// product within 32 bits: x' * hi + floor((x' * lo + 2^10) / 2^11).
struct AddInputStage {
  __m512i offset, hi, lo;
  RoundingShift shift;

  AddInputStage(int32_t input_offset, int32_t multiplier, int exponent)
      : offset(_mm512_set1_epi32(input_offset)),
        hi(_mm512_set1_epi32(multiplier >> 11)),
        lo(_mm512_set1_epi32(multiplier & 0x7FF)),
        shift(-exponent) {}

  __m512i Apply(__m512i x) const {
    const __m512i centered = _mm512_add_epi32(x, offset);
    const __m512i high = _mm512_mullo_epi32(centered, hi);
    const __m512i low = _mm512_srai_epi32(
        _mm512_add_epi32(_mm512_mullo_epi32(centered, lo), _mm512_set1_epi32(1 << 10)), 11);
    return shift.Apply(_mm512_add_epi32(high, low));
  }
};

// The shared tail of both ops: scale by the output multiplier, add the
// output zero point, clamp to the activation range.
struct OutputStage {
  __m128i left;  // MUL may scale up first; ADD's exponent is <= 0
  __m512i multiplier;
  RoundingShift right;
  __m512i offset, lo, hi;

  OutputStage(int32_t m, int exponent, int32_t output_offset, int32_t act_min, int32_t act_max)
      : left(_mm_cvtsi32_si128(exponent > 0 ? exponent : 0)),
        multiplier(_mm512_set1_epi32(m)),
        right(exponent > 0 ? 0 : -exponent),
        offset(_mm512_set1_epi32(output_offset)),
        lo(_mm512_set1_epi32(act_min)),
        hi(_mm512_set1_epi32(act_max)) {}

  __m512i Apply(__m512i x) const {
    const __m512i scaled = right.Apply(HighMul(_mm512_sll_epi32(x, left), multiplier));
    return _mm512_min_epi32(_mm512_max_epi32(_mm512_add_epi32(scaled, offset), lo), hi);
  }
};

template <typename T>
void QuantAddRows(size_t n, const T* a, const T* b, T* out, const QuantAddParams& p) {
  const AddInputStage in1(p.input1_offset, p.input1_multiplier, p.input1_shift);
  const AddInputStage in2(p.input2_offset, p.input2_multiplier, p.input2_shift);
  const OutputStage stage(p.output_multiplier, p.output_shift, p.output_offset, p.act_min,
                          p.act_max);
  for (size_t i = 0; i < n; i += 16) {
    const __mmask16 m = TailMask(n - i);
    const __m512i sum = _mm512_add_epi32(in1.Apply(LoadBytes(a + i, m)),
                                         in2.Apply(LoadBytes(b + i, m)));
    StoreBytes(out + i, m, stage.Apply(sum));
  }
}

template <typename T>
void QuantAddScalar(size_t n, const T* a, const T* b, T* out, const QuantAddParams& p) {
  if (n == 0) return;  // b[0] may not exist
  const AddInputStage in1(p.input1_offset, p.input1_multiplier, p.input1_shift);
  const AddInputStage in2(p.input2_offset, p.input2_multiplier, p.input2_shift);
  const OutputStage stage(p.output_multiplier, p.output_shift, p.output_offset, p.act_min,
                          p.act_max);
  // b's rescaled value is the same for every element.
  const __m512i vb = in2.Apply(_mm512_set1_epi32(static_cast<int32_t>(b[0])));
  for (size_t i = 0; i < n; i += 16) {
    const __mmask16 m = TailMask(n - i);
    const __m512i sum = _mm512_add_epi32(in1.Apply(LoadBytes(a + i, m)), vb);
    StoreBytes(out + i, m, stage.Apply(sum));
  }
}

template <typename T>
void QuantMulRows(size_t n, const T* a, const T* b, T* out, const QuantMulParams& p) {
  const __m512i off1 = _mm512_set1_epi32(p.input1_offset);
  const __m512i off2 = _mm512_set1_epi32(p.input2_offset);
  const OutputStage stage(p.output_multiplier, p.output_shift, p.output_offset, p.act_min,
                          p.act_max);
  for (size_t i = 0; i < n; i += 16) {
    const __mmask16 m = TailMask(n - i);
    const __m512i x = _mm512_add_epi32(LoadBytes(a + i, m), off1);
    const __m512i y = _mm512_add_epi32(LoadBytes(b + i, m), off2);
    StoreBytes(out + i, m, stage.Apply(_mm512_mullo_epi32(x, y)));
  }
}

template <typename T>
void QuantMulScalar(size_t n, const T* a, const T* b, T* out, const QuantMulParams& p) {
  if (n == 0) return;  // b[0] may not exist
  const __m512i off1 = _mm512_set1_epi32(p.input1_offset);
  const __m512i y = _mm512_set1_epi32(static_cast<int32_t>(b[0]) + p.input2_offset);
  const OutputStage stage(p.output_multiplier, p.output_shift, p.output_offset, p.act_min,
                          p.act_max);
  for (size_t i = 0; i < n; i += 16) {
    const __mmask16 m = TailMask(n - i);
    const __m512i x = _mm512_add_epi32(LoadBytes(a + i, m), off1);
    StoreBytes(out + i, m, stage.Apply(_mm512_mullo_epi32(x, y)));
  }
}

// min(max(v, lo), hi) as std::min/std::max evaluate it: max/min return
// their second operand when either is NaN, so a NaN sum stays NaN.
inline __m512 Clamp(__m512 v, __m512 lo, __m512 hi) {
  const __mmask16 all = static_cast<__mmask16>(0xFFFF);
  const __m512 bounded_below = _mm512_mask_max_ps(v, all, lo, v);
  return _mm512_mask_min_ps(bounded_below, all, hi, bounded_below);
}

template <bool kMul, bool kScalar>
void F32Arith(size_t n, const float* a, const float* b, float* out, const Bounds<float>& p) {
  if (n == 0) return;  // b[0] may not exist
  const __m512 lo = _mm512_set1_ps(p.lo);
  const __m512 hi = _mm512_set1_ps(p.hi);
  const __m512 scalar = _mm512_set1_ps(b[0]);
  for (size_t i = 0; i < n; i += 16) {
    const __mmask16 m = TailMask(n - i);
    const __m512 x = _mm512_maskz_loadu_ps(m, a + i);
    const __m512 y = kScalar ? scalar : _mm512_maskz_loadu_ps(m, b + i);
    const __m512 r = kMul ? _mm512_mul_ps(x, y) : _mm512_add_ps(x, y);
    _mm512_mask_storeu_ps(out + i, m, Clamp(r, lo, hi));
  }
}

}  // namespace

void qs8_add__avx512(size_t n, const int8_t* a, const int8_t* b, int8_t* out,
                     const QuantAddParams& p) {
  QuantAddRows(n, a, b, out, p);
}
void qs8_addc__avx512(size_t n, const int8_t* a, const int8_t* b, int8_t* out,
                      const QuantAddParams& p) {
  QuantAddScalar(n, a, b, out, p);
}
void qu8_add__avx512(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* out,
                     const QuantAddParams& p) {
  QuantAddRows(n, a, b, out, p);
}
void qu8_addc__avx512(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* out,
                      const QuantAddParams& p) {
  QuantAddScalar(n, a, b, out, p);
}

void qs8_mul__avx512(size_t n, const int8_t* a, const int8_t* b, int8_t* out,
                     const QuantMulParams& p) {
  QuantMulRows(n, a, b, out, p);
}
void qs8_mulc__avx512(size_t n, const int8_t* a, const int8_t* b, int8_t* out,
                      const QuantMulParams& p) {
  QuantMulScalar(n, a, b, out, p);
}
void qu8_mul__avx512(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* out,
                     const QuantMulParams& p) {
  QuantMulRows(n, a, b, out, p);
}
void qu8_mulc__avx512(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* out,
                      const QuantMulParams& p) {
  QuantMulScalar(n, a, b, out, p);
}

void f32_add_minmax__avx512(size_t n, const float* a, const float* b, float* out,
                            const Bounds<float>& p) {
  F32Arith<false, false>(n, a, b, out, p);
}
void f32_addc_minmax__avx512(size_t n, const float* a, const float* b, float* out,
                             const Bounds<float>& p) {
  F32Arith<false, true>(n, a, b, out, p);
}
void f32_mul_minmax__avx512(size_t n, const float* a, const float* b, float* out,
                            const Bounds<float>& p) {
  F32Arith<true, false>(n, a, b, out, p);
}
void f32_mulc_minmax__avx512(size_t n, const float* a, const float* b, float* out,
                             const Bounds<float>& p) {
  F32Arith<true, true>(n, a, b, out, p);
}

}  // namespace liteforge::kernels::elementwise

#endif  // defined(__x86_64__)
