// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable elementwise kernels on plain (non-quantized) values: arithmetic,
// division variants, minimum/maximum, power, comparisons, logical ops,
// select and ADD_N. Every binary kernel walks a BroadcastPlan built in
// Prepare (kernels/elementwise/broadcast.h), so equal shapes, a scalar
// operand and general NumPy broadcasting share one code path.
//
// Integer arithmetic wraps (two's complement) instead of overflowing, and
// the results of arithmetic ops are clamped to [lo, hi], TFLite's fused
// activation bounds for the dtype (the full range when there is none; for
// float that is [-FLT_MAX, FLT_MAX], so an overflow to infinity reads back
// as FLT_MAX exactly as in TFLite). Quantized kernels live in quantized.h.

#pragma once

#include <complex>
#include <cstddef>
#include <cstdint>

#include "liteforge/kernels/elementwise/broadcast.h"

namespace liteforge::kernels::elementwise {

// ---------------------------------------------------------------------------
// ADD, SUB, MUL: out = clamp(a op b, lo, hi).

void f32_add__reference(const BroadcastPlan& p, const float* a, const float* b, float* out,
                        float lo, float hi);
void s16_add__reference(const BroadcastPlan& p, const int16_t* a, const int16_t* b, int16_t* out,
                        int16_t lo, int16_t hi);
void s32_add__reference(const BroadcastPlan& p, const int32_t* a, const int32_t* b, int32_t* out,
                        int32_t lo, int32_t hi);
void s64_add__reference(const BroadcastPlan& p, const int64_t* a, const int64_t* b, int64_t* out,
                        int64_t lo, int64_t hi);

void f32_sub__reference(const BroadcastPlan& p, const float* a, const float* b, float* out,
                        float lo, float hi);
void s32_sub__reference(const BroadcastPlan& p, const int32_t* a, const int32_t* b, int32_t* out,
                        int32_t lo, int32_t hi);
void s64_sub__reference(const BroadcastPlan& p, const int64_t* a, const int64_t* b, int64_t* out,
                        int64_t lo, int64_t hi);

void f32_mul__reference(const BroadcastPlan& p, const float* a, const float* b, float* out,
                        float lo, float hi);
void s16_mul__reference(const BroadcastPlan& p, const int16_t* a, const int16_t* b, int16_t* out,
                        int16_t lo, int16_t hi);
void s32_mul__reference(const BroadcastPlan& p, const int32_t* a, const int32_t* b, int32_t* out,
                        int32_t lo, int32_t hi);
void s64_mul__reference(const BroadcastPlan& p, const int64_t* a, const int64_t* b, int64_t* out,
                        int64_t lo, int64_t hi);
void u32_mul__reference(const BroadcastPlan& p, const uint32_t* a, const uint32_t* b,
                        uint32_t* out, uint32_t lo, uint32_t hi);
// Complex products take no activation.
void c64_mul__reference(const BroadcastPlan& p, const std::complex<float>* a,
                        const std::complex<float>* b, std::complex<float>* out);

// ---------------------------------------------------------------------------
// DIV. Float division by zero follows IEEE (then the clamp); the integer
// kernel expects the caller to have rejected zero divisors, and defines
// INT32_MIN / -1 as INT32_MIN (two's complement wrap).

void f32_div__reference(const BroadcastPlan& p, const float* a, const float* b, float* out,
                        float lo, float hi);
void s32_div__reference(const BroadcastPlan& p, const int32_t* a, const int32_t* b, int32_t* out,
                        int32_t lo, int32_t hi);

// FLOOR_DIV: floor(a / b). Float divides in double and rounds the floor back
// to float, as TFLite does; integers use exact floor division (the same
// values TFLite's double computation gives) and wrap MIN / -1 to MIN.
// Divisors must be non-zero.
void f32_floor_div__reference(const BroadcastPlan& p, const float* a, const float* b, float* out);
void s8_floor_div__reference(const BroadcastPlan& p, const int8_t* a, const int8_t* b,
                             int8_t* out);
void s16_floor_div__reference(const BroadcastPlan& p, const int16_t* a, const int16_t* b,
                              int16_t* out);
void s32_floor_div__reference(const BroadcastPlan& p, const int32_t* a, const int32_t* b,
                              int32_t* out);

// FLOOR_MOD: the remainder with the sign of the divisor. Float uses fmodf;
// integer divisors must be non-zero (MIN % -1 is 0).
void f32_floor_mod__reference(const BroadcastPlan& p, const float* a, const float* b, float* out);
void s8_floor_mod__reference(const BroadcastPlan& p, const int8_t* a, const int8_t* b,
                             int8_t* out);
void s16_floor_mod__reference(const BroadcastPlan& p, const int16_t* a, const int16_t* b,
                              int16_t* out);
void s32_floor_mod__reference(const BroadcastPlan& p, const int32_t* a, const int32_t* b,
                              int32_t* out);
void s64_floor_mod__reference(const BroadcastPlan& p, const int64_t* a, const int64_t* b,
                              int64_t* out);

// ---------------------------------------------------------------------------
// MINIMUM, MAXIMUM on raw values (quantized tensors compare their stored
// integers, as TFLite does). Float: maximum is a > b ? a : b, minimum
// a < b ? a : b, so a NaN in `a` yields `b`.

#define LF_ELEMENTWISE_MINMAX(prefix, T)                                                 \
  void prefix##_maximum__reference(const BroadcastPlan& p, const T* a, const T* b, T* out); \
  void prefix##_minimum__reference(const BroadcastPlan& p, const T* a, const T* b, T* out);
LF_ELEMENTWISE_MINMAX(f32, float)
LF_ELEMENTWISE_MINMAX(u8, uint8_t)
LF_ELEMENTWISE_MINMAX(s8, int8_t)
LF_ELEMENTWISE_MINMAX(s16, int16_t)
LF_ELEMENTWISE_MINMAX(s32, int32_t)
LF_ELEMENTWISE_MINMAX(s64, int64_t)
#undef LF_ELEMENTWISE_MINMAX

// ---------------------------------------------------------------------------
// POW. Float calls powf. Int32 evaluates pow in double and converts back;
// results outside int32 (which TFLite leaves to the hardware) become
// INT32_MIN, what x86 produces. Int32 exponents must be >= 0.

void f32_pow__reference(const BroadcastPlan& p, const float* a, const float* b, float* out);
void s32_pow__reference(const BroadcastPlan& p, const int32_t* a, const int32_t* b, int32_t* out);

// SQUARED_DIFFERENCE: (a - b)^2, wrapping for int32.
void f32_squared_difference__reference(const BroadcastPlan& p, const float* a, const float* b,
                                       float* out);
void s32_squared_difference__reference(const BroadcastPlan& p, const int32_t* a,
                                       const int32_t* b, int32_t* out);

// ---------------------------------------------------------------------------
// Comparisons: out[i] = a[.] OP b[.] as bool.

enum class CompareOp : uint8_t { kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual };

#define LF_ELEMENTWISE_COMPARE(prefix, T)                                                \
  void prefix##_compare__reference(const BroadcastPlan& p, const T* a, const T* b, CompareOp op, \
                                   bool* out);
