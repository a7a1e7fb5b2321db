// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 depthwise convolution: 8 output channels per ymm register, for CPUs
// without AVX-512. Same loops (row_sweep.h) and packed parameters
// (layout.h, 8-lane tiles) as x86_avx512.cc; the tiles differ where AVX2
// lacks masked byte loads and stores (partial tiles go through a small
// stack buffer) and a 32-to-8-bit narrowing (a byte shuffle instead).
//
// Quantized: widened 8-bit inputs times int16-in-int32 weights with
// vpmaddwd (exact, see layout.h), avx2::Requantize for the output stage,
// bit-exact with the reference. Float: multiply then add in (fy, fx)
// order, never fused, bit-exact with the reference.

#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "liteforge/kernels/depthwise_conv/depthwise_variants.h"
#include "liteforge/kernels/depthwise_conv/layout.h"
#include "liteforge/kernels/depthwise_conv/row_sweep.h"
#include "liteforge/kernels/requantize/x86_avx2_requantize.h"

namespace liteforge::kernels {
namespace {

constexpr int kLanes = 8;

// The compiler contracts a vector multiply followed by an add into an FMA
// (GCC's default -ffp-contract=fast applies to intrinsics too); the
// reference rounds the product first. An empty asm hides the product.
inline __m256 Opaque(__m256 v) {
  __asm__("" : "+x"(v));
  return v;
}

// All-ones in the first n 32-bit lanes, for maskload / maskstore.
inline __m256i FirstLanesMask(int n) {
  const __m256i index = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(n < kLanes ? n : kLanes), index);
}

inline __m256i Widen(__m128i bytes, const int8_t*) { return _mm256_cvtepi8_epi32(bytes); }
inline __m256i Widen(__m128i bytes, const uint8_t*) { return _mm256_cvtepu8_epi32(bytes); }

// The low byte of each 32-bit lane, in order, in the low 8 bytes: the
// reference's static_cast of the clamped value.
inline __m128i NarrowToBytes(__m256i v) {
  const __m256i pick =
      _mm256_setr_epi8(0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 4, 8, 12, -1,
                       -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
  const __m256i bytes = _mm256_shuffle_epi8(v, pick);
  return _mm256_castsi256_si128(
      _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 1, 1, 1, 1, 1, 1)));
}

// One 8-channel tile of a quantized row; see x86_avx512.cc's QuantTile.
// kPermute tiles load the input lanes that exist (at most 8, through a
// buffer when fewer remain, so nothing past the input is read) and permute
// them to the output lanes.
template <typename T, ConvRounding kRounding, bool kPermute, int kTaps>
struct QuantTile {
  QuantTile(const int32_t* tile, int input_lanes, int output_lanes, const DepthwiseQuantParams& p)
      : weights(tile + kQuantTileHeaderRows * kLanes),
        in_lanes(input_lanes < kLanes ? input_lanes : kLanes),
        out_lanes(output_lanes < kLanes ? output_lanes : kLanes) {
    const auto load = [](const int32_t* q) {
      return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q));
    };
    bias = load(tile);
    multiplier = load(tile + 1 * kLanes);
    left = load(tile + 2 * kLanes);
    right = load(tile + 3 * kLanes);
    lane_index = load(tile + 4 * kLanes);
    zero_point = _mm256_set1_epi32(-p.input_offset);
    output_offset = _mm256_set1_epi32(p.output_offset);
    act_min = _mm256_set1_epi32(p.act_min);
    act_max = _mm256_set1_epi32(p.act_max);
    if constexpr (kTaps > 0) {
      for (int k = 0; k < kTaps; ++k) w[k] = load(weights + k * kLanes);
    }
  }

  __m256i W(int k) const {
    if constexpr (kTaps > 0) {
      return w[k];
    } else {
      return _mm256_loadu_si256(
          reinterpret_cast<const __m256i*>(weights + static_cast<ptrdiff_t>(k) * kLanes));
    }
  }

  __m256i Load(const T* p) const {
    if constexpr (kPermute) {
      int64_t bits = 0;
      if (in_lanes == kLanes) {
        std::memcpy(&bits, p, kLanes);
      } else {
        std::memcpy(&bits, p, static_cast<size_t>(in_lanes));
      }
      return _mm256_permutevar8x32_epi32(Widen(_mm_cvtsi64_si128(bits), p), lane_index);
    } else {
      return Widen(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)), p);
    }
  }

  __m256i Init() const { return bias; }
  void Tap(__m256i& acc, const T* p, int k) const {
    acc = _mm256_add_epi32(acc, _mm256_madd_epi16(Load(p), W(k)));
  }
  void PadTap(__m256i& acc, int k) const {
    acc = _mm256_add_epi32(acc, _mm256_madd_epi16(zero_point, W(k)));
  }
  void Finish(__m256i acc, T* out) const {
    const __m256i v =
        avx2::Requantize<kRounding>(acc, multiplier, left, right, output_offset, act_min, act_max);
    const __m128i bytes = NarrowToBytes(v);
    if (kPermute && out_lanes < kLanes) {
      const int64_t b = _mm_cvtsi128_si64(bytes);
      std::memcpy(out, &b, static_cast<size_t>(out_lanes));
    } else {
      _mm_storel_epi64(reinterpret_cast<__m128i*>(out), bytes);
    }
  }

  const int32_t* weights;
  int in_lanes;
  int out_lanes;
  __m256i bias, multiplier, left, right, lane_index;
  __m256i zero_point, output_offset, act_min, act_max;
  __m256i w[kTaps > 0 ? kTaps : 1];
};

