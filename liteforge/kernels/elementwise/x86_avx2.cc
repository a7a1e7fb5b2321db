// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 elementwise variants (elementwise_variants.h): the AVX-512 file's
// arithmetic (x86_avx512.cc explains why it is exact) on 8 lanes. AVX2 has
// no masked loads for bytes, so a tail of fewer than 8 elements is copied
// into a small buffer, run through the same vector step, and copied back.
// Built with the AVX2 flags; only called after CpuFeatures says the CPU has
// AVX2 and FMA.

#if defined(__x86_64__)

#include <immintrin.h>

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "liteforge/kernels/elementwise/elementwise_variants.h"

namespace liteforge::kernels::elementwise {
namespace {

constexpr size_t kLanes = 8;

template <typename T>
inline __m256i LoadBytes(const T* p) {
  const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
  if constexpr (std::is_signed_v<T>) {
    return _mm256_cvtepi8_epi32(bytes);
  } else {
    return _mm256_cvtepu8_epi32(bytes);
  }
}

// Lanes already clamped to T's range, so the saturating packs are exact.
template <typename T>
inline void StoreBytes(T* p, __m256i v) {
  const __m128i words =
      _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  const __m128i bytes =
      std::is_signed_v<T> ? _mm_packs_epi16(words, words) : _mm_packus_epi16(words, words);
  _mm_storel_epi64(reinterpret_cast<__m128i*>(p), bytes);
}

struct RoundingShift {
  __m256i mask;       // 2^e - 1
  __m256i half_mask;  // mask >> 1
  __m128i count;

  explicit RoundingShift(int exponent) {
    const int32_t m = static_cast<int32_t>((int64_t{1} << exponent) - 1);
    mask = _mm256_set1_epi32(m);
    half_mask = _mm256_set1_epi32(m >> 1);
    count = _mm_cvtsi32_si128(exponent);
  }

  __m256i Apply(__m256i x) const {
    const __m256i remainder = _mm256_and_si256(x, mask);
    const __m256i threshold = _mm256_add_epi32(half_mask, _mm256_srli_epi32(x, 31));
    const __m256i up = _mm256_cmpgt_epi32(remainder, threshold);  // -1 where rounding up
    return _mm256_sub_epi32(_mm256_sra_epi32(x, count), up);
  }
};

inline __m256i HighMul(__m256i x, __m256i m) {
  const __m256i nudge = _mm256_set1_epi64x(int64_t{1} << 30);
  const __m256i even = _mm256_add_epi64(_mm256_mul_epi32(x, m), nudge);
  const __m256i odd = _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), m), nudge);
  return _mm256_blend_epi32(_mm256_srli_epi64(even, 31), _mm256_slli_epi64(odd, 1), 0xAA);
}

struct AddInputStage {
  __m256i offset, hi, lo;
  RoundingShift shift;

  AddInputStage(int32_t input_offset, int32_t multiplier, int exponent)
      : offset(_mm256_set1_epi32(input_offset)),
        hi(_mm256_set1_epi32(multiplier >> 11)),
        lo(_mm256_set1_epi32(multiplier & 0x7FF)),
        shift(-exponent) {}

  __m256i Apply(__m256i x) const {
    const __m256i centered = _mm256_add_epi32(x, offset);
    const __m256i high = _mm256_mullo_epi32(centered, hi);
    const __m256i low = _mm256_srai_epi32(
        _mm256_add_epi32(_mm256_mullo_epi32(centered, lo), _mm256_set1_epi32(1 << 10)), 11);
    return shift.Apply(_mm256_add_epi32(high, low));
  }
};

struct OutputStage {
  __m128i left;
  __m256i multiplier;
  RoundingShift right;
  __m256i offset, lo, hi;

  OutputStage(int32_t m, int exponent, int32_t output_offset, int32_t act_min, int32_t act_max)
      : left(_mm_cvtsi32_si128(exponent > 0 ? exponent : 0)),
        multiplier(_mm256_set1_epi32(m)),
        right(exponent > 0 ? 0 : -exponent),
        offset(_mm256_set1_epi32(output_offset)),
        lo(_mm256_set1_epi32(act_min)),
        hi(_mm256_set1_epi32(act_max)) {}

  __m256i Apply(__m256i x) const {
    const __m256i scaled = right.Apply(HighMul(_mm256_sll_epi32(x, left), multiplier));
    return _mm256_min_epi32(_mm256_max_epi32(_mm256_add_epi32(scaled, offset), lo), hi);
  }
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
  const __m256i vb = in2.Apply(_mm256_set1_epi32(static_cast<int32_t>(b[0])));
  ForEachGroup<kScalar>(n, a, b, out, [&](const T* pa, const T* pb, T* po) {
    const __m256i y = kScalar ? vb : in2.Apply(LoadBytes(pb));
    StoreBytes(po, stage.Apply(_mm256_add_epi32(in1.Apply(LoadBytes(pa)), y)));
  });
}

