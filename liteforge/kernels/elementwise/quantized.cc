// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/elementwise/quantized.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "liteforge/kernels/fixed_point.h"
#include "liteforge/kernels/quant_math.h"

namespace liteforge::kernels::elementwise {
namespace {

// x * M with M's exponent applied as TFLite's "smaller than one" helper
// applies it: a doubling high multiply, then a rounding right shift by
// -shift. TFLite also reaches this helper with shift > 0 (SUB with a large
// output multiplier, comparisons of tensors whose scale is >= 1), where its
// right shift by a negative amount is undefined in C++; on x86, where the
// reference outputs come from, the shift counts wrap modulo the register
// width and the result is (v >> (32 - shift)) + (v >= 0). That is
// reproduced here so such models agree with TFLite rather than with the
// arithmetic the parameters describe.
inline int32_t ScaleBelowOne(int32_t x, int32_t multiplier, int shift) {
  const int32_t v = SaturatingRoundingDoublingHighMul(x, multiplier);
  if (shift <= 0) return RoundingDivideByPOT(v, -shift);
  return (v >> (32 - shift)) + (v >= 0 ? 1 : 0);
}

template <typename T>
inline T ClampTo(int32_t v, int32_t lo, int32_t hi) {
  return static_cast<T>(std::min(hi, std::max(lo, v)));
}

// gemmlowp's CountLeadingSignBits for int32: redundant sign bits (31 for 0
// and -1).
inline int LeadingSignBits(int32_t x) {
  const uint32_t u = static_cast<uint32_t>(x ^ (x >> 31));
  return std::countl_zero(u) - 1;
}

template <typename T, bool kSubtract>
void QuantAdd8(const BroadcastPlan& plan, const T* a, const T* b, T* out, const QuantAddParams& p,
               const QuantAdd8Tables& t) {
  const int32_t* t1 = t.input1.data();
  const int32_t* t2 = t.input2.data();
  ForEachBroadcast2(plan, a, b, out, [&](T x, T y) {
    const int32_t v1 = t1[ByteIndex(x)];
    const int32_t v2 = t2[ByteIndex(y)];
    const int32_t raw = kSubtract ? v1 - v2 : v1 + v2;
    const int32_t scaled = ScaleBelowOne(raw, p.output_multiplier, p.output_shift);
    return ClampTo<T>(scaled + p.output_offset, p.act_min, p.act_max);
  });
}

template <bool kSubtract>
void QuantAdd16(const BroadcastPlan& plan, const int16_t* a, const int16_t* b, int16_t* out,
                const QuantAddParams& p) {
  ForEachBroadcast2(plan, a, b, out, [&p](int16_t x, int16_t y) {
    const int32_t s1 = (p.input1_offset + x) * (1 << p.left_shift);
    const int32_t s2 = (p.input2_offset + y) * (1 << p.left_shift);
    const int32_t v1 = ScaleBelowOne(s1, p.input1_multiplier, p.input1_shift);
    const int32_t v2 = ScaleBelowOne(s2, p.input2_multiplier, p.input2_shift);
    const int32_t raw = kSubtract ? v1 - v2 : v1 + v2;
    const int32_t scaled = ScaleBelowOne(raw, p.output_multiplier, p.output_shift);
    return ClampTo<int16_t>(scaled + p.output_offset, p.act_min, p.act_max);
  });
}

template <bool kSubtract>
void QuantPotAdd16(const BroadcastPlan& plan, const int16_t* a, const int16_t* b, int16_t* out,
                   const QuantPotAddParams& p) {
  ForEachBroadcast2(plan, a, b, out, [&p](int16_t x, int16_t y) {
    const int32_t v1 = RoundingDivideByPOT(int32_t{x}, -p.input1_shift);
    const int32_t v2 = RoundingDivideByPOT(int32_t{y}, -p.input2_shift);
    const int32_t raw = kSubtract ? v1 - v2 : v1 + v2;
    // Saturating to int16 and then clamping is one clamp: the activation
    // range lies within int16.
    return ClampTo<int16_t>(raw, p.act_min, p.act_max);
  });
}

template <typename T>
void QuantMul(const BroadcastPlan& plan, const T* a, const T* b, T* out, const QuantMulParams& p) {
  ForEachBroadcast2(plan, a, b, out, [&p](T x, T y) {
    const int32_t product = (p.input1_offset + x) * (p.input2_offset + y);
    const int32_t scaled = MultiplyByQuantizedMultiplier(product, p.output_multiplier,
                                                         p.output_shift);
    return ClampTo<T>(scaled + p.output_offset, p.act_min, p.act_max);
  });
}

template <typename O>
void QuantMul16To8(const BroadcastPlan& plan, const int16_t* a, const int16_t* b, O* out,
                   const QuantMulParams& p) {
  const int32_t lo = p.act_min - p.output_offset;
  const int32_t hi = p.act_max - p.output_offset;
  ForEachBroadcast2(plan, a, b, out, [&p, lo, hi](int16_t x, int16_t y) {
    const int16_t product = fixed_point::DoublingHighMul(x, y);  // Q0.15
    const int32_t rescaled = RoundingDivideByPOT(int32_t{product}, 8);
    return static_cast<O>(p.output_offset + std::min(hi, std::max(lo, rescaled)));
  });
}

template <typename T>
void QuantCompare(const BroadcastPlan& plan, const T* a, const T* b, CompareOp op,
                  const QuantCompareTables& t, bool* out) {
  const int32_t* t1 = t.input1.data();
  const int32_t* t2 = t.input2.data();
  auto run = [&](auto cmp) {
    ForEachBroadcast2(plan, a, b, out,
                      [&](T x, T y) { return cmp(t1[ByteIndex(x)], t2[ByteIndex(y)]); });
  };
  switch (op) {
    case CompareOp::kEqual: return run([](int32_t x, int32_t y) { return x == y; });
    case CompareOp::kNotEqual: return run([](int32_t x, int32_t y) { return x != y; });
    case CompareOp::kLess: return run([](int32_t x, int32_t y) { return x < y; });
    case CompareOp::kLessEqual: return run([](int32_t x, int32_t y) { return x <= y; });
    case CompareOp::kGreater: return run([](int32_t x, int32_t y) { return x > y; });
    case CompareOp::kGreaterEqual: return run([](int32_t x, int32_t y) { return x >= y; });
  }
}

template <typename T>
void QuantPrelu(const BroadcastPlan& plan, const T* x, const T* alpha, T* out,
                const QuantPreluParams& p) {
  constexpr int32_t kLo = std::numeric_limits<T>::min();
  constexpr int32_t kHi = std::numeric_limits<T>::max();
  ForEachBroadcast2(plan, x, alpha, out, [&p](T v, T a) {
    const int32_t centered = p.input_offset + v;
    int32_t scaled;
    if (centered >= 0) {
      scaled = MultiplyByQuantizedMultiplier(centered, p.positive_multiplier, p.positive_shift);
    } else {
      const int32_t slope = p.alpha_offset + a;
      scaled = MultiplyByQuantizedMultiplier(centered * slope, p.negative_multiplier,
                                             p.negative_shift);
    }
    return ClampTo<T>(scaled + p.output_offset, kLo, kHi);
  });
}

}  // namespace

// ---------------------------------------------------------------------------
// ADD / SUB

Result<QuantAddParams> MakeQuantAddParams(QuantOperand in1, QuantOperand in2, QuantOperand out,
                                          int left_shift, bool allow_large_output_multiplier,
                                          int32_t act_min, int32_t act_max) {
  QuantAddParams p;
  p.left_shift = left_shift;
  p.input1_offset = -in1.zero_point;
  p.input2_offset = -in2.zero_point;
  p.output_offset = out.zero_point;
  p.act_min = act_min;
  p.act_max = act_max;
  // TFLite: twice the larger input scale (exact in float), the input
  // multipliers in double, the output multiplier over (2^shift * scale).
  const double twice_max = static_cast<double>(2.f * std::max(in1.scale, in2.scale));
  const double real1 = static_cast<double>(in1.scale) / twice_max;
  const double real2 = static_cast<double>(in2.scale) / twice_max;
  const double real_out =
      twice_max / (static_cast<double>(1 << left_shift) * static_cast<double>(out.scale));
  QuantizeMultiplier(real1, &p.input1_multiplier, &p.input1_shift);
  QuantizeMultiplier(real2, &p.input2_multiplier, &p.input2_shift);
  if (!(real_out < 1.0) && !allow_large_output_multiplier) {
    return Unimplemented(
        "output scale {} is too small for input scales {} and {}: the output rescale factor "
        "{} must be below 1",
        out.scale, in1.scale, in2.scale, real_out);
  }
  QuantizeMultiplier(real_out, &p.output_multiplier, &p.output_shift);
  return p;
}

ByteTable MakeAddInputTable(bool is_signed, int32_t offset, int left_shift, int32_t multiplier,
                            int shift) {
  ByteTable table{};
  for (int byte = 0; byte < 256; ++byte) {
    const int32_t value = is_signed ? static_cast<int32_t>(static_cast<int8_t>(byte)) : byte;
    const int32_t shifted = (offset + value) * (1 << left_shift);
    table[byte] = ScaleBelowOne(shifted, multiplier, shift);
  }
  return table;
}

QuantAdd8Tables MakeQuantAdd8Tables(const QuantAddParams& p, bool is_signed) {
  QuantAdd8Tables t;
  t.input1 = MakeAddInputTable(is_signed, p.input1_offset, p.left_shift, p.input1_multiplier,
                               p.input1_shift);
  t.input2 = MakeAddInputTable(is_signed, p.input2_offset, p.left_shift, p.input2_multiplier,
                               p.input2_shift);
  return t;
}

void qu8_add__reference(const BroadcastPlan& plan, const uint8_t* a, const uint8_t* b,
                        uint8_t* out, const QuantAddParams& p, const QuantAdd8Tables& t) {
  QuantAdd8<uint8_t, false>(plan, a, b, out, p, t);
}
void qs8_add__reference(const BroadcastPlan& plan, const int8_t* a, const int8_t* b, int8_t* out,
                        const QuantAddParams& p, const QuantAdd8Tables& t) {
  QuantAdd8<int8_t, false>(plan, a, b, out, p, t);
}
void qs16_add__reference(const BroadcastPlan& plan, const int16_t* a, const int16_t* b,
                         int16_t* out, const QuantAddParams& p) {
  QuantAdd16<false>(plan, a, b, out, p);
}
void qu8_sub__reference(const BroadcastPlan& plan, const uint8_t* a, const uint8_t* b,
                        uint8_t* out, const QuantAddParams& p, const QuantAdd8Tables& t) {
  QuantAdd8<uint8_t, true>(plan, a, b, out, p, t);
}
void qs8_sub__reference(const BroadcastPlan& plan, const int8_t* a, const int8_t* b, int8_t* out,
                        const QuantAddParams& p, const QuantAdd8Tables& t) {
  QuantAdd8<int8_t, true>(plan, a, b, out, p, t);
}
void qs16_sub__reference(const BroadcastPlan& plan, const int16_t* a, const int16_t* b,
                         int16_t* out, const QuantAddParams& p) {
  QuantAdd16<true>(plan, a, b, out, p);
}

// ---------------------------------------------------------------------------
// int16 power-of-two ADD / SUB

bool IsPowerOfTwoScale(float scale, int* log2_scale) {
  // TFLite's CheckedLog2, in single precision: log(x) / log(2) rounded
  // half away from zero, accepted within 1e-3.
  const float log2_value = std::log(scale) * (1.0f / std::log(2.0f));
  const float rounded = std::round(log2_value);
  *log2_scale = static_cast<int>(rounded);
  return std::abs(log2_value - rounded) < 1e-3f;
}

Result<QuantPotAddParams> MakeQuantPotAddParams(QuantOperand in1, QuantOperand in2,
                                                QuantOperand out, int32_t act_min,
                                                int32_t act_max) {
  if (in1.zero_point != 0 || in2.zero_point != 0 || out.zero_point != 0) {
    return InvalidArgument("power-of-two int16 scaling needs zero points of 0, got {}, {} and {}",
                           in1.zero_point, in2.zero_point, out.zero_point);
  }
  int log1 = 0, log2 = 0, log_out = 0;
  if (!IsPowerOfTwoScale(in1.scale, &log1) || !IsPowerOfTwoScale(in2.scale, &log2) ||
      !IsPowerOfTwoScale(out.scale, &log_out)) {
    return InvalidArgument("power-of-two int16 scaling needs power-of-two scales, got {}, {} and {}",
                           in1.scale, in2.scale, out.scale);
  }
  QuantPotAddParams p;
  p.input1_shift = log1 - log_out;
  p.input2_shift = log2 - log_out;
  p.act_min = act_min;
  p.act_max = act_max;
  if ((p.input1_shift != 0 && p.input2_shift != 0) || p.input1_shift > 0 ||
      p.input2_shift > 0 || p.input1_shift < -31 || p.input2_shift < -31) {
    return Unimplemented(
        "power-of-two int16 scaling supports one input on the output scale and the other on a "
        "smaller one; input scales {} and {} against output scale {} do not fit",
        in1.scale, in2.scale, out.scale);
  }
  return p;
}

void qs16_add_pot__reference(const BroadcastPlan& plan, const int16_t* a, const int16_t* b,
                             int16_t* out, const QuantPotAddParams& p) {
  QuantPotAdd16<false>(plan, a, b, out, p);
}
void qs16_sub_pot__reference(const BroadcastPlan& plan, const int16_t* a, const int16_t* b,
                             int16_t* out, const QuantPotAddParams& p) {
  QuantPotAdd16<true>(plan, a, b, out, p);
}

// ---------------------------------------------------------------------------
// MUL

QuantMulParams MakeQuantMulParams(QuantOperand in1, QuantOperand in2, QuantOperand out,
                                  int32_t act_min, int32_t act_max) {
  QuantMulParams p;
  p.input1_offset = -in1.zero_point;
  p.input2_offset = -in2.zero_point;
  p.output_offset = out.zero_point;
  p.act_min = act_min;
  p.act_max = act_max;
  // Formed in float, as TFLite does, then widened.
  const float real = in1.scale * in2.scale / out.scale;
  QuantizeMultiplier(static_cast<double>(real), &p.output_multiplier, &p.output_shift);
  return p;
}

void qu8_mul__reference(const BroadcastPlan& plan, const uint8_t* a, const uint8_t* b,
                        uint8_t* out, const QuantMulParams& p) {
  QuantMul(plan, a, b, out, p);
}
void qs8_mul__reference(const BroadcastPlan& plan, const int8_t* a, const int8_t* b, int8_t* out,
                        const QuantMulParams& p) {
  QuantMul(plan, a, b, out, p);
}
void qs16_mul__reference(const BroadcastPlan& plan, const int16_t* a, const int16_t* b,
                         int16_t* out, const QuantMulParams& p) {
  QuantMul(plan, a, b, out, p);
}
void qs16_mul_qs8out__reference(const BroadcastPlan& plan, const int16_t* a, const int16_t* b,
                                int8_t* out, const QuantMulParams& p) {
  QuantMul16To8(plan, a, b, out, p);
}
void qs16_mul_qu8out__reference(const BroadcastPlan& plan, const int16_t* a, const int16_t* b,
                                uint8_t* out, const QuantMulParams& p) {
  QuantMul16To8(plan, a, b, out, p);
}

// ---------------------------------------------------------------------------
// DIV

QuantDivParams MakeQuantDivParams(QuantOperand in1, QuantOperand in2, QuantOperand out,
                                  int32_t act_min, int32_t act_max) {
  QuantDivParams p;
  p.input1_offset = -in1.zero_point;
  p.input2_offset = -in2.zero_point;
  p.output_offset = out.zero_point;
  p.act_min = act_min;
  p.act_max = act_max;
  const float real = in1.scale / (in2.scale * out.scale);
  QuantizeMultiplier(static_cast<double>(real), &p.output_multiplier, &p.output_shift);
  return p;
}

void qu8_div__reference(const BroadcastPlan& plan, const uint8_t* a, const uint8_t* b,
                        uint8_t* out, const QuantDivParams& p) {
  ForEachBroadcast2(plan, a, b, out, [&p](uint8_t x, uint8_t y) {
    int32_t dividend = p.input1_offset + x;
    int32_t divisor = p.input2_offset + y;
    if (divisor < 0) {  // the reciprocal below needs a positive divisor
      dividend = -dividend;
      divisor = -divisor;
    }
    int reciprocal_shift = 0;
    const int32_t reciprocal = fixed_point::GetReciprocal(divisor, 31, &reciprocal_shift);
    const int headroom = LeadingSignBits(dividend);
    const int32_t quotient = MultiplyByQuantizedMultiplierGreaterThanOne(dividend, reciprocal,
                                                                         headroom);
    const int total_shift = p.output_shift - reciprocal_shift - headroom;
    const int32_t scaled = ScaleBelowOne(quotient, p.output_multiplier, total_shift);
    return ClampTo<uint8_t>(scaled + p.output_offset, p.act_min, p.act_max);
  });
}

// ---------------------------------------------------------------------------
// SQUARED_DIFFERENCE

Result<QuantAddParams> MakeQuantSquaredDifferenceParams(QuantOperand in1, QuantOperand in2,
                                                        QuantOperand out) {
  QuantAddParams p;
  p.left_shift = 7;
  p.input1_offset = -in1.zero_point;
  p.input2_offset = -in2.zero_point;
  p.output_offset = out.zero_point;
  p.act_min = std::numeric_limits<int8_t>::min();
  p.act_max = std::numeric_limits<int8_t>::max();
  const double twice_max = static_cast<double>(2.f * std::max(in1.scale, in2.scale));
  const double real1 = static_cast<double>(in1.scale) / twice_max;
  const double real2 = static_cast<double>(in2.scale) / twice_max;
  const double real_out =
      (twice_max * twice_max) / static_cast<double>(static_cast<float>(1 << 14) * out.scale);
  if (!(real_out < 1.0)) {
    return Unimplemented(
        "output scale {} is too small for input scales {} and {}: the output rescale factor "
        "{} must be below 1",
        out.scale, in1.scale, in2.scale, real_out);
  }
  QuantizeMultiplier(real1, &p.input1_multiplier, &p.input1_shift);
  QuantizeMultiplier(real2, &p.input2_multiplier, &p.input2_shift);
  QuantizeMultiplier(real_out, &p.output_multiplier, &p.output_shift);
  return p;
}

void qs8_squared_difference__reference(const BroadcastPlan& plan, const int8_t* a,
                                       const int8_t* b, int8_t* out, const QuantAddParams& p,
                                       const QuantAdd8Tables& t) {
  const int32_t* t1 = t.input1.data();
  const int32_t* t2 = t.input2.data();
  ForEachBroadcast2(plan, a, b, out, [&](int8_t x, int8_t y) {
    const int32_t diff = t1[ByteIndex(x)] - t2[ByteIndex(y)];
    const int32_t scaled = ScaleBelowOne(diff * diff, p.output_multiplier, p.output_shift);
    return ClampTo<int8_t>(scaled + p.output_offset, p.act_min, p.act_max);
  });
}

// ---------------------------------------------------------------------------
// Comparisons

QuantCompareTables MakeQuantCompareTables(QuantOperand in1, QuantOperand in2, bool is_signed) {
  constexpr int kLeftShift = 8;
  int32_t m1 = 0, m2 = 0;
  int s1 = 0, s2 = 0;
  QuantizeMultiplier(static_cast<double>(in1.scale), &m1, &s1);
  QuantizeMultiplier(static_cast<double>(in2.scale), &m2, &s2);
  QuantCompareTables t;
  t.input1 = MakeAddInputTable(is_signed, -in1.zero_point, kLeftShift, m1, s1);
  t.input2 = MakeAddInputTable(is_signed, -in2.zero_point, kLeftShift, m2, s2);
  return t;
}

void qu8_compare__reference(const BroadcastPlan& plan, const uint8_t* a, const uint8_t* b,
                            CompareOp op, const QuantCompareTables& t, bool* out) {
  QuantCompare(plan, a, b, op, t, out);
}
void qs8_compare__reference(const BroadcastPlan& plan, const int8_t* a, const int8_t* b,
                            CompareOp op, const QuantCompareTables& t, bool* out) {
  QuantCompare(plan, a, b, op, t, out);
}

// ---------------------------------------------------------------------------
// PRELU

QuantPreluParams MakeQuantPreluParams(QuantOperand input, QuantOperand alpha,
                                      QuantOperand out) {
  QuantPreluParams p;
  p.input_offset = -input.zero_point;
  p.alpha_offset = -alpha.zero_point;
  p.output_offset = out.zero_point;
  const float positive = input.scale / out.scale;
  const float negative = input.scale * alpha.scale / out.scale;
  QuantizeMultiplier(static_cast<double>(positive), &p.positive_multiplier, &p.positive_shift);
  QuantizeMultiplier(static_cast<double>(negative), &p.negative_multiplier, &p.negative_shift);
  return p;
}

void qu8_prelu__reference(const BroadcastPlan& plan, const uint8_t* x, const uint8_t* alpha,
                          uint8_t* out, const QuantPreluParams& p) {
  QuantPrelu(plan, x, alpha, out, p);
}
void qs8_prelu__reference(const BroadcastPlan& plan, const int8_t* x, const int8_t* alpha,
                          int8_t* out, const QuantPreluParams& p) {
  QuantPrelu(plan, x, alpha, out, p);
}

}  // namespace liteforge::kernels::elementwise
