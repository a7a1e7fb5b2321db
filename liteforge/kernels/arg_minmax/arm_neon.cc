// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEON ARG_MAX / ARG_MIN over the innermost axis: the per-row method of
// x86_avx512.cc (arg_minmax_variants.h) with 16-byte vectors and AArch64's
// across-vector minimum (UMINV) in place of PHMINPOSUW:
//   * 8-bit: 32 elements per chunk become 16-bit rank << 8 | position keys;
//     the smallest key is the best value at its first position;
//   * float32 / int32: 16 elements per chunk, the best value by FMAX/SMAX
//     (NaNs replaced by the worst value first), then the smallest position
//     holding it.
// NEON has no masked loads: a chunk loads whole vectors where they lie
// inside the input and selects the never-winning fill for lanes past the
// row; vectors that would leave the input are copied to a buffer first.
// Bit-exact with the reference.

#include <arm_neon.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "liteforge/kernels/arg_minmax/arg_minmax_variants.h"
#include "liteforge/kernels/arg_minmax/reference.h"

namespace liteforge::kernels {
namespace {

constexpr uint8_t kByteIndex[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
constexpr uint16_t kPositions[32] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
                                     11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                                     22, 23, 24, 25, 26, 27, 28, 29, 30, 31};
constexpr uint32_t kLaneIndex[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

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

// 16 bytes at p of which the first n (0..16) are real, `fill` elsewhere;
// never reads at or past `end`.
inline uint8x16_t LoadBytes(const uint8_t* p, int64_t n, const uint8_t* end, uint8x16_t fill) {
  if (n <= 0) return fill;
  uint8x16_t v;
  if (end - p >= 16) {
    v = vld1q_u8(p);
  } else {
    uint8_t tail[16];
    std::memset(tail, 0, sizeof(tail));
    std::memcpy(tail, p, static_cast<size_t>(std::min<int64_t>(n, 16)));
    v = vld1q_u8(tail);
  }
  if (n >= 16) return v;
  const uint8x16_t inside = vcltq_u8(vld1q_u8(kByteIndex), vdupq_n_u8(static_cast<uint8_t>(n)));
  return vbslq_u8(inside, v, fill);
}

template <bool kMax, typename T, typename I>
void Rows8Bit(const ArgMinMaxShape& s, const T* in, I* out) {
  const int64_t c = s.axis_size;
  // XOR turning a raw byte into its rank: unsigned order (s8: flip the
  // sign bit), then reversed for ARG_MAX. Rank 0 is the best value.
  constexpr uint8_t kToUnsigned = std::is_signed_v<T> ? 0x80 : 0x00;
  constexpr uint8_t kRankXor = kMax ? (kToUnsigned ^ 0xff) : kToUnsigned;
  const uint8x16_t rank_xor = vdupq_n_u8(kRankXor);
  const uint8x16_t fill = vdupq_n_u8(static_cast<uint8_t>(kRankXor ^ 0xff));  // rank 255
  const uint16x8_t p0 = vld1q_u16(kPositions);
  const uint16x8_t p1 = vld1q_u16(kPositions + 8);
  const uint16x8_t p2 = vld1q_u16(kPositions + 16);
  const uint16x8_t p3 = vld1q_u16(kPositions + 24);
  const uint8_t* end = reinterpret_cast<const uint8_t*>(in + s.outer * c);
  for (int64_t o = 0; o < s.outer; ++o) {
    const uint8_t* row = reinterpret_cast<const uint8_t*>(in + o * c);
    int best_rank = 256;
    int64_t where = 0;
    for (int64_t a0 = 0; a0 < c; a0 += 32) {
      const int64_t n = c - a0;
      const uint8x16_t r0 = veorq_u8(LoadBytes(row + a0, n, end, fill), rank_xor);
      const uint8x16_t r1 = veorq_u8(LoadBytes(row + a0 + 16, n - 16, end, fill), rank_xor);
      const uint16x8_t k0 = vorrq_u16(vshll_n_u8(vget_low_u8(r0), 8), p0);
      const uint16x8_t k1 = vorrq_u16(vshll_high_n_u8(r0, 8), p1);
      const uint16x8_t k2 = vorrq_u16(vshll_n_u8(vget_low_u8(r1), 8), p2);
      const uint16x8_t k3 = vorrq_u16(vshll_high_n_u8(r1, 8), p3);
      const int key = vminvq_u16(vminq_u16(vminq_u16(k0, k1), vminq_u16(k2, k3)));
      const bool better = (key >> 8) < best_rank;  // strictly better than earlier chunks
      best_rank = better ? key >> 8 : best_rank;
      where = better ? a0 + (key & 0xff) : where;
    }
    out[o] = static_cast<I>(where);
  }
}

// The smallest position (0..15) whose lane is set in any of four masks;
// 16 when none is.
inline uint32_t FirstSet(const uint32x4_t (&hit)[4]) {
  const uint32x4_t none = vdupq_n_u32(16);
  uint32x4_t m = vbslq_u32(hit[0], vld1q_u32(kLaneIndex), none);
  m = vminq_u32(m, vbslq_u32(hit[1], vld1q_u32(kLaneIndex + 4), none));
  m = vminq_u32(m, vbslq_u32(hit[2], vld1q_u32(kLaneIndex + 8), none));
  m = vminq_u32(m, vbslq_u32(hit[3], vld1q_u32(kLaneIndex + 12), none));
  return vminvq_u32(m);
}

// Lane mask for elements a0 + 4 * k + lane < c.
inline uint32x4_t Inside(int64_t n) {
  const uint32_t clamped = static_cast<uint32_t>(std::clamp<int64_t>(n, 0, 4));
  return vcltq_u32(vld1q_u32(kLaneIndex), vdupq_n_u32(clamped));
}

template <bool kMax, typename T, typename I>
void Rows32Bit(const ArgMinMaxShape& s, const T* in, I* out) {
  constexpr bool kFloat = std::is_same_v<T, float>;
  const int64_t c = s.axis_size;
  T worst_value;
  if constexpr (kFloat) {
    worst_value = kMax ? -std::numeric_limits<float>::infinity()
                       : std::numeric_limits<float>::infinity();
  } else {
    worst_value = kMax ? std::numeric_limits<int32_t>::min() : std::numeric_limits<int32_t>::max();
  }
  uint32_t worst_bits;
  std::memcpy(&worst_bits, &worst_value, sizeof(worst_bits));
  const uint32x4_t worst = vdupq_n_u32(worst_bits);
  const T* end = in + s.outer * c;
  for (int64_t o = 0; o < s.outer; ++o) {
    const T* row = in + o * c;
    T best = row[0];
    int64_t where = 0;
    if constexpr (kFloat) {
      if (best != best) {  // a leading NaN is never replaced: index 0
        out[o] = 0;
        continue;
      }
    }
    for (int64_t a0 = 0; a0 < c; a0 += 16) {
      uint32x4_t v[4];
      for (int k = 0; k < 4; ++k) {
        const int64_t n = c - a0 - 4 * k;
        const T* p = row + a0 + 4 * k;
        if (n <= 0) {
          v[k] = worst;
          continue;
        }
        uint32x4_t raw;
        if (end - p >= 4) {
          raw = vld1q_u32(reinterpret_cast<const uint32_t*>(p));
        } else {
          uint32_t tail[4] = {0, 0, 0, 0};
          std::memcpy(tail, p, static_cast<size_t>(n) * sizeof(T));
          raw = vld1q_u32(tail);
        }
        uint32x4_t keep = Inside(n);
        if constexpr (kFloat) {
          // NaNs become the worst value: they never win, as in the reference.
          const float32x4_t f = vreinterpretq_f32_u32(raw);
          keep = vandq_u32(keep, vceqq_f32(f, f));
        }
        v[k] = vbslq_u32(keep, raw, worst);
      }
      T chunk_best;
      uint32x4_t hit[4];
      if constexpr (kFloat) {
        float32x4_t f[4];
        for (int k = 0; k < 4; ++k) f[k] = vreinterpretq_f32_u32(v[k]);
        chunk_best = kMax ? vmaxvq_f32(vmaxq_f32(vmaxq_f32(f[0], f[1]), vmaxq_f32(f[2], f[3])))
                          : vminvq_f32(vminq_f32(vminq_f32(f[0], f[1]), vminq_f32(f[2], f[3])));
        const float32x4_t target = vdupq_n_f32(chunk_best);
        for (int k = 0; k < 4; ++k) hit[k] = vceqq_f32(f[k], target);
      } else {
        int32x4_t x[4];
        for (int k = 0; k < 4; ++k) x[k] = vreinterpretq_s32_u32(v[k]);
        chunk_best = kMax ? vmaxvq_s32(vmaxq_s32(vmaxq_s32(x[0], x[1]), vmaxq_s32(x[2], x[3])))
                          : vminvq_s32(vminq_s32(vminq_s32(x[0], x[1]), vminq_s32(x[2], x[3])));
        const int32x4_t target = vdupq_n_s32(chunk_best);
        for (int k = 0; k < 4; ++k) hit[k] = vceqq_s32(x[k], target);
      }
      // Selects, not a branch: which chunk wins is data-dependent.
      const bool better = kMax ? chunk_best > best : chunk_best < best;
      const int64_t first = a0 + FirstSet(hit);
      best = better ? chunk_best : best;
      where ^= (where ^ first) & -static_cast<int64_t>(better);
    }
    out[o] = static_cast<I>(where);
  }
}

template <bool kMax, typename T, typename I>
void Innermost(const ArgMinMaxShape& s, const T* in, I* out) {
  if constexpr (sizeof(T) == 4) {
    Rows32Bit<kMax>(s, in, out);
  } else {
    Rows8Bit<kMax>(s, in, out);
  }
}

template <typename T, typename I>
void Dispatch(const ArgMinMaxShape& s, bool is_max, const T* in, I* out) {
  if (s.inner != 1 || s.axis_size > std::numeric_limits<int32_t>::max()) {
    return Reference(s, is_max, in, out);
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
LF_DEFINE(f32_argminmax_16c__neon, float)
LF_DEFINE(u8_argminmax_32c__neon, uint8_t)
LF_DEFINE(s8_argminmax_32c__neon, int8_t)
LF_DEFINE(s32_argminmax_16c__neon, int32_t)
#undef LF_DEFINE

}  // namespace liteforge::kernels
