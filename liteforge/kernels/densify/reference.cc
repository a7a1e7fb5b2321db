// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/densify/reference.h"

#include <cstring>

namespace liteforge::kernels {
namespace {

class Densifier {
 public:
  Densifier(const DensifyPlan& plan, const uint8_t* values, int64_t num_values,
            size_t element_bytes, uint8_t* output)
      : plan_(plan),
        values_(values),
        num_values_(num_values),
        element_bytes_(element_bytes),
        output_(output),
        coord_(plan.traversal_order.size(), 0),
        block_of_dim_(plan.dense_dims.size(), -1) {
    for (size_t b = 0; b < plan.block_map.size(); ++b) block_of_dim_[plan.block_map[b]] = static_cast<int>(b);
  }

  Status Visit(size_t level, int64_t parent) {
    if (level == plan_.levels.size()) return Emit();
    const SparseLevel& l = plan_.levels[level];
    const int32_t dim = plan_.traversal_order[level];
    const int64_t extent = plan_.level_extent[level];
    if (!l.compressed) {
      for (int64_t i = 0; i < extent; ++i) {
        coord_[dim] = i;
        LF_RETURN_IF_ERROR(Visit(level + 1, parent * extent + i));
      }
      return Status::Ok();
    }
    if (parent < 0 || static_cast<size_t>(parent) + 1 >= l.segments.size()) {
      return InvalidArgument(
          "sparsity dim_metadata[{}]: array_segments has {} entries, position {} needs {}", level,
          l.segments.size(), parent, parent + 2);
    }
    const int64_t begin = l.segments[parent];
    const int64_t end = l.segments[parent + 1];
    if (begin < 0 || end < begin || static_cast<size_t>(end) > l.indices.size()) {
      return InvalidArgument(
          "sparsity dim_metadata[{}]: segment {} spans [{}, {}) outside the {} array_indices",
          level, parent, begin, end, l.indices.size());
    }
    for (int64_t i = begin; i < end; ++i) {
      const int64_t index = l.indices[i];
      if (index < 0 || index >= extent) {
        return InvalidArgument(
            "sparsity dim_metadata[{}]: array_indices[{}] = {} is outside [0, {})", level, i,
            index, extent);
      }
      coord_[dim] = index;
      LF_RETURN_IF_ERROR(Visit(level + 1, i));
    }
    return Status::Ok();
  }

 private:
  Status Emit() {
    if (next_ >= num_values_) {
      return InvalidArgument("the sparsity metadata addresses more elements than the {} stored",
                             num_values_);
    }
    const size_t n = plan_.dense_dims.size();
    int64_t offset = 0;
    for (size_t d = 0; d < n; ++d) {
      int64_t c = coord_[d];
      if (block_of_dim_[d] >= 0) {
        const size_t b = static_cast<size_t>(block_of_dim_[d]);
        c = c * plan_.block_size[b] + coord_[n + b];
      }
      offset += c * plan_.dense_strides[d];
    }
    std::memcpy(output_ + static_cast<size_t>(offset) * element_bytes_,
                values_ + static_cast<size_t>(next_) * element_bytes_, element_bytes_);
    ++next_;
    return Status::Ok();
  }

  const DensifyPlan& plan_;
  const uint8_t* values_;
  int64_t num_values_;
  size_t element_bytes_;
  uint8_t* output_;
  std::vector<int64_t> coord_;  // current position along each expanded dim
  std::vector<int> block_of_dim_;
  int64_t next_ = 0;
};

}  // namespace

Status MakeDensifyPlan(std::span<const int32_t> dense_dims,
                       std::span<const int32_t> traversal_order,
                       std::span<const int32_t> block_map, std::vector<SparseLevel> levels,
                       DensifyPlan* plan) {
  const size_t n = dense_dims.size();
  const size_t k = block_map.size();
  const size_t total = n + k;
  if (traversal_order.size() != total) {
    return InvalidArgument(
        "sparsity traversal_order has {} entries, expected {} ({} dims + {} block dims)",
        traversal_order.size(), total, n, k);
  }
  if (levels.size() != total) {
    return InvalidArgument("sparsity has {} dim_metadata entries, expected {}", levels.size(),
                           total);
  }
  std::vector<bool> seen(total, false);
  for (size_t l = 0; l < total; ++l) {
    const int32_t t = traversal_order[l];
    if (t < 0 || static_cast<size_t>(t) >= total || seen[t]) {
      return InvalidArgument("sparsity traversal_order is not a permutation of 0..{}", total - 1);
    }
    seen[t] = true;
    if (l < n && static_cast<size_t>(t) >= n) {
      return Unimplemented(
          "sparsity traversal_order visits block dim {} before all {} original dims", t, n);
    }
  }
  for (size_t b = 0; b < k; ++b) {
    if (block_map[b] < 0 || static_cast<size_t>(block_map[b]) >= n ||
        (b > 0 && block_map[b] <= block_map[b - 1])) {
      return InvalidArgument("sparsity block_map must list distinct dims below {} in increasing order", n);
    }
  }
  plan->dense_dims.assign(dense_dims.begin(), dense_dims.end());
  plan->dense_strides.assign(n, 1);
  for (size_t d = n; d-- > 1;) plan->dense_strides[d - 1] = plan->dense_strides[d] * dense_dims[d];
  plan->traversal_order.assign(traversal_order.begin(), traversal_order.end());
  plan->block_map.assign(block_map.begin(), block_map.end());
  plan->block_size.assign(k, 1);
  std::vector<int64_t> blocked(dense_dims.begin(), dense_dims.end());
  for (size_t l = n; l < total; ++l) {
    const size_t b = static_cast<size_t>(traversal_order[l]) - n;
    if (levels[l].compressed) {
      return Unimplemented("sparsity dim_metadata[{}]: sparse block dims are not supported", l);
    }
    const int64_t size = levels[l].dense_size;
    const int32_t dim = block_map[b];
    if (size <= 0 || dense_dims[dim] % size != 0) {
      return InvalidArgument("sparsity block size {} does not divide dim {} of size {}", size, dim,
                             dense_dims[dim]);
    }
    plan->block_size[b] = size;
    blocked[dim] = dense_dims[dim] / size;
  }
  plan->level_extent.resize(total);
  for (size_t l = 0; l < total; ++l) {
    const size_t t = static_cast<size_t>(traversal_order[l]);
    const int64_t extent = t < n ? blocked[t] : plan->block_size[t - n];
    plan->level_extent[l] = extent;
    if (!levels[l].compressed && levels[l].dense_size != extent) {
      return InvalidArgument("sparsity dim_metadata[{}]: dense_size {} but the dim has {} positions",
                             l, levels[l].dense_size, extent);
    }
  }
  plan->levels = std::move(levels);
  return Status::Ok();
}

Status x8_densify__reference(const DensifyPlan& plan, const uint8_t* values, int64_t num_values,
                             size_t element_bytes, uint8_t* output) {
  int64_t dense = 1;
  for (int64_t d : plan.dense_dims) dense *= d;
  if (dense > 0) std::memset(output, 0, static_cast<size_t>(dense) * element_bytes);
  Densifier walker(plan, values, num_values, element_bytes, output);
  return walker.Visit(0, 0);
}

}  // namespace liteforge::kernels
