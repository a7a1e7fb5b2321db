// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable reductions. Every variant is the same walk (WalkReduction) with
// a "first" function applied to an output's first input and a "next"
// function combining the running value with each later input.

#include "liteforge/kernels/reduce/reference.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "liteforge/kernels/quant_math.h"

namespace liteforge::kernels {
namespace {

// Folds the inputs into acc[num_outputs].
template <typename Acc, typename T, typename First, typename Next>
void Accumulate(const ReducePlan& p, const T* in, Acc* acc, First first, Next next) {
  const bool inner_reduced = p.reduced.back() != 0;
  WalkReduction(p, [&](int64_t in_offset, int64_t out_offset, int64_t n, bool is_first) {
    const T* src = in + in_offset;
    if (inner_reduced) {
      Acc a = is_first ? first(src[0]) : next(acc[out_offset], src[0]);
      for (int64_t j = 1; j < n; ++j) a = next(a, src[j]);
      acc[out_offset] = a;
      return;
    }
    Acc* dst = acc + out_offset;
    if (is_first) {
      for (int64_t j = 0; j < n; ++j) dst[j] = first(src[j]);
    } else {
      for (int64_t j = 0; j < n; ++j) dst[j] = next(dst[j], src[j]);
    }
  });
}

// Two's-complement wrapping add / multiply for integers (no UB on
// overflow), plain arithmetic for float.
template <typename T>
T WrapAdd(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
  } else {
    return a + b;
  }
}

template <typename T>
T WrapMul(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
  } else {
    return a * b;
  }
}

template <typename T>
void FillOutputs(const ReducePlan& p, T value, T* out) {
  std::fill(out, out + p.num_outputs, value);
}

template <typename T>
void ReduceNumeric(ReduceKind kind, const ReducePlan& p, const T* in, T* out) {
  auto same = [](T x) { return x; };
  switch (kind) {
    case ReduceKind::kSum:
      if (p.reduce_count == 0) return FillOutputs(p, T(0), out);
      return Accumulate(p, in, out, same, [](T a, T x) { return WrapAdd(a, x); });
    case ReduceKind::kProd:
      if (p.reduce_count == 0) return FillOutputs(p, T(1), out);
      return Accumulate(p, in, out, same, [](T a, T x) { return WrapMul(a, x); });
    case ReduceKind::kMax:
      if (p.reduce_count == 0) return FillOutputs(p, std::numeric_limits<T>::lowest(), out);
      return Accumulate(p, in, out, same, [](T a, T x) { return a > x ? a : x; });
    case ReduceKind::kMin:
      if (p.reduce_count == 0) return FillOutputs(p, std::numeric_limits<T>::max(), out);
      return Accumulate(p, in, out, same, [](T a, T x) { return a < x ? a : x; });
    default:
      return;  // kAny/kAll are bool-only; the ops never ask for them here
  }
}

// int32 sums of raw quantized values, one per output.
template <typename T>
void SumRaw(const ReducePlan& p, const T* in, int32_t* sums) {
  if (p.reduce_count == 0) return FillOutputs(p, int32_t{0}, sums);
  Accumulate(
      p, in, sums, [](T x) { return static_cast<int32_t>(x); },
      [](int32_t a, T x) { return WrapAdd(a, static_cast<int32_t>(x)); });
}

template <typename T>
void CopyRaw(const ReducePlan& p, const T* in, T* out) {
  // An empty axis list keeps every element: outputs == inputs.
  if (p.num_outputs > 0) std::memcpy(out, in, static_cast<size_t>(p.num_outputs) * sizeof(T));
}

template <typename T>
void RequantizeMean(const ReducePlan& p, const QuantMeanParams& q, const int32_t* sums, T* out) {
  for (int64_t i = 0; i < p.num_outputs; ++i) {
    const int32_t centred = static_cast<int32_t>(static_cast<int64_t>(sums[i]) - q.subtract);
    const int32_t v = MultiplyByQuantizedMultiplier(centred, q.multiplier, q.shift) + q.add;
    out[i] = SaturateCast<T>(v);
  }
}

