// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEON f32 GEMM micro-kernel: 8 rows x 8 channels. Accumulators take 16 of
// the 32 vector registers (two per row); each row's A values are loaded 4
// depths at a time into one register and applied lane by lane with
// FMLA (by element), so one pair of weight loads feeds 16 FMAs. Depths past
// the last multiple of 4 use one broadcast value per row. Every output
// still sees bias, then a[k] * w[k] fused for k = 0, 1, ..., K-1 in order
// (f32_gemm.h), whatever tile it lands in.

#include <arm_neon.h>

#include <cstddef>
#include <cstring>

#include "liteforge/kernels/gemm_f32/f32_gemm.h"

namespace liteforge::kernels {
namespace {

constexpr size_t kNr = 8;

// std::min(std::max(v, lo), hi) as compare-and-select: a NaN passes
// through, as in the reference kernels.
inline float32x4_t Clamp(float32x4_t v, float32x4_t lo, float32x4_t hi) {
  const float32x4_t m = vbslq_f32(vcltq_f32(v, lo), lo, v);
  return vbslq_f32(vcltq_f32(hi, m), hi, m);
}

// M rows x 8 channels; the first nc channels of each row are stored.
template <int M>
void Tile(size_t nc, size_t kc, const float* a, size_t a_stride, const float* w, float* c,
          size_t c_stride, F32MinMax act) {
  const float* rows[M];
  float32x4_t lo[M];
  float32x4_t hi[M];
  const float32x4_t bias_lo = vld1q_f32(w);
  const float32x4_t bias_hi = vld1q_f32(w + 4);
#pragma GCC unroll 8
  for (int m = 0; m < M; ++m) {
    rows[m] = a + static_cast<size_t>(m) * a_stride;
    lo[m] = bias_lo;
    hi[m] = bias_hi;
  }
  w += kNr;
  size_t k = 0;
  for (; k + 4 <= kc; k += 4) {
    float32x4_t x[M];
#pragma GCC unroll 8
    for (int m = 0; m < M; ++m) x[m] = vld1q_f32(rows[m] + k);
#define LF_F32_GEMM_DEPTH(lane)                                    \
  {                                                                \
    const float32x4_t w_lo = vld1q_f32(w + (lane) * kNr);          \
    const float32x4_t w_hi = vld1q_f32(w + (lane) * kNr + 4);      \
    _Pragma("GCC unroll 8") for (int m = 0; m < M; ++m) {          \
      lo[m] = vfmaq_laneq_f32(lo[m], w_lo, x[m], lane);            \
      hi[m] = vfmaq_laneq_f32(hi[m], w_hi, x[m], lane);            \
    }                                                              \
  }
    LF_F32_GEMM_DEPTH(0)
    LF_F32_GEMM_DEPTH(1)
    LF_F32_GEMM_DEPTH(2)
    LF_F32_GEMM_DEPTH(3)
#undef LF_F32_GEMM_DEPTH
    w += 4 * kNr;
  }
  for (; k < kc; ++k) {
    const float32x4_t w_lo = vld1q_f32(w);
    const float32x4_t w_hi = vld1q_f32(w + 4);
    w += kNr;
#pragma GCC unroll 8
    for (int m = 0; m < M; ++m) {
      const float x = rows[m][k];
      lo[m] = vfmaq_n_f32(lo[m], w_lo, x);
      hi[m] = vfmaq_n_f32(hi[m], w_hi, x);
    }
  }
  const float32x4_t vmin = vdupq_n_f32(act.min);
  const float32x4_t vmax = vdupq_n_f32(act.max);
  if (nc == kNr) {
#pragma GCC unroll 8
    for (int m = 0; m < M; ++m) {
      float* out = c + static_cast<size_t>(m) * c_stride;
      vst1q_f32(out, Clamp(lo[m], vmin, vmax));
      vst1q_f32(out + 4, Clamp(hi[m], vmin, vmax));
    }
  } else {
    // Unrolled like every other loop over rows, so lo/hi never need a
    // memory copy (a variable index would keep them on the stack).
#pragma GCC unroll 8
    for (int m = 0; m < M; ++m) {
      float buffer[kNr];
      vst1q_f32(buffer, Clamp(lo[m], vmin, vmax));
      vst1q_f32(buffer + 4, Clamp(hi[m], vmin, vmax));
      std::memcpy(c + static_cast<size_t>(m) * c_stride, buffer, nc * sizeof(float));
    }
  }
}

using TileFn = void (*)(size_t, size_t, const float*, size_t, const float*, float*, size_t,
                        F32MinMax);

constexpr TileFn kTiles[] = {Tile<1>, Tile<2>, Tile<3>, Tile<4>,
                             Tile<5>, Tile<6>, Tile<7>, Tile<8>};

}  // namespace

void f32_gemm_minmax_8x8__neon(size_t mr, size_t nc, size_t kc, const float* a, size_t a_stride,
                               const float* w, float* c, size_t c_stride, F32MinMax act) {
  kTiles[mr - 1](nc, kc, a, a_stride, w, c, c_stride, act);
}

}  // namespace liteforge::kernels
