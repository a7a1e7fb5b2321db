// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable pooling kernels. Each output pixel's window is clipped to the
// input once; channels are processed in tranches of kTranche with a small
// accumulator array on the stack, so the innermost loops walk contiguous
// channels and nothing is allocated.

#include "liteforge/kernels/pooling/reference.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace liteforge::kernels {
namespace {

constexpr int kTranche = 256;

using Window = PoolWindow;

inline Window WindowAt(const Pool2DGeometry& g, int out_y, int out_x) {
  return PoolWindowAt(g, out_y, out_x);
}

inline size_t PixelOffset(const Pool2DGeometry& g, int b, int y, int x, int h, int w) {
  return ((static_cast<size_t>(b) * h + y) * w + x) * static_cast<size_t>(g.channels);
}

// Calls body(batch, window, output_pixel_base_offset) for every output
// pixel of output rows [row_begin, row_end) over (batch, out_y).
template <typename Body>
void ForEachOutputPixel(const Pool2DGeometry& g, int row_begin, int row_end, Body&& body) {
  for (int r = row_begin; r < row_end; ++r) {
    const int b = r / g.out_h;
    const int oy = r % g.out_h;
    for (int ox = 0; ox < g.out_w; ++ox) {
      body(b, WindowAt(g, oy, ox), PixelOffset(g, b, oy, ox, g.out_h, g.out_w));
    }
  }
}

template <typename Body>
void ForEachOutputPixel(const Pool2DGeometry& g, Body&& body) {
  ForEachOutputPixel(g, 0, PoolRows(g), body);
}

// acc = std::max(acc, v), i.e. (acc < v ? v : acc), spelled on values so
// the compiler vectorizes it (same result for NaN: acc stays unless v is
// larger).
template <typename T>
inline T MaxOf(T acc, T v) {
  return acc < v ? v : acc;
}

// Sum of the window divided by its count, rounded half away from zero with
// truncating integer division, as TFLite's integer average pooling.
inline int32_t RoundedAverage(int32_t sum, int32_t count) {
  return sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
}

template <typename T>
void AveragePoolInteger(const Pool2DGeometry& g, const T* input, int32_t act_min,
                        int32_t act_max, int row_begin, int row_end, T* output) {
  int32_t acc[kTranche];
  ForEachOutputPixel(g, row_begin, row_end, [&](int b, const Window& w, size_t out_base) {
    const int count = w.count();
    for (int c0 = 0; c0 < g.channels; c0 += kTranche) {
      const int n = std::min(kTranche, g.channels - c0);
      std::fill(acc, acc + n, 0);
      for (int y = w.y_begin; y < w.y_end; ++y) {
        for (int x = w.x_begin; x < w.x_end; ++x) {
          const T* src = input + PixelOffset(g, b, y, x, g.in_h, g.in_w) + c0;
          for (int j = 0; j < n; ++j) acc[j] += src[j];
        }
      }
      T* dst = output + out_base + c0;
      for (int j = 0; j < n; ++j) {
        const int32_t avg = count > 0 ? RoundedAverage(acc[j], count) : 0;
        dst[j] = static_cast<T>(std::clamp(avg, act_min, act_max));
      }
    }
  });
}

template <typename T>
void MaxPoolInteger(const Pool2DGeometry& g, const T* input, int32_t act_min, int32_t act_max,
                    int row_begin, int row_end, T* output) {
  T acc[kTranche];
  ForEachOutputPixel(g, row_begin, row_end, [&](int b, const Window& w, size_t out_base) {
    for (int c0 = 0; c0 < g.channels; c0 += kTranche) {
      const int n = std::min(kTranche, g.channels - c0);
      std::fill(acc, acc + n, std::numeric_limits<T>::lowest());
      for (int y = w.y_begin; y < w.y_end; ++y) {
        for (int x = w.x_begin; x < w.x_end; ++x) {
          const T* src = input + PixelOffset(g, b, y, x, g.in_h, g.in_w) + c0;
          for (int j = 0; j < n; ++j) acc[j] = MaxOf(acc[j], src[j]);
        }
      }
      T* dst = output + out_base + c0;
      for (int j = 0; j < n; ++j) {
        dst[j] = static_cast<T>(std::clamp<int32_t>(acc[j], act_min, act_max));
      }
    }
  });
}

}  // namespace

