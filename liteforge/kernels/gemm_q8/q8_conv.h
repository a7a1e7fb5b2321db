// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// 8-bit convolution as a GEMM over output pixels: the fast path of CONV_2D
// (and FULLY_CONNECTED, a 1x1 conv over batch rows) for int8 (per-tensor or
// per-channel filters) and uint8 (asymmetric filters), bit-exact with
// qs8_conv2d__reference / qu8_conv2d__reference.
//
// Operands. The int8 dot-product instruction (VNNI's vpdpbusd) multiplies
// an unsigned byte by a signed byte. The activation bytes A are read as
// they are, straight from memory, and the packed weight bytes W are the
// other operand:
//   int8:  A = x signed (broadcast from memory),  W = w + 128 (w ^ 0x80) unsigned
//   uint8: A = x unsigned (broadcast first),      W = w - 128 (w ^ 0x80) signed
// so neither type ever copies or rewrites activation bytes: 1x1 stride-1
// convs over rows of a multiple of 4 bytes read the input in place.
// With the effective operands (A + ao) and (W + wo) the reference's sum is
//   sum (A + ao)(W + wo) + bias
//     = [dot(A, W) + wo * S] + [bias + ao * sum(W) + K * ao * wo]
// where S = sum(A) over the patch; ao = input_offset, wo = filter_offset
// - 128 (int8) or filter_offset + 128 (uint8). (int8 conv filters are
// symmetric; int8 fully connected weights may carry a zero point.)
// The first bracket is the accumulator (it starts at wo * S, computed per
// pixel); the second, "channel_bias", is per channel. Padding taps hold the
// input zero point (in both types A's byte is x itself), like the
// reference's implicit padding; bytes added to round K up to a multiple
// of 4 are 0 in A (and W) and contribute nothing.
//
// Output stage. Two ways, both equal to ConvScale for their channels:
//  * wide (used when every channel allows it, see PackQ8ConvC4): the
//    accumulator plus channel_bias is multiplied by the multiplier in 64
//    bits and one arithmetic shift by 31 + r (r = -exponent in [1, 22])
//    does both of the reference's roundings and adds the output zero point:
//      floor((v * M + 2^30 + 2^(30+r) + zp * 2^(31+r)) / 2^(31+r))
//    For the ties-away rule (kDoubleRounding) 2^31 is subtracted first
//    where v * M < -2^30 (the high multiply's result is negative). This
//    needs v = accumulator + channel_bias to be the reference's int32
//    accumulator without wrap-around, which a bound on the weights proves.
//  * general: channel_bias is added in wrapping int32 arithmetic and the
//    vector ConvScale of requantize/x86_avx512_requantize.h runs.
//
// Packed weight layout: the channels (rounded up to a multiple of 16) are
// cut into panels of 1 to 4 vectors of 16 channels (Q8PanelVectors); panel
// j starting at channel c holds [k / 4][channel in panel][k % 4] at byte
// offset c * k4. Channels past n have zero weights.

#pragma once

#include <algorithm>
#include <cstdlib>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/conv/reference.h"
#include "liteforge/kernels/conv/requantize.h"

