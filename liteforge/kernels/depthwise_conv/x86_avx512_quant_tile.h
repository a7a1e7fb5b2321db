// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The AVX-512 quantized depthwise kernels, shared by x86_avx512.cc (kVnni
// false: vpmaddwd then vpaddd per tap) and x86_avx512vnni.cc (kVnni true:
// one vpdpwssd per tap). 16 output channels per zmm register.
//
// Two sweeps:
//   - QuantTile + row_sweep.h: any filter, stride, dilation and depth
//     multiplier;
//   - SlidingRows: 3x3 filters, dilation 1, depth multiplier 1, stride 1
//     or 2 (nearly every depthwise layer of the MobileNets). Each widened
//     input column is loaded once per output row and tile and kept in
//     registers for the 3 (stride 1) or 2 (stride 2) output pixels that
//     read it, where the generic sweep reloads and re-widens it per tap;
//     its filter rows 0 and 1 travel as int16 pairs in one register, so a
//     pixel takes 6 multiply-adds instead of 9. Padding is the widened
//     zero point, so one loop serves the border.
//
// Arithmetic (layout.h): 8-bit inputs widened to int32 lanes, int16
// weights in the low half of each lane; the high halves multiply to zero,
// so vpmaddwd and vpdpwssd (wrapping, not the saturating vpdpwssds) both
// add exactly x * w' per lane, the reference's wrapping int32 sum. The
// input offset is folded into the packed bias; a padding tap adds
// zero_point * w'.
//
// Output stage: bit-exact with ConvScale. Tiles whose packed flag says so
// (kQuantTileShortRounding, see layout.h) take a shorter form of the
// double-rounding rule.
//
// Everything is in an anonymous namespace: each including file compiles
// its own copy with its own ISA flags (see row_sweep.h).

#pragma once

#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "liteforge/kernels/conv/requantize.h"
#include "liteforge/kernels/depthwise_conv/layout.h"
#include "liteforge/kernels/depthwise_conv/reference.h"
#include "liteforge/kernels/depthwise_conv/row_sweep.h"
#include "liteforge/kernels/requantize/x86_avx512_requantize.h"

