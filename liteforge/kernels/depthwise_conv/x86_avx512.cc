// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 depthwise convolution: 16 output channels per zmm register. The
// loops are row_sweep.h's (per output row, per 16-channel tile, per output
// pixel); the tiles here hold a tile's packed parameters (layout.h) in
// registers for the whole row and do the per-tap and per-pixel work.
//
// Quantized: 8-bit inputs are widened to int32 lanes and multiplied with
// vpmaddwd against the int16-in-int32 weights, exact and cheaper than
// vpmulld; the input offset lives in the packed bias, so padding taps add
// zero_point * w'. The output stage (below) is bit-exact with ConvScale.
// Float: multiply then add in (fy, fx) order, never fused, so the results
// equal the reference kernel's bit for bit.

// GCC 12.2 warns about the deliberately undefined vectors inside its own
// AVX-512 intrinsics (GCC bug 105593); the warnings are not about our code.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

#include "liteforge/kernels/depthwise_conv/depthwise_variants.h"
#include "liteforge/kernels/depthwise_conv/layout.h"
#include "liteforge/kernels/depthwise_conv/row_sweep.h"
#include "liteforge/kernels/requantize/x86_avx512_requantize.h"

namespace liteforge::kernels {
namespace {

constexpr int kLanes = 16;

inline __mmask16 FirstLanes(int n) {
  return n >= kLanes ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << n) - 1u);
}

// The compiler contracts a vector multiply followed by an add into an FMA
// (GCC's default -ffp-contract=fast applies to intrinsics too); the
// reference rounds the product first. An empty asm hides the product.
inline __m512 Opaque(__m512 v) {
  __asm__("" : "+v"(v));
  return v;
}

