// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable ARG_MAX / ARG_MIN: the index of the largest (smallest) value
// along one axis; and TOPK_V2, the k largest values of each innermost row. The tensor is viewed as [outer, axis_size, inner]; the
// output is [outer, inner] indices. Ties resolve to the lowest index: a
// later value replaces the current best only when strictly greater
// (smaller), as in TFLite. For float, a NaN never replaces the running best
// unless it is the first value along the axis.

#pragma once

#include <cstdint>

namespace liteforge::kernels {

struct ArgMinMaxShape {
  int64_t outer = 1;
  int64_t axis_size = 1;  // >= 1
  int64_t inner = 1;
};

// One overload pair (int32 or int64 indices) per input type; `is_max`
// picks ARG_MAX, otherwise ARG_MIN.
void f32_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const float* in,
                              int32_t* out);
void f32_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const float* in,
                              int64_t* out);
void u8_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const uint8_t* in,
                             int32_t* out);
void u8_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const uint8_t* in,
                             int64_t* out);
void s8_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const int8_t* in,
                             int32_t* out);
void s8_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const int8_t* in,
                             int64_t* out);
void s16_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const int16_t* in,
                              int32_t* out);
void s16_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const int16_t* in,
                              int64_t* out);
void s32_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const int32_t* in,
                              int32_t* out);
void s32_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const int32_t* in,
                              int64_t* out);
void b8_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const bool* in,
                             int32_t* out);
void b8_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const bool* in,
                             int64_t* out);

// TOPK_V2 over `rows` rows of `row_size` values: the k largest values of
// each row in decreasing order with their indices; equal values keep
// increasing index order (earlier first), as TFLite's. `order` is scratch
// for row_size int32s. Instantiated for T in {float, uint8_t, int8_t,
// int16_t, int32_t, int64_t} and I in {int32_t, int16_t}.
template <typename T, typename I>
void topk__reference(int64_t rows, int32_t row_size, int32_t k, const T* in, T* values,
                     I* indices, int32_t* order);

}  // namespace liteforge::kernels
