// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The loop structure every SIMD depthwise kernel shares, free of
// intrinsics: rows of the flattened (batch, output_y) range, then the
// channel tiles of layout.h, then the output pixels of the row, with the
// interior columns (no horizontal padding tap) on a path without bounds
// checks and 3x3 / 5x5 filters unrolled at compile time. What one tile does
// per tap and per output pixel comes from a Tile type supplied by the ISA
// file (x86_avx512.cc, x86_avx2.cc):
//
//   Acc  Init()                          accumulator before the first tap
//   void Tap(Acc&, const T* x, int k)    tap k reads the lanes at x
//   void PadTap(Acc&, int k)             tap k falls on padding
//   void Finish(Acc, Out* out)           output stage, stores the lanes
//
// constructed as Tile(packed_tile, input_lanes, output_lanes, params...),
// input/output_lanes counting the channels that exist from the tile's
// first input / output channel (possibly more than the vector width).
//
// Everything here is in an anonymous namespace on purpose: each ISA file
// compiles its own copy with its own instruction-set flags, and no
// instantiation may be shared (merged by the linker) between them.

#pragma once

#include <cstddef>
#include <cstdint>

#include "liteforge/kernels/conv/requantize.h"
#include "liteforge/kernels/depthwise_conv/layout.h"
#include "liteforge/kernels/depthwise_conv/reference.h"

