// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The float32 transposed-convolution driver: per input row and filter row,
// one GEMM written in place (direct) or added into the output (col2im); see
// f32_transpose_conv.h.

#include "liteforge/kernels/gemm_f32/f32_transpose_conv.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace liteforge::kernels {
namespace {

// Floor division for a positive divisor.
int FloorDiv(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

bool F32TransposeConvSupported(const TransposeConvGeometry& g) {
  return g.batches > 0 && g.input_height > 0 && g.input_width > 0 && g.input_depth > 0 &&
         g.output_height > 0 && g.output_width > 0 && g.output_depth > 0 &&
         g.filter_height > 0 && g.filter_width > 0 && g.stride_height > 0 && g.stride_width > 0;
}

bool F32TransposeConvDirect(const TransposeConvGeometry& g) {
  return g.filter_height == g.stride_height && g.filter_width == g.stride_width &&
         g.pad_top == 0 && g.pad_left == 0 &&
         static_cast<int64_t>(g.output_height) ==
             static_cast<int64_t>(g.input_height) * g.stride_height &&
         static_cast<int64_t>(g.output_width) ==
             static_cast<int64_t>(g.input_width) * g.stride_width;
}

size_t F32TransposeConvPackedBytes(const TransposeConvGeometry& g, const F32Gemm& gemm) {
  const size_t per_ky = F32GemmPackedFloats(g.filter_width * g.output_depth, g.input_depth, gemm.nr);
  return static_cast<size_t>(g.filter_height) * per_ky * sizeof(float);
}

F32TransposeConvPacked F32TransposeConvPackWeights(const TransposeConvGeometry& g,
                                                   const F32Gemm& gemm, const float* weights,
                                                   const float* bias, void* packed) {
  F32TransposeConvPacked view;
  view.n = g.filter_width * g.output_depth;
  view.k = g.input_depth;
  view.nr = gemm.nr;
  view.direct = F32TransposeConvDirect(g);
  view.ky_floats = F32GemmPackedFloats(view.n, view.k, gemm.nr);
  view.data = static_cast<const float*>(packed);
  const size_t depth = static_cast<size_t>(g.input_depth);
  const size_t o_count = static_cast<size_t>(g.output_depth);
  std::vector<float> matrix(static_cast<size_t>(view.n) * depth);
  std::vector<float> row_bias(static_cast<size_t>(view.n), 0.f);
  for (int ky = 0; ky < g.filter_height; ++ky) {
    // Row n = kx * O + o of this filter row's matrix is W[o][ky][kx][:].
    for (int kx = 0; kx < g.filter_width; ++kx) {
      for (size_t o = 0; o < o_count; ++o) {
        const float* src = weights + ((o * g.filter_height + ky) * g.filter_width + kx) * depth;
        const size_t n = static_cast<size_t>(kx) * o_count + o;
        std::copy(src, src + depth, matrix.data() + n * depth);
        if (view.direct && bias != nullptr) row_bias[n] = bias[o];
      }
    }
    F32GemmPackWeights(view.n, view.k, gemm.nr, matrix.data(), row_bias.data(),
                       static_cast<float*>(packed) + static_cast<size_t>(ky) * view.ky_floats);
  }
  return view;
}

int F32TransposeConvRows(const TransposeConvGeometry& g) {
  return g.batches * (F32TransposeConvDirect(g) ? g.input_height : g.output_height);
}

size_t F32TransposeConvScratchBytes(const TransposeConvGeometry& g) {
  if (F32TransposeConvDirect(g)) return 0;
  const size_t bytes = static_cast<size_t>(g.input_width) * g.filter_width * g.output_depth *
                       sizeof(float);
  return (bytes + 63) / 64 * 64;
}

void F32TransposeConvRun(const F32Gemm& gemm, const TransposeConvGeometry& g, const float* input,
                         const F32TransposeConvPacked& weights, const float* bias, float act_min,
                         float act_max, int row_begin, int row_end, void* scratch, float* output) {
  if (row_begin >= row_end) return;
  const size_t depth = static_cast<size_t>(g.input_depth);
  const size_t o_count = static_cast<size_t>(g.output_depth);
  const size_t in_w = static_cast<size_t>(g.input_width);
  const size_t out_w = static_cast<size_t>(g.output_width);
  const size_t out_row = out_w * o_count;
  const size_t n = static_cast<size_t>(weights.n);

  if (weights.direct) {
    const F32MinMax act{act_min, act_max};
    for (int r = row_begin; r < row_end; ++r) {
      const int b = r / g.input_height;
      const int iy = r % g.input_height;
      const float* a = input + static_cast<size_t>(r) * in_w * depth;
      for (int ky = 0; ky < g.filter_height; ++ky) {
        const size_t oy = static_cast<size_t>(b) * g.output_height +
                          static_cast<size_t>(iy) * g.stride_height + ky;
        const F32PackedWeights w = weights.filter_row(ky);
        F32GemmRun(gemm, in_w, a, depth, w, 0, w.panels(), output + oy * out_row,
                   static_cast<size_t>(g.stride_width) * o_count, act);
      }
    }
    return;
  }

  constexpr float kInf = std::numeric_limits<float>::infinity();
  const F32MinMax none{-kInf, kInf};
  float* cols = static_cast<float*>(scratch);
  for (int r = row_begin; r < row_end;) {
    // The rows of one image within [row_begin, row_end).
    const int b = r / g.output_height;
    const int y0 = r % g.output_height;
    const int y1 = std::min(g.output_height, y0 + (row_end - r));
    float* image = output + static_cast<size_t>(b) * g.output_height * out_row;
    for (int oy = y0; oy < y1; ++oy) {
      float* row = image + static_cast<size_t>(oy) * out_row;
      if (bias != nullptr) {
        for (size_t x = 0; x < out_w; ++x) std::copy(bias, bias + o_count, row + x * o_count);
      } else {
        std::fill(row, row + out_row, 0.f);
      }
    }
    // Input rows with a filter row landing in [y0, y1).
    const int iy_first = std::max(0, FloorDiv(y0 + g.pad_top - g.filter_height, g.stride_height) + 1);
    const int iy_last =
        std::min(g.input_height - 1, FloorDiv(y1 - 1 + g.pad_top, g.stride_height));
    const float* in_image = input + static_cast<size_t>(b) * g.input_height * in_w * depth;
    for (int iy = iy_first; iy <= iy_last; ++iy) {
      for (int ky = 0; ky < g.filter_height; ++ky) {
        const int oy = iy * g.stride_height - g.pad_top + ky;
        if (oy < y0 || oy >= y1) continue;
        const F32PackedWeights w = weights.filter_row(ky);
        F32GemmRun(gemm, in_w, in_image + static_cast<size_t>(iy) * in_w * depth, depth, w, 0,
                   w.panels(), cols, n, none);
        float* row = image + static_cast<size_t>(oy) * out_row;
        for (size_t ix = 0; ix < in_w; ++ix) {
          const float* src = cols + ix * n;
          for (int kx = 0; kx < g.filter_width; ++kx) {
            const int ox = static_cast<int>(ix) * g.stride_width - g.pad_left + kx;
            if (ox < 0 || ox >= g.output_width) continue;
            float* dst = row + static_cast<size_t>(ox) * o_count;
            const float* s = src + static_cast<size_t>(kx) * o_count;
            for (size_t o = 0; o < o_count; ++o) dst[o] += s[o];
          }
        }
      }
    }
    if (act_min > -kInf || act_max < kInf) {
      for (int oy = y0; oy < y1; ++oy) {
        float* row = image + static_cast<size_t>(oy) * out_row;
        for (size_t i = 0; i < out_row; ++i) row[i] = std::min(std::max(row[i], act_min), act_max);
      }
    }
    r += y1 - y0;
  }
}

}  // namespace liteforge::kernels
