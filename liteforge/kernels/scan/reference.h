// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable sequence kernels: running sums along an axis (CUMSUM), arithmetic
// sequences (RANGE) and the coordinates of non-zero elements (WHERE).
//
// CUMSUM and RANGE follow TFLite's builtin kernels step for step, because
// float results depend on the order of the additions: CUMSUM adds along
// the axis one element at a time into a running accumulator; RANGE builds
// each value by adding delta to the previous one (not start + i * delta).

#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace liteforge::kernels {

// A tensor seen as [outer, axis, inner].
struct ScanGeometry {
  int64_t outer = 1;
  int64_t axis = 0;
  int64_t inner = 1;
};

void f32_cumsum__reference(const ScanGeometry& g, bool exclusive, bool reverse, const float* input,
                           float* output);
void s32_cumsum__reference(const ScanGeometry& g, bool exclusive, bool reverse,
                           const int32_t* input, int32_t* output);
void s64_cumsum__reference(const ScanGeometry& g, bool exclusive, bool reverse,
                           const int64_t* input, int64_t* output);

// output[0] = start, output[i] = output[i-1] + delta, in the element type.
void f32_range__reference(float start, float delta, int64_t n, float* output);
void s32_range__reference(int32_t start, int32_t delta, int64_t n, int32_t* output);
void s64_range__reference(int64_t start, int64_t delta, int64_t n, int64_t* output);
void s16_range__reference(int16_t start, int16_t delta, int64_t n, int16_t* output);
void s8_range__reference(int8_t start, int8_t delta, int64_t n, int8_t* output);
// float16 (IEEE bits): each step adds in float and rounds back to half.
void f16_range__reference(uint16_t start, uint16_t delta, int64_t n, uint16_t* output);
// Quantized: the running value is a float; each element is
// round(value / scale) + zero_point, clamped to the type.
void qs8_range__reference(float start, float delta, float scale, int32_t zero_point, int64_t n,
                          int8_t* output);
void qs16_range__reference(float start, float delta, float scale, int32_t zero_point, int64_t n,
                           int16_t* output);

// How WHERE decides that an element is non-zero.
enum class NonzeroTest : uint8_t {
  kBits8,     // any bit set in a 1-byte element (bool, int8, uint8)
  kBits16,
  kBits32,
  kBits64,
  kFloat16,   // IEEE half: +0 and -0 are zero
  kBFloat16,
  kFloat32,
  kFloat64,
};

int64_t x_count_nonzero__reference(NonzeroTest test, const void* data, int64_t n);
// Writes the row-major coordinates (rank values each) of every non-zero
// element of a tensor of shape `dims`, in element order.
void x_where__reference(NonzeroTest test, const void* data, std::span<const int32_t> dims,
                        int64_t* output);

}  // namespace liteforge::kernels
