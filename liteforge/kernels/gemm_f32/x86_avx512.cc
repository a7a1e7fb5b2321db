// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 f32 GEMM micro-kernel: 8 rows x 32 channels (two zmm registers of
// accumulators per row, 16 in all, plus two weight registers and one
// broadcast). Each k step loads one 32-float row of the packed panel and
// broadcasts one A value per row into 16 FMAs. A last panel with at most 16
// live channels runs a one-register-wide loop that skips the dead half.
// Built with the AVX-512 flags (cmake/LiteforgeHelpers.cmake); only called
// after CpuFeatures says the CPU has AVX-512.

#if defined(__x86_64__)

#include <immintrin.h>

#include <cstdint>

#include "liteforge/kernels/gemm_f32/f32_gemm.h"

namespace liteforge::kernels {
namespace {

constexpr size_t kNr = 32;

inline __m512 Clamp(__m512 v, __m512 lo, __m512 hi) {
  // Bound first: max/min return their second operand when either is NaN,
  // so a NaN accumulator passes through as in the reference kernels. The
  // all-lanes masked forms compile to plain vmaxps/vminps; the unmasked
  // intrinsics trip GCC 12's uninitialized warnings (their pass-through
  // operand is _mm512_undefined_ps()).
  const __mmask16 all = 0xFFFF;
  const __m512 floored = _mm512_mask_max_ps(v, all, lo, v);
  return _mm512_mask_min_ps(floored, all, hi, floored);
}

inline __mmask16 FirstLanes(size_t count) {
  return static_cast<__mmask16>((uint32_t{1} << count) - 1u);
}

// M rows x 32 channels (nc > 16).
template <int M>
void Tile32(size_t nc, size_t kc, const float* a, size_t a_stride, const float* w, float* c,
            size_t c_stride, F32MinMax act) {
  const float* rows[M];
  __m512 lo[M];
  __m512 hi[M];
  const __m512 bias_lo = _mm512_loadu_ps(w);
  const __m512 bias_hi = _mm512_loadu_ps(w + 16);
#pragma GCC unroll 8
  for (int m = 0; m < M; ++m) {
    rows[m] = a + static_cast<size_t>(m) * a_stride;
    lo[m] = bias_lo;
    hi[m] = bias_hi;
  }
  w += kNr;
  for (size_t k = 0; k < kc; ++k) {
    const __m512 w_lo = _mm512_loadu_ps(w);
    const __m512 w_hi = _mm512_loadu_ps(w + 16);
    w += kNr;
#pragma GCC unroll 8
    for (int m = 0; m < M; ++m) {
      const __m512 x = _mm512_set1_ps(rows[m][k]);
      lo[m] = _mm512_fmadd_ps(x, w_lo, lo[m]);
      hi[m] = _mm512_fmadd_ps(x, w_hi, hi[m]);
    }
  }
  const __m512 vmin = _mm512_set1_ps(act.min);
  const __m512 vmax = _mm512_set1_ps(act.max);
  if (nc == kNr) {
#pragma GCC unroll 8
    for (int m = 0; m < M; ++m) {
      float* out = c + static_cast<size_t>(m) * c_stride;
      _mm512_storeu_ps(out, Clamp(lo[m], vmin, vmax));
      _mm512_storeu_ps(out + 16, Clamp(hi[m], vmin, vmax));
    }
  } else {
    const __mmask16 mask = FirstLanes(nc - 16);
#pragma GCC unroll 8
    for (int m = 0; m < M; ++m) {
      float* out = c + static_cast<size_t>(m) * c_stride;
      _mm512_storeu_ps(out, Clamp(lo[m], vmin, vmax));
      _mm512_mask_storeu_ps(out + 16, mask, Clamp(hi[m], vmin, vmax));
    }
  }
}

// M rows x the first 16 channels of the panel (nc <= 16).
template <int M>
void Tile16(size_t nc, size_t kc, const float* a, size_t a_stride, const float* w, float* c,
            size_t c_stride, F32MinMax act) {
  const float* rows[M];
  __m512 acc[M];
  const __m512 bias = _mm512_loadu_ps(w);
#pragma GCC unroll 8
  for (int m = 0; m < M; ++m) {
    rows[m] = a + static_cast<size_t>(m) * a_stride;
    acc[m] = bias;
  }
  w += kNr;
  for (size_t k = 0; k < kc; ++k) {
    const __m512 wv = _mm512_loadu_ps(w);
    w += kNr;
#pragma GCC unroll 8
    for (int m = 0; m < M; ++m) {
      acc[m] = _mm512_fmadd_ps(_mm512_set1_ps(rows[m][k]), wv, acc[m]);
    }
  }
  const __m512 vmin = _mm512_set1_ps(act.min);
  const __m512 vmax = _mm512_set1_ps(act.max);
  const __mmask16 mask = FirstLanes(nc);
#pragma GCC unroll 8
  for (int m = 0; m < M; ++m) {
    _mm512_mask_storeu_ps(c + static_cast<size_t>(m) * c_stride, mask,
                          Clamp(acc[m], vmin, vmax));
  }
}

using TileFn = void (*)(size_t, size_t, const float*, size_t, const float*, float*, size_t,
                        F32MinMax);

constexpr TileFn kFull[] = {Tile32<1>, Tile32<2>, Tile32<3>, Tile32<4>,
                            Tile32<5>, Tile32<6>, Tile32<7>, Tile32<8>};
constexpr TileFn kHalf[] = {Tile16<1>, Tile16<2>, Tile16<3>, Tile16<4>,
                            Tile16<5>, Tile16<6>, Tile16<7>, Tile16<8>};

}  // namespace

void f32_gemm_minmax_8x32__avx512(size_t mr, size_t nc, size_t kc, const float* a,
                                  size_t a_stride, const float* w, float* c, size_t c_stride,
                                  F32MinMax act) {
  const TileFn* table = nc > 16 ? kFull : kHalf;
  table[mr - 1](nc, kc, a, a_stride, w, c, c_stride, act);
}

}  // namespace liteforge::kernels

#endif  // defined(__x86_64__)
