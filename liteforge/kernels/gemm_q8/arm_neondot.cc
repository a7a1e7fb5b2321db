// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The 8-bit conv GEMM with the ARMv8.2 dot products (built with
// -march=armv8.2-a+dotprod; only called when CpuFeatures reports
// HWCAP_ASIMDDP): tiles of 4 output pixels x 16 channels (16 int32x4
// accumulators), SDOT / UDOT by element over groups of 4 patch bytes, then
// the fused per-channel output stage. Bit-exact with the reference.
//
// The packed weights are PackQ8ConvPlainC4's (q8_conv.h): the filter's own
// bytes in panels of 16 channels, so SDOT (int8) and UDOT (uint8) give
// dot(x, w) directly and
//   acc = dot(x, w) + filter_offset * S + channel_bias,
// S the patch's byte sum (signed for int8). S is only computed when the
// filter offset is nonzero: uint8 filters, int8 fully connected weights
// with a zero point (int8 conv filters are symmetric).
//
// Each pixel's bytes are read 16 at a time (4 groups, one per lane of the
// by-element form) while a whole quad of groups remains, then 4 at a time,
// so nothing past a patch's K4 bytes is read (in-place rows end where the
// input tensor may end).

#include <arm_neon.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "liteforge/kernels/gemm_q8/pixel_tiles.h"
#include "liteforge/kernels/gemm_q8/q8_conv.h"
#include "liteforge/kernels/requantize/arm_neon_requantize.h"

namespace liteforge::kernels {
namespace {

constexpr int kTilePixels = 4;
constexpr int kBlockChannels = 16;  // one panel: 4 vectors of 4 lanes

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

inline uint8x16_t LoadGroupBroadcast(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return vreinterpretq_u8_u32(vdupq_n_u32(v));
}

template <bool kInt8, int kLane>
inline int32x4_t Dot(int32x4_t acc, uint8x16_t w, uint8x16_t x) {
  if constexpr (kInt8) {
    return vdotq_laneq_s32(acc, vreinterpretq_s8_u8(w), vreinterpretq_s8_u8(x), kLane);
  } else {
    return vreinterpretq_s32_u32(vdotq_laneq_u32(vreinterpretq_u32_s32(acc), w, x, kLane));
  }
}

// acc[i][v] += dot products of one group for channel vector v (lane
// kLane of x[i] holds pixel i's 4 bytes of that group).
template <bool kInt8, int kLane>
inline void Group(int32x4_t (&acc)[kTilePixels][4], const uint8x16_t (&x)[kTilePixels], int v,
                  uint8x16_t w) {
#pragma GCC unroll 4
  for (int i = 0; i < kTilePixels; ++i) acc[i][v] = Dot<kInt8, kLane>(acc[i][v], w, x[i]);
}

// One tile against the 16-channel panel starting at channel c; `w` points
// at the panel's bytes of group 0, groups `stride` (64) bytes apart.
template <bool kInt8, ConvRounding kRounding>
void Block(const Q8ConvPacked& p, const uint8_t* const* rows, const uint32_t* corrections,
           int pixels, const uint8_t* w, size_t stride, int c, uint8_t* const* out) {
  int32x4_t acc[kTilePixels][4];
  for (int i = 0; i < kTilePixels; ++i) {
    for (int v = 0; v < 4; ++v) acc[i][v] = vdupq_n_s32(0);
  }
  const int groups = p.k4 / 4;
  int kg = 0;
  for (; kg + 4 <= groups; kg += 4) {
    uint8x16_t x[kTilePixels];
#pragma GCC unroll 4
    for (int i = 0; i < kTilePixels; ++i) x[i] = vld1q_u8(rows[i] + 4 * kg);
    const uint8_t* wk = w + static_cast<size_t>(kg) * stride;
    // Channel vector by channel vector: each weight load feeds 4 dot
    // products right away.
#pragma GCC unroll 4
    for (int v = 0; v < 4; ++v) {
      const uint8_t* wv = wk + 16 * v;
      Group<kInt8, 0>(acc, x, v, vld1q_u8(wv));
      Group<kInt8, 1>(acc, x, v, vld1q_u8(wv + stride));
      Group<kInt8, 2>(acc, x, v, vld1q_u8(wv + 2 * stride));
      Group<kInt8, 3>(acc, x, v, vld1q_u8(wv + 3 * stride));
    }
  }
  for (; kg < groups; ++kg) {
    uint8x16_t x[kTilePixels];
#pragma GCC unroll 4
    for (int i = 0; i < kTilePixels; ++i) x[i] = LoadGroupBroadcast(rows[i] + 4 * kg);
    const uint8_t* wk = w + static_cast<size_t>(kg) * stride;
#pragma GCC unroll 4
    for (int v = 0; v < 4; ++v) Group<kInt8, 0>(acc, x, v, vld1q_u8(wk + 16 * v));
  }

  const int32x4_t offset = vdupq_n_s32(p.output_offset);
  const int32x4_t lo = vdupq_n_s32(p.act_min);
  const int32x4_t hi = vdupq_n_s32(p.act_max);
  const Q8ChannelBlock& block = p.blocks[c / 16];
  int32x4_t bias[4], mult[4], left[4], negated_right[4];
  for (int v = 0; v < 4; ++v) {
    const int at = 4 * v;
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
    int32x4_t r[4];
    for (int v = 0; v < 4; ++v) {
      const int32x4_t a = vaddq_s32(vaddq_s32(acc[i][v], bias[v]), extra);
      r[v] = neon::Requantize<kRounding>(a, mult[v], left[v], negated_right[v], offset, lo, hi);
    }
    const uint8x16_t bytes = neon::NarrowToBytes(r[0], r[1], r[2], r[3]);
    if (valid == kBlockChannels) {
      vst1q_u8(out[i] + c, bytes);
    } else {
      uint8_t buffer[kBlockChannels];
      vst1q_u8(buffer, bytes);
      std::memcpy(out[i] + c, buffer, static_cast<size_t>(valid));
    }
  }
}

template <bool kInt8, ConvRounding kRounding>
void Run(const ConvGeometry& g, const Q8ConvPacked& p, const uint8_t* input, const Q8ConvWork& work,
         uint8_t* scratch, uint8_t* output) {
  const uint32_t pixel_scale = static_cast<uint32_t>(p.pixel_scale);
  ForEachPixelTile<kTilePixels>(g, p, input, work.pixel_begin, work.pixel_end, scratch, output,
                                [&](const uint8_t* const* rows, int pixels, uint8_t* const* out) {
                                  uint32_t corrections[kTilePixels] = {};
                                  if (pixel_scale != 0) {
                                    for (int i = 0; i < pixels; ++i) {
                                      corrections[i] = pixel_scale * SumBytes<kInt8>(rows[i], p.k);
                                    }
                                  }
                                  for (int panel = work.panel_begin; panel < work.panel_end;
                                       ++panel) {
                                    const int c = kBlockChannels * panel;
                                    const uint8_t* w = p.weights + static_cast<size_t>(c) * p.k4;
                                    Block<kInt8, kRounding>(p, rows, corrections, pixels, w,
                                                            size_t{kBlockChannels} * 4, c, out);
                                  }
                                });
}

}  // namespace

void q8_conv2d_gemm_4x16c4__neondot(const ConvGeometry& g, const Q8ConvPacked& packed,
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
