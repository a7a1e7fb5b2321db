// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/reduce/plan.h"

namespace liteforge::kernels {

Status PlanReduction(std::span<const int32_t> in_dims, std::span<const int64_t> axes,
                     bool keep_dims, std::vector<int32_t>* out_dims, ReducePlan* plan) {
  const int rank = static_cast<int>(in_dims.size());
  std::vector<uint8_t> is_reduced(in_dims.size(), 0);
  if (rank > 0) {
    for (int64_t axis : axes) {
      const int64_t a = axis < 0 ? axis + rank : axis;
      if (a < 0 || a >= rank) {
        return InvalidArgument("axis {} is out of range for an input of rank {}", axis, rank);
      }
      is_reduced[static_cast<size_t>(a)] = 1;
    }
  }

  out_dims->clear();
  *plan = ReducePlan{};
  plan->no_axes = axes.empty();
  plan->num_inputs = 1;
  plan->num_outputs = 1;
  for (int i = 0; i < rank; ++i) {
    const int64_t d = in_dims[static_cast<size_t>(i)];
    plan->num_inputs *= d;
    if (is_reduced[static_cast<size_t>(i)]) {
      plan->reduce_count *= d;
      if (keep_dims) out_dims->push_back(1);
    } else {
      plan->num_outputs *= d;
      out_dims->push_back(static_cast<int32_t>(d));
    }
    // Size-1 dims change nothing in the walk; adjacent dims of one kind
    // merge into a single level.
    if (d == 1) continue;
    if (!plan->dims.empty() && plan->reduced.back() == is_reduced[static_cast<size_t>(i)]) {
      plan->dims.back() *= d;
    } else {
      plan->dims.push_back(d);
      plan->reduced.push_back(is_reduced[static_cast<size_t>(i)]);
    }
  }
  if (plan->dims.empty()) {  // every dim is 1 (or a scalar): one element
    plan->dims.push_back(1);
    plan->reduced.push_back(0);
  }
  return Status::Ok();
}

}  // namespace liteforge::kernels
