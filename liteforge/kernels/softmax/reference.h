// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable normalizations along the last axis: SOFTMAX, LOG_SOFTMAX,
// L2_NORMALIZATION and LOCAL_RESPONSE_NORMALIZATION. Every kernel takes the
// tensor as `outer` rows of `depth` contiguous values.
//
// Quantized softmax and log-softmax follow TFLite's default (x86) kernels:
// 8-bit inputs go through a 256-entry float table of exp(-scale*beta*d) for
// d = max - x, are summed and normalized in float, then quantized; int16
// softmax uses two 513-entry int16 tables (exp and 1/(1+x)). Quantized L2
// normalization is integer-only (inverse square root in fixed point).

#pragma once

#include <cstddef>
#include <cstdint>

namespace liteforge::kernels {

// ---------------------------------------------------------------------------
// SOFTMAX

void f32_softmax__reference(const float* in, int outer, int depth, float beta, float* out);

// table[255 - d] = expf(-input_scale * beta * d), d = 0..255.
void BuildSoftmaxExpTable(float input_scale, float beta, float* table);

// 8-bit input softmax with the table above. `output_scale`/`output_zero_point`
// describe the output; for uint8 output TFLite rounds by adding 0.5 and
// truncating and does not add the zero point (its x86 kernel), which these
// kernels reproduce.
struct Softmax8Params {
  const float* table = nullptr;  // 256 entries
  float output_scale = 0.f;
  int32_t output_zero_point = 0;
};
void qu8_softmax__reference(const uint8_t* in, int outer, int depth, const Softmax8Params& p,
                            uint8_t* out);
void qs8_softmax__reference(const int8_t* in, int outer, int depth, const Softmax8Params& p,
                            int8_t* out);
void qu8_softmax_qs16__reference(const uint8_t* in, int outer, int depth,
                                 const Softmax8Params& p, int16_t* out);
void qs8_softmax_qs16__reference(const int8_t* in, int outer, int depth,
                                 const Softmax8Params& p, int16_t* out);

// int16 -> int16 softmax (zero points 0, output scale 2^-15).
struct Softmax16Params {
  const int16_t* exp_table = nullptr;         // 513 entries, exp on [-10, 0]
  const int16_t* reciprocal_table = nullptr;  // 513 entries, 1/(1+x) on [0, 1]
  int32_t input_multiplier = 0;  // input_scale * beta / (10 / 65535)
  int input_shift = 0;
};
// Fills both tables as TFLite does (built in double).
void BuildSoftmax16Tables(int16_t* exp_table, int16_t* reciprocal_table);
void qs16_softmax__reference(const int16_t* in, int outer, int depth, const Softmax16Params& p,
                             int16_t* out);

// ---------------------------------------------------------------------------
// LOG_SOFTMAX

void f32_log_softmax__reference(const float* in, int outer, int depth, float* out);

// 8-bit: table from BuildSoftmaxExpTable(input_scale, 1); output scale is
// 16/256 with zero point 255 (uint8) or 127 (int8).
struct LogSoftmax8Params {
  const float* table = nullptr;
  float input_scale = 0.f;
  float output_scale = 0.f;
  int32_t output_zero_point = 0;
};
void qu8_log_softmax__reference(const uint8_t* in, int outer, int depth,
                                const LogSoftmax8Params& p, uint8_t* out);
void qs8_log_softmax__reference(const int8_t* in, int outer, int depth,
                                const LogSoftmax8Params& p, int8_t* out);

// ---------------------------------------------------------------------------
// L2_NORMALIZATION: out = x / max(||x||, epsilon) per row.

void f32_l2_normalization__reference(const float* in, int outer, int depth, float epsilon,
                                     float* out);
// Output scale 1/128, zero point 128 (uint8) or 0 (int8).
void qu8_l2_normalization__reference(const uint8_t* in, int outer, int depth,
                                     int32_t input_zero_point, uint8_t* out);
void qs8_l2_normalization__reference(const int8_t* in, int outer, int depth,
                                     int32_t input_zero_point, int8_t* out);

// ---------------------------------------------------------------------------
// LOCAL_RESPONSE_NORMALIZATION over the last axis:
//   out[c] = in[c] / (bias + alpha * sum_{|k - c| <= radius} in[k]^2)^beta
// `scratch` holds depth + 2 * radius floats.

void f32_local_response_normalization__reference(const float* in, int outer, int depth,
                                                 int radius, float bias, float alpha, float beta,
                                                 float* scratch, float* out);

}  // namespace liteforge::kernels
