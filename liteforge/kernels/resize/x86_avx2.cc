// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 RESIZE_BILINEAR for float32 and uint8, for CPUs without AVX-512: as
// x86_avx512.cc with 8 channels per step; the last partial step goes
// through small stack buffers (AVX2 has no masked byte loads), so that
// every channel takes the same vector arithmetic (a scalar tail here would
// be contracted into FMAs). Bit-exact with the reference.

#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "liteforge/kernels/resize/reference.h"
#include "liteforge/kernels/resize/resize_variants.h"

namespace liteforge::kernels {
namespace {

constexpr int kLanes = 8;

// Hides the product from FMA contraction (see x86_avx512.cc).
inline __m256 Product(__m256 x, __m256 w) {
  __m256 p = _mm256_mul_ps(x, w);
  __asm__("" : "+x"(p));
  return p;
}

inline __m256 Load(const float* p) { return _mm256_loadu_ps(p); }
inline __m256 Load(const uint8_t* p) {
  return _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p))));
}

inline void Store(float* out, __m256 sum) { _mm256_storeu_ps(out, sum); }

// (sum + 0.5) clamped to [0, 255], truncated; the low byte of each lane.
inline void Store(uint8_t* out, __m256 sum) {
  __m256 v = _mm256_add_ps(sum, _mm256_set1_ps(0.5f));
  v = _mm256_min_ps(_mm256_max_ps(v, _mm256_setzero_ps()), _mm256_set1_ps(255.f));
  const __m256i i = _mm256_cvttps_epi32(v);
  // Values are in [0, 255]: the saturating packs keep them.
  const __m128i words = _mm_packus_epi32(_mm256_castsi256_si128(i), _mm256_extracti128_si256(i, 1));
  _mm_storel_epi64(reinterpret_cast<__m128i*>(out), _mm_packus_epi16(words, words));
}

template <typename T>
void Bilinear(const ResizeGeometry& g, const T* input, int row_begin, int row_end, T* output) {
  if (row_begin >= row_end || g.out_w <= 0 || g.channels <= 0) return;
  std::vector<BilinearAxisSample> rows(static_cast<size_t>(g.out_h));
  std::vector<BilinearAxisSample> columns(static_cast<size_t>(g.out_w));
  ComputeBilinearAxis(g.in_h, g.out_h, g.align_corners, g.half_pixel_centers, rows.data());
  ComputeBilinearAxis(g.in_w, g.out_w, g.align_corners, g.half_pixel_centers, columns.data());
  const ptrdiff_t c = g.channels;
  const ptrdiff_t in_row = static_cast<ptrdiff_t>(g.in_w) * c;
  const ptrdiff_t in_image = in_row * g.in_h;
  const ptrdiff_t tail = c % kLanes;
  for (int r = row_begin; r < row_end; ++r) {
    const int b = r / g.out_h;
    const BilinearAxisSample& sy = rows[static_cast<size_t>(r % g.out_h)];
    const T* top = input + b * in_image + sy.lo * in_row;
    const T* bottom = input + b * in_image + sy.hi * in_row;
    const float dy = sy.frac;
    T* out = output + static_cast<ptrdiff_t>(r) * g.out_w * c;
    for (int x = 0; x < g.out_w; ++x, out += c) {
      const BilinearAxisSample& sx = columns[static_cast<size_t>(x)];
      const float dx = sx.frac;
      const __m256 w0 = _mm256_set1_ps((1 - dy) * (1 - dx));
      const __m256 w1 = _mm256_set1_ps((1 - dy) * dx);
      const __m256 w2 = _mm256_set1_ps(dy * (1 - dx));
      const __m256 w3 = _mm256_set1_ps(dy * dx);
      const T* p[4] = {top + sx.lo * c, top + sx.hi * c, bottom + sx.lo * c, bottom + sx.hi * c};
      const auto combine = [&](const T* a, const T* b1, const T* c1, const T* d, T* dst) {
        __m256 sum = Product(Load(a), w0);
        sum = _mm256_add_ps(sum, Product(Load(b1), w1));
        sum = _mm256_add_ps(sum, Product(Load(c1), w2));
        sum = _mm256_add_ps(sum, Product(Load(d), w3));
        Store(dst, sum);
      };
      ptrdiff_t ch = 0;
      for (; ch + kLanes <= c; ch += kLanes) combine(p[0] + ch, p[1] + ch, p[2] + ch, p[3] + ch, out + ch);
      if (tail != 0) {
        T in[4][kLanes] = {};
        T result[kLanes];
        for (int k = 0; k < 4; ++k) std::memcpy(in[k], p[k] + ch, static_cast<size_t>(tail) * sizeof(T));
        combine(in[0], in[1], in[2], in[3], result);
        std::memcpy(out + ch, result, static_cast<size_t>(tail) * sizeof(T));
      }
    }
  }
}

}  // namespace

void f32_resize_bilinear__avx2(const ResizeGeometry& g, const float* input, int row_begin,
                               int row_end, float* output) {
  if (IsExactUpscale2x(g)) {
    f32_resize_bilinear__reference(g, input, row_begin, row_end, output);
    return;
  }
  Bilinear(g, input, row_begin, row_end, output);
}

void qu8_resize_bilinear__avx2(const ResizeGeometry& g, const uint8_t* input, int row_begin,
                               int row_end, uint8_t* output) {
  Bilinear(g, input, row_begin, row_end, output);
}

}  // namespace liteforge::kernels
