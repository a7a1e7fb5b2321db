// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/depthwise_conv/reference.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace liteforge::kernels {
namespace {

// Walks output rows [row_begin, row_end). For each output pixel it resets
// the accumulators, calls tap(acc, batch, input_pixel, filter_tap) for every
// filter tap inside the image in (fy, fx) order, then finish(acc, batch, out).
template <typename Acc, typename In, typename W, typename Out, typename Tap, typename Finish>
void ForEachOutputPixel(const DepthwiseGeometry& g, const In* input, const W* filter,
                        int row_begin, int row_end, Out* output, Tap tap, Finish finish) {
  const int depth = g.output_depth;
  std::vector<Acc> acc(static_cast<size_t>(depth));
  const size_t row_stride = static_cast<size_t>(g.input_width) * g.input_depth;
  for (int row = row_begin; row < row_end; ++row) {
    const int b = row / g.output_height;
    const int oy = row % g.output_height;
    const In* image = input + static_cast<size_t>(b) * g.input_height * row_stride;
    const int y0 = oy * g.stride_height - g.pad_top;
    Out* out = output + static_cast<size_t>(row) * g.output_width * depth;
    for (int ox = 0; ox < g.output_width; ++ox, out += depth) {
      const int x0 = ox * g.stride_width - g.pad_left;
      std::fill(acc.begin(), acc.end(), Acc{});
      for (int fy = 0; fy < g.filter_height; ++fy) {
        const int iy = y0 + fy * g.dilation_height;
        if (iy < 0 || iy >= g.input_height) continue;
        for (int fx = 0; fx < g.filter_width; ++fx) {
          const int ix = x0 + fx * g.dilation_width;
          if (ix < 0 || ix >= g.input_width) continue;
          const In* x = image + static_cast<size_t>(iy) * row_stride +
                        static_cast<size_t>(ix) * g.input_depth;
          const W* w = filter + (static_cast<size_t>(fy) * g.filter_width + fx) * depth;
          tap(acc.data(), b, x, w);
        }
      }
      finish(acc.data(), b, out);
    }
  }
}

// acc[c * M + m] += (x[c] + x_off) * (w[c * M + m] + w_off), in wrapping
// 32-bit arithmetic. Both factors fit in int16 (8-bit values plus an 8-bit
// offset), which lets the compiler use widening 16-bit multiplies.
template <typename In, typename W>
inline void TapInt32(const DepthwiseGeometry& g, uint32_t* acc, const In* x, const W* w,
                     int16_t x_off, int16_t w_off) {
  const int mult = g.depth_multiplier;
  if (mult == 1) {
    for (int c = 0; c < g.input_depth; ++c) {
      const int16_t xv = static_cast<int16_t>(x[c] + x_off);
      const int16_t wv = static_cast<int16_t>(w[c] + w_off);
      acc[c] += static_cast<uint32_t>(static_cast<int32_t>(xv) * static_cast<int32_t>(wv));
    }
    return;
  }
  for (int c = 0; c < g.input_depth; ++c) {
    const int32_t v = static_cast<int16_t>(x[c] + x_off);
    uint32_t* a = acc + static_cast<size_t>(c) * mult;
    const W* wc = w + static_cast<size_t>(c) * mult;
    for (int m = 0; m < mult; ++m) {
      const int16_t wv = static_cast<int16_t>(wc[m] + w_off);
      a[m] += static_cast<uint32_t>(v * static_cast<int32_t>(wv));
    }
  }
}

template <typename In, typename W, typename Out>
void QuantizedDepthwise(const DepthwiseGeometry& g, const In* input, const W* filter,
                        const int32_t* bias, const DepthwiseQuantParams& p, int row_begin,
                        int row_end, Out* output) {
  auto tap = [&](uint32_t* acc, int /*b*/, const In* x, const W* w) {
    TapInt32(g, acc, x, w, static_cast<int16_t>(p.input_offset),
             static_cast<int16_t>(p.filter_offset));
  };
  auto finish = [&](uint32_t* acc, int /*b*/, Out* out) {
    RequantizeChannels(acc, 0u, bias, 0, g.output_depth, p.multipliers, p.exponents, p.rounding,
                       p.output_offset, p.act_min, p.act_max, out);
  };
  ForEachOutputPixel<uint32_t>(g, input, filter, row_begin, row_end, output, tap, finish);
}

template <typename Bias>
void WideDepthwise(const DepthwiseGeometry& g, const int16_t* input, const int8_t* filter,
                   const Bias* bias, const DepthwiseWideParams& p, int row_begin, int row_end,
                   int16_t* output) {
  const int mult = g.depth_multiplier;
  auto tap = [&](int64_t* acc, int /*b*/, const int16_t* x, const int8_t* w) {
    for (int c = 0; c < g.input_depth; ++c) {
      const int32_t v = x[c];
      int64_t* a = acc + static_cast<size_t>(c) * mult;
      const int8_t* wc = w + static_cast<size_t>(c) * mult;
      for (int m = 0; m < mult; ++m) a[m] += v * static_cast<int32_t>(wc[m]);
    }
  };
  auto finish = [&](int64_t* acc, int /*b*/, int16_t* out) {
    for (int o = 0; o < g.output_depth; ++o) {
      int64_t a = acc[o];
      if (bias != nullptr) a += bias[o];
      const int32_t v = ConvScaleWide(a, p.multipliers[o], p.exponents[o]);
      out[o] = static_cast<int16_t>(std::clamp(v, p.act_min, p.act_max));
    }
  };
  ForEachOutputPixel<int64_t>(g, input, filter, row_begin, row_end, output, tap, finish);
}

}  // namespace

