// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 MAX_POOL_2D and AVERAGE_POOL_2D for CPUs without AVX-512: as
// x86_avx512.cc with 32-byte vectors (32 channels for 8-bit max, 8 floats
// or 8 int32 sums otherwise). AVX2 has no masked byte loads, so the last
// partial vector of channels runs scalar code that performs the same
// operations as the vector lanes (only adds, compares and one division per
// value: nothing for the compiler to contract). Bit-exact with the
// reference (pooling_variants.h).

#include <immintrin.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "liteforge/kernels/pooling/pooling_variants.h"
#include "liteforge/kernels/pooling/reference.h"

namespace liteforge::kernels {
namespace {

// Calls body(window, image, out) for every output pixel of rows
// [row_begin, row_end) over (batch, out_y): `image` is the pixel's batch
// of the input, `out` its first output channel.
template <typename T, typename Body>
void ForEachOutputPixel(const Pool2DGeometry& g, const T* input, int row_begin, int row_end,
                        T* output, Body&& body) {
  const ptrdiff_t c = g.channels;
  const ptrdiff_t in_image = static_cast<ptrdiff_t>(g.in_h) * g.in_w * c;
  for (int r = row_begin; r < row_end; ++r) {
    const int b = r / g.out_h;
    const int oy = r % g.out_h;
    T* out = output + static_cast<ptrdiff_t>(r) * g.out_w * c;
    for (int ox = 0; ox < g.out_w; ++ox, out += c) {
      body(PoolWindowAt(g, oy, ox), input + b * in_image, out);
    }
  }
}

// Calls body(p) with p pointing at channel `ch` of every in-window pixel,
// in the reference's row-major order.
template <typename T, typename Body>
inline void ForEachWindowPixel(const Pool2DGeometry& g, const PoolWindow& w, const T* image,
                               int ch, Body&& body) {
  const ptrdiff_t c = g.channels;
  for (int y = w.y_begin; y < w.y_end; ++y) {
    const T* p = image + (static_cast<ptrdiff_t>(y) * g.in_w + w.x_begin) * c + ch;
    for (int x = w.x_begin; x < w.x_end; ++x, p += c) body(p);
  }
}

template <typename T>
inline int32_t InTypeRange(int32_t v) {
  return std::clamp<int32_t>(v, std::numeric_limits<T>::lowest(), std::numeric_limits<T>::max());
}

template <typename T>
inline __m256i Max8(__m256i a, __m256i b) {
  if constexpr (std::is_signed_v<T>) {
    return _mm256_max_epi8(a, b);
  } else {
    return _mm256_max_epu8(a, b);
  }
}

template <typename T>
inline __m256i Min8(__m256i a, __m256i b) {
  if constexpr (std::is_signed_v<T>) {
    return _mm256_min_epi8(a, b);
  } else {
    return _mm256_min_epu8(a, b);
  }
}

template <typename T>
void MaxPool8(const Pool2DGeometry& g, const T* input, int32_t act_min, int32_t act_max,
              int row_begin, int row_end, T* output) {
  constexpr int kLanes = 32;
  const T lowest = std::numeric_limits<T>::lowest();
  const T lo = static_cast<T>(InTypeRange<T>(act_min));
  const T hi = static_cast<T>(InTypeRange<T>(act_max));
  const __m256i lowest_v = _mm256_set1_epi8(static_cast<char>(lowest));
  const __m256i lo_v = _mm256_set1_epi8(static_cast<char>(lo));
  const __m256i hi_v = _mm256_set1_epi8(static_cast<char>(hi));
  ForEachOutputPixel(g, input, row_begin, row_end, output,
                     [&](const PoolWindow& w, const T* image, T* out) {
    int ch = 0;
    for (; ch + kLanes <= g.channels; ch += kLanes) {
      __m256i acc = lowest_v;
      ForEachWindowPixel(g, w, image, ch, [&](const T* p) {
        acc = Max8<T>(acc, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)));
      });
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + ch), Min8<T>(Max8<T>(acc, lo_v), hi_v));
    }
    for (; ch < g.channels; ++ch) {
      T acc = lowest;
      ForEachWindowPixel(g, w, image, ch, [&](const T* p) { acc = acc < *p ? *p : acc; });
      out[ch] = std::min(std::max(acc, lo), hi);
    }
  });
}

