// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable 2-D pooling kernels over NHWC tensors: average, max and L2
// pooling, MediaPipe's max pooling that also reports where each maximum
// came from, and the matching unpooling scatter.
//
// A window covers filter_h x filter_w input pixels starting at
// (out_y * stride_h - pad_h, out_x * stride_w - pad_w); pixels outside the
// input are skipped, so an average divides by the number of in-bounds
// pixels only. The ops (ops/*_pool_2d.cc) validate shapes, compute the
// padding and the activation bounds; these functions only compute.
//
// Integer numerics follow TensorFlow Lite's builtin kernels exactly:
//   * average pooling sums raw values in int32 and divides by the pixel
//     count rounding half away from zero, (sum +/- count/2) / count with
//     truncating division, then clamps to the activation bounds; no
//     rescaling (input and output share scale and zero point);
//   * max pooling takes the raw maximum, then clamps.

#pragma once

#include <cstdint>

namespace liteforge::kernels {

struct Pool2DGeometry {
  int batches = 0;
  int in_h = 0;
  int in_w = 0;
  int channels = 0;
  int out_h = 0;
  int out_w = 0;
  int stride_h = 1;
  int stride_w = 1;
  int filter_h = 1;
  int filter_w = 1;
  int pad_h = 0;  // rows of implicit padding before the data
  int pad_w = 0;  // columns of implicit padding before the data
};

// The part of one output pixel's window that lies inside the input, in
// input coordinates [y_begin, y_end) x [x_begin, x_end); origin_y/origin_x
// are the window's unclipped top-left corner. Shared by the reference and
// the SIMD variants (pooling_variants.h) so both clip windows identically.
struct PoolWindow {
  int origin_y;
  int origin_x;
  int y_begin;
  int y_end;
  int x_begin;
  int x_end;
  int count() const {
    const int rows = y_end - y_begin;
    const int cols = x_end - x_begin;
    return rows > 0 && cols > 0 ? rows * cols : 0;
  }
};

inline PoolWindow PoolWindowAt(const Pool2DGeometry& g, int out_y, int out_x) {
  PoolWindow w;
  w.origin_y = out_y * g.stride_h - g.pad_h;
  w.origin_x = out_x * g.stride_w - g.pad_w;
  w.y_begin = w.origin_y > 0 ? w.origin_y : 0;
  w.y_end = w.origin_y + g.filter_h < g.in_h ? w.origin_y + g.filter_h : g.in_h;
  w.x_begin = w.origin_x > 0 ? w.origin_x : 0;
  w.x_end = w.origin_x + g.filter_w < g.in_w ? w.origin_x + g.filter_w : g.in_w;
  return w;
}

// True when every output window overlaps the input (an average over an
// empty window is undefined; TFLite fails the invoke in that case).
bool EveryPoolWindowNonEmpty(const Pool2DGeometry& g);

// Output rows over (batch, out_y): row r is batch r / out_h, y r % out_h.
// The average and max kernels write rows [row_begin, row_end) only, and a
// row's values do not depend on the range, so callers split rows over
// threads.
inline int PoolRows(const Pool2DGeometry& g) { return g.batches * g.out_h; }

void f32_avgpool2d__reference(const Pool2DGeometry& g, const float* input, float act_min,
                              float act_max, int row_begin, int row_end, float* output);
void qu8_avgpool2d__reference(const Pool2DGeometry& g, const uint8_t* input, int32_t act_min,
                              int32_t act_max, int row_begin, int row_end, uint8_t* output);
void qs8_avgpool2d__reference(const Pool2DGeometry& g, const int8_t* input, int32_t act_min,
                              int32_t act_max, int row_begin, int row_end, int8_t* output);
void qs16_avgpool2d__reference(const Pool2DGeometry& g, const int16_t* input, int32_t act_min,
                              int32_t act_max, int row_begin, int row_end, int16_t* output);

void f32_maxpool2d__reference(const Pool2DGeometry& g, const float* input, float act_min,
                              float act_max, int row_begin, int row_end, float* output);
void qu8_maxpool2d__reference(const Pool2DGeometry& g, const uint8_t* input, int32_t act_min,
                              int32_t act_max, int row_begin, int row_end, uint8_t* output);
void qs8_maxpool2d__reference(const Pool2DGeometry& g, const int8_t* input, int32_t act_min,
                              int32_t act_max, int row_begin, int row_end, int8_t* output);
void qs16_maxpool2d__reference(const Pool2DGeometry& g, const int16_t* input, int32_t act_min,
                              int32_t act_max, int row_begin, int row_end, int16_t* output);

// sqrt(sum of squares / in-bounds count), then clamped.
void f32_l2pool2d__reference(const Pool2DGeometry& g, const float* input, float act_min,
                             float act_max, float* output);

// MediaPipe's MaxPoolingWithArgmax2D: like max pooling, and `indices`
// (same shape as the output, float) receives the window-relative position
// of the maximum, fy * filter_w + fx + 0.1 (the 0.1 makes a later
// float->int truncation safe). The first maximum in row-major window order
// wins; a window without any value above float's lowest reports 0.
void f32_maxpool2d_argmax__reference(const Pool2DGeometry& g, const float* input, float act_min,
                                     float act_max, float* output, float* indices);

// MediaPipe's MaxUnpooling2D. `g` describes the pooling this undoes: the
// input/indices are [batches, out_h, out_w, channels] (the pooled grid) and
// the output is [batches, in_h, in_w, channels]. The output is zeroed, then
// each pooled value is written where its index (truncated to int) points;
// positions outside the output are skipped. Later writes win.
void f32_maxunpool2d__reference(const Pool2DGeometry& g, const float* pooled,
                                const float* indices, float* output);

}  // namespace liteforge::kernels