namespace liteforge::kernels {

// The output-stage constants of 16 consecutive output channels, laid out
// for 512-bit loads. Lanes past the channel count are zero.
struct alignas(64) Q8ChannelBlock {
  int32_t channel_bias[16];    // the per-channel term (wrapped to int32)
  int32_t multiplier[16];      // Q31 multipliers, >= 0
  int32_t left_shift[16];      // general stage: the exponent split in two
  int32_t right_shift[16];
  // Wide stage, even channels (2j) in lane j of *_even, odd ones in *_odd.
  int64_t add_even[8];       // channel_bias * M + 2^30 + 2^(30+r) + zp * 2^(31+r)
  int64_t add_odd[8];
  int64_t shift_even[8];     // 31 + r
  int64_t shift_odd[8];      // r - 1: the result lands in the lane's high half
  int64_t negative_even[8];  // ties away: below this the high multiply is negative
  int64_t negative_odd[8];
};

struct Q8ConvPacked {
  bool int8 = true;  // int8 input/output (else uint8)
  int k = 0;         // patch size: filter_height * filter_width * input_depth
  int k4 = 0;        // k rounded up to a multiple of 4
  int n = 0;         // output channels
  int n16 = 0;       // n rounded up to a multiple of 16
  int panels = 0;    // weight panels (the unit a task's channel share is counted in)
  bool uniform_panels = false;  // every panel one vector (c2, plain c4); else Q8PanelVectors (c4)
  const uint8_t* weights = nullptr;        // the variant's panel layout
  const Q8ChannelBlock* blocks = nullptr;  // n16 / 16
  int32_t pixel_scale = 0;   // c4: wo, the accumulator starts at wo * S (plain c4: fo)
  int32_t input_offset = 0;  // c2: added to every activation
  bool wide_stage = false;  // every channel takes the wide output stage
  int32_t output_offset = 0;
  int32_t act_min = 0;
  int32_t act_max = 0;
  ConvRounding rounding = ConvRounding::kDoubleRounding;
  uint8_t pad_byte = 0;  // the input zero point as an A byte: fills taps outside the image
};

// Vectors of 16 channels in the panel that starts with `remaining` vectors
// still to pack: 4 where possible, and the last 5 to 7 split 3+2, 3+3, 4+3
// (a 3- or 2-vector panel runs a taller tile than a 1-vector one).
inline int Q8PanelVectors(int remaining) {
  switch (remaining) {
    case 1: return 1;
    case 2: return 2;
    case 3: return 3;
    case 5: return 3;
    case 6: return 3;
    default: return 4;
  }
}

// How a conv's patches (the rows of A) are formed.
enum class Q8Patches : uint8_t {
  kInPlace,  // the input's own rows: 1x1, stride 1, unpadded, depth % 4 == 0
  kGathered, // gathered pixel by pixel into rows of k4 bytes
};

inline Q8Patches Q8ConvPatches(const ConvGeometry& g) {
  const bool rows = g.filter_height == 1 && g.filter_width == 1 && g.stride_height == 1 &&
                    g.stride_width == 1 && g.pad_top == 0 && g.pad_left == 0 &&
                    g.input_height == g.output_height && g.input_width == g.output_width &&
                    g.input_depth % 4 == 0;
  return rows ? Q8Patches::kInPlace : Q8Patches::kGathered;
}

// Where one call's scratch goes (offsets from the 64-byte aligned base):
// the patches of a block, gathered. A conv whose patches are the input's
// own rows needs none. The int32 patch sums of a block (at most
// kQ8MaxBlockPixels) live on the kernel's stack, and a partial last tile
// reads rows of the block (the kernels never copy a tile), so nothing
// else is staged.
struct Q8ScratchLayout {
  int block_pixels = 0;  // pixels per block (a multiple of 24, the tallest tile, unless the conv has fewer)
  size_t patches = 0;
  size_t total = 0;
};

inline constexpr int kQ8MaxTilePixels = 24;
inline constexpr int kQ8MaxBlockPixels = 384;

// `pixels` is the conv's whole output (batch x height x width). A block
// never holds more rows than that: small layers, the bulk of
// microcontroller models, get scratch in proportion to their size.
inline Q8ScratchLayout Q8ConvScratchLayout(int k4, Q8Patches patches, int64_t pixels) {
  auto align = [](size_t v) { return (v + 63) / 64 * 64; };
  Q8ScratchLayout l;
  // Gathered blocks are kept small: the scratch is part of the arena and,
  // on the layer where activations peak, adds to it directly. 16 KiB of
  // patches still give every panel dozens of rows per pass over its
  // weights.
  if (patches == Q8Patches::kInPlace) {
    l.block_pixels = kQ8MaxBlockPixels;
  } else {
    const int fit = (16 * 1024 / k4) / kQ8MaxTilePixels * kQ8MaxTilePixels;
    l.block_pixels = std::clamp(fit, kQ8MaxTilePixels, kQ8MaxBlockPixels);
  }
  if (pixels < l.block_pixels) l.block_pixels = static_cast<int>(std::max<int64_t>(pixels, 1));
  l.patches = 0;
  // 64 bytes of slack: gathering may write a whole vector past the last row.
  l.total = patches == Q8Patches::kInPlace
                ? 0
                : align(static_cast<size_t>(l.block_pixels) * static_cast<size_t>(k4)) + 64;
  return l;
}

// True when the GEMM path computes this conv exactly like the reference:
// ungrouped, and per-channel shifts within the vector output stage's range.
bool Q8ConvSupported(const ConvGeometry& g, const ConvQuantParams& p);

// The byte-group ("c4") layout above, for vpdpbusd. Bytes PackQ8ConvC4
// needs (64-byte aligned), the packing itself (into `memory`, which must
// live as long as the result is used), and the scratch one call needs:
// the layout of the conv's patch kind (Q8ConvPatches).
size_t Q8ConvC4PackedBytes(const ConvGeometry& g);
Q8ConvPacked PackQ8ConvC4(const ConvGeometry& g, bool int8, const uint8_t* filter,
                          const int32_t* bias, const ConvQuantParams& p, int32_t input_zero_point,
                          uint8_t* memory);
size_t Q8ConvC4ScratchBytes(const ConvGeometry& g);

// The int16-pair ("c2") layout, for vpmaddwd (AVX2): both operands carry
// their offsets already, A = x + input_offset and W = w + filter_offset
// as int16, so the dot product is the reference's accumulator and
// channel_bias is the bias alone. Panels of 16 channels hold
// [k / 2][channel][k % 2] int16 values, k rounded up to k4 with zeros.
// Only the general output stage.
size_t Q8ConvC2PackedBytes(const ConvGeometry& g);
Q8ConvPacked PackQ8ConvC2(const ConvGeometry& g, bool int8, const uint8_t* filter,
                          const int32_t* bias, const ConvQuantParams& p, int32_t input_zero_point,
                          uint8_t* memory);
size_t Q8ConvC2ScratchBytes(const ConvGeometry& g);
// Pixels per block of the c2 kernel: 96, or the conv's whole output when
// it has fewer.
inline int Q8ConvC2BlockPixels(const ConvGeometry& g) {
  const int64_t pixels = int64_t{g.rows()} * g.output_width;
  return static_cast<int>(std::clamp<int64_t>(pixels, 1, 96));
}

#if defined(__aarch64__)
// The "plain c4" layout, for ARM's SDOT / UDOT (both operands of one
// signedness) and the plain NEON widening multiplies: the filter's own
// bytes, no offsets or flips, in panels of 16 channels holding
// [k / 4][channel][k % 4], k rounded up to k4 with zeros. The kernels add
// pixel_scale (the filter offset) times the patch's byte sum per pixel
// (only when it is nonzero: uint8 filters, int8 fully connected weights
// with a zero point) and channel_bias = bias + input_offset * sum(w) +
// K * input_offset * filter_offset. Only the general output stage; the
// scratch holds one tile's gathered patches.
size_t Q8ConvPlainC4PackedBytes(const ConvGeometry& g);
Q8ConvPacked PackQ8ConvPlainC4(const ConvGeometry& g, bool int8, const uint8_t* filter,
                               const int32_t* bias, const ConvQuantParams& p,
                               int32_t input_zero_point, uint8_t* memory);
size_t Q8ConvPlainC4ScratchBytes(const ConvGeometry& g);
#endif

// Panels of the c4 layout for n16 channels (rounded up to 16).
inline int Q8PanelCount(int n16) {
  int panels = 0;
  for (int c = 0; c < n16; c += 16 * Q8PanelVectors((n16 - c) / 16)) ++panels;
  return panels;
}

// One call's share: output pixels [pixel_begin, pixel_end) of the
// flattened (batch, y, x) range, channel panels [panel_begin, panel_end).
// Results do not depend on how the work is split.
struct Q8ConvWork {
  int pixel_begin = 0;
  int pixel_end = 0;
  int panel_begin = 0;
  int panel_end = 0;
};

// Splits a conv of `pixels` output pixels into at most `max_tasks` pieces
// of at least `min_macs` multiply-accumulates each: by pixels while every
// piece keeps two 6-row tiles' worth of rows, otherwise (fully connected
// layers with a batch row or a few) by channel panels, with boundaries
// that share the panels' vectors as evenly as they allow. Fills
// tasks[0, count) and returns count.
inline int Q8ConvSplit(const Q8ConvPacked& p, int pixels, int max_tasks, int64_t min_macs,
                       Q8ConvWork* tasks) {
  const int panels = p.panels;
  const int64_t macs = int64_t{pixels} * p.k4 * p.n16;
  int count = static_cast<int>(std::clamp<int64_t>(macs / std::max<int64_t>(1, min_macs), 1,
                                                   std::max(1, max_tasks)));
  if (count == 1 || pixels >= 12 * count) {
    for (int t = 0; t < count; ++t) {
      tasks[t] = {static_cast<int>(int64_t{t} * pixels / count),
                  static_cast<int>(int64_t{t + 1} * pixels / count), 0, panels};
    }
    return count;
  }
  count = std::min(count, panels);
  // prefix[j]: vectors in panels [0, j). Task t ends at the boundary whose
  // prefix is nearest to t + 1 shares of the total, one panel at least.
  std::vector<int> prefix(static_cast<size_t>(panels) + 1, 0);
  for (int j = 0; j < panels; ++j) {
    const int remaining = p.n16 / 16 - prefix[static_cast<size_t>(j)];
    prefix[static_cast<size_t>(j) + 1] =
        prefix[static_cast<size_t>(j)] + (p.uniform_panels ? 1 : Q8PanelVectors(remaining));
  }
  const int64_t total = prefix.back();
  int begin = 0;
  for (int t = 0; t < count; ++t) {
    int end = panels;
    if (t < count - 1) {
      end = begin + 1;
      const int last = panels - (count - 1 - t);  // leave a panel for each later task
      const auto miss = [&](int e) {
        return std::llabs(int64_t{prefix[static_cast<size_t>(e)]} * count - (t + 1) * total);
      };
      for (int e = end + 1; e <= last; ++e) {
        if (miss(e) < miss(end)) end = e;
      }
    }
    tasks[t] = {0, pixels, begin, end};
    begin = end;
  }
  return count;
}

using Q8ConvFn = void (*)(const ConvGeometry& g, const Q8ConvPacked& packed,
                          const uint8_t* input, const Q8ConvWork& work, uint8_t* scratch,
                          uint8_t* output);
using Q8ConvPackFn = Q8ConvPacked (*)(const ConvGeometry& g, bool int8, const uint8_t* filter,
                                      const int32_t* bias, const ConvQuantParams& p,
                                      int32_t input_zero_point, uint8_t* memory);
using Q8ConvBytesFn = size_t (*)(const ConvGeometry& g);

// A variant: its kernel and the packing and scratch sizes it needs.
struct Q8ConvVariant {
  const char* name;
  Isa isa;
  Q8ConvFn run;
  Q8ConvBytesFn packed_bytes;
  Q8ConvPackFn pack;
  Q8ConvBytesFn scratch_bytes;
};

// Every variant compiled into this build, best first (variants.inc).
std::span<const Q8ConvVariant> Q8ConvVariants();

// The best variant at or below `max_isa` on this CPU; null when none (the
// caller keeps the reference kernel).
const Q8ConvVariant* SelectQ8Conv(Isa max_isa);

// The kernels, declared from variants.inc. Call one only where the CPU
// supports its ISA, with weights its packing produced.
#define LF_Q8_CONV_VARIANT(isa, run, packed_bytes, pack, scratch_bytes)                        \
  void run(const ConvGeometry& g, const Q8ConvPacked& packed, const uint8_t* input,          \
           const Q8ConvWork& work, uint8_t* scratch, uint8_t* output);
#include "liteforge/kernels/gemm_q8/variants.inc"
#undef LF_Q8_CONV_VARIANT

}  // namespace liteforge::kernels
