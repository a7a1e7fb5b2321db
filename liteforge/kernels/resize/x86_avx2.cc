// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 RESIZE_BILINEAR for CPUs without AVX-512, the same three paths as
// x86_avx512.cc (resize_variants.h):
//   float32 / uint8 in general: 8 channels per step; the last partial step
//     goes through small stack buffers (AVX2 has no masked byte loads), so
//     that every channel takes the same vector arithmetic (a scalar tail
//     here would be contracted into FMAs).
//   int8 / exact uint8: the vertical-then-horizontal integer blends, 8
//     int32 or 16 int16 lanes per step; integer tails are plain scalar code
//     (no rounding question arises in integers).
// Bit-exact with the reference.

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

// ---- integer paths (see x86_avx512.cc for the arithmetic) -------------------

template <typename Acc>
struct IntegerPlan {
  std::vector<IntegerAxisSample> rows;
  std::vector<IntegerAxisSample> columns;
  std::vector<Acc> blend;  // one blended source row, padded for full-vector loads
  IntegerPlan(const ResizeGeometry& g, int pad)
      : rows(static_cast<size_t>(g.out_h)),
        columns(static_cast<size_t>(g.out_w)),
        blend(static_cast<size_t>(g.in_w) * static_cast<size_t>(g.channels) +
              static_cast<size_t>(pad)) {}
};

// Per output column of an integer path: where its two source pixels start in
// the blend row, and its weight(s) as the horizontal step takes them; built
// once per call.
struct Tap {
  ptrdiff_t left;
  ptrdiff_t right;
  int32_t weights;
};

template <typename Weights>
std::vector<Tap> TapsFor(const std::vector<IntegerAxisSample>& columns, ptrdiff_t c,
                         Weights weights) {
  std::vector<Tap> taps(columns.size());
  for (size_t x = 0; x < columns.size(); ++x) {
    taps[x] = {columns[x].lo * c, columns[x].hi * c, weights(columns[x].weight)};
  }
  return taps;
}

// Stores the first n (<= kBytes) of a step's bytes at dst; a whole step
// when the row has room for it (the bytes past n belong to later pixels of
// the same row, rewritten when their turn comes).
template <int kBytes, typename T, typename StoreFull>
inline void StoreStep(T* dst, ptrdiff_t n, const T* row_end, StoreFull store_full) {
  if (n == kBytes || dst + kBytes <= row_end) {
    store_full(dst);
    return;
  }
  T buffer[kBytes];
  store_full(buffer);
  std::memcpy(dst, buffer, static_cast<size_t>(n) * sizeof(T));
}

void Qs8Rows(const ResizeGeometry& g, const int8_t* input, int row_begin, int row_end,
             int8_t* output) {
  constexpr int kBits = kQs8WeightBits;
  IntegerPlan<int32_t> plan(g, kLanes);
  ComputeQs8BilinearAxis(g.in_h, g.out_h, g.align_corners, g.half_pixel_centers,
                         plan.rows.data());
  ComputeQs8BilinearAxis(g.in_w, g.out_w, g.align_corners, g.half_pixel_centers,
                         plan.columns.data());
  const ptrdiff_t c = g.channels;
  const ptrdiff_t in_row = static_cast<ptrdiff_t>(g.in_w) * c;
  const ptrdiff_t in_image = in_row * g.in_h;
  const ptrdiff_t out_row = static_cast<ptrdiff_t>(g.out_w) * c;
  const __m256i half = _mm256_set1_epi32(1 << 19);
  int32_t* blend = plan.blend.data();
  const std::vector<Tap> taps = TapsFor(plan.columns, c, [](int32_t w) { return w; });
  for (int r = row_begin; r < row_end; ++r) {
    const int b = r / g.out_h;
    const IntegerAxisSample& sy = plan.rows[static_cast<size_t>(r % g.out_h)];
    const int8_t* top = input + b * in_image + sy.lo * in_row;
    const int8_t* bottom = input + b * in_image + sy.hi * in_row;
    const __m256i wy = _mm256_set1_epi32(sy.weight);
    ptrdiff_t i = 0;
    for (; i + kLanes <= in_row; i += kLanes) {
      const __m256i t = _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(top + i)));
      const __m256i d = _mm256_sub_epi32(
          _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(bottom + i))), t);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(blend + i),
                          _mm256_add_epi32(_mm256_slli_epi32(t, kBits), _mm256_mullo_epi32(d, wy)));
    }
    for (; i < in_row; ++i) blend[i] = top[i] * (1 << kBits) + (bottom[i] - top[i]) * sy.weight;
    int8_t* out = output + static_cast<ptrdiff_t>(r) * out_row;
    const int8_t* out_end = out + out_row;
    for (const Tap& t : taps) {
      const int32_t* left = blend + t.left;
      const int32_t* right = blend + t.right;
      const __m256i wx = _mm256_set1_epi32(t.weights);
      for (ptrdiff_t ch = 0; ch < c; ch += kLanes) {
        const __m256i l = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(left + ch));
        const __m256i h = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(right + ch));
        const __m256i acc = _mm256_add_epi32(_mm256_slli_epi32(l, kBits),
                                             _mm256_mullo_epi32(_mm256_sub_epi32(h, l), wx));
        // Half away from zero: the magnitude rounded half up, the sign put back
        // (sign_epi32 zeroes where acc is 0, whose magnitude rounds to 0 anyway).
        const __m256i q = _mm256_sign_epi32(
            _mm256_srli_epi32(_mm256_add_epi32(_mm256_abs_epi32(acc), half), 20), acc);
        const __m128i words = _mm_packs_epi32(_mm256_castsi256_si128(q), _mm256_extracti128_si256(q, 1));
        const __m128i bytes = _mm_packs_epi16(words, words);  // saturates: the reference's clamp
        StoreStep<kLanes>(out + ch, c - ch < kLanes ? c - ch : kLanes, out_end, [&](int8_t* dst) {
          _mm_storel_epi64(reinterpret_cast<__m128i*>(dst), bytes);
        });
      }
      out += c;
    }
  }
}

