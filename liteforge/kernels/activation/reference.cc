// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/activation/reference.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numbers>

#include "liteforge/kernels/fixed_point.h"
#include "liteforge/kernels/quant_math.h"

namespace liteforge::kernels {
namespace {

// sigmoid(i / 24) in unsigned Q0.16 for i = 0..255 (the last entry is
// saturated to 65535). These are TFLite's published table values; they are
// not exactly round(65536 * sigmoid(i / 24)) for every i, so they are data,
// not a formula, and int16 LOGISTIC / TANH outputs depend on each entry.
constexpr uint16_t kSigmoidQ16[256] = {
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149,
    40794, 41432, 42064, 42688, 43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369,
    47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409, 51865, 52311, 52745, 53169,
    53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433,
    57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370,
    60565, 60753, 60935, 61110, 61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302,
    62428, 62549, 62666, 62778, 62886, 62990, 63090, 63186, 63279, 63368, 63454, 63536,
    63615, 63691, 63765, 63835, 63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308,
    64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786,
    64816, 64845, 64873, 64900, 64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079,
    65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234, 65246, 65258,
    65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367,
    65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433,
    65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474,
    65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491, 65493, 65495, 65497, 65498,
    65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513,
    65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522,
    65523, 65523, 65524, 65524, 65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528,
    65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530, 65530, 65530, 65531, 65531,
    65531, 65531, 65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
    65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534,
    65534, 65534, 65534, 65535,
};

template <typename T>
constexpr int32_t kMinOf = std::numeric_limits<T>::min();
template <typename T>
constexpr int32_t kMaxOf = std::numeric_limits<T>::max();

template <typename T>
void ReluQuantized(const T* in, size_t n, const ReluQuantParams& p, T* out) {
  for (size_t i = 0; i < n; ++i) {
    const int32_t centered = static_cast<int32_t>(in[i]) - p.input_zero_point;
    int32_t v = p.output_zero_point + MultiplyByQuantizedMultiplier(centered, p.multiplier, p.shift);
    v = std::min(std::max(v, p.act_min), p.act_max);
    out[i] = static_cast<T>(v);
  }
}

template <typename T>
void LeakyReluQuantized(const T* in, size_t n, const LeakyReluQuantParams& p, T* out) {
  for (size_t i = 0; i < n; ++i) {
    const int32_t centered = static_cast<int32_t>(in[i]) - p.input_zero_point;
    const int32_t scaled =
        centered >= 0 ? MultiplyByQuantizedMultiplier(centered, p.identity_multiplier,
                                                      p.identity_shift)
                      : MultiplyByQuantizedMultiplier(centered, p.alpha_multiplier, p.alpha_shift);
    out[i] = static_cast<T>(std::clamp(p.output_zero_point + scaled, kMinOf<T>, kMaxOf<T>));
  }
}

// x * 2^amount clamped to int16 (amount >= 0).
int16_t SaturatingShiftLeft16(int16_t x, int amount) {
  const int64_t v = static_cast<int64_t>(x) * (int64_t{1} << amount);
  return static_cast<int16_t>(std::clamp<int64_t>(v, -32768, 32767));
}

// High half of 2*a*b truncated toward zero (no rounding); -1*-1 saturates.
int16_t TruncatingDoublingHighMul16(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min()) return 32767;
  return static_cast<int16_t>((int32_t{a} * int32_t{b}) / (1 << 15));
}

template <typename T>
void HardSwishQuantized(const T* in, size_t n, const HardSwishQuantParams& p, T* out) {
  using fixed_point::DoublingHighMul;
  using fixed_point::RoundingShiftRight;
  for (size_t i = 0; i < n; ++i) {
    const int16_t centered = static_cast<int16_t>(static_cast<int32_t>(in[i]) - p.input_zero_point);
    // 7 bits of headroom: |centered| <= 255 fits after x128.
    const int16_t hires = static_cast<int16_t>(centered * 128);
    const int16_t on_output_scale = DoublingHighMul(hires, p.output_multiplier);
    // x / 3 on a scale where 3.0 maps to 32768, saturating; the left shift
    // (if any) is split so only the final bit can saturate.
    int16_t reluish = hires;
    if (p.reluish_exponent > 0) reluish = SaturatingShiftLeft16(reluish, p.reluish_exponent - 1);
    reluish = DoublingHighMul(reluish, p.reluish_multiplier);
    if (p.reluish_exponent > 0) reluish = SaturatingShiftLeft16(reluish, 1);
    if (p.reluish_exponent < 0) reluish = RoundingShiftRight<int16_t>(reluish, -p.reluish_exponent);
    // [-1, 1] -> [0, 1].
    reluish = static_cast<int16_t>((static_cast<int32_t>(reluish) + (1 << 15)) >> 1);
    const int16_t product = TruncatingDoublingHighMul16(reluish, on_output_scale);
    int16_t result = RoundingShiftRight<int16_t>(product, -p.output_exponent);
    result = static_cast<int16_t>(result + p.output_zero_point);
    out[i] = static_cast<T>(std::clamp<int32_t>(result, kMinOf<T>, kMaxOf<T>));
  }
}

// 65536 * sigmoid(|v| / 4096 / 6) style interpolation, see the header.
int16_t Int16LogisticFromTable(int32_t v) {
  const uint32_t magnitude = static_cast<uint32_t>(std::abs(v));
  const uint32_t index = magnitude >> 9;
  uint32_t r;
  if (index >= 255) {
    r = uint32_t{0x7FFF} << 10;
  } else {
    const uint32_t lo = kSigmoidQ16[index];
    const uint32_t hi = kSigmoidQ16[index + 1];
    r = (lo << 9) + (magnitude & 0x1ff) * (hi - lo);
  }
  r = v >= 0 ? r + (1u << 9) : (1u << 25) - r + (1u << 9) - 1;
  return static_cast<int16_t>(r >> 10);
}

// tanh(y) = 2 * sigmoid(2y) - 1 on the same table, 8 fractional bits.
int16_t Int16TanhFromTable(int32_t v) {
  const uint32_t magnitude = static_cast<uint32_t>(std::abs(v));
  const uint32_t index = magnitude >> 8;
  int32_t r;
  if (index >= 255) {
    r = 0xFFFF << 8;
  } else {
    const uint32_t lo = kSigmoidQ16[index];
    const uint32_t hi = kSigmoidQ16[index + 1];
    r = static_cast<int32_t>((lo << 8) + (magnitude & 0xff) * (hi - lo));
  }
  r = v >= 0 ? r - (1 << 23) + (1 << 7) : -r + (1 << 23) + (1 << 7) - 1;
  return static_cast<int16_t>(r >> 8);
}

// The table path's input rescale: (x * multiplier) / 2^shift, rounded up
// at ties.
inline int32_t RescaleInt16Input(int16_t x, int32_t multiplier, int shift) {
  const int32_t round = shift > 0 ? (1 << (shift - 1)) : 0;
  return (static_cast<int32_t>(x) * multiplier + round) >> shift;
}

// TFLite's non-POT int16 rescale: multiplier = scale * 3 * 4096 doubled
// until it exceeds 32767 / 2.
void MakeTableRescale(float input_scale, Int16SigmoidParams* p) {
  double multiplier = static_cast<double>(input_scale) * 4096.0 * 3.0;
  int shift = 0;
  while (multiplier <= 32767.0 / 2.0 && shift <= 30) {
    ++shift;
    multiplier *= 2.0;
  }
  p->power_of_two = false;
  p->multiplier = static_cast<int32_t>(multiplier);
  p->left_shift = shift;
}

}  // namespace

