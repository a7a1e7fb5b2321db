// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ReducePlan: how a reduction (MEAN, SUM, REDUCE_*) walks its input, worked
// out once from the input dims and the axis list. Adjacent dims that are
// both reduced or both kept are merged and dims of size 1 dropped, so the
// walk has as few levels as possible and its innermost level is one
// contiguous run, either summarised into one output (innermost dims
// reduced) or combined element-wise into a run of outputs (innermost kept).
//
// The walk visits inputs in memory order, so every output sees its inputs in
// increasing index order, the order TFLite's reducers combine them in; this
// matters for float sums and for the step-wise rescaled quantized product.

#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "liteforge/base/status.h"

namespace liteforge::kernels {

struct ReducePlan {
  std::vector<int64_t> dims;     // merged dims, outermost first; never empty
  std::vector<uint8_t> reduced;  // 1 where the merged dim is reduced
  int64_t num_inputs = 0;
  int64_t num_outputs = 0;
  int64_t reduce_count = 1;  // inputs per output (product of reduced dims)
  bool no_axes = false;      // the axis list named no dim at all
};

// Normalizes `axes` against the input rank (negative values count from the
// back, repeats are ignored) and checks them; fills the output dims
// (reduced dims become 1 with keep_dims, else disappear) and the plan. A
// rank-0 input reduces to a scalar whatever the axes say, as in TFLite.
Status PlanReduction(std::span<const int32_t> in_dims, std::span<const int64_t> axes,
                     bool keep_dims, std::vector<int32_t>* out_dims, ReducePlan* plan);

// Calls visit(in_offset, out_offset, n, first) for every innermost run of
// the plan, in memory order. With plan.reduced.back() set, the n inputs at
// in_offset all feed output out_offset; otherwise input in_offset + j feeds
// output out_offset + j. `first` is true when these are the first inputs
// the output(s) receive.
template <typename Visit>
void WalkReduction(const ReducePlan& plan, Visit&& visit) {
  if (plan.num_inputs == 0) return;
  const int levels = static_cast<int>(plan.dims.size());
  const int64_t inner = plan.dims.back();
  const bool inner_reduced = plan.reduced.back() != 0;
  // Output stride of each outer level (0 for reduced levels).
  std::vector<int64_t> out_stride(static_cast<size_t>(levels), 0);
  int64_t stride = inner_reduced ? 1 : inner;
  for (int d = levels - 2; d >= 0; --d) {
    if (!plan.reduced[d]) {
      out_stride[d] = stride;
      stride *= plan.dims[d];
    }
  }
  std::vector<int64_t> coord(static_cast<size_t>(levels), 0);
  int64_t in_offset = 0;
  int64_t out_offset = 0;
  int nonzero_reduced = 0;  // outer reduced levels at a non-zero coordinate
  const int64_t runs = plan.num_inputs / inner;
  for (int64_t r = 0; r < runs; ++r) {
    visit(in_offset, out_offset, inner, nonzero_reduced == 0);
    in_offset += inner;
    // Advance the odometer over the outer levels.
    for (int d = levels - 2; d >= 0; --d) {
      if (++coord[d] < plan.dims[d]) {
        out_offset += out_stride[d];
        if (plan.reduced[d] && coord[d] == 1) ++nonzero_reduced;
        break;
      }
      out_offset -= out_stride[d] * (plan.dims[d] - 1);
      if (plan.reduced[d] && plan.dims[d] > 1) --nonzero_reduced;
      coord[d] = 0;
    }
  }
}

}  // namespace liteforge::kernels
