// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 ARG_MAX / ARG_MIN over the innermost axis for CPUs without AVX-512:
// the per-row method of x86_avx512.cc (8-bit rank|position keys and
// PHMINPOSUW; float32 / int32 vector reductions and a first-equal search)
// with 32-byte vectors. AVX2 has no masked byte loads: an 8-bit row loads
// 32 bytes whole where they lie inside the input and blends the lanes past
// the row with the never-winning fill; the last rows, whose 32 bytes would
// leave the input, are copied to a local buffer first. Bit-exact with the
// reference (arg_minmax_variants.h).

#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "liteforge/kernels/arg_minmax/arg_minmax_variants.h"
#include "liteforge/kernels/arg_minmax/reference.h"

namespace liteforge::kernels {
namespace {

constexpr int64_t kChunk8 = 32;  // 8-bit elements per chunk
constexpr int64_t kChunk32 = 16; // float / int32 elements per chunk
constexpr uint16_t kPositions[kChunk8] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
                                          11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                                          22, 23, 24, 25, 26, 27, 28, 29, 30, 31};
constexpr int32_t kLaneIndex[8] = {0, 1, 2, 3, 4, 5, 6, 7};

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

// All-ones in the int32 lanes below n (n may be negative or above 8).
inline __m256i LanesBelow(int64_t n) {
  const int32_t clamped = static_cast<int32_t>(std::clamp<int64_t>(n, 0, 8));
  const __m256i lanes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kLaneIndex));
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(clamped), lanes);
}

template <bool kMax, typename T, typename I>
void Rows8Bit(const ArgMinMaxShape& s, const T* in, I* out) {
  const int64_t c = s.axis_size;
  // XOR turning a raw byte into its rank: unsigned order (s8: flip the
  // sign bit), then reversed for ARG_MAX. Rank 0 is the best value.
  constexpr int kToUnsigned = std::is_signed_v<T> ? 0x80 : 0x00;
  constexpr int kRankXor = kMax ? (kToUnsigned ^ 0xff) : kToUnsigned;
  const __m256i rank_xor = _mm256_set1_epi8(static_cast<char>(kRankXor));
  // Lanes past the row take this byte, which has rank 255.
  const uint8_t fill_byte = static_cast<uint8_t>(kRankXor ^ 0xff);
  const __m256i fill = _mm256_set1_epi8(static_cast<char>(fill_byte));
  const __m256i positions_lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kPositions));
  const __m256i positions_hi =
      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kPositions + 16));
  const __m256i byte_index = _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                                              15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
                                              27, 28, 29, 30, 31);
  const uint8_t* end = reinterpret_cast<const uint8_t*>(in + s.outer * c);
  // The smallest key of the first n (1..32) elements at p.
  auto min_key = [&](const T* p, int64_t n) {
    const uint8_t* bytes_at = reinterpret_cast<const uint8_t*>(p);
    __m256i bytes;
    if (end - bytes_at >= kChunk8) {
      bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes_at));
    } else {
      alignas(32) uint8_t tail[kChunk8];
      std::memset(tail, fill_byte, sizeof(tail));
      std::memcpy(tail, bytes_at, static_cast<size_t>(n));
      bytes = _mm256_load_si256(reinterpret_cast<const __m256i*>(tail));
    }
    if (n < kChunk8) {
      const __m256i inside =
          _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(n)), byte_index);
      bytes = _mm256_blendv_epi8(fill, bytes, inside);
    }
    const __m256i ranks = _mm256_xor_si256(bytes, rank_xor);
    const __m256i keys_lo = _mm256_or_si256(
        _mm256_slli_epi16(_mm256_cvtepu8_epi16(_mm256_castsi256_si128(ranks)), 8), positions_lo);
    const __m256i keys_hi = _mm256_or_si256(
        _mm256_slli_epi16(_mm256_cvtepu8_epi16(_mm256_extracti128_si256(ranks, 1)), 8),
        positions_hi);
    const __m256i k16 = _mm256_min_epu16(keys_lo, keys_hi);
    const __m128i k8 =
        _mm_min_epu16(_mm256_castsi256_si128(k16), _mm256_extracti128_si256(k16, 1));
    return _mm_cvtsi128_si32(_mm_minpos_epu16(k8)) & 0xffff;
  };
  for (int64_t o = 0; o < s.outer; ++o) {
    const T* row = in + o * c;
    int best_rank = 256;
    int64_t where = 0;
    for (int64_t a0 = 0; a0 < c; a0 += kChunk8) {
      const int key = min_key(row + a0, std::min(kChunk8, c - a0));
      if ((key >> 8) < best_rank) {  // strictly better than earlier chunks
        best_rank = key >> 8;
        where = a0 + (key & 0xff);
      }
    }
    out[o] = static_cast<I>(where);
  }
}

