// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 depthwise convolution: 16 output channels per zmm register.
//
// Quantized: x86_avx512_quant_tile.h with vpmaddwd + vpaddd per tap (the
// VNNI build of the same code is x86_avx512vnni.cc).
// Float: 3x3 filters with dilation 1, depth multiplier 1 and stride 1 or 2
// slide along the row with each input column in registers
// (F32SlidingTileRow), 5x5 filters take one sliding pass per filter row
// (F32RowPassTileRow), layers of 1, 2, 4 or 8 channels put several pixels
// in one vector (F32PackedPixelRows); the rest use row_sweep.h's loops (per output row,
// per 16-channel tile, per output pixel), where F32Tile holds a tile's
// packed parameters (layout.h) in registers for the whole row. Both
// multiply then add in (fy, fx) order, never fused, so the results equal
// the reference kernel's bit for bit.

// GCC 12.2 warns about the deliberately undefined vectors inside its own
// AVX-512 intrinsics (GCC bug 105593); the warnings are not about our code.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <algorithm>
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

// One output row of one tile with a 3x3 filter, dilation 1, depth
// multiplier 1 and stride kStride (1 or 2), as SlidingTileRow of
// x86_avx512_quant_tile.h: each input column is loaded once per row and
// tile and kept in registers for the output pixels that read it (the
// generic sweep issues 9 unaligned 64-byte loads per pixel, which bound
// it). The sum is the reference's: rounded products added in (fy, fx)
// order to +0, then the bias. Taps outside the image read a zero column,
// whose product (+-0 for a finite weight) leaves the sum unchanged, as
// skipping the tap does; tiles with an infinite or NaN weight take the
// generic sweep instead. kMasked: a partial tile.
inline __m512 Product(__m512 x, __m512 w) { return Opaque(_mm512_mul_ps(x, w)); }

// Whether all `taps` weights of a tile are finite.
inline bool FiniteWeights(const float* tile, int taps) {
  __mmask16 special = 0;
  for (int k = 0; k < taps; ++k) {
    // 0x99: quiet NaN, signalling NaN, +infinity, -infinity.
    special |= _mm512_fpclass_ps_mask(_mm512_loadu_ps(tile + (kF32TileHeaderRows + k) * kLanes),
                                      0x99);
  }
  return special == 0;
}

