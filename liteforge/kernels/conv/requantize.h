// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Output stages of the quantized convolution kernels (CONV_2D,
// DEPTHWISE_CONV_2D, FULLY_CONNECTED): how an int32/int64 accumulator
// becomes an output integer. Both rules TFLite's x86 build uses start with
// gemmlowp's saturating rounding doubling high multiply (SRDHM) of the
// (wrapping) left-shifted accumulator; they differ in how the final right
// shift breaks ties, so the rule is a parameter the op picks in Prepare:
//
//   kDoubleRounding       TFLite's reference arithmetic (and gemmlowp's):
//                         RoundingDivideByPOT, ties away from zero.
//                         TFLite's depthwise kernels, uint8 conv and FC
//                         (gemmlowp on x86), grouped conv (reference
//                         kernels) and MEAN round this way.
//   kDoubleRoundingTiesUp ruy, TFLite's GEMM backend for int8 (and 16x8)
//                         conv and FC: the same high multiply, then a
//                         rounding shift with ties towards +infinity, as
//                         ARM's RSHL. Measured against TFLite's outputs:
//                         this rule makes the int8 per-channel MobileNetV2
//                         and MoveNet goldens bit-exact, where rounding
//                         once (today's ruy source) or ties away leave 8 to
//                         885 values off (docs/golden.md).

#pragma once

#include <cstdint>

#include "liteforge/kernels/quant_math.h"

namespace liteforge::kernels {

enum class ConvRounding : uint8_t { kDoubleRounding, kDoubleRoundingTiesUp };

// acc * (multiplier * 2^(exponent - 31)) rounded per `rounding`.
inline int32_t ConvScale(int32_t acc, int32_t multiplier, int exponent, ConvRounding rounding) {
  if (rounding == ConvRounding::kDoubleRounding) {
    return MultiplyByQuantizedMultiplier(acc, multiplier, exponent);
  }
  const int left = exponent > 0 ? exponent : 0;
  const int right = exponent > 0 ? 0 : -exponent;
  const int32_t shifted = static_cast<int32_t>(static_cast<uint32_t>(acc) << left);
  const int32_t high = SaturatingRoundingDoublingHighMul(shifted, multiplier);
  if (right == 0) return high;
  // In 64 bits, so a high value near INT32_MAX rounds instead of wrapping.
  return static_cast<int32_t>((int64_t{high} + (int64_t{1} << (right - 1))) >> right);
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
    RequantizeChannelsWith<ConvRounding::kDoubleRoundingTiesUp>(acc, extra, bias, begin, end,
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
