// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Weight packing of the ARM 8-bit conv GEMMs (arm_neondot.cc, arm_neon.cc):
// the "plain c4" layout of q8_conv.h, the filter's own bytes in panels of
// 16 channels, and the general output stage's per-channel constants. No
// intrinsics; compiled into AArch64 builds only, where those kernels are.

#if defined(__aarch64__)

#include <cstring>

#include "liteforge/kernels/gemm_q8/q8_conv.h"
#include "liteforge/kernels/requantize/shift_split.h"

namespace liteforge::kernels {
namespace {

int RoundUp(int v, int m) { return (v + m - 1) / m * m; }

size_t AlignUp(size_t v) { return (v + 63) / 64 * 64; }

// The tallest ARM tile: ForEachPixelTile (pixel_tiles.h) gathers one
// tile's patches into scratch.
constexpr size_t kArmTilePixels = 6;

}  // namespace

size_t Q8ConvPlainC4PackedBytes(const ConvGeometry& g) {
  const size_t k4 = static_cast<size_t>(RoundUp(g.patch_size(), 4));
  const size_t n16 = static_cast<size_t>(RoundUp(g.output_depth, 16));
  return AlignUp(k4 * n16) + (n16 / 16) * sizeof(Q8ChannelBlock);
}

size_t Q8ConvPlainC4ScratchBytes(const ConvGeometry& g) {
  return AlignUp(kArmTilePixels * static_cast<size_t>(RoundUp(g.patch_size(), 4)));
}

Q8ConvPacked PackQ8ConvPlainC4(const ConvGeometry& g, bool int8, const uint8_t* filter,
                               const int32_t* bias, const ConvQuantParams& p,
                               int32_t input_zero_point, uint8_t* memory) {
  Q8ConvPacked out;
  out.int8 = int8;
  out.k = g.patch_size();
  out.k4 = RoundUp(out.k, 4);
  out.n = g.output_depth;
  out.n16 = RoundUp(out.n, 16);
  out.panels = out.n16 / 16;
  out.uniform_panels = true;
  std::memset(memory, 0, Q8ConvPlainC4PackedBytes(g));
  uint8_t* weights = memory;
  auto* blocks =
      reinterpret_cast<Q8ChannelBlock*>(memory + AlignUp(static_cast<size_t>(out.k4) * out.n16));

  // With x and w the bytes as stored (signed for int8) and S = sum(x) over
  // the patch, the reference's accumulator is
  //   sum (x + io)(w + fo) + bias
  //     = dot(x, w) + fo * S + [bias + io * sum(w) + K * io * fo]
  // in wrapping int32 arithmetic; the bracket is channel_bias.
  const int64_t io = p.input_offset;
  const int64_t fo = p.filter_offset;
  for (int o = 0; o < out.n; ++o) {
    const uint8_t* row = filter + static_cast<size_t>(o) * out.k;
    uint8_t* panel = weights + static_cast<size_t>(o / 16) * 16 * out.k4;
    int64_t sum_w = 0;
    for (int k = 0; k < out.k; ++k) {
      panel[(static_cast<size_t>(k / 4) * 16 + o % 16) * 4 + k % 4] = row[k];
      sum_w += int8 ? static_cast<int8_t>(row[k]) : row[k];
    }
    const int64_t channel_bias =
        (bias != nullptr ? bias[o] : 0) + io * sum_w + static_cast<int64_t>(out.k) * io * fo;
    Q8ChannelBlock& b = blocks[o / 16];
    const int lane = o % 16;
    b.channel_bias[lane] = static_cast<int32_t>(static_cast<uint32_t>(channel_bias));
    b.multiplier[lane] = p.multipliers[o];
    b.left_shift[lane] = LeftShiftOf(p.exponents[o]);
    b.right_shift[lane] = RightShiftOf(p.exponents[o]);
  }
  out.weights = weights;
  out.blocks = blocks;
  out.pixel_scale = p.filter_offset;
  out.input_offset = p.input_offset;
  out.wide_stage = false;
  out.output_offset = p.output_offset;
  out.act_min = p.act_min;
  out.act_max = p.act_max;
  out.rounding = p.rounding;
  // Taps outside the image hold the input zero point, as stored.
  out.pad_byte = static_cast<uint8_t>(input_zero_point);
  return out;
}

}  // namespace liteforge::kernels

#endif  // defined(__aarch64__)
