// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 MAX_POOL_2D and AVERAGE_POOL_2D: per output pixel, one vector of
// channels at a time (64 bytes for 8-bit max, 16 floats or 16 int32 sums
// otherwise) accumulated over the clipped window, the last partial vector
// masked. Bit-exact with the reference (pooling_variants.h).

// GCC 12.2 warns about the deliberately undefined vectors inside its own
// AVX-512 intrinsics (GCC bug 105593); the warnings are not about our code.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
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

// Calls step(channel, mask) over the channels in vectors of `lanes`, the
// last one partial.
template <typename Mask, int kLanes, typename Step>
inline void ForEachChannelVector(int channels, Step&& step) {
  const Mask full = static_cast<Mask>(~Mask{0});
  int ch = 0;
  for (; ch + kLanes <= channels; ch += kLanes) step(ch, full);
  const int tail = channels - ch;
  if (tail > 0) step(ch, static_cast<Mask>((Mask{1} << tail) - 1));
}

// Activation bounds brought into T's range (the values they clamp are in
// it already, so the clamp does not change).
template <typename T>
inline int32_t InTypeRange(int32_t v) {
  return std::clamp<int32_t>(v, std::numeric_limits<T>::lowest(), std::numeric_limits<T>::max());
}

template <typename T>
inline __m512i Max8(__m512i a, __m512i b) {
  if constexpr (std::is_signed_v<T>) {
    return _mm512_max_epi8(a, b);
  } else {
    return _mm512_max_epu8(a, b);
  }
}

template <typename T>
inline __m512i Min8(__m512i a, __m512i b) {
  if constexpr (std::is_signed_v<T>) {
    return _mm512_min_epi8(a, b);
  } else {
    return _mm512_min_epu8(a, b);
  }
}

template <typename T>
void MaxPool8(const Pool2DGeometry& g, const T* input, int32_t act_min, int32_t act_max,
              int row_begin, int row_end, T* output) {
  const ptrdiff_t c = g.channels;
  const __m512i lowest = _mm512_set1_epi8(static_cast<char>(std::numeric_limits<T>::lowest()));
  const __m512i lo = _mm512_set1_epi8(static_cast<char>(InTypeRange<T>(act_min)));
  const __m512i hi = _mm512_set1_epi8(static_cast<char>(InTypeRange<T>(act_max)));
  ForEachOutputPixel(g, input, row_begin, row_end, output,
                     [&](const PoolWindow& w, const T* image, T* out) {
    ForEachChannelVector<__mmask64, 64>(g.channels, [&](int ch, __mmask64 mask) {
      __m512i acc = lowest;
      for (int y = w.y_begin; y < w.y_end; ++y) {
        const T* p = image + (static_cast<ptrdiff_t>(y) * g.in_w + w.x_begin) * c + ch;
        for (int x = w.x_begin; x < w.x_end; ++x, p += c) {
          acc = Max8<T>(acc, _mm512_maskz_loadu_epi8(mask, p));
        }
      }
      _mm512_mask_storeu_epi8(out + ch, mask, Min8<T>(Max8<T>(acc, lo), hi));
    });
  });
}

// The reference's std::min(std::max(v, act_min), act_max): max_ps(a, b)
// is a > b ? a : b, so NaN stays NaN as in the reference.
inline __m512 ClampF32(__m512 v, __m512 lo, __m512 hi) {
  return _mm512_min_ps(hi, _mm512_max_ps(lo, v));
}

void MaxPoolF32(const Pool2DGeometry& g, const float* input, float act_min, float act_max,
                int row_begin, int row_end, float* output) {
  const ptrdiff_t c = g.channels;
  const __m512 lowest = _mm512_set1_ps(std::numeric_limits<float>::lowest());
  const __m512 lo = _mm512_set1_ps(act_min);
  const __m512 hi = _mm512_set1_ps(act_max);
  ForEachOutputPixel(g, input, row_begin, row_end, output,
                     [&](const PoolWindow& w, const float* image, float* out) {
    ForEachChannelVector<__mmask16, 16>(g.channels, [&](int ch, __mmask16 mask) {
      __m512 acc = lowest;
      for (int y = w.y_begin; y < w.y_end; ++y) {
        const float* p = image + (static_cast<ptrdiff_t>(y) * g.in_w + w.x_begin) * c + ch;
        for (int x = w.x_begin; x < w.x_end; ++x, p += c) {
          // acc < v ? v : acc, the reference's operand order.
          acc = _mm512_max_ps(_mm512_maskz_loadu_ps(mask, p), acc);
        }
      }
      _mm512_mask_storeu_ps(out + ch, mask, ClampF32(acc, lo, hi));
    });
  });
}