template <bool kPermute, int kTaps>
struct F32Tile {
  F32Tile(const float* tile, int input_lanes, int output_lanes, float lo, float hi)
      : weights(tile + kF32TileHeaderRows * kLanes),
        in_mask(FirstLanesMask(input_lanes)),
        out_mask(FirstLanesMask(output_lanes)) {
    bias = _mm256_loadu_ps(tile);
    lane_index = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(tile + kLanes));
    act_min = _mm256_set1_ps(lo);
    act_max = _mm256_set1_ps(hi);
    if constexpr (kTaps > 0) {
      for (int k = 0; k < kTaps; ++k) w[k] = _mm256_loadu_ps(weights + k * kLanes);
    }
  }

  __m256 W(int k) const {
    if constexpr (kTaps > 0) {
      return w[k];
    } else {
      return _mm256_loadu_ps(weights + static_cast<ptrdiff_t>(k) * kLanes);
    }
  }

  __m256 Load(const float* p) const {
    if constexpr (kPermute) {
      return _mm256_permutevar8x32_ps(_mm256_maskload_ps(p, in_mask), lane_index);
    } else {
      return _mm256_loadu_ps(p);
    }
  }

  __m256 Init() const { return _mm256_setzero_ps(); }
  void Tap(__m256& acc, const float* p, int k) const {
    acc = _mm256_add_ps(acc, Opaque(_mm256_mul_ps(Load(p), W(k))));
  }
  // Taps outside the image are skipped, as the reference does.
  void PadTap(__m256&, int) const {}
  void Finish(__m256 acc, float* out) const {
    __m256 v = _mm256_add_ps(acc, bias);
    // Operand order keeps std::max(v, lo) / std::min(v, hi): a NaN passes.
    v = _mm256_max_ps(act_min, v);
    v = _mm256_min_ps(act_max, v);
    if constexpr (kPermute) {
      _mm256_maskstore_ps(out, out_mask, v);
    } else {
      _mm256_storeu_ps(out, v);
    }
  }

  const float* weights;
  __m256i in_mask;
  __m256i out_mask;
  __m256 bias, act_min, act_max;
  __m256i lane_index;
  __m256 w[kTaps > 0 ? kTaps : 1];
};

}  // namespace

void f32_dwconv2d_8c__avx2(const DepthwiseGeometry& g, const float* input, const float* packed,
                           float act_min, float act_max, int row_begin, int row_end,
                           float* output) {
  SweepF32<kLanes, F32Tile>(g, input, packed, act_min, act_max, row_begin, row_end, output);
}

void qs8_dwconv2d_8c__avx2(const DepthwiseGeometry& g, const int8_t* input, const int32_t* packed,
                           const DepthwiseQuantParams& p, int row_begin, int row_end,
                           int8_t* output) {
  SweepQuant<kLanes, QuantTile>(g, input, packed, p, row_begin, row_end, output);
}

void qu8_dwconv2d_8c__avx2(const DepthwiseGeometry& g, const uint8_t* input, const int32_t* packed,
                           const DepthwiseQuantParams& p, int row_begin, int row_end,
                           uint8_t* output) {
  SweepQuant<kLanes, QuantTile>(g, input, packed, p, row_begin, row_end, output);
}

}  // namespace liteforge::kernels
