// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 RESIZE_BILINEAR for float32 and uint8: per output pixel, the four
// corner weights broadcast and 16 channels per step (a masked last step).
// Bit-exact with the reference (resize_variants.h): the same weights, and
// products rounded before each add in the reference's order.

// GCC 12.2 warns about the deliberately undefined vectors inside its own
// AVX-512 intrinsics (GCC bug 105593); the warnings are not about our code.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "liteforge/kernels/resize/reference.h"
#include "liteforge/kernels/resize/resize_variants.h"

namespace liteforge::kernels {
namespace {

constexpr int kLanes = 16;

// The compiler would contract a product and the add after it into an FMA
// (-ffp-contract=fast applies to intrinsics); the reference rounds the
// product first. An empty asm hides the product.
inline __m512 Product(__m512 x, __m512 w) {
  __m512 p = _mm512_mul_ps(x, w);
  __asm__("" : "+v"(p));
  return p;
}

inline __m512 Load(const float* p, __mmask16 mask) { return _mm512_maskz_loadu_ps(mask, p); }
inline __m512 Load(const uint8_t* p, __mmask16 mask) {
  return _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(mask, p)));
}

// float32: ((c0 * w0 + c1 * w1) + c2 * w2) + c3 * w3.
inline void Store(float* out, __mmask16 mask, __m512 sum) { _mm512_mask_storeu_ps(out, mask, sum); }

// uint8: (sum + 0.5) clamped to [0, 255], truncated.
inline void Store(uint8_t* out, __mmask16 mask, __m512 sum) {
  __m512 v = _mm512_add_ps(sum, _mm512_set1_ps(0.5f));
  // std::min(std::max(v, 0), 255) operand order (no NaN arises here).
  v = _mm512_min_ps(_mm512_max_ps(v, _mm512_setzero_ps()), _mm512_set1_ps(255.f));
  _mm_mask_storeu_epi8(out, mask, _mm512_cvtepi32_epi8(_mm512_cvttps_epi32(v)));
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
  const int tail = static_cast<int>(c % kLanes);
  const __mmask16 tail_mask = static_cast<__mmask16>((1u << tail) - 1u);
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
      // The reference's weights: (1 - dy)(1 - dx), (1 - dy)dx, dy(1 - dx), dy dx.
      const __m512 w0 = _mm512_set1_ps((1 - dy) * (1 - dx));
      const __m512 w1 = _mm512_set1_ps((1 - dy) * dx);
      const __m512 w2 = _mm512_set1_ps(dy * (1 - dx));
      const __m512 w3 = _mm512_set1_ps(dy * dx);
      const T* p0 = top + sx.lo * c;
      const T* p1 = top + sx.hi * c;
      const T* p2 = bottom + sx.lo * c;
      const T* p3 = bottom + sx.hi * c;
      const auto step = [&](ptrdiff_t ch, __mmask16 mask) {
        __m512 sum = Product(Load(p0 + ch, mask), w0);
        sum = _mm512_add_ps(sum, Product(Load(p1 + ch, mask), w1));
        sum = _mm512_add_ps(sum, Product(Load(p2 + ch, mask), w2));
        sum = _mm512_add_ps(sum, Product(Load(p3 + ch, mask), w3));
        Store(out + ch, mask, sum);
      };
      ptrdiff_t ch = 0;
      for (; ch + kLanes <= c; ch += kLanes) step(ch, static_cast<__mmask16>(0xFFFF));
      if (tail != 0) step(ch, tail_mask);
    }
  }
}

}  // namespace

void f32_resize_bilinear__avx512(const ResizeGeometry& g, const float* input, int row_begin,
                                 int row_end, float* output) {
  if (IsExactUpscale2x(g)) {
    f32_resize_bilinear__reference(g, input, row_begin, row_end, output);
    return;
  }
  Bilinear(g, input, row_begin, row_end, output);
}

void qu8_resize_bilinear__avx512(const ResizeGeometry& g, const uint8_t* input, int row_begin,
                                 int row_end, uint8_t* output) {
  Bilinear(g, input, row_begin, row_end, output);
}

}  // namespace liteforge::kernels