void f32_depthwise_conv2d__reference(const DepthwiseGeometry& g, const float* input,
                                     const float* filter, const float* bias, float act_min,
                                     float act_max, int row_begin, int row_end, float* output) {
  const int mult = g.depth_multiplier;
  auto tap = [&](float* acc, int /*b*/, const float* x, const float* w) {
    if (mult == 1) {
      for (int c = 0; c < g.input_depth; ++c) acc[c] += x[c] * w[c];
      return;
    }
    for (int c = 0; c < g.input_depth; ++c) {
      float* a = acc + static_cast<size_t>(c) * mult;
      const float* wc = w + static_cast<size_t>(c) * mult;
      for (int m = 0; m < mult; ++m) a[m] += x[c] * wc[m];
    }
  };
  auto finish = [&](float* acc, int /*b*/, float* out) {
    for (int o = 0; o < g.output_depth; ++o) {
      float v = acc[o];
      if (bias != nullptr) v += bias[o];
      out[o] = std::min(std::max(v, act_min), act_max);
    }
  };
  ForEachOutputPixel<float>(g, input, filter, row_begin, row_end, output, tap, finish);
}

void qs8_depthwise_conv2d__reference(const DepthwiseGeometry& g, const int8_t* input,
                                     const int8_t* filter, const int32_t* bias,
                                     const DepthwiseQuantParams& p, int row_begin, int row_end,
                                     int8_t* output) {
  QuantizedDepthwise(g, input, filter, bias, p, row_begin, row_end, output);
}

void qu8_depthwise_conv2d__reference(const DepthwiseGeometry& g, const uint8_t* input,
                                     const uint8_t* filter, const int32_t* bias,
                                     const DepthwiseQuantParams& p, int row_begin, int row_end,
                                     uint8_t* output) {
  QuantizedDepthwise(g, input, filter, bias, p, row_begin, row_end, output);
}

void qs16_depthwise_conv2d__reference(const DepthwiseGeometry& g, const int16_t* input,
                                      const int8_t* filter, const int64_t* bias,
                                      const DepthwiseWideParams& p, int row_begin, int row_end,
                                      int16_t* output) {
  WideDepthwise(g, input, filter, bias, p, row_begin, row_end, output);
}

void qs16_depthwise_conv2d_b32__reference(const DepthwiseGeometry& g, const int16_t* input,
                                          const int8_t* filter, const int32_t* bias,
                                          const DepthwiseWideParams& p, int row_begin,
                                          int row_end, int16_t* output) {
  WideDepthwise(g, input, filter, bias, p, row_begin, row_end, output);
}

void f32_qs8w_depthwise_conv2d_hybrid__reference(const DepthwiseGeometry& g,
                                                 const int8_t* quantized_input,
                                                 const int8_t* filter, const float* bias,
                                                 const DepthwiseHybridParams& p, int row_begin,
                                                 int row_end, float* output) {
  auto tap = [&](uint32_t* acc, int b, const int8_t* x, const int8_t* w) {
    TapInt32(g, acc, x, w, static_cast<int16_t>(-p.input_zero_points[b]), int16_t{0});
  };
  auto finish = [&](uint32_t* acc, int b, float* out) {
    const float input_scale = p.input_scales[b];
    for (int o = 0; o < g.output_depth; ++o) {
      float v = static_cast<float>(static_cast<int32_t>(acc[o]));
      v *= p.filter_scales[o] * input_scale;
      if (bias != nullptr) v += bias[o];
      out[o] = std::min(std::max(v, p.act_min), p.act_max);
    }
  };
  ForEachOutputPixel<uint32_t>(g, quantized_input, filter, row_begin, row_end, output, tap,
                               finish);
}

}  // namespace liteforge::kernels
