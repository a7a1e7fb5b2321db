// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/fully_connected/reference.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "liteforge/kernels/quant_math.h"

namespace liteforge::kernels {
namespace {

// Sum over k of (w[k] + w_off) * (x[k] + x_off), each product in int32 as
// TFLite computes it. The 32-bit version wraps on overflow like TFLite's
// int32 accumulators (without the undefined behaviour).
template <typename In, typename W>
inline int32_t OffsetDot32(const In* x, const W* w, int n, int32_t x_off, int32_t w_off) {
  uint32_t acc = 0;
  for (int k = 0; k < n; ++k) {
    acc += static_cast<uint32_t>(static_cast<int32_t>(w[k]) + w_off) *
           static_cast<uint32_t>(static_cast<int32_t>(x[k]) + x_off);
  }
  return static_cast<int32_t>(acc);
}

template <typename In, typename W>
inline int64_t OffsetDot64(const In* x, const W* w, int n, int32_t x_off, int32_t w_off) {
  int64_t acc = 0;
  for (int k = 0; k < n; ++k) {
    acc += (static_cast<int32_t>(w[k]) + w_off) * (static_cast<int32_t>(x[k]) + x_off);
  }
  return acc;
}

// The shared body of the 32-bit quantized kernels.
template <typename In, typename W, typename Out>
void QuantizedFc32(const FcDims& d, const In* input, const W* weights, const int32_t* bias,
                   const FcQuantParams& p, Out* output) {
  for (int b = 0; b < d.batches; ++b) {
    const In* x = input + static_cast<size_t>(b) * d.input_depth;
    Out* y = output + static_cast<size_t>(b) * d.output_depth;
    for (int o = 0; o < d.output_depth; ++o) {
      const W* w = weights + static_cast<size_t>(o) * d.input_depth;
      // Wrap-around int32 arithmetic: what TFLite's int32 accumulators do.
      uint32_t acc = static_cast<uint32_t>(
          OffsetDot32(x, w, d.input_depth, p.input_offset, p.weights_offset));
      if (bias != nullptr) acc += static_cast<uint32_t>(bias[o]);
      int32_t v = ConvScale(static_cast<int32_t>(acc), p.multipliers[o], p.exponents[o],
                            p.rounding);
      v = AddOutputOffset(v, p.output_offset);
      v = std::clamp(v, p.act_min, p.act_max);
      y[o] = static_cast<Out>(v);
    }
  }
}

// int16 x int8 with a 64-bit accumulator and double-precision rescaling.
template <typename Bias>
void WideFc(const FcDims& d, const int16_t* input, const int8_t* weights, const Bias* bias,
            const FcWideParams& p, int16_t* output) {
  constexpr double kLo = static_cast<double>(std::numeric_limits<int32_t>::min());
  constexpr double kHi = static_cast<double>(std::numeric_limits<int32_t>::max());
  for (int b = 0; b < d.batches; ++b) {
    const int16_t* x = input + static_cast<size_t>(b) * d.input_depth;
    int16_t* y = output + static_cast<size_t>(b) * d.output_depth;
    for (int o = 0; o < d.output_depth; ++o) {
      const int8_t* w = weights + static_cast<size_t>(o) * d.input_depth;
      int64_t acc = OffsetDot64(x, w, d.input_depth, p.input_offset, p.weights_offset);
      if constexpr (sizeof(Bias) == 4) {
        // TFLite accumulates in the bias type: an int32 bias means an int32
        // accumulator, which wraps.
        acc = static_cast<int32_t>(static_cast<uint32_t>(acc));
        if (bias != nullptr) {
          acc = static_cast<int32_t>(static_cast<uint32_t>(acc) + static_cast<uint32_t>(bias[o]));
        }
      } else if (bias != nullptr) {
        acc += bias[o];
      }
      // round() ties away from zero; clamp first so the cast is defined.
      const double scaled = std::clamp(std::round(static_cast<double>(acc) * p.scales[o]), kLo, kHi);
      int32_t v = AddOutputOffset(static_cast<int32_t>(scaled), p.output_offset);
      v = std::clamp(v, p.act_min, p.act_max);
      y[o] = static_cast<int16_t>(v);
    }
  }
}

}  // namespace

void f32_fully_connected__reference(const FcDims& d, const float* input, const float* weights,
                                    const float* bias, float act_min, float act_max,
                                    float* output) {
  for (int b = 0; b < d.batches; ++b) {
    const float* x = input + static_cast<size_t>(b) * d.input_depth;
    float* y = output + static_cast<size_t>(b) * d.output_depth;
    for (int o = 0; o < d.output_depth; ++o) {
      const float* w = weights + static_cast<size_t>(o) * d.input_depth;
      float acc = 0.f;
      for (int k = 0; k < d.input_depth; ++k) acc += x[k] * w[k];
      if (bias != nullptr) acc += bias[o];
      y[o] = std::min(std::max(acc, act_min), act_max);
    }
  }
}

void qs8_fully_connected__reference(const FcDims& dims, const int8_t* input,
                                    const int8_t* weights, const int32_t* bias,
                                    const FcQuantParams& params, int8_t* output) {
  QuantizedFc32(dims, input, weights, bias, params, output);
}

void qu8_fully_connected__reference(const FcDims& dims, const uint8_t* input,
                                    const uint8_t* weights, const int32_t* bias,
                                    const FcQuantParams& params, uint8_t* output) {
  QuantizedFc32(dims, input, weights, bias, params, output);
}

void qs16_fully_connected_acc32__reference(const FcDims& dims, const int16_t* input,
                                           const int8_t* weights, const int32_t* bias,
                                           const FcQuantParams& params, int16_t* output) {
  QuantizedFc32(dims, input, weights, bias, params, output);
}

void qs16_fully_connected_acc64_b64__reference(const FcDims& dims, const int16_t* input,
                                               const int8_t* weights, const int64_t* bias,
                                               const FcWideParams& params, int16_t* output) {
  WideFc(dims, input, weights, bias, params, output);
}

void qs16_fully_connected_acc64_b32__reference(const FcDims& dims, const int16_t* input,
                                               const int8_t* weights, const int32_t* bias,
                                               const FcWideParams& params, int16_t* output) {
  WideFc(dims, input, weights, bias, params, output);
}

float QuantizeRowForHybrid(const float* values, int n, bool asymmetric, int8_t* quantized,
                           int32_t* zero_point) {
  *zero_point = 0;
  if (n <= 0) return 1.f;
  const auto [lo_it, hi_it] = std::minmax_element(values, values + n);
  const float lo = *lo_it;
  const float hi = *hi_it;
  if (!asymmetric) {
    const float range = std::max(std::fabs(lo), std::fabs(hi));
    if (range == 0.f) {
      std::memset(quantized, 0, static_cast<size_t>(n));
      return 1.f;
    }
    const float inverse = 127.f / range;
    for (int i = 0; i < n; ++i) {
      const int32_t q = static_cast<int32_t>(std::round(values[i] * inverse));
      quantized[i] = static_cast<int8_t>(std::clamp(q, -127, 127));
    }
    return range / 127.f;
  }
  // The range always contains 0 so that 0 is exactly representable.
  const double rmin = std::min(0.f, lo);
  const double rmax = std::max(0.f, hi);
  if (rmin == rmax) {
    std::memset(quantized, 0, static_cast<size_t>(n));
    return 1.f;
  }
  constexpr double kQmin = -128.0;
  constexpr double kQmax = 127.0;
  const double scale = (rmax - rmin) / (kQmax - kQmin);
  // Pick the zero point whose derivation loses less precision, then nudge
  // it onto an integer inside the range.
  const double from_min = kQmin - rmin / scale;
  const double from_max = kQmax - rmax / scale;
  const double err_min = std::fabs(kQmin) + std::fabs(rmin / scale);
  const double err_max = std::fabs(kQmax) + std::fabs(rmax / scale);
  const double zp = err_min < err_max ? from_min : from_max;
  int32_t nudged;
  if (zp <= kQmin) {
    nudged = -128;
  } else if (zp >= kQmax) {
    nudged = 127;
  } else {
    nudged = static_cast<int32_t>(std::round(zp));
  }
  *zero_point = nudged;
  const float scale_f = static_cast<float>(scale);
  const float inverse = 1.f / scale_f;
  for (int i = 0; i < n; ++i) {
    const int32_t q =
        static_cast<int32_t>(std::round(static_cast<float>(nudged) + values[i] * inverse));
    quantized[i] = static_cast<int8_t>(std::clamp(q, -128, 127));
  }
  return scale_f;
}

void f32_qs8w_fully_connected_hybrid__reference(const FcDims& d, const float* input,
                                                const int8_t* weights, const float* bias,
                                                const FcHybridParams& p, int8_t* quantized,
                                                float* output) {
  for (int b = 0; b < d.batches; ++b) {
    const float* x = input + static_cast<size_t>(b) * d.input_depth;
    float* y = output + static_cast<size_t>(b) * d.output_depth;
    int32_t zero_point = 0;
    const float batch_scale =
        QuantizeRowForHybrid(x, d.input_depth, p.asymmetric, quantized, &zero_point);
    for (int o = 0; o < d.output_depth; ++o) {
      const int8_t* w = weights + static_cast<size_t>(o) * d.input_depth;
      int32_t dot = OffsetDot32(quantized, w, d.input_depth, 0, 0);
      if (zero_point != 0) dot -= p.row_sums[o] * zero_point;
      float acc = bias != nullptr ? bias[o] : 0.f;
      acc += static_cast<float>(dot) * (batch_scale * p.weight_scales[o]);
      y[o] = std::min(std::max(acc, p.act_min), p.act_max);
    }
  }
}

}  // namespace liteforge::kernels