namespace liteforge::kernels {
namespace {

constexpr int kQuantLanes = 16;

inline __mmask16 FirstQuantLanes(int n) {
  return n >= kQuantLanes ? static_cast<__mmask16>(0xFFFF)
                          : static_cast<__mmask16>((1u << n) - 1u);
}

// With a multiplier >= 0, SaturatingRoundingDoublingHighMul(a, m) equals
// floor((a * m + 2^30) / 2^31) whatever the product's sign (the scalar adds
// 1 - 2^30 to a negative product and truncates towards zero, i.e.
// floor((p + 1 - 2^30 + 2^31 - 1) / 2^31), the same expression), so it
// needs no sign masks: bits 31..62 of the nudged 64-bit products.
// `multiplier_odd` is the multiplier shifted down by 32 bits (hoisted).
inline __m512i HighMulDoubling(__m512i a, __m512i multiplier, __m512i multiplier_odd) {
  const __m512i nudge = _mm512_set1_epi64(int64_t{1} << 30);
  const __m512i even = _mm512_add_epi64(_mm512_mul_epi32(a, multiplier), nudge);
  const __m512i odd =
      _mm512_add_epi64(_mm512_mul_epi32(_mm512_srli_epi64(a, 32), multiplier_odd), nudge);
  // Even lanes: the bits shifted down to bit 0; odd lanes: up to bit 32.
  return _mm512_mask_blend_epi32(static_cast<__mmask16>(0xAAAA), _mm512_srli_epi64(even, 31),
                                 _mm512_slli_epi64(odd, 1));
}

// x / 2^exponent, ties away from zero (RoundingDivideByPOT), per lane.
inline __m512i RoundingDivideByPOT(__m512i x, __m512i exponent) {
  const __m512i one = _mm512_set1_epi32(1);
  const __m512i mask = _mm512_sub_epi32(_mm512_sllv_epi32(one, exponent), one);
  const __m512i remainder = _mm512_and_si512(x, mask);
  const __m512i threshold = _mm512_add_epi32(_mm512_srai_epi32(mask, 1), _mm512_srli_epi32(x, 31));
  const __mmask16 round_up = _mm512_cmpgt_epi32_mask(remainder, threshold);
  const __m512i q = _mm512_srav_epi32(x, exponent);
  return _mm512_mask_add_epi32(q, round_up, q, one);
}

inline __m512i Widen(__m128i bytes, const int8_t*) { return _mm512_cvtepi8_epi32(bytes); }
inline __m512i Widen(__m128i bytes, const uint8_t*) { return _mm512_cvtepu8_epi32(bytes); }

// Lanes of `low` with their upper int16 half replaced by the low half of
// the same lane of `high`. Both hold int16 values sign- or zero-extended
// to 32 bits (widened inputs, the zero point) or int16 weights with a zero
// upper half; a multiply-add of two such pairs is low * low' + high * high'.
inline __m512i PairHalves(__m512i low, __m512i high) {
  return _mm512_mask_blend_epi16(0xAAAAAAAAu, low, _mm512_slli_epi32(high, 16));
}

template <bool kVnni>
inline __m512i MulAdd(__m512i acc, __m512i x, __m512i w) {
  if constexpr (kVnni) {
    return _mm512_dpwssd_epi32(acc, x, w);
  } else {
    return _mm512_add_epi32(acc, _mm512_madd_epi16(x, w));
  }
}

// A tile's output-stage parameters in registers, and the stage itself.
// kShort: the tile's flag allows the short double-rounding form, used for
// kDoubleRounding only. With no left shift, a right shift r >= 1 and
// |accumulator| < 2^30 (what the flag promises), the high product x has
// |x| < 2^30, so RoundingDivideByPOT(x, r) = (x + 2^(r-1) - [x < 0]) >> r
// without overflow: 4 operations where the general form takes 6.
template <ConvRounding kRounding, bool kShort>
struct QuantOutputStage {
  QuantOutputStage(const int32_t* tile, const DepthwiseQuantParams& p) {
    multiplier = _mm512_loadu_si512(tile + 1 * kQuantLanes);
    multiplier_odd = _mm512_srli_epi64(multiplier, 32);
    left = _mm512_loadu_si512(tile + 2 * kQuantLanes);
    right = _mm512_loadu_si512(tile + 3 * kQuantLanes);
    half = _mm512_srli_epi32(_mm512_sllv_epi32(_mm512_set1_epi32(1), right), 1);
    output_offset = _mm512_set1_epi32(p.output_offset);
    act_min = _mm512_set1_epi32(p.act_min);
    act_max = _mm512_set1_epi32(p.act_max);
  }

  __m512i Apply(__m512i acc) const {
    __m512i v;
    if constexpr (kRounding == ConvRounding::kDoubleRounding && kShort) {
      const __m512i x = HighMulDoubling(acc, multiplier, multiplier_odd);
      const __m512i rounded = _mm512_add_epi32(_mm512_add_epi32(x, half), _mm512_srai_epi32(x, 31));
      v = _mm512_srav_epi32(rounded, right);
    } else if constexpr (kRounding == ConvRounding::kDoubleRounding) {
      const __m512i x =
          HighMulDoubling(_mm512_sllv_epi32(acc, left), multiplier, multiplier_odd);
      v = RoundingDivideByPOT(x, right);
    } else {
      v = avx512::Scale<kRounding>(acc, multiplier, left, right);
    }
    v = _mm512_add_epi32(v, output_offset);
    return _mm512_min_epi32(_mm512_max_epi32(v, act_min), act_max);
  }

