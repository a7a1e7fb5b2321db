// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable 2-D convolution kernels (CONV_2D), the oracle for the SIMD
// variants. Layouts are TFLite's: input NHWC, filter OHWI
// [output_depth, filter_height, filter_width, filter_depth], output NHWC.
// Grouped convolution: input_depth = groups * filter_depth, and output
// channel o reads input channels [g * filter_depth, (g + 1) * filter_depth)
// of group g = o / (output_depth / groups).
//
// Every kernel computes output rows [row_begin, row_end) of the flattened
// (batch, output_y) range, so callers can split the work across threads;
// the result does not depend on the split.
//
// Method: for each output pixel the receptive field is gathered into a
// contiguous patch laid out like one filter row ([fy][fx][c]), with taps
// outside the image set to the value that contributes nothing (0 after the
// input offset is applied). Each output channel is then one contiguous dot
// product of its filter row with the patch. Everything data-independent
// (multipliers, activation bounds, offsets) arrives precomputed.

#pragma once

#include <cstdint>

#include "liteforge/kernels/conv/requantize.h"

namespace liteforge::kernels {

struct ConvGeometry {
  int batches = 0;
  int input_height = 0;
  int input_width = 0;
  int input_depth = 0;  // groups * filter_depth
  int filter_height = 0;
  int filter_width = 0;
  int filter_depth = 0;  // input channels seen by one filter
  int output_height = 0;
  int output_width = 0;
  int output_depth = 0;  // a multiple of groups
  int stride_height = 1;
  int stride_width = 1;
  int dilation_height = 1;
  int dilation_width = 1;
  int pad_top = 0;   // rows of implicit zero padding before the data
  int pad_left = 0;  // columns of implicit zero padding before the data

  int groups() const { return filter_depth > 0 ? input_depth / filter_depth : 0; }
  int rows() const { return batches * output_height; }
  // Elements of one patch (= one filter row).
  int patch_size() const { return filter_height * filter_width * filter_depth; }
};

// float32 input, filter and (nullable) bias; output clamped to
// [act_min, act_max].
void f32_conv2d__reference(const ConvGeometry& g, const float* input, const float* filter,
                           const float* bias, float act_min, float act_max, int row_begin,
                           int row_end, float* output);

// Fixed-point parameters of the kernels with a 32-bit accumulator:
//   acc = bias[o] + sum (x + input_offset) * (w + filter_offset)
//   out = clamp(scale(acc, multipliers[o], exponents[o]) + output_offset)
// The accumulator wraps on int32 overflow, as TFLite's does.
struct ConvQuantParams {
  int32_t input_offset = 0;   // minus the input zero point
  int32_t filter_offset = 0;  // minus the filter zero point (uint8 filters only)
  int32_t output_offset = 0;  // the output zero point
  const int32_t* multipliers = nullptr;  // one per output channel
  const int32_t* exponents = nullptr;    // one per output channel
  int32_t act_min = 0;
  int32_t act_max = 0;
  ConvRounding rounding = ConvRounding::kDoubleRounding;
};

// int8 input and filter, int32 bias (nullable), int8 output.
void qs8_conv2d__reference(const ConvGeometry& g, const int8_t* input, const int8_t* filter,
                           const int32_t* bias, const ConvQuantParams& p, int row_begin,
                           int row_end, int8_t* output);

// uint8 input and filter (asymmetric), int32 bias (nullable), uint8 output.
void qu8_conv2d__reference(const ConvGeometry& g, const uint8_t* input, const uint8_t* filter,
                           const int32_t* bias, const ConvQuantParams& p, int row_begin,
                           int row_end, uint8_t* output);

// int16 input, int8 filter, int32 bias (nullable), int16 output with a
// 32-bit accumulator: TFLite's GEMM path for 16x8 conv with an int32 bias.
void qs16_conv2d_acc32__reference(const ConvGeometry& g, const int16_t* input,
                                  const int8_t* filter, const int32_t* bias,
                                  const ConvQuantParams& p, int row_begin, int row_end,
                                  int16_t* output);

// Parameters of the int16 kernels with a 64-bit accumulator (TFLite's 16x8
// reference conv): the accumulator is rescaled with ConvScaleWide. Input
// and output zero points are 0 by the int16 spec.
struct ConvWideParams {
  const int32_t* multipliers = nullptr;
  const int32_t* exponents = nullptr;
  int32_t act_min = 0;
  int32_t act_max = 0;
};

// int16 input, int8 filter, int64 or int32 bias (nullable), int16 output.
void qs16_conv2d_acc64__reference(const ConvGeometry& g, const int16_t* input,
                                  const int8_t* filter, const int64_t* bias,
                                  const ConvWideParams& p, int row_begin, int row_end,
                                  int16_t* output);
void qs16_conv2d_acc64_b32__reference(const ConvGeometry& g, const int16_t* input,
                                      const int8_t* filter, const int32_t* bias,
                                      const ConvWideParams& p, int row_begin, int row_end,
                                      int16_t* output);

// Hybrid (dynamic-range) conv: the float input has been quantized to int8
// per batch (value = scale[b] * (q - zero_point[b])) and the int8 filter
// carries one float scale per output channel:
//   out = clamp(bias[o] + filter_scales[o] * input_scales[b] *
//               sum (q - zero_point[b]) * w)
struct ConvHybridParams {
  const float* input_scales = nullptr;       // one per batch
  const int32_t* input_zero_points = nullptr;  // one per batch
  const float* filter_scales = nullptr;      // one per output channel
  float act_min = 0;
  float act_max = 0;
};
void f32_qs8w_conv2d_hybrid__reference(const ConvGeometry& g, const int8_t* quantized_input,
                                       const int8_t* filter, const float* bias,
                                       const ConvHybridParams& p, int row_begin, int row_end,
                                       float* output);

// Quantizes one batch of a hybrid op's float input to int8 the way TFLite
// does before its integer accumulation.
//   Symmetric: scale = max|x| / 127, q = round(x * 127 / max|x|) clamped to
//     [-127, 127], zero point 0; an all-zero batch gets scale 1.
//   Asymmetric: the range [min(x, 0), max(x, 0)] is mapped onto [-128, 127]
//     with a nudged zero point (computed in double); q = round(zp + x / scale)
//     clamped to [-128, 127]; a constant-zero batch gets scale 1, zp 0.
// Rounding is half away from zero. Returns the scale.
float HybridQuantizeSymmetric(const float* values, int64_t n, int8_t* quantized);
float HybridQuantizeAsymmetric(const float* values, int64_t n, int8_t* quantized,
                               int32_t* zero_point);

}  // namespace liteforge::kernels