template <typename T, bool kScalar>
void QuantMul(size_t n, const T* a, const T* b, T* out, const QuantMulParams& p) {
  if (n == 0) return;  // b[0] may not exist
  const __m256i off1 = _mm256_set1_epi32(p.input1_offset);
  const __m256i off2 = _mm256_set1_epi32(p.input2_offset);
  const __m256i vb = _mm256_set1_epi32(static_cast<int32_t>(b[0]) + p.input2_offset);
  const OutputStage stage(p.output_multiplier, p.output_shift, p.output_offset, p.act_min,
                          p.act_max);
  ForEachGroup<kScalar>(n, a, b, out, [&](const T* pa, const T* pb, T* po) {
    const __m256i x = _mm256_add_epi32(LoadBytes(pa), off1);
    const __m256i y = kScalar ? vb : _mm256_add_epi32(LoadBytes(pb), off2);
    StoreBytes(po, stage.Apply(_mm256_mullo_epi32(x, y)));
  });
}

// min(max(v, lo), hi) with std::min/std::max's NaN behaviour: the
// instructions return their second operand when either is NaN.
inline __m256 Clamp(__m256 v, __m256 lo, __m256 hi) {
  return _mm256_min_ps(hi, _mm256_max_ps(lo, v));
}

template <bool kMul, bool kScalar>
void F32Arith(size_t n, const float* a, const float* b, float* out, const Bounds<float>& p) {
  if (n == 0) return;  // b[0] may not exist
  const __m256 lo = _mm256_set1_ps(p.lo);
  const __m256 hi = _mm256_set1_ps(p.hi);
  const __m256 scalar = _mm256_set1_ps(b[0]);
  ForEachGroup<kScalar>(n, a, b, out, [&](const float* pa, const float* pb, float* po) {
    const __m256 x = _mm256_loadu_ps(pa);
    const __m256 y = kScalar ? scalar : _mm256_loadu_ps(pb);
    const __m256 r = kMul ? _mm256_mul_ps(x, y) : _mm256_add_ps(x, y);
    _mm256_storeu_ps(po, Clamp(r, lo, hi));
  });
}

}  // namespace

void qs8_add__avx2(size_t n, const int8_t* a, const int8_t* b, int8_t* out,
                   const QuantAddParams& p) {
  QuantAdd<int8_t, false>(n, a, b, out, p);
}
void qs8_addc__avx2(size_t n, const int8_t* a, const int8_t* b, int8_t* out,
                    const QuantAddParams& p) {
  QuantAdd<int8_t, true>(n, a, b, out, p);
}
void qu8_add__avx2(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* out,
                   const QuantAddParams& p) {
  QuantAdd<uint8_t, false>(n, a, b, out, p);
}
void qu8_addc__avx2(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* out,
                    const QuantAddParams& p) {
  QuantAdd<uint8_t, true>(n, a, b, out, p);
}

void qs8_mul__avx2(size_t n, const int8_t* a, const int8_t* b, int8_t* out,
                   const QuantMulParams& p) {
  QuantMul<int8_t, false>(n, a, b, out, p);
}
void qs8_mulc__avx2(size_t n, const int8_t* a, const int8_t* b, int8_t* out,
                    const QuantMulParams& p) {
  QuantMul<int8_t, true>(n, a, b, out, p);
}
void qu8_mul__avx2(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* out,
                   const QuantMulParams& p) {
  QuantMul<uint8_t, false>(n, a, b, out, p);
}
void qu8_mulc__avx2(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* out,
                    const QuantMulParams& p) {
  QuantMul<uint8_t, true>(n, a, b, out, p);
}

void f32_add_minmax__avx2(size_t n, const float* a, const float* b, float* out,
                          const Bounds<float>& p) {
  F32Arith<false, false>(n, a, b, out, p);
}
void f32_addc_minmax__avx2(size_t n, const float* a, const float* b, float* out,
                           const Bounds<float>& p) {
  F32Arith<false, true>(n, a, b, out, p);
}
void f32_mul_minmax__avx2(size_t n, const float* a, const float* b, float* out,
                          const Bounds<float>& p) {
  F32Arith<true, false>(n, a, b, out, p);
}
void f32_mulc_minmax__avx2(size_t n, const float* a, const float* b, float* out,
                           const Bounds<float>& p) {
  F32Arith<true, true>(n, a, b, out, p);
}

}  // namespace liteforge::kernels::elementwise

#endif  // defined(__x86_64__)
