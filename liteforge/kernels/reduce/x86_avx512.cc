// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 summation for MEAN / SUM (reduce_variants.h). Reduced-then-kept
// layouts keep 64 outputs in four accumulators while walking the reduced
// rows, then 16 at a time with masked loads and stores for the rest;
// 8-bit values widen to int32 lanes. 8-bit rows reduced innermost sum with
// PSADBW against zero (int8 biased by 128 first, the bias taken off at
// the end) in 64-bit lanes, truncated to int32 like the reference's
// wrapping sum.

#include <immintrin.h>

#include <cstdint>
#include <type_traits>

#include "liteforge/kernels/reduce/reduce_variants.h"

namespace liteforge::kernels {
namespace {

inline __mmask16 FirstN16(int64_t n) {
  return n >= 16 ? static_cast<__mmask16>(0xffff) : static_cast<__mmask16>((1u << n) - 1);
}

inline __mmask64 FirstN64(int64_t n) {
  return n >= 64 ? ~__mmask64{0} : (__mmask64{1} << n) - 1;
}

void ColumnsF32(int64_t outer, int64_t rows, int64_t kept, const float* in, float* out) {
  for (int64_t o = 0; o < outer; ++o) {
    const float* src = in + o * rows * kept;
    float* dst = out + o * kept;
    int64_t j = 0;
    for (; j + 64 <= kept; j += 64) {
      // Row 0 is each output's first input, then rows in order: the
      // reference's sequence of float additions, lane by lane.
      __m512 a0 = _mm512_loadu_ps(src + j);
      __m512 a1 = _mm512_loadu_ps(src + j + 16);
      __m512 a2 = _mm512_loadu_ps(src + j + 32);
      __m512 a3 = _mm512_loadu_ps(src + j + 48);
      for (int64_t y = 1; y < rows; ++y) {
        const float* row = src + y * kept + j;
        a0 = _mm512_add_ps(a0, _mm512_loadu_ps(row));
        a1 = _mm512_add_ps(a1, _mm512_loadu_ps(row + 16));
        a2 = _mm512_add_ps(a2, _mm512_loadu_ps(row + 32));
        a3 = _mm512_add_ps(a3, _mm512_loadu_ps(row + 48));
      }
      _mm512_storeu_ps(dst + j, a0);
      _mm512_storeu_ps(dst + j + 16, a1);
      _mm512_storeu_ps(dst + j + 32, a2);
      _mm512_storeu_ps(dst + j + 48, a3);
    }
    for (; j < kept; j += 16) {
      const __mmask16 m = FirstN16(kept - j);
      __m512 a = _mm512_maskz_loadu_ps(m, src + j);
      for (int64_t y = 1; y < rows; ++y) {
        a = _mm512_add_ps(a, _mm512_maskz_loadu_ps(m, src + y * kept + j));
      }
      _mm512_mask_storeu_ps(dst + j, m, a);
    }
  }
}

template <typename T>
inline __m512i Widen(__m128i v) {
  if constexpr (std::is_signed_v<T>) {
    return _mm512_cvtepi8_epi32(v);
  } else {
    return _mm512_cvtepu8_epi32(v);
  }
}

template <typename T>
inline __m512i Load16(const T* p) {
  return Widen<T>(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}

template <typename T>
void Columns8Bit(int64_t outer, int64_t rows, int64_t kept, const T* in, int32_t* out) {
  for (int64_t o = 0; o < outer; ++o) {
    const T* src = in + o * rows * kept;
    int32_t* dst = out + o * kept;
    int64_t j = 0;
    for (; j + 64 <= kept; j += 64) {
      __m512i a0 = _mm512_setzero_si512();
      __m512i a1 = _mm512_setzero_si512();
      __m512i a2 = _mm512_setzero_si512();
      __m512i a3 = _mm512_setzero_si512();
      for (int64_t y = 0; y < rows; ++y) {
        const T* row = src + y * kept + j;
        a0 = _mm512_add_epi32(a0, Load16(row));
        a1 = _mm512_add_epi32(a1, Load16(row + 16));
        a2 = _mm512_add_epi32(a2, Load16(row + 32));
        a3 = _mm512_add_epi32(a3, Load16(row + 48));
      }
      _mm512_storeu_si512(dst + j, a0);
      _mm512_storeu_si512(dst + j + 16, a1);
      _mm512_storeu_si512(dst + j + 32, a2);
      _mm512_storeu_si512(dst + j + 48, a3);
    }
    for (; j < kept; j += 16) {
      const __mmask16 m = FirstN16(kept - j);
      __m512i a = _mm512_setzero_si512();
      for (int64_t y = 0; y < rows; ++y) {
        a = _mm512_add_epi32(a, Widen<T>(_mm_maskz_loadu_epi8(m, src + y * kept + j)));
      }
      _mm512_mask_storeu_epi32(dst + j, m, a);
    }
  }
}

template <typename T>
void Rows8Bit(int64_t rows, int64_t n, const T* in, int32_t* out) {
  // int8 values are summed as x + 128 (unsigned); every lane loaded,
  // masked-off ones included, then adds exactly 128 more.
  constexpr bool kSigned = std::is_signed_v<T>;
  const __m512i bias = _mm512_set1_epi8(kSigned ? static_cast<char>(0x80) : 0);
  const __m512i zero = _mm512_setzero_si512();
  for (int64_t r = 0; r < rows; ++r) {
    const T* src = in + r * n;
    __m512i acc = _mm512_setzero_si512();
    int64_t lanes = 0;
    for (int64_t j = 0; j < n; j += 64, lanes += 64) {
      const __m512i v = _mm512_maskz_loadu_epi8(FirstN64(n - j), src + j);
      acc = _mm512_add_epi64(acc, _mm512_sad_epu8(_mm512_xor_si512(v, bias), zero));
    }
    int64_t total = _mm512_reduce_add_epi64(acc);
    if constexpr (kSigned) total -= 128 * lanes;
    out[r] = static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(total)));
  }
}

template <typename T>
bool Sum8Bit(const ReducePlan& p, const T* in, int32_t* sums) {
  int64_t outer = 0, rows = 0, kept = 0;
  if (ReducedThenKept(p, &outer, &rows, &kept)) {
    Columns8Bit(outer, rows, kept, in, sums);
    return true;
  }
  if (KeptThenReduced(p, &rows, &kept)) {
    Rows8Bit(rows, kept, in, sums);
    return true;
  }
  return false;
}

}  // namespace

bool f32_sum_64c__avx512(const ReducePlan& p, const float* in, float* out) {
  int64_t outer = 0, rows = 0, kept = 0;
  if (!ReducedThenKept(p, &outer, &rows, &kept)) return false;
  ColumnsF32(outer, rows, kept, in, out);
  return true;
}

bool u8_sum_64c__avx512(const ReducePlan& p, const uint8_t* in, int32_t* sums) {
  return Sum8Bit(p, in, sums);
}

bool s8_sum_64c__avx512(const ReducePlan& p, const int8_t* in, int32_t* sums) {
  return Sum8Bit(p, in, sums);
}

}  // namespace liteforge::kernels
