// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/gather/reference.h"

#include <algorithm>
#include <cstring>

namespace liteforge::kernels {
namespace {

// Offset (in slices or elements) named by index row `row`, or -1 with
// *bad set to the flat position of the first coordinate out of range.
int64_t RowOffset(IndexView indices, int64_t row, const std::vector<int64_t>& dims,
                  const std::vector<int64_t>& strides, int64_t* bad) {
  const int64_t depth = static_cast<int64_t>(dims.size());
  int64_t offset = 0;
  for (int64_t k = 0; k < depth; ++k) {
    const int64_t v = indices[row * depth + k];
    if (v < 0 || v >= dims[k]) {
      *bad = row * depth + k;
      return -1;
    }
    offset += v * strides[k];
  }
  return offset;
}

template <typename T, typename Combine>
int64_t ScatterNd(const ScatterNdGeometry& g, IndexView indices, const T* updates, T* output,
                  Combine combine) {
  std::fill(output, output + g.output_elems, T{});
  // Validate everything first so a bad model never gets a partial result.
  int64_t bad = -1;
  for (int64_t r = 0; r < g.num_slices; ++r) {
    if (RowOffset(indices, r, g.dims, g.strides, &bad) < 0) return bad;
  }
  for (int64_t r = 0; r < g.num_slices; ++r) {
    T* dst = output + RowOffset(indices, r, g.dims, g.strides, &bad);
    const T* src = updates + r * g.slice_elems;
    for (int64_t j = 0; j < g.slice_elems; ++j) dst[j] = combine(dst[j], src[j]);
  }
  return -1;
}

template <typename T>
void OneHot(const OneHotGeometry& g, IndexView indices, const void* on_ptr, const void* off_ptr,
            void* output) {
  T on, off;
  std::memcpy(&on, on_ptr, sizeof(T));
  std::memcpy(&off, off_ptr, sizeof(T));
  T* out = static_cast<T*>(output);
  for (int64_t p = 0; p < g.prefix; ++p) {
    const int64_t row = p * g.suffix;
    for (int64_t d = 0; d < g.depth; ++d) {
      for (int64_t s = 0; s < g.suffix; ++s) *out++ = indices[row + s] == d ? on : off;
    }
  }
}

template <typename T>
T Add(T a, T b) {
  return static_cast<T>(a + b);  // integers wrap, as TFLite's += does
}

}  // namespace

int64_t x8_gather__reference(const GatherGeometry& g, const uint8_t* params, IndexView indices,
                             uint8_t* output) {
  const int64_t n = g.batch * g.indices_per_batch;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t v = indices[i];
    if (v < 0 || v >= g.axis_size) return i;
  }
  if (g.inner_bytes == 0) return -1;
  const size_t slice = g.inner_bytes;
  for (int64_t b = 0; b < g.batch; ++b) {
    const int64_t first = b * g.indices_per_batch;
    for (int64_t o = 0; o < g.outer; ++o) {
      const uint8_t* base = params + static_cast<size_t>((b * g.outer + o) * g.axis_size) * slice;
      for (int64_t k = 0; k < g.indices_per_batch; ++k) {
        std::memcpy(output, base + static_cast<size_t>(indices[first + k]) * slice, slice);
        output += slice;
      }
    }
  }
  return -1;
}

int64_t x8_gather_nd__reference(const GatherNdGeometry& g, const uint8_t* params,
                                IndexView indices, uint8_t* output) {
  int64_t bad = -1;
  for (int64_t r = 0; r < g.num_slices; ++r) {
    if (RowOffset(indices, r, g.dims, g.strides, &bad) < 0) return bad;
  }
  if (g.slice_bytes == 0) return -1;
  for (int64_t r = 0; r < g.num_slices; ++r) {
    const int64_t offset = RowOffset(indices, r, g.dims, g.strides, &bad);
    std::memcpy(output, params + static_cast<size_t>(offset) * g.slice_bytes, g.slice_bytes);
    output += g.slice_bytes;
  }
  return -1;
}

int64_t f32_scatter_nd__reference(const ScatterNdGeometry& g, IndexView indices,
                                  const float* updates, float* output) {
  return ScatterNd(g, indices, updates, output, Add<float>);
}
int64_t s32_scatter_nd__reference(const ScatterNdGeometry& g, IndexView indices,
                                  const int32_t* updates, int32_t* output) {
  // Wrapping add without signed-overflow UB.
  return ScatterNd(g, indices, updates, output, [](int32_t a, int32_t b) {
    return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
  });
}
int64_t s64_scatter_nd__reference(const ScatterNdGeometry& g, IndexView indices,
                                  const int64_t* updates, int64_t* output) {
  return ScatterNd(g, indices, updates, output, [](int64_t a, int64_t b) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
  });
}
int64_t s8_scatter_nd__reference(const ScatterNdGeometry& g, IndexView indices,
                                 const int8_t* updates, int8_t* output) {
  return ScatterNd(g, indices, updates, output, Add<int8_t>);
}
int64_t u8_scatter_nd__reference(const ScatterNdGeometry& g, IndexView indices,
                                 const uint8_t* updates, uint8_t* output) {
  return ScatterNd(g, indices, updates, output, Add<uint8_t>);
}
int64_t bool_scatter_nd__reference(const ScatterNdGeometry& g, IndexView indices,
                                   const bool* updates, bool* output) {
  return ScatterNd(g, indices, updates, output, [](bool a, bool b) { return a || b; });
}

void x8_one_hot__reference(const OneHotGeometry& g, IndexView indices, const void* on,
                           const void* off, size_t element_bytes, void* output) {
  switch (element_bytes) {
    case 1: OneHot<uint8_t>(g, indices, on, off, output); break;
    case 2: OneHot<uint16_t>(g, indices, on, off, output); break;
    case 4: OneHot<uint32_t>(g, indices, on, off, output); break;
    case 8: OneHot<uint64_t>(g, indices, on, off, output); break;
    default: break;
  }
}

}  // namespace liteforge::kernels
