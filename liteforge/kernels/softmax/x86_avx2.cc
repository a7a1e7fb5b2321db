// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 SOFTMAX / LOG_SOFTMAX variants (softmax_variants.h), 8 float lanes
// per step along a row. Float tails run the same step with VMASKMOVPS
// (masked lanes are neither read nor written); 8-bit tails are copied into
// an 8-lane buffer padded with the row maximum, run through the same step
// and copied back.
//
// 8-bit kernels: the row maximum runs 32 bytes per step; the scalar sum
// pass keeps the table entries it loads (up to kStagedEntries), and the
// final step reads 8 of them per step, gathering by index 255 - max + x
// past that and in the tail (inside the table for every lane, padding
// included), then applies the reference's float operations lane by lane.

#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "liteforge/kernels/softmax/exp_polynomial.h"
#include "liteforge/kernels/softmax/softmax_variants.h"

namespace liteforge::kernels {
namespace {

constexpr int kLanes = 8;
// Float bound applied before float -> int32 conversions: it leaves every
// result the final clamp to 8/16 bits can tell apart unchanged and keeps
// the conversion inside int32.
constexpr float kConvertBound = 16777216.0f;  // 2^24

// GCC contracts a separate multiply and add into one fused multiply-add
// under its default -ffp-contract=fast, also across intrinsics; the 8-bit
// kernels must round every product as the reference does. An empty asm
// that "modifies" the product is a point the compiler cannot fuse across.
inline __m256 Rounded(__m256 v) {
  asm("" : "+x"(v));
  return v;
}
inline float Rounded(float v) {
  asm("" : "+x"(v));
  return v;
}

// All-ones in the first n lanes (n in [0, 8]).
inline __m256i FirstLanes(int n) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

// e^t lane-wise for t <= 0 (exp_polynomial.h); 0 below kSoftmaxExpMin, NaN
// stays NaN.
inline __m256 ExpNonPositive(__m256 t) {
  using namespace softmax_exp;
  const __m256 lo = _mm256_set1_ps(kSoftmaxExpMin);
  // VMAXPS returns its second operand when one is NaN: a NaN t is kept.
  const __m256 x = _mm256_max_ps(lo, t);
  const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(kLog2e)),
                                   _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(kLn2Hi), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(kLn2Lo), r);
  __m256 p = _mm256_set1_ps(kPoly[7]);
  for (int k = 6; k >= 0; --k) p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kPoly[k]));
  // 2^n for n in [-126, 0] from its exponent field.
  const __m256i bits =
      _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
  const __m256 e = _mm256_mul_ps(p, _mm256_castsi256_ps(bits));
  // Keep lanes with t >= lo or NaN (unordered).
  return _mm256_and_ps(e, _mm256_cmp_ps(t, lo, _CMP_NLT_UQ));
}

inline float ReduceMax(__m256 v) {
  __m128 a = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  a = _mm_max_ps(a, _mm_movehl_ps(a, a));
  a = _mm_max_ps(a, _mm_movehdup_ps(a));
  return _mm_cvtss_f32(a);
}

inline float ReduceAdd(__m256 v) {
  __m128 a = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  a = _mm_add_ps(a, _mm_movehl_ps(a, a));
  a = _mm_add_ss(a, _mm_movehdup_ps(a));
  return _mm_cvtss_f32(a);
}

float RowMax(const float* x, int depth) {
  const __m256 neg_inf = _mm256_set1_ps(-std::numeric_limits<float>::infinity());
  __m256 acc = neg_inf;
  int c = 0;
  for (; c + kLanes <= depth; c += kLanes) acc = _mm256_max_ps(acc, _mm256_loadu_ps(x + c));
  if (c < depth) {
    const __m256i m = FirstLanes(depth - c);
    const __m256 v =
        _mm256_blendv_ps(neg_inf, _mm256_maskload_ps(x + c, m), _mm256_castsi256_ps(m));
    acc = _mm256_max_ps(acc, v);
  }
  return ReduceMax(acc);
}

