// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 ARG_MAX / ARG_MIN over the innermost axis, one row (output
// position) at a time, the axis read in chunks of 32 elements with masked
// loads (never past the row).
//
// 8-bit: each element becomes a 16-bit key, rank << 8 | position, where
// rank is 0 for the best possible value (255 - u for ARG_MAX, u for
// ARG_MIN, u the value in unsigned order); the smallest key is the best
// value at its first position, found by two vertical minimums and one
// PHMINPOSUW. Lanes past the row get rank 255 and positions after every
// real one, so they never win.
// float32 / int32: the chunk's best value by a vector reduction (NaNs
// replaced by the worst value first), then its first position by an equal
// compare. Chunks combine with the reference's strict comparison, and a
// leading NaN keeps index 0, so the indices are the reference's bit for
// bit (arg_minmax_variants.h). Gathering one element of 16 rows per
// instruction was measured slower on Zen 4 than the per-row form.

#include <immintrin.h>

#include <cstdint>
#include <limits>
#include <type_traits>

#include "liteforge/kernels/arg_minmax/arg_minmax_variants.h"
#include "liteforge/kernels/arg_minmax/reference.h"

namespace liteforge::kernels {
namespace {

constexpr int64_t kChunk = 32;
constexpr uint16_t kPositions[kChunk] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
                                         11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                                         22, 23, 24, 25, 26, 27, 28, 29, 30, 31};

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

inline __mmask32 FirstN32(int64_t n) {
  return n >= 32 ? ~__mmask32{0} : static_cast<__mmask32>((uint32_t{1} << n) - 1);
}

inline __mmask16 FirstN16(int64_t n) {
  return n >= 16 ? static_cast<__mmask16>(0xffff)
                 : static_cast<__mmask16>((uint32_t{1} << (n < 0 ? 0 : n)) - 1);
}

template <bool kMax, typename T, typename I>
void Rows8Bit(const ArgMinMaxShape& s, const T* in, I* out) {
  const int64_t c = s.axis_size;
  // XOR turning a raw byte into its rank: unsigned order (s8: flip the
  // sign bit), then reversed for ARG_MAX.
  constexpr int kToUnsigned = std::is_signed_v<T> ? 0x80 : 0x00;
  constexpr int kRankXor = kMax ? (kToUnsigned ^ 0xff) : kToUnsigned;
  const __m256i rank_xor = _mm256_set1_epi8(static_cast<char>(kRankXor));
  // Lanes past the row load this byte, which has rank 255.
  const __m256i fill = _mm256_set1_epi8(static_cast<char>(kRankXor ^ 0xff));
  const __m512i positions = _mm512_loadu_si512(kPositions);
  // The smallest key of 32 lanes.
  auto min_key = [&](__m256i bytes) {
    const __m512i ranks = _mm512_cvtepu8_epi16(_mm256_xor_si256(bytes, rank_xor));
    const __m512i keys = _mm512_or_si512(_mm512_slli_epi16(ranks, 8), positions);
    const __m256i k16 =
        _mm256_min_epu16(_mm512_castsi512_si256(keys), _mm512_extracti64x4_epi64(keys, 1));
    const __m128i k8 =
        _mm_min_epu16(_mm256_castsi256_si128(k16), _mm256_extracti128_si256(k16, 1));
    return _mm_cvtsi128_si32(_mm_minpos_epu16(k8)) & 0xffff;
  };
  if (c <= kChunk) {  // one chunk per row (a segmentation map's classes)
    const __mmask32 mask = FirstN32(c);
    for (int64_t o = 0; o < s.outer; ++o) {
      out[o] = static_cast<I>(min_key(_mm256_mask_loadu_epi8(fill, mask, in + o * c)) & 0xff);
    }
    return;
  }
  for (int64_t o = 0; o < s.outer; ++o) {
    const T* row = in + o * c;
    int best_rank = 256;
    int64_t where = 0;
    for (int64_t a0 = 0; a0 < c; a0 += kChunk) {
      const int key = min_key(_mm256_mask_loadu_epi8(fill, FirstN32(c - a0), row + a0));
      if ((key >> 8) < best_rank) {  // strictly better than earlier chunks
        best_rank = key >> 8;
        where = a0 + (key & 0xff);
      }
    }
    out[o] = static_cast<I>(where);
  }
}

template <bool kMax>
inline __m512 Worse(__m512 a, __m512 b) {
  return kMax ? _mm512_min_ps(a, b) : _mm512_max_ps(a, b);
}

template <bool kMax, typename I>
void RowsF32(const ArgMinMaxShape& s, const float* in, I* out) {
  const int64_t c = s.axis_size;
  const __m512 worst = _mm512_set1_ps(kMax ? -std::numeric_limits<float>::infinity()
                                           : std::numeric_limits<float>::infinity());
  for (int64_t o = 0; o < s.outer; ++o) {
    const float* row = in + o * c;
    float best = row[0];
    int64_t where = 0;
    if (best == best) {  // a leading NaN is never replaced: index 0
      for (int64_t a0 = 0; a0 < c; a0 += kChunk) {
        const __mmask16 m0 = FirstN16(c - a0);
        const __mmask16 m1 = FirstN16(c - a0 - 16);
        __m512 v0 = _mm512_mask_loadu_ps(worst, m0, row + a0);
        __m512 v1 = _mm512_mask_loadu_ps(worst, m1, row + a0 + 16);
        // NaNs become the worst value: they never win, as in the reference.
        v0 = _mm512_mask_mov_ps(worst, _mm512_cmp_ps_mask(v0, v0, _CMP_ORD_Q), v0);
        v1 = _mm512_mask_mov_ps(worst, _mm512_cmp_ps_mask(v1, v1, _CMP_ORD_Q), v1);
        const float chunk_best = kMax ? _mm512_reduce_max_ps(_mm512_max_ps(v0, v1))
                                      : _mm512_reduce_min_ps(_mm512_min_ps(v0, v1));
        // Selects, not a branch: which chunk wins is data-dependent.
        const bool better = kMax ? chunk_best > best : chunk_best < best;
        const __m512 target = _mm512_set1_ps(chunk_best);
        const uint64_t hits =
            static_cast<uint64_t>(_mm512_cmp_ps_mask(v0, target, _CMP_EQ_OQ)) |
            (static_cast<uint64_t>(_mm512_cmp_ps_mask(v1, target, _CMP_EQ_OQ)) << 16);
        const int64_t first = a0 + __builtin_ctzll(hits | (uint64_t{1} << 32));
        best = better ? chunk_best : best;
        // (a mask, not ?: : GCC turns that into a mispredicting branch)
        where ^= (where ^ first) & -static_cast<int64_t>(better);
      }
    }
    out[o] = static_cast<I>(where);
  }
}

template <bool kMax, typename I>
void RowsS32(const ArgMinMaxShape& s, const int32_t* in, I* out) {
  const int64_t c = s.axis_size;
  const __m512i worst = _mm512_set1_epi32(kMax ? std::numeric_limits<int32_t>::min()
                                               : std::numeric_limits<int32_t>::max());
  for (int64_t o = 0; o < s.outer; ++o) {
    const int32_t* row = in + o * c;
    int32_t best = row[0];
    int64_t where = 0;
    for (int64_t a0 = 0; a0 < c; a0 += kChunk) {
      const __m512i v0 = _mm512_mask_loadu_epi32(worst, FirstN16(c - a0), row + a0);
      const __m512i v1 = _mm512_mask_loadu_epi32(worst, FirstN16(c - a0 - 16), row + a0 + 16);
      const int32_t chunk_best = kMax ? _mm512_reduce_max_epi32(_mm512_max_epi32(v0, v1))
                                      : _mm512_reduce_min_epi32(_mm512_min_epi32(v0, v1));
      // Selects, not a branch: which chunk wins is data-dependent.
      const bool better = kMax ? chunk_best > best : chunk_best < best;
      const __m512i target = _mm512_set1_epi32(chunk_best);
      const uint64_t hits = static_cast<uint64_t>(_mm512_cmpeq_epi32_mask(v0, target)) |
                        (static_cast<uint64_t>(_mm512_cmpeq_epi32_mask(v1, target)) << 16);
      const int64_t first = a0 + __builtin_ctzll(hits | (uint64_t{1} << 32));
      best = better ? chunk_best : best;
      // (a mask, not ?: : GCC turns that into a mispredicting branch)
      where ^= (where ^ first) & -static_cast<int64_t>(better);
    }
    out[o] = static_cast<I>(where);
  }
}

template <bool kMax, typename T, typename I>
void Innermost(const ArgMinMaxShape& s, const T* in, I* out) {
  if constexpr (std::is_same_v<T, float>) {
    RowsF32<kMax>(s, in, out);
  } else if constexpr (std::is_same_v<T, int32_t>) {
    RowsS32<kMax>(s, in, out);
  } else {
    Rows8Bit<kMax>(s, in, out);
  }
}

// 16 values of T at p (the first lanes of `m`; zeros elsewhere) as
// float or int32 lanes.
template <typename T>
inline auto LoadLanes(__mmask16 m, const T* p) {
  if constexpr (std::is_same_v<T, float>) {
    return _mm512_maskz_loadu_ps(m, p);
  } else if constexpr (std::is_same_v<T, int32_t>) {
    return _mm512_maskz_loadu_epi32(m, p);
  } else if constexpr (std::is_signed_v<T>) {
    return _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(m, p));
  } else {
    return _mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(m, p));
  }
}