// ---------------------------------------------------------------------------
// float32

void f32_clamp__reference(const float* in, size_t n, float lo, float hi, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = std::min(std::max(in[i], lo), hi);
}

void f32_leaky_relu__reference(const float* in, size_t n, float alpha, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = in[i] > 0.0f ? in[i] : in[i] * alpha;
}

void f32_hard_swish__reference(const float* in, size_t n, float* out) {
  for (size_t i = 0; i < n; ++i) {
    const float x = in[i];
    out[i] = x * std::min(6.0f, std::max(0.0f, x + 3.0f)) * (1.0f / 6.0f);
  }
}

void f32_elu__reference(const float* in, size_t n, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = EluForTable(in[i]);
}

void f32_gelu__reference(const float* in, size_t n, bool approximate, float* out) {
  if (approximate) {
    for (size_t i = 0; i < n; ++i) out[i] = GeluApproximateForTable(in[i]);
  } else {
    for (size_t i = 0; i < n; ++i) out[i] = GeluForTable(in[i]);
  }
}

void f32_logistic__reference(const float* in, size_t n, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = LogisticForTable(in[i]);
}

void f32_tanh__reference(const float* in, size_t n, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = std::tanh(in[i]);
}

float LogisticForTable(float x) { return 1.0f / (1.0f + std::exp(-x)); }
float TanhForTable(float x) { return std::tanh(x); }
float EluForTable(float x) { return x < 0.0f ? std::expm1(x) : x; }

