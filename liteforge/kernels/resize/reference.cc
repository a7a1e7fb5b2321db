// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable resize kernels. Sampling positions depend only on the output
// row or column, so they are computed once per row / per pixel and the
// innermost loops run over contiguous channels.

#include "liteforge/kernels/resize/reference.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace liteforge::kernels {
namespace {

inline size_t PixelOffset(int channels, int b, int y, int x, int h, int w) {
  return ((static_cast<size_t>(b) * h + y) * w + x) * static_cast<size_t>(channels);
}

// ---- float sampling (float32 and uint8 paths) ----------------------------

// in/out for plain scaling, (in-1)/(out-1) with align_corners.
float FloatScale(int in_size, int out_size, bool align_corners) {
  if (align_corners && out_size > 1) {
    return static_cast<float>(in_size - 1) / static_cast<float>(out_size - 1);
  }
  return static_cast<float>(in_size) / static_cast<float>(out_size);
}

// Where output `value` samples the input along one axis: the real position
// and the two neighbouring source indices, clamped to the input.
struct FloatSample {
  float pos;
  int32_t lo;
  int32_t hi;
};

FloatSample SampleAt(int value, float scale, bool half_pixel_centers, int in_size) {
  FloatSample s;
  const float v = static_cast<float>(value);
  s.pos = half_pixel_centers ? (v + 0.5f) * scale - 0.5f : v * scale;
  s.lo = std::max(static_cast<int32_t>(std::floor(s.pos)), int32_t{0});
  s.hi = std::min(static_cast<int32_t>(std::ceil(s.pos)), in_size - 1);
  // Memory safety only: with valid sizes floor(pos) never exceeds in-1.
  s.lo = std::min(s.lo, in_size - 1);
  s.hi = std::max(s.hi, int32_t{0});
  return s;
}

// The four corner weights in TFLite's order: (lo_y, lo_x), (lo_y, hi_x),
// (hi_y, lo_x), (hi_y, hi_x). Computed from the clamped low index, as TFLite
// does (so a position left of the input gives weights beyond [0, 1] that
// still sum to one on the same pixel).
struct CornerWeights {
  float w[4];
};

CornerWeights WeightsFor(const FloatSample& sy, const FloatSample& sx) {
  const float dy = sy.pos - static_cast<float>(sy.lo);
  const float dx = sx.pos - static_cast<float>(sx.lo);
  return CornerWeights{{(1 - dy) * (1 - dx), (1 - dy) * dx, dy * (1 - dx), dy * dx}};
}

// TFLite's dedicated path for an exact 2x float upscale without
// align_corners/half_pixel_centers: each input pixel expands to a 2x2 block
// of neighbour averages. Written per output row: an even row holds the top
// halves of the blocks, an odd row the bottom halves.
void Upscale2xFloat(const ResizeGeometry& g, const float* input, int row_begin, int row_end,
                    float* output) {
  const int c = g.channels;
  for (int r = row_begin; r < row_end; ++r) {
    const int b = r / g.out_h;
    const int y0 = (r % g.out_h) / 2;
    const bool bottom = (r % g.out_h) % 2 == 1;
    const int y1 = std::min(y0 + 1, g.in_h - 1);
    for (int x0 = 0; x0 < g.in_w; ++x0) {
      const int x1 = std::min(x0 + 1, g.in_w - 1);
      const float* p00 = input + PixelOffset(c, b, y0, x0, g.in_h, g.in_w);
      const float* p01 = input + PixelOffset(c, b, y0, x1, g.in_h, g.in_w);
      float* left = output + PixelOffset(c, b, r % g.out_h, 2 * x0, g.out_h, g.out_w);
      float* right = left + c;
      if (!bottom) {
        for (int ch = 0; ch < c; ++ch) {
          left[ch] = p00[ch];
          right[ch] = (p00[ch] + p01[ch]) / 2;
        }
        continue;
      }
      const float* p10 = input + PixelOffset(c, b, y1, x0, g.in_h, g.in_w);
      const float* p11 = input + PixelOffset(c, b, y1, x1, g.in_h, g.in_w);
      for (int ch = 0; ch < c; ++ch) {
        const float left_mid = (p00[ch] + p10[ch]) / 2;
        left[ch] = left_mid;
        right[ch] = (left_mid + (p01[ch] + p11[ch]) / 2) / 2;
      }
    }
  }
}

// Shared driver of the float-weighted paths: calls
// combine(corner pointers[4], weights, output pixel) per output pixel.
template <typename T, typename Combine>
void BilinearFloatWeights(const ResizeGeometry& g, const T* input, int row_begin, int row_end,
                          T* output, Combine&& combine) {
  const float scale_y = FloatScale(g.in_h, g.out_h, g.align_corners);
  const float scale_x = FloatScale(g.in_w, g.out_w, g.align_corners);
  const int c = g.channels;
  // Column samples are the same on every row: computed once.
  std::vector<FloatSample> columns(static_cast<size_t>(g.out_w));
  for (int x = 0; x < g.out_w; ++x) columns[x] = SampleAt(x, scale_x, g.half_pixel_centers, g.in_w);
  for (int r = row_begin; r < row_end; ++r) {
    const int b = r / g.out_h;
    const int y = r % g.out_h;
    const FloatSample sy = SampleAt(y, scale_y, g.half_pixel_centers, g.in_h);
    for (int x = 0; x < g.out_w; ++x) {
      const FloatSample& sx = columns[x];
      const CornerWeights w = WeightsFor(sy, sx);
      const T* corners[4] = {input + PixelOffset(c, b, sy.lo, sx.lo, g.in_h, g.in_w),
                             input + PixelOffset(c, b, sy.lo, sx.hi, g.in_h, g.in_w),
                             input + PixelOffset(c, b, sy.hi, sx.lo, g.in_h, g.in_w),
                             input + PixelOffset(c, b, sy.hi, sx.hi, g.in_h, g.in_w)};
      combine(corners, w, output + PixelOffset(c, b, y, x, g.out_h, g.out_w));
    }
  }
}

// ---- 10-bit fixed-point sampling (int8 / int16 paths) --------------------

constexpr int32_t kOne10 = 1 << 10;

// Fixed-point (10 fractional bits) input step per output step, rounded.
int32_t FixedScale10(int in_size, int out_size, bool align_corners) {
  if (align_corners && out_size > 1) {
    return (kOne10 * (in_size - 1) + (out_size - 1) / 2) / (out_size - 1);
  }
  return (kOne10 * in_size + out_size / 2) / out_size;
}

struct FixedSample {
  int32_t pos;  // position in 1/1024 input pixels
  int32_t lo;
  int32_t hi;
};

FixedSample SampleAt10(int value, int32_t scale_10, bool half_pixel_centers, int in_size) {
  FixedSample s;
  s.pos = half_pixel_centers ? value * scale_10 + scale_10 / 2 - kOne10 / 2 : value * scale_10;
  // C++ division truncates toward zero, as TFLite's does here.
  s.lo = std::max(s.pos / kOne10, int32_t{0});
  s.hi = std::min((s.pos + kOne10 - 1) / kOne10, in_size - 1);
  s.lo = std::min(s.lo, in_size - 1);  // memory safety for extreme sizes
  s.hi = std::max(s.hi, int32_t{0});
  return s;
}

template <typename T>
void BilinearFixedPoint(const ResizeGeometry& g, const T* input, int row_begin, int row_end,
                        T* output) {
  const int32_t scale_y = FixedScale10(g.in_h, g.out_h, g.align_corners);
  const int32_t scale_x = FixedScale10(g.in_w, g.out_w, g.align_corners);
  const int c = g.channels;
  constexpr int64_t kHalf20 = int64_t{1} << 19;
  constexpr int64_t kOne20 = int64_t{1} << 20;
  std::vector<FixedSample> columns(static_cast<size_t>(g.out_w));
  for (int x = 0; x < g.out_w; ++x) {
    columns[x] = SampleAt10(x, scale_x, g.half_pixel_centers, g.in_w);
  }
  for (int r = row_begin; r < row_end; ++r) {
    const int b = r / g.out_h;
    const int y = r % g.out_h;
    const FixedSample sy = SampleAt10(y, scale_y, g.half_pixel_centers, g.in_h);
    const int64_t fy = sy.pos - kOne10 * sy.lo;  // may be negative at a border
    for (int x = 0; x < g.out_w; ++x) {
      const FixedSample& sx = columns[x];
      const int64_t fx = sx.pos - kOne10 * sx.lo;
      const int64_t w00 = (kOne10 - fy) * (kOne10 - fx);
      const int64_t w01 = (kOne10 - fy) * fx;
      const int64_t w10 = fy * (kOne10 - fx);
      const int64_t w11 = fy * fx;
      const T* p00 = input + PixelOffset(c, b, sy.lo, sx.lo, g.in_h, g.in_w);
      const T* p01 = input + PixelOffset(c, b, sy.lo, sx.hi, g.in_h, g.in_w);
      const T* p10 = input + PixelOffset(c, b, sy.hi, sx.lo, g.in_h, g.in_w);
      const T* p11 = input + PixelOffset(c, b, sy.hi, sx.hi, g.in_h, g.in_w);
      T* dst = output + PixelOffset(c, b, y, x, g.out_h, g.out_w);
      for (int ch = 0; ch < c; ++ch) {
        const int64_t acc = p00[ch] * w00 + p10[ch] * w10 + p01[ch] * w01 + p11[ch] * w11;
        const int64_t rounded = (acc + (acc > 0 ? kHalf20 : -kHalf20)) / kOne20;
        dst[ch] = static_cast<T>(std::clamp<int64_t>(rounded, std::numeric_limits<T>::min(),
                                                     std::numeric_limits<T>::max()));
      }
    }
  }
}

}  // namespace