template <typename T>
void QuantMean(const ReducePlan& p, const QuantMeanParams& q, const T* in, int32_t* sums,
               T* out) {
  if (q.copy) return CopyRaw(p, in, out);
  if (p.reduce_count == 0) return FillOutputs(p, T(0), out);
  SumRaw(p, in, sums);
  RequantizeMean(p, q, sums, out);
}

template <typename T>
void RequantizeSum(const ReducePlan& p, const QuantSumParams& q, const int32_t* sums, T* out);

template <typename T>
void QuantSum(const ReducePlan& p, const QuantSumParams& q, const T* in, int32_t* sums, T* out) {
  if (p.reduce_count == 0) return FillOutputs(p, T(0), out);
  SumRaw(p, in, sums);
  RequantizeSum(p, q, sums, out);
}

template <typename T>
void RequantizeSum(const ReducePlan& p, const QuantSumParams& q, const int32_t* sums, T* out) {
  constexpr float kLow = static_cast<float>(std::numeric_limits<int32_t>::min());
  constexpr float kHigh = 2147483520.f;  // the largest float below 2^31
  for (int64_t i = 0; i < p.num_outputs; ++i) {
    const float real = RoundHalfAway(static_cast<float>(sums[i]) * q.scale + q.bias);
    // The float clamp only keeps the conversion defined; any value it
    // changes saturates below anyway.
    const int64_t v = static_cast<int64_t>(std::min(std::max(real, kLow), kHigh)) +
                      q.output_zero_point;
    out[i] = static_cast<T>(std::clamp<int64_t>(v, std::numeric_limits<T>::min(),
                                                std::numeric_limits<T>::max()));
  }
}

template <typename T>
void QuantProd(const ReducePlan& p, const QuantProdParams& q, const T* in, int32_t* running,
               T* out) {
  if (p.no_axes) return CopyRaw(p, in, out);
  if (p.reduce_count == 0) return FillOutputs(p, static_cast<T>(q.output_zero_point), out);
  const int32_t zp = q.input_zero_point;
  Accumulate(
      p, in, running, [zp](T x) { return static_cast<int32_t>(x) - zp; },
      [&q, zp](int32_t a, T x) {
        const int64_t product = static_cast<int64_t>(a) * (static_cast<int32_t>(x) - zp);
        return MultiplyByQuantizedMultiplier(product, q.multiplier, q.shift);
      });
  for (int64_t i = 0; i < p.num_outputs; ++i) {
    const int32_t v =
        MultiplyByQuantizedMultiplier(static_cast<int64_t>(running[i]), q.multiplier, q.shift) +
        q.output_zero_point;
    out[i] = SaturateCast<T>(v);
  }
}

}  // namespace

void f32_reduce__reference(ReduceKind kind, const ReducePlan& p, const float* in, float* out) {
  ReduceNumeric(kind, p, in, out);
}
void s32_reduce__reference(ReduceKind kind, const ReducePlan& p, const int32_t* in,
                           int32_t* out) {
  ReduceNumeric(kind, p, in, out);
}
void s64_reduce__reference(ReduceKind kind, const ReducePlan& p, const int64_t* in,
                           int64_t* out) {
  ReduceNumeric(kind, p, in, out);
}
void u8_reduce__reference(ReduceKind kind, const ReducePlan& p, const uint8_t* in,
                          uint8_t* out) {
  ReduceNumeric(kind, p, in, out);
}
void s8_reduce__reference(ReduceKind kind, const ReducePlan& p, const int8_t* in, int8_t* out) {
  ReduceNumeric(kind, p, in, out);
}
void s16_reduce__reference(ReduceKind kind, const ReducePlan& p, const int16_t* in,
                           int16_t* out) {
  ReduceNumeric(kind, p, in, out);
}

void b8_reduce__reference(ReduceKind kind, const ReducePlan& p, const bool* in, bool* out) {
  auto same = [](bool x) { return x; };
  if (kind == ReduceKind::kAny) {
    if (p.reduce_count == 0) return FillOutputs(p, false, out);
    Accumulate(p, in, out, same, [](bool a, bool x) { return a || x; });
  } else if (kind == ReduceKind::kAll) {
    if (p.reduce_count == 0) return FillOutputs(p, true, out);
    Accumulate(p, in, out, same, [](bool a, bool x) { return a && x; });
  }
}