float GeluForTable(float x) {
  // 0.5 x (1 + erf(x / sqrt 2)) written with erfc, which stays accurate for
  // large negative x.
  const float minus_inv_sqrt2 = static_cast<float>(-(std::numbers::sqrt2 / 2.0));
  return 0.5f * x * std::erfc(x * minus_inv_sqrt2);
}

float GeluApproximateForTable(float x) {
  // sqrt(2 / pi), formed in double as (2 / sqrt(pi)) * sqrt(1/2).
  const float sqrt_2_over_pi =
      static_cast<float>(2.0 * std::numbers::inv_sqrtpi * (std::numbers::sqrt2 / 2.0));
  return 0.5f * x * (1.0f + std::tanh(sqrt_2_over_pi * (x + 0.044715f * x * x * x)));
}

// ---------------------------------------------------------------------------
// RELU family

ReluQuantParams MakeReluQuantParams(float input_scale, int32_t input_zero_point,
                                    float output_scale, int32_t output_zero_point, float lo,
                                    float hi, int32_t dtype_min, int32_t dtype_max) {
  ReluQuantParams p;
  p.input_zero_point = input_zero_point;
  p.output_zero_point = output_zero_point;
  // The ratio is formed in float, as TFLite does, then encoded.
  const float ratio = input_scale / output_scale;
  QuantizeMultiplier(static_cast<double>(ratio), &p.multiplier, &p.shift);
  p.act_min = std::max(dtype_min,
                       output_zero_point + static_cast<int32_t>(std::round(lo / output_scale)));
  p.act_max = std::isinf(hi) ? dtype_max
                             : std::min(dtype_max, output_zero_point + static_cast<int32_t>(
                                                                           std::round(hi / output_scale)));
  return p;
}

void qs8_relu__reference(const int8_t* in, size_t n, const ReluQuantParams& p, int8_t* out) {
  ReluQuantized(in, n, p, out);
}
void qu8_relu__reference(const uint8_t* in, size_t n, const ReluQuantParams& p, uint8_t* out) {
  ReluQuantized(in, n, p, out);
}
void qs16_relu__reference(const int16_t* in, size_t n, const ReluQuantParams& p, int16_t* out) {
  ReluQuantized(in, n, p, out);
}

// ---------------------------------------------------------------------------
// LEAKY_RELU

LeakyReluQuantParams MakeLeakyReluQuantParams(float input_scale, int32_t input_zero_point,
                                              float output_scale, int32_t output_zero_point,
                                              float alpha) {
  LeakyReluQuantParams p;
  p.input_zero_point = input_zero_point;
  p.output_zero_point = output_zero_point;
  // Both ratios in float (TFLite's expression types), then encoded.
  const float alpha_ratio = input_scale * alpha / output_scale;
  const float identity_ratio = input_scale / output_scale;
  QuantizeMultiplier(static_cast<double>(alpha_ratio), &p.alpha_multiplier, &p.alpha_shift);
  QuantizeMultiplier(static_cast<double>(identity_ratio), &p.identity_multiplier,
                     &p.identity_shift);
  return p;
}

void qs8_leaky_relu__reference(const int8_t* in, size_t n, const LeakyReluQuantParams& p,
                               int8_t* out) {
  LeakyReluQuantized(in, n, p, out);
}
void qu8_leaky_relu__reference(const uint8_t* in, size_t n, const LeakyReluQuantParams& p,
                               uint8_t* out) {
  LeakyReluQuantized(in, n, p, out);
}
void qs16_leaky_relu__reference(const int16_t* in, size_t n, const LeakyReluQuantParams& p,
                                int16_t* out) {
  LeakyReluQuantized(in, n, p, out);
}

// ---------------------------------------------------------------------------
// HARD_SWISH

