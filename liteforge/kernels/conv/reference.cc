// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/conv/reference.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <vector>

namespace liteforge::kernels {
namespace {

// Copies the receptive field of output pixel (b, oy, ox) for channel group
// `group` into `patch` ([fy][fx][c], the layout of one filter row), adding
// `offset` to every input value. Taps outside the image get `pad_value`.
template <typename In, typename P>
void GatherPatch(const ConvGeometry& g, const In* input, int b, int oy, int ox, int group,
                 P offset, P pad_value, P* patch) {
  const int depth = g.filter_depth;
  const int y0 = oy * g.stride_height - g.pad_top;
  const int x0 = ox * g.stride_width - g.pad_left;
  const size_t row_stride = static_cast<size_t>(g.input_width) * g.input_depth;
  const In* image = input + static_cast<size_t>(b) * g.input_height * row_stride +
                    static_cast<size_t>(group) * depth;
  P* dst = patch;
  for (int fy = 0; fy < g.filter_height; ++fy) {
    const int iy = y0 + fy * g.dilation_height;
    const bool row_inside = iy >= 0 && iy < g.input_height;
    for (int fx = 0; fx < g.filter_width; ++fx) {
      const int ix = x0 + fx * g.dilation_width;
      if (row_inside && ix >= 0 && ix < g.input_width) {
        const In* src = image + static_cast<size_t>(iy) * row_stride +
                        static_cast<size_t>(ix) * g.input_depth;
        for (int c = 0; c < depth; ++c) dst[c] = static_cast<P>(static_cast<P>(src[c]) + offset);
      } else {
        std::fill(dst, dst + depth, pad_value);
      }
      dst += depth;
    }
  }
}

// Sum of patch[k] * w[k] in wrapping int32 arithmetic (TFLite's int32
// accumulators, without undefined behaviour).
template <typename W>
inline uint32_t DotWrap32(const int16_t* patch, const W* w, int n) {
  uint32_t acc = 0;
  for (int k = 0; k < n; ++k) {
    acc += static_cast<uint32_t>(static_cast<int32_t>(patch[k]) * static_cast<int32_t>(w[k]));
  }
  return acc;
}

// Four such dot products against consecutive filter rows (w, w + n, ...):
// one pass over the patch with four independent accumulators.
template <typename W>
inline void DotWrap32x4(const int16_t* patch, const W* w, int n, uint32_t* out) {
  const W* w0 = w;
  const W* w1 = w0 + n;
  const W* w2 = w1 + n;
  const W* w3 = w2 + n;
  uint32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  for (int k = 0; k < n; ++k) {
    const int32_t x = patch[k];
    a0 += static_cast<uint32_t>(x * static_cast<int32_t>(w0[k]));
    a1 += static_cast<uint32_t>(x * static_cast<int32_t>(w1[k]));
    a2 += static_cast<uint32_t>(x * static_cast<int32_t>(w2[k]));
    a3 += static_cast<uint32_t>(x * static_cast<int32_t>(w3[k]));
  }
  out[0] = a0;
  out[1] = a1;
  out[2] = a2;
  out[3] = a3;
}

// Exact sum of int16 * int8 products. Blocks of 256 products cannot
// overflow int32 (|product| <= 2^22), so the inner loop stays 32-bit.
inline int64_t DotWide(const int16_t* patch, const int8_t* w, int n) {
  int64_t total = 0;
  for (int k0 = 0; k0 < n; k0 += 256) {
    const int k1 = std::min(n, k0 + 256);
    int32_t part = 0;
    for (int k = k0; k < k1; ++k) {
      part += static_cast<int32_t>(patch[k]) * static_cast<int32_t>(w[k]);
    }
    total += part;
  }
  return total;
}

// Float dot product with four independent partial sums (the order differs
// from a sequential sum by rounding only).
inline float DotFloat(const float* x, const float* w, int n) {
  float s0 = 0.f, s1 = 0.f, s2 = 0.f, s3 = 0.f;
  int k = 0;
  for (; k + 4 <= n; k += 4) {
    s0 += x[k] * w[k];
    s1 += x[k + 1] * w[k + 1];
    s2 += x[k + 2] * w[k + 2];
    s3 += x[k + 3] * w[k + 3];
  }
  for (; k < n; ++k) s0 += x[k] * w[k];
  return (s0 + s1) + (s2 + s3);
}

// True when output pixel (oy, ox) reads exactly one input pixel whose
// channels are the whole patch (1x1 filter, one group, inside the image):
// the input can then be used in place of a gathered patch.
inline bool IsDirectPixel(const ConvGeometry& g, int oy, int ox) {
  if (g.filter_height != 1 || g.filter_width != 1 || g.filter_depth != g.input_depth) return false;
  const int iy = oy * g.stride_height - g.pad_top;
  const int ix = ox * g.stride_width - g.pad_left;
  return iy >= 0 && iy < g.input_height && ix >= 0 && ix < g.input_width;
}

// The shared body of the kernels with a 32-bit accumulator. The patch holds
// x + input_offset as int16 (|value| <= 255 for 8-bit inputs; int16 inputs
// have offset 0). A filter offset (uint8 filters) is applied through the
// patch sum: sum p * (w + fo) = sum p * w + fo * sum p.
template <typename In, typename W, typename Out>
void QuantizedConv32(const ConvGeometry& g, const In* input, const W* filter,
                     const int32_t* bias, const ConvQuantParams& p, int row_begin, int row_end,
                     Out* output) {
  const int k_size = g.patch_size();
  const int groups = g.groups();
  const int per_group = g.output_depth / groups;
  std::vector<int16_t> patch(static_cast<size_t>(k_size));
  std::vector<uint32_t> acc(static_cast<size_t>(g.output_depth));
  const int16_t offset = static_cast<int16_t>(p.input_offset);
  for (int row = row_begin; row < row_end; ++row) {
    const int b = row / g.output_height;
    const int oy = row % g.output_height;
    Out* out_row = output + static_cast<size_t>(row) * g.output_width * g.output_depth;
    for (int ox = 0; ox < g.output_width; ++ox) {
      Out* out = out_row + static_cast<size_t>(ox) * g.output_depth;
      for (int group = 0; group < groups; ++group) {
        GatherPatch<In, int16_t>(g, input, b, oy, ox, group, offset, 0, patch.data());
        uint32_t patch_term = 0;
        if (p.filter_offset != 0) {
          uint32_t sum = 0;
          for (int k = 0; k < k_size; ++k) sum += static_cast<uint32_t>(patch[k]);
          patch_term = sum * static_cast<uint32_t>(p.filter_offset);
        }
        // Raw dot products of this group's filters, four at a time.
        const int o_begin = group * per_group;
        const int o_end = o_begin + per_group;
        int o = o_begin;
        for (; o + 4 <= o_end; o += 4) {
          DotWrap32x4(patch.data(), filter + static_cast<size_t>(o) * k_size, k_size, &acc[o]);
        }
        for (; o < o_end; ++o) {
          acc[o] = DotWrap32(patch.data(), filter + static_cast<size_t>(o) * k_size, k_size);
        }
        RequantizeChannels(acc.data(), patch_term, bias, o_begin, o_end, p.multipliers,
                           p.exponents, p.rounding, p.output_offset, p.act_min, p.act_max, out);
      }
    }
  }
}

// int16 x int8 with a 64-bit accumulator; the bias keeps its own type.
template <typename Bias>
void WideConv(const ConvGeometry& g, const int16_t* input, const int8_t* filter, const Bias* bias,
              const ConvWideParams& p, int row_begin, int row_end, int16_t* output) {
  const int k_size = g.patch_size();
  const int groups = g.groups();
  const int per_group = g.output_depth / groups;
  std::vector<int16_t> patch(static_cast<size_t>(k_size));
  for (int row = row_begin; row < row_end; ++row) {
    const int b = row / g.output_height;
    const int oy = row % g.output_height;
    int16_t* out_row = output + static_cast<size_t>(row) * g.output_width * g.output_depth;
    for (int ox = 0; ox < g.output_width; ++ox) {
      int16_t* out = out_row + static_cast<size_t>(ox) * g.output_depth;
      for (int group = 0; group < groups; ++group) {
        GatherPatch<int16_t, int16_t>(g, input, b, oy, ox, group, 0, 0, patch.data());
        const int o_end = (group + 1) * per_group;
        for (int o = group * per_group; o < o_end; ++o) {
          int64_t acc = DotWide(patch.data(), filter + static_cast<size_t>(o) * k_size, k_size);
          if (bias != nullptr) acc += bias[o];
          int32_t v = ConvScaleWide(acc, p.multipliers[o], p.exponents[o]);
          v = std::clamp(v, p.act_min, p.act_max);
          out[o] = static_cast<int16_t>(v);
        }
      }
    }
  }
}

}  // namespace

void f32_conv2d__reference(const ConvGeometry& g, const float* input, const float* filter,
                           const float* bias, float act_min, float act_max, int row_begin,
                           int row_end, float* output) {
  const int k_size = g.patch_size();
  const int groups = g.groups();
  const int per_group = g.output_depth / groups;
  std::vector<float> patch(static_cast<size_t>(k_size));
  for (int row = row_begin; row < row_end; ++row) {
    const int b = row / g.output_height;
    const int oy = row % g.output_height;
    float* out_row = output + static_cast<size_t>(row) * g.output_width * g.output_depth;
    for (int ox = 0; ox < g.output_width; ++ox) {
      float* out = out_row + static_cast<size_t>(ox) * g.output_depth;
      for (int group = 0; group < groups; ++group) {
        const float* x = patch.data();
        if (IsDirectPixel(g, oy, ox)) {
          const int iy = oy * g.stride_height - g.pad_top;
          const int ix = ox * g.stride_width - g.pad_left;
          x = input + ((static_cast<size_t>(b) * g.input_height + iy) * g.input_width + ix) *
                          g.input_depth;
        } else {
          GatherPatch<float, float>(g, input, b, oy, ox, group, 0.f, 0.f, patch.data());
        }
        const int o_end = (group + 1) * per_group;
        for (int o = group * per_group; o < o_end; ++o) {
          float v = DotFloat(x, filter + static_cast<size_t>(o) * k_size, k_size);
          if (bias != nullptr) v += bias[o];
          out[o] = std::min(std::max(v, act_min), act_max);
        }
      }
    }
  }
}

void qs8_conv2d__reference(const ConvGeometry& g, const int8_t* input, const int8_t* filter,
                           const int32_t* bias, const ConvQuantParams& p, int row_begin,
                           int row_end, int8_t* output) {
  QuantizedConv32(g, input, filter, bias, p, row_begin, row_end, output);
}

void qu8_conv2d__reference(const ConvGeometry& g, const uint8_t* input, const uint8_t* filter,
                           const int32_t* bias, const ConvQuantParams& p, int row_begin,
                           int row_end, uint8_t* output) {
  QuantizedConv32(g, input, filter, bias, p, row_begin, row_end, output);
}

void qs16_conv2d_acc32__reference(const ConvGeometry& g, const int16_t* input,
                                  const int8_t* filter, const int32_t* bias,
                                  const ConvQuantParams& p, int row_begin, int row_end,
                                  int16_t* output) {
  QuantizedConv32(g, input, filter, bias, p, row_begin, row_end, output);
}

void qs16_conv2d_acc64__reference(const ConvGeometry& g, const int16_t* input,
                                  const int8_t* filter, const int64_t* bias,
                                  const ConvWideParams& p, int row_begin, int row_end,
                                  int16_t* output) {
  WideConv(g, input, filter, bias, p, row_begin, row_end, output);
}

void qs16_conv2d_acc64_b32__reference(const ConvGeometry& g, const int16_t* input,
                                      const int8_t* filter, const int32_t* bias,
                                      const ConvWideParams& p, int row_begin, int row_end,
                                      int16_t* output) {
  WideConv(g, input, filter, bias, p, row_begin, row_end, output);
}

void f32_qs8w_conv2d_hybrid__reference(const ConvGeometry& g, const int8_t* quantized_input,
                                       const int8_t* filter, const float* bias,
                                       const ConvHybridParams& p, int row_begin, int row_end,
                                       float* output) {
  const int k_size = g.patch_size();
  const int groups = g.groups();
  const int per_group = g.output_depth / groups;
  std::vector<int16_t> patch(static_cast<size_t>(k_size));
  for (int row = row_begin; row < row_end; ++row) {
    const int b = row / g.output_height;
    const int oy = row % g.output_height;
    const int16_t offset = static_cast<int16_t>(-p.input_zero_points[b]);
    const float input_scale = p.input_scales[b];
    float* out_row = output + static_cast<size_t>(row) * g.output_width * g.output_depth;
    for (int ox = 0; ox < g.output_width; ++ox) {
      float* out = out_row + static_cast<size_t>(ox) * g.output_depth;
      for (int group = 0; group < groups; ++group) {
        GatherPatch<int8_t, int16_t>(g, quantized_input, b, oy, ox, group, offset, 0,
                                     patch.data());
        const int o_end = (group + 1) * per_group;
        for (int o = group * per_group; o < o_end; ++o) {
          const int32_t acc = static_cast<int32_t>(
              DotWrap32(patch.data(), filter + static_cast<size_t>(o) * k_size, k_size));
          float v = static_cast<float>(acc) * (p.filter_scales[o] * input_scale);
          if (bias != nullptr) v += bias[o];
          out[o] = std::min(std::max(v, p.act_min), p.act_max);
        }
      }
    }
  }
}

float HybridQuantizeSymmetric(const float* values, int64_t n, int8_t* quantized) {
  float lo = 0.f;
  float hi = 0.f;
  if (n > 0) {
    const auto [mn, mx] = std::minmax_element(values, values + n);
    lo = *mn;
    hi = *mx;
  }
  const float range = std::max(std::fabs(lo), std::fabs(hi));
  if (range == 0.f) {
    if (n > 0) std::memset(quantized, 0, static_cast<size_t>(n));
    return 1.f;
  }
  const float inverse = 127.f / range;
  for (int64_t i = 0; i < n; ++i) {
    const int32_t q = static_cast<int32_t>(std::round(values[i] * inverse));
    quantized[i] = static_cast<int8_t>(std::clamp(q, -127, 127));
  }
  return range / 127.f;
}

float HybridQuantizeAsymmetric(const float* values, int64_t n, int8_t* quantized,
                               int32_t* zero_point) {
  float lo = 0.f;
  float hi = 0.f;
  if (n > 0) {
    const auto [mn, mx] = std::minmax_element(values, values + n);
    lo = *mn;
    hi = *mx;
  }
  const double rmin = static_cast<double>(std::min(0.f, lo));
  const double rmax = static_cast<double>(std::max(0.f, hi));
  if (rmin == rmax) {
    if (n > 0) std::memset(quantized, 0, static_cast<size_t>(n));
    *zero_point = 0;
    return 1.f;
  }
  constexpr double kQMin = -128.0;
  constexpr double kQMax = 127.0;
  const double scale = (rmax - rmin) / (kQMax - kQMin);
  // Of the zero points implied by each end of the range, take the one whose
  // terms carry the smaller magnitude (less rounding error), then nudge it
  // onto an integer inside the range.
  const double from_min = kQMin - rmin / scale;
  const double from_max = kQMax - rmax / scale;
  const double from_min_error = std::fabs(kQMin) + std::fabs(rmin / scale);
  const double from_max_error = std::fabs(kQMax) + std::fabs(rmax / scale);
  const double zp_real = from_min_error < from_max_error ? from_min : from_max;
  int32_t zp = 0;
  if (zp_real <= kQMin) {
    zp = -128;
  } else if (zp_real >= kQMax) {
    zp = 127;
  } else {
    zp = static_cast<int32_t>(std::round(zp_real));
  }
  const float scale_f = static_cast<float>(scale);
  const float inverse = 1.f / scale_f;
  for (int64_t i = 0; i < n; ++i) {
    const int32_t q =
        static_cast<int32_t>(std::round(static_cast<float>(zp) + values[i] * inverse));
    quantized[i] = static_cast<int8_t>(std::clamp(q, -128, 127));
  }
  *zero_point = zp;
  return scale_f;
}

}  // namespace liteforge::kernels
