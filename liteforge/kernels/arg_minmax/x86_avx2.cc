// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 ARG_MAX / ARG_MIN over the innermost axis for CPUs without AVX-512:
// as x86_avx512.cc with 8 output positions per vector, compare-and-blend
// instead of mask moves. Bit-exact with the reference
// (arg_minmax_variants.h).

#include <immintrin.h>

#include <cstdint>
#include <limits>
#include <type_traits>

#include "liteforge/kernels/arg_minmax/arg_minmax_variants.h"
#include "liteforge/kernels/arg_minmax/reference.h"

namespace liteforge::kernels {
namespace {

constexpr int64_t kRows = 8;

template <typename T, typename I>
void Reference(const ArgMinMaxShape& s, bool is_max, const T* in, I* out) {
  if constexpr (std::is_same_v<T, float>) {
    f32_argminmax__reference(s, is_max, in, out);
  } else if constexpr (std::is_same_v<T, uint8_t>) {
    u8_argminmax__reference(s, is_max, in, out);
  } else if constexpr (std::is_same_v<T, int8_t>) {
    s8_argminmax__reference(s, is_max, in, out);
  } else {
    s32_argminmax__reference(s, is_max, in, out);
  }
}

template <typename I>
inline void StoreIndices(__m256i where, I* out) {
  if constexpr (sizeof(I) == 4) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), where);
  } else {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out),
                        _mm256_cvtepi32_epi64(_mm256_castsi256_si128(where)));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 4),
                        _mm256_cvtepi32_epi64(_mm256_extracti128_si256(where, 1)));
  }
}

// Byte k of every dword of g as an int32, zero- or sign-extended like T.
template <typename T, int K>
inline __m256i ByteOf(__m256i g) {
  if constexpr (std::is_signed_v<T>) {
    return _mm256_srai_epi32(_mm256_slli_epi32(g, 24 - 8 * K), 24);
  } else if constexpr (K == 3) {
    return _mm256_srli_epi32(g, 24);
  } else {
    return _mm256_and_si256(_mm256_srli_epi32(g, 8 * K), _mm256_set1_epi32(0xff));
  }
}

// The running best of 8 rows and the index it came from.
template <bool kMax>
struct IntTracker {
  // A sentinel no value beats in the wrong direction: the first element
  // always replaces it (or equals it with index 0 already recorded).
  __m256i best = _mm256_set1_epi32(kMax ? std::numeric_limits<int32_t>::min()
                                        : std::numeric_limits<int32_t>::max());
  __m256i where = _mm256_setzero_si256();
  __m256i index = _mm256_setzero_si256();  // the index of the next element

  inline void Step(__m256i v) {
    const __m256i better = kMax ? _mm256_cmpgt_epi32(v, best) : _mm256_cmpgt_epi32(best, v);
    best = _mm256_blendv_epi8(best, v, better);
    where = _mm256_blendv_epi8(where, index, better);
    index = _mm256_add_epi32(index, _mm256_set1_epi32(1));
  }
};

template <bool kMax, typename T, typename I>
inline void Block8Bit(const T* block, int64_t c, __m256i offsets, I* out) {
  IntTracker<kMax> t;
  int64_t a = 0;
  for (; a + 4 <= c; a += 4) {
    const __m256i g =
        _mm256_i32gather_epi32(reinterpret_cast<const int*>(block + a), offsets, 1);
    t.Step(ByteOf<T, 0>(g));
    t.Step(ByteOf<T, 1>(g));
    t.Step(ByteOf<T, 2>(g));
    t.Step(ByteOf<T, 3>(g));
  }
  if (a < c) {
    const __m256i g =
        _mm256_i32gather_epi32(reinterpret_cast<const int*>(block + a), offsets, 1);
    t.Step(ByteOf<T, 0>(g));
    if (a + 1 < c) t.Step(ByteOf<T, 1>(g));
    if (a + 2 < c) t.Step(ByteOf<T, 2>(g));
  }
  StoreIndices(t.where, out);
}