void f32_resize_bilinear__reference(const ResizeGeometry& g, const float* input, int row_begin,
                                    int row_end, float* output) {
  if (IsExactUpscale2x(g)) {
    Upscale2xFloat(g, input, row_begin, row_end, output);
    return;
  }
  const int c = g.channels;
  BilinearFloatWeights(g, input, row_begin, row_end, output,
                       [c](const float* const* corners, const CornerWeights& w, float* dst) {
                         for (int ch = 0; ch < c; ++ch) {
                           float acc = corners[0][ch] * w.w[0];
                           acc += corners[1][ch] * w.w[1];
                           acc += corners[2][ch] * w.w[2];
                           acc += corners[3][ch] * w.w[3];
                           dst[ch] = acc;
                         }
                       });
}

void qu8_resize_bilinear__reference(const ResizeGeometry& g, const uint8_t* input, int row_begin,
                                    int row_end, uint8_t* output) {
  const int c = g.channels;
  BilinearFloatWeights(g, input, row_begin, row_end, output,
                       [c](const uint8_t* const* corners, const CornerWeights& w, uint8_t* dst) {
                         for (int ch = 0; ch < c; ++ch) {
                           const float v = static_cast<float>(corners[0][ch]) * w.w[0] +
                                           static_cast<float>(corners[1][ch]) * w.w[1] +
                                           static_cast<float>(corners[2][ch]) * w.w[2] +
                                           static_cast<float>(corners[3][ch]) * w.w[3] + 0.5f;
                           // Truncation toward zero as TFLite's cast; the clamp only guards
                           // the conversion and never changes an in-range result.
                           dst[ch] = static_cast<uint8_t>(std::min(std::max(v, 0.f), 255.f));
                         }
                       });
}