// std::min(std::max(v, act_min), act_max) in the reference's operand order
// (max_ps(a, b) is a > b ? a : b), so NaN stays NaN.
inline __m256 ClampF32(__m256 v, __m256 lo, __m256 hi) {
  return _mm256_min_ps(hi, _mm256_max_ps(lo, v));
}

void MaxPoolF32(const Pool2DGeometry& g, const float* input, float act_min, float act_max,
                int row_begin, int row_end, float* output) {
  constexpr int kLanes = 8;
  const float lowest = std::numeric_limits<float>::lowest();
  const __m256 lowest_v = _mm256_set1_ps(lowest);
  const __m256 lo = _mm256_set1_ps(act_min);
  const __m256 hi = _mm256_set1_ps(act_max);
  ForEachOutputPixel(g, input, row_begin, row_end, output,
                     [&](const PoolWindow& w, const float* image, float* out) {
    int ch = 0;
    for (; ch + kLanes <= g.channels; ch += kLanes) {
      __m256 acc = lowest_v;
      // acc < v ? v : acc, the reference's operand order.
      ForEachWindowPixel(g, w, image, ch,
                         [&](const float* p) { acc = _mm256_max_ps(_mm256_loadu_ps(p), acc); });
      _mm256_storeu_ps(out + ch, ClampF32(acc, lo, hi));
    }
    for (; ch < g.channels; ++ch) {
      float acc = lowest;
      ForEachWindowPixel(g, w, image, ch, [&](const float* p) { acc = acc < *p ? *p : acc; });
      out[ch] = std::min(std::max(acc, act_min), act_max);
    }
  });
}

void AveragePoolF32(const Pool2DGeometry& g, const float* input, float act_min, float act_max,
                    int row_begin, int row_end, float* output) {
  constexpr int kLanes = 8;
  const __m256 lo = _mm256_set1_ps(act_min);
  const __m256 hi = _mm256_set1_ps(act_max);
  ForEachOutputPixel(g, input, row_begin, row_end, output,
                     [&](const PoolWindow& w, const float* image, float* out) {
    const int count = w.count();
    const float divisor = static_cast<float>(count);
    const __m256 divisor_v = _mm256_set1_ps(divisor);
    int ch = 0;
    for (; ch + kLanes <= g.channels; ch += kLanes) {
      __m256 sum = _mm256_setzero_ps();
      ForEachWindowPixel(g, w, image, ch,
                         [&](const float* p) { sum = _mm256_add_ps(sum, _mm256_loadu_ps(p)); });
      const __m256 avg = count > 0 ? _mm256_div_ps(sum, divisor_v) : _mm256_setzero_ps();
      _mm256_storeu_ps(out + ch, ClampF32(avg, lo, hi));
    }
    for (; ch < g.channels; ++ch) {
      float sum = 0.f;
      ForEachWindowPixel(g, w, image, ch, [&](const float* p) { sum += *p; });
      const float avg = count > 0 ? sum / divisor : 0.f;
      out[ch] = std::min(std::max(avg, act_min), act_max);
    }
  });
}

template <typename T>
inline __m256i Widen8(const T* p) {
  const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
  if constexpr (std::is_signed_v<T>) {
    return _mm256_cvtepi8_epi32(bytes);
  } else {
    return _mm256_cvtepu8_epi32(bytes);
  }
}

