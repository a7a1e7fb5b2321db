// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 summation for MEAN / SUM (reduce_variants.h): as x86_avx512.cc with
// 32-byte vectors (32 outputs in four accumulators, then 8 at a time). AVX2
// has no masked loads for bytes, so the last columns (fewer than 8) and the
// last bytes of a row reduced innermost run scalar code doing the same
// additions (float in the reference's order; integers wrap alike).

#include <immintrin.h>

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "liteforge/kernels/reduce/reduce_variants.h"

namespace liteforge::kernels {
namespace {

void ColumnsF32(int64_t outer, int64_t rows, int64_t kept, const float* in, float* out) {
  for (int64_t o = 0; o < outer; ++o) {
    const float* src = in + o * rows * kept;
    float* dst = out + o * kept;
    int64_t j = 0;
    for (; j + 32 <= kept; j += 32) {
      // Row 0 is each output's first input, then rows in order: the
      // reference's sequence of float additions, lane by lane.
      __m256 a0 = _mm256_loadu_ps(src + j);
      __m256 a1 = _mm256_loadu_ps(src + j + 8);
      __m256 a2 = _mm256_loadu_ps(src + j + 16);
      __m256 a3 = _mm256_loadu_ps(src + j + 24);
      for (int64_t y = 1; y < rows; ++y) {
        const float* row = src + y * kept + j;
        a0 = _mm256_add_ps(a0, _mm256_loadu_ps(row));
        a1 = _mm256_add_ps(a1, _mm256_loadu_ps(row + 8));
        a2 = _mm256_add_ps(a2, _mm256_loadu_ps(row + 16));
        a3 = _mm256_add_ps(a3, _mm256_loadu_ps(row + 24));
      }
      _mm256_storeu_ps(dst + j, a0);
      _mm256_storeu_ps(dst + j + 8, a1);
      _mm256_storeu_ps(dst + j + 16, a2);
      _mm256_storeu_ps(dst + j + 24, a3);
    }
    for (; j + 8 <= kept; j += 8) {
      __m256 a = _mm256_loadu_ps(src + j);
      for (int64_t y = 1; y < rows; ++y) a = _mm256_add_ps(a, _mm256_loadu_ps(src + y * kept + j));
      _mm256_storeu_ps(dst + j, a);
    }
    for (; j < kept; ++j) {
      float a = src[j];
      for (int64_t y = 1; y < rows; ++y) a = a + src[y * kept + j];
      dst[j] = a;
    }
  }
}

template <typename T>
inline __m256i Load8(const T* p) {
  const __m128i v = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
  if constexpr (std::is_signed_v<T>) {
    return _mm256_cvtepi8_epi32(v);
  } else {
    return _mm256_cvtepu8_epi32(v);
  }
}

template <typename T>
void Columns8Bit(int64_t outer, int64_t rows, int64_t kept, const T* in, int32_t* out) {
  for (int64_t o = 0; o < outer; ++o) {
    const T* src = in + o * rows * kept;
    int32_t* dst = out + o * kept;
    int64_t j = 0;
    for (; j + 32 <= kept; j += 32) {
      __m256i a0 = _mm256_setzero_si256();
      __m256i a1 = _mm256_setzero_si256();
      __m256i a2 = _mm256_setzero_si256();
      __m256i a3 = _mm256_setzero_si256();
      for (int64_t y = 0; y < rows; ++y) {
        const T* row = src + y * kept + j;
        a0 = _mm256_add_epi32(a0, Load8(row));
        a1 = _mm256_add_epi32(a1, Load8(row + 8));
        a2 = _mm256_add_epi32(a2, Load8(row + 16));
        a3 = _mm256_add_epi32(a3, Load8(row + 24));
      }
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + j), a0);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + j + 8), a1);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + j + 16), a2);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + j + 24), a3);
    }
    for (; j + 8 <= kept; j += 8) {
      __m256i a = _mm256_setzero_si256();
      for (int64_t y = 0; y < rows; ++y) a = _mm256_add_epi32(a, Load8(src + y * kept + j));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + j), a);
    }
    for (; j < kept; ++j) {
      uint32_t a = 0;  // wraps like the vector lanes
      for (int64_t y = 0; y < rows; ++y) a += static_cast<uint32_t>(src[y * kept + j]);
      dst[j] = static_cast<int32_t>(a);
    }
  }
}

template <typename T>
void Rows8Bit(int64_t rows, int64_t n, const T* in, int32_t* out) {
  // int8 values are summed as x + 128 (unsigned), the bias taken off after.
  constexpr bool kSigned = std::is_signed_v<T>;
  const __m256i bias = _mm256_set1_epi8(kSigned ? static_cast<char>(0x80) : 0);
  const __m256i zero = _mm256_setzero_si256();
  for (int64_t r = 0; r < rows; ++r) {
    const T* src = in + r * n;
    __m256i acc = _mm256_setzero_si256();
    int64_t j = 0;
    for (; j + 32 <= n; j += 32) {
      const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + j));
      acc = _mm256_add_epi64(acc, _mm256_sad_epu8(_mm256_xor_si256(v, bias), zero));
    }
    const __m128i half =
        _mm_add_epi64(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
    uint64_t total = static_cast<uint64_t>(_mm_cvtsi128_si64(half)) +
                     static_cast<uint64_t>(_mm_extract_epi64(half, 1));
    if constexpr (kSigned) total -= static_cast<uint64_t>(128 * j);
    for (; j < n; ++j) total += static_cast<uint64_t>(static_cast<int64_t>(src[j]));
    out[r] = static_cast<int32_t>(static_cast<uint32_t>(total));
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

bool f32_sum_32c__avx2(const ReducePlan& p, const float* in, float* out) {
  int64_t outer = 0, rows = 0, kept = 0;
  if (!ReducedThenKept(p, &outer, &rows, &kept)) return false;
  ColumnsF32(outer, rows, kept, in, out);
  return true;
}

bool u8_sum_32c__avx2(const ReducePlan& p, const uint8_t* in, int32_t* sums) {
  return Sum8Bit(p, in, sums);
}

bool s8_sum_32c__avx2(const ReducePlan& p, const int8_t* in, int32_t* sums) {
  return Sum8Bit(p, in, sums);
}

}  // namespace liteforge::kernels