bool EveryPoolWindowNonEmpty(const Pool2DGeometry& g) {
  // Window extents factor into rows and columns, so checking each output
  // row and each output column once is enough.
  for (int oy = 0; oy < g.out_h; ++oy) {
    const Window w = WindowAt(g, oy, 0);
    if (w.y_end <= w.y_begin) return false;
  }
  for (int ox = 0; ox < g.out_w; ++ox) {
    const Window w = WindowAt(g, 0, ox);
    if (w.x_end <= w.x_begin) return false;
  }
  return true;
}

void f32_avgpool2d__reference(const Pool2DGeometry& g, const float* input, float act_min,
                              float act_max, int row_begin, int row_end, float* output) {
  float acc[kTranche];
  ForEachOutputPixel(g, row_begin, row_end, [&](int b, const Window& w, size_t out_base) {
    const float count = static_cast<float>(w.count());
    for (int c0 = 0; c0 < g.channels; c0 += kTranche) {
      const int n = std::min(kTranche, g.channels - c0);
      std::fill(acc, acc + n, 0.f);
      for (int y = w.y_begin; y < w.y_end; ++y) {
        for (int x = w.x_begin; x < w.x_end; ++x) {
          const float* src = input + PixelOffset(g, b, y, x, g.in_h, g.in_w) + c0;
          for (int j = 0; j < n; ++j) acc[j] += src[j];
        }
      }
      float* dst = output + out_base + c0;
      for (int j = 0; j < n; ++j) {
        const float avg = count > 0.f ? acc[j] / count : 0.f;
        dst[j] = std::min(std::max(avg, act_min), act_max);
      }
    }
  });
}

void qu8_avgpool2d__reference(const Pool2DGeometry& g, const uint8_t* input, int32_t act_min,
                              int32_t act_max, int row_begin, int row_end, uint8_t* output) {
  AveragePoolInteger(g, input, act_min, act_max, row_begin, row_end, output);
}

void qs8_avgpool2d__reference(const Pool2DGeometry& g, const int8_t* input, int32_t act_min,
                              int32_t act_max, int row_begin, int row_end, int8_t* output) {
  AveragePoolInteger(g, input, act_min, act_max, row_begin, row_end, output);
}

void qs16_avgpool2d__reference(const Pool2DGeometry& g, const int16_t* input, int32_t act_min,
                              int32_t act_max, int row_begin, int row_end, int16_t* output) {
  AveragePoolInteger(g, input, act_min, act_max, row_begin, row_end, output);
}

void f32_maxpool2d__reference(const Pool2DGeometry& g, const float* input, float act_min,
                              float act_max, int row_begin, int row_end, float* output) {
  float acc[kTranche];
  ForEachOutputPixel(g, row_begin, row_end, [&](int b, const Window& w, size_t out_base) {
    for (int c0 = 0; c0 < g.channels; c0 += kTranche) {
      const int n = std::min(kTranche, g.channels - c0);
      std::fill(acc, acc + n, std::numeric_limits<float>::lowest());
      for (int y = w.y_begin; y < w.y_end; ++y) {
        for (int x = w.x_begin; x < w.x_end; ++x) {
          const float* src = input + PixelOffset(g, b, y, x, g.in_h, g.in_w) + c0;
          for (int j = 0; j < n; ++j) acc[j] = MaxOf(acc[j], src[j]);
        }
      }
      float* dst = output + out_base + c0;
      for (int j = 0; j < n; ++j) dst[j] = std::min(std::max(acc[j], act_min), act_max);
    }
  });
}

void qu8_maxpool2d__reference(const Pool2DGeometry& g, const uint8_t* input, int32_t act_min,
                              int32_t act_max, int row_begin, int row_end, uint8_t* output) {
  MaxPoolInteger(g, input, act_min, act_max, row_begin, row_end, output);
}

void qs8_maxpool2d__reference(const Pool2DGeometry& g, const int8_t* input, int32_t act_min,
                              int32_t act_max, int row_begin, int row_end, int8_t* output) {
  MaxPoolInteger(g, input, act_min, act_max, row_begin, row_end, output);
}

