// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEON depthwise convolution: 8 output channels per tile (two 4-lane
// registers of int32 or float). Same loops (row_sweep.h) and packed
// parameters (layout.h, 8-lane tiles) as the x86 files.
//
// Quantized: the 8 input bytes of a tap are widened to int16 and
// multiplied by the int16 weights (the low halves of layout.h's int32
// weight rows) with SMLAL / SMLAL2 into int32 lanes: exact, and wrapping
// like the reference's int32 sums. The input offset lives in the packed
// bias, so padding taps add zero_point * w'. neon::Requantize is bit-exact
// with ConvScale for both rounding rules.
// Float: multiply then add in (fy, fx) order, never fused (the build turns
// contraction off on non-x86 targets, cmake/LiteforgeHelpers.cmake, for
// the reference and for this file), then the bias, then the clamp as a
// compare-and-select in std::max / std::min's form: bit-exact.
//
// Tiles that need a permutation (depth multiplier > 1) or hold fewer than
// 8 channels load only the input lanes that exist, through a small buffer,
// and pick each output lane's input lane with TBL.

#include <arm_neon.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "liteforge/kernels/depthwise_conv/depthwise_variants.h"
#include "liteforge/kernels/depthwise_conv/layout.h"
#include "liteforge/kernels/depthwise_conv/row_sweep.h"
#include "liteforge/kernels/requantize/arm_neon_requantize.h"

namespace liteforge::kernels {
namespace {

constexpr int kLanes = 8;

inline int16x8_t Widen(uint8x8_t bytes, const int8_t*) {
  return vmovl_s8(vreinterpret_s8_u8(bytes));
}
inline int16x8_t Widen(uint8x8_t bytes, const uint8_t*) {
  return vreinterpretq_s16_u16(vmovl_u8(bytes));
}

// Eight int32 accumulators.
struct Acc8 {
  int32x4_t lo, hi;
};

template <typename T, ConvRounding kRounding, bool kPermute, int kTaps>
struct QuantTile {
  QuantTile(const int32_t* tile, int input_lanes, int output_lanes, const DepthwiseQuantParams& p)
      : weights(tile + kQuantTileHeaderRows * kLanes),
        in_lanes(input_lanes < kLanes ? input_lanes : kLanes),
        out_lanes(output_lanes < kLanes ? output_lanes : kLanes) {
    bias = {vld1q_s32(tile), vld1q_s32(tile + 4)};
    multiplier = {vld1q_s32(tile + 1 * kLanes), vld1q_s32(tile + 1 * kLanes + 4)};
    left = {vld1q_s32(tile + 2 * kLanes), vld1q_s32(tile + 2 * kLanes + 4)};
    negated_right = {vnegq_s32(vld1q_s32(tile + 3 * kLanes)),
                     vnegq_s32(vld1q_s32(tile + 3 * kLanes + 4))};
    // Input lanes are in [0, 8): the low byte of each index.
    const int16x8_t index16 =
        vmovn_high_s32(vmovn_s32(vld1q_s32(tile + 4 * kLanes)), vld1q_s32(tile + 4 * kLanes + 4));
    lane_index = vreinterpret_u8_s8(vmovn_s16(index16));
    zero_point = vdupq_n_s16(static_cast<int16_t>(-p.input_offset));
    output_offset = vdupq_n_s32(p.output_offset);
    act_min = vdupq_n_s32(p.act_min);
    act_max = vdupq_n_s32(p.act_max);
    if constexpr (kTaps > 0) {
      for (int k = 0; k < kTaps; ++k) w[k] = LoadWeights(k);
    }
  }

  int16x8_t LoadWeights(int k) const {
    const int32_t* row = weights + static_cast<ptrdiff_t>(k) * kLanes;
    return vmovn_high_s32(vmovn_s32(vld1q_s32(row)), vld1q_s32(row + 4));
  }

  int16x8_t W(int k) const {
    if constexpr (kTaps > 0) {
      return w[k];
    } else {
      return LoadWeights(k);
    }
  }

  int16x8_t Load(const T* p) const {
    if constexpr (kPermute) {
      uint8_t bytes[kLanes] = {};
      std::memcpy(bytes, p, static_cast<size_t>(in_lanes));
      return Widen(vtbl1_u8(vld1_u8(bytes), lane_index), p);
    } else {
      return Widen(vld1_u8(reinterpret_cast<const uint8_t*>(p)), p);
    }
  }

  static void Mac(Acc8& acc, int16x8_t x, int16x8_t w) {
    acc.lo = vmlal_s16(acc.lo, vget_low_s16(x), vget_low_s16(w));
    acc.hi = vmlal_high_s16(acc.hi, x, w);
  }

  Acc8 Init() const { return bias; }
  void Tap(Acc8& acc, const T* p, int k) const { Mac(acc, Load(p), W(k)); }
  void PadTap(Acc8& acc, int k) const { Mac(acc, zero_point, W(k)); }
  void Finish(Acc8 acc, T* out) const {
    const int32x4_t lo = neon::Requantize<kRounding>(acc.lo, multiplier.lo, left.lo,
                                                     negated_right.lo, output_offset, act_min,
                                                     act_max);
    const int32x4_t hi = neon::Requantize<kRounding>(acc.hi, multiplier.hi, left.hi,
                                                     negated_right.hi, output_offset, act_min,
                                                     act_max);
    const uint8x8_t bytes = neon::NarrowToBytes(lo, hi);
    if (kPermute && out_lanes < kLanes) {
      uint8_t buffer[kLanes];
      vst1_u8(buffer, bytes);
      std::memcpy(out, buffer, static_cast<size_t>(out_lanes));
    } else {
      vst1_u8(reinterpret_cast<uint8_t*>(out), bytes);
    }
  }

