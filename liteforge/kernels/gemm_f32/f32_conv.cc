// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The float32 CONV_2D driver: in-place GEMM for unpadded 1x1 filters, im2col
// blocks + GEMM for the rest (see f32_conv.h).

#include "liteforge/kernels/gemm_f32/f32_conv.h"

#include <algorithm>
#include <cstring>

namespace liteforge::kernels {
namespace {

// A 1x1 filter over every input channel, no padding, every tap inside the
// image: each output pixel's patch is one input pixel, read in place.
bool ReadsInputInPlace(const ConvGeometry& g) {
  return g.filter_height == 1 && g.filter_width == 1 && g.filter_depth == g.input_depth &&
         g.pad_top == 0 && g.pad_left == 0 &&
         static_cast<int64_t>(g.output_height - 1) * g.stride_height < g.input_height &&
         static_cast<int64_t>(g.output_width - 1) * g.stride_width < g.input_width;
}

// Writes the receptive field of output pixel (b, oy, ox) to `dst` in filter
// row order ([fy][fx][c]), zeros for taps in the padding.
void GatherPatch(const ConvGeometry& g, const float* input, int b, int oy, int ox, float* dst) {
  const size_t depth = static_cast<size_t>(g.input_depth);
  const size_t row_stride = static_cast<size_t>(g.input_width) * depth;
  const float* image = input + static_cast<size_t>(b) * g.input_height * row_stride;
  const int y0 = oy * g.stride_height - g.pad_top;
  const int x0 = ox * g.stride_width - g.pad_left;
  const size_t row_floats = static_cast<size_t>(g.filter_width) * depth;
  // With dilation 1 and every column inside, a filter row is one run.
  const bool row_is_run = g.dilation_width == 1 && x0 >= 0 && x0 + g.filter_width <= g.input_width;
  for (int fy = 0; fy < g.filter_height; ++fy) {
    const int iy = y0 + fy * g.dilation_height;
    if (iy < 0 || iy >= g.input_height) {
      std::memset(dst, 0, row_floats * sizeof(float));
    } else {
      const float* src_row = image + static_cast<size_t>(iy) * row_stride;
      if (row_is_run) {
        std::memcpy(dst, src_row + static_cast<size_t>(x0) * depth, row_floats * sizeof(float));
      } else {
        for (int fx = 0; fx < g.filter_width; ++fx) {
          const int ix = x0 + fx * g.dilation_width;
          float* tap = dst + static_cast<size_t>(fx) * depth;
          if (ix < 0 || ix >= g.input_width) {
            std::memset(tap, 0, depth * sizeof(float));
          } else {
            std::memcpy(tap, src_row + static_cast<size_t>(ix) * depth, depth * sizeof(float));
          }
        }
      }
    }
    dst += row_floats;
  }
}

}  // namespace

bool F32ConvSupported(const ConvGeometry& g) {
  return g.filter_depth > 0 && g.input_depth == g.filter_depth && g.filter_height > 0 &&
         g.filter_width > 0 && g.output_depth > 0 && g.stride_height > 0 &&
         g.stride_width > 0 && g.dilation_height > 0 && g.dilation_width > 0;
}

size_t F32ConvPackedBytes(const ConvGeometry& g, const F32Gemm& gemm) {
  return F32GemmPackedFloats(g.output_depth, g.patch_size(), gemm.nr) * sizeof(float);
}

F32PackedWeights F32ConvPackWeights(const ConvGeometry& g, const F32Gemm& gemm,
                                    const float* filter, const float* bias, void* packed) {
  float* dst = static_cast<float*>(packed);
  F32GemmPackWeights(g.output_depth, g.patch_size(), gemm.nr, filter, bias, dst);
  F32PackedWeights view;
  view.data = dst;
  view.n = g.output_depth;
  view.k = g.patch_size();
  view.nr = gemm.nr;
  return view;
}

size_t F32ConvScratchBytes(const ConvGeometry& g) {
  if (ReadsInputInPlace(g)) return 0;
  const size_t k = static_cast<size_t>(g.patch_size());
  // One block of patches, never more than the conv has pixels.
  const size_t pixels = static_cast<size_t>(g.batches) * g.output_height * g.output_width;
  const size_t bytes = std::min(F32GemmBlockRows(k), pixels) * k * sizeof(float);
  return (bytes + 63) / 64 * 64;
}

void F32ConvRun(const F32Gemm& gemm, const ConvGeometry& g, const float* input,
                const F32PackedWeights& weights, float act_min, float act_max, int row_begin,
                int row_end, void* scratch, float* output) {
  if (row_begin >= row_end || g.output_width <= 0) return;
  const int64_t out_w = g.output_width;
  F32ConvRunPixels(gemm, g, input, weights, act_min, act_max, row_begin * out_w, row_end * out_w,
                   scratch, output);
}

void F32ConvRunPixels(const F32Gemm& gemm, const ConvGeometry& g, const float* input,
                      const F32PackedWeights& weights, float act_min, float act_max,
                      int64_t pixel_begin, int64_t pixel_end, void* scratch, float* output) {
  if (pixel_begin >= pixel_end || g.output_width <= 0) return;
  const F32MinMax act{act_min, act_max};
  const size_t n = static_cast<size_t>(g.output_depth);
  const size_t k = static_cast<size_t>(g.patch_size());
  const size_t panels = weights.panels();
  const size_t out_w = static_cast<size_t>(g.output_width);
  const size_t first = static_cast<size_t>(pixel_begin);
  const size_t last = static_cast<size_t>(pixel_end);

  if (ReadsInputInPlace(g)) {
    const size_t depth = static_cast<size_t>(g.input_depth);
    const bool contiguous = g.stride_height == 1 && g.stride_width == 1 &&
                            g.output_height == g.input_height && g.output_width == g.input_width;
    if (contiguous) {
      // Output pixel p is input pixel p: the whole range is one pixel run.
      F32GemmRun(gemm, last - first, input + first * depth, depth, weights, 0, panels,
                 output + first * n, n, act);
      return;
    }
    // One GEMM per (part of an) output row, the pixel stride as row stride.
    const size_t in_row = static_cast<size_t>(g.input_width) * depth;
    for (size_t p = first; p < last;) {
      const size_t row = p / out_w;
      const size_t ox = p % out_w;
      const size_t count = std::min(out_w - ox, last - p);
      const size_t b = row / static_cast<size_t>(g.output_height);
      const size_t oy = row % static_cast<size_t>(g.output_height);
      const size_t iy = b * g.input_height + oy * g.stride_height;
      const size_t pixel_stride = static_cast<size_t>(g.stride_width) * depth;
      F32GemmRun(gemm, count, input + iy * in_row + ox * pixel_stride, pixel_stride, weights, 0,
                 panels, output + p * n, n, act);
      p += count;
    }
    return;
  }

  // im2col: blocks of output pixels, consecutive across output rows.
  float* patches = static_cast<float*>(scratch);
  const size_t block = F32GemmBlockRows(k);
  int row = static_cast<int>(first / out_w);
  int ox = static_cast<int>(first % out_w);
  for (size_t p0 = first; p0 < last; p0 += block) {
    const size_t pixels = std::min(block, last - p0);
    for (size_t i = 0; i < pixels; ++i) {
      GatherPatch(g, input, row / g.output_height, row % g.output_height, ox, patches + i * k);
      if (++ox == g.output_width) {
        ox = 0;
        ++row;
      }
    }
    F32GemmRun(gemm, pixels, patches, k, weights, 0, panels, output + p0 * n, n, act);
  }
}

}  // namespace liteforge::kernels