void qs16_maxpool2d__reference(const Pool2DGeometry& g, const int16_t* input, int32_t act_min,
                              int32_t act_max, int row_begin, int row_end, int16_t* output) {
  MaxPoolInteger(g, input, act_min, act_max, row_begin, row_end, output);
}

void f32_l2pool2d__reference(const Pool2DGeometry& g, const float* input, float act_min,
                             float act_max, float* output) {
  float acc[kTranche];
  ForEachOutputPixel(g, [&](int b, const Window& w, size_t out_base) {
    const float count = static_cast<float>(w.count());
    for (int c0 = 0; c0 < g.channels; c0 += kTranche) {
      const int n = std::min(kTranche, g.channels - c0);
      std::fill(acc, acc + n, 0.f);
      for (int y = w.y_begin; y < w.y_end; ++y) {
        for (int x = w.x_begin; x < w.x_end; ++x) {
          const float* src = input + PixelOffset(g, b, y, x, g.in_h, g.in_w) + c0;
          for (int j = 0; j < n; ++j) acc[j] += src[j] * src[j];
        }
      }
      float* dst = output + out_base + c0;
      for (int j = 0; j < n; ++j) {
        const float l2 = count > 0.f ? std::sqrt(acc[j] / count) : 0.f;
        dst[j] = std::min(std::max(l2, act_min), act_max);
      }
    }
  });
}

void f32_maxpool2d_argmax__reference(const Pool2DGeometry& g, const float* input, float act_min,
                                     float act_max, float* output, float* indices) {
  float best[kTranche];
  int32_t where[kTranche];
  ForEachOutputPixel(g, [&](int b, const Window& w, size_t out_base) {
    for (int c0 = 0; c0 < g.channels; c0 += kTranche) {
      const int n = std::min(kTranche, g.channels - c0);
      std::fill(best, best + n, std::numeric_limits<float>::lowest());
      std::fill(where, where + n, 0);
      for (int y = w.y_begin; y < w.y_end; ++y) {
        for (int x = w.x_begin; x < w.x_end; ++x) {
          const int32_t position = (y - w.origin_y) * g.filter_w + (x - w.origin_x);
          const float* src = input + PixelOffset(g, b, y, x, g.in_h, g.in_w) + c0;
          for (int j = 0; j < n; ++j) {
            if (src[j] > best[j]) {
              best[j] = src[j];
              where[j] = position;
            }
          }
        }
      }
      float* dst = output + out_base + c0;
      float* idx = indices + out_base + c0;
      for (int j = 0; j < n; ++j) {
        dst[j] = std::min(std::max(best[j], act_min), act_max);
        idx[j] = static_cast<float>(where[j]) + 0.1f;
      }
    }
  });
}

void f32_maxunpool2d__reference(const Pool2DGeometry& g, const float* pooled,
                                const float* indices, float* output) {
  const size_t out_elements = static_cast<size_t>(g.batches) * g.in_h * g.in_w * g.channels;
  if (out_elements > 0) std::memset(output, 0, out_elements * sizeof(float));
  constexpr float kIntMin = static_cast<float>(std::numeric_limits<int32_t>::min());
  constexpr float kIntMax = 2147483520.f;  // the largest float below 2^31
  for (int b = 0; b < g.batches; ++b) {
    for (int py = 0; py < g.out_h; ++py) {
      for (int px = 0; px < g.out_w; ++px) {
        const size_t src = PixelOffset(g, b, py, px, g.out_h, g.out_w);
        for (int c = 0; c < g.channels; ++c) {
          const float raw = indices[src + c];
          // NaN and out-of-range values cannot be converted; they point
          // nowhere valid anyway.
          if (!(raw >= kIntMin && raw <= kIntMax)) continue;
          const int32_t index = static_cast<int32_t>(raw);
          const int64_t oy =
              int64_t{py} * g.stride_h - g.pad_h + index / g.filter_w;
          const int64_t ox =
              int64_t{px} * g.stride_w - g.pad_w + index % g.filter_w;
          if (oy < 0 || oy >= g.in_h || ox < 0 || ox >= g.in_w) continue;
          output[PixelOffset(g, b, static_cast<int>(oy), static_cast<int>(ox), g.in_h, g.in_w) +
                 c] = pooled[src + c];
        }
      }
    }
  }
}

}  // namespace liteforge::kernels
