// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 + FMA f32 GEMM micro-kernel: 6 rows x 16 channels (two ymm registers
// of accumulators per row, 12 in all, plus two weight registers and one
// broadcast: 15 of the 16 ymm registers). A last panel with at most 8 live
// channels runs a one-register-wide loop. Built with the AVX2 flags
// (cmake/LiteforgeHelpers.cmake); only called after CpuFeatures says the CPU
// has AVX2 and FMA.

#if defined(__x86_64__)

#include <immintrin.h>

#include <cstdint>

#include "liteforge/kernels/gemm_f32/f32_gemm.h"

namespace liteforge::kernels {
namespace {

constexpr size_t kNr = 16;

inline __m256 Clamp(__m256 v, __m256 lo, __m256 hi) {
  // Bound first: max/min return their second operand when either is NaN,
  // so a NaN accumulator passes through as in the reference kernels.
  return _mm256_min_ps(hi, _mm256_max_ps(lo, v));
}

// All-ones in the first `count` (0..8) 32-bit lanes.
inline __m256i FirstLanes(size_t count) {
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(count)), lane);
}

// M rows x 16 channels (nc > 8).
template <int M>
void Tile16(size_t nc, size_t kc, const float* a, size_t a_stride, const float* w, float* c,
            size_t c_stride, F32MinMax act) {
  const float* rows[M];
  __m256 lo[M];
  __m256 hi[M];
  const __m256 bias_lo = _mm256_loadu_ps(w);
  const __m256 bias_hi = _mm256_loadu_ps(w + 8);
#pragma GCC unroll 6
  for (int m = 0; m < M; ++m) {
    rows[m] = a + static_cast<size_t>(m) * a_stride;
    lo[m] = bias_lo;
    hi[m] = bias_hi;
  }
  w += kNr;
  for (size_t k = 0; k < kc; ++k) {
    const __m256 w_lo = _mm256_loadu_ps(w);
    const __m256 w_hi = _mm256_loadu_ps(w + 8);
    w += kNr;
#pragma GCC unroll 6
    for (int m = 0; m < M; ++m) {
      const __m256 x = _mm256_broadcast_ss(rows[m] + k);
      lo[m] = _mm256_fmadd_ps(x, w_lo, lo[m]);
      hi[m] = _mm256_fmadd_ps(x, w_hi, hi[m]);
    }
  }
  const __m256 vmin = _mm256_set1_ps(act.min);
  const __m256 vmax = _mm256_set1_ps(act.max);
  if (nc == kNr) {
#pragma GCC unroll 6
    for (int m = 0; m < M; ++m) {
      float* out = c + static_cast<size_t>(m) * c_stride;
      _mm256_storeu_ps(out, Clamp(lo[m], vmin, vmax));
      _mm256_storeu_ps(out + 8, Clamp(hi[m], vmin, vmax));
    }
  } else {
    const __m256i mask = FirstLanes(nc - 8);
#pragma GCC unroll 6
    for (int m = 0; m < M; ++m) {
      float* out = c + static_cast<size_t>(m) * c_stride;
      _mm256_storeu_ps(out, Clamp(lo[m], vmin, vmax));
      _mm256_maskstore_ps(out + 8, mask, Clamp(hi[m], vmin, vmax));
    }
  }
}

// M rows x the first 8 channels of the panel (nc <= 8).
template <int M>
void Tile8(size_t nc, size_t kc, const float* a, size_t a_stride, const float* w, float* c,
           size_t c_stride, F32MinMax act) {
  const float* rows[M];
  __m256 acc[M];
  const __m256 bias = _mm256_loadu_ps(w);
#pragma GCC unroll 6
  for (int m = 0; m < M; ++m) {
    rows[m] = a + static_cast<size_t>(m) * a_stride;
    acc[m] = bias;
  }
  w += kNr;
  for (size_t k = 0; k < kc; ++k) {
    const __m256 wv = _mm256_loadu_ps(w);
    w += kNr;
#pragma GCC unroll 6
    for (int m = 0; m < M; ++m) {
      acc[m] = _mm256_fmadd_ps(_mm256_broadcast_ss(rows[m] + k), wv, acc[m]);
    }
  }
  const __m256 vmin = _mm256_set1_ps(act.min);
  const __m256 vmax = _mm256_set1_ps(act.max);
  if (nc == 8) {
#pragma GCC unroll 6
    for (int m = 0; m < M; ++m) {
      _mm256_storeu_ps(c + static_cast<size_t>(m) * c_stride, Clamp(acc[m], vmin, vmax));
    }
  } else {
    const __m256i mask = FirstLanes(nc);
#pragma GCC unroll 6
    for (int m = 0; m < M; ++m) {
      _mm256_maskstore_ps(c + static_cast<size_t>(m) * c_stride, mask,
                          Clamp(acc[m], vmin, vmax));
    }
  }
}

using TileFn = void (*)(size_t, size_t, const float*, size_t, const float*, float*, size_t,
                        F32MinMax);

constexpr TileFn kFull[] = {Tile16<1>, Tile16<2>, Tile16<3>, Tile16<4>, Tile16<5>, Tile16<6>};
constexpr TileFn kHalf[] = {Tile8<1>, Tile8<2>, Tile8<3>, Tile8<4>, Tile8<5>, Tile8<6>};

}  // namespace

void f32_gemm_minmax_6x16__avx2(size_t mr, size_t nc, size_t kc, const float* a,
                                size_t a_stride, const float* w, float* c, size_t c_stride,
                                F32MinMax act) {
  const TileFn* table = nc > 8 ? kFull : kHalf;
  table[mr - 1](nc, kc, a, a_stride, w, c, c_stride, act);
}

}  // namespace liteforge::kernels

#endif  // defined(__x86_64__)
