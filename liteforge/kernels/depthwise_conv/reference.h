// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable depthwise 2-D convolution kernels (DEPTHWISE_CONV_2D), the
// oracle for SIMD variants. Layouts are TFLite's: input NHWC, filter
// [1, filter_height, filter_width, output_depth], output NHWC, with
// output_depth = input_depth * depth_multiplier and output channel
// c * depth_multiplier + m reading input channel c only.
//
// Every kernel computes output rows [row_begin, row_end) of the flattened
// (batch, output_y) range; the result does not depend on the split.
//
// Method: per output pixel, one accumulator per output channel; for every
// filter tap inside the image the contiguous input-channel vector is
// multiplied into the contiguous filter-channel vector. Taps outside the
// image contribute nothing (TFLite's implicit zero padding, which is the
// zero point in the quantized domain).

#pragma once

#include <cstdint>

#include "liteforge/kernels/conv/requantize.h"

namespace liteforge::kernels {

struct DepthwiseGeometry {
  int batches = 0;
  int input_height = 0;
  int input_width = 0;
  int input_depth = 0;
  int filter_height = 0;
  int filter_width = 0;
  int depth_multiplier = 1;
  int output_height = 0;
  int output_width = 0;
  int output_depth = 0;  // input_depth * depth_multiplier
  int stride_height = 1;
  int stride_width = 1;
  int dilation_height = 1;
  int dilation_width = 1;
  int pad_top = 0;
  int pad_left = 0;

  int rows() const { return batches * output_height; }
};

// float32 input, filter and (nullable) bias; output clamped to
// [act_min, act_max]. Taps are summed in (fy, fx) order, then the bias is
// added, as TFLite's reference kernel does.
void f32_depthwise_conv2d__reference(const DepthwiseGeometry& g, const float* input,
                                     const float* filter, const float* bias, float act_min,
                                     float act_max, int row_begin, int row_end, float* output);

// Fixed-point parameters of the 8-bit kernels:
//   acc = bias[o] + sum (x + input_offset) * (w + filter_offset)
//   out = clamp(scale(acc, multipliers[o], exponents[o]) + output_offset)
struct DepthwiseQuantParams {
  int32_t input_offset = 0;   // minus the input zero point
  int32_t filter_offset = 0;  // minus the filter zero point (uint8 filters only)
  int32_t output_offset = 0;  // the output zero point
  const int32_t* multipliers = nullptr;  // one per output channel
  const int32_t* exponents = nullptr;
  int32_t act_min = 0;
  int32_t act_max = 0;
  ConvRounding rounding = ConvRounding::kDoubleRounding;
};

// int8 input and filter, int32 bias (nullable), int8 output.
void qs8_depthwise_conv2d__reference(const DepthwiseGeometry& g, const int8_t* input,
                                     const int8_t* filter, const int32_t* bias,
                                     const DepthwiseQuantParams& p, int row_begin, int row_end,
                                     int8_t* output);

// uint8 input and filter, int32 bias (nullable), uint8 output.
void qu8_depthwise_conv2d__reference(const DepthwiseGeometry& g, const uint8_t* input,
                                     const uint8_t* filter, const int32_t* bias,
                                     const DepthwiseQuantParams& p, int row_begin, int row_end,
                                     uint8_t* output);

// int16 kernels accumulate in 64 bits (TFLite's 16x8 reference depthwise).
// Zero points are 0 by the int16 spec, so there are no offsets.
struct DepthwiseWideParams {
  const int32_t* multipliers = nullptr;
  const int32_t* exponents = nullptr;
  int32_t act_min = 0;
  int32_t act_max = 0;
};

// int16 input, int8 filter, int64 or int32 bias (nullable), int16 output.
void qs16_depthwise_conv2d__reference(const DepthwiseGeometry& g, const int16_t* input,
                                      const int8_t* filter, const int64_t* bias,
                                      const DepthwiseWideParams& p, int row_begin, int row_end,
                                      int16_t* output);
void qs16_depthwise_conv2d_b32__reference(const DepthwiseGeometry& g, const int16_t* input,
                                          const int8_t* filter, const int32_t* bias,
                                          const DepthwiseWideParams& p, int row_begin,
                                          int row_end, int16_t* output);

// Hybrid (dynamic-range) depthwise: the float input has been quantized to
// int8 per batch (value = scale[b] * (q - zero_point[b])), the int8 filter
// has one float scale per output channel:
//   out = clamp(bias[o] + float(sum (q - zero_point[b]) * w) *
//               (filter_scales[o] * input_scales[b]))
struct DepthwiseHybridParams {
  const float* input_scales = nullptr;         // one per batch
  const int32_t* input_zero_points = nullptr;  // one per batch
  const float* filter_scales = nullptr;        // one per output channel
  float act_min = 0;
  float act_max = 0;
};
void f32_qs8w_depthwise_conv2d_hybrid__reference(const DepthwiseGeometry& g,
                                                 const int8_t* quantized_input,
                                                 const int8_t* filter, const float* bias,
                                                 const DepthwiseHybridParams& p, int row_begin,
                                                 int row_end, float* output);

}  // namespace liteforge::kernels