LF_ELEMENTWISE_COMPARE(f32, float)
LF_ELEMENTWISE_COMPARE(u8, uint8_t)
LF_ELEMENTWISE_COMPARE(s8, int8_t)
LF_ELEMENTWISE_COMPARE(s16, int16_t)
LF_ELEMENTWISE_COMPARE(s32, int32_t)
LF_ELEMENTWISE_COMPARE(s64, int64_t)
LF_ELEMENTWISE_COMPARE(u32, uint32_t)
LF_ELEMENTWISE_COMPARE(bool, bool)
#undef LF_ELEMENTWISE_COMPARE

// ---------------------------------------------------------------------------
// Logical ops on bool.

void bool_logical_and__reference(const BroadcastPlan& p, const bool* a, const bool* b, bool* out);
void bool_logical_or__reference(const BroadcastPlan& p, const bool* a, const bool* b, bool* out);
void bool_logical_not__reference(const bool* in, size_t n, bool* out);

// ---------------------------------------------------------------------------
// SELECT / SELECT_V2: out = cond ? x : y over a three-operand plan. The
// values are copied bit for bit, so one kernel per element width serves
// every dtype of that width (x8 = 1 byte ... x64 = 8 bytes).

void x8_select__reference(const BroadcastPlan& p, const bool* cond, const uint8_t* x,
                          const uint8_t* y, uint8_t* out);
void x16_select__reference(const BroadcastPlan& p, const bool* cond, const uint16_t* x,
                           const uint16_t* y, uint16_t* out);
void x32_select__reference(const BroadcastPlan& p, const bool* cond, const uint32_t* x,
                           const uint32_t* y, uint32_t* out);
void x64_select__reference(const BroadcastPlan& p, const bool* cond, const uint64_t* x,
                           const uint64_t* y, uint64_t* out);

// ---------------------------------------------------------------------------
// PRELU (float): x >= 0 ? x : x * alpha, alpha broadcast over x.
void f32_prelu__reference(const BroadcastPlan& p, const float* x, const float* alpha, float* out);

// ADD_N: the sum of `count` same-shaped inputs, accumulated in input order.
void f32_add_n__reference(const float* const* inputs, int count, size_t n, float* out);
void s32_add_n__reference(const int32_t* const* inputs, int count, size_t n, int32_t* out);

}  // namespace liteforge::kernels::elementwise
