// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The 8-bit conv GEMM for AVX2 CPUs without VNNI, on the int16-pair layout
// of q8_conv.h. vpmaddubsw would be the byte instruction, but its int16
// sums saturate; instead both operands are widened to int16 with their
// offsets applied (activations while gathering a block's patches, weights
// at packing) and vpmaddwd adds pairs of exact products into int32, so
// the accumulator is the reference's (wrapping alike) and no correction
// terms are needed. Tiles of 6 pixels x 16 channels (12 accumulators),
// then the general vector output stage (requantize/x86_avx2_requantize.h).

#include <immintrin.h>

#include <algorithm>
#include <cstring>

#include "liteforge/kernels/gemm_q8/q8_conv.h"
#include "liteforge/kernels/requantize/x86_avx2_requantize.h"

namespace liteforge::kernels {
namespace {

constexpr int kTileRows = 6;

// dst[0, n) = src[0, n) widened to int16, plus offset.
template <bool kInt8>
inline void Widen(int16_t* dst, const uint8_t* src, int n, int32_t offset) {
  const __m256i o = _mm256_set1_epi16(static_cast<int16_t>(offset));
  int i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    const __m256i w = kInt8 ? _mm256_cvtepi8_epi16(b) : _mm256_cvtepu8_epi16(b);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i), _mm256_add_epi16(w, o));
  }
  for (; i < n; ++i) {
    const int32_t x = kInt8 ? static_cast<int8_t>(src[i]) : src[i];
    dst[i] = static_cast<int16_t>(x + offset);
  }
}

// The patches of pixels [m0, m0 + count) as rows of k4 int16 values
// x + input_offset; taps outside the image hold the zero point, i.e. 0.
template <bool kInt8>
void GatherBlock(const ConvGeometry& g, const Q8ConvPacked& p, const uint8_t* input, int m0,
                 int count, int16_t* patches) {
  const int cin = g.input_depth;
  int b = m0 / (g.output_height * g.output_width);
  int oy = (m0 / g.output_width) % g.output_height;
  int ox = m0 % g.output_width;
  for (int i = 0; i < count; ++i) {
    int16_t* const row = patches + static_cast<size_t>(i) * p.k4;
    int16_t* dst = row;
    for (int fy = 0; fy < g.filter_height; ++fy) {
      const int iy = oy * g.stride_height - g.pad_top + fy * g.dilation_height;
      for (int fx = 0; fx < g.filter_width; ++fx, dst += cin) {
        const int ix = ox * g.stride_width - g.pad_left + fx * g.dilation_width;
        if (iy < 0 || iy >= g.input_height || ix < 0 || ix >= g.input_width) {
          std::memset(dst, 0, static_cast<size_t>(cin) * sizeof(int16_t));
          continue;
        }
        const uint8_t* src =
            input + ((static_cast<size_t>(b) * g.input_height + iy) * g.input_width + ix) * cin;
        Widen<kInt8>(dst, src, cin, p.input_offset);
      }
    }
    for (int k = p.k; k < p.k4; ++k) row[k] = 0;
    if (++ox == g.output_width) {
      ox = 0;
      if (++oy == g.output_height) {
        oy = 0;
        ++b;
      }
    }
  }
}

