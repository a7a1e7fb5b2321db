// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 SOFTMAX / LOG_SOFTMAX variants (softmax_variants.h), 16 float
// lanes per step along a row; the last partial step of a row runs the same
// code under a lane mask (masked loads never touch memory past the row).
//
// 8-bit kernels: the row maximum runs 64 bytes per step; the scalar sum
// pass keeps the table entries it loads (up to kStagedEntries), and the
// final step reads 16 of them per step, gathering by index 255 - max + x
// past that (lanes past the row are loaded as the maximum, index 255, so
// every gathered address is inside the table), then applies the
// reference's float operations lane by lane.

// GCC 12 builds some AVX-512 intrinsics (_mm512_shuffle_*, 512 -> 256-bit
// casts) on its own `__Y = __Y` "undefined vector" idiom, which
// -Wuninitialized reports once inlined here (the build already silences the
// maybe-uninitialized form on ISA files, cmake/LiteforgeHelpers.cmake).
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "liteforge/kernels/softmax/exp_polynomial.h"
#include "liteforge/kernels/softmax/softmax_variants.h"

namespace liteforge::kernels {
namespace {

constexpr int kLanes = 16;
// Float bound applied before float -> int32 conversions: it leaves every
// result the final clamp to 8/16 bits can tell apart unchanged and keeps
// the conversion inside int32.
constexpr float kConvertBound = 16777216.0f;  // 2^24

// GCC contracts a separate multiply and add into one fused multiply-add
// under its default -ffp-contract=fast, also across intrinsics; the 8-bit
// kernels must round every product as the reference does. An empty asm
// that "modifies" the product is a point the compiler cannot fuse across.
inline __m512 Rounded(__m512 v) {
  asm("" : "+v"(v));
  return v;
}
inline float Rounded(float v) {
  asm("" : "+v"(v));
  return v;
}

inline __mmask16 FirstLanes(int n) { return static_cast<__mmask16>((1u << n) - 1u); }

// e^t lane-wise for t <= 0 (exp_polynomial.h); 0 below kSoftmaxExpMin, NaN
// stays NaN.
inline __m512 ExpNonPositive(__m512 t) {
  using namespace softmax_exp;
  const __m512 lo = _mm512_set1_ps(kSoftmaxExpMin);
  // VMAXPS returns its second operand when one is NaN: a NaN t is kept.
  const __m512 x = _mm512_max_ps(lo, t);
  const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(kLog2e)),
                                        _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(kLn2Hi), x);
  r = _mm512_fnmadd_ps(n, _mm512_set1_ps(kLn2Lo), r);
  __m512 p = _mm512_set1_ps(kPoly[7]);
  for (int k = 6; k >= 0; --k) p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(kPoly[k]));
  // 2^n for n in [-126, 0] from its exponent field.
  const __m512i bits =
      _mm512_slli_epi32(_mm512_add_epi32(_mm512_cvtps_epi32(n), _mm512_set1_epi32(127)), 23);
  const __m512 e = _mm512_mul_ps(p, _mm512_castsi512_ps(bits));
  // Keep lanes with t >= lo or NaN (unordered).
  return _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(t, lo, _CMP_NLT_UQ), e);
}

// Horizontal reductions through the low 256 bits.
inline __m256 HighHalf(__m512 v) {
  return _mm512_castps512_ps256(_mm512_shuffle_f32x4(v, v, 0x4E));
}

inline float ReduceMax(__m512 v) {
  const __m256 h = _mm256_max_ps(_mm512_castps512_ps256(v), HighHalf(v));
  __m128 a = _mm_max_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1));
  a = _mm_max_ps(a, _mm_movehl_ps(a, a));
  a = _mm_max_ps(a, _mm_movehdup_ps(a));
  return _mm_cvtss_f32(a);
}

inline float ReduceAdd(__m512 v) {
  const __m256 h = _mm256_add_ps(_mm512_castps512_ps256(v), HighHalf(v));
  __m128 a = _mm_add_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1));
  a = _mm_add_ps(a, _mm_movehl_ps(a, a));
  a = _mm_add_ss(a, _mm_movehdup_ps(a));
  return _mm_cvtss_f32(a);
}

float RowMax(const float* x, int depth) {
  __m512 acc = _mm512_set1_ps(-std::numeric_limits<float>::infinity());
  int c = 0;
  for (; c + kLanes <= depth; c += kLanes) acc = _mm512_max_ps(acc, _mm512_loadu_ps(x + c));
  if (c < depth) {
    const __mmask16 m = FirstLanes(depth - c);
    acc = _mm512_mask_max_ps(acc, m, acc, _mm512_maskz_loadu_ps(m, x + c));
  }
  return ReduceMax(acc);
}