// The output stage. Single rounding is avx512::Requantize's. For double
// rounding (TFLite's depthwise rule, the hot one) the high multiply is
// shortened: with a multiplier >= 0, SaturatingRoundingDoublingHighMul(a, m)
// equals floor((a * m + 2^30) / 2^31) whatever the product's sign (the
// scalar adds 1 - 2^30 to a negative product and truncates towards zero,
// i.e. floor((p + 1 - 2^30 + 2^31 - 1) / 2^31), the same expression), so it
// needs no sign masks: bits 31..62 of the nudged 64-bit products. Measured
// ~40% more int8 depthwise throughput than the generic form; the tests hold
// both to the scalar ConvScale, ties included.
inline __m512i HighMulDoubling(__m512i a, __m512i multiplier) {
  const __m512i nudge = _mm512_set1_epi64(int64_t{1} << 30);
  const __m512i even = _mm512_add_epi64(_mm512_mul_epi32(a, multiplier), nudge);
  const __m512i odd = _mm512_add_epi64(
      _mm512_mul_epi32(_mm512_srli_epi64(a, 32), _mm512_srli_epi64(multiplier, 32)), nudge);
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

template <ConvRounding kRounding>
inline __m512i OutputStage(__m512i acc, __m512i multiplier, __m512i left, __m512i right,
                           __m512i output_offset, __m512i act_min, __m512i act_max) {
  if constexpr (kRounding == ConvRounding::kDoubleRounding) {
    const __m512i high = HighMulDoubling(_mm512_sllv_epi32(acc, left), multiplier);
    const __m512i v = _mm512_add_epi32(RoundingDivideByPOT(high, right), output_offset);
    return _mm512_min_epi32(_mm512_max_epi32(v, act_min), act_max);
  } else {
    return avx512::Requantize<kRounding>(acc, multiplier, left, right, output_offset, act_min,
                                         act_max);
  }
}

inline __m512i Widen(__m128i bytes, const int8_t*) { return _mm512_cvtepi8_epi32(bytes); }
inline __m512i Widen(__m128i bytes, const uint8_t*) { return _mm512_cvtepu8_epi32(bytes); }

// One 16-channel tile of a quantized row. kPermute: the input lanes need a
// masked load and a permutation (depth multiplier > 1 or a partial last
// tile); otherwise one plain 16-byte load. kTaps > 0 keeps the weights in
// registers; 0 reads them from the packed tile.
template <typename T, ConvRounding kRounding, bool kPermute, int kTaps>
struct QuantTile {
  QuantTile(const int32_t* tile, int input_lanes, int output_lanes, const DepthwiseQuantParams& p)
      : weights(tile + kQuantTileHeaderRows * kLanes),
        in_mask(FirstLanes(input_lanes)),
        out_mask(FirstLanes(output_lanes)) {
    bias = _mm512_loadu_si512(tile);
    multiplier = _mm512_loadu_si512(tile + 1 * kLanes);
    left = _mm512_loadu_si512(tile + 2 * kLanes);
    right = _mm512_loadu_si512(tile + 3 * kLanes);
    lane_index = _mm512_loadu_si512(tile + 4 * kLanes);
    zero_point = _mm512_set1_epi32(-p.input_offset);
    output_offset = _mm512_set1_epi32(p.output_offset);
    act_min = _mm512_set1_epi32(p.act_min);
    act_max = _mm512_set1_epi32(p.act_max);
    if constexpr (kTaps > 0) {
      for (int k = 0; k < kTaps; ++k) w[k] = _mm512_loadu_si512(weights + k * kLanes);
    }
  }

  __m512i W(int k) const {
    if constexpr (kTaps > 0) {
      return w[k];
    } else {
      return _mm512_loadu_si512(weights + static_cast<ptrdiff_t>(k) * kLanes);
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
  void Tap(__m512i& acc, const T* p, int k) const {
    acc = _mm512_add_epi32(acc, _mm512_madd_epi16(Load(p), W(k)));
  }
  void PadTap(__m512i& acc, int k) const {
    acc = _mm512_add_epi32(acc, _mm512_madd_epi16(zero_point, W(k)));
  }
  void Finish(__m512i acc, T* out) const {
    const __m512i v =
        OutputStage<kRounding>(acc, multiplier, left, right, output_offset, act_min, act_max);
    // Truncation to 8 bits, the reference's static_cast of the clamped value.
    _mm512_mask_cvtepi32_storeu_epi8(out, out_mask, v);
  }

  const int32_t* weights;
  __mmask16 in_mask;
  __mmask16 out_mask;
  __m512i bias, multiplier, left, right, lane_index;
  __m512i zero_point, output_offset, act_min, act_max;
  __m512i w[kTaps > 0 ? kTaps : 1];
};

template <bool kPermute, int kTaps>
struct F32Tile {
  F32Tile(const float* tile, int input_lanes, int output_lanes, float lo, float hi)
      : weights(tile + kF32TileHeaderRows * kLanes),
        in_mask(FirstLanes(input_lanes)),
        out_mask(FirstLanes(output_lanes)) {
    bias = _mm512_loadu_ps(tile);
    lane_index = _mm512_loadu_si512(tile + kLanes);
    act_min = _mm512_set1_ps(lo);
    act_max = _mm512_set1_ps(hi);
    if constexpr (kTaps > 0) {
      for (int k = 0; k < kTaps; ++k) w[k] = _mm512_loadu_ps(weights + k * kLanes);
    }
  }

  __m512 W(int k) const {
    if constexpr (kTaps > 0) {
      return w[k];
    } else {
      return _mm512_loadu_ps(weights + static_cast<ptrdiff_t>(k) * kLanes);
    }
  }

  __m512 Load(const float* p) const {
    if constexpr (kPermute) {
      return _mm512_permutexvar_ps(lane_index, _mm512_maskz_loadu_ps(in_mask, p));
    } else {
      return _mm512_loadu_ps(p);
    }
  }

  __m512 Init() const { return _mm512_setzero_ps(); }
  void Tap(__m512& acc, const float* p, int k) const {
    acc = _mm512_add_ps(acc, Opaque(_mm512_mul_ps(Load(p), W(k))));
  }
  // Taps outside the image are skipped, as the reference does.
  void PadTap(__m512&, int) const {}
  void Finish(__m512 acc, float* out) const {
    __m512 v = _mm512_add_ps(acc, bias);
    // Operand order keeps std::max(v, lo) / std::min(v, hi): a NaN passes.
    v = _mm512_max_ps(act_min, v);
    v = _mm512_min_ps(act_max, v);
    _mm512_mask_storeu_ps(out, out_mask, v);
  }

  const float* weights;
  __mmask16 in_mask;
  __mmask16 out_mask;
  __m512 bias, act_min, act_max;
  __m512i lane_index;
  __m512 w[kTaps > 0 ? kTaps : 1];
};

}  // namespace

void f32_dwconv2d_16c__avx512(const DepthwiseGeometry& g, const float* input, const float* packed,
                              float act_min, float act_max, int row_begin, int row_end,
                              float* output) {
  SweepF32<kLanes, F32Tile>(g, input, packed, act_min, act_max, row_begin, row_end, output);
}

void qs8_dwconv2d_16c__avx512(const DepthwiseGeometry& g, const int8_t* input,
                              const int32_t* packed, const DepthwiseQuantParams& p, int row_begin,
                              int row_end, int8_t* output) {
  SweepQuant<kLanes, QuantTile>(g, input, packed, p, row_begin, row_end, output);
}

void qu8_dwconv2d_16c__avx512(const DepthwiseGeometry& g, const uint8_t* input,
                              const int32_t* packed, const DepthwiseQuantParams& p, int row_begin,
                              int row_end, uint8_t* output) {
  SweepQuant<kLanes, QuantTile>(g, input, packed, p, row_begin, row_end, output);
}

}  // namespace liteforge::kernels
