// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/transpose_conv/reference.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "liteforge/kernels/quant_math.h"

namespace liteforge::kernels {
namespace {

using G = TransposeConvGeometry;

size_t OutputElements(const G& g) {
  return static_cast<size_t>(g.batches) * g.output_height * g.output_width * g.output_depth;
}

// Visits every (input pixel, filter tap) pair whose target lies inside the
// output, input pixels in raster order and taps in (ky, kx) order. `visit`
// gets the input pixel's offset, the tap index ky * filter_width + kx and
// the offset of the target output pixel.
template <typename Visit>
void ForEachTap(const G& g, Visit&& visit) {
  for (int n = 0; n < g.batches; ++n) {
    for (int iy = 0; iy < g.input_height; ++iy) {
      const int oy0 = iy * g.stride_height - g.pad_top;
      const int ky_begin = std::max(0, -oy0);
      const int ky_end = std::min(g.filter_height, g.output_height - oy0);
      for (int ix = 0; ix < g.input_width; ++ix) {
        const int ox0 = ix * g.stride_width - g.pad_left;
        const int kx_begin = std::max(0, -ox0);
        const int kx_end = std::min(g.filter_width, g.output_width - ox0);
        const size_t in_off =
            ((static_cast<size_t>(n) * g.input_height + iy) * g.input_width + ix) * g.input_depth;
        for (int ky = ky_begin; ky < ky_end; ++ky) {
          for (int kx = kx_begin; kx < kx_end; ++kx) {
            const size_t out_off =
                ((static_cast<size_t>(n) * g.output_height + oy0 + ky) * g.output_width + ox0 +
                 kx) *
                g.output_depth;
            visit(in_off, ky * g.filter_width + kx, out_off);
          }
        }
      }
    }
  }
}

// Offset of weights[o][tap][0] in OHWI layout.
inline size_t WeightOffset(const G& g, int o, int tap) {
  return (static_cast<size_t>(o) * g.filter_height * g.filter_width + tap) * g.input_depth;
}

// Integer scatter: acc[out][o] += sum_c (x[c] + x_off) * (w[o][tap][c] + w_off).
template <typename Acc, typename In, typename W>
void ScatterInt(const G& g, const In* input, const W* weights, int32_t x_off, int32_t w_off,
                Acc* acc) {
  std::fill(acc, acc + OutputElements(g), Acc{0});
  ForEachTap(g, [&](size_t in_off, int tap, size_t out_off) {
    const In* x = input + in_off;
    for (int o = 0; o < g.output_depth; ++o) {
      const W* w = weights + WeightOffset(g, o, tap);
      // Unsigned wrap-around keeps 32-bit accumulation defined.
      using Wide = std::conditional_t<sizeof(Acc) == 8, int64_t, uint32_t>;
      Wide sum = 0;
      for (int c = 0; c < g.input_depth; ++c) {
        sum += static_cast<Wide>((static_cast<int32_t>(x[c]) + x_off) *
                                 (static_cast<int32_t>(w[c]) + w_off));
      }
      acc[out_off + o] = static_cast<Acc>(static_cast<Wide>(acc[out_off + o]) + sum);
    }
  });
}

// Adds the bias, rescales, offsets and clamps every accumulator.
template <typename Acc, typename Bias, typename Out>
void Requantize(const G& g, const Acc* acc, const Bias* bias, const TransposeConvQuantParams& p,
                Out* output) {
  const size_t pixels = OutputElements(g) / std::max(g.output_depth, 1);
  for (size_t i = 0; i < pixels; ++i) {
    const size_t base = i * g.output_depth;
    for (int o = 0; o < g.output_depth; ++o) {
      Acc a = acc[base + o];
      if (bias != nullptr) {
        if constexpr (sizeof(Acc) == 4) {
          a = static_cast<Acc>(static_cast<uint32_t>(a) + static_cast<uint32_t>(bias[o]));
        } else {
          a += bias[o];
        }
      }
      int32_t v = MultiplyByQuantizedMultiplier(a, p.multipliers[o], p.exponents[o]);
      v = AddOutputOffset(v, p.output_offset);
      v = std::clamp(v, p.act_min, p.act_max);
      output[base + o] = static_cast<Out>(v);
    }
  }
}

}  // namespace

void f32_transpose_conv__reference(const G& g, const float* input, const float* weights,
                                   const float* bias, float act_min, float act_max,
                                   float* output) {
  const size_t total = OutputElements(g);
  std::fill(output, output + total, 0.f);
  ForEachTap(g, [&](size_t in_off, int tap, size_t out_off) {
    const float* x = input + in_off;
    for (int o = 0; o < g.output_depth; ++o) {
      const float* w = weights + WeightOffset(g, o, tap);
      float dot = 0.f;
      for (int c = 0; c < g.input_depth; ++c) dot += x[c] * w[c];
      output[out_off + o] += dot;
    }
  });
  for (size_t i = 0; i < total; i += static_cast<size_t>(g.output_depth)) {
    for (int o = 0; o < g.output_depth; ++o) {
      float v = output[i + o];
      if (bias != nullptr) v += bias[o];
      output[i + o] = std::min(std::max(v, act_min), act_max);
    }
  }
}

void f32_transpose_conv_bias_first__reference(const G& g, const float* input,
                                              const float* weights, const float* bias,
                                              float* output) {
  const size_t total = OutputElements(g);
  for (size_t i = 0; i < total; i += static_cast<size_t>(g.output_depth)) {
    for (int o = 0; o < g.output_depth; ++o) output[i + o] = bias != nullptr ? bias[o] : 0.f;
  }
  ForEachTap(g, [&](size_t in_off, int tap, size_t out_off) {
    const float* x = input + in_off;
    for (int o = 0; o < g.output_depth; ++o) {
      const float* w = weights + WeightOffset(g, o, tap);
      // Each product is added to the output on its own, in channel order.
      float v = output[out_off + o];
      for (int c = 0; c < g.input_depth; ++c) v += x[c] * w[c];
      output[out_off + o] = v;
    }
  });
}

void qs8_transpose_conv__reference(const G& g, const int8_t* input, const int8_t* weights,
                                   const int32_t* bias, const TransposeConvQuantParams& p,
                                   int32_t* acc, int8_t* output) {
  ScatterInt(g, input, weights, p.input_offset, 0, acc);
  Requantize(g, acc, bias, p, output);
}

void qu8_transpose_conv__reference(const G& g, const uint8_t* input, const uint8_t* weights,
                                   const int32_t* bias, const TransposeConvQuantParams& p,
                                   int32_t* acc, uint8_t* output) {
  ScatterInt(g, input, weights, p.input_offset, p.weights_offset, acc);
  Requantize(g, acc, bias, p, output);
}

void qs16_transpose_conv_b64__reference(const G& g, const int16_t* input, const int8_t* weights,
                                        const int64_t* bias, const TransposeConvQuantParams& p,
                                        int64_t* acc, int16_t* output) {
  ScatterInt(g, input, weights, p.input_offset, 0, acc);
  Requantize(g, acc, bias, p, output);
}

void qs16_transpose_conv_b32__reference(const G& g, const int16_t* input, const int8_t* weights,
                                        const int32_t* bias, const TransposeConvQuantParams& p,
                                        int32_t* acc, int16_t* output) {
  ScatterInt(g, input, weights, p.input_offset, 0, acc);
  Requantize(g, acc, bias, p, output);
}

}  // namespace liteforge::kernels
