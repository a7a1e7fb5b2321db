// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable half of the 8-bit conv GEMM: weight packing for both layouts,
// the per-channel output-stage constants (and the proof that the wide
// stage is exact), and the variant table. The algebra is in q8_conv.h.

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "liteforge/kernels/gemm_q8/q8_conv.h"
#include "liteforge/kernels/requantize/shift_split.h"
#include "liteforge/kernels/variant_table.h"

namespace liteforge::kernels {
namespace {

int RoundUp(int v, int m) { return (v + m - 1) / m * m; }

size_t AlignUp(size_t v) { return (v + 63) / 64 * 64; }

// Right shifts the wide stage handles: 31 + r stays below 64 with the zero
// point term (|zp| < 2^9 times 2^(31+r)) and the product in range.
constexpr int kWideMinRightShift = 1;
constexpr int kWideMaxRightShift = 22;

// Fills the wide-stage constants of one channel (lane `lane` of its block).
void SetWideLane(Q8ChannelBlock& b, int lane, int64_t channel_bias, int32_t multiplier,
                 int right_shift, int32_t output_offset) {
  // A zero multiplier scales everything to 0 for any shift; r = 1 keeps
  // the shift in range.
  const int r = multiplier == 0 ? 1 : right_shift;
  const int s = 31 + r;
  const int64_t add = channel_bias * multiplier + (int64_t{1} << 30) + (int64_t{1} << (30 + r)) +
                      static_cast<int64_t>(output_offset) * (int64_t{1} << s);
  // v * M < -2^30 exactly when v * M + add < add - 2^30 - channel_bias * M.
  const int64_t negative = (int64_t{1} << (30 + r)) +
                           static_cast<int64_t>(output_offset) * (int64_t{1} << s);
  const int j = lane / 2;
  if (lane % 2 == 0) {
    b.add_even[j] = add;
    b.shift_even[j] = s;
    b.negative_even[j] = negative;
  } else {
    b.add_odd[j] = add;
    b.shift_odd[j] = s - 32;
    b.negative_odd[j] = negative;
  }
}

}  // namespace

bool Q8ConvSupported(const ConvGeometry& g, const ConvQuantParams& p) {
  if (g.groups() != 1 || g.patch_size() <= 0 || g.output_depth <= 0) return false;
  return RequantizeParamsSupported(p.multipliers, p.exponents, g.output_depth);
}

size_t Q8ConvC4PackedBytes(const ConvGeometry& g) {
  const size_t k4 = static_cast<size_t>(RoundUp(g.patch_size(), 4));
  const size_t n16 = static_cast<size_t>(RoundUp(g.output_depth, 16));
  return AlignUp(k4 * n16) + (n16 / 16) * sizeof(Q8ChannelBlock);
}

size_t Q8ConvC4ScratchBytes(const ConvGeometry& g) {
  const int k4 = RoundUp(g.patch_size(), 4);
  const int64_t pixels = int64_t{g.rows()} * g.output_width;
  return Q8ConvScratchLayout(k4, Q8ConvPatches(g), pixels).total;
}

Q8ConvPacked PackQ8ConvC4(const ConvGeometry& g, bool int8, const uint8_t* filter,
                          const int32_t* bias, const ConvQuantParams& p, int32_t input_zero_point,
                          uint8_t* memory) {
  Q8ConvPacked out;
  out.int8 = int8;
  out.k = g.patch_size();
  out.k4 = RoundUp(out.k, 4);
  out.n = g.output_depth;
  out.n16 = RoundUp(out.n, 16);
  const size_t weight_bytes = AlignUp(static_cast<size_t>(out.k4) * out.n16);
  uint8_t* weights = memory;
  auto* blocks = reinterpret_cast<Q8ChannelBlock*>(memory + weight_bytes);
  std::memset(memory, 0, Q8ConvC4PackedBytes(g));

  // W: both types flip the weights' sign bit (int8: w + 128 as unsigned,
  // uint8: w - 128 as signed).
  const uint8_t flip = 0x80;
  for (int c0 = 0; c0 < out.n16;) {
    const int width = 16 * Q8PanelVectors((out.n16 - c0) / 16);
    uint8_t* panel = weights + static_cast<size_t>(c0) * out.k4;
    for (int o = c0; o < std::min(c0 + width, out.n); ++o) {
      const uint8_t* row = filter + static_cast<size_t>(o) * out.k;
      for (int k = 0; k < out.k; ++k) {
        const size_t at = (static_cast<size_t>(k / 4) * width + (o - c0)) * 4 + k % 4;
        panel[at] = static_cast<uint8_t>(row[k] ^ flip);
      }
    }
    c0 += width;
  }

  // The per-channel terms; see q8_conv.h for ao and wo. Weights stored
  // plus 128 (int8) lower their effective offset by 128, stored minus 128
  // (uint8) raise it.
  const int64_t ao = p.input_offset;
  const int64_t wo = int64_t{p.filter_offset} + (int8 ? -128 : 128);
  out.pixel_scale = static_cast<int32_t>(wo);
  // |A| <= 128 (int8, signed) or 255 (uint8, unsigned).
  const int64_t a_bound = int8 ? 128 : 255;
  bool wide = true;
  for (int o = 0; o < out.n; ++o) {
    const uint8_t* row = filter + static_cast<size_t>(o) * out.k;
    int64_t sum_w = 0;    // sum(W)
    int64_t abs_sum = 0;  // sum |W + wo|: |accumulator| <= a_bound * abs_sum
    for (int k = 0; k < out.k; ++k) {
      const int64_t w = int8 ? int64_t{static_cast<uint8_t>(row[k] ^ flip)}
                             : int64_t{static_cast<int8_t>(row[k] ^ flip)};
      sum_w += w;
      abs_sum += std::llabs(w + wo);
    }
    const int64_t channel_bias =
        (bias != nullptr ? bias[o] : 0) + ao * sum_w + static_cast<int64_t>(out.k) * ao * wo;
    Q8ChannelBlock& b = blocks[o / 16];
    const int lane = o % 16;
    b.channel_bias[lane] = static_cast<int32_t>(static_cast<uint32_t>(channel_bias));
    b.multiplier[lane] = p.multipliers[o];
    b.left_shift[lane] = LeftShiftOf(p.exponents[o]);
    b.right_shift[lane] = RightShiftOf(p.exponents[o]);
    // The wide stage needs the accumulator plus channel_bias to be the
    // reference's accumulator without wrap-around, and a shift it handles.
    const int r = RightShiftOf(p.exponents[o]);
    const bool shift_ok = p.multipliers[o] == 0 ||
                          (p.exponents[o] <= 0 && r >= kWideMinRightShift && r <= kWideMaxRightShift);
    const bool no_wrap = a_bound * abs_sum + std::llabs(channel_bias) <= INT32_MAX;
    if (shift_ok && no_wrap) {
      SetWideLane(b, lane, channel_bias, p.multipliers[o], r, p.output_offset);
    } else {
      wide = false;
    }
  }
  out.panels = Q8PanelCount(out.n16);
  out.weights = weights;
  out.blocks = blocks;
  out.wide_stage = wide;
  out.output_offset = p.output_offset;
  out.act_min = p.act_min;
  out.act_max = p.act_max;
  out.rounding = p.rounding;
  // A: the activations' own bytes, in both types.
  out.pad_byte = static_cast<uint8_t>(input_zero_point);
  return out;
}

size_t Q8ConvC2PackedBytes(const ConvGeometry& g) {
  const size_t k4 = static_cast<size_t>(RoundUp(g.patch_size(), 4));
  const size_t n16 = static_cast<size_t>(RoundUp(g.output_depth, 16));
  return AlignUp(k4 * n16 * sizeof(int16_t)) + (n16 / 16) * sizeof(Q8ChannelBlock);
}

size_t Q8ConvC2ScratchBytes(const ConvGeometry& g) {
  // A block of patches as int16, plus one tile (6 rows) copied.
  const size_t k4 = static_cast<size_t>(RoundUp(g.patch_size(), 4));
  const size_t rows = static_cast<size_t>(Q8ConvC2BlockPixels(g)) + 6;
  return AlignUp(rows * k4 * sizeof(int16_t)) + 64;
}

Q8ConvPacked PackQ8ConvC2(const ConvGeometry& g, bool int8, const uint8_t* filter,
                          const int32_t* bias, const ConvQuantParams& p, int32_t input_zero_point,
                          uint8_t* memory) {
  Q8ConvPacked out;
  out.int8 = int8;
  out.k = g.patch_size();
  out.k4 = RoundUp(out.k, 4);
  out.n = g.output_depth;
  out.n16 = RoundUp(out.n, 16);
  out.panels = out.n16 / 16;
  out.uniform_panels = true;
  std::memset(memory, 0, Q8ConvC2PackedBytes(g));
  auto* weights = reinterpret_cast<int16_t*>(memory);
  auto* blocks = reinterpret_cast<Q8ChannelBlock*>(
      memory + AlignUp(static_cast<size_t>(out.k4) * out.n16 * sizeof(int16_t)));
  for (int o = 0; o < out.n; ++o) {
    const uint8_t* row = filter + static_cast<size_t>(o) * out.k;
    int16_t* panel = weights + static_cast<size_t>(o / 16) * 16 * out.k4;
    for (int k = 0; k < out.k; ++k) {
      const int32_t w = int8 ? static_cast<int8_t>(row[k]) : row[k];
      panel[(static_cast<size_t>(k / 2) * 16 + o % 16) * 2 + k % 2] =
          static_cast<int16_t>(w + p.filter_offset);
    }
    Q8ChannelBlock& b = blocks[o / 16];
    const int lane = o % 16;
    b.channel_bias[lane] = bias != nullptr ? bias[o] : 0;
    b.multiplier[lane] = p.multipliers[o];
    b.left_shift[lane] = LeftShiftOf(p.exponents[o]);
    b.right_shift[lane] = RightShiftOf(p.exponents[o]);
  }
  out.weights = memory;
  out.blocks = blocks;
  out.input_offset = p.input_offset;
  out.wide_stage = false;
  out.output_offset = p.output_offset;
  out.act_min = p.act_min;
  out.act_max = p.act_max;
  out.rounding = p.rounding;
  out.pad_byte = static_cast<uint8_t>(input_zero_point);
  return out;
}

namespace {

#define LF_Q8_CONV_VARIANT(isa, run, packed_bytes, pack, scratch_bytes) \
  {#run, Isa::isa, run, packed_bytes, pack, scratch_bytes},
constexpr Q8ConvVariant kVariants[] = {
#include "liteforge/kernels/gemm_q8/variants.inc"
    {"none", Isa::kReference, nullptr, nullptr, nullptr, nullptr},
};
#undef LF_Q8_CONV_VARIANT

}  // namespace

std::span<const Q8ConvVariant> Q8ConvVariants() { return VariantsOf(kVariants); }

const Q8ConvVariant* SelectQ8Conv(Isa max_isa) {
  return SelectVariant(VariantsOf(kVariants), max_isa);
}

}  // namespace liteforge::kernels