void AveragePoolF32(const Pool2DGeometry& g, const float* input, float act_min, float act_max,
                    int row_begin, int row_end, float* output) {
  const ptrdiff_t c = g.channels;
  const __m512 lo = _mm512_set1_ps(act_min);
  const __m512 hi = _mm512_set1_ps(act_max);
  ForEachOutputPixel(g, input, row_begin, row_end, output,
                     [&](const PoolWindow& w, const float* image, float* out) {
    const int count = w.count();
    const __m512 divisor = _mm512_set1_ps(static_cast<float>(count));
    ForEachChannelVector<__mmask16, 16>(g.channels, [&](int ch, __mmask16 mask) {
      __m512 sum = _mm512_setzero_ps();
      for (int y = w.y_begin; y < w.y_end; ++y) {
        const float* p = image + (static_cast<ptrdiff_t>(y) * g.in_w + w.x_begin) * c + ch;
        for (int x = w.x_begin; x < w.x_end; ++x, p += c) {
          sum = _mm512_add_ps(sum, _mm512_maskz_loadu_ps(mask, p));
        }
      }
      const __m512 avg = count > 0 ? _mm512_div_ps(sum, divisor) : _mm512_setzero_ps();
      _mm512_mask_storeu_ps(out + ch, mask, ClampF32(avg, lo, hi));
    });
  });
}

template <typename T>
inline __m512i Widen(__m128i bytes) {
  if constexpr (std::is_signed_v<T>) {
    return _mm512_cvtepi8_epi32(bytes);
  } else {
    return _mm512_cvtepu8_epi32(bytes);
  }
}

template <typename T>
void AveragePool8(const Pool2DGeometry& g, const T* input, int32_t act_min, int32_t act_max,
                  int row_begin, int row_end, T* output) {
  const ptrdiff_t c = g.channels;
  const __m512i lo = _mm512_set1_epi32(InTypeRange<T>(act_min));
  const __m512i hi = _mm512_set1_epi32(InTypeRange<T>(act_max));
  ForEachOutputPixel(g, input, row_begin, row_end, output,
                     [&](const PoolWindow& w, const T* image, T* out) {
    const int count = w.count();
    const __m512i half = _mm512_set1_epi32(count / 2);
    const __m512 divisor = _mm512_set1_ps(static_cast<float>(count));
    ForEachChannelVector<__mmask16, 16>(g.channels, [&](int ch, __mmask16 mask) {
      __m512i sum = _mm512_setzero_si512();
      for (int y = w.y_begin; y < w.y_end; ++y) {
        const T* p = image + (static_cast<ptrdiff_t>(y) * g.in_w + w.x_begin) * c + ch;
        for (int x = w.x_begin; x < w.x_end; ++x, p += c) {
          sum = _mm512_add_epi32(sum, Widen<T>(_mm_maskz_loadu_epi8(mask, p)));
        }
      }
      __m512i avg = _mm512_setzero_si512();
      if (count > 0) {
        // (sum + count/2) when sum > 0, else (sum - count/2); then the
        // quotient truncated toward zero, exact in float (see header).
        const __mmask16 positive = _mm512_cmpgt_epi32_mask(sum, _mm512_setzero_si512());
        const __m512i biased =
            _mm512_mask_add_epi32(_mm512_sub_epi32(sum, half), positive, sum, half);
        avg = _mm512_cvttps_epi32(_mm512_div_ps(_mm512_cvtepi32_ps(biased), divisor));
      }
      avg = _mm512_min_epi32(_mm512_max_epi32(avg, lo), hi);
      _mm_mask_storeu_epi8(out + ch, mask, _mm512_cvtepi32_epi8(avg));
    });
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

void f32_maxpool2d_16x__avx512(const Pool2DGeometry& g, const float* input, float act_min,
                               float act_max, int row_begin, int row_end, float* output) {
  MaxPoolF32(g, input, act_min, act_max, row_begin, row_end, output);
}

void qu8_maxpool2d_64x__avx512(const Pool2DGeometry& g, const uint8_t* input, int32_t act_min,
                               int32_t act_max, int row_begin, int row_end, uint8_t* output) {
  MaxPool8(g, input, act_min, act_max, row_begin, row_end, output);
}

void qs8_maxpool2d_64x__avx512(const Pool2DGeometry& g, const int8_t* input, int32_t act_min,
                               int32_t act_max, int row_begin, int row_end, int8_t* output) {
  MaxPool8(g, input, act_min, act_max, row_begin, row_end, output);
}

void f32_avgpool2d_16x__avx512(const Pool2DGeometry& g, const float* input, float act_min,
                               float act_max, int row_begin, int row_end, float* output) {
  AveragePoolF32(g, input, act_min, act_max, row_begin, row_end, output);
}

void qu8_avgpool2d_16x__avx512(const Pool2DGeometry& g, const uint8_t* input, int32_t act_min,
                               int32_t act_max, int row_begin, int row_end, uint8_t* output) {
  AveragePool8OrReference(g, input, act_min, act_max, row_begin, row_end, output);
}

void qs8_avgpool2d_16x__avx512(const Pool2DGeometry& g, const int8_t* input, int32_t act_min,
                               int32_t act_max, int row_begin, int row_end, int8_t* output) {
  AveragePool8OrReference(g, input, act_min, act_max, row_begin, row_end, output);
}

}  // namespace liteforge::kernels