void qs8_resize_bilinear__reference(const ResizeGeometry& g, const int8_t* input, int row_begin,
                                    int row_end, int8_t* output) {
  BilinearFixedPoint(g, input, row_begin, row_end, output);
}

void qs16_resize_bilinear__reference(const ResizeGeometry& g, const int16_t* input, int row_begin,
                                     int row_end, int16_t* output) {
  BilinearFixedPoint(g, input, row_begin, row_end, output);
}

void ComputeBilinearAxis(int in_size, int out_size, bool align_corners, bool half_pixel_centers,
                         BilinearAxisSample* samples) {
  const float scale = FloatScale(in_size, out_size, align_corners);
  for (int i = 0; i < out_size; ++i) {
    const FloatSample s = SampleAt(i, scale, half_pixel_centers, in_size);
    samples[i] = {s.lo, s.hi, s.pos - static_cast<float>(s.lo)};
  }
}

void ComputeQs8BilinearAxis(int in_size, int out_size, bool align_corners,
                            bool half_pixel_centers, IntegerAxisSample* samples) {
  const int32_t scale = FixedScale10(in_size, out_size, align_corners);
  for (int i = 0; i < out_size; ++i) {
    const FixedSample s = SampleAt10(i, scale, half_pixel_centers, in_size);
    // lo != hi only for 0 <= pos with hi = lo + 1, where 0 < pos - 1024 lo < 1024.
    samples[i] = {s.lo, s.hi, s.lo == s.hi ? 0 : s.pos - kOne10 * s.lo};
  }
}

