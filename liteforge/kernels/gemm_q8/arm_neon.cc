// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The 8-bit conv GEMM for ARMv8-A cores without the dot products (Cortex-A53
// and A72: Raspberry Pi 3 and 4): tiles of 4 output pixels x 8 channels,
// bit-exact with the reference. The weights (PackQ8ConvPlainC4: the
// filter's own bytes) and the algebra are arm_neondot.cc's; the dot
// products are built from widening multiplies instead:
//   SMULL / UMULL   8 byte products of one patch group (4 bytes, repeated
//                   twice) and two channels' 4 weights, as 16-bit lanes:
//                   exact, |int8 x int8| <= 2^14 and uint8 x uint8 < 2^16;
//   SADALP / UADALP adds neighbouring pairs into 32-bit lanes (wrapping
//                   like the reference's int32 sums), so each accumulator
//                   holds two partial sums per channel for two channels;
//   ADDP            folds the pairs into one lane per channel at the end.

#include <arm_neon.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "liteforge/kernels/gemm_q8/pixel_tiles.h"
#include "liteforge/kernels/gemm_q8/q8_conv.h"
#include "liteforge/kernels/requantize/arm_neon_requantize.h"

namespace liteforge::kernels {
namespace {

constexpr int kTilePixels = 4;
constexpr int kBlockChannels = 8;   // two 16-byte weight vectors per group
constexpr int kPanelChannels = 16;  // PackQ8ConvPlainC4's panels
static_assert(kPanelChannels % kBlockChannels == 0, "blocks must tile a panel");

// The byte sum of a patch, signed bytes for int8 (wrapping, as the int32
// reference sums).
template <bool kInt8>
inline uint32_t SumBytes(const uint8_t* p, int n) {
  int i = 0;
  uint32_t sum = 0;
  if constexpr (kInt8) {
    int32x4_t acc = vdupq_n_s32(0);
    for (; i + 16 <= n; i += 16) {
      acc = vpadalq_s16(acc, vpaddlq_s8(vreinterpretq_s8_u8(vld1q_u8(p + i))));
    }
    sum = static_cast<uint32_t>(vaddvq_s32(acc));
    for (; i < n; ++i)
      sum += static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(p[i])));
  } else {
    uint32x4_t acc = vdupq_n_u32(0);
    for (; i + 16 <= n; i += 16) acc = vpadalq_u16(acc, vpaddlq_u8(vld1q_u8(p + i)));
    sum = vaddvq_u32(acc);
    for (; i < n; ++i) sum += p[i];
  }
  return sum;
}

// acc += pairwise sums of x * w (16 byte products, 8 pairs into 4 lanes
// for each half).
template <bool kInt8>
inline void MultiplyAccumulate(int32x4_t& acc_low, int32x4_t& acc_high, uint8x16_t x,
                               uint8x16_t w) {
  if constexpr (kInt8) {
    const int8x16_t xs = vreinterpretq_s8_u8(x);
    const int8x16_t ws = vreinterpretq_s8_u8(w);
    acc_low = vpadalq_s16(acc_low, vmull_s8(vget_low_s8(xs), vget_low_s8(ws)));
    acc_high = vpadalq_s16(acc_high, vmull_high_s8(xs, ws));
  } else {
    acc_low = vreinterpretq_s32_u32(
        vpadalq_u16(vreinterpretq_u32_s32(acc_low), vmull_u8(vget_low_u8(x), vget_low_u8(w))));
    acc_high =
        vreinterpretq_s32_u32(vpadalq_u16(vreinterpretq_u32_s32(acc_high), vmull_high_u8(x, w)));
  }
}

