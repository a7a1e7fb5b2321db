// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SVDF (singular value decomposition filter): a fully connected layer
// factored into a feature projection and a per-filter time convolution over
// a sliding memory of past projections.
//
// Per batch b, with F = num_filters = num_units * rank and memory size M:
//   1. state[b] (F filters x M values, oldest first) shifts left by one;
//   2. state[b][f][M-1] = weights_feature[f] . input[b]        (projection)
//   3. s[f] = weights_time[f] . state[b][f]                     (time filter)
//   4. output[b][u] = act(bias[u] + sum_{r < rank} s[u * rank + r])
// The state is the op's variable tensor and persists across invokes.
//
// The int8 kernel is TFLite's integer SVDF: int8 input and weights_feature,
// int16 weights_time and state, int32 bias, int8 output; the projection is
// rescaled into the state's scale and saturated to int16, the sum into the
// output's scale and saturated to int8 (no other activation is applied).

#pragma once

#include <cstdint>

#include "liteforge/kernels/rnn/activation.h"

namespace liteforge::kernels {

struct SvdfDims {
  int batches = 0;
  int input_size = 0;
  int num_filters = 0;
  int num_units = 0;  // num_filters / rank
  int rank = 0;
  int memory_size = 0;
};

// `scratch` holds batches * num_filters floats.
void f32_svdf__reference(const SvdfDims& d, const float* input, const float* weights_feature,
                         const float* weights_time, const float* bias, RecurrentActivation act,
                         float* state, float* scratch, float* output);

struct SvdfQuantParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  // input_scale * weights_feature_scale / state_scale
  int32_t feature_multiplier = 0;
  int feature_exponent = 0;
  // state_scale * weights_time_scale / output_scale
  int32_t output_multiplier = 0;
  int output_exponent = 0;
};

// `scratch` holds batches * num_filters int32 values; bias may be null.
void qs8_svdf__reference(const SvdfDims& d, const SvdfQuantParams& q, const int8_t* input,
                         const int8_t* weights_feature, const int16_t* weights_time,
                         const int32_t* bias, int16_t* state, int32_t* scratch, int8_t* output);

}  // namespace liteforge::kernels
