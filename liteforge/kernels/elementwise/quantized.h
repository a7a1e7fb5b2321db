// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Quantized elementwise kernels (uint8 "qu8", int8 "qs8", int16 "qs16")
// and the derivation of their fixed-point parameters, following TensorFlow
// Lite's builtin kernels bit for bit:
//
//   ADD / SUB (8-bit, and int16 with general scales): each input minus its
//     zero point is shifted left (20 bits for 8-bit, 15 for int16), scaled
//     by scale_i / (2 * max scale) and the two are added or subtracted; the
//     sum is scaled by 2 * max scale / (2^shift * output scale), offset by
//     the output zero point and clamped to the activation range.
//   ADD / SUB (int16, power-of-two scales, zero points 0): the input whose
//     scale is smaller is rounding-shifted right onto the output scale and
//     the two are added or subtracted with int16 saturation.
//   MUL: (a - zp_a) * (b - zp_b) scaled by sa * sb / so. int16 inputs with
//     an 8-bit output use Q0.15 fixed-point products instead.
//   DIV (uint8): a reciprocal of the divisor in fixed point times the
//     dividend, rescaled by sa / (sb * so).
//   SQUARED_DIFFERENCE (int8): ADD's input scaling with a 7-bit shift, the
//     difference squared, rescaled by (2 * max scale)^2 / (2^14 * so).
//   Comparisons (8-bit): both sides rescaled by their own scale (8-bit
//     shift) and compared as int32.
//   PRELU (8-bit): x - zp scaled by sx / so where x >= zp, else
//     (x - zp)(alpha - zp_alpha) scaled by sx * salpha / so.
//
// For 8-bit inputs, the per-value rescaling of ADD, SUB, SQUARED_DIFFERENCE
// and the comparisons depends only on the stored byte, so Prepare tabulates
// it (256 int32 per input) and Eval only looks values up.
//
// The Make* functions compute multipliers the way TFLite does, including
// which products are formed in float and which in double; they fail with a
// message where TFLite refuses the parameters.

#pragma once

#include <array>
#include <cstdint>

#include "liteforge/base/status.h"
#include "liteforge/kernels/elementwise/broadcast.h"
#include "liteforge/kernels/elementwise/reference.h"

