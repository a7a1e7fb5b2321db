// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/elementwise/broadcast.h"

#include <algorithm>
#include <string>
#include <vector>

namespace liteforge::kernels::elementwise {
namespace {

std::string ShapeList(std::initializer_list<const Shape*> operands) {
  std::string s;
  for (const Shape* shape : operands) {
    if (!s.empty()) s += ", ";
    s += shape->ToString();
  }
  return s;
}

}  // namespace

Result<BroadcastPlan> MakeBroadcastPlan(std::initializer_list<const Shape*> operands) {
  const int count = static_cast<int>(operands.size());
  if (count < 1 || count > kMaxBroadcastOperands) {
    return InvalidArgument("broadcasting supports 1 to {} operands, got {}", kMaxBroadcastOperands,
                           count);
  }
  int out_rank = 0;
  for (const Shape* shape : operands) out_rank = std::max(out_rank, shape->rank());

  // Each operand's extents right-aligned to the output rank.
  std::vector<std::vector<int64_t>> extents(static_cast<size_t>(count),
                                            std::vector<int64_t>(static_cast<size_t>(out_rank), 1));
  std::vector<int32_t> out_dims(static_cast<size_t>(out_rank), 1);
  {
    int k = 0;
    for (const Shape* shape : operands) {
      const int pad = out_rank - shape->rank();
      for (int d = 0; d < shape->rank(); ++d) extents[k][pad + d] = shape->dim(d);
      ++k;
    }
  }
  for (int d = 0; d < out_rank; ++d) {
    int64_t dim = 1;
    for (int k = 0; k < count; ++k) {
      const int64_t e = extents[k][d];
      if (e == 1) continue;
      if (dim != 1 && e != dim) {
        return InvalidArgument("shapes {} cannot be broadcast together", ShapeList(operands));
      }
      dim = e;
    }
    out_dims[d] = static_cast<int32_t>(dim);
  }

  BroadcastPlan plan;
  plan.num_operands = count;
  plan.output_shape = Shape(out_dims);
  plan.num_elements = plan.output_shape.NumElements();

  // Contiguous strides of each operand in its own layout; 0 where broadcast.
  std::vector<std::vector<int64_t>> strides(static_cast<size_t>(count),
                                            std::vector<int64_t>(static_cast<size_t>(out_rank), 0));
  for (int k = 0; k < count; ++k) {
    int64_t step = 1;
    for (int d = out_rank - 1; d >= 0; --d) {
      strides[k][d] = (extents[k][d] == 1) ? 0 : step;
      step *= extents[k][d];
    }
  }

  // Drop size-1 output dims (every operand has extent 1 there), then merge
  // a dim into the following one when every operand steps through the pair
  // as through one longer dim.
  std::vector<int64_t> dims;
  std::vector<std::vector<int64_t>> merged(static_cast<size_t>(count));
  for (int d = 0; d < out_rank; ++d) {
    if (out_dims[d] == 1) continue;
    bool mergeable = !dims.empty();
    for (int k = 0; k < count && mergeable; ++k) {
      mergeable = merged[k].back() == strides[k][d] * out_dims[d];
    }
    if (mergeable) {
      dims.back() *= out_dims[d];
      for (int k = 0; k < count; ++k) merged[k].back() = strides[k][d];
    } else {
      dims.push_back(out_dims[d]);
      for (int k = 0; k < count; ++k) merged[k].push_back(strides[k][d]);
    }
  }
  if (dims.empty()) {  // a single element (or rank 0)
    dims.push_back(1);
    for (int k = 0; k < count; ++k) merged[k].push_back(0);
  }
  if (static_cast<int>(dims.size()) > kMaxBroadcastRank) {
    return Unimplemented(
        "broadcasting shapes {} needs {} independent dims; at most {} are supported",
        ShapeList(operands), dims.size(), kMaxBroadcastRank);
  }
  plan.rank = static_cast<int>(dims.size());
  for (int d = 0; d < plan.rank; ++d) {
    plan.dims[d] = dims[d];
    for (int k = 0; k < count; ++k) plan.strides[k][d] = merged[k][d];
  }
  return plan;
}

}  // namespace liteforge::kernels::elementwise
