// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable transposed-convolution kernels (NHWC input and output, OHWI
// weights). Each input pixel scatters input[n][y][x][:] . weights[o][ky][kx][:]
// into output[n][y * stride_h - pad_top + ky][x * stride_w - pad_left + kx][o],
// skipping positions outside the output. The op layer computes the geometry
// (output size and padding) and every multiplier.

#pragma once

#include <cstdint>

namespace liteforge::kernels {

struct TransposeConvGeometry {
  int batches = 0;
  int input_height = 0;
  int input_width = 0;
  int input_depth = 0;
  int output_height = 0;
  int output_width = 0;
  int output_depth = 0;
  int filter_height = 0;
  int filter_width = 0;
  int stride_height = 1;
  int stride_width = 1;
  int pad_top = 0;   // rows of padding before the data
  int pad_left = 0;  // columns of padding before the data
};

// float32, TFLite's builtin order: every output starts at 0 and receives,
// input pixel by input pixel in raster order, one depth-wise dot product;
// the bias (nullable) is added last, then the result is clamped.
void f32_transpose_conv__reference(const TransposeConvGeometry& g, const float* input,
                                   const float* weights, const float* bias, float act_min,
                                   float act_max, float* output);

// float32, MediaPipe's Convolution2DTransposeBias order: every output starts
// at its bias and receives the products one at a time (input pixels in
// raster order, input channels in order). No activation.
void f32_transpose_conv_bias_first__reference(const TransposeConvGeometry& g, const float* input,
                                              const float* weights, const float* bias,
                                              float* output);

// Fixed-point parameters of the integer kernels. Rescaling is TFLite's
// MultiplyByQuantizedMultiplier (double rounding; the int64 variant for an
// int64 accumulator).
struct TransposeConvQuantParams {
  int32_t input_offset = 0;    // added to input values (-zero point)
  int32_t weights_offset = 0;  // added to weights (uint8 only; int8 weights are symmetric)
  int32_t output_offset = 0;
  const int32_t* multipliers = nullptr;  // one per output channel
  const int32_t* exponents = nullptr;
  int32_t act_min = 0;
  int32_t act_max = 0;
};

// `acc` is scratch with one accumulator per output element.
void qs8_transpose_conv__reference(const TransposeConvGeometry& g, const int8_t* input,
                                   const int8_t* weights, const int32_t* bias,
                                   const TransposeConvQuantParams& params, int32_t* acc,
                                   int8_t* output);
void qu8_transpose_conv__reference(const TransposeConvGeometry& g, const uint8_t* input,
                                   const uint8_t* weights, const int32_t* bias,
                                   const TransposeConvQuantParams& params, int32_t* acc,
                                   uint8_t* output);
// int16 activations, int8 weights; the accumulator has the bias's width.
void qs16_transpose_conv_b64__reference(const TransposeConvGeometry& g, const int16_t* input,
                                        const int8_t* weights, const int64_t* bias,
                                        const TransposeConvQuantParams& params, int64_t* acc,
                                        int16_t* output);
void qs16_transpose_conv_b32__reference(const TransposeConvGeometry& g, const int16_t* input,
                                        const int8_t* weights, const int32_t* bias,
                                        const TransposeConvQuantParams& params, int32_t* acc,
                                        int16_t* output);

}  // namespace liteforge::kernels
