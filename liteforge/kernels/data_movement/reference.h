// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable kernels that move elements without looking at their values:
// the strided copy behind TRANSPOSE, SLICE, STRIDED_SLICE, REVERSE_V2,
// TILE, BROADCAST_TO, DEPTH_TO_SPACE and SPACE_TO_DEPTH; the block copies
// behind CONCATENATION, SPLIT, PACK and UNPACK; the requantizing copy
// TFLite's uint8 CONCATENATION uses when an input's scale differs from the
// output's; and in-place clamps for a fused activation.
//
// Elements are opaque: the x8/x16/x32/x64 kernels copy 1/2/4/8-byte units,
// and wider elements (complex128) are copied as several 8-byte units.

#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace liteforge::kernels {

// ---------------------------------------------------------------------------
// Strided copy. The output is written contiguously, walking `count` dims in
// row-major order; output element (i_0, ..., i_{n-1}) reads input element
// base + sum_k i_k * stride[k]. Strides are in elements and may be zero
// (broadcast) or negative (reversal); every address the plan reaches must be
// inside the input, which the caller guarantees when it builds the plan.

inline constexpr int kMaxCopyDims = 40;

struct StridedCopyPlan {
  int rank = 0;                     // dims left after simplification
  int64_t count[kMaxCopyDims] = {};
  int64_t stride[kMaxCopyDims] = {};  // in copy units
  int64_t base = 0;                 // in copy units
  int64_t total = 0;                // output elements (in copy units)
  int unit_bytes = 1;               // 1, 2, 4 or 8
};

// Builds a plan from per-dim counts and strides (in elements of
// `element_bytes` bytes, outermost dim first). Dims of size 1 are dropped
// and dims that stay contiguous in the input are merged. Returns false
// when element_bytes is 0, a count is negative, the element count
// overflows, or more than kMaxCopyDims dims remain.
bool MakeStridedCopyPlan(std::span<const int64_t> counts, std::span<const int64_t> strides,
                         int64_t base, size_t element_bytes, StridedCopyPlan* plan);

void x8_strided_copy__reference(const StridedCopyPlan& plan, const void* input, void* output);
void x16_strided_copy__reference(const StridedCopyPlan& plan, const void* input, void* output);
void x32_strided_copy__reference(const StridedCopyPlan& plan, const void* input, void* output);
void x64_strided_copy__reference(const StridedCopyPlan& plan, const void* input, void* output);

using StridedCopyFn = void (*)(const StridedCopyPlan&, const void*, void*);
// The kernel for plan.unit_bytes.
StridedCopyFn SelectStridedCopy(const StridedCopyPlan& plan);

// Row-major element strides of `dims` (the last dim has stride 1).
void RowMajorStrides(std::span<const int32_t> dims, std::span<int64_t> strides);

// ---------------------------------------------------------------------------
// Block copies along an axis. A tensor split at an axis is `outer` repeats
// of one block per part; part p's block is block_bytes[p] bytes long.

// output = for o in [0, outer): for p: the o-th block of inputs[p].
void x8_concat__reference(int64_t outer, std::span<const uint8_t* const> inputs,
                          std::span<const size_t> block_bytes, uint8_t* output);
// The inverse: outputs[p] receives the p-th block of every outer repeat.
void x8_split__reference(int64_t outer, const uint8_t* input,
                         std::span<uint8_t* const> outputs, std::span<const size_t> block_bytes);

// How one input of a quantized CONCATENATION reaches the output scale:
// q_out = clamp(round(q_in * scale + bias) + output_zero_point), computed in
// float (TFLite's ConcatenationWithScaling), or a plain copy.
struct ConcatRequant {
  bool copy = true;
  float scale = 1.f;  // input_scale / output_scale, as (1 / output_scale) * input_scale
  float bias = 0.f;   // -input_zero_point * scale
  int32_t output_zero_point = 0;
};

// CONCATENATION of quantized tensors whose parameters may differ from the
// output's; block_elems[p] elements per outer repeat of input p. Results are
// clamped to [act_min, act_max] (the dtype range, narrowed by a fused
// activation).
void qu8_concat_requant__reference(int64_t outer, std::span<const uint8_t* const> inputs,
                                   std::span<const size_t> block_elems,
                                   std::span<const ConcatRequant> requant, int32_t act_min,
                                   int32_t act_max, uint8_t* output);
void qs8_concat_requant__reference(int64_t outer, std::span<const int8_t* const> inputs,
                                   std::span<const size_t> block_elems,
                                   std::span<const ConcatRequant> requant, int32_t act_min,
                                   int32_t act_max, int8_t* output);
void qs16_concat_requant__reference(int64_t outer, std::span<const int16_t* const> inputs,
                                    std::span<const size_t> block_elems,
                                    std::span<const ConcatRequant> requant, int32_t act_min,
                                    int32_t act_max, int16_t* output);

// In-place clamps (fused activations on a result already in place).
void f32_clamp__reference(float* data, int64_t n, float lo, float hi);
void qu8_clamp__reference(uint8_t* data, int64_t n, int32_t lo, int32_t hi);
void qs8_clamp__reference(int8_t* data, int64_t n, int32_t lo, int32_t hi);
void qs16_clamp__reference(int16_t* data, int64_t n, int32_t lo, int32_t hi);

// Fills `count` elements of `element_bytes` bytes with the element at
// `value` (which must not overlap `out`).
void x8_fill_pattern__reference(uint8_t* out, int64_t count, const uint8_t* value,
                                size_t element_bytes);

}  // namespace liteforge::kernels
