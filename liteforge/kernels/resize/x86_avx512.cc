// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 RESIZE_BILINEAR for float32, uint8 and int8.
//   float32, and uint8 in general: per output pixel, the four corner
//     weights broadcast and 16 channels per step (a masked last step).
//     Bit-exact with the reference (resize_variants.h): the same weights,
//     and products rounded before each add in the reference's order.
//   int8, and uint8 when its float arithmetic is exact
//     (ComputeQu8ExactBilinearAxes): integers, vertical pass first. Per
//     output row the two source rows are blended into one row of the input's
//     width (int32 for int8, int16 for uint8), then every output pixel
//     blends two pixels of that row. Integer sums are exact, so this
//     grouping gives the reference's values (reference.h).

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

// The same on 8 lanes, for a channel tail of at most 8: a 512-bit step
// costs two 256-bit ones on CPUs that split them, masked-off lanes included.
inline __m256 Product(__m256 x, __m256 w) {
  __m256 p = _mm256_mul_ps(x, w);
  __asm__("" : "+v"(p));
  return p;
}
inline __m256 Load8(const float* p, __mmask8 mask) {
  return mask == 0xFF ? _mm256_loadu_ps(p) : _mm256_maskz_loadu_ps(mask, p);
}
inline __m256 Load8(const uint8_t* p, __mmask8 mask) {
  return _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_maskz_loadu_epi8(mask, p)));
}
inline void Store8(float* out, __mmask8 mask, __m256 sum) {
  if (mask == 0xFF) {
    _mm256_storeu_ps(out, sum);
  } else {
    _mm256_mask_storeu_ps(out, mask, sum);
  }
}
inline void Store8(uint8_t* out, __mmask8 mask, __m256 sum) {
  __m256 v = _mm256_add_ps(sum, _mm256_set1_ps(0.5f));
  v = _mm256_min_ps(_mm256_max_ps(v, _mm256_setzero_ps()), _mm256_set1_ps(255.f));
  _mm_mask_storeu_epi8(out, mask, _mm256_cvtepi32_epi8(_mm256_cvttps_epi32(v)));
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
      const float w0 = (1 - dy) * (1 - dx);
      const float w1 = (1 - dy) * dx;
      const float w2 = dy * (1 - dx);
      const float w3 = dy * dx;
      const T* p0 = top + sx.lo * c;
      const T* p1 = top + sx.hi * c;
      const T* p2 = bottom + sx.lo * c;
      const T* p3 = bottom + sx.hi * c;
      const auto step = [&](ptrdiff_t ch, __mmask16 mask) {
        __m512 sum = Product(Load(p0 + ch, mask), _mm512_set1_ps(w0));
        sum = _mm512_add_ps(sum, Product(Load(p1 + ch, mask), _mm512_set1_ps(w1)));
        sum = _mm512_add_ps(sum, Product(Load(p2 + ch, mask), _mm512_set1_ps(w2)));
        sum = _mm512_add_ps(sum, Product(Load(p3 + ch, mask), _mm512_set1_ps(w3)));
        Store(out + ch, mask, sum);
      };
      const auto step8 = [&](ptrdiff_t ch, __mmask8 mask) {
        __m256 sum = Product(Load8(p0 + ch, mask), _mm256_set1_ps(w0));
        sum = _mm256_add_ps(sum, Product(Load8(p1 + ch, mask), _mm256_set1_ps(w1)));
        sum = _mm256_add_ps(sum, Product(Load8(p2 + ch, mask), _mm256_set1_ps(w2)));
        sum = _mm256_add_ps(sum, Product(Load8(p3 + ch, mask), _mm256_set1_ps(w3)));
        Store8(out + ch, mask, sum);
      };
      ptrdiff_t ch = 0;
      for (; ch + kLanes <= c; ch += kLanes) step(ch, static_cast<__mmask16>(0xFFFF));
      if (tail > 8) {
        step(ch, tail_mask);
      } else if (tail != 0) {
        step8(ch, static_cast<__mmask8>(tail_mask));
      }
    }
  }
}

// ---- integer paths ---------------------------------------------------------

// Axis tables of one call (rows and columns) and the blended source row,
// padded so that full-vector loads starting at any channel of any pixel
// stay inside it.
template <typename Acc>
struct IntegerPlan {
  std::vector<IntegerAxisSample> rows;
  std::vector<IntegerAxisSample> columns;
  std::vector<Acc> blend;
  IntegerPlan(const ResizeGeometry& g, int pad)
      : rows(static_cast<size_t>(g.out_h)),
        columns(static_cast<size_t>(g.out_w)),
        blend(static_cast<size_t>(g.in_w) * static_cast<size_t>(g.channels) +
              static_cast<size_t>(pad)) {}
};

