// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/unary/reference.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <type_traits>

#include "liteforge/kernels/fixed_point.h"
#include "liteforge/kernels/quant_math.h"

namespace liteforge::kernels {
namespace {

template <typename T, typename Fn>
inline void Map(const T* in, size_t n, T* out, Fn fn) {
  for (size_t i = 0; i < n; ++i) out[i] = fn(in[i]);
}

// Negation in the unsigned domain, so the minimum value wraps to itself.
template <typename T>
inline T WrappingNegate(T x) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(U{0} - static_cast<U>(x)));
}

template <typename T>
inline T SignOf(T x) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(x)) return x;
  }
  if (x > 0) return T{1};
  if (x < 0) return T{-1};
  return T{0};
}

template <typename T>
void AbsQuantized(const T* in, size_t n, const AbsQuantParams& p, T* out) {
  constexpr int32_t kLo = std::numeric_limits<T>::min();
  constexpr int32_t kHi = std::numeric_limits<T>::max();
  for (size_t i = 0; i < n; ++i) {
    const int32_t magnitude = std::abs(static_cast<int32_t>(in[i]) - p.input_zero_point);
    const int32_t scaled =
        p.rescale ? MultiplyByQuantizedMultiplier(magnitude, p.multiplier, p.shift) : magnitude;
    out[i] = static_cast<T>(std::clamp(scaled + p.output_zero_point, kLo, kHi));
  }
}

template <typename T>
size_t SqrtQuantized(const T* in, size_t n, const SqrtQuantParams& p, T* out) {
  constexpr int32_t kLo = std::numeric_limits<T>::min();
  constexpr int32_t kHi = std::numeric_limits<T>::max();
  for (size_t i = 0; i < n; ++i) {
    const float x =
        p.input_scale * static_cast<float>(static_cast<int32_t>(in[i]) - p.input_zero_point);
    if (!(x >= 0.0f)) return i;
    const float root = std::sqrt(x);
    const int32_t q = static_cast<int32_t>(root / p.output_scale) + p.output_zero_point;
    out[i] = static_cast<T>(std::clamp(q, kLo, kHi));
  }
  return n;
}

}  // namespace

void f32_exp__reference(const float* in, size_t n, float* out) {
  Map(in, n, out, [](float x) { return std::exp(x); });
}
void f32_log__reference(const float* in, size_t n, float* out) {
  Map(in, n, out, [](float x) { return std::log(x); });
}
void f32_sqrt__reference(const float* in, size_t n, float* out) {
  Map(in, n, out, [](float x) { return std::sqrt(x); });
}
void f32_rsqrt__reference(const float* in, size_t n, float* out) {
  Map(in, n, out, [](float x) { return 1.0f / std::sqrt(x); });
}
void f32_square__reference(const float* in, size_t n, float* out) {
  Map(in, n, out, [](float x) { return x * x; });
}
void f32_abs__reference(const float* in, size_t n, float* out) {
  Map(in, n, out, [](float x) { return std::fabs(x); });
}
void f32_neg__reference(const float* in, size_t n, float* out) {
  Map(in, n, out, [](float x) { return -x; });
}
void f32_sin__reference(const float* in, size_t n, float* out) {
  Map(in, n, out, [](float x) { return std::sin(x); });
}
void f32_cos__reference(const float* in, size_t n, float* out) {
  Map(in, n, out, [](float x) { return std::cos(x); });
}
void f32_floor__reference(const float* in, size_t n, float* out) {
  Map(in, n, out, [](float x) { return std::floor(x); });
}
void f32_ceil__reference(const float* in, size_t n, float* out) {
  Map(in, n, out, [](float x) { return std::ceil(x); });
}
void f32_round__reference(const float* in, size_t n, float* out) {
  Map(in, n, out, [](float x) {
    // Ties go to the even neighbour.
    const float below = std::floor(x);
    const float fraction = x - below;
    if (fraction < 0.5f) return below;
    if (fraction > 0.5f) return below + 1.0f;
    return std::fmod(below, 2.0f) == 0.0f ? below : below + 1.0f;
  });
}
void f32_sign__reference(const float* in, size_t n, float* out) { Map(in, n, out, SignOf<float>); }
void f64_sign__reference(const double* in, size_t n, double* out) {
  Map(in, n, out, SignOf<double>);
}
void s32_sign__reference(const int32_t* in, size_t n, int32_t* out) {
  Map(in, n, out, SignOf<int32_t>);
}