  // Truncation to 8 bits, the reference's static_cast of the clamped value.
  template <typename T>
  void Store(__m512i acc, __mmask16 out_mask, bool full, T* out) const {
    const __m128i bytes = _mm512_cvtepi32_epi8(Apply(acc));
    if (full) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), bytes);
    } else {
      _mm_mask_storeu_epi8(out, out_mask, bytes);
    }
  }

  __m512i multiplier, multiplier_odd, left, right, half;
  __m512i output_offset, act_min, act_max;
};

inline bool ShortRoundingTile(const int32_t* tile) {
  return tile[static_cast<size_t>(kQuantTileFlagsRow) * kQuantLanes] & kQuantTileShortRounding;
}

// One 16-channel tile of a quantized row for row_sweep.h. kPermute: the
// input lanes need a masked load and a permutation (depth multiplier > 1
// or a partial last tile); otherwise one plain 16-byte load. kTaps > 0
// keeps the weights in registers; 0 reads them from the packed tile.
template <bool kVnni, bool kShort>
struct QuantTileOf {
  template <typename T, ConvRounding kRounding, bool kPermute, int kTaps>
  struct Tile {
    Tile(const int32_t* tile, int input_lanes, int output_lanes, const DepthwiseQuantParams& p)
        : weights(tile + kQuantTileHeaderRows * kQuantLanes),
          in_mask(FirstQuantLanes(input_lanes)),
          out_mask(FirstQuantLanes(output_lanes)),
          full(output_lanes >= kQuantLanes),
          stage(tile, p) {
      bias = _mm512_loadu_si512(tile);
      lane_index = _mm512_loadu_si512(tile + 4 * kQuantLanes);
      zero_point = _mm512_set1_epi32(-p.input_offset);
      if constexpr (kTaps > 0) {
        for (int k = 0; k < kTaps; ++k) w[k] = _mm512_loadu_si512(weights + k * kQuantLanes);
      }
    }

    __m512i W(int k) const {
      if constexpr (kTaps > 0) {
        return w[k];
      } else {
        return _mm512_loadu_si512(weights + static_cast<ptrdiff_t>(k) * kQuantLanes);
      }
    }

    __m512i Load(const T* p) const {
      if constexpr (kPermute) {
        const __m512i v = Widen(_mm_maskz_loadu_epi8(in_mask, p), p);
        return _mm512_permutexvar_epi32(lane_index, v);
      } else {
        return Widen(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), p);
      }
    }

    __m512i Init() const { return bias; }
    void Tap(__m512i& acc, const T* p, int k) const { acc = MulAdd<kVnni>(acc, Load(p), W(k)); }
    void PadTap(__m512i& acc, int k) const { acc = MulAdd<kVnni>(acc, zero_point, W(k)); }
    void Finish(__m512i acc, T* out) const { stage.Store(acc, out_mask, full, out); }

    const int32_t* weights;
    __mmask16 in_mask;
    __mmask16 out_mask;
    bool full;
    QuantOutputStage<kRounding, kShort> stage;
    __m512i bias, lane_index, zero_point;
    __m512i w[kTaps > 0 ? kTaps : 1];
  };
};

