// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 depthwise convolution: 16 output channels per zmm register.
//
// Quantized: x86_avx512_quant_tile.h with vpmaddwd + vpaddd per tap (the
// VNNI build of the same code is x86_avx512vnni.cc).
// Float: the loops are row_sweep.h's (per output row, per 16-channel tile,
// per output pixel); F32Tile holds a tile's packed parameters (layout.h)
// in registers for the whole row. Multiply then add in (fy, fx) order,
// never fused, so the results equal the reference kernel's bit for bit.

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
#include "liteforge/kernels/depthwise_conv/x86_avx512_quant_tile.h"

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
  SweepQuantAvx512</*kVnni=*/false>(g, input, packed, p, row_begin, row_end, output);
}

void qu8_dwconv2d_16c__avx512(const DepthwiseGeometry& g, const uint8_t* input,
                              const int32_t* packed, const DepthwiseQuantParams& p, int row_begin,
                              int row_end, uint8_t* output) {
  SweepQuantAvx512</*kVnni=*/false>(g, input, packed, p, row_begin, row_end, output);
}

}  // namespace liteforge::kernels
