// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The outer loop the ARM 8-bit conv GEMMs share, free of intrinsics: output
// pixels in tiles of kTilePixels, each pixel's patch either read in place
// (1x1 unpadded conv whose depth is a multiple of 4: a pixel's channels are
// contiguous in NHWC) or gathered into scratch with padding taps holding
// the input zero point and the K..K4 tail zeroed (q8_conv.h, plain c4).
// The ISA file supplies what happens to a tile:
//
//   run(rows, pixels, out)   rows[i]: pixel i's K4 patch bytes (rows past
//                            `pixels` repeat row 0 so they can be read);
//                            out[i]: pixel i's first output byte
//
// Everything here is in an anonymous namespace on purpose: each ISA file
// compiles its own copy with its own instruction-set flags.

#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "liteforge/kernels/gemm_q8/q8_conv.h"

namespace liteforge::kernels {
namespace {

template <int kTilePixels, typename Run>
void ForEachPixelTile(const ConvGeometry& g, const Q8ConvPacked& p, const uint8_t* input,
                      int pixel_begin, int pixel_end, uint8_t* scratch, uint8_t* output,
                      const Run& run) {
  // Q8ConvPlainC4ScratchBytes holds six patches.
  static_assert(kTilePixels <= 6, "the tile's patches must fit Q8ConvPlainC4ScratchBytes");
  const int out_hw = g.output_height * g.output_width;
  const bool direct = g.filter_height == 1 && g.filter_width == 1 && g.pad_top == 0 &&
                      g.pad_left == 0 && p.k == p.k4;
  const size_t cin = static_cast<size_t>(g.input_depth);
  for (int m0 = pixel_begin; m0 < pixel_end; m0 += kTilePixels) {
    const int pixels = pixel_end - m0 < kTilePixels ? pixel_end - m0 : kTilePixels;
    const uint8_t* rows[kTilePixels];
    uint8_t* out[kTilePixels];
    for (int i = 0; i < kTilePixels; ++i) {
      if (i >= pixels) {
        rows[i] = rows[0];
        out[i] = out[0];
        continue;
      }
      const int m = m0 + i;
      const int b = m / out_hw;
      const int oy = (m % out_hw) / g.output_width;
      const int ox = m % g.output_width;
      out[i] = output + static_cast<size_t>(m) * p.n;
      if (direct) {
        const size_t iy = static_cast<size_t>(oy) * g.stride_height;
        const size_t ix = static_cast<size_t>(ox) * g.stride_width;
        rows[i] =
            input + ((static_cast<size_t>(b) * g.input_height + iy) * g.input_width + ix) * cin;
        continue;
      }
      uint8_t* dst = scratch + static_cast<size_t>(i) * p.k4;
      rows[i] = dst;
      for (int fy = 0; fy < g.filter_height; ++fy) {
        const int iy = oy * g.stride_height - g.pad_top + fy * g.dilation_height;
        for (int fx = 0; fx < g.filter_width; ++fx) {
          const int ix = ox * g.stride_width - g.pad_left + fx * g.dilation_width;
          if (iy >= 0 && iy < g.input_height && ix >= 0 && ix < g.input_width) {
            std::memcpy(
                dst,
                input + ((static_cast<size_t>(b) * g.input_height + iy) * g.input_width + ix) * cin,
                cin);
          } else {
            std::memset(dst, p.pad_byte, cin);
          }
          dst += cin;
        }
      }
      // Patch padding meets zero weights; zeroed so no byte is undefined.
      std::memset(dst, 0, static_cast<size_t>(p.k4 - p.k));
    }
    run(rows, pixels, out);
  }
}

}  // namespace
}  // namespace liteforge::kernels
