// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable reductions over a ReducePlan (kernels/reduce/plan.h): the plain
// SUM / PROD / MAX / MIN / ANY / ALL, MEAN of float and integer tensors, and
// the quantized MEAN, SUM and PROD with TFLite's builtin integer numerics.
//
// Plain reductions combine raw values in the tensor's own type, the first
// input of each output taken as is, later ones combined in index order:
// integer SUM/PROD wrap around on overflow (two's complement), MAX keeps the
// running value unless the new one is larger (`running > x ? running : x`,
// so a NaN input only sticks until the next value), MIN likewise. Outputs
// that receive no input (a reduced dim of size 0) get the identity: 0, 1,
// lowest, highest, false, true.

#pragma once

#include <cstdint>

#include "liteforge/kernels/reduce/plan.h"

namespace liteforge::kernels {

enum class ReduceKind : uint8_t { kSum, kProd, kMax, kMin, kAny, kAll };

// kAny/kAll are for bool only; the numeric kinds for the rest.
void f32_reduce__reference(ReduceKind kind, const ReducePlan& p, const float* in, float* out);
void s32_reduce__reference(ReduceKind kind, const ReducePlan& p, const int32_t* in,
                           int32_t* out);
void s64_reduce__reference(ReduceKind kind, const ReducePlan& p, const int64_t* in,
                           int64_t* out);
void u8_reduce__reference(ReduceKind kind, const ReducePlan& p, const uint8_t* in,
                          uint8_t* out);
void s8_reduce__reference(ReduceKind kind, const ReducePlan& p, const int8_t* in, int8_t* out);
void s16_reduce__reference(ReduceKind kind, const ReducePlan& p, const int16_t* in,
                           int16_t* out);
void b8_reduce__reference(ReduceKind kind, const ReducePlan& p, const bool* in, bool* out);

// MEAN without quantization: float sums in float, int32 and int64 in int64
// (`sums` is scratch for num_outputs of them); then sum / count, integer
// division truncating. An output with no inputs is NaN (float) or 0.
void f32_mean__reference(const ReducePlan& p, const float* in, float* out);
void s32_mean__reference(const ReducePlan& p, const int32_t* in, int64_t* sums, int32_t* out);
void s64_mean__reference(const ReducePlan& p, const int64_t* in, int64_t* sums, int64_t* out);

// Quantized MEAN: each output is
//   clamp(MultiplyByQuantizedMultiplier(int32(sum - subtract), multiplier,
//         shift) + add)
// over the int32 sum of raw inputs. The op fills the constants for TFLite's
// two paths (the 4-D spatial-mean path and the general rescaling path).
// With `copy` set (an empty axis list on the general path) the input is
// copied raw, as TFLite does. `sums` is scratch for num_outputs int32s.
struct QuantMeanParams {
  int32_t multiplier = 0;
  int shift = 0;
  int64_t subtract = 0;
  int32_t add = 0;
  bool copy = false;
};
void qu8_mean__reference(const ReducePlan& p, const QuantMeanParams& q, const uint8_t* in,
                         int32_t* sums, uint8_t* out);
void qs8_mean__reference(const ReducePlan& p, const QuantMeanParams& q, const int8_t* in,
                         int32_t* sums, int8_t* out);
void qs16_mean__reference(const ReducePlan& p, const QuantMeanParams& q, const int16_t* in,
                          int32_t* sums, int16_t* out);

// Quantized SUM (TFLite computes it in float):
//   clamp(int32(round(float(sum) * scale + bias)) + output_zero_point)
// with scale = input_scale / output_scale and
// bias = -input_zero_point * scale * count, all float.
struct QuantSumParams {
  float scale = 1.f;
  float bias = 0.f;
  int32_t output_zero_point = 0;
};
void qu8_sum__reference(const ReducePlan& p, const QuantSumParams& q, const uint8_t* in,
                        int32_t* sums, uint8_t* out);
void qs8_sum__reference(const ReducePlan& p, const QuantSumParams& q, const int8_t* in,
                        int32_t* sums, int8_t* out);
void qs16_sum__reference(const ReducePlan& p, const QuantSumParams& q, const int16_t* in,
                         int32_t* sums, int16_t* out);

// Quantized PROD, rescaled at every step so the int32 running product does
// not overflow: first = x - zp; next = MBQM(int64(running) * (x - zp)) with
// the 64-bit multiplier variant; result = clamp(MBQM(int64(running)) +
// output_zero_point). The multiplier encodes
// input_scale / output_scale^(1/count). An empty axis list copies raw.
struct QuantProdParams {
  int32_t multiplier = 0;
  int shift = 0;
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
};
void qs8_prod__reference(const ReducePlan& p, const QuantProdParams& q, const int8_t* in,
                         int32_t* running, int8_t* out);
void qs16_prod__reference(const ReducePlan& p, const QuantProdParams& q, const int16_t* in,
                          int32_t* running, int16_t* out);

// The steps after the summation, for SIMD variants that replace only the
// summation (kernels/reduce/reduce_variants.h) and produce the reference's
// sums bit for bit (float sums in out[], integer sums in sums[]). Each is
// exactly the tail of the reference kernel above it, for plans with
// reduce_count > 0 (and, for MEAN, params without `copy`).
void f32_mean_divide__reference(const ReducePlan& p, float* out);
void qu8_mean_requantize__reference(const ReducePlan& p, const QuantMeanParams& q,
                                    const int32_t* sums, uint8_t* out);
void qs8_mean_requantize__reference(const ReducePlan& p, const QuantMeanParams& q,
                                    const int32_t* sums, int8_t* out);
void qu8_sum_requantize__reference(const ReducePlan& p, const QuantSumParams& q,
                                   const int32_t* sums, uint8_t* out);
void qs8_sum_requantize__reference(const ReducePlan& p, const QuantSumParams& q,
                                   const int32_t* sums, int8_t* out);

}  // namespace liteforge::kernels