// One output row of one tile with a 3x3 filter, dilation 1, depth
// multiplier 1 and stride kStride (1 or 2). `image` points at the tile's
// first channel of the batch's image, y0 is the input row of filter row 0.
// kMasked: a partial last tile (masked loads and stores).
template <typename T, ConvRounding kRounding, bool kVnni, bool kShort, int kStride, bool kMasked>
[[gnu::flatten]] void SlidingTileRow(const DepthwiseGeometry& g, const T* image, int y0,
                                     const int32_t* tile, int lanes, const DepthwiseQuantParams& p,
                                     ColumnSpan interior, T* out) {
  const __mmask16 mask = FirstQuantLanes(lanes);
  const QuantOutputStage<kRounding, kShort> stage(tile, p);
  const __m512i bias = _mm512_loadu_si512(tile);
  const __m512i zero_point = _mm512_set1_epi32(-p.input_offset);
  // Filter rows 0 and 1 share one multiply-add per column: the pair
  // (row 0, row 1) of int16 halves against the pair of their weights.
  __m512i w_pair[3], w_last[3];
  for (int fx = 0; fx < 3; ++fx) {
    const int32_t* w = tile + (kQuantTileHeaderRows + fx) * kQuantLanes;
    w_pair[fx] = PairHalves(_mm512_loadu_si512(w), _mm512_loadu_si512(w + 3 * kQuantLanes));
    w_last[fx] = _mm512_loadu_si512(w + 6 * kQuantLanes);
  }
  const ptrdiff_t depth = g.input_depth;
  const ptrdiff_t out_depth = g.output_depth;
  const T* rows[3];
  bool row_inside[3];
  for (int fy = 0; fy < 3; ++fy) {
    const int iy = y0 + fy;
    row_inside[fy] = iy >= 0 && iy < g.input_height;
    rows[fy] = image + static_cast<ptrdiff_t>(row_inside[fy] ? iy : 0) * g.input_width * depth;
  }
  const bool all_rows = row_inside[0] && row_inside[1] && row_inside[2];

  const auto load = [&](const T* p) -> __m512i {
    if constexpr (kMasked) {
      return Widen(_mm_maskz_loadu_epi8(mask, p), p);
    } else {
      return Widen(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), p);
    }
  };
  // Input column ix of filter row fy, widened; the zero point outside.
  const auto checked = [&](int fy, int ix) -> __m512i {
    if (!row_inside[fy] || ix < 0 || ix >= g.input_width) return zero_point;
    return load(rows[fy] + ix * depth);
  };
  const auto inside = [&](int fy, int ix) -> __m512i { return load(rows[fy] + ix * depth); };

  // Output pixels [begin, end), columns read through `column`.
  // Output pixels [begin, end), columns read through `column`. A column
  // is kept as its (row 0, row 1) pair and its row 2.
  const auto sweep = [&](int begin, int end, const auto& column) {
    if (begin >= end) return;
    __m512i pair[3], last[3];
    const auto fetch = [&](int slot, int ix) {
      pair[slot] = PairHalves(column(0, ix), column(1, ix));
      last[slot] = column(2, ix);
    };
    const int first = begin * kStride - g.pad_left;
    fetch(0, first);
    if constexpr (kStride == 1) fetch(1, first + 1);
    for (int ox = begin; ox < end; ++ox) {
      const int ix = ox * kStride - g.pad_left;
      if constexpr (kStride != 1) fetch(1, ix + 1);
      fetch(2, ix + 2);
      // Two chains, so that consecutive taps need not wait for each other.
      __m512i a = MulAdd<kVnni>(bias, pair[0], w_pair[0]);
      __m512i b = _mm512_madd_epi16(pair[1], w_pair[1]);
      a = MulAdd<kVnni>(a, pair[2], w_pair[2]);
      b = MulAdd<kVnni>(b, last[0], w_last[0]);
      a = MulAdd<kVnni>(a, last[1], w_last[1]);
      b = MulAdd<kVnni>(b, last[2], w_last[2]);
      stage.Store(_mm512_add_epi32(a, b), mask, !kMasked, out + ox * out_depth);
      if constexpr (kStride == 1) {
        pair[0] = pair[1];
        last[0] = last[1];
        pair[1] = pair[2];
        last[1] = last[2];
      } else {
        pair[0] = pair[2];
        last[0] = last[2];
      }
    }
  };

  if (!all_rows) {
    sweep(0, g.output_width, checked);
    return;
  }
  sweep(0, interior.begin, checked);
  sweep(interior.begin, interior.end, inside);
  sweep(interior.end, g.output_width, checked);
}