// One tile: kTileRows patches at a (stride int16 apart, all readable),
// one panel of 16 channels; rows [0, rows) are stored.
template <bool kInt8, ConvRounding kRounding>
void Tile(const Q8ConvPacked& p, const int16_t* a, size_t stride, int rows, const int16_t* w,
          const Q8ChannelBlock& block, int channels, uint8_t* out) {
  __m256i acc[kTileRows][2];
  for (int i = 0; i < kTileRows; ++i) acc[i][0] = acc[i][1] = _mm256_setzero_si256();
  for (int kp = 0; kp < p.k4 / 2; ++kp, w += 32) {
    const __m256i w0 = _mm256_load_si256(reinterpret_cast<const __m256i*>(w));
    const __m256i w1 = _mm256_load_si256(reinterpret_cast<const __m256i*>(w + 16));
    for (int i = 0; i < kTileRows; ++i) {
      int32_t pair;
      std::memcpy(&pair, a + i * stride + 2 * kp, sizeof(pair));
      const __m256i x = _mm256_set1_epi32(pair);
      acc[i][0] = _mm256_add_epi32(acc[i][0], _mm256_madd_epi16(x, w0));
      acc[i][1] = _mm256_add_epi32(acc[i][1], _mm256_madd_epi16(x, w1));
    }
  }
  const __m256i offset = _mm256_set1_epi32(p.output_offset);
  const __m256i lo = _mm256_set1_epi32(p.act_min);
  const __m256i hi = _mm256_set1_epi32(p.act_max);
  for (int v = 0; v < 2; ++v) {
    const auto load = [&](const int32_t* values) {
      return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(values + 8 * v));
    };
    const __m256i bias = load(block.channel_bias);
    const __m256i multiplier = load(block.multiplier);
    const __m256i left = load(block.left_shift);
    const __m256i right = load(block.right_shift);
    for (int i = 0; i < kTileRows; ++i) {
      acc[i][v] = avx2::Requantize<kRounding>(_mm256_add_epi32(acc[i][v], bias), multiplier, left,
                                               right, offset, lo, hi);
    }
  }
  for (int i = 0; i < rows; ++i) {
    // Already clamped to the activation range, so the saturating packs
    // change nothing; they only narrow (and interleave 64-bit halves,
    // which the permute undoes).
    const __m256i words = _mm256_permute4x64_epi64(_mm256_packs_epi32(acc[i][0], acc[i][1]), 0xD8);
    const __m128i low = _mm256_castsi256_si128(words);
    const __m128i high = _mm256_extracti128_si256(words, 1);
    const __m128i bytes = kInt8 ? _mm_packs_epi16(low, high) : _mm_packus_epi16(low, high);
    uint8_t* dst = out + i * static_cast<size_t>(p.n);
    if (channels >= 16) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), bytes);
    } else {
      alignas(16) uint8_t tmp[16];
      _mm_store_si128(reinterpret_cast<__m128i*>(tmp), bytes);
      std::memcpy(dst, tmp, static_cast<size_t>(channels));
    }
  }
}

template <bool kInt8, ConvRounding kRounding>
void Run(const ConvGeometry& g, const Q8ConvPacked& p, const uint8_t* input,
         const Q8ConvWork& work, uint8_t* scratch, uint8_t* output) {
  const int block_pixels = Q8ConvC2BlockPixels(g);  // as Q8ConvC2ScratchBytes assumes
  auto* patches = reinterpret_cast<int16_t*>(scratch);
  int16_t* tile = patches + static_cast<size_t>(block_pixels) * p.k4;
  const size_t stride = static_cast<size_t>(p.k4);
  const auto* weights = reinterpret_cast<const int16_t*>(p.weights);
  for (int m0 = work.pixel_begin; m0 < work.pixel_end; m0 += block_pixels) {
    const int pixels = std::min(block_pixels, work.pixel_end - m0);
    GatherBlock<kInt8>(g, p, input, m0, pixels, patches);
    uint8_t* out = output + static_cast<size_t>(m0) * p.n;
    for (int panel = work.panel_begin; panel < work.panel_end; ++panel) {
      const int c0 = 16 * panel;
      const int16_t* w = weights + static_cast<size_t>(c0) * p.k4;
      const int channels = std::min(16, p.n - c0);
      int i = 0;
      for (; i + kTileRows <= pixels; i += kTileRows) {
        Tile<kInt8, kRounding>(p, patches + i * stride, stride, kTileRows, w, p.blocks[panel],
                               channels, out + static_cast<size_t>(i) * p.n + c0);
      }
      if (i < pixels) {
        // A partial tile runs on a copy padded with repeats of its last row.
        const int rows = pixels - i;
        for (int r = 0; r < kTileRows; ++r) {
          std::memcpy(tile + r * stride, patches + (i + std::min(r, rows - 1)) * stride,
                      stride * sizeof(int16_t));
        }
        Tile<kInt8, kRounding>(p, tile, stride, rows, w, p.blocks[panel], channels,
                               out + static_cast<size_t>(i) * p.n + c0);
      }
    }
  }
}

}  // namespace

void q8_conv2d_gemm_6x16c2__avx2(const ConvGeometry& g, const Q8ConvPacked& packed,
                                 const uint8_t* input, const Q8ConvWork& work, uint8_t* scratch,
                                 uint8_t* output) {
  const bool ties_up = packed.rounding == ConvRounding::kDoubleRoundingTiesUp;
  if (packed.int8) {
    ties_up ? Run<true, ConvRounding::kDoubleRoundingTiesUp>(g, packed, input, work, scratch, output)
            : Run<true, ConvRounding::kDoubleRounding>(g, packed, input, work, scratch, output);
  } else {
    ties_up ? Run<false, ConvRounding::kDoubleRoundingTiesUp>(g, packed, input, work, scratch, output)
            : Run<false, ConvRounding::kDoubleRounding>(g, packed, input, work, scratch, output);
  }
}

}  // namespace liteforge::kernels