template <typename T>
void AveragePool8(const Pool2DGeometry& g, const T* input, int32_t act_min, int32_t act_max,
                  int row_begin, int row_end, T* output) {
  constexpr int kLanes = 8;
  const int32_t lo = InTypeRange<T>(act_min);
  const int32_t hi = InTypeRange<T>(act_max);
  const __m256i lo_v = _mm256_set1_epi32(lo);
  const __m256i hi_v = _mm256_set1_epi32(hi);
  // Gathers the low byte of each int32 lane into the low 8 bytes.
  const __m256i low_bytes = _mm256_setr_epi8(0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                             -1, -1, 0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1,
                                             -1, -1, -1, -1);
  ForEachOutputPixel(g, input, row_begin, row_end, output,
                     [&](const PoolWindow& w, const T* image, T* out) {
    const int count = w.count();
    const int32_t half = count / 2;
    const __m256i half_v = _mm256_set1_epi32(half);
    const __m256 divisor_v = _mm256_set1_ps(static_cast<float>(count));
    int ch = 0;
    for (; ch + kLanes <= g.channels; ch += kLanes) {
      __m256i sum = _mm256_setzero_si256();
      ForEachWindowPixel(g, w, image, ch,
                         [&](const T* p) { sum = _mm256_add_epi32(sum, Widen8(p)); });
      __m256i avg = _mm256_setzero_si256();
      if (count > 0) {
        // (sum + count/2) when sum > 0, else (sum - count/2); then the
        // quotient truncated toward zero, exact in float (see header).
        const __m256i positive = _mm256_cmpgt_epi32(sum, _mm256_setzero_si256());
        const __m256i biased = _mm256_blendv_epi8(_mm256_sub_epi32(sum, half_v),
                                                  _mm256_add_epi32(sum, half_v), positive);
        avg = _mm256_cvttps_epi32(_mm256_div_ps(_mm256_cvtepi32_ps(biased), divisor_v));
      }
      avg = _mm256_min_epi32(_mm256_max_epi32(avg, lo_v), hi_v);
      const __m256i packed = _mm256_shuffle_epi8(avg, low_bytes);
      const __m128i bytes = _mm_unpacklo_epi32(_mm256_castsi256_si128(packed),
                                               _mm256_extracti128_si256(packed, 1));
      _mm_storel_epi64(reinterpret_cast<__m128i*>(out + ch), bytes);
    }
    for (; ch < g.channels; ++ch) {
      int32_t sum = 0;
      ForEachWindowPixel(g, w, image, ch, [&](const T* p) { sum += *p; });
      int32_t avg = 0;
      if (count > 0) avg = sum > 0 ? (sum + half) / count : (sum - half) / count;
      out[ch] = static_cast<T>(std::clamp(avg, lo, hi));
    }
  });
}

template <typename T>
void AveragePool8OrReference(const Pool2DGeometry& g, const T* input, int32_t act_min,
                             int32_t act_max, int row_begin, int row_end, T* output) {
  if (static_cast<int64_t>(g.filter_h) * g.filter_w > kMaxExactAverageTaps) {
    if constexpr (std::is_signed_v<T>) {
      qs8_avgpool2d__reference(g, input, act_min, act_max, row_begin, row_end, output);
    } else {
      qu8_avgpool2d__reference(g, input, act_min, act_max, row_begin, row_end, output);
    }
    return;
  }
  AveragePool8(g, input, act_min, act_max, row_begin, row_end, output);
}

}  // namespace

void f32_maxpool2d_8x__avx2(const Pool2DGeometry& g, const float* input, float act_min,
                            float act_max, int row_begin, int row_end, float* output) {
  MaxPoolF32(g, input, act_min, act_max, row_begin, row_end, output);
}

void qu8_maxpool2d_32x__avx2(const Pool2DGeometry& g, const uint8_t* input, int32_t act_min,
                             int32_t act_max, int row_begin, int row_end, uint8_t* output) {
  MaxPool8(g, input, act_min, act_max, row_begin, row_end, output);
}

void qs8_maxpool2d_32x__avx2(const Pool2DGeometry& g, const int8_t* input, int32_t act_min,
                             int32_t act_max, int row_begin, int row_end, int8_t* output) {
  MaxPool8(g, input, act_min, act_max, row_begin, row_end, output);
}

void f32_avgpool2d_8x__avx2(const Pool2DGeometry& g, const float* input, float act_min,
                            float act_max, int row_begin, int row_end, float* output) {
  AveragePoolF32(g, input, act_min, act_max, row_begin, row_end, output);
}

void qu8_avgpool2d_8x__avx2(const Pool2DGeometry& g, const uint8_t* input, int32_t act_min,
                            int32_t act_max, int row_begin, int row_end, uint8_t* output) {
  AveragePool8OrReference(g, input, act_min, act_max, row_begin, row_end, output);
}

void qs8_avgpool2d_8x__avx2(const Pool2DGeometry& g, const int8_t* input, int32_t act_min,
                            int32_t act_max, int row_begin, int row_end, int8_t* output) {
  AveragePool8OrReference(g, input, act_min, act_max, row_begin, row_end, output);
}

}  // namespace liteforge::kernels