namespace liteforge::kernels::elementwise {

// Affine quantization of one operand.
struct QuantOperand {
  float scale = 1.f;
  int32_t zero_point = 0;
};

// ---------------------------------------------------------------------------
// ADD and SUB with general rescaling.

struct QuantAddParams {
  int left_shift = 20;
  int32_t input1_offset = 0;  // -zero point
  int32_t input2_offset = 0;
  int32_t input1_multiplier = 0;
  int input1_shift = 0;
  int32_t input2_multiplier = 0;
  int input2_shift = 0;
  int32_t output_multiplier = 0;
  int output_shift = 0;
  int32_t output_offset = 0;  // +zero point
  int32_t act_min = 0;
  int32_t act_max = 0;
};

// left_shift: 20 for 8-bit, 15 for int16. ADD requires the output
// multiplier to be below one (TFLite aborts otherwise); SUB accepts larger
// ones (allow_large_output_multiplier).
Result<QuantAddParams> MakeQuantAddParams(QuantOperand in1, QuantOperand in2, QuantOperand out,
                                          int left_shift, bool allow_large_output_multiplier,
                                          int32_t act_min, int32_t act_max);

// The rescaled value of every stored byte of one 8-bit input (index: the
// byte as uint8, i.e. an int8 value + 128 for int8... see ByteIndex).
using ByteTable = std::array<int32_t, 256>;
template <typename T>
inline int ByteIndex(T v) {
  return static_cast<int>(static_cast<uint8_t>(v));
}
ByteTable MakeAddInputTable(bool is_signed, int32_t offset, int left_shift, int32_t multiplier,
                            int shift);

struct QuantAdd8Tables {
  ByteTable input1;
  ByteTable input2;
};
// Both tables for an 8-bit ADD/SUB.
QuantAdd8Tables MakeQuantAdd8Tables(const QuantAddParams& p, bool is_signed);

void qu8_add__reference(const BroadcastPlan& plan, const uint8_t* a, const uint8_t* b,
                        uint8_t* out, const QuantAddParams& p, const QuantAdd8Tables& t);
void qs8_add__reference(const BroadcastPlan& plan, const int8_t* a, const int8_t* b, int8_t* out,
                        const QuantAddParams& p, const QuantAdd8Tables& t);
void qs16_add__reference(const BroadcastPlan& plan, const int16_t* a, const int16_t* b,
                         int16_t* out, const QuantAddParams& p);
void qu8_sub__reference(const BroadcastPlan& plan, const uint8_t* a, const uint8_t* b,
                        uint8_t* out, const QuantAddParams& p, const QuantAdd8Tables& t);
void qs8_sub__reference(const BroadcastPlan& plan, const int8_t* a, const int8_t* b, int8_t* out,
                        const QuantAddParams& p, const QuantAdd8Tables& t);
void qs16_sub__reference(const BroadcastPlan& plan, const int16_t* a, const int16_t* b,
                         int16_t* out, const QuantAddParams& p);

// ---------------------------------------------------------------------------
// int16 ADD and SUB with power-of-two scales.

struct QuantPotAddParams {
  int input1_shift = 0;  // <= 0; at most one of the two is non-zero
  int input2_shift = 0;
  int32_t act_min = -32768;
  int32_t act_max = 32767;
};

// Fails unless every scale is an exact power of two, all zero points are 0,
// and at most one input needs shifting, right, onto the output scale.
// `log2_scale` as TFLite's CheckedLog2: round(log2(scale)) when that is
// within 1e-3 of log2(scale).
bool IsPowerOfTwoScale(float scale, int* log2_scale);
Result<QuantPotAddParams> MakeQuantPotAddParams(QuantOperand in1, QuantOperand in2,
                                                QuantOperand out, int32_t act_min,
                                                int32_t act_max);

void qs16_add_pot__reference(const BroadcastPlan& plan, const int16_t* a, const int16_t* b,
                             int16_t* out, const QuantPotAddParams& p);
void qs16_sub_pot__reference(const BroadcastPlan& plan, const int16_t* a, const int16_t* b,
                             int16_t* out, const QuantPotAddParams& p);

// ---------------------------------------------------------------------------
// MUL.

struct QuantMulParams {
  int32_t input1_offset = 0;
  int32_t input2_offset = 0;
  int32_t output_offset = 0;
  int32_t output_multiplier = 0;
  int output_shift = 0;
  int32_t act_min = 0;
  int32_t act_max = 0;
};
QuantMulParams MakeQuantMulParams(QuantOperand in1, QuantOperand in2, QuantOperand out,
                                  int32_t act_min, int32_t act_max);

void qu8_mul__reference(const BroadcastPlan& plan, const uint8_t* a, const uint8_t* b,
                        uint8_t* out, const QuantMulParams& p);
void qs8_mul__reference(const BroadcastPlan& plan, const int8_t* a, const int8_t* b, int8_t* out,
                        const QuantMulParams& p);
void qs16_mul__reference(const BroadcastPlan& plan, const int16_t* a, const int16_t* b,
                         int16_t* out, const QuantMulParams& p);
// int16 x int16 -> 8-bit: the Q0.15 product rounded down by 8 bits, plus
// the output zero point, clamped to the activation range. Uses only
// output_offset, act_min and act_max of `p`.
void qs16_mul_qs8out__reference(const BroadcastPlan& plan, const int16_t* a, const int16_t* b,
                                int8_t* out, const QuantMulParams& p);
void qs16_mul_qu8out__reference(const BroadcastPlan& plan, const int16_t* a, const int16_t* b,
                                uint8_t* out, const QuantMulParams& p);

// ---------------------------------------------------------------------------
// DIV (uint8). Divisors equal to their zero point must have been rejected.

struct QuantDivParams {
  int32_t input1_offset = 0;
  int32_t input2_offset = 0;
  int32_t output_offset = 0;
  int32_t output_multiplier = 0;
  int output_shift = 0;
  int32_t act_min = 0;
  int32_t act_max = 0;
};
QuantDivParams MakeQuantDivParams(QuantOperand in1, QuantOperand in2, QuantOperand out,
                                  int32_t act_min, int32_t act_max);
void qu8_div__reference(const BroadcastPlan& plan, const uint8_t* a, const uint8_t* b,
                        uint8_t* out, const QuantDivParams& p);

// ---------------------------------------------------------------------------
// SQUARED_DIFFERENCE (int8), output clamped to the int8 range.

Result<QuantAddParams> MakeQuantSquaredDifferenceParams(QuantOperand in1, QuantOperand in2,
                                                        QuantOperand out);
void qs8_squared_difference__reference(const BroadcastPlan& plan, const int8_t* a,
                                       const int8_t* b, int8_t* out, const QuantAddParams& p,
                                       const QuantAdd8Tables& t);

// ---------------------------------------------------------------------------
// Comparisons of 8-bit quantized tensors, each side rescaled by its scale.

struct QuantCompareTables {
  ByteTable input1;
  ByteTable input2;
};
QuantCompareTables MakeQuantCompareTables(QuantOperand in1, QuantOperand in2, bool is_signed);
void qu8_compare__reference(const BroadcastPlan& plan, const uint8_t* a, const uint8_t* b,
                            CompareOp op, const QuantCompareTables& t, bool* out);
void qs8_compare__reference(const BroadcastPlan& plan, const int8_t* a, const int8_t* b,
                            CompareOp op, const QuantCompareTables& t, bool* out);

// ---------------------------------------------------------------------------
// PRELU (8-bit), output clamped to the dtype's range.

struct QuantPreluParams {
  int32_t input_offset = 0;
  int32_t alpha_offset = 0;
  int32_t output_offset = 0;
  int32_t positive_multiplier = 0;
  int positive_shift = 0;
  int32_t negative_multiplier = 0;
  int negative_shift = 0;
};
QuantPreluParams MakeQuantPreluParams(QuantOperand input, QuantOperand alpha, QuantOperand out);
void qu8_prelu__reference(const BroadcastPlan& plan, const uint8_t* x, const uint8_t* alpha,
                          uint8_t* out, const QuantPreluParams& p);
void qs8_prelu__reference(const BroadcastPlan& plan, const int8_t* x, const int8_t* alpha,
                          int8_t* out, const QuantPreluParams& p);

}  // namespace liteforge::kernels::elementwise