inline float ReduceMax(__m256 v) {
  __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  m = _mm_max_ps(m, _mm_movehl_ps(m, m));
  m = _mm_max_ss(m, _mm_movehdup_ps(m));
  return _mm_cvtss_f32(m);
}

inline float ReduceMin(__m256 v) {
  __m128 m = _mm_min_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  m = _mm_min_ps(m, _mm_movehl_ps(m, m));
  m = _mm_min_ss(m, _mm_movehdup_ps(m));
  return _mm_cvtss_f32(m);
}

template <bool kMax, typename I>
void RowsF32(const ArgMinMaxShape& s, const float* in, I* out) {
  const int64_t c = s.axis_size;
  const __m256 worst = _mm256_set1_ps(kMax ? -std::numeric_limits<float>::infinity()
                                           : std::numeric_limits<float>::infinity());
  for (int64_t o = 0; o < s.outer; ++o) {
    const float* row = in + o * c;
    float best = row[0];
    int64_t where = 0;
    if (best == best) {  // a leading NaN is never replaced: index 0
      for (int64_t a0 = 0; a0 < c; a0 += kChunk32) {
        const __m256i in0 = LanesBelow(c - a0);
        const __m256i in1 = LanesBelow(c - a0 - 8);
        __m256 v0 = _mm256_maskload_ps(row + a0, in0);
        __m256 v1 = _mm256_maskload_ps(row + a0 + 8, in1);
        // Lanes past the row and NaNs become the worst value: they never
        // win, as in the reference.
        v0 = _mm256_blendv_ps(worst, v0,
                              _mm256_and_ps(_mm256_castsi256_ps(in0),
                                            _mm256_cmp_ps(v0, v0, _CMP_ORD_Q)));
        v1 = _mm256_blendv_ps(worst, v1,
                              _mm256_and_ps(_mm256_castsi256_ps(in1),
                                            _mm256_cmp_ps(v1, v1, _CMP_ORD_Q)));
        const float chunk_best = kMax ? ReduceMax(_mm256_max_ps(v0, v1))
                                      : ReduceMin(_mm256_min_ps(v0, v1));
        // Selects, not a branch: which chunk wins is data-dependent.
        const bool better = kMax ? chunk_best > best : chunk_best < best;
        const __m256 target = _mm256_set1_ps(chunk_best);
        const uint64_t hits =
            static_cast<uint64_t>(_mm256_movemask_ps(_mm256_cmp_ps(v0, target, _CMP_EQ_OQ))) |
            (static_cast<uint64_t>(_mm256_movemask_ps(_mm256_cmp_ps(v1, target, _CMP_EQ_OQ)))
             << 8);
        const int64_t first = a0 + __builtin_ctzll(hits | (uint32_t{1} << 16));
        best = better ? chunk_best : best;
        // (a mask, not ?: : GCC turns that into a mispredicting branch)
        where ^= (where ^ first) & -static_cast<int64_t>(better);
      }
    }
    out[o] = static_cast<I>(where);
  }
}