inline __mmask16 Mask16(ptrdiff_t n) {
  return n >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << n) - 1u);
}
inline __mmask32 Mask32(ptrdiff_t n) {
  return n >= 32 ? ~__mmask32{0} : static_cast<__mmask32>((1u << n) - 1u);
}

// Per output column of an integer path: where its two source pixels start in
// the blend row, and its weight(s) as the horizontal step takes them.
struct Tap {
  ptrdiff_t left;
  ptrdiff_t right;
  int32_t weights;
};

// One step of the int8 horizontal blend: (left * 2^10 + (right - left) * wx),
// rounded half away from zero (the magnitude rounded half up, the sign put
// back) >> 20, saturated to int8 (the reference's clamp), stored under `mask`.
inline void Qs8Step(const int32_t* left, const int32_t* right, __m512i wx, __mmask16 mask,
                    int8_t* out) {
  const __m512i l = _mm512_loadu_si512(left);
  const __m512i acc = _mm512_add_epi32(_mm512_slli_epi32(l, kQs8WeightBits),
                                       _mm512_mullo_epi32(_mm512_sub_epi32(_mm512_loadu_si512(right), l), wx));
  const __m512i mag =
      _mm512_srli_epi32(_mm512_add_epi32(_mm512_abs_epi32(acc), _mm512_set1_epi32(1 << 19)), 20);
  const __mmask16 negative = _mm512_cmplt_epi32_mask(acc, _mm512_setzero_si512());
  const __m512i q = _mm512_mask_sub_epi32(mag, negative, _mm512_setzero_si512(), mag);
  _mm_mask_storeu_epi8(out, mask, _mm512_cvtsepi32_epi8(q));
}
inline void Qs8Step(const int32_t* left, const int32_t* right, __m256i wx, __mmask16 mask,
                    int8_t* out) {
  const __m256i l = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(left));
  const __m256i h = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(right));
  const __m256i acc = _mm256_add_epi32(_mm256_slli_epi32(l, kQs8WeightBits),
                                       _mm256_mullo_epi32(_mm256_sub_epi32(h, l), wx));
  // sign_epi32 zeroes where acc is 0, whose magnitude rounds to 0 anyway.
  const __m256i q = _mm256_sign_epi32(
      _mm256_srli_epi32(_mm256_add_epi32(_mm256_abs_epi32(acc), _mm256_set1_epi32(1 << 19)), 20), acc);
  _mm_mask_storeu_epi8(out, mask, _mm256_cvtsepi32_epi8(q));
}