// One tile against one 8-channel block starting at channel c; `w` points
// at the block's bytes of group 0, groups `stride` bytes apart.
template <bool kInt8, ConvRounding kRounding>
void Block(const Q8ConvPacked& p, const uint8_t* const* rows, const uint32_t* corrections,
           int pixels, const uint8_t* w, size_t stride, int c, uint8_t* const* out) {
  // acc[i][2v + h]: channels 4v + 2h and 4v + 2h + 1, two lanes each.
  int32x4_t acc[kTilePixels][4];
  for (int i = 0; i < kTilePixels; ++i) {
    for (int j = 0; j < 4; ++j) acc[i][j] = vdupq_n_s32(0);
  }
  const int groups = p.k4 / 4;
  for (int kg = 0; kg < groups; ++kg) {
    uint8x16_t x[kTilePixels];
#pragma GCC unroll 4
    for (int i = 0; i < kTilePixels; ++i) {
      uint32_t group;
      std::memcpy(&group, rows[i] + 4 * kg, sizeof(group));
      x[i] = vreinterpretq_u8_u32(vdupq_n_u32(group));
    }
    const uint8_t* wk = w + static_cast<size_t>(kg) * stride;
    const uint8x16_t w0 = vld1q_u8(wk);
    const uint8x16_t w1 = vld1q_u8(wk + 16);
#pragma GCC unroll 4
    for (int i = 0; i < kTilePixels; ++i) {
      MultiplyAccumulate<kInt8>(acc[i][0], acc[i][1], x[i], w0);
      MultiplyAccumulate<kInt8>(acc[i][2], acc[i][3], x[i], w1);
    }
  }

  const int32x4_t offset = vdupq_n_s32(p.output_offset);
  const int32x4_t lo = vdupq_n_s32(p.act_min);
  const int32x4_t hi = vdupq_n_s32(p.act_max);
  const Q8ChannelBlock& block = p.blocks[c / kPanelChannels];
  int32x4_t bias[2], mult[2], left[2], negated_right[2];
  for (int v = 0; v < 2; ++v) {
    const int at = c % kPanelChannels + 4 * v;
    bias[v] = vld1q_s32(block.channel_bias + at);
    mult[v] = vld1q_s32(block.multiplier + at);
    left[v] = vld1q_s32(block.left_shift + at);
    negated_right[v] = vnegq_s32(vld1q_s32(block.right_shift + at));
  }
  const int valid = p.n - c < kBlockChannels ? p.n - c : kBlockChannels;
  // Unrolled with a constant trip count, so acc stays in registers (a
  // variable index would give it a copy on the stack).
#pragma GCC unroll 4
  for (int i = 0; i < kTilePixels; ++i) {
    if (i >= pixels) break;
    const int32x4_t extra = vdupq_n_s32(static_cast<int32_t>(corrections[i]));
    int32x4_t r[2];
    for (int v = 0; v < 2; ++v) {
      const int32x4_t dot = vpaddq_s32(acc[i][2 * v], acc[i][2 * v + 1]);
      const int32x4_t a = vaddq_s32(vaddq_s32(dot, bias[v]), extra);
      r[v] = neon::Requantize<kRounding>(a, mult[v], left[v], negated_right[v], offset, lo, hi);
    }
    const uint8x8_t bytes = neon::NarrowToBytes(r[0], r[1]);
    if (valid == kBlockChannels) {
      vst1_u8(out[i] + c, bytes);
    } else {
      uint8_t buffer[kBlockChannels];
      vst1_u8(buffer, bytes);
      std::memcpy(out[i] + c, buffer, static_cast<size_t>(valid));
    }
  }
}

template <bool kInt8, ConvRounding kRounding>
void Run(const ConvGeometry& g, const Q8ConvPacked& p, const uint8_t* input, const Q8ConvWork& work,
         uint8_t* scratch, uint8_t* output) {
  const uint32_t pixel_scale = static_cast<uint32_t>(p.pixel_scale);
  ForEachPixelTile<kTilePixels>(
      g, p, input, work.pixel_begin, work.pixel_end, scratch, output,
      [&](const uint8_t* const* rows, int pixels, uint8_t* const* out) {
        uint32_t corrections[kTilePixels] = {};
        if (pixel_scale != 0) {
          for (int i = 0; i < pixels; ++i) {
            corrections[i] = pixel_scale * SumBytes<kInt8>(rows[i], p.k);
          }
        }
        // Channels past n (up to n16) are computed on zero-padded weights
        // and never stored; blocks past n are skipped.
        const int c_end = std::min(p.n, kPanelChannels * work.panel_end);
        for (int c = kPanelChannels * work.panel_begin; c < c_end; c += kBlockChannels) {
          const int panel_first = c / kPanelChannels * kPanelChannels;
          const uint8_t* w = p.weights + static_cast<size_t>(panel_first) * p.k4 +
                             static_cast<size_t>(c - panel_first) * 4;
          Block<kInt8, kRounding>(p, rows, corrections, pixels, w, size_t{kPanelChannels} * 4, c,
                                  out);
        }
      });
}

}  // namespace

void q8_conv2d_gemm_4x8c4__neon(const ConvGeometry& g, const Q8ConvPacked& packed,
                                const uint8_t* input, const Q8ConvWork& work, uint8_t* scratch,
                                uint8_t* output) {
  const bool ties_up = packed.rounding == ConvRounding::kDoubleRoundingTiesUp;
  if (packed.int8) {
    ties_up
        ? Run<true, ConvRounding::kDoubleRoundingTiesUp>(g, packed, input, work, scratch, output)
        : Run<true, ConvRounding::kDoubleRounding>(g, packed, input, work, scratch, output);
  } else {
    ties_up
        ? Run<false, ConvRounding::kDoubleRoundingTiesUp>(g, packed, input, work, scratch, output)
        : Run<false, ConvRounding::kDoubleRounding>(g, packed, input, work, scratch, output);
  }
}

}  // namespace liteforge::kernels
