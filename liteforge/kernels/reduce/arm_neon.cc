// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEON summation for MEAN / SUM (reduce_variants.h): reduced-then-kept
// layouts keep 16 outputs in four accumulators while walking the reduced
// rows (float in the reference's order, 8-bit widened to 32-bit lanes),
// then 4 (float) or 8 (8-bit) at a time, then scalar code doing the same
// additions. 8-bit rows reduced innermost add pairwise into 16-bit and then
// 32-bit lanes (UADDLP / UADALP, signed forms for int8), which wrap
// modulo 2^32 like the reference's int32 sum.

#include <arm_neon.h>

#include <cstdint>
#include <type_traits>

#include "liteforge/kernels/reduce/reduce_variants.h"

namespace liteforge::kernels {
namespace {

void ColumnsF32(int64_t outer, int64_t rows, int64_t kept, const float* in, float* out) {
  for (int64_t o = 0; o < outer; ++o) {
    const float* src = in + o * rows * kept;
    float* dst = out + o * kept;
    int64_t j = 0;
    for (; j + 16 <= kept; j += 16) {
      // Row 0 is each output's first input, then rows in order: the
      // reference's sequence of float additions, lane by lane.
      float32x4_t a0 = vld1q_f32(src + j);
      float32x4_t a1 = vld1q_f32(src + j + 4);
      float32x4_t a2 = vld1q_f32(src + j + 8);
      float32x4_t a3 = vld1q_f32(src + j + 12);
      for (int64_t y = 1; y < rows; ++y) {
        const float* row = src + y * kept + j;
        a0 = vaddq_f32(a0, vld1q_f32(row));
        a1 = vaddq_f32(a1, vld1q_f32(row + 4));
        a2 = vaddq_f32(a2, vld1q_f32(row + 8));
        a3 = vaddq_f32(a3, vld1q_f32(row + 12));
      }
      vst1q_f32(dst + j, a0);
      vst1q_f32(dst + j + 4, a1);
      vst1q_f32(dst + j + 8, a2);
      vst1q_f32(dst + j + 12, a3);
    }
    for (; j + 4 <= kept; j += 4) {
      float32x4_t a = vld1q_f32(src + j);
      for (int64_t y = 1; y < rows; ++y) a = vaddq_f32(a, vld1q_f32(src + y * kept + j));
      vst1q_f32(dst + j, a);
    }
    for (; j < kept; ++j) {
      float a = src[j];
      for (int64_t y = 1; y < rows; ++y) a = a + src[y * kept + j];
      dst[j] = a;
    }
  }
}

// 8 bytes at p widened to two int32x4 halves added into a[0], a[1].
template <typename T>
inline void Add8(const T* p, int32x4_t* a) {
  if constexpr (std::is_signed_v<T>) {
    const int16x8_t w = vmovl_s8(vld1_s8(p));
    a[0] = vaddw_s16(a[0], vget_low_s16(w));
    a[1] = vaddw_s16(a[1], vget_high_s16(w));
  } else {
    const uint16x8_t w = vmovl_u8(vld1_u8(p));
    a[0] = vreinterpretq_s32_u32(vaddw_u16(vreinterpretq_u32_s32(a[0]), vget_low_u16(w)));
    a[1] = vreinterpretq_s32_u32(vaddw_u16(vreinterpretq_u32_s32(a[1]), vget_high_u16(w)));
  }
}

template <typename T>
void Columns8Bit(int64_t outer, int64_t rows, int64_t kept, const T* in, int32_t* out) {
  for (int64_t o = 0; o < outer; ++o) {
    const T* src = in + o * rows * kept;
    int32_t* dst = out + o * kept;
    int64_t j = 0;
    for (; j + 16 <= kept; j += 16) {
      int32x4_t a[4] = {vdupq_n_s32(0), vdupq_n_s32(0), vdupq_n_s32(0), vdupq_n_s32(0)};
      for (int64_t y = 0; y < rows; ++y) {
        const T* row = src + y * kept + j;
        Add8(row, a);
        Add8(row + 8, a + 2);
      }
      for (int k = 0; k < 4; ++k) vst1q_s32(dst + j + 4 * k, a[k]);
    }
    for (; j + 8 <= kept; j += 8) {
      int32x4_t a[2] = {vdupq_n_s32(0), vdupq_n_s32(0)};
      for (int64_t y = 0; y < rows; ++y) Add8(src + y * kept + j, a);
      vst1q_s32(dst + j, a[0]);
      vst1q_s32(dst + j + 4, a[1]);
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
  for (int64_t r = 0; r < rows; ++r) {
    const T* src = in + r * n;
    uint32_t total = 0;  // modulo 2^32, as the reference's wrapping int32 sum
    int64_t j = 0;
    if constexpr (std::is_signed_v<T>) {
      int32x4_t acc = vdupq_n_s32(0);
      for (; j + 16 <= n; j += 16) acc = vpadalq_s16(acc, vpaddlq_s8(vld1q_s8(src + j)));
      total = vaddvq_u32(vreinterpretq_u32_s32(acc));
    } else {
      uint32x4_t acc = vdupq_n_u32(0);
      for (; j + 16 <= n; j += 16) acc = vpadalq_u16(acc, vpaddlq_u8(vld1q_u8(src + j)));
      total = vaddvq_u32(acc);
    }
    for (; j < n; ++j) total += static_cast<uint32_t>(static_cast<int32_t>(src[j]));
    out[r] = static_cast<int32_t>(total);
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

bool f32_sum_16c__neon(const ReducePlan& p, const float* in, float* out) {
  int64_t outer = 0, rows = 0, kept = 0;
  if (!ReducedThenKept(p, &outer, &rows, &kept)) return false;
  ColumnsF32(outer, rows, kept, in, out);
  return true;
}

bool u8_sum_16c__neon(const ReducePlan& p, const uint8_t* in, int32_t* sums) {
  return Sum8Bit(p, in, sums);
}

bool s8_sum_16c__neon(const ReducePlan& p, const int8_t* in, int32_t* sums) {
  return Sum8Bit(p, in, sums);
}

}  // namespace liteforge::kernels