// int8: blend[i] = top[i] * 2^10 + (bottom[i] - top[i]) * wy (int32), then
// out = round_half_away((blend[lo] * 2^10 + (blend[hi] - blend[lo]) * wx) / 2^20)
// saturated to int8. |blend| <= 2^17 and |sum| <= 2^27: no overflow.
void Qs8Rows(const ResizeGeometry& g, const int8_t* input, int row_begin, int row_end,
             int8_t* output) {
  IntegerPlan<int32_t> plan(g, kLanes);
  ComputeQs8BilinearAxis(g.in_h, g.out_h, g.align_corners, g.half_pixel_centers,
                         plan.rows.data());
  ComputeQs8BilinearAxis(g.in_w, g.out_w, g.align_corners, g.half_pixel_centers,
                         plan.columns.data());
  const ptrdiff_t c = g.channels;
  const ptrdiff_t in_row = static_cast<ptrdiff_t>(g.in_w) * c;
  const ptrdiff_t in_image = in_row * g.in_h;
  const __mmask16 tail_mask = Mask16(c % kLanes == 0 ? kLanes : c % kLanes);
  int32_t* blend = plan.blend.data();
  std::vector<Tap> taps(static_cast<size_t>(g.out_w));
  for (int x = 0; x < g.out_w; ++x) {
    const IntegerAxisSample& sx = plan.columns[static_cast<size_t>(x)];
    taps[static_cast<size_t>(x)] = {static_cast<ptrdiff_t>(sx.lo) * c,
                                    static_cast<ptrdiff_t>(sx.hi) * c, sx.weight};
  }
  for (int r = row_begin; r < row_end; ++r) {
    const int b = r / g.out_h;
    const IntegerAxisSample& sy = plan.rows[static_cast<size_t>(r % g.out_h)];
    const int8_t* top = input + b * in_image + sy.lo * in_row;
    const int8_t* bottom = input + b * in_image + sy.hi * in_row;
    const __m512i wy = _mm512_set1_epi32(sy.weight);
    for (ptrdiff_t i = 0; i < in_row; i += kLanes) {
      const __mmask16 m = Mask16(in_row - i);
      const __m512i t = _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(m, top + i));
      __m512i v = _mm512_slli_epi32(t, kQs8WeightBits);
      if (sy.weight != 0) {
        const __m512i d = _mm512_sub_epi32(_mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(m, bottom + i)), t);
        v = _mm512_add_epi32(v, _mm512_mullo_epi32(d, wy));
      }
      _mm512_storeu_si512(blend + i, v);  // the padding absorbs the last step
    }
    int8_t* out = output + static_cast<ptrdiff_t>(r) * g.out_w * c;
    if (c <= 8) {  // one 256-bit step per pixel
      const __mmask16 m = static_cast<__mmask16>((1u << c) - 1u);
      for (const Tap& t : taps) {
        Qs8Step(blend + t.left, blend + t.right, _mm256_set1_epi32(t.weights), m, out);
        out += c;
      }
    } else if (c <= kLanes) {  // one 512-bit step per pixel
      for (const Tap& t : taps) {
        Qs8Step(blend + t.left, blend + t.right, _mm512_set1_epi32(t.weights), tail_mask, out);
        out += c;
      }
    } else {
      for (const Tap& t : taps) {
        const int32_t* left = blend + t.left;
        const int32_t* right = blend + t.right;
        const __m512i wx = _mm512_set1_epi32(t.weights);
        ptrdiff_t ch = 0;
        for (; ch + 8 < c; ch += kLanes) {
          Qs8Step(left + ch, right + ch, wx,
                  ch + kLanes <= c ? static_cast<__mmask16>(0xFFFF) : tail_mask, out + ch);
        }
        if (ch < c) {  // at most 8 channels left: one 256-bit step
          Qs8Step(left + ch, right + ch, _mm512_castsi512_si256(wx),
                  static_cast<__mmask16>((1u << (c - ch)) - 1u), out + ch);
        }
        out += c;
      }
    }
  }
}

// One step of the uint8 horizontal blend: words (left, right) paired up,
// multiplied by the weight pair and summed, >> 14, the low bytes stored
// under `mask`. unpack and pack work within 128-bit lanes alike, so the
// channel order comes back.
inline void Qu8ExactStep(const int16_t* left, const int16_t* right, __m512i w, __mmask32 mask,
                         uint8_t* out) {
  constexpr int kShift = 2 * kQu8ExactWeightBits;
  const __m512i l = _mm512_loadu_si512(left);
  const __m512i h = _mm512_loadu_si512(right);
  const __m512i lo = _mm512_srli_epi32(_mm512_madd_epi16(_mm512_unpacklo_epi16(l, h), w), kShift);
  const __m512i hi = _mm512_srli_epi32(_mm512_madd_epi16(_mm512_unpackhi_epi16(l, h), w), kShift);
  _mm256_mask_storeu_epi8(out, mask, _mm512_cvtepi16_epi8(_mm512_packs_epi32(lo, hi)));
}
inline void Qu8ExactStep(const int16_t* left, const int16_t* right, __m256i w, __mmask16 mask,
                         uint8_t* out) {
  constexpr int kShift = 2 * kQu8ExactWeightBits;
  const __m256i l = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(left));
  const __m256i h = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(right));
  const __m256i lo = _mm256_srli_epi32(_mm256_madd_epi16(_mm256_unpacklo_epi16(l, h), w), kShift);
  const __m256i hi = _mm256_srli_epi32(_mm256_madd_epi16(_mm256_unpackhi_epi16(l, h), w), kShift);
  _mm_mask_storeu_epi8(out, mask, _mm256_cvtepi16_epi8(_mm256_packs_epi32(lo, hi)));
}