namespace liteforge::kernels {
namespace {

// One tile of one output row. `image` points at the tile's first input
// channel of the batch's image; y0 is the input row of filter row 0;
// `rows_inside` says every filter row lies inside the image. Flattened:
// the tile's methods (and the output stage they call) must be inlined into
// the pixel loops for the tile's registers to stay live across pixels.
template <int kFH, int kFW, typename T, typename Out, typename Tile>
[[gnu::flatten]] void SweepTileRow(const DepthwiseGeometry& g, ColumnSpan interior, const T* image,
                                   int y0, bool rows_inside, const Tile& tile, Out* out) {
  const int fh = kFH > 0 ? kFH : g.filter_height;
  const int fw = kFW > 0 ? kFW : g.filter_width;
  const ptrdiff_t depth = g.input_depth;
  const ptrdiff_t out_depth = g.output_depth;
  const ptrdiff_t row_stride = static_cast<ptrdiff_t>(g.input_width) * depth;
  const ptrdiff_t tap_step = static_cast<ptrdiff_t>(g.dilation_width) * depth;

  const auto border_pixel = [&](int ox) {
    auto acc = tile.Init();
    const int x0 = ox * g.stride_width - g.pad_left;
    for (int fy = 0; fy < fh; ++fy) {
      const int iy = y0 + fy * g.dilation_height;
      if (iy < 0 || iy >= g.input_height) {
        for (int fx = 0; fx < fw; ++fx) tile.PadTap(acc, fy * fw + fx);
        continue;
      }
      const T* row = image + iy * row_stride;
      for (int fx = 0; fx < fw; ++fx) {
        const int ix = x0 + fx * g.dilation_width;
        if (ix >= 0 && ix < g.input_width) {
          tile.Tap(acc, row + ix * depth, fy * fw + fx);
        } else {
          tile.PadTap(acc, fy * fw + fx);
        }
      }
    }
    tile.Finish(acc, out + ox * out_depth);
  };

  if (!rows_inside) {
    for (int ox = 0; ox < g.output_width; ++ox) border_pixel(ox);
    return;
  }
  for (int ox = 0; ox < interior.begin; ++ox) border_pixel(ox);
  const T* top = image + y0 * row_stride;
  const ptrdiff_t row_step = static_cast<ptrdiff_t>(g.dilation_height) * row_stride;
  for (int ox = interior.begin; ox < interior.end; ++ox) {
    auto acc = tile.Init();
    const T* p = top + static_cast<ptrdiff_t>(ox * g.stride_width - g.pad_left) * depth;
    for (int fy = 0; fy < fh; ++fy, p += row_step) {
      for (int fx = 0; fx < fw; ++fx) tile.Tap(acc, p + fx * tap_step, fy * fw + fx);
    }
    tile.Finish(acc, out + ox * out_depth);
  }
  for (int ox = interior.end; ox < g.output_width; ++ox) border_pixel(ox);
}

// Rows [row_begin, row_end), each cut into `kLanes`-channel tiles:
// run_tile(tile_index, input_lanes, output_lanes, sweep) builds the tile
// and calls sweep(tile) to walk the row with it.
template <int kLanes, int kFH, int kFW, typename T, typename Out, typename RunTile>
void ForEachRowTile(const DepthwiseGeometry& g, const T* input, int row_begin, int row_end,
                    Out* output, const RunTile& run_tile) {
  const ptrdiff_t image_size =
      static_cast<ptrdiff_t>(g.input_height) * g.input_width * g.input_depth;
  const ColumnSpan interior = InteriorColumns(g);
  const int tiles = DepthwiseTiles(g, kLanes);
  const int fh = kFH > 0 ? kFH : g.filter_height;
  const int y_span = (fh - 1) * g.dilation_height;
  for (int row = row_begin; row < row_end; ++row) {
    const int b = row / g.output_height;
    const int oy = row % g.output_height;
    const T* image = input + b * image_size;
    const int y0 = oy * g.stride_height - g.pad_top;
    const bool rows_inside = y0 >= 0 && y0 + y_span < g.input_height;
    Out* out_row = output + static_cast<ptrdiff_t>(row) * g.output_width * g.output_depth;
    for (int t = 0; t < tiles; ++t) {
      const int first_out = t * kLanes;
      const int first_in = TileInputChannel(g, t, kLanes);
      const auto sweep = [&](const auto& tile) {
        SweepTileRow<kFH, kFW>(g, interior, image + first_in, y0, rows_inside, tile,
                               out_row + first_out);
      };
      run_tile(t, g.input_depth - first_in, g.output_depth - first_out, sweep);
    }
  }
}

// Tiles with a plain load (kPermute false) need depth multiplier 1 and a
// full tile; the rest load what exists and permute.
template <int kLanes, template <typename, ConvRounding, bool, int> class Tile, typename T,
          ConvRounding kRounding, int kFH, int kFW>
void SweepQuantRows(const DepthwiseGeometry& g, const T* input, const int32_t* packed,
                    const DepthwiseQuantParams& p, int row_begin, int row_end, T* output) {
  constexpr int kTaps = kFH * kFW;
  const size_t tile_words = QuantTileWords(DepthwiseTaps(g), kLanes);
  const bool multiplier_one = g.depth_multiplier == 1;
  ForEachRowTile<kLanes, kFH, kFW>(
      g, input, row_begin, row_end, output,
      [&](int t, int in_lanes, int out_lanes, const auto& sweep) {
        const int32_t* tile = packed + tile_words * static_cast<size_t>(t);
        if (multiplier_one && out_lanes >= kLanes) {
          sweep(Tile<T, kRounding, false, kTaps>(tile, in_lanes, out_lanes, p));
        } else {
          sweep(Tile<T, kRounding, true, kTaps>(tile, in_lanes, out_lanes, p));
        }
      });
}

template <int kLanes, template <typename, ConvRounding, bool, int> class Tile, typename T,
          ConvRounding kRounding>
void SweepQuantBySize(const DepthwiseGeometry& g, const T* input, const int32_t* packed,
                      const DepthwiseQuantParams& p, int row_begin, int row_end, T* output) {
  if (g.filter_height == 3 && g.filter_width == 3) {
    SweepQuantRows<kLanes, Tile, T, kRounding, 3, 3>(g, input, packed, p, row_begin, row_end,
                                                     output);
  } else if (g.filter_height == 5 && g.filter_width == 5) {
    SweepQuantRows<kLanes, Tile, T, kRounding, 5, 5>(g, input, packed, p, row_begin, row_end,
                                                     output);
  } else {
    SweepQuantRows<kLanes, Tile, T, kRounding, 0, 0>(g, input, packed, p, row_begin, row_end,
                                                     output);
  }
}

template <int kLanes, template <typename, ConvRounding, bool, int> class Tile, typename T>
void SweepQuant(const DepthwiseGeometry& g, const T* input, const int32_t* packed,
                const DepthwiseQuantParams& p, int row_begin, int row_end, T* output) {
  if (row_begin >= row_end || g.output_width <= 0 || g.output_depth <= 0) return;
  if (p.rounding == ConvRounding::kDoubleRoundingTiesUp) {
    SweepQuantBySize<kLanes, Tile, T, ConvRounding::kDoubleRoundingTiesUp>(g, input, packed, p, row_begin,
                                                                     row_end, output);
  } else {
    SweepQuantBySize<kLanes, Tile, T, ConvRounding::kDoubleRounding>(g, input, packed, p, row_begin,
                                                                     row_end, output);
  }
}

template <int kLanes, template <bool, int> class Tile, int kFH, int kFW>
void SweepF32Rows(const DepthwiseGeometry& g, const float* input, const float* packed,
                  float act_min, float act_max, int row_begin, int row_end, float* output) {
  constexpr int kTaps = kFH * kFW;
  const size_t tile_words = F32TileWords(DepthwiseTaps(g), kLanes);
  const bool multiplier_one = g.depth_multiplier == 1;
  ForEachRowTile<kLanes, kFH, kFW>(
      g, input, row_begin, row_end, output,
      [&](int t, int in_lanes, int out_lanes, const auto& sweep) {
        const float* tile = packed + tile_words * static_cast<size_t>(t);
        if (multiplier_one && out_lanes >= kLanes) {
          sweep(Tile<false, kTaps>(tile, in_lanes, out_lanes, act_min, act_max));
        } else {
          sweep(Tile<true, kTaps>(tile, in_lanes, out_lanes, act_min, act_max));
        }
      });
}

template <int kLanes, template <bool, int> class Tile>
void SweepF32(const DepthwiseGeometry& g, const float* input, const float* packed, float act_min,
              float act_max, int row_begin, int row_end, float* output) {
  if (row_begin >= row_end || g.output_width <= 0 || g.output_depth <= 0) return;
  if (g.filter_height == 3 && g.filter_width == 3) {
    SweepF32Rows<kLanes, Tile, 3, 3>(g, input, packed, act_min, act_max, row_begin, row_end,
                                     output);
  } else if (g.filter_height == 5 && g.filter_width == 5) {
    SweepF32Rows<kLanes, Tile, 5, 5>(g, input, packed, act_min, act_max, row_begin, row_end,
                                     output);
  } else {
    SweepF32Rows<kLanes, Tile, 0, 0>(g, input, packed, act_min, act_max, row_begin, row_end,
                                     output);
  }
}

}  // namespace
}  // namespace liteforge::kernels
