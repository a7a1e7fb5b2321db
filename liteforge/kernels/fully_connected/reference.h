// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable fully-connected kernels: out[b][o] = act(bias[o] + sum_k in[b][k] * w[o][k]),
// with weights stored [output_depth, input_depth] (each output's weights
// contiguous). Every dtype combination TFLite's builtin FULLY_CONNECTED
// computes has one entry point here; the op (ops/fully_connected.cc) checks
// shapes and quantization and precomputes everything the kernels take.
//
// The quantized kernels reproduce TFLite's integer results exactly. Two
// details decide bit-exactness:
//   * how the int32 accumulator is scaled (FcQuantParams::rounding), and
//   * for int16 activations with an int64 bias, TFLite rescales in double
//     precision rather than with a fixed-point multiplier.

#pragma once

#include <cstdint>

#include "liteforge/kernels/conv/requantize.h"

namespace liteforge::kernels {

struct FcDims {
  int batches = 0;       // rows of the input, flattened
  int input_depth = 0;   // K
  int output_depth = 0;  // N
};

// float32 input, weights and (optional) bias, output clamped to
// [act_min, act_max]. Each output sums k in increasing order, then adds the
// bias.
void f32_fully_connected__reference(const FcDims& dims, const float* input,
                                    const float* weights, const float* bias, float act_min,
                                    float act_max, float* output);

// Fixed-point parameters of the integer kernels.
struct FcQuantParams {
  int32_t input_offset = 0;    // added to every input value (-zero point)
  int32_t weights_offset = 0;  // added to every weight (-zero point)
  int32_t output_offset = 0;   // output zero point
  // One (multiplier, exponent) per output channel; per-tensor quantization
  // repeats the same pair.
  const int32_t* multipliers = nullptr;
  const int32_t* exponents = nullptr;
  int32_t act_min = 0;
  int32_t act_max = 0;
  // TFLite's GEMM backend's rule for this dtype (kernels/conv/requantize.h).
  ConvRounding rounding = ConvRounding::kDoubleRounding;
};

// int8 input and weights, int32 bias (nullable), int8 output.
void qs8_fully_connected__reference(const FcDims& dims, const int8_t* input,
                                    const int8_t* weights, const int32_t* bias,
                                    const FcQuantParams& params, int8_t* output);

// uint8 input and weights, int32 bias (nullable), uint8 output.
void qu8_fully_connected__reference(const FcDims& dims, const uint8_t* input,
                                    const uint8_t* weights, const int32_t* bias,
                                    const FcQuantParams& params, uint8_t* output);

// int16 input, int8 weights, int32 bias (nullable), int16 output, 32-bit
// accumulation and fixed-point rescaling: TFLite's GEMM path for int16 when
// every zero point is 0 and the bias (if any) is int32.
void qs16_fully_connected_acc32__reference(const FcDims& dims, const int16_t* input,
                                           const int8_t* weights, const int32_t* bias,
                                           const FcQuantParams& params, int16_t* output);

// Parameters of the int16 kernels that accumulate in 64 bits and rescale in
// double precision: out = round(acc * scale[o]) + output_offset, ties away
// from zero.
struct FcWideParams {
  int32_t input_offset = 0;
  int32_t weights_offset = 0;
  int32_t output_offset = 0;
  const double* scales = nullptr;  // one per output channel
  int32_t act_min = 0;
  int32_t act_max = 0;
};

// int16 input, int8 weights, int16 output; the bias (nullable) is int64 or
// int32 as the model stores it.
void qs16_fully_connected_acc64_b64__reference(const FcDims& dims, const int16_t* input,
                                               const int8_t* weights, const int64_t* bias,
                                               const FcWideParams& params, int16_t* output);
void qs16_fully_connected_acc64_b32__reference(const FcDims& dims, const int16_t* input,
                                               const int8_t* weights, const int32_t* bias,
                                               const FcWideParams& params, int16_t* output);

// Hybrid (dynamic-range) kernel: float input, int8 weights with a float
// scale per output channel, float bias (nullable), float output.
//
// Each batch row is quantized to int8 on the fly: symmetrically (scale =
// max|x| / 127, no offset) or, with `asymmetric`, over [min(x, 0), max(x, 0)]
// with a nudged zero point. Then
//   out[b][o] = bias[o] + (dot(q_b, w_o) - zp_b * row_sum[o]) * (s_b * w_scale[o]).
// `row_sums` holds sum_k w[o][k] (needed only when asymmetric); `quantized`
// is scratch for one batch row (input_depth bytes).
struct FcHybridParams {
  const float* weight_scales = nullptr;  // one per output channel
  const int32_t* row_sums = nullptr;
  bool asymmetric = false;
  float act_min = 0;
  float act_max = 0;
};
void f32_qs8w_fully_connected_hybrid__reference(const FcDims& dims, const float* input,
                                                const int8_t* weights, const float* bias,
                                                const FcHybridParams& params, int8_t* quantized,
                                                float* output);

// Quantizes n floats to int8 the way TFLite's hybrid kernels do; returns the
// scale and writes the zero point (0 when symmetric).
float QuantizeRowForHybrid(const float* values, int n, bool asymmetric, int8_t* quantized,
                           int32_t* zero_point);

}  // namespace liteforge::kernels