// uint8 with exact float arithmetic: blend[i] = top[i] * 2^7 + (bottom[i] -
// top[i]) * wy + 2^6 in [2^6, 255 * 2^7 + 2^6] (int16), then
// out = (blend[lo] * (2^7 - wx) + blend[hi] * wx) >> 14 by a multiply-add of
// (lo, hi) word pairs, 32 channels per step: the horizontal weights sum to
// 2^7, so the 2^6 carried by each blend value adds the rounding 2^13.
void Qu8ExactRows(const ResizeGeometry& g, IntegerPlan<int16_t>& plan, const uint8_t* input,
                  int row_begin, int row_end, uint8_t* output) {
  constexpr int kWords = 32;
  constexpr int kBits = kQu8ExactWeightBits;
  const ptrdiff_t c = g.channels;
  const ptrdiff_t in_row = static_cast<ptrdiff_t>(g.in_w) * c;
  const ptrdiff_t in_image = in_row * g.in_h;
  const __mmask32 tail_mask = Mask32(c % kWords == 0 ? kWords : c % kWords);
  const __m512i half = _mm512_set1_epi16(1 << (kBits - 1));
  int16_t* blend = plan.blend.data();
  // The multiply-add's word pair ((2^7 - wx), wx) per column.
  std::vector<Tap> taps(static_cast<size_t>(g.out_w));
  for (int x = 0; x < g.out_w; ++x) {
    const IntegerAxisSample& sx = plan.columns[static_cast<size_t>(x)];
    taps[static_cast<size_t>(x)] = {
        static_cast<ptrdiff_t>(sx.lo) * c, static_cast<ptrdiff_t>(sx.hi) * c,
        static_cast<int32_t>((static_cast<uint32_t>(sx.weight) << 16) |
                             static_cast<uint32_t>((1 << kBits) - sx.weight))};
  }
  for (int r = row_begin; r < row_end; ++r) {
    const int b = r / g.out_h;
    const IntegerAxisSample& sy = plan.rows[static_cast<size_t>(r % g.out_h)];
    const uint8_t* top = input + b * in_image + sy.lo * in_row;
    const uint8_t* bottom = input + b * in_image + sy.hi * in_row;
    const __m512i wy = _mm512_set1_epi16(static_cast<int16_t>(sy.weight));
    for (ptrdiff_t i = 0; i < in_row; i += kWords) {
      const __mmask32 m = Mask32(in_row - i);
      const __m512i t = _mm512_cvtepu8_epi16(_mm256_maskz_loadu_epi8(m, top + i));
      __m512i v = _mm512_add_epi16(_mm512_slli_epi16(t, kBits), half);
      if (sy.weight != 0) {
        const __m512i d = _mm512_sub_epi16(_mm512_cvtepu8_epi16(_mm256_maskz_loadu_epi8(m, bottom + i)), t);
        v = _mm512_add_epi16(v, _mm512_mullo_epi16(d, wy));
      }
      _mm512_storeu_si512(blend + i, v);
    }
    uint8_t* out = output + static_cast<ptrdiff_t>(r) * g.out_w * c;
    if (c <= 16) {  // one 256-bit step per pixel
      const __mmask16 m = static_cast<__mmask16>((1u << c) - 1u);
      for (const Tap& t : taps) {
        Qu8ExactStep(blend + t.left, blend + t.right, _mm256_set1_epi32(t.weights), m, out);
        out += c;
      }
    } else if (c <= kWords) {  // one 512-bit step per pixel
      for (const Tap& t : taps) {
        Qu8ExactStep(blend + t.left, blend + t.right, _mm512_set1_epi32(t.weights), tail_mask, out);
        out += c;
      }
    } else {
      for (const Tap& t : taps) {
        const int16_t* left = blend + t.left;
        const int16_t* right = blend + t.right;
        const __m512i w = _mm512_set1_epi32(t.weights);
        ptrdiff_t ch = 0;
        for (; ch + 16 < c; ch += kWords) {
          Qu8ExactStep(left + ch, right + ch, w, ch + kWords <= c ? ~__mmask32{0} : tail_mask, out + ch);
        }
        if (ch < c) {  // at most 16 channels left: one 256-bit step
          Qu8ExactStep(left + ch, right + ch, _mm512_castsi512_si256(w),
                       static_cast<__mmask16>((1u << (c - ch)) - 1u), out + ch);
        }
        out += c;
      }
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
  if (row_begin >= row_end || g.out_w <= 0 || g.channels <= 0) return;
  IntegerPlan<int16_t> plan(g, 32);
  if (ComputeQu8ExactBilinearAxes(g, plan.rows.data(), plan.columns.data())) {
    Qu8ExactRows(g, plan, input, row_begin, row_end, output);
    return;
  }
  Bilinear(g, input, row_begin, row_end, output);
}

void qs8_resize_bilinear__avx512(const ResizeGeometry& g, const int8_t* input, int row_begin,
                                 int row_end, int8_t* output) {
  if (row_begin >= row_end || g.out_w <= 0 || g.channels <= 0) return;
  Qs8Rows(g, input, row_begin, row_end, output);
}

}  // namespace liteforge::kernels
