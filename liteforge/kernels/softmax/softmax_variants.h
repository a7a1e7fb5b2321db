// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SIMD variants of SOFTMAX and LOG_SOFTMAX (the kernels of reference.h with
// the same signatures), listed best first in variants.inc. Vectors run
// along a row; rows are independent, so the ops may hand any row range to
// any thread.
//
// float32 (stated tolerance, checked by softmax_variants_test.cc):
//   * max, exp, sum, scale as the reference does, with the exponent argument
//     (x - max) * beta computed by the same two float operations; exp is a
//     vector polynomial (range reduction by ln 2, degree-7 Taylor, scaling by
//     2^n) within 3 ulp of expf for arguments >= kSoftmaxExpMin and exactly
//     0 below it (expf gives denormals there, < 1.2e-38). The row sum is
//     accumulated lane-wise; the reference's sequential sum of `depth`
//     positive terms carries a relative rounding error of up to
//     (depth - 1) * 2^-24 itself, which bounds how far the two sums can be
//     apart beyond the exp error.
//   * SOFTMAX: |y - y_ref| <= SoftmaxRelTolerance(depth) * y_ref + 1e-37,
//     SoftmaxRelTolerance(depth) = 2e-6 + depth * 2^-24 (each output is an
//     exp times 1/sum: the exp's relative error plus the sums'). Measured
//     by the test over its rows: at most 8.2e-6 from the reference up to
//     depth 1001 (1.3e-5 up to 4096); against softmax in double precision
//     the variants' worst is 3.6e-6 and the reference's 1.1e-5, so most of
//     the gap is the reference's sequential sum.
//   * LOG_SOFTMAX: y = (x - max) - log(sum) with the same operands, so
//     |y - y_ref| <= SoftmaxRelTolerance(depth) + 2^-22 * |y_ref|.
//   Rows containing NaN or +inf give NaN rows as the reference does; -inf
//   inputs give exactly 0 (SOFTMAX) and -inf (LOG_SOFTMAX). beta that is not
//   finite and positive runs the reference kernel.
//
// uint8/int8 (bit-exact with the reference): the row maximum and the final
// per-element step (table lookup by gather, on NEON entry by entry; times
// 1/sum, TFLite's rounding, clamp) are vectorized with the reference's float
// operations, which are exact IEEE operations in any lane (the x86 files
// keep GCC from fusing a product into a multiply-add). The float sum of the table values
// stays a scalar loop in the reference's order: float addition is not
// associative and the sum feeds every output, so any other order could
// change an output's last bit. int16 SOFTMAX (rare, not in the corpus) has
// no variant; it runs the reference.

#pragma once

#include <cstdint>
#include <span>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/softmax/reference.h"

namespace liteforge::kernels {

// Below this exponent argument the float32 variants return exactly 0:
// ln(2^-126), the smallest argument whose e^x is a normal float.
constexpr float kSoftmaxExpMin = -87.33654f;
// The float32 tolerance stated above (relative for SOFTMAX, absolute for
// LOG_SOFTMAX).
constexpr float SoftmaxRelTolerance(int depth) {
  return 2e-6f + static_cast<float>(depth) * 5.9604645e-8f;  // 2^-24
}

struct SoftmaxVariant {
  const char* name;
  Isa isa;
  void (*f32)(const float* in, int outer, int depth, float beta, float* out);
  void (*f32_log)(const float* in, int outer, int depth, float* out);
  void (*qu8)(const uint8_t* in, int outer, int depth, const Softmax8Params& p, uint8_t* out);
  void (*qs8)(const int8_t* in, int outer, int depth, const Softmax8Params& p, int8_t* out);
  void (*qu8_qs16)(const uint8_t* in, int outer, int depth, const Softmax8Params& p, int16_t* out);
  void (*qs8_qs16)(const int8_t* in, int outer, int depth, const Softmax8Params& p, int16_t* out);
  void (*qu8_log)(const uint8_t* in, int outer, int depth, const LogSoftmax8Params& p,
                  uint8_t* out);
  void (*qs8_log)(const int8_t* in, int outer, int depth, const LogSoftmax8Params& p, int8_t* out);
};

// Every variant compiled into this build, best first.
std::span<const SoftmaxVariant> SoftmaxVariants();

// The best variant with isa <= max_isa that this CPU supports; null when
// there is none (always for Isa::kReference).
const SoftmaxVariant* SelectSoftmax(Isa max_isa);

#define LF_SOFTMAX(isa, f32, f32_log, qu8, qs8, qu8_qs16, qs8_qs16, qu8_log, qs8_log)              \
  void f32(const float* in, int outer, int depth, float beta, float* out);                         \
  void f32_log(const float* in, int outer, int depth, float* out);                                 \
  void qu8(const uint8_t* in, int outer, int depth, const Softmax8Params& p, uint8_t* out);        \
  void qs8(const int8_t* in, int outer, int depth, const Softmax8Params& p, int8_t* out);          \
  void qu8_qs16(const uint8_t* in, int outer, int depth, const Softmax8Params& p, int16_t* out);   \
  void qs8_qs16(const int8_t* in, int outer, int depth, const Softmax8Params& p, int16_t* out);    \
  void qu8_log(const uint8_t* in, int outer, int depth, const LogSoftmax8Params& p, uint8_t* out); \
  void qs8_log(const int8_t* in, int outer, int depth, const LogSoftmax8Params& p, int8_t* out);
#include "liteforge/kernels/softmax/variants.inc"
#undef LF_SOFTMAX

}  // namespace liteforge::kernels