template <typename T, ConvRounding kRounding, bool kVnni, int kStride>
void SlidingRows(const DepthwiseGeometry& g, const T* input, const int32_t* packed,
                 const DepthwiseQuantParams& p, int row_begin, int row_end, T* output) {
  const ptrdiff_t image_size =
      static_cast<ptrdiff_t>(g.input_height) * g.input_width * g.input_depth;
  const ColumnSpan interior = InteriorColumns(g);
  const int tiles = DepthwiseTiles(g, kQuantLanes);
  const size_t tile_words = QuantTileWords(9, kQuantLanes);
  for (int row = row_begin; row < row_end; ++row) {
    const int b = row / g.output_height;
    const int oy = row % g.output_height;
    const T* image = input + b * image_size;
    const int y0 = oy * g.stride_height - g.pad_top;
    T* out_row = output + static_cast<ptrdiff_t>(row) * g.output_width * g.output_depth;
    for (int t = 0; t < tiles; ++t) {
      const int first = t * kQuantLanes;
      const int lanes = g.output_depth - first;
      const int32_t* tile = packed + tile_words * static_cast<size_t>(t);
      const bool short_rounding = ShortRoundingTile(tile);
      const auto run = [&](auto masked, auto short_form) {
        SlidingTileRow<T, kRounding, kVnni, decltype(short_form)::value, kStride,
                       decltype(masked)::value>(g, image + first, y0, tile, lanes, p, interior,
                                                out_row + first);
      };
      using True = std::true_type;
      using False = std::false_type;
      if (lanes >= kQuantLanes) {
        short_rounding ? run(False{}, True{}) : run(False{}, False{});
      } else {
        short_rounding ? run(True{}, True{}) : run(True{}, False{});
      }
    }
  }
}

// Whether SlidingRows computes this geometry.
inline bool SlidingApplies(const DepthwiseGeometry& g) {
  return g.filter_height == 3 && g.filter_width == 3 && g.dilation_height == 1 &&
         g.dilation_width == 1 && g.depth_multiplier == 1 && g.stride_width == g.stride_height &&
         (g.stride_width == 1 || g.stride_width == 2);
}

// The whole kernel: the sliding sweep where it applies, else row_sweep.h's
// generic sweep (whose tiles keep the general output stage and vpmaddwd).
template <bool kVnni, typename T>
void SweepQuantAvx512(const DepthwiseGeometry& g, const T* input, const int32_t* packed,
                      const DepthwiseQuantParams& p, int row_begin, int row_end, T* output) {
  if (row_begin >= row_end || g.output_width <= 0 || g.output_depth <= 0) return;
  if (!SlidingApplies(g)) {
    // vpmaddwd + vpaddd even with VNNI: the generic sweep adds every tap to
    // one accumulator, and a chain of vpdpwssd waits its full latency per
    // tap where the vpmaddwd products are independent (measured: 5x5
    // layers ~20% slower with vpdpwssd).
    SweepQuant<kQuantLanes, QuantTileOf</*kVnni=*/false, false>::template Tile>(
        g, input, packed, p, row_begin, row_end, output);
    return;
  }
  const auto run = [&](auto rounding, auto stride) {
    SlidingRows<T, decltype(rounding)::value, kVnni, decltype(stride)::value>(
        g, input, packed, p, row_begin, row_end, output);
  };
  using Double = std::integral_constant<ConvRounding, ConvRounding::kDoubleRounding>;
  using TiesUp = std::integral_constant<ConvRounding, ConvRounding::kDoubleRoundingTiesUp>;
  using One = std::integral_constant<int, 1>;
  using Two = std::integral_constant<int, 2>;
  if (p.rounding == ConvRounding::kDoubleRounding) {
    g.stride_width == 1 ? run(Double{}, One{}) : run(Double{}, Two{});
  } else {
    g.stride_width == 1 ? run(TiesUp{}, One{}) : run(TiesUp{}, Two{});
  }
}

}  // namespace
}  // namespace liteforge::kernels