namespace {
// Q31 multiplier -> Q15, rounded; values too close to 1 saturate.
int16_t NarrowMultiplierToQ15(int32_t q31) {
  constexpr int32_t kHalf = 1 << 15;
  if (q31 >= std::numeric_limits<int32_t>::max() - kHalf) return 32767;
  return static_cast<int16_t>((q31 + kHalf) >> 16);
}
}  // namespace

bool MakeHardSwishQuantParams(float input_scale, int32_t input_zero_point, float output_scale,
                              int32_t output_zero_point, HardSwishQuantParams* params) {
  HardSwishQuantParams p;
  p.input_zero_point = input_zero_point;
  p.output_zero_point = output_zero_point;
  const float hires_input_scale = (1.0f / 128.0f) * input_scale;
  const float reluish_scale = 3.0f / 32768.0f;
  int32_t q31 = 0;
  QuantizeMultiplier(static_cast<double>(hires_input_scale / output_scale), &q31,
                     &p.output_exponent);
  p.output_multiplier = NarrowMultiplierToQ15(q31);
  if (p.output_exponent > 0) return false;
  QuantizeMultiplier(static_cast<double>(hires_input_scale / reluish_scale), &q31,
                     &p.reluish_exponent);
  p.reluish_multiplier = NarrowMultiplierToQ15(q31);
  *params = p;
  return true;
}

void qs8_hard_swish__reference(const int8_t* in, size_t n, const HardSwishQuantParams& p,
                               int8_t* out) {
  HardSwishQuantized(in, n, p, out);
}
void qu8_hard_swish__reference(const uint8_t* in, size_t n, const HardSwishQuantParams& p,
                               uint8_t* out) {
  HardSwishQuantized(in, n, p, out);
}

// ---------------------------------------------------------------------------
// int16 LOGISTIC / TANH

bool CheckedLog2(float x, int* log2_rounded) {
  const float log2_x = std::log(x) * (1.0f / std::log(2.0f));
  const float rounded = std::round(log2_x);
  *log2_rounded = static_cast<int>(rounded);
  return std::abs(log2_x - rounded) < 1e-3f;
}

bool MakeInt16LogisticParams(float input_scale, float output_scale, Int16SigmoidParams* params) {
  // TFLite requires exactly 2^-15 here.
  if (output_scale != 1.0f / 32768.0f) return false;
  int log2_scale = 0;
  const bool pot = CheckedLog2(input_scale, &log2_scale) && (12 + log2_scale) == 0;
  Int16SigmoidParams p;
  if (pot) {
    p.power_of_two = true;
    p.left_shift = 0;
  } else {
    MakeTableRescale(input_scale, &p);
  }
  *params = p;
  return true;
}

bool MakeInt16TanhParams(float input_scale, float output_scale, Int16SigmoidParams* params) {
  int log2_out = 0;
  if (!CheckedLog2(output_scale, &log2_out) || log2_out != -15) return false;
  int log2_scale = 0;
  const bool is_pot = CheckedLog2(input_scale, &log2_scale);
  const int shift = 12 + log2_scale;
  Int16SigmoidParams p;
  if (is_pot && (shift == 0 || shift == 1)) {
    p.power_of_two = true;
    p.left_shift = shift;
  } else {
    MakeTableRescale(input_scale, &p);
  }
  *params = p;
  return true;
}

void qs16_logistic__reference(const int16_t* in, size_t n, const Int16SigmoidParams& p,
                              int16_t* out) {
  if (p.power_of_two) {
    using F3 = fixed_point::FixedPoint16<3>;
    for (size_t i = 0; i < n; ++i) out[i] = fixed_point::logistic(F3::FromRaw(in[i])).raw();
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    out[i] = Int16LogisticFromTable(RescaleInt16Input(in[i], p.multiplier, p.left_shift));
  }
}

void qs16_tanh__reference(const int16_t* in, size_t n, const Int16SigmoidParams& p, int16_t* out) {
  if (p.power_of_two) {
    using F3 = fixed_point::FixedPoint16<3>;
    for (size_t i = 0; i < n; ++i) {
      const int16_t x = p.left_shift == 1 ? fixed_point::SaturatingShiftLeft<int16_t>(in[i], 1)
                                          : in[i];
      out[i] = fixed_point::tanh(F3::FromRaw(x)).raw();
    }
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    out[i] = Int16TanhFromTable(RescaleInt16Input(in[i], p.multiplier, p.left_shift));
  }
}

}  // namespace liteforge::kernels
