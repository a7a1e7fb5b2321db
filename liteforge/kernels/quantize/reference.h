// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable QUANTIZE, DEQUANTIZE and CAST kernels.
//
// Numerics follow TFLite's default kernels on x86:
//   * float -> int per tensor divides by the scale in double precision,
//     rounds half away from zero, adds the zero point and clamps;
//   * per channel, the division is in float;
//   * requantization (int -> int) multiplies by the fixed-point ratio of
//     the scales (QuantizeMultiplier(in_scale / out_scale), computed in
//     double) with TFLite's double rounding;
//   * dequantization per tensor multiplies in double, per channel in float;
//   * CAST is a C++ static_cast per element, with TFLite's saturation for
//     float -> int32 / int16 / uint8 and x86-64 behaviour for the other
//     out-of-range float -> integer conversions.
//
// Per-channel tensors are viewed as [outer, channels, inner] around the
// quantized dimension.

#pragma once

#include <cstddef>
#include <cstdint>

#include "liteforge/tensor/dtype.h"

namespace liteforge::kernels {

// ---------------------------------------------------------------------------
// float -> int

void f32_quantize_qs8__reference(const float* in, size_t n, float scale, int32_t zero_point,
                                 int8_t* out);
void f32_quantize_qu8__reference(const float* in, size_t n, float scale, int32_t zero_point,
                                 uint8_t* out);
void f32_quantize_qs16__reference(const float* in, size_t n, float scale, int32_t zero_point,
                                  int16_t* out);

struct PerChannelDims {
  int64_t outer = 1;
  int64_t channels = 1;
  int64_t inner = 1;
};

void f32_quantize_qs8_per_channel__reference(const float* in, const PerChannelDims& dims,
                                             const float* scales, const int32_t* zero_points,
                                             int8_t* out);
void f32_quantize_qu8_per_channel__reference(const float* in, const PerChannelDims& dims,
                                             const float* scales, const int32_t* zero_points,
                                             uint8_t* out);
void f32_quantize_qs16_per_channel__reference(const float* in, const PerChannelDims& dims,
                                              const float* scales, const int32_t* zero_points,
                                              int16_t* out);

// ---------------------------------------------------------------------------
// int -> int requantization: out = clamp(out_zp + M * (in - in_zp)).

struct RequantizeParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t multiplier = 0;
  int shift = 0;
};
RequantizeParams MakeRequantizeParams(float input_scale, int32_t input_zero_point,
                                      float output_scale, int32_t output_zero_point);

// Signature shared by every requantize kernel (raw element pointers).
using RequantizeFn = void (*)(const void* in, size_t n, const RequantizeParams& p, void* out);
// The kernel for (from, to), or null when TFLite has none: uint8/int8 ->
// uint8/int8, int16 -> int8/int16/int32, int32 -> int8/int16.
RequantizeFn FindRequantize(DType from, DType to);

// ---------------------------------------------------------------------------
// int -> float

void qu8_dequantize__reference(const uint8_t* in, size_t n, float scale, int32_t zero_point,
                               float* out);
void qs8_dequantize__reference(const int8_t* in, size_t n, float scale, int32_t zero_point,
                               float* out);
void qs16_dequantize__reference(const int16_t* in, size_t n, float scale, int32_t zero_point,
                                float* out);
void qs32_dequantize__reference(const int32_t* in, size_t n, float scale, int32_t zero_point,
                                float* out);
void f16_dequantize__reference(const uint16_t* in, size_t n, float* out);

void qu8_dequantize_per_channel__reference(const uint8_t* in, const PerChannelDims& dims,
                                           const float* scales, const int32_t* zero_points,
                                           float* out);
void qs8_dequantize_per_channel__reference(const int8_t* in, const PerChannelDims& dims,
                                           const float* scales, const int32_t* zero_points,
                                           float* out);

// ---------------------------------------------------------------------------
// CAST

using CastFn = void (*)(const void* in, size_t n, void* out);
// The kernel casting `from` elements to `to`, or null for an unsupported
// pair. Supported element types: float32, float16, float64, int8, uint8,
// int16, uint16, int32, uint32, int64, bool.
CastFn FindCast(DType from, DType to);

}  // namespace liteforge::kernels
