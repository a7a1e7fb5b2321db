// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The channel-tiled parameter layout the SIMD depthwise kernels read, and
// the window arithmetic they share. Portable: the ops layer packs with it
// once at Prepare, the x86_* kernels only read what it produced.
//
// Output channels are cut into tiles of `lanes` (the kernel's vector width
// in 32-bit lanes); the last tile is padded with zero parameters. Each tile
// is one contiguous block of `lanes`-wide rows, so a kernel walking the
// channels of one output row touches exactly one block per tile.
//
// Quantized tile (int32 rows, QuantTileWords(taps, lanes) words):
//   row 0   bias'[o] = bias[o] + input_offset * sum_k w'[k][o]   (wrapping)
//   row 1   multiplier[o]
//   row 2   left shift  (LeftShiftOf(exponent[o]))
//   row 3   right shift (RightShiftOf(exponent[o]))
//   row 4   input lane of output lane j (depth multiplier > 1), see below
//   row 5   flags of the whole tile, the same in every lane:
//           kQuantTileShortRounding when every channel of the tile has no
//           left shift, a right shift >= 1 and an accumulator that cannot
//           reach 2^30 in magnitude (|bias| + 255 * sum_k |w'[k][o]|),
//           which lets the double-rounding output stage round in fewer
//           steps without overflow (x86_avx512_quant_tile.h)
//   row 6+k tap k = fy * filter_width + fx: w'[k][o] = w + filter_offset,
//           stored as int16 in the low half of the lane, high half zero.
// With the input offset folded into bias', a kernel accumulates raw input
// values: sum_k x * w' + bias' == bias + sum_k (x + input_offset) * w'
// modulo 2^32, the reference's wrapping int32 arithmetic. A padding tap
// must then contribute zero_point * w' (x = zero point, i.e. x + offset =
// 0), which is what TFLite's implicit zero padding means. The int16 low
// half makes a 16-bit multiply-add (vpmaddwd) against a sign- or
// zero-extended 8-bit input lane exact: the high halves multiply to zero.
//
// Float tile (32-bit rows, F32TileWords(taps, lanes) words):
//   row 0   bias[o] (0 when there is no bias)
//   row 1   input lane of output lane j (int32 bits)
//   row 2+k tap k weights.
//
// Input lanes: output channel o reads input channel o / depth_multiplier.
// A kernel loads `lanes` input channels starting at TileInputChannel(t) and
// permutes lane j from input lane row[4][j] (quantized) / row[1][j]
// (float). With depth_multiplier 1 the permutation is the identity.

#pragma once

#include <cstddef>
#include <cstdint>

#include "liteforge/kernels/depthwise_conv/reference.h"

namespace liteforge::kernels {

inline int DepthwiseTiles(const DepthwiseGeometry& g, int lanes) {
  return (g.output_depth + lanes - 1) / lanes;
}
inline int DepthwiseTaps(const DepthwiseGeometry& g) { return g.filter_height * g.filter_width; }

inline constexpr int kQuantTileHeaderRows = 6;
inline constexpr int kQuantTileFlagsRow = 5;
inline constexpr int32_t kQuantTileShortRounding = 1;
inline constexpr int kF32TileHeaderRows = 2;

inline size_t QuantTileWords(int taps, int lanes) {
  return static_cast<size_t>(kQuantTileHeaderRows + taps) * static_cast<size_t>(lanes);
}
inline size_t F32TileWords(int taps, int lanes) {
  return static_cast<size_t>(kF32TileHeaderRows + taps) * static_cast<size_t>(lanes);
}

// The first input channel a tile of output channels reads.
inline int TileInputChannel(const DepthwiseGeometry& g, int tile, int lanes) {
  return tile * lanes / g.depth_multiplier;
}

// Bytes of the packed parameters for `lanes`-wide tiles.
size_t QuantDepthwisePackedBytes(const DepthwiseGeometry& g, int lanes);
size_t F32DepthwisePackedBytes(const DepthwiseGeometry& g, int lanes);

// Pack the filter [1, fh, fw, output_depth], the (nullable) bias and the
// per-channel multipliers / exponents of `p` into `packed`
// (QuantDepthwisePackedBytes bytes, int32-aligned).
void PackQs8Depthwise(const DepthwiseGeometry& g, int lanes, const int8_t* filter,
                      const int32_t* bias, const DepthwiseQuantParams& p, int32_t* packed);
void PackQu8Depthwise(const DepthwiseGeometry& g, int lanes, const uint8_t* filter,
                      const int32_t* bias, const DepthwiseQuantParams& p, int32_t* packed);
void PackF32Depthwise(const DepthwiseGeometry& g, int lanes, const float* filter, const float* bias,
                      float* packed);

// Output columns [begin, end) whose every filter column lies inside the
// image (no horizontal padding tap); empty when there is none.
struct ColumnSpan {
  int begin = 0;
  int end = 0;
};
ColumnSpan InteriorColumns(const DepthwiseGeometry& g);

}  // namespace liteforge::kernels