// Sum of e^((x - max) * beta) over the row; the exponentials are stored in
// `y` when it is not null.
inline float ExpSum(const float* x, int depth, float max_value, float beta, bool scale_by_beta,
                    float* y) {
  const __m512 vmax = _mm512_set1_ps(max_value);
  const __m512 vbeta = _mm512_set1_ps(beta);
  __m512 acc0 = _mm512_setzero_ps();
  __m512 acc1 = _mm512_setzero_ps();
  auto arg = [&](__m512 v) {
    const __m512 d = _mm512_sub_ps(v, vmax);
    return scale_by_beta ? _mm512_mul_ps(d, vbeta) : d;
  };
  int c = 0;
  for (; c + 2 * kLanes <= depth; c += 2 * kLanes) {
    const __m512 e0 = ExpNonPositive(arg(_mm512_loadu_ps(x + c)));
    const __m512 e1 = ExpNonPositive(arg(_mm512_loadu_ps(x + c + kLanes)));
    if (y != nullptr) {
      _mm512_storeu_ps(y + c, e0);
      _mm512_storeu_ps(y + c + kLanes, e1);
    }
    acc0 = _mm512_add_ps(acc0, e0);
    acc1 = _mm512_add_ps(acc1, e1);
  }
  for (; c < depth; c += kLanes) {
    const __mmask16 m = depth - c >= kLanes ? __mmask16{0xFFFF} : FirstLanes(depth - c);
    const __m512 e = _mm512_maskz_mov_ps(m, ExpNonPositive(arg(_mm512_maskz_loadu_ps(m, x + c))));
    if (y != nullptr) _mm512_mask_storeu_ps(y + c, m, e);
    acc0 = _mm512_add_ps(acc0, e);
  }
  return ReduceAdd(_mm512_add_ps(acc0, acc1));
}

// ---------------------------------------------------------------------------
// 8-bit

// Row maximum of 8-bit values. Signed bytes are compared as unsigned with
// the sign bit flipped (x ^ 0x80 = x + 128 as an unsigned byte).
template <typename T>
int32_t RowMax8(const T* x, int depth) {
  constexpr bool kSigned = std::is_signed_v<T>;
  const __m512i flip = _mm512_set1_epi8(kSigned ? static_cast<char>(0x80) : 0);
  __m512i acc = _mm512_setzero_si512();
  int c = 0;
  for (; c + 64 <= depth; c += 64) {
    acc = _mm512_max_epu8(acc, _mm512_xor_si512(_mm512_loadu_si512(x + c), flip));
  }
  if (c < depth) {
    const __mmask64 m = (uint64_t{1} << (depth - c)) - 1;  // depth - c < 64
    acc = _mm512_max_epu8(
        acc, _mm512_maskz_mov_epi8(m, _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, x + c), flip)));
  }
  const __m256i a = _mm256_max_epu8(_mm512_castsi512_si256(acc),
                                    _mm512_castsi512_si256(_mm512_shuffle_i64x2(acc, acc, 0x4E)));
  __m128i b = _mm_max_epu8(_mm256_castsi256_si128(a), _mm256_extracti128_si256(a, 1));
  b = _mm_max_epu8(b, _mm_srli_si128(b, 8));
  b = _mm_max_epu8(b, _mm_srli_si128(b, 4));
  b = _mm_max_epu8(b, _mm_srli_si128(b, 2));
  b = _mm_max_epu8(b, _mm_srli_si128(b, 1));
  const int32_t m = _mm_cvtsi128_si32(b) & 0xFF;
  return kSigned ? m - 128 : m;
}

// Table entries a row's sum pass keeps for its final step (on the stack):
// the sum is a serial chain of float adds, so storing the entries it loads
// is free, and the final step then loads them instead of gathering them.
constexpr int kStagedEntries = 2048;

// The reference's sum, in its order (see softmax_variants.h). The first
// min(depth, kStagedEntries) entries are written to `staged` when it is not
// null.
template <typename T>
float TableSum(const float* table, int32_t max_value, const T* x, int depth, float* staged) {
  float sum = 0.0f;
  int c = 0;
  if (staged != nullptr) {
    for (const int n = std::min(depth, kStagedEntries); c < n; ++c) {
      const float e = table[255 - (max_value - x[c])];
      staged[c] = e;
      sum += e;
    }
  }
  for (; c < depth; ++c) sum += table[255 - (max_value - x[c])];
  return sum;
}

