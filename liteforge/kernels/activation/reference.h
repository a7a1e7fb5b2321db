// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable activation kernels: the RELU family, LEAKY_RELU, HARD_SWISH,
// ELU, GELU, LOGISTIC and TANH, in float and in the integer forms TFLite's
// builtin kernels compute. Table-driven 8-bit variants (logistic, tanh,
// elu, gelu on int8/uint8) use kernels/lut.h directly; the int16 logistic
// and tanh live here because TFLite computes them with its own 256-entry
// sigmoid table or with fixed-point math depending on the input scale.
//
// All functions take flat arrays: these ops are elementwise. Parameters
// derived from scales are computed once, in Prepare, by the Make* helpers.

#pragma once

#include <cstddef>
#include <cstdint>

namespace liteforge::kernels {

// ---------------------------------------------------------------------------
// float32

// out = min(max(in, lo), hi).
void f32_clamp__reference(const float* in, size_t n, float lo, float hi, float* out);
// out = in > 0 ? in : in * alpha.
void f32_leaky_relu__reference(const float* in, size_t n, float alpha, float* out);
// out = in * min(6, max(0, in + 3)) / 6, multiplied in TFLite's order.
void f32_hard_swish__reference(const float* in, size_t n, float* out);
// out = in < 0 ? expm1(in) : in.
void f32_elu__reference(const float* in, size_t n, float* out);
// Exact GELU (via erfc) or the tanh approximation.
void f32_gelu__reference(const float* in, size_t n, bool approximate, float* out);
void f32_logistic__reference(const float* in, size_t n, float* out);
void f32_tanh__reference(const float* in, size_t n, float* out);

// The scalar functions TFLite tabulates for 8-bit inputs (float math).
float LogisticForTable(float x);
float TanhForTable(float x);
float EluForTable(float x);
float GeluForTable(float x);
float GeluApproximateForTable(float x);

// ---------------------------------------------------------------------------
// Quantized RELU family: requantize from the input's scale to the output's,
// then clamp to [act_min, act_max] (already intersected with the dtype).

struct ReluQuantParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t multiplier = 0;  // input_scale / output_scale, QuantizeMultiplier form
  int shift = 0;
  int32_t act_min = 0;
  int32_t act_max = 0;
};

// `lo`/`hi` are the activation's real bounds (hi may be +infinity). Clamp
// bounds are TFLite's: out_zp + (int)roundf(bound / out_scale), intersected
// with [dtype_min, dtype_max].
ReluQuantParams MakeReluQuantParams(float input_scale, int32_t input_zero_point,
                                    float output_scale, int32_t output_zero_point, float lo,
                                    float hi, int32_t dtype_min, int32_t dtype_max);

void qs8_relu__reference(const int8_t* in, size_t n, const ReluQuantParams& p, int8_t* out);
void qu8_relu__reference(const uint8_t* in, size_t n, const ReluQuantParams& p, uint8_t* out);
void qs16_relu__reference(const int16_t* in, size_t n, const ReluQuantParams& p, int16_t* out);

// ---------------------------------------------------------------------------
// Quantized LEAKY_RELU: one multiplier for x >= 0 (identity) and one for
// x < 0 (alpha), then clamp to the dtype.

struct LeakyReluQuantParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t identity_multiplier = 0;
  int identity_shift = 0;
  int32_t alpha_multiplier = 0;
  int alpha_shift = 0;
};

LeakyReluQuantParams MakeLeakyReluQuantParams(float input_scale, int32_t input_zero_point,
                                              float output_scale, int32_t output_zero_point,
                                              float alpha);

void qs8_leaky_relu__reference(const int8_t* in, size_t n, const LeakyReluQuantParams& p,
                               int8_t* out);
void qu8_leaky_relu__reference(const uint8_t* in, size_t n, const LeakyReluQuantParams& p,
                               uint8_t* out);
void qs16_leaky_relu__reference(const int16_t* in, size_t n, const LeakyReluQuantParams& p,
                                int16_t* out);

// ---------------------------------------------------------------------------
// Quantized HARD_SWISH: TFLite's 16-bit fixed-point algorithm. The input is
// moved to a "high resolution" scale (x 128), a relu-ish factor in [0, 1]
// is formed from x / 3 with saturation, and the product is rescaled to the
// output.

struct HardSwishQuantParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int16_t reluish_multiplier = 0;  // Q15
  int reluish_exponent = 0;        // may be positive (left shift) or negative
  int16_t output_multiplier = 0;   // Q15
  int output_exponent = 0;         // <= 0
};

// False when the output multiplier would need a left shift (TFLite rejects
// such scales too).
bool MakeHardSwishQuantParams(float input_scale, int32_t input_zero_point, float output_scale,
                              int32_t output_zero_point, HardSwishQuantParams* params);

void qs8_hard_swish__reference(const int8_t* in, size_t n, const HardSwishQuantParams& p,
                               int8_t* out);
void qu8_hard_swish__reference(const uint8_t* in, size_t n, const HardSwishQuantParams& p,
                               uint8_t* out);

// ---------------------------------------------------------------------------
// int16 LOGISTIC and TANH (zero points 0, output scale 2^-15).
//
// When the input scale is 2^-12 (LOGISTIC) or 2^-12 / 2^-11 (TANH), TFLite
// runs gemmlowp's fixed-point logistic / tanh on a Q3.12 input ("POT"
// path). Otherwise it rescales the input to 1/(3*4096) per unit with an
// integer multiplier and interpolates in a 256-entry sigmoid table.

struct Int16SigmoidParams {
  bool power_of_two = false;  // use the fixed-point path
  int32_t multiplier = 0;     // table path: input multiplier
  int left_shift = 0;         // POT path: 0 or 1; table path: right shift
};

// False when the scales are not supported (output scale must be 2^-15).
bool MakeInt16LogisticParams(float input_scale, float output_scale, Int16SigmoidParams* params);
bool MakeInt16TanhParams(float input_scale, float output_scale, Int16SigmoidParams* params);

void qs16_logistic__reference(const int16_t* in, size_t n, const Int16SigmoidParams& p,
                              int16_t* out);
void qs16_tanh__reference(const int16_t* in, size_t n, const Int16SigmoidParams& p, int16_t* out);

// TFLite's CheckedLog2: rounds log2(x) (computed in float) and reports
// whether x is within 1e-3 (in log2 units) of that power of two.
bool CheckedLog2(float x, int* log2_rounded);

}  // namespace liteforge::kernels