namespace {

// One axis of ComputeQu8ExactBilinearAxes: false when a distance is not a
// multiple of 2^-7. `spread` receives the largest |1 - d| + |d| over the
// axis in units of 2^-7 (d is the raw distance, before the lo == hi
// normalisation): the float weights' magnitudes the exactness bound needs.
bool Qu8ExactAxis(int in_size, int out_size, bool align_corners, bool half_pixel_centers,
                  IntegerAxisSample* samples, int64_t* spread) {
  constexpr float kOne = static_cast<float>(1 << kQu8ExactWeightBits);
  std::vector<BilinearAxisSample> axis(static_cast<size_t>(out_size));
  ComputeBilinearAxis(in_size, out_size, align_corners, half_pixel_centers, axis.data());
  *spread = 0;
  for (int i = 0; i < out_size; ++i) {
    const float scaled = axis[i].frac * kOne;  // exact: a power-of-two scaling
    // Also rejects NaN and magnitudes that do not fit the arithmetic below.
    if (!(std::fabs(scaled) <= 4096.f) || scaled != std::floor(scaled)) return false;
    const int64_t d = static_cast<int64_t>(scaled);
    const int64_t one = int64_t{1} << kQu8ExactWeightBits;
    *spread = std::max(*spread, (d > one ? d - one : one - d) + (d < 0 ? -d : d));
    if (axis[i].lo != axis[i].hi && (d <= 0 || d >= one)) return false;  // never: see reference.h
    samples[i] = {axis[i].lo, axis[i].hi, axis[i].lo == axis[i].hi ? 0 : static_cast<int32_t>(d)};
  }
  return true;
}

}  // namespace

bool ComputeQu8ExactBilinearAxes(const ResizeGeometry& g, IntegerAxisSample* rows,
                                 IntegerAxisSample* columns) {
  int64_t spread_y = 0;
  int64_t spread_x = 0;
  if (!Qu8ExactAxis(g.in_h, g.out_h, g.align_corners, g.half_pixel_centers, rows, &spread_y) ||
      !Qu8ExactAxis(g.in_w, g.out_w, g.align_corners, g.half_pixel_centers, columns, &spread_x)) {
    return false;
  }
  // In units of 2^-14 every weight is an integer, and the sum of the four
  // weights' magnitudes is spread_y * spread_x. Every product value * weight
  // and every partial sum (with the final + 0.5 = 2^13 units) is then an
  // integer below 255 * spread_y * spread_x + 2^13 units: exact in float
  // while that stays below 2^24.
  const int64_t bound = 255 * spread_y * spread_x + (int64_t{1} << (2 * kQu8ExactWeightBits - 1));
  return bound < (int64_t{1} << 24);
}

bool IsExactUpscale2x(const ResizeGeometry& g) {
  return !g.align_corners && !g.half_pixel_centers && g.out_h == 2 * g.in_h &&
         g.out_w == 2 * g.in_w;
}

void ComputeNearestIndices(int in_size, int out_size, bool align_corners, bool half_pixel_centers,
                           bool fixed_point, int32_t* index) {
  if (fixed_point) {
    // 16 fractional bits; the +1 keeps scales like 1/3 from rounding to 0.
    const int64_t scale = (static_cast<int64_t>(in_size) << 16) / out_size + 1;
    for (int i = 0; i < out_size; ++i) {
      index[i] = static_cast<int32_t>(std::min<int64_t>((i * scale) >> 16, in_size - 1));
    }
    return;
  }
  const float scale = FloatScale(in_size, out_size, align_corners);
  const float offset = half_pixel_centers ? 0.5f : 0.f;
  for (int i = 0; i < out_size; ++i) {
    const float pos = (static_cast<float>(i) + offset) * scale;
    int32_t v = align_corners ? static_cast<int32_t>(std::round(pos))
                              : static_cast<int32_t>(std::floor(pos));
    v = std::min(v, in_size - 1);
    index[i] = std::max(v, int32_t{0});
  }
}

void resize_nearest__reference(const ResizeGeometry& g, const int32_t* y_index,
                               const int32_t* x_index, size_t element_size, const uint8_t* input,
                               int row_begin, int row_end, uint8_t* output) {
  const size_t pixel_bytes = static_cast<size_t>(g.channels) * element_size;
  for (int r = row_begin; r < row_end; ++r) {
    const int b = r / g.out_h;
    const int y = r % g.out_h;
    const uint8_t* src_row =
        input + PixelOffset(g.channels, b, y_index[y], 0, g.in_h, g.in_w) * element_size;
    uint8_t* dst = output + PixelOffset(g.channels, b, y, 0, g.out_h, g.out_w) * element_size;
    for (int x = 0; x < g.out_w; ++x) {
      std::memcpy(dst, src_row + static_cast<size_t>(x_index[x]) * pixel_bytes, pixel_bytes);
      dst += pixel_bytes;
    }
  }
}

}  // namespace liteforge::kernels
