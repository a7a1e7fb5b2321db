// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// DENSIFY: expands a sparse constant stored in TFLite's TACO-like encoding
// into a dense row-major tensor.
//
// The encoding: a tensor of n dims may be blocked (block_map lists the k
// dims that are split into blocks), giving n + k "expanded" dims: the n
// blocked dims (dim / block size) then the k in-block dims. traversal_order
// gives the order those expanded dims are stored in, and each stored level
// is either DENSE (every position present, `dense_size` of them) or
// SPARSE_CSR (for each parent position p, indices[segments[p] ..
// segments[p + 1]) list the positions present). The values are the
// elements present, in storage order.
//
// The metadata comes from the model file, so every size, segment and index
// is checked against its bounds before anything is written; a malformed
// tensor is an error, never an out-of-bounds access.

#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "liteforge/base/status.h"

namespace liteforge::kernels {

struct SparseLevel {
  bool compressed = false;            // SPARSE_CSR rather than DENSE
  int32_t dense_size = 0;             // DENSE
  std::span<const int32_t> segments;  // SPARSE_CSR
  std::span<const int32_t> indices;   // SPARSE_CSR
};

struct DensifyPlan {
  std::vector<int64_t> dense_dims;       // the dense (output) shape
  std::vector<int64_t> dense_strides;    // its row-major strides
  std::vector<int32_t> traversal_order;  // expanded dim stored at each level
  std::vector<int32_t> block_map;        // original dim of each block dim
  std::vector<int64_t> block_size;       // size of each block dim
  std::vector<int64_t> level_extent;     // positions along each level's dim
  std::vector<SparseLevel> levels;
};

// Checks the encoding's structure (orders, block sizes, dense sizes) and
// builds the plan. Segments and indices are checked while densifying.
Status MakeDensifyPlan(std::span<const int32_t> dense_dims,
                       std::span<const int32_t> traversal_order,
                       std::span<const int32_t> block_map, std::vector<SparseLevel> levels,
                       DensifyPlan* plan);

// Writes the dense tensor (zeros where no value is stored) from
// `num_values` stored values of element_bytes each.
Status x8_densify__reference(const DensifyPlan& plan, const uint8_t* values, int64_t num_values,
                             size_t element_bytes, uint8_t* output);

}  // namespace liteforge::kernels
