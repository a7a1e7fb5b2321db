// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable padding kernels: constant padding (PAD, PADV2), mirrored padding
// (MIRROR_PAD), and the padded/cropped block rearrangements of
// SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND. All of them move opaque elements
// of a fixed byte size; the pad value is given as the bytes of one element,
// so quantized tensors pad with their zero point exactly as TFLite does.
//
// Geometry is worked out once (in Prepare) by the Make* functions; trailing
// dims that are not padded are folded into a wider element so the innermost
// loop copies whole rows with memcpy.

#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace liteforge::kernels {

struct PadGeometry {
  std::vector<int64_t> in_dims;     // after folding; may be empty (one element)
  std::vector<int64_t> before;      // padding before, per dim
  std::vector<int64_t> after;       // padding after, per dim
  std::vector<int64_t> out_inner;   // output elements below each dim
  std::vector<int64_t> in_inner;    // input elements below each dim
  size_t element_bytes = 0;         // folded element size
  size_t fold = 1;                  // original elements per folded element
};

// `before` and `after` are >= 0 (the caller validates them).
PadGeometry MakePadGeometry(std::span<const int32_t> in_dims, std::span<const int64_t> before,
                            std::span<const int64_t> after, size_t element_bytes);

// `pad_element` holds one folded element (geometry.element_bytes bytes),
// i.e. the pad value repeated geometry.fold times.
void x8_pad__reference(const PadGeometry& geometry, const uint8_t* input,
                       const uint8_t* pad_element, uint8_t* output);

struct MirrorPadGeometry {
  std::vector<int64_t> in_dims;
  std::vector<int64_t> out_dims;
  std::vector<int64_t> before;
  std::vector<int64_t> in_inner;
  std::vector<std::vector<int32_t>> source;  // per dim: input index of each output index
  size_t element_bytes = 0;
};

// REFLECT mirrors around the edge element (needs padding <= dim - 1);
// SYMMETRIC repeats it (padding <= dim). The caller validates the amounts.
MirrorPadGeometry MakeMirrorPadGeometry(std::span<const int32_t> in_dims,
                                        std::span<const int64_t> before,
                                        std::span<const int64_t> after, bool symmetric,
                                        size_t element_bytes);
void x8_mirror_pad__reference(const MirrorPadGeometry& geometry, const uint8_t* input,
                              uint8_t* output);

// SPACE_TO_BATCH_ND / BATCH_TO_SPACE_ND over [batch, spatial..., rest...],
// with `rest` folded into rows of row_bytes bytes. For SPACE_TO_BATCH_ND,
// `edge` is the padding before each spatial dim and spatial_in / spatial_out
// the unpadded input and the output extents; for BATCH_TO_SPACE_ND, `edge`
// is the crop before each spatial dim, spatial_in the input extents and
// spatial_out the cropped output extents. Output batch b' = shift * batch +
// b, with `shift` the row-major position inside the block.
struct SpaceBatchGeometry {
  int64_t batch = 0;  // the smaller batch (input of SPACE_TO_BATCH, output of BATCH_TO_SPACE)
  std::vector<int64_t> block;
  std::vector<int64_t> edge;
  std::vector<int64_t> spatial_in;
  std::vector<int64_t> spatial_out;
  size_t row_bytes = 0;
};

// `pad_row` holds row_bytes bytes of pad value.
void x8_space_to_batch__reference(const SpaceBatchGeometry& geometry, const uint8_t* input,
                                  const uint8_t* pad_row, uint8_t* output);
void x8_batch_to_space__reference(const SpaceBatchGeometry& geometry, const uint8_t* input,
                                  uint8_t* output);

}  // namespace liteforge::kernels
