// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable index-driven kernels: GATHER, GATHER_ND, SCATTER_ND and ONE_HOT.
// Index tensors come from the model or from earlier ops, so they are data,
// not trusted geometry: the gather and scatter kernels check every index
// before they touch memory and report the first bad one instead of writing.

#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace liteforge::kernels {

// A read-only view of an integer index tensor of 2, 4 or 8 byte elements.
struct IndexView {
  const void* data = nullptr;
  int width = 4;  // bytes per index: 2 (int16), 4 (int32) or 8 (int64)
  int64_t operator[](int64_t i) const {
    switch (width) {
      case 2: return static_cast<const int16_t*>(data)[i];
      case 8: return static_cast<const int64_t*>(data)[i];
      default: return static_cast<const int32_t*>(data)[i];
    }
  }
};

// GATHER with batch dims: params [batch, outer, axis_size, inner],
// indices [batch, indices_per_batch], output [batch, outer,
// indices_per_batch, inner] (each bracket a product of dims).
struct GatherGeometry {
  int64_t batch = 1;
  int64_t outer = 1;
  int64_t axis_size = 0;
  int64_t indices_per_batch = 0;
  size_t inner_bytes = 0;  // bytes of one gathered slice
};

// Returns -1, or the flat position of the first index outside
// [0, axis_size) (and then writes nothing).
int64_t x8_gather__reference(const GatherGeometry& geometry, const uint8_t* params,
                             IndexView indices, uint8_t* output);

// GATHER_ND: indices [num_slices, depth]; each row names a slice of params
// by its first `depth` coordinates; slices are slice_bytes long.
struct GatherNdGeometry {
  int64_t num_slices = 0;
  std::vector<int64_t> dims;     // params dims [0, depth)
  std::vector<int64_t> strides;  // their strides, in slices
  size_t slice_bytes = 0;
};

// Returns -1, or the flat position in `indices` of the first coordinate
// outside its dim (and then writes nothing).
int64_t x8_gather_nd__reference(const GatherNdGeometry& geometry, const uint8_t* params,
                                IndexView indices, uint8_t* output);

// SCATTER_ND: output starts at zero and every update slice is added at the
// place its index row names (repeated indices accumulate; bool ORs).
struct ScatterNdGeometry {
  int64_t num_slices = 0;
  std::vector<int64_t> dims;     // output dims [0, depth)
  std::vector<int64_t> strides;  // their strides, in elements
  int64_t slice_elems = 0;
  int64_t output_elems = 0;
};

// Each returns -1, or the flat position in `indices` of the first
// coordinate outside its dim (the output is then left zeroed).
int64_t f32_scatter_nd__reference(const ScatterNdGeometry& g, IndexView indices,
                                  const float* updates, float* output);
int64_t s32_scatter_nd__reference(const ScatterNdGeometry& g, IndexView indices,
                                  const int32_t* updates, int32_t* output);
int64_t s64_scatter_nd__reference(const ScatterNdGeometry& g, IndexView indices,
                                  const int64_t* updates, int64_t* output);
int64_t s8_scatter_nd__reference(const ScatterNdGeometry& g, IndexView indices,
                                 const int8_t* updates, int8_t* output);
int64_t u8_scatter_nd__reference(const ScatterNdGeometry& g, IndexView indices,
                                 const uint8_t* updates, uint8_t* output);
int64_t bool_scatter_nd__reference(const ScatterNdGeometry& g, IndexView indices,
                                   const bool* updates, bool* output);

// ONE_HOT: indices [prefix, suffix] -> output [prefix, depth, suffix];
// output[p, d, s] = indices[p, s] == d ? on : off. `on` and `off` point at
// one element of element_bytes (1, 2, 4 or 8) bytes each.
struct OneHotGeometry {
  int64_t prefix = 1;
  int64_t depth = 0;
  int64_t suffix = 1;
};
void x8_one_hot__reference(const OneHotGeometry& geometry, IndexView indices, const void* on,
                           const void* off, size_t element_bytes, void* output);

}  // namespace liteforge::kernels