void s8_neg__reference(const int8_t* in, size_t n, int8_t* out) {
  Map(in, n, out, WrappingNegate<int8_t>);
}
void s16_neg__reference(const int16_t* in, size_t n, int16_t* out) {
  Map(in, n, out, WrappingNegate<int16_t>);
}
void s32_neg__reference(const int32_t* in, size_t n, int32_t* out) {
  Map(in, n, out, WrappingNegate<int32_t>);
}
void s64_neg__reference(const int64_t* in, size_t n, int64_t* out) {
  Map(in, n, out, WrappingNegate<int64_t>);
}
void s16_abs__reference(const int16_t* in, size_t n, int16_t* out) {
  Map(in, n, out, [](int16_t x) { return static_cast<int16_t>(std::abs(static_cast<int32_t>(x))); });
}
void s32_abs__reference(const int32_t* in, size_t n, int32_t* out) {
  Map(in, n, out, [](int32_t x) { return x < 0 ? WrappingNegate(x) : x; });
}

AbsQuantParams MakeAbsQuantParams(float input_scale, int32_t input_zero_point,
                                  float output_scale, int32_t output_zero_point) {
  AbsQuantParams p;
  p.input_zero_point = input_zero_point;
  p.output_zero_point = output_zero_point;
  p.rescale = input_scale != output_scale;
  if (p.rescale) {
    const float ratio = input_scale / output_scale;  // float, as TFLite forms it
    QuantizeMultiplier(static_cast<double>(ratio), &p.multiplier, &p.shift);
  }
  return p;
}

void qs8_abs__reference(const int8_t* in, size_t n, const AbsQuantParams& p, int8_t* out) {
  AbsQuantized(in, n, p, out);
}
void qs16_abs__reference(const int16_t* in, size_t n, const AbsQuantParams& p, int16_t* out) {
  AbsQuantized(in, n, p, out);
}

size_t qs8_sqrt__reference(const int8_t* in, size_t n, const SqrtQuantParams& p, int8_t* out) {
  return SqrtQuantized(in, n, p, out);
}
size_t qs16_sqrt__reference(const int16_t* in, size_t n, const SqrtQuantParams& p, int16_t* out) {
  return SqrtQuantized(in, n, p, out);
}

RsqrtQuantParams MakeRsqrtQuantParams(float input_scale, int32_t input_zero_point,
                                      float output_scale, int32_t output_zero_point) {
  RsqrtQuantParams p;
  p.input_zero_point = input_zero_point;
  p.output_zero_point = output_zero_point;
  // sqrt and the product in float, the reciprocal in double (TFLite's types).
  const float denominator = std::sqrt(input_scale) * output_scale;
  QuantizeMultiplier(1.0 / static_cast<double>(denominator), &p.multiplier, &p.shift);
  return p;
}

size_t qs8_rsqrt__reference(const int8_t* in, size_t n, const RsqrtQuantParams& p, int8_t* out) {
  // The intermediate 1/sqrt(v) is kept with 20 extra fraction bits.
  constexpr int kExtraBits = 20;
  for (size_t i = 0; i < n; ++i) {
    const int32_t v = static_cast<int32_t>(in[i]) - p.input_zero_point;
    if (v < 0) return i;
    if (v == 0) {
      out[i] = 127;
      continue;
    }
    int32_t inv_sqrt = 0;
    int inv_shift = 0;
    fixed_point::GetInvSqrtQuantizedMultiplierExp(v, -1, &inv_sqrt, &inv_shift);
    const int32_t fixed = MultiplyByQuantizedMultiplier(int32_t{1}, inv_sqrt, inv_shift + kExtraBits);
    const int32_t q =
        MultiplyByQuantizedMultiplier(fixed, p.multiplier, p.shift - kExtraBits) + p.output_zero_point;
    out[i] = static_cast<int8_t>(std::clamp<int32_t>(q, -128, 127));
  }
  return n;
}

float ExpForTable(float x) { return std::exp(x); }
float LogForTable(float x, float floor_value) { return x <= 0.0f ? floor_value : std::log(x); }
float RsqrtForTable(float x, float ceiling_value) {
  return x <= 0.0f ? ceiling_value : 1.0f / std::sqrt(x);
}

}  // namespace liteforge::kernels