void f32_mean__reference(const ReducePlan& p, const float* in, float* out) {
  if (p.reduce_count == 0) return FillOutputs(p, std::numeric_limits<float>::quiet_NaN(), out);
  Accumulate(
      p, in, out, [](float x) { return x; }, [](float a, float x) { return a + x; });
  f32_mean_divide__reference(p, out);
}

void f32_mean_divide__reference(const ReducePlan& p, float* out) {
  const float count = static_cast<float>(p.reduce_count);
  for (int64_t i = 0; i < p.num_outputs; ++i) out[i] = out[i] / count;
}

void s32_mean__reference(const ReducePlan& p, const int32_t* in, int64_t* sums, int32_t* out) {
  if (p.reduce_count == 0) return FillOutputs(p, int32_t{0}, out);
  Accumulate(
      p, in, sums, [](int32_t x) { return static_cast<int64_t>(x); },
      [](int64_t a, int32_t x) { return WrapAdd(a, static_cast<int64_t>(x)); });
  for (int64_t i = 0; i < p.num_outputs; ++i) {
    out[i] = static_cast<int32_t>(sums[i] / p.reduce_count);
  }
}

void s64_mean__reference(const ReducePlan& p, const int64_t* in, int64_t* sums, int64_t* out) {
  if (p.reduce_count == 0) return FillOutputs(p, int64_t{0}, out);
  Accumulate(
      p, in, sums, [](int64_t x) { return x; },
      [](int64_t a, int64_t x) { return WrapAdd(a, x); });
  for (int64_t i = 0; i < p.num_outputs; ++i) out[i] = sums[i] / p.reduce_count;
}

void qu8_mean__reference(const ReducePlan& p, const QuantMeanParams& q, const uint8_t* in,
                         int32_t* sums, uint8_t* out) {
  QuantMean(p, q, in, sums, out);
}
void qs8_mean__reference(const ReducePlan& p, const QuantMeanParams& q, const int8_t* in,
                         int32_t* sums, int8_t* out) {
  QuantMean(p, q, in, sums, out);
}
void qs16_mean__reference(const ReducePlan& p, const QuantMeanParams& q, const int16_t* in,
                          int32_t* sums, int16_t* out) {
  QuantMean(p, q, in, sums, out);
}

void qu8_sum__reference(const ReducePlan& p, const QuantSumParams& q, const uint8_t* in,
                        int32_t* sums, uint8_t* out) {
  QuantSum(p, q, in, sums, out);
}
void qs8_sum__reference(const ReducePlan& p, const QuantSumParams& q, const int8_t* in,
                        int32_t* sums, int8_t* out) {
  QuantSum(p, q, in, sums, out);
}
void qs16_sum__reference(const ReducePlan& p, const QuantSumParams& q, const int16_t* in,
                         int32_t* sums, int16_t* out) {
  QuantSum(p, q, in, sums, out);
}

void qs8_prod__reference(const ReducePlan& p, const QuantProdParams& q, const int8_t* in,
                         int32_t* running, int8_t* out) {
  QuantProd(p, q, in, running, out);
}
void qs16_prod__reference(const ReducePlan& p, const QuantProdParams& q, const int16_t* in,
                          int32_t* running, int16_t* out) {
  QuantProd(p, q, in, running, out);
}

void qu8_mean_requantize__reference(const ReducePlan& p, const QuantMeanParams& q,
                                    const int32_t* sums, uint8_t* out) {
  RequantizeMean(p, q, sums, out);
}
void qs8_mean_requantize__reference(const ReducePlan& p, const QuantMeanParams& q,
                                    const int32_t* sums, int8_t* out) {
  RequantizeMean(p, q, sums, out);
}
void qu8_sum_requantize__reference(const ReducePlan& p, const QuantSumParams& q,
                                   const int32_t* sums, uint8_t* out) {
  RequantizeSum(p, q, sums, out);
}
void qs8_sum_requantize__reference(const ReducePlan& p, const QuantSumParams& q,
                                   const int32_t* sums, int8_t* out) {
  RequantizeSum(p, q, sums, out);
}

}  // namespace liteforge::kernels