template <bool kMax>
inline __mmask16 Better(__m512 v, __m512 best) {
  return kMax ? _mm512_cmp_ps_mask(v, best, _CMP_GT_OQ) : _mm512_cmp_ps_mask(v, best, _CMP_LT_OQ);
}

template <bool kMax>
inline __mmask16 Better(__m512i v, __m512i best) {
  return kMax ? _mm512_cmpgt_epi32_mask(v, best) : _mm512_cmplt_epi32_mask(v, best);
}

inline __m512 Select(__m512 a, __mmask16 m, __m512 b) { return _mm512_mask_mov_ps(a, m, b); }
inline __m512i Select(__m512i a, __mmask16 m, __m512i b) { return _mm512_mask_mov_epi32(a, m, b); }

// A reduced axis that is not innermost: 16 inner positions per vector,
// each lane running the reference's comparisons from the axis' first value
// (a leading NaN is never replaced), masked lanes past the inner extent.
template <bool kMax, typename T, typename I>
void Strided(const ArgMinMaxShape& s, const T* in, I* out) {
  const int64_t inner = s.inner;
  for (int64_t o = 0; o < s.outer; ++o) {
    const T* block = in + o * s.axis_size * inner;
    I* dst = out + o * inner;
    for (int64_t i0 = 0; i0 < inner; i0 += 16) {
      const __mmask16 m = FirstN16(inner - i0);
      auto best = LoadLanes(m, block + i0);
      __m512i where = _mm512_setzero_si512();
      __m512i index = _mm512_set1_epi32(1);
      for (int64_t a = 1; a < s.axis_size; ++a) {
        const auto v = LoadLanes(m, block + a * inner + i0);
        const __mmask16 better = Better<kMax>(v, best);
        best = Select(best, better, v);
        where = _mm512_mask_mov_epi32(where, better, index);
        index = _mm512_add_epi32(index, _mm512_set1_epi32(1));
      }
      if constexpr (sizeof(I) == 4) {
        _mm512_mask_storeu_epi32(dst + i0, m, where);
      } else {
        _mm512_mask_storeu_epi64(dst + i0, static_cast<__mmask8>(m),
                                 _mm512_cvtepi32_epi64(_mm512_castsi512_si256(where)));
        _mm512_mask_storeu_epi64(dst + i0 + 8, static_cast<__mmask8>(m >> 8),
                                 _mm512_cvtepi32_epi64(_mm512_extracti64x4_epi64(where, 1)));
      }
    }
  }
}

template <typename T, typename I>
void Dispatch(const ArgMinMaxShape& s, bool is_max, const T* in, I* out) {
  // Axis indices are tracked in int32 lanes.
  if (s.axis_size > std::numeric_limits<int32_t>::max()) return Reference(s, is_max, in, out);
  if (s.inner != 1) {
    if (is_max) {
      Strided<true>(s, in, out);
    } else {
      Strided<false>(s, in, out);
    }
    return;
  }
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
LF_DEFINE(f32_argminmax_32c__avx512, float)
LF_DEFINE(u8_argminmax_32c__avx512, uint8_t)
LF_DEFINE(s8_argminmax_32c__avx512, int8_t)
LF_DEFINE(s32_argminmax_32c__avx512, int32_t)
#undef LF_DEFINE

}  // namespace liteforge::kernels