template <bool kMax, typename I>
inline void BlockS32(const int32_t* block, int64_t c, __m256i offsets, I* out) {
  IntTracker<kMax> t;
  for (int64_t a = 0; a < c; ++a) {
    t.Step(_mm256_i32gather_epi32(reinterpret_cast<const int*>(block + a), offsets, 4));
  }
  StoreIndices(t.where, out);
}

template <bool kMax, typename I>
inline void BlockF32(const float* block, int64_t c, __m256i offsets, I* out) {
  // Starts from the first element, as the reference: a leading NaN then
  // never compares better and index 0 stays.
  __m256 best = _mm256_i32gather_ps(block, offsets, 4);
  __m256i where = _mm256_setzero_si256();
  __m256i index = _mm256_set1_epi32(1);
  for (int64_t a = 1; a < c; ++a) {
    const __m256 v = _mm256_i32gather_ps(block + a, offsets, 4);
    const __m256 better =
        kMax ? _mm256_cmp_ps(v, best, _CMP_GT_OQ) : _mm256_cmp_ps(v, best, _CMP_LT_OQ);
    best = _mm256_blendv_ps(best, v, better);
    where = _mm256_blendv_epi8(where, index, _mm256_castps_si256(better));
    index = _mm256_add_epi32(index, _mm256_set1_epi32(1));
  }
  StoreIndices(where, out);
}

template <bool kMax, typename T, typename I>
void Innermost(const ArgMinMaxShape& s, const T* in, I* out) {
  const int64_t c = s.axis_size;
  // 8-bit gathers read up to 3 bytes past a row's last element; blocks
  // stop where that would leave the input.
  constexpr int64_t kOverread = sizeof(T) == 1 ? 3 : 0;
  int64_t o = 0;
  // Gather offsets are int32 (in elements of T, or bytes for 8-bit).
  if (c * kRows < (int64_t{1} << 30)) {
    const __m256i rows = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i offsets = _mm256_mullo_epi32(rows, _mm256_set1_epi32(static_cast<int32_t>(c)));
    for (; (o + kRows) * c + kOverread <= s.outer * c; o += kRows) {
      if constexpr (std::is_same_v<T, float>) {
        BlockF32<kMax>(in + o * c, c, offsets, out + o);
      } else if constexpr (std::is_same_v<T, int32_t>) {
        BlockS32<kMax>(in + o * c, c, offsets, out + o);
      } else {
        Block8Bit<kMax>(in + o * c, c, offsets, out + o);
      }
    }
  }
  if (o < s.outer) {
    ArgMinMaxShape rest = s;
    rest.outer = s.outer - o;
    Reference(rest, kMax, in + o * c, out + o);
  }
}

template <typename T, typename I>
void Dispatch(const ArgMinMaxShape& s, bool is_max, const T* in, I* out) {
  if (s.inner != 1) return Reference(s, is_max, in, out);
  if (is_max) {
    Innermost<true>(s, in, out);
  } else {
    Innermost<false>(s, in, out);
  }
}

}  // namespace

#define LF_DEFINE(name, T)                                                          \
  void name(const ArgMinMaxShape& s, bool is_max, const T* in, int32_t* out) {      \
    Dispatch(s, is_max, in, out);                                                   \
  }                                                                                 \
  void name(const ArgMinMaxShape& s, bool is_max, const T* in, int64_t* out) {      \
    Dispatch(s, is_max, in, out);                                                   \
  }
LF_DEFINE(f32_argminmax_8x__avx2, float)
LF_DEFINE(u8_argminmax_8x__avx2, uint8_t)
LF_DEFINE(s8_argminmax_8x__avx2, int8_t)
LF_DEFINE(s32_argminmax_8x__avx2, int32_t)
#undef LF_DEFINE

}  // namespace liteforge::kernels