template <int kStride, bool kMasked>
[[gnu::flatten]] void F32SlidingTileRow(const DepthwiseGeometry& g, const float* image, int y0,
                                        const float* tile, int lanes, __m512 act_min,
                                        __m512 act_max, ColumnSpan interior, float* out) {
  const __mmask16 mask = FirstLanes(lanes);
  const __m512 bias = _mm512_loadu_ps(tile);
  __m512 w[9];
  for (int k = 0; k < 9; ++k) w[k] = _mm512_loadu_ps(tile + (kF32TileHeaderRows + k) * kLanes);
  const ptrdiff_t depth = g.input_depth;
  const ptrdiff_t out_depth = g.output_depth;
  const float* rows[3];
  bool row_inside[3];
  for (int fy = 0; fy < 3; ++fy) {
    const int iy = y0 + fy;
    row_inside[fy] = iy >= 0 && iy < g.input_height;
    rows[fy] = image + static_cast<ptrdiff_t>(row_inside[fy] ? iy : 0) * g.input_width * depth;
  }
  const bool all_rows = row_inside[0] && row_inside[1] && row_inside[2];
  const auto load = [&](const float* p) -> __m512 {
    if constexpr (kMasked) {
      return _mm512_maskz_loadu_ps(mask, p);
    } else {
      return _mm512_loadu_ps(p);
    }
  };
  const auto checked = [&](int fy, int ix) -> __m512 {
    if (!row_inside[fy] || ix < 0 || ix >= g.input_width) return _mm512_setzero_ps();
    return load(rows[fy] + ix * depth);
  };
  const auto inside = [&](int fy, int ix) -> __m512 { return load(rows[fy] + ix * depth); };

  const auto sweep = [&](int begin, int end, const auto& column) {
    if (begin >= end) return;
    __m512 c0[3], c1[3], c2[3];
    const int first = begin * kStride - g.pad_left;
    for (int fy = 0; fy < 3; ++fy) {
      c0[fy] = column(fy, first);
      if constexpr (kStride == 1) c1[fy] = column(fy, first + 1);
    }
    for (int ox = begin; ox < end; ++ox) {
      const int ix = ox * kStride - g.pad_left;
      for (int fy = 0; fy < 3; ++fy) {
        if constexpr (kStride != 1) c1[fy] = column(fy, ix + 1);
        c2[fy] = column(fy, ix + 2);
      }
      // From +0 like the reference's accumulator, which is never -0 then,
      // so the zero products of padding taps leave it unchanged.
      __m512 acc = _mm512_add_ps(_mm512_setzero_ps(), Product(c0[0], w[0]));
      acc = _mm512_add_ps(acc, Product(c1[0], w[1]));
      acc = _mm512_add_ps(acc, Product(c2[0], w[2]));
      acc = _mm512_add_ps(acc, Product(c0[1], w[3]));
      acc = _mm512_add_ps(acc, Product(c1[1], w[4]));
      acc = _mm512_add_ps(acc, Product(c2[1], w[5]));
      acc = _mm512_add_ps(acc, Product(c0[2], w[6]));
      acc = _mm512_add_ps(acc, Product(c1[2], w[7]));
      acc = _mm512_add_ps(acc, Product(c2[2], w[8]));
      // Operand order keeps std::max(v, lo) / std::min(v, hi): a NaN passes.
      __m512 v = _mm512_max_ps(act_min, _mm512_add_ps(acc, bias));
      v = _mm512_min_ps(act_max, v);
      if constexpr (kMasked) {
        _mm512_mask_storeu_ps(out + ox * out_depth, mask, v);
      } else {
        _mm512_storeu_ps(out + ox * out_depth, v);
      }
      for (int fy = 0; fy < 3; ++fy) {
        if constexpr (kStride == 1) {
          c0[fy] = c1[fy];
          c1[fy] = c2[fy];
        } else {
          c0[fy] = c2[fy];
        }
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

template <int kStride>
void F32SlidingRows(const DepthwiseGeometry& g, const float* input, const float* packed,
                    float lo, float hi, int row_begin, int row_end, float* output) {
  const ptrdiff_t image_size =
      static_cast<ptrdiff_t>(g.input_height) * g.input_width * g.input_depth;
  const ColumnSpan interior = InteriorColumns(g);
  const int tiles = DepthwiseTiles(g, kLanes);
  const size_t tile_words = F32TileWords(9, kLanes);
  const __m512 act_min = _mm512_set1_ps(lo);
  const __m512 act_max = _mm512_set1_ps(hi);
  for (int row = row_begin; row < row_end; ++row) {
    const int b = row / g.output_height;
    const int oy = row % g.output_height;
    const float* image = input + b * image_size;
    const int y0 = oy * g.stride_height - g.pad_top;
    float* out_row = output + static_cast<ptrdiff_t>(row) * g.output_width * g.output_depth;
    for (int t = 0; t < tiles; ++t) {
      const int first = t * kLanes;
      const int lanes = g.output_depth - first;
      const float* tile = packed + tile_words * static_cast<size_t>(t);
      if (!FiniteWeights(tile, 9)) {
        const bool rows_inside = y0 >= 0 && y0 + 2 < g.input_height;
        if (lanes >= kLanes) {
          SweepTileRow<3, 3>(g, interior, image + first, y0, rows_inside,
                             F32Tile<false, 9>(tile, lanes, lanes, lo, hi), out_row + first);
        } else {
          SweepTileRow<3, 3>(g, interior, image + first, y0, rows_inside,
                             F32Tile<true, 9>(tile, lanes, lanes, lo, hi), out_row + first);
        }
      } else if (lanes >= kLanes) {
        F32SlidingTileRow<kStride, false>(g, image + first, y0, tile, lanes, act_min, act_max,
                                          interior, out_row + first);
      } else {
        F32SlidingTileRow<kStride, true>(g, image + first, y0, tile, lanes, act_min, act_max,
                                         interior, out_row + first);
      }
    }
  }
}

// Row passes for larger square filters (kSize x kSize, dilation 1, depth
// multiplier 1): registers cannot hold every column of the window, so the
// tile's output row is computed one filter row at a time, sliding that
// row's kSize columns along the input row. Pass fy adds filter row fy's
// products, in fx order, to the partial sums the earlier passes left in
// the output (the first valid row starts from +0, the last adds the bias
// and clamps): the reference's order, so bit-exact. Filter rows outside the
// image are skipped, as the reference skips them; columns outside read
// zeros (see F32SlidingTileRow). kMasked: a partial tile.
template <int kSize, int kStride, bool kMasked>
[[gnu::flatten]] void F32RowPassTileRow(const DepthwiseGeometry& g, const float* image, int y0,
                                        const float* tile, int lanes, __m512 act_min,
                                        __m512 act_max, ColumnSpan interior, float* out) {
  static_assert(kStride < kSize);
  const __mmask16 mask = FirstLanes(lanes);
  const __m512 bias = _mm512_loadu_ps(tile);
  const ptrdiff_t depth = g.input_depth;
  const ptrdiff_t out_depth = g.output_depth;
  int first_fy = kSize;
  int last_fy = -1;
  for (int fy = 0; fy < kSize; ++fy) {
    if (y0 + fy >= 0 && y0 + fy < g.input_height) {
      if (first_fy == kSize) first_fy = fy;
      last_fy = fy;
    }
  }
  const auto load = [&](const float* p) -> __m512 {
    if constexpr (kMasked) {
      return _mm512_maskz_loadu_ps(mask, p);
    } else {
      return _mm512_loadu_ps(p);
    }
  };
  const auto store = [&](float* p, __m512 v) {
    if constexpr (kMasked) {
      _mm512_mask_storeu_ps(p, mask, v);
    } else {
      _mm512_storeu_ps(p, v);
    }
  };
  if (first_fy == kSize) {
    // No filter row inside the image: the bias alone.
    const __m512 v = _mm512_min_ps(act_max, _mm512_max_ps(act_min, bias));
    for (int ox = 0; ox < g.output_width; ++ox) store(out + ox * out_depth, v);
    return;
  }
  for (int fy = first_fy; fy <= last_fy; ++fy) {
    const float* row = image + static_cast<ptrdiff_t>(y0 + fy) * g.input_width * depth;
    __m512 w[kSize];
    for (int fx = 0; fx < kSize; ++fx) {
      w[fx] = _mm512_loadu_ps(tile + (kF32TileHeaderRows + fy * kSize + fx) * kLanes);
    }
    const bool first = fy == first_fy;
    const bool last = fy == last_fy;
    const auto checked = [&](int ix) -> __m512 {
      if (ix < 0 || ix >= g.input_width) return _mm512_setzero_ps();
      return load(row + ix * depth);
    };
    const auto inside = [&](int ix) -> __m512 { return load(row + ix * depth); };
    const auto sweep = [&](int begin, int end, const auto& column) {
      if (begin >= end) return;
      __m512 c[kSize];
      const int x_first = begin * kStride - g.pad_left;
      for (int fx = 0; fx < kSize - kStride; ++fx) c[fx] = column(x_first + fx);
      for (int ox = begin; ox < end; ++ox) {
        const int ix = ox * kStride - g.pad_left;
        for (int fx = kSize - kStride; fx < kSize; ++fx) c[fx] = column(ix + fx);
        float* o = out + ox * out_depth;
        __m512 acc = first ? _mm512_setzero_ps() : load(o);
        for (int fx = 0; fx < kSize; ++fx) acc = _mm512_add_ps(acc, Product(c[fx], w[fx]));
        if (last) {
          acc = _mm512_min_ps(act_max, _mm512_max_ps(act_min, _mm512_add_ps(acc, bias)));
        }
        store(o, acc);
        for (int fx = 0; fx < kSize - kStride; ++fx) c[fx] = c[fx + kStride];
      }
    };
    sweep(0, interior.begin, checked);
    sweep(interior.begin, interior.end, inside);
    sweep(interior.end, g.output_width, checked);
  }
}

template <int kSize, int kStride>
void F32RowPassRows(const DepthwiseGeometry& g, const float* input, const float* packed, float lo,
                    float hi, int row_begin, int row_end, float* output) {
  const ptrdiff_t image_size =
      static_cast<ptrdiff_t>(g.input_height) * g.input_width * g.input_depth;
  const ColumnSpan interior = InteriorColumns(g);
  const int tiles = DepthwiseTiles(g, kLanes);
  const size_t tile_words = F32TileWords(kSize * kSize, kLanes);
  const __m512 act_min = _mm512_set1_ps(lo);
  const __m512 act_max = _mm512_set1_ps(hi);
  for (int row = row_begin; row < row_end; ++row) {
    const int b = row / g.output_height;
    const int oy = row % g.output_height;
    const float* image = input + b * image_size;
    const int y0 = oy * g.stride_height - g.pad_top;
    float* out_row = output + static_cast<ptrdiff_t>(row) * g.output_width * g.output_depth;
    for (int t = 0; t < tiles; ++t) {
      const int first = t * kLanes;
      const int lanes = g.output_depth - first;
      const float* tile = packed + tile_words * static_cast<size_t>(t);
      if (!FiniteWeights(tile, kSize * kSize)) {
        const bool rows_inside = y0 >= 0 && y0 + kSize - 1 < g.input_height;
        if (lanes >= kLanes) {
          SweepTileRow<kSize, kSize>(g, interior, image + first, y0, rows_inside,
                                     F32Tile<false, kSize * kSize>(tile, lanes, lanes, lo, hi),
                                     out_row + first);
        } else {
          SweepTileRow<kSize, kSize>(g, interior, image + first, y0, rows_inside,
                                     F32Tile<true, kSize * kSize>(tile, lanes, lanes, lo, hi),
                                     out_row + first);
        }
      } else if (lanes >= kLanes) {
        F32RowPassTileRow<kSize, kStride, false>(g, image + first, y0, tile, lanes, act_min,
                                                 act_max, interior, out_row + first);
      } else {
        F32RowPassTileRow<kSize, kStride, true>(g, image + first, y0, tile, lanes, act_min,
                                                act_max, interior, out_row + first);
      }
    }
  }
}

// Stride 1, dilation 1, depth multiplier 1 and fewer than 16 channels, a
// divisor of 16 (MediaPipe's 256x256x8 layers): a 16-channel tile would
// leave most lanes idle, so a vector instead holds kPixels = 16 / depth
// neighbouring output pixels of the row. Tap (fy, fx) of those pixels is
// then 16 consecutive input floats, and every tap weight is repeated per
// pixel. Lanes whose input pixel falls outside the image load zeros (a +-0
// product for finite weights, i.e. the tap skipped), filter rows outside
// are skipped, and the sum keeps the reference's order: bit-exact.
template <int kSize>
void F32PackedPixelRows(const DepthwiseGeometry& g, const float* input, const float* packed,
                        float lo, float hi, int row_begin, int row_end, float* output) {
  const int depth = g.input_depth;
  const int pixels = kLanes / depth;
  const int shift = __builtin_ctz(static_cast<unsigned>(depth));
  const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m512i lane_channel = _mm512_and_si512(lane, _mm512_set1_epi32(depth - 1));
  const __m512i lane_pixel = _mm512_srli_epi32(lane, static_cast<unsigned>(shift));
  __m512 w[kSize * kSize];
  for (int k = 0; k < kSize * kSize; ++k) {
    w[k] = _mm512_permutexvar_ps(lane_channel,
                                 _mm512_loadu_ps(packed + (kF32TileHeaderRows + k) * kLanes));
  }
  const __m512 bias = _mm512_permutexvar_ps(lane_channel, _mm512_loadu_ps(packed));
  const __m512 act_min = _mm512_set1_ps(lo);
  const __m512 act_max = _mm512_set1_ps(hi);
  const ptrdiff_t row_floats = static_cast<ptrdiff_t>(g.input_width) * depth;
  const ptrdiff_t image_size = row_floats * g.input_height;
  // Vectors whose every tap lies inside the row and whose pixels all exist.
  const int first_inside = (g.pad_left + pixels - 1) / pixels;
  const int last_column = std::min(g.output_width, g.input_width - kSize + 1 + g.pad_left);
  const int end_inside = std::max(first_inside, last_column / pixels);
  const int vectors = (g.output_width + pixels - 1) / pixels;
  for (int row = row_begin; row < row_end; ++row) {
    const int b = row / g.output_height;
    const int oy = row % g.output_height;
    const float* image = input + b * image_size;
    const int y0 = oy - g.pad_top;
    float* out_row = output + static_cast<ptrdiff_t>(row) * g.output_width * depth;
    int fy_begin = 0;
    int fy_end = kSize;
    while (fy_begin < kSize && y0 + fy_begin < 0) ++fy_begin;
    while (fy_end > fy_begin && y0 + fy_end - 1 >= g.input_height) --fy_end;
    for (int v = 0; v < vectors; ++v) {
      const int ox0 = v * pixels;
      // Input floats of tap (fy, fx) start at row fy + (ox0 + fx - pad_left) * depth.
      const ptrdiff_t x0 = static_cast<ptrdiff_t>(ox0 - g.pad_left) * depth;
      __m512 acc = _mm512_setzero_ps();
      __mmask16 store_mask = 0xFFFF;
      if (v >= first_inside && v < end_inside) {
        for (int fy = fy_begin; fy < fy_end; ++fy) {
          const float* p = image + (y0 + fy) * row_floats + x0;
          for (int fx = 0; fx < kSize; ++fx) {
            acc = _mm512_add_ps(acc, Product(_mm512_loadu_ps(p + fx * depth), w[fy * kSize + fx]));
          }
        }
      } else {
        const __m512i pixel = _mm512_add_epi32(lane_pixel, _mm512_set1_epi32(ox0 - g.pad_left));
        store_mask = _mm512_cmplt_epi32_mask(_mm512_add_epi32(lane_pixel, _mm512_set1_epi32(ox0)),
                                             _mm512_set1_epi32(g.output_width));
        __mmask16 inside[kSize];
        for (int fx = 0; fx < kSize; ++fx) {
          const __m512i ix = _mm512_add_epi32(pixel, _mm512_set1_epi32(fx));
          inside[fx] = _mm512_cmpge_epi32_mask(ix, _mm512_setzero_si512()) &
                       _mm512_cmplt_epi32_mask(ix, _mm512_set1_epi32(g.input_width)) & store_mask;
        }
        for (int fy = fy_begin; fy < fy_end; ++fy) {
          const float* p = image + (y0 + fy) * row_floats;
          for (int fx = 0; fx < kSize; ++fx) {
            // Masked-off lanes are not read, whatever their address.
            const __m512 x = _mm512_maskz_loadu_ps(inside[fx], p + x0 + fx * depth);
            acc = _mm512_add_ps(acc, Product(x, w[fy * kSize + fx]));
          }
        }
      }
      const __m512 y = _mm512_min_ps(act_max, _mm512_max_ps(act_min, _mm512_add_ps(acc, bias)));
      _mm512_mask_storeu_ps(out_row + static_cast<ptrdiff_t>(ox0) * depth, store_mask, y);
    }
  }
}

}  // namespace

void f32_dwconv2d_16c__avx512(const DepthwiseGeometry& g, const float* input, const float* packed,
                              float act_min, float act_max, int row_begin, int row_end,
                              float* output) {
  if (row_begin >= row_end || g.output_width <= 0 || g.output_depth <= 0) return;
  const bool small_depth = g.output_depth < kLanes && kLanes % g.output_depth == 0 &&
                           g.depth_multiplier == 1 && g.stride_width == 1 &&
                           g.stride_height == 1 && g.dilation_width == 1 &&
                           g.dilation_height == 1 && g.filter_height == g.filter_width &&
                           (g.filter_width == 3 || g.filter_width == 5);
  if (small_depth && FiniteWeights(packed, g.filter_width * g.filter_width)) {
    if (g.filter_width == 3) {
      F32PackedPixelRows<3>(g, input, packed, act_min, act_max, row_begin, row_end, output);
    } else {
      F32PackedPixelRows<5>(g, input, packed, act_min, act_max, row_begin, row_end, output);
    }
    return;
  }
  if (SlidingApplies(g)) {
    if (g.stride_width == 1) {
      F32SlidingRows<1>(g, input, packed, act_min, act_max, row_begin, row_end, output);
    } else {
      F32SlidingRows<2>(g, input, packed, act_min, act_max, row_begin, row_end, output);
    }
    return;
  }
  if (g.filter_height == 5 && g.filter_width == 5 && g.dilation_height == 1 &&
      g.dilation_width == 1 && g.depth_multiplier == 1 && g.stride_height == g.stride_width &&
      (g.stride_width == 1 || g.stride_width == 2)) {
    if (g.stride_width == 1) {
      F32RowPassRows<5, 1>(g, input, packed, act_min, act_max, row_begin, row_end, output);
    } else {
      F32RowPassRows<5, 2>(g, input, packed, act_min, act_max, row_begin, row_end, output);
    }
    return;
  }
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
