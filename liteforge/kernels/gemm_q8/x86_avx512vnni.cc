// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The 8-bit conv GEMM with AVX-512 VNNI: tiles of 6 output pixels x up to
// 64 channels (24 zmm accumulators), vpdpbusd over groups of 4 patch
// bytes, then the fused per-channel output stage. Layout and the algebra
// of the correction terms are in q8_conv.h.
//
// A 1x1 unpadded conv whose depth is a multiple of 4 reads its patches in
// place (a pixel's channels are contiguous in NHWC); every other conv
// gathers the tile's patches into scratch first.

#include <immintrin.h>

#include <algorithm>
#include <cstring>

#include "liteforge/kernels/gemm_q8/q8_conv.h"
#include "liteforge/kernels/requantize/x86_avx512_requantize.h"

namespace liteforge::kernels {
namespace {

constexpr int kTilePixels = 6;

inline __m512i Broadcast4(const uint8_t* p) {
  int32_t v;
  std::memcpy(&v, p, sizeof(v));
  return _mm512_set1_epi32(v);
}

// Sum of n bytes, read as signed (int8 input) or unsigned.
template <bool kInt8>
int32_t SumBytes(const uint8_t* p, int n) {
  const __m512i ones = _mm512_set1_epi8(1);
  __m512i acc = _mm512_setzero_si512();
  int i = 0;
  for (; i + 64 <= n; i += 64) {
    const __m512i x = _mm512_loadu_si512(p + i);
    acc = kInt8 ? _mm512_dpbusd_epi32(acc, ones, x) : _mm512_dpbusd_epi32(acc, x, ones);
  }
  if (i < n) {
    const __mmask64 m = _cvtu64_mask64((~uint64_t{0}) >> (64 - (n - i)));
    const __m512i x = _mm512_maskz_loadu_epi8(m, p + i);
    acc = kInt8 ? _mm512_dpbusd_epi32(acc, ones, x) : _mm512_dpbusd_epi32(acc, x, ones);
  }
  return _mm512_reduce_add_epi32(acc);
}

// One tile: rows[i] points at pixel i's K4 patch bytes; `weights` at the
// panel (kVectors * 16 channels, [k/4][channel][4]); results for the first
// `pixels` rows are stored to out[i] + channel.
template <bool kInt8, ConvRounding kRounding, int kVectors>
void Tile(const Q8ConvPacked& p, const uint8_t* const* rows, const int32_t* pixel_sums,
          int pixels, const uint8_t* weights, int channel_begin, int channels,
          uint8_t* const* out) {
  __m512i acc[kTilePixels][kVectors];
  for (int i = 0; i < kTilePixels; ++i) {
    for (int v = 0; v < kVectors; ++v) acc[i][v] = _mm512_setzero_si512();
  }
  const int groups = p.k4 / 4;
  const uint8_t* w = weights;
  for (int kg = 0; kg < groups; ++kg) {
    __m512i wv[kVectors];
    for (int v = 0; v < kVectors; ++v) wv[v] = _mm512_loadu_si512(w + 64 * v);
    w += 64 * kVectors;
    for (int i = 0; i < kTilePixels; ++i) {
      const __m512i x = Broadcast4(rows[i] + 4 * kg);
      for (int v = 0; v < kVectors; ++v) {
        // int8: unsigned weights times signed input; uint8: the reverse.
        acc[i][v] = kInt8 ? _mm512_dpbusd_epi32(acc[i][v], wv[v], x)
                          : _mm512_dpbusd_epi32(acc[i][v], x, wv[v]);
      }
    }
  }
  const __m512i offset = _mm512_set1_epi32(p.output_offset);
  const __m512i lo = _mm512_set1_epi32(p.act_min);
  const __m512i hi = _mm512_set1_epi32(p.act_max);
  const __m512i sum_scale = _mm512_set1_epi32(p.pixel_sum_scale);
  for (int v = 0; v < kVectors; ++v) {
    const int c = channel_begin + 16 * v;
    const int valid = channels - 16 * v;
    if (valid <= 0) break;
    const __mmask16 mask = valid >= 16 ? static_cast<__mmask16>(0xFFFF)
                                       : static_cast<__mmask16>((1u << valid) - 1);
    const __m512i bias = _mm512_loadu_si512(p.channel_bias + c);
    const __m512i mult = _mm512_loadu_si512(p.multipliers + c);
    const __m512i left = _mm512_loadu_si512(p.left_shifts + c);
    const __m512i right = _mm512_loadu_si512(p.right_shifts + c);
    for (int i = 0; i < pixels; ++i) {
      __m512i a = _mm512_add_epi32(acc[i][v], bias);
      a = _mm512_add_epi32(a, _mm512_mullo_epi32(sum_scale, _mm512_set1_epi32(pixel_sums[i])));
      const __m512i r = avx512::Requantize<kRounding>(a, mult, left, right, offset, lo, hi);
      _mm512_mask_cvtepi32_storeu_epi8(out[i] + c, mask, r);
    }
  }
}

template <bool kInt8, ConvRounding kRounding>
void Run(const ConvGeometry& g, const Q8ConvPacked& p, const uint8_t* input, int pixel_begin,
         int pixel_end, uint8_t* scratch, uint8_t* output) {
  const int out_hw = g.output_height * g.output_width;
  const bool direct = Q8ConvReadsInputInPlace(g);  // no scratch then
  const size_t cin = static_cast<size_t>(g.input_depth);
  for (int m0 = pixel_begin; m0 < pixel_end; m0 += kTilePixels) {
    const int pixels = std::min(kTilePixels, pixel_end - m0);
    const uint8_t* rows[kTilePixels];
    uint8_t* out[kTilePixels];
    int32_t sums[kTilePixels];
    for (int i = 0; i < kTilePixels; ++i) {
      // Rows past the end repeat the first one; their results are dropped.
      const int m = m0 + (i < pixels ? i : 0);
      const int b = m / out_hw;
      const int oy = (m % out_hw) / g.output_width;
      const int ox = m % g.output_width;
      out[i] = output + static_cast<size_t>(m) * p.n;
      if (i >= pixels) {
        rows[i] = rows[0];
        sums[i] = sums[0];
        continue;
      }
      if (direct) {
        const size_t iy = static_cast<size_t>(oy) * g.stride_height;
        const size_t ix = static_cast<size_t>(ox) * g.stride_width;
        rows[i] = input + ((static_cast<size_t>(b) * g.input_height + iy) * g.input_width + ix) * cin;
      } else {
        uint8_t* dst = scratch + static_cast<size_t>(i) * p.k4;
        rows[i] = dst;
        for (int fy = 0; fy < g.filter_height; ++fy) {
          const int iy = oy * g.stride_height - g.pad_top + fy * g.dilation_height;
          for (int fx = 0; fx < g.filter_width; ++fx) {
            const int ix = ox * g.stride_width - g.pad_left + fx * g.dilation_width;
            if (iy >= 0 && iy < g.input_height && ix >= 0 && ix < g.input_width) {
              std::memcpy(dst,
                          input + ((static_cast<size_t>(b) * g.input_height + iy) *
                                       g.input_width + ix) * cin,
                          cin);
            } else {
              std::memset(dst, p.pad_byte, cin);
            }
            dst += cin;
          }
        }
        // Patch padding meets zero weights; zeroed so no byte is undefined.
        std::memset(dst, 0, static_cast<size_t>(p.k4 - p.k));
      }
      sums[i] = SumBytes<kInt8>(rows[i], p.k);
    }
    int c = 0;
    const uint8_t* panel = p.weights;
    for (; c + kQ8ConvPanelChannels <= p.n16; c += kQ8ConvPanelChannels) {
      Tile<kInt8, kRounding, 4>(p, rows, sums, pixels, panel, c, p.n - c, out);
      panel += static_cast<size_t>(kQ8ConvPanelChannels) * p.k4;
    }
    switch ((p.n16 - c) / 16) {
      case 3: Tile<kInt8, kRounding, 3>(p, rows, sums, pixels, panel, c, p.n - c, out); break;
      case 2: Tile<kInt8, kRounding, 2>(p, rows, sums, pixels, panel, c, p.n - c, out); break;
      case 1: Tile<kInt8, kRounding, 1>(p, rows, sums, pixels, panel, c, p.n - c, out); break;
      default: break;
    }
  }
}

}  // namespace

void q8_conv2d_gemm_6x64c4__avx512vnni(const ConvGeometry& g, const Q8ConvPacked& packed,
                                       const uint8_t* input, int pixel_begin, int pixel_end,
                                       uint8_t* scratch, uint8_t* output) {
  const bool ties_up = packed.rounding == ConvRounding::kDoubleRoundingTiesUp;
  if (packed.int8) {
    ties_up ? Run<true, ConvRounding::kDoubleRoundingTiesUp>(g, packed, input, pixel_begin, pixel_end,
                                                     scratch, output)
           : Run<true, ConvRounding::kDoubleRounding>(g, packed, input, pixel_begin, pixel_end,
                                                     scratch, output);
  } else {
    ties_up ? Run<false, ConvRounding::kDoubleRoundingTiesUp>(g, packed, input, pixel_begin, pixel_end,
                                                      scratch, output)
           : Run<false, ConvRounding::kDoubleRounding>(g, packed, input, pixel_begin, pixel_end,
                                                      scratch, output);
  }
}

}  // namespace liteforge::kernels
