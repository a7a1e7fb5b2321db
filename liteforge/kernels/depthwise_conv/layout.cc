// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/depthwise_conv/layout.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "liteforge/kernels/requantize/shift_split.h"

namespace liteforge::kernels {
namespace {

int32_t InputLane(const DepthwiseGeometry& g, int tile, int lanes, int o) {
  return o / g.depth_multiplier - TileInputChannel(g, tile, lanes);
}

template <typename W>
void PackQuant(const DepthwiseGeometry& g, int lanes, const W* filter, const int32_t* bias,
               const DepthwiseQuantParams& p, int32_t* packed) {
  const int taps = DepthwiseTaps(g);
  const int tiles = DepthwiseTiles(g, lanes);
  const size_t depth = static_cast<size_t>(g.output_depth);
  std::fill(packed, packed + QuantTileWords(taps, lanes) * static_cast<size_t>(tiles), 0);
  for (int t = 0; t < tiles; ++t) {
    int32_t* tile = packed + QuantTileWords(taps, lanes) * static_cast<size_t>(t);
    bool short_rounding = true;
    for (int j = 0; j < lanes; ++j) {
      const int o = t * lanes + j;
      if (o >= g.output_depth) break;
      // Unsigned: the reference accumulates in wrapping 32-bit arithmetic.
      uint32_t filter_sum = 0;
      // The largest |accumulator|: |bias| + sum_k |x + input_offset| * |w'|
      // with |x + input_offset| <= 255 for 8-bit inputs and zero points.
      int64_t bound = bias != nullptr ? std::abs(static_cast<int64_t>(bias[o])) : 0;
      for (int k = 0; k < taps; ++k) {
        const int32_t w =
            static_cast<int32_t>(filter[static_cast<size_t>(k) * depth + o]) + p.filter_offset;
        filter_sum += static_cast<uint32_t>(w);
        bound += 255 * std::abs(static_cast<int64_t>(w));
        const uint16_t low = static_cast<uint16_t>(static_cast<int16_t>(w));
        tile[static_cast<size_t>(kQuantTileHeaderRows + k) * lanes + j] = low;
      }
      uint32_t b = bias != nullptr ? static_cast<uint32_t>(bias[o]) : 0u;
      b += static_cast<uint32_t>(p.input_offset) * filter_sum;
      tile[j] = static_cast<int32_t>(b);
      tile[static_cast<size_t>(1) * lanes + j] = p.multipliers[o];
      tile[static_cast<size_t>(2) * lanes + j] = LeftShiftOf(p.exponents[o]);
      tile[static_cast<size_t>(3) * lanes + j] = RightShiftOf(p.exponents[o]);
      tile[static_cast<size_t>(4) * lanes + j] = InputLane(g, t, lanes, o);
      short_rounding = short_rounding && p.exponents[o] <= -1 && p.exponents[o] >= -31 &&
                       bound < (int64_t{1} << 30);
    }
    const int32_t flags = short_rounding ? kQuantTileShortRounding : 0;
    std::fill(tile + static_cast<size_t>(kQuantTileFlagsRow) * lanes,
              tile + static_cast<size_t>(kQuantTileFlagsRow + 1) * lanes, flags);
  }
}

}  // namespace

size_t QuantDepthwisePackedBytes(const DepthwiseGeometry& g, int lanes) {
  return QuantTileWords(DepthwiseTaps(g), lanes) * static_cast<size_t>(DepthwiseTiles(g, lanes)) *
         sizeof(int32_t);
}

size_t F32DepthwisePackedBytes(const DepthwiseGeometry& g, int lanes) {
  return F32TileWords(DepthwiseTaps(g), lanes) * static_cast<size_t>(DepthwiseTiles(g, lanes)) *
         sizeof(float);
}

void PackQs8Depthwise(const DepthwiseGeometry& g, int lanes, const int8_t* filter,
                      const int32_t* bias, const DepthwiseQuantParams& p, int32_t* packed) {
  PackQuant(g, lanes, filter, bias, p, packed);
}

void PackQu8Depthwise(const DepthwiseGeometry& g, int lanes, const uint8_t* filter,
                      const int32_t* bias, const DepthwiseQuantParams& p, int32_t* packed) {
  PackQuant(g, lanes, filter, bias, p, packed);
}

void PackF32Depthwise(const DepthwiseGeometry& g, int lanes, const float* filter, const float* bias,
                      float* packed) {
  const int taps = DepthwiseTaps(g);
  const int tiles = DepthwiseTiles(g, lanes);
  const size_t depth = static_cast<size_t>(g.output_depth);
  std::fill(packed, packed + F32TileWords(taps, lanes) * static_cast<size_t>(tiles), 0.f);
  for (int t = 0; t < tiles; ++t) {
    float* tile = packed + F32TileWords(taps, lanes) * static_cast<size_t>(t);
    for (int j = 0; j < lanes; ++j) {
      const int o = t * lanes + j;
      if (o >= g.output_depth) break;
      tile[j] = bias != nullptr ? bias[o] : 0.f;
      // The lane index rides in a float slot; kernels load it as integers.
      const int32_t lane = InputLane(g, t, lanes, o);
      std::memcpy(&tile[static_cast<size_t>(lanes) + j], &lane, sizeof(lane));
      for (int k = 0; k < taps; ++k) {
        tile[static_cast<size_t>(kF32TileHeaderRows + k) * lanes + j] =
            filter[static_cast<size_t>(k) * depth + o];
      }
    }
  }
}

ColumnSpan InteriorColumns(const DepthwiseGeometry& g) {
  // ox * stride - pad_left >= 0 and
  // ox * stride - pad_left + (filter_width - 1) * dilation <= input_width - 1.
  const int64_t stride = g.stride_width;
  const int64_t pad = g.pad_left;
  const int64_t begin = pad <= 0 ? 0 : (pad + stride - 1) / stride;
  const int64_t last = static_cast<int64_t>(g.input_width) - 1 -
                       static_cast<int64_t>(g.filter_width - 1) * g.dilation_width + pad;
  const int64_t end = last < 0 ? 0 : last / stride + 1;
  ColumnSpan span;
  span.begin = static_cast<int>(std::min<int64_t>(begin, g.output_width));
  span.end = static_cast<int>(std::clamp<int64_t>(end, span.begin, g.output_width));
  return span;
}

}  // namespace liteforge::kernels
