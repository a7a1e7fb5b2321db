// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable elementwise math: EXP, LOG, SQRT, RSQRT, SQUARE, ABS, NEG, SIN,
// COS, FLOOR, CEIL, ROUND and SIGN. Float kernels call the C library's
// single-precision functions, as TFLite's builtin kernels do. Integer
// kernels follow TFLite's quantized arithmetic; where TFLite builds a
// lookup table (EXP, LOG on int8/int16, RSQRT on int16) the op uses
// kernels/lut.h instead of a kernel here.

#pragma once

#include <cstddef>
#include <cstdint>

namespace liteforge::kernels {

// ---------------------------------------------------------------------------
// float32 (and the few other plain types TFLite accepts)

void f32_exp__reference(const float* in, size_t n, float* out);
void f32_log__reference(const float* in, size_t n, float* out);
void f32_sqrt__reference(const float* in, size_t n, float* out);
void f32_rsqrt__reference(const float* in, size_t n, float* out);
void f32_square__reference(const float* in, size_t n, float* out);
void f32_abs__reference(const float* in, size_t n, float* out);
void f32_neg__reference(const float* in, size_t n, float* out);
void f32_sin__reference(const float* in, size_t n, float* out);
void f32_cos__reference(const float* in, size_t n, float* out);
void f32_floor__reference(const float* in, size_t n, float* out);
void f32_ceil__reference(const float* in, size_t n, float* out);
// Round half to even (TFLite's ROUND).
void f32_round__reference(const float* in, size_t n, float* out);
// -1, 0 or 1; NaN stays NaN.
void f32_sign__reference(const float* in, size_t n, float* out);
void f64_sign__reference(const double* in, size_t n, double* out);
void s32_sign__reference(const int32_t* in, size_t n, int32_t* out);

// Plain integer negation and absolute value (two's complement wrap: the
// minimum value maps to itself).
void s8_neg__reference(const int8_t* in, size_t n, int8_t* out);
void s16_neg__reference(const int16_t* in, size_t n, int16_t* out);
void s32_neg__reference(const int32_t* in, size_t n, int32_t* out);
void s64_neg__reference(const int64_t* in, size_t n, int64_t* out);
void s16_abs__reference(const int16_t* in, size_t n, int16_t* out);
void s32_abs__reference(const int32_t* in, size_t n, int32_t* out);

// ---------------------------------------------------------------------------
// Quantized ABS: |q - in_zp| rescaled to the output (or not, when the
// scales are equal), plus the output zero point, clamped.

struct AbsQuantParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  bool rescale = false;
  int32_t multiplier = 0;
  int shift = 0;
};
AbsQuantParams MakeAbsQuantParams(float input_scale, int32_t input_zero_point,
                                  float output_scale, int32_t output_zero_point);
void qs8_abs__reference(const int8_t* in, size_t n, const AbsQuantParams& p, int8_t* out);
void qs16_abs__reference(const int16_t* in, size_t n, const AbsQuantParams& p, int16_t* out);

// ---------------------------------------------------------------------------
// Quantized SQRT: dequantize in float, sqrt, divide by the output scale and
// truncate toward zero (TFLite does not round here), add the zero point,
// clamp. Returns the index of the first negative input (the op fails), or
// n when all are valid; nothing is written past a negative input.

struct SqrtQuantParams {
  float input_scale = 0.f;
  int32_t input_zero_point = 0;
  float output_scale = 0.f;
  int32_t output_zero_point = 0;
};
size_t qs8_sqrt__reference(const int8_t* in, size_t n, const SqrtQuantParams& p, int8_t* out);
size_t qs16_sqrt__reference(const int16_t* in, size_t n, const SqrtQuantParams& p, int16_t* out);

// ---------------------------------------------------------------------------
// Quantized int8 RSQRT in fixed point: 1/sqrt(q - in_zp) from
// GetInvSqrtQuantizedMultiplierExp, scaled by 1/(sqrt(in_scale) * out_scale).
// q == in_zp gives 127. Returns the index of the first input below the zero
// point (the op fails), or n.

struct RsqrtQuantParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t multiplier = 0;
  int shift = 0;
};
RsqrtQuantParams MakeRsqrtQuantParams(float input_scale, int32_t input_zero_point,
                                      float output_scale, int32_t output_zero_point);
size_t qs8_rsqrt__reference(const int8_t* in, size_t n, const RsqrtQuantParams& p, int8_t* out);

// The functions TFLite tabulates for int8/int16 EXP, LOG and RSQRT.
float ExpForTable(float x);
// log(x), or `floor_value` (the lowest representable output) for x <= 0.
float LogForTable(float x, float floor_value);
// 1/sqrt(x), or `ceiling_value` (32767 * output scale) for x <= 0.
float RsqrtForTable(float x, float ceiling_value);

}  // namespace liteforge::kernels