// 16 bytes of a row widened to int32; lanes outside `m` read as `fill`.
template <typename T>
inline __m512i LoadWidened(const T* x, __mmask16 m, int32_t fill) {
  const __m128i bytes = _mm_mask_loadu_epi8(_mm_set1_epi8(static_cast<char>(fill)), m, x);
  return std::is_signed_v<T> ? _mm512_cvtepi8_epi32(bytes) : _mm512_cvtepu8_epi32(bytes);
}

template <typename Out>
inline void StoreNarrowed(Out* y, __mmask16 m, __m512i q) {
  if constexpr (sizeof(Out) == 1) {
    _mm512_mask_cvtepi32_storeu_epi8(y, m, q);
  } else {
    _mm512_mask_cvtepi32_storeu_epi16(y, m, q);
  }
}

inline __m512i Clamp(__m512i q, int32_t lo, int32_t hi) {
  return _mm512_min_epi32(_mm512_max_epi32(q, _mm512_set1_epi32(lo)), _mm512_set1_epi32(hi));
}

template <typename In, typename Out>
void Softmax8(const In* in, int outer, int depth, const Softmax8Params& p, Out* out) {
  constexpr int32_t kLo = std::numeric_limits<Out>::min();
  constexpr int32_t kHi = std::numeric_limits<Out>::max();
  const __m512 bound = _mm512_set1_ps(kConvertBound);
  const __m512 half = _mm512_set1_ps(0.5f);
  const __m512i one = _mm512_set1_epi32(1);
  const __m512i zero_point = _mm512_set1_epi32(p.output_zero_point);
  float staged[kStagedEntries];
  for (int row = 0; row < outer; ++row) {
    const In* x = in + static_cast<size_t>(row) * depth;
    Out* y = out + static_cast<size_t>(row) * depth;
    const int32_t max_value = RowMax8(x, depth);
    const float sum = TableSum(p.table, max_value, x, depth, staged);
    const __m512 inv_sum = _mm512_set1_ps(1.0f / (sum * p.output_scale));
    const __m512i base = _mm512_set1_epi32(255 - max_value);
    for (int c = 0; c < depth; c += kLanes) {
      const int n = std::min(kLanes, depth - c);
      const __mmask16 m = FirstLanes(n);
      const __m512 e =
          c + n <= kStagedEntries
              ? _mm512_maskz_loadu_ps(m, staged + c)
              : _mm512_i32gather_ps(_mm512_add_epi32(LoadWidened(x + c, m, max_value), base),
                                    p.table, 4);
      const __m512 scaled = Rounded(_mm512_mul_ps(e, inv_sum));
      __m512i q;
      if constexpr (std::is_same_v<Out, uint8_t>) {
        // (int)(scaled + 0.5f), zero point unused (reference.h).
        q = _mm512_cvttps_epi32(_mm512_min_ps(_mm512_add_ps(scaled, half), bound));
      } else {
        // round() (half away from zero) + zero point: truncate, then step
        // by one where the exact fraction reaches +-0.5.
        const __m512 s =
            _mm512_max_ps(_mm512_min_ps(scaled, bound), _mm512_set1_ps(-kConvertBound));
        const __m512 whole = _mm512_roundscale_ps(s, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
        const __m512 fraction = _mm512_sub_ps(s, whole);
        q = _mm512_cvttps_epi32(whole);
        q = _mm512_mask_add_epi32(q, _mm512_cmp_ps_mask(fraction, half, _CMP_GE_OQ), q, one);
        q = _mm512_mask_sub_epi32(
            q, _mm512_cmp_ps_mask(fraction, _mm512_set1_ps(-0.5f), _CMP_LE_OQ), q, one);
        q = _mm512_add_epi32(q, zero_point);
      }
      StoreNarrowed(y + c, m, Clamp(q, kLo, kHi));
    }
  }
}

template <typename T>
void LogSoftmax8(const T* in, int outer, int depth, const LogSoftmax8Params& p, T* out) {
  constexpr int32_t kLo = std::numeric_limits<T>::min();
  constexpr int32_t kHi = std::numeric_limits<T>::max();
  const float ratio = p.input_scale / p.output_scale;
  const __m512 vratio = _mm512_set1_ps(ratio);
  const __m512 zero_point = _mm512_set1_ps(static_cast<float>(p.output_zero_point));
  const __m512 bound = _mm512_set1_ps(kConvertBound);
  for (int row = 0; row < outer; ++row) {
    const T* x = in + static_cast<size_t>(row) * depth;
    T* y = out + static_cast<size_t>(row) * depth;
    const int32_t max_value = RowMax8(x, depth);
    const float log_sum = std::log(TableSum(p.table, max_value, x, depth, nullptr));
    const __m512 offset = _mm512_set1_ps(
        (Rounded(p.input_scale * static_cast<float>(max_value)) + log_sum) / p.output_scale);
    for (int c = 0; c < depth; c += kLanes) {
      const __mmask16 m = depth - c >= kLanes ? __mmask16{0xFFFF} : FirstLanes(depth - c);
      const __m512 v = _mm512_sub_ps(
          Rounded(_mm512_mul_ps(vratio, _mm512_cvtepi32_ps(LoadWidened(x + c, m, max_value)))),
          offset);
      // (int)(rint(v) + zero_point), rint rounding half to even.
      __m512 w = _mm512_add_ps(
          _mm512_roundscale_ps(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC), zero_point);
      w = _mm512_max_ps(_mm512_min_ps(w, bound), _mm512_set1_ps(-kConvertBound));
      StoreNarrowed(y + c, m, Clamp(_mm512_cvttps_epi32(w), kLo, kHi));
    }
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// float32

void f32_softmax_16x__avx512(const float* in, int outer, int depth, float beta, float* out) {
  if (!(beta > 0.0f && beta < std::numeric_limits<float>::infinity())) {
    f32_softmax__reference(in, outer, depth, beta, out);
    return;
  }
  for (int row = 0; row < outer; ++row) {
    const float* x = in + static_cast<size_t>(row) * depth;
    float* y = out + static_cast<size_t>(row) * depth;
    const float max_value = RowMax(x, depth);
    const float sum = ExpSum(x, depth, max_value, beta, /*scale_by_beta=*/true, y);
    const __m512 inv_sum = _mm512_set1_ps(1.0f / sum);
    for (int c = 0; c < depth; c += kLanes) {
      const __mmask16 m = depth - c >= kLanes ? __mmask16{0xFFFF} : FirstLanes(depth - c);
      _mm512_mask_storeu_ps(y + c, m, _mm512_mul_ps(_mm512_maskz_loadu_ps(m, y + c), inv_sum));
    }
  }
}

void f32_log_softmax_16x__avx512(const float* in, int outer, int depth, float* out) {
  for (int row = 0; row < outer; ++row) {
    const float* x = in + static_cast<size_t>(row) * depth;
    float* y = out + static_cast<size_t>(row) * depth;
    const float max_value = RowMax(x, depth);
    const float log_sum =
        std::log(ExpSum(x, depth, max_value, 1.0f, /*scale_by_beta=*/false, nullptr));
    const __m512 vmax = _mm512_set1_ps(max_value);
    const __m512 vlog = _mm512_set1_ps(log_sum);
    for (int c = 0; c < depth; c += kLanes) {
      const __mmask16 m = depth - c >= kLanes ? __mmask16{0xFFFF} : FirstLanes(depth - c);
      const __m512 v = _mm512_maskz_loadu_ps(m, x + c);
      _mm512_mask_storeu_ps(y + c, m, _mm512_sub_ps(_mm512_sub_ps(v, vmax), vlog));
    }
  }
}

// ---------------------------------------------------------------------------
// 8-bit

void qu8_softmax_16x__avx512(const uint8_t* in, int outer, int depth, const Softmax8Params& p,
                             uint8_t* out) {
  Softmax8(in, outer, depth, p, out);
}
void qs8_softmax_16x__avx512(const int8_t* in, int outer, int depth, const Softmax8Params& p,
                             int8_t* out) {
  Softmax8(in, outer, depth, p, out);
}
void qu8_softmax_qs16_16x__avx512(const uint8_t* in, int outer, int depth, const Softmax8Params& p,
                                  int16_t* out) {
  Softmax8(in, outer, depth, p, out);
}
void qs8_softmax_qs16_16x__avx512(const int8_t* in, int outer, int depth, const Softmax8Params& p,
                                  int16_t* out) {
  Softmax8(in, outer, depth, p, out);
}
void qu8_log_softmax_16x__avx512(const uint8_t* in, int outer, int depth,
                                 const LogSoftmax8Params& p, uint8_t* out) {
  LogSoftmax8(in, outer, depth, p, out);
}
void qs8_log_softmax_16x__avx512(const int8_t* in, int outer, int depth, const LogSoftmax8Params& p,
                                 int8_t* out) {
  LogSoftmax8(in, outer, depth, p, out);
}

}  // namespace liteforge::kernels