// Sum of e^((x - max) * beta) over the row; the exponentials are stored in
// `y` when it is not null.
inline float ExpSum(const float* x, int depth, float max_value, float beta, bool scale_by_beta,
                    float* y) {
  const __m256 vmax = _mm256_set1_ps(max_value);
  const __m256 vbeta = _mm256_set1_ps(beta);
  __m256 acc0 = _mm256_setzero_ps();
  __m256 acc1 = _mm256_setzero_ps();
  auto arg = [&](__m256 v) {
    const __m256 d = _mm256_sub_ps(v, vmax);
    return scale_by_beta ? _mm256_mul_ps(d, vbeta) : d;
  };
  int c = 0;
  for (; c + 2 * kLanes <= depth; c += 2 * kLanes) {
    const __m256 e0 = ExpNonPositive(arg(_mm256_loadu_ps(x + c)));
    const __m256 e1 = ExpNonPositive(arg(_mm256_loadu_ps(x + c + kLanes)));
    if (y != nullptr) {
      _mm256_storeu_ps(y + c, e0);
      _mm256_storeu_ps(y + c + kLanes, e1);
    }
    acc0 = _mm256_add_ps(acc0, e0);
    acc1 = _mm256_add_ps(acc1, e1);
  }
  for (; c + kLanes <= depth; c += kLanes) {
    const __m256 e = ExpNonPositive(arg(_mm256_loadu_ps(x + c)));
    if (y != nullptr) _mm256_storeu_ps(y + c, e);
    acc0 = _mm256_add_ps(acc0, e);
  }
  if (c < depth) {
    const __m256i m = FirstLanes(depth - c);
    const __m256 e =
        _mm256_and_ps(ExpNonPositive(arg(_mm256_maskload_ps(x + c, m))), _mm256_castsi256_ps(m));
    if (y != nullptr) _mm256_maskstore_ps(y + c, m, e);
    acc0 = _mm256_add_ps(acc0, e);
  }
  return ReduceAdd(_mm256_add_ps(acc0, acc1));
}

// ---------------------------------------------------------------------------
// 8-bit

// Row maximum of 8-bit values. Signed bytes are compared as unsigned with
// the sign bit flipped (x ^ 0x80 = x + 128 as an unsigned byte).
template <typename T>
int32_t RowMax8(const T* x, int depth) {
  constexpr bool kSigned = std::is_signed_v<T>;
  const __m256i flip = _mm256_set1_epi8(kSigned ? static_cast<char>(0x80) : 0);
  __m256i acc = _mm256_setzero_si256();
  int c = 0;
  for (; c + 32 <= depth; c += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + c));
    acc = _mm256_max_epu8(acc, _mm256_xor_si256(v, flip));
  }
  __m128i b = _mm_max_epu8(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
  b = _mm_max_epu8(b, _mm_srli_si128(b, 8));
  b = _mm_max_epu8(b, _mm_srli_si128(b, 4));
  b = _mm_max_epu8(b, _mm_srli_si128(b, 2));
  b = _mm_max_epu8(b, _mm_srli_si128(b, 1));
  int32_t m = (_mm_cvtsi128_si32(b) & 0xFF) - (kSigned ? 128 : 0);
  for (; c < depth; ++c) m = std::max<int32_t>(m, x[c]);
  return m;
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

template <typename T>
inline __m256i LoadWidened(const T* x) {
  const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(x));
  return std::is_signed_v<T> ? _mm256_cvtepi8_epi32(bytes) : _mm256_cvtepu8_epi32(bytes);
}

// Lanes already clamped to Out's range, so the saturating packs keep them.
template <typename Out>
inline void StoreNarrowed(Out* y, __m256i q) {
  const __m128i w = _mm_packs_epi32(_mm256_castsi256_si128(q), _mm256_extracti128_si256(q, 1));
  if constexpr (std::is_same_v<Out, int16_t>) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(y), w);
  } else if constexpr (std::is_same_v<Out, int8_t>) {
    _mm_storel_epi64(reinterpret_cast<__m128i*>(y), _mm_packs_epi16(w, w));
  } else {
    _mm_storel_epi64(reinterpret_cast<__m128i*>(y), _mm_packus_epi16(w, w));
  }
}

inline __m256i Clamp(__m256i q, int32_t lo, int32_t hi) {
  return _mm256_min_epi32(_mm256_max_epi32(q, _mm256_set1_epi32(lo)), _mm256_set1_epi32(hi));
}

