// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Output stages of the quantized convolution kernels (CONV_2D and
// DEPTHWISE_CONV_2D): how an int32/int64 accumulator becomes an output
// integer. TFLite's builtin kernels do not agree on one rounding rule, so
// the rule is a parameter the op picks in Prepare:
//
//   kDoubleRounding  TFLite's reference arithmetic (and gemmlowp's): a
//                    rounding doubling high multiply, then a rounding right
//                    shift with ties away from zero. TFLite's depthwise
//                    kernels, its uint8 conv (gemmlowp on x86) and grouped
//                    conv (reference kernels) round this way.
//   kSingleRounding  ruy, TFLite's GEMM backend for int8 (and 16x8) conv:
//                    the exact 64-bit product, shifted right once with ties
//                    rounded towards +infinity. A positive exponent is
//                    applied first as a 32-bit left shift of the
//                    accumulator (which wraps, as ruy's SIMD code does).

#pragma once

#include <cstdint>

#include "liteforge/kernels/quant_math.h"

namespace liteforge::kernels {

enum class ConvRounding : uint8_t { kDoubleRounding, kSingleRounding };

// acc * (multiplier * 2^(exponent - 31)) rounded per `rounding`.
inline int32_t ConvScale(int32_t acc, int32_t multiplier, int exponent, ConvRounding rounding) {
  if (rounding == ConvRounding::kDoubleRounding) {
    return MultiplyByQuantizedMultiplier(acc, multiplier, exponent);
  }
  const int left = exponent > 0 ? exponent : 0;
  const int right = exponent > 0 ? 0 : -exponent;
  const int32_t shifted = static_cast<int32_t>(static_cast<uint32_t>(acc) << left);
  const int64_t product = static_cast<int64_t>(shifted) * static_cast<int64_t>(multiplier);
  const int64_t rounded = (product + (int64_t{1} << (30 + right))) >> (31 + right);
  return static_cast<int32_t>(rounded);
}

// The output stage over channels [begin, end) of one output pixel:
//   out[o] = clamp(scale(acc[o] + extra + bias[o]) + output_offset)
// with wrapping int32 sums. Everything is passed by value so the loop
// keeps it in registers (stores through `out` may alias anything).
template <ConvRounding kRounding, typename Out>
inline void RequantizeChannelsWith(const uint32_t* acc, uint32_t extra, const int32_t* bias,
                                   int begin, int end, const int32_t* multipliers,
                                   const int32_t* exponents, int32_t output_offset,
                                   int32_t act_min, int32_t act_max, Out* out) {
  for (int o = begin; o < end; ++o) {
    uint32_t a = acc[o] + extra;
    if (bias != nullptr) a += static_cast<uint32_t>(bias[o]);
    int32_t v = ConvScale(static_cast<int32_t>(a), multipliers[o], exponents[o], kRounding);
    v = AddOutputOffset(v, output_offset);
    v = v < act_min ? act_min : v;
    v = v > act_max ? act_max : v;
    out[o] = static_cast<Out>(v);
  }
}

template <typename Out>
inline void RequantizeChannels(const uint32_t* acc, uint32_t extra, const int32_t* bias, int begin,
                               int end, const int32_t* multipliers, const int32_t* exponents,
                               ConvRounding rounding, int32_t output_offset, int32_t act_min,
                               int32_t act_max, Out* out) {
  if (rounding == ConvRounding::kDoubleRounding) {
    RequantizeChannelsWith<ConvRounding::kDoubleRounding>(acc, extra, bias, begin, end,
                                                         multipliers, exponents, output_offset,
                                                         act_min, act_max, out);
  } else {
    RequantizeChannelsWith<ConvRounding::kSingleRounding>(acc, extra, bias, begin, end,
                                                         multipliers, exponents, output_offset,
                                                         act_min, act_max, out);
  }
}

// The 64-bit accumulator stage of TFLite's int16x8 reference kernels: the
// Q31 multiplier reduced to Q15 and one rounding shift (quant_math.h).
// (Checked against LiteRT 2.21 on tflm__conv10: a double-precision rescale
// differs from TFLite by one in 14 of 320 outputs; this one is bit-exact.)
inline int32_t ConvScaleWide(int64_t acc, int32_t multiplier, int exponent) {
  return MultiplyByQuantizedMultiplier(acc, multiplier, exponent);
}

// Per-output-channel multipliers the way TFLite forms them for conv and
// depthwise (PopulateConvolutionQuantizationParams): the real scale
// double(input_scale) * double(filter_scale) / double(output_scale),
// encoded with QuantizeMultiplier. A single filter scale is broadcast to
// every channel.
inline void ComputeChannelMultipliers(float input_scale, const float* filter_scales,
                                      int num_filter_scales, float output_scale, int channels,
                                      int32_t* multipliers, int32_t* exponents) {
  for (int c = 0; c < channels; ++c) {
    const float fs = filter_scales[num_filter_scales == 1 ? 0 : c];
    const double real = static_cast<double>(input_scale) * static_cast<double>(fs) /
                        static_cast<double>(output_scale);
    int exponent = 0;
    QuantizeMultiplier(real, &multipliers[c], &exponent);
    exponents[c] = exponent;
  }
}

// The single multiplier TFLite uses for uint8 conv and depthwise: the
// input x filter scale product is rounded to float before the division.
inline void ComputeLegacyMultiplier(float input_scale, float filter_scale, float output_scale,
                                    int32_t* multiplier, int32_t* exponent) {
  const double real =
      static_cast<double>(input_scale * filter_scale) / static_cast<double>(output_scale);
  int e = 0;
  QuantizeMultiplier(real, multiplier, &e);
  *exponent = e;
}

}  // namespace liteforge::kernels