template <bool kMax>
inline int32_t Reduce(__m256i v) {
  auto pick = [](__m128i a, __m128i b) {
    return kMax ? _mm_max_epi32(a, b) : _mm_min_epi32(a, b);
  };
  __m128i m = pick(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  m = pick(m, _mm_shuffle_epi32(m, 0x4e));
  m = pick(m, _mm_shuffle_epi32(m, 0xb1));
  return _mm_cvtsi128_si32(m);
}

template <bool kMax, typename I>
void RowsS32(const ArgMinMaxShape& s, const int32_t* in, I* out) {
  const int64_t c = s.axis_size;
  const __m256i worst = _mm256_set1_epi32(kMax ? std::numeric_limits<int32_t>::min()
                                               : std::numeric_limits<int32_t>::max());
  for (int64_t o = 0; o < s.outer; ++o) {
    const int32_t* row = in + o * c;
    int32_t best = row[0];
    int64_t where = 0;
    for (int64_t a0 = 0; a0 < c; a0 += kChunk32) {
      const __m256i in0 = LanesBelow(c - a0);
      const __m256i in1 = LanesBelow(c - a0 - 8);
      const __m256i v0 =
          _mm256_blendv_epi8(worst, _mm256_maskload_epi32(row + a0, in0), in0);
      const __m256i v1 =
          _mm256_blendv_epi8(worst, _mm256_maskload_epi32(row + a0 + 8, in1), in1);
      const int32_t chunk_best = kMax ? Reduce<true>(_mm256_max_epi32(v0, v1))
                                      : Reduce<false>(_mm256_min_epi32(v0, v1));
      // Selects, not a branch: which chunk wins is data-dependent.
      const bool better = kMax ? chunk_best > best : chunk_best < best;
      const __m256i target = _mm256_set1_epi32(chunk_best);
      const uint64_t hits =
          static_cast<uint64_t>(
            _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(v0, target)))) |
          (static_cast<uint64_t>(
             _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(v1, target))))
           << 8);
      const int64_t first = a0 + __builtin_ctzll(hits | (uint32_t{1} << 16));
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

// 8 values of T at p as float or int32 lanes.
template <typename T>
inline auto LoadLanes(const T* p) {
  if constexpr (std::is_same_v<T, float>) {
    return _mm256_loadu_ps(p);
  } else if constexpr (std::is_same_v<T, int32_t>) {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  } else if constexpr (std::is_signed_v<T>) {
    return _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)));
  } else {
    return _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)));
  }
}

// All-ones lanes where v is strictly better than best.
template <bool kMax>
inline __m256i Better(__m256 v, __m256 best) {
  return _mm256_castps_si256(kMax ? _mm256_cmp_ps(v, best, _CMP_GT_OQ)
                                  : _mm256_cmp_ps(v, best, _CMP_LT_OQ));
}

template <bool kMax>
inline __m256i Better(__m256i v, __m256i best) {
  return kMax ? _mm256_cmpgt_epi32(v, best) : _mm256_cmpgt_epi32(best, v);
}

inline __m256 Select(__m256 a, __m256i m, __m256 b) {
  return _mm256_blendv_ps(a, b, _mm256_castsi256_ps(m));
}
inline __m256i Select(__m256i a, __m256i m, __m256i b) { return _mm256_blendv_epi8(a, b, m); }

// A reduced axis that is not innermost: 8 inner positions per vector, each
// lane running the reference's comparisons from the axis' first value (a
// leading NaN is never replaced); the last positions (fewer than 8) run
// the same comparisons in scalar code.
template <bool kMax, typename T, typename I>
void Strided(const ArgMinMaxShape& s, const T* in, I* out) {
  const int64_t inner = s.inner;
  for (int64_t o = 0; o < s.outer; ++o) {
    const T* block = in + o * s.axis_size * inner;
    I* dst = out + o * inner;
    int64_t i0 = 0;
    for (; i0 + 8 <= inner; i0 += 8) {
      auto best = LoadLanes(block + i0);
      __m256i where = _mm256_setzero_si256();
      __m256i index = _mm256_set1_epi32(1);
      for (int64_t a = 1; a < s.axis_size; ++a) {
        const auto v = LoadLanes(block + a * inner + i0);
        const __m256i better = Better<kMax>(v, best);
        best = Select(best, better, v);
        where = _mm256_blendv_epi8(where, index, better);
        index = _mm256_add_epi32(index, _mm256_set1_epi32(1));
      }
      StoreIndices(where, dst + i0);
    }
    for (; i0 < inner; ++i0) {
      T best = block[i0];
      int64_t where = 0;
      for (int64_t a = 1; a < s.axis_size; ++a) {
        const T v = block[a * inner + i0];
        if (kMax ? v > best : v < best) {
          best = v;
          where = a;
        }
      }
      dst[i0] = static_cast<I>(where);
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
LF_DEFINE(f32_argminmax_16c__avx2, float)
LF_DEFINE(u8_argminmax_32c__avx2, uint8_t)
LF_DEFINE(s8_argminmax_32c__avx2, int8_t)
LF_DEFINE(s32_argminmax_16c__avx2, int32_t)
#undef LF_DEFINE

}  // namespace liteforge::kernels