void Qu8ExactRows(const ResizeGeometry& g, IntegerPlan<int16_t>& plan, const uint8_t* input,
                  int row_begin, int row_end, uint8_t* output) {
  constexpr int kWords = 16;
  constexpr int kBits = kQu8ExactWeightBits;
  const ptrdiff_t c = g.channels;
  const ptrdiff_t in_row = static_cast<ptrdiff_t>(g.in_w) * c;
  const ptrdiff_t in_image = in_row * g.in_h;
  const ptrdiff_t out_row = static_cast<ptrdiff_t>(g.out_w) * c;
  // Each blend value carries 2^6: the horizontal weights (summing to 2^7)
  // turn it into the rounding 2^13 (see x86_avx512.cc).
  const __m256i half = _mm256_set1_epi16(1 << (kBits - 1));
  int16_t* blend = plan.blend.data();
  // The multiply-add's word pair ((2^7 - wx), wx) per column.
  const std::vector<Tap> taps = TapsFor(plan.columns, c, [](int32_t w) {
    return static_cast<int32_t>((static_cast<uint32_t>(w) << 16) |
                                static_cast<uint32_t>((1 << kBits) - w));
  });
  for (int r = row_begin; r < row_end; ++r) {
    const int b = r / g.out_h;
    const IntegerAxisSample& sy = plan.rows[static_cast<size_t>(r % g.out_h)];
    const uint8_t* top = input + b * in_image + sy.lo * in_row;
    const uint8_t* bottom = input + b * in_image + sy.hi * in_row;
    const __m256i wy = _mm256_set1_epi16(static_cast<int16_t>(sy.weight));
    ptrdiff_t i = 0;
    for (; i + kWords <= in_row; i += kWords) {
      const __m256i t = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(top + i)));
      const __m256i d = _mm256_sub_epi16(
          _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bottom + i))), t);
      _mm256_storeu_si256(
          reinterpret_cast<__m256i*>(blend + i),
          _mm256_add_epi16(_mm256_add_epi16(_mm256_slli_epi16(t, kBits), half), _mm256_mullo_epi16(d, wy)));
    }
    for (; i < in_row; ++i) {
      blend[i] = static_cast<int16_t>(top[i] * (1 << kBits) + (bottom[i] - top[i]) * sy.weight +
                                      (1 << (kBits - 1)));
    }
    uint8_t* out = output + static_cast<ptrdiff_t>(r) * out_row;
    const uint8_t* out_end = out + out_row;
    for (const Tap& t : taps) {
      const int16_t* left = blend + t.left;
      const int16_t* right = blend + t.right;
      const __m256i w = _mm256_set1_epi32(t.weights);
      for (ptrdiff_t ch = 0; ch < c; ch += kWords) {
        const __m256i l = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(left + ch));
        const __m256i h = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(right + ch));
        const __m256i lo = _mm256_srli_epi32(_mm256_madd_epi16(_mm256_unpacklo_epi16(l, h), w), 2 * kBits);
        const __m256i hi = _mm256_srli_epi32(_mm256_madd_epi16(_mm256_unpackhi_epi16(l, h), w), 2 * kBits);
        const __m256i words = _mm256_packs_epi32(lo, hi);  // channel order again, in [0, 255]
        const __m128i bytes =
            _mm_packus_epi16(_mm256_castsi256_si128(words), _mm256_extracti128_si256(words, 1));
        StoreStep<kWords>(out + ch, c - ch < kWords ? c - ch : kWords, out_end, [&](uint8_t* dst) {
          _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), bytes);
        });
      }
      out += c;
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
  if (row_begin >= row_end || g.out_w <= 0 || g.channels <= 0) return;
  IntegerPlan<int16_t> plan(g, 16);
  if (ComputeQu8ExactBilinearAxes(g, plan.rows.data(), plan.columns.data())) {
    Qu8ExactRows(g, plan, input, row_begin, row_end, output);
    return;
  }
  Bilinear(g, input, row_begin, row_end, output);
}

void qs8_resize_bilinear__avx2(const ResizeGeometry& g, const int8_t* input, int row_begin,
                               int row_end, int8_t* output) {
  if (row_begin >= row_end || g.out_w <= 0 || g.channels <= 0) return;
  Qs8Rows(g, input, row_begin, row_end, output);
}

}  // namespace liteforge::kernels