// Runs `step(x, y, c)` over a row 8 values at a time (c: the offset in the
// row); a tail of fewer goes through a buffer padded with `fill`, with c =
// -1.
template <typename In, typename Out, typename Step>
inline void ForEachStep(const In* x, int depth, int32_t fill, Out* y, const Step& step) {
  int c = 0;
  for (; c + kLanes <= depth; c += kLanes) step(x + c, y + c, c);
  if (c < depth) {
    In x_tail[kLanes];
    Out y_tail[kLanes];
    std::fill(x_tail, x_tail + kLanes, static_cast<In>(fill));
    std::memcpy(x_tail, x + c, sizeof(In) * (depth - c));
    step(x_tail, y_tail, -1);
    std::memcpy(y + c, y_tail, sizeof(Out) * (depth - c));
  }
}

template <typename In, typename Out>
void Softmax8(const In* in, int outer, int depth, const Softmax8Params& p, Out* out) {
  constexpr int32_t kLo = std::numeric_limits<Out>::min();
  constexpr int32_t kHi = std::numeric_limits<Out>::max();
  const __m256 bound = _mm256_set1_ps(kConvertBound);
  const __m256 half = _mm256_set1_ps(0.5f);
  const __m256i zero_point = _mm256_set1_epi32(p.output_zero_point);
  float staged[kStagedEntries];
  for (int row = 0; row < outer; ++row) {
    const In* x = in + static_cast<size_t>(row) * depth;
    Out* y = out + static_cast<size_t>(row) * depth;
    const int32_t max_value = RowMax8(x, depth);
    const float sum = TableSum(p.table, max_value, x, depth, staged);
    const __m256 inv_sum = _mm256_set1_ps(1.0f / (sum * p.output_scale));
    const __m256i base = _mm256_set1_epi32(255 - max_value);
    ForEachStep(x, depth, max_value, y, [&](const In* xs, Out* ys, int c) {
      const __m256 e =
          c >= 0 && c + kLanes <= kStagedEntries
              ? _mm256_loadu_ps(staged + c)
              : _mm256_i32gather_ps(p.table, _mm256_add_epi32(LoadWidened(xs), base), 4);
      const __m256 scaled = Rounded(_mm256_mul_ps(e, inv_sum));
      __m256i q;
      if constexpr (std::is_same_v<Out, uint8_t>) {
        // (int)(scaled + 0.5f), zero point unused (reference.h).
        q = _mm256_cvttps_epi32(_mm256_min_ps(_mm256_add_ps(scaled, half), bound));
      } else {
        // round() (half away from zero) + zero point: truncate, then step
        // by one where the exact fraction reaches +-0.5 (a true compare is
        // -1: subtracting it adds one).
        const __m256 s =
            _mm256_max_ps(_mm256_min_ps(scaled, bound), _mm256_set1_ps(-kConvertBound));
        const __m256 whole = _mm256_round_ps(s, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
        const __m256 fraction = _mm256_sub_ps(s, whole);
        q = _mm256_cvttps_epi32(whole);
        q = _mm256_sub_epi32(q, _mm256_castps_si256(_mm256_cmp_ps(fraction, half, _CMP_GE_OQ)));
        q = _mm256_add_epi32(
            q, _mm256_castps_si256(_mm256_cmp_ps(fraction, _mm256_set1_ps(-0.5f), _CMP_LE_OQ)));
        q = _mm256_add_epi32(q, zero_point);
      }
      StoreNarrowed(ys, Clamp(q, kLo, kHi));
    });
  }
}

template <typename T>
void LogSoftmax8(const T* in, int outer, int depth, const LogSoftmax8Params& p, T* out) {
  constexpr int32_t kLo = std::numeric_limits<T>::min();
  constexpr int32_t kHi = std::numeric_limits<T>::max();
  const float ratio = p.input_scale / p.output_scale;
  const __m256 vratio = _mm256_set1_ps(ratio);
  const __m256 zero_point = _mm256_set1_ps(static_cast<float>(p.output_zero_point));
  const __m256 bound = _mm256_set1_ps(kConvertBound);
  for (int row = 0; row < outer; ++row) {
    const T* x = in + static_cast<size_t>(row) * depth;
    T* y = out + static_cast<size_t>(row) * depth;
    const int32_t max_value = RowMax8(x, depth);
    const float log_sum = std::log(TableSum(p.table, max_value, x, depth, nullptr));
    const __m256 offset = _mm256_set1_ps(
        (Rounded(p.input_scale * static_cast<float>(max_value)) + log_sum) / p.output_scale);
    ForEachStep(x, depth, max_value, y, [&](const T* xs, T* ys, int) {
      const __m256 v = _mm256_sub_ps(
          Rounded(_mm256_mul_ps(vratio, _mm256_cvtepi32_ps(LoadWidened(xs)))), offset);
      // (int)(rint(v) + zero_point), rint rounding half to even.
      __m256 w = _mm256_add_ps(_mm256_round_ps(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC),
                               zero_point);
      w = _mm256_max_ps(_mm256_min_ps(w, bound), _mm256_set1_ps(-kConvertBound));
      StoreNarrowed(ys, Clamp(_mm256_cvttps_epi32(w), kLo, kHi));
    });
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// float32

void f32_softmax_8x__avx2(const float* in, int outer, int depth, float beta, float* out) {
  if (!(beta > 0.0f && beta < std::numeric_limits<float>::infinity())) {
    f32_softmax__reference(in, outer, depth, beta, out);
    return;
  }
  for (int row = 0; row < outer; ++row) {
    const float* x = in + static_cast<size_t>(row) * depth;
    float* y = out + static_cast<size_t>(row) * depth;
    const float max_value = RowMax(x, depth);
    const float sum = ExpSum(x, depth, max_value, beta, /*scale_by_beta=*/true, y);
    const __m256 inv_sum = _mm256_set1_ps(1.0f / sum);
    int c = 0;
    for (; c + kLanes <= depth; c += kLanes) {
      _mm256_storeu_ps(y + c, _mm256_mul_ps(_mm256_loadu_ps(y + c), inv_sum));
    }
    if (c < depth) {
      const __m256i m = FirstLanes(depth - c);
      _mm256_maskstore_ps(y + c, m, _mm256_mul_ps(_mm256_maskload_ps(y + c, m), inv_sum));
    }
  }
}

void f32_log_softmax_8x__avx2(const float* in, int outer, int depth, float* out) {
  for (int row = 0; row < outer; ++row) {
    const float* x = in + static_cast<size_t>(row) * depth;
    float* y = out + static_cast<size_t>(row) * depth;
    const float max_value = RowMax(x, depth);
    const float log_sum =
        std::log(ExpSum(x, depth, max_value, 1.0f, /*scale_by_beta=*/false, nullptr));
    const __m256 vmax = _mm256_set1_ps(max_value);
    const __m256 vlog = _mm256_set1_ps(log_sum);
    int c = 0;
    for (; c + kLanes <= depth; c += kLanes) {
      const __m256 v = _mm256_loadu_ps(x + c);
      _mm256_storeu_ps(y + c, _mm256_sub_ps(_mm256_sub_ps(v, vmax), vlog));
    }
    if (c < depth) {
      const __m256i m = FirstLanes(depth - c);
      const __m256 v = _mm256_maskload_ps(x + c, m);
      _mm256_maskstore_ps(y + c, m, _mm256_sub_ps(_mm256_sub_ps(v, vmax), vlog));
    }
  }
}

// ---------------------------------------------------------------------------
// 8-bit

void qu8_softmax_8x__avx2(const uint8_t* in, int outer, int depth, const Softmax8Params& p,
                          uint8_t* out) {
  Softmax8(in, outer, depth, p, out);
}
void qs8_softmax_8x__avx2(const int8_t* in, int outer, int depth, const Softmax8Params& p,
                          int8_t* out) {
  Softmax8(in, outer, depth, p, out);
}
void qu8_softmax_qs16_8x__avx2(const uint8_t* in, int outer, int depth, const Softmax8Params& p,
                               int16_t* out) {
  Softmax8(in, outer, depth, p, out);
}
void qs8_softmax_qs16_8x__avx2(const int8_t* in, int outer, int depth, const Softmax8Params& p,
                               int16_t* out) {
  Softmax8(in, outer, depth, p, out);
}
void qu8_log_softmax_8x__avx2(const uint8_t* in, int outer, int depth, const LogSoftmax8Params& p,
                              uint8_t* out) {
  LogSoftmax8(in, outer, depth, p, out);
}
void qs8_log_softmax_8x__avx2(const int8_t* in, int outer, int depth, const LogSoftmax8Params& p,
                              int8_t* out) {
  LogSoftmax8(in, outer, depth, p, out);
}

}  // namespace liteforge::kernels
