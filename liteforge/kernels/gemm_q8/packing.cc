// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable half of the 8-bit conv GEMM: weight packing, the per-channel
// correction terms, and picking a variant.

#include <algorithm>
#include <cstring>

#include "liteforge/kernels/gemm_q8/q8_conv.h"
#include "liteforge/kernels/requantize/shift_split.h"

namespace liteforge::kernels {
namespace {

int RoundUp(int v, int m) { return (v + m - 1) / m * m; }

size_t AlignUp(size_t v) { return (v + 63) / 64 * 64; }

}  // namespace

bool Q8ConvSupported(const ConvGeometry& g, const ConvQuantParams& p) {
  if (g.groups() != 1 || g.patch_size() <= 0 || g.output_depth <= 0) return false;
  return RequantizeParamsSupported(p.multipliers, p.exponents, g.output_depth);
}

size_t Q8ConvPackedBytes(const ConvGeometry& g) {
  const size_t k4 = static_cast<size_t>(RoundUp(g.patch_size(), 4));
  const size_t n16 = static_cast<size_t>(RoundUp(g.output_depth, 16));
  return AlignUp(k4 * n16) + 4 * AlignUp(n16 * sizeof(int32_t));
}

bool Q8ConvReadsInputInPlace(const ConvGeometry& g) {
  return g.filter_height == 1 && g.filter_width == 1 && g.pad_top == 0 && g.pad_left == 0 &&
         g.patch_size() % 4 == 0;
}

size_t Q8ConvScratchBytes(const ConvGeometry& g) {
  if (Q8ConvReadsInputInPlace(g)) return 0;
  // Six patches of K4 bytes, plus slack so a tile never straddles a cache
  // line it shares with another thread's tile.
  return AlignUp(6 * static_cast<size_t>(RoundUp(g.patch_size(), 4))) + 64;
}

Q8ConvPacked PackQ8Conv(const ConvGeometry& g, bool int8, const uint8_t* filter,
                        const int32_t* bias, const ConvQuantParams& p, int32_t input_zero_point,
                        uint8_t* memory) {
  Q8ConvPacked out;
  out.int8 = int8;
  out.k = g.patch_size();
  out.k4 = RoundUp(out.k, 4);
  out.n = g.output_depth;
  out.n16 = RoundUp(out.n, 16);
  const size_t weight_bytes = AlignUp(static_cast<size_t>(out.k4) * out.n16);
  const size_t array_bytes = AlignUp(static_cast<size_t>(out.n16) * sizeof(int32_t));
  uint8_t* weights = memory;
  auto* channel_bias = reinterpret_cast<int32_t*>(memory + weight_bytes);
  auto* multipliers = reinterpret_cast<int32_t*>(memory + weight_bytes + array_bytes);
  auto* left = reinterpret_cast<int32_t*>(memory + weight_bytes + 2 * array_bytes);
  auto* right = reinterpret_cast<int32_t*>(memory + weight_bytes + 3 * array_bytes);
  std::memset(memory, 0, Q8ConvPackedBytes(g));

  // Re-bias by 128 so the weights become the operand type the dot product
  // wants (unsigned for int8 input, signed for uint8 input): the same
  // bit flip either way.
  for (int o = 0; o < out.n; ++o) {
    const int panel = o / kQ8ConvPanelChannels;
    const int in_panel = o % kQ8ConvPanelChannels;
    const int panel_width = std::min(kQ8ConvPanelChannels, out.n16 - panel * kQ8ConvPanelChannels);
    uint8_t* panel_base =
        weights + static_cast<size_t>(panel) * kQ8ConvPanelChannels * out.k4;
    const uint8_t* row = filter + static_cast<size_t>(o) * out.k;
    for (int k = 0; k < out.k; ++k) {
      const size_t at = (static_cast<size_t>(k / 4) * panel_width + in_panel) * 4 + k % 4;
      panel_base[at] = static_cast<uint8_t>(row[k] ^ 0x80);
    }
  }

  // The per-channel correction term, in wrapping int32 arithmetic.
  const uint32_t input_offset = static_cast<uint32_t>(p.input_offset);
  const int32_t d = 128 + p.filter_offset;
  out.pixel_sum_scale = int8 ? -128 : d;
  for (int o = 0; o < out.n; ++o) {
    const uint8_t* row = filter + static_cast<size_t>(o) * out.k;
    uint32_t sum_w = 0;  // sum of the operand the reference multiplies x by, minus d for uint8
    for (int k = 0; k < out.k; ++k) {
      sum_w += int8 ? static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(row[k])))
                    : static_cast<uint32_t>(static_cast<int32_t>(row[k]) - 128);
    }
    uint32_t c = bias != nullptr ? static_cast<uint32_t>(bias[o]) : 0u;
    c += input_offset * sum_w;
    if (!int8) c += static_cast<uint32_t>(out.k) * input_offset * static_cast<uint32_t>(d);
    channel_bias[o] = static_cast<int32_t>(c);
    multipliers[o] = p.multipliers[o];
    left[o] = LeftShiftOf(p.exponents[o]);
    right[o] = RightShiftOf(p.exponents[o]);
  }
  out.weights = weights;
  out.channel_bias = channel_bias;
  out.multipliers = multipliers;
  out.left_shifts = left;
  out.right_shifts = right;
  out.output_offset = p.output_offset;
  out.act_min = p.act_min;
  out.act_max = p.act_max;
  out.rounding = p.rounding;
  out.pad_byte = static_cast<uint8_t>(input_zero_point);
  return out;
}

Q8ConvFn SelectQ8Conv(Isa max_isa) {
  const CpuFeatures& cpu = CpuFeatures::Get();
#define LF_Q8_CONV_VARIANT(isa, fn)                                                   \
  if (static_cast<int>(Isa::isa) <= static_cast<int>(max_isa) && cpu.Supports(Isa::isa)) \
    return fn;
#include "liteforge/kernels/gemm_q8/variants.inc"
#undef LF_Q8_CONV_VARIANT
  return nullptr;
}

}  // namespace liteforge::kernels