  const int32_t* weights;
  int in_lanes;
  int out_lanes;
  Acc8 bias, multiplier, left, negated_right;
  uint8x8_t lane_index;
  int16x8_t zero_point;
  int32x4_t output_offset, act_min, act_max;
  int16x8_t w[kTaps > 0 ? kTaps : 1];
};

struct F32x8 {
  float32x4_t lo, hi;
};

// std::max(v, lo) = v < lo ? lo : v; std::min(m, hi) = hi < m ? hi : m.
inline float32x4_t Clamp(float32x4_t v, float32x4_t lo, float32x4_t hi) {
  const float32x4_t m = vbslq_f32(vcltq_f32(v, lo), lo, v);
  return vbslq_f32(vcltq_f32(hi, m), hi, m);
}

template <bool kPermute, int kTaps>
struct F32Tile {
  F32Tile(const float* tile, int input_lanes, int output_lanes, float lo, float hi)
      : weights(tile + kF32TileHeaderRows * kLanes),
        in_lanes(input_lanes < kLanes ? input_lanes : kLanes),
        out_lanes(output_lanes < kLanes ? output_lanes : kLanes) {
    bias = {vld1q_f32(tile), vld1q_f32(tile + 4)};
    act_min = vdupq_n_f32(lo);
    act_max = vdupq_n_f32(hi);
    // Byte indices for TBL: output lane j takes bytes 4i..4i+3 of the
    // loaded input lanes, i = the packed input lane of j (in [0, 8)).
    int32_t lanes[kLanes];
    std::memcpy(lanes, tile + kLanes, sizeof(lanes));
    uint8_t bytes[2 * 16];
    for (int j = 0; j < kLanes; ++j) {
      for (int b = 0; b < 4; ++b) bytes[4 * j + b] = static_cast<uint8_t>(4 * lanes[j] + b);
    }
    index_lo = vld1q_u8(bytes);
    index_hi = vld1q_u8(bytes + 16);
    if constexpr (kTaps > 0) {
      for (int k = 0; k < kTaps; ++k) w[k] = LoadWeights(k);
    }
  }

  F32x8 LoadWeights(int k) const {
    const float* row = weights + static_cast<ptrdiff_t>(k) * kLanes;
    return {vld1q_f32(row), vld1q_f32(row + 4)};
  }

  F32x8 W(int k) const {
    if constexpr (kTaps > 0) {
      return w[k];
    } else {
      return LoadWeights(k);
    }
  }

  F32x8 Load(const float* p) const {
    if constexpr (kPermute) {
      float buffer[kLanes] = {};
      std::memcpy(buffer, p, static_cast<size_t>(in_lanes) * sizeof(float));
      uint8x16x2_t table;
      table.val[0] = vreinterpretq_u8_f32(vld1q_f32(buffer));
      table.val[1] = vreinterpretq_u8_f32(vld1q_f32(buffer + 4));
      return {vreinterpretq_f32_u8(vqtbl2q_u8(table, index_lo)),
              vreinterpretq_f32_u8(vqtbl2q_u8(table, index_hi))};
    } else {
      return {vld1q_f32(p), vld1q_f32(p + 4)};
    }
  }

  F32x8 Init() const { return {vdupq_n_f32(0.0f), vdupq_n_f32(0.0f)}; }
  void Tap(F32x8& acc, const float* p, int k) const {
    const F32x8 x = Load(p);
    const F32x8 wk = W(k);
    acc.lo = vaddq_f32(acc.lo, vmulq_f32(x.lo, wk.lo));
    acc.hi = vaddq_f32(acc.hi, vmulq_f32(x.hi, wk.hi));
  }
  // Taps outside the image are skipped, as the reference does.
  void PadTap(F32x8&, int) const {}
  void Finish(F32x8 acc, float* out) const {
    const float32x4_t lo = Clamp(vaddq_f32(acc.lo, bias.lo), act_min, act_max);
    const float32x4_t hi = Clamp(vaddq_f32(acc.hi, bias.hi), act_min, act_max);
    if (kPermute && out_lanes < kLanes) {
      float buffer[kLanes];
      vst1q_f32(buffer, lo);
      vst1q_f32(buffer + 4, hi);
      std::memcpy(out, buffer, static_cast<size_t>(out_lanes) * sizeof(float));
    } else {
      vst1q_f32(out, lo);
      vst1q_f32(out + 4, hi);
    }
  }

  const float* weights;
  int in_lanes;
  int out_lanes;
  F32x8 bias;
  float32x4_t act_min, act_max;
  uint8x16_t index_lo, index_hi;
  F32x8 w[kTaps > 0 ? kTaps : 1];
};

}  // namespace

void f32_dwconv2d_8c__neon(const DepthwiseGeometry& g, const float* input, const float* packed,
                           float act_min, float act_max, int row_begin, int row_end,
                           float* output) {
  SweepF32<kLanes, F32Tile>(g, input, packed, act_min, act_max, row_begin, row_end, output);
}

void qs8_dwconv2d_8c__neon(const DepthwiseGeometry& g, const int8_t* input, const int32_t* packed,
                           const DepthwiseQuantParams& p, int row_begin, int row_end,
                           int8_t* output) {
  SweepQuant<kLanes, QuantTile>(g, input, packed, p, row_begin, row_end, output);
}

void qu8_dwconv2d_8c__neon(const DepthwiseGeometry& g, const uint8_t* input, const int32_t* packed,
                           const DepthwiseQuantParams& p, int row_begin, int row_end,
                           uint8_t* output) {
  SweepQuant<kLanes, QuantTile>(g, input, packed, p, row_begin, row_end, output);
}

}  // namespace liteforge::kernels
