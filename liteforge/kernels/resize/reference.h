// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable image resizing over NHWC tensors: bilinear and nearest-neighbour,
// with TFLite's align_corners / half_pixel_centers coordinate rules.
//
// Each dtype reproduces the arithmetic of TFLite's builtin kernel for it:
//   float32  sampling positions and weights in float; each output is the sum
//            of the four weighted corners, accumulated in corner order
//            (top-left, top-right, bottom-left, bottom-right). An exact 2x
//            upscale without align_corners/half_pixel_centers takes TFLite's
//            dedicated 2x path (averages of neighbours).
//   uint8    the same float positions and weights, result + 0.5 truncated
//            (TFLite's uint8 path computes in float, not in integers).
//   int8/16  10-bit fixed-point positions, a 20-bit weighted sum in int64,
//            rounded half away from zero.
//   nearest  a pure index mapping: float scale with floor (or round when
//            align_corners); TFLite's 8-bit path uses a 16.16 fixed-point
//            scale instead when neither flag is set, see
//            ComputeNearestIndices.

#pragma once

#include <cstddef>
#include <cstdint>

namespace liteforge::kernels {

struct ResizeGeometry {
  int batches = 0;
  int in_h = 0;
  int in_w = 0;
  int channels = 0;
  int out_h = 0;
  int out_w = 0;
  bool align_corners = false;
  bool half_pixel_centers = false;
};

// Output rows are numbered over (batch, out_y): row r is batch r / out_h,
// y r % out_h. Every kernel below writes rows [row_begin, row_end) and
// nothing else, and a row's values do not depend on the range, so callers
// can split the rows over threads.
inline int ResizeRows(const ResizeGeometry& g) { return g.batches * g.out_h; }

void f32_resize_bilinear__reference(const ResizeGeometry& g, const float* input, int row_begin,
                                    int row_end, float* output);
void qu8_resize_bilinear__reference(const ResizeGeometry& g, const uint8_t* input, int row_begin,
                                    int row_end, uint8_t* output);
void qs8_resize_bilinear__reference(const ResizeGeometry& g, const int8_t* input, int row_begin,
                                    int row_end, int8_t* output);
void qs16_resize_bilinear__reference(const ResizeGeometry& g, const int16_t* input, int row_begin,
                                     int row_end, int16_t* output);

// Source index along one axis for each of the out_size outputs, written to
// index[0..out_size). `fixed_point` selects TFLite's 16.16 fixed-point rule
// ((in << 16) / out + 1, then >> 16), which its 8-bit kernel uses when
// neither align_corners nor half_pixel_centers is set; the float rule
// otherwise. Indices are clamped to [0, in_size - 1].
// One axis of bilinear sampling with float weights (the float32 and uint8
// kernels): for output index i, the two input indices and the distance of
// the sampling position from `lo` (TFLite's arithmetic, clamped indices;
// the distance may leave [0, 1] at a border, see reference.cc).
struct BilinearAxisSample {
  int32_t lo;
  int32_t hi;
  float frac;
};
void ComputeBilinearAxis(int in_size, int out_size, bool align_corners, bool half_pixel_centers,
                         BilinearAxisSample* samples);

// One axis of an integer formulation of bilinear sampling (the SIMD
// variants' int8 and uint8 paths): for output index i, the two input
// indices and the weight of `hi` in units of 2^-bits, in [0, 2^bits]; the
// weight of `lo` is 2^bits - weight. The weight is 0 whenever lo == hi:
// both taps then read the same pixel, so moving weight between them
// (TFLite gives them weights beyond [0, 1] at a border) changes no exact
// sum.
struct IntegerAxisSample {
  int32_t lo;
  int32_t hi;
  int32_t weight;
};

// The int8/int16 reference's 10-bit fixed-point axis (bits = 10). With
// these samples, for every output
//   (2^10 - wy) * ((2^10 - wx) * p00 + wx * p01) + wy * ((2^10 - wx) * p10 + wx * p11)
// equals the reference's 20-bit sum exactly (integer arithmetic, only the
// grouping differs), so any grouping gives the reference's result.
constexpr int kQs8WeightBits = 10;
void ComputeQs8BilinearAxis(int in_size, int out_size, bool align_corners,
                            bool half_pixel_centers, IntegerAxisSample* samples);

// The uint8 reference interpolates in float. When every sampling distance
// of both axes is a multiple of 2^-7 and the magnitudes stay small, every
// product and partial sum it computes is exact in float (at most 24
// significant bits), so its result equals the integer
//   ((2^7 - wy) * ((2^7 - wx) * p00 + wx * p01) + wy * (...) + 2^13) >> 14
// clamped to [0, 255] (truncating a non-negative exact value is the
// floor). True for power-of-two scale factors with or without
// half_pixel_centers, and align_corners ratios like 33 -> 513. Fills both
// axes (bits = 7) and returns true in that case; returns false otherwise
// (the arrays' contents are then unspecified).
constexpr int kQu8ExactWeightBits = 7;
bool ComputeQu8ExactBilinearAxes(const ResizeGeometry& g, IntegerAxisSample* rows,
                                 IntegerAxisSample* columns);

// Whether f32_resize_bilinear__reference takes TFLite's exact 2x upscale
// path (neighbour averages) for this geometry; SIMD variants leave it to
// the reference.
bool IsExactUpscale2x(const ResizeGeometry& g);

void ComputeNearestIndices(int in_size, int out_size, bool align_corners, bool half_pixel_centers,
                           bool fixed_point, int32_t* index);

// Copies whole pixels (channels * element_size bytes) from the source
// positions given by y_index[out_h] and x_index[out_w].
void resize_nearest__reference(const ResizeGeometry& g, const int32_t* y_index,
                               const int32_t* x_index, size_t element_size, const uint8_t* input,
                               int row_begin, int row_end, uint8_t* output);

}  // namespace liteforge::kernels
