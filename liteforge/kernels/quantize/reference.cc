// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/quantize/reference.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "liteforge/base/float16.h"
#include "liteforge/kernels/quant_math.h"

namespace liteforge::kernels {
namespace {

template <typename T>
constexpr int32_t kLo = std::numeric_limits<T>::min();
template <typename T>
constexpr int32_t kHi = std::numeric_limits<T>::max();

// What x86-64 produces for a float -> int conversion that is out of range
// (or NaN), where C++ leaves it undefined: the "integer indefinite" value
// of the 32- or 64-bit instruction. TFLite's own casts compile to these.
inline int32_t TruncToInt32(double v) {
  if (!(v > -2147483649.0 && v < 2147483648.0)) return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(v);
}
inline int64_t TruncToInt64(double v) {
  if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) {
    return std::numeric_limits<int64_t>::min();
  }
  return static_cast<int64_t>(v);
}

inline int32_t WrappingAdd32(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}

// ---------------------------------------------------------------------------
// Quantize

template <typename T>
void QuantizePerTensor(const float* in, size_t n, float scale, int32_t zero_point, T* out) {
  const double s = static_cast<double>(scale);
  for (size_t i = 0; i < n; ++i) {
    const double q = std::round(static_cast<double>(in[i]) / s);
    const int32_t v = WrappingAdd32(TruncToInt32(q), zero_point);
    out[i] = static_cast<T>(std::clamp(v, kLo<T>, kHi<T>));
  }
}

template <typename T>
void QuantizePerChannel(const float* in, const PerChannelDims& d, const float* scales,
                        const int32_t* zero_points, T* out) {
  size_t i = 0;
  for (int64_t o = 0; o < d.outer; ++o) {
    for (int64_t c = 0; c < d.channels; ++c) {
      const float s = scales[c];
      const int32_t zp = zero_points[c];
      for (int64_t k = 0; k < d.inner; ++k, ++i) {
        const int32_t v = WrappingAdd32(TruncToInt32(std::round(in[i] / s)), zp);
        out[i] = static_cast<T>(std::clamp(v, kLo<T>, kHi<T>));
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Requantize

template <typename In, typename Out>
void RequantizeTyped(const void* in_raw, size_t n, const RequantizeParams& p, void* out_raw) {
  const In* in = static_cast<const In*>(in_raw);
  Out* out = static_cast<Out*>(out_raw);
  for (size_t i = 0; i < n; ++i) {
    const int32_t centered = static_cast<int32_t>(in[i]) - p.input_zero_point;
    const int32_t v = MultiplyByQuantizedMultiplier(centered, p.multiplier, p.shift) +
                      p.output_zero_point;
    out[i] = static_cast<Out>(std::clamp(v, kLo<Out>, kHi<Out>));
  }
}

// ---------------------------------------------------------------------------
// Dequantize

template <typename T>
void DequantizePerTensor(const T* in, size_t n, float scale, int32_t zero_point, float* out) {
  const double s = static_cast<double>(scale);
  for (size_t i = 0; i < n; ++i) {
    const int32_t centered = static_cast<int32_t>(in[i]) - zero_point;
    out[i] = static_cast<float>(s * static_cast<double>(centered));
  }
}

template <typename T>
void DequantizePerChannel(const T* in, const PerChannelDims& d, const float* scales,
                          const int32_t* zero_points, float* out) {
  size_t i = 0;
  for (int64_t o = 0; o < d.outer; ++o) {
    for (int64_t c = 0; c < d.channels; ++c) {
      const float s = scales[c];
      const int32_t zp = zero_points[c];
      for (int64_t k = 0; k < d.inner; ++k, ++i) {
        out[i] = s * static_cast<float>(static_cast<int32_t>(in[i]) - zp);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Cast

// Element types CAST handles. Half and Bool are storage tags.
struct Half {
  uint16_t bits;
};
struct Bool {
  uint8_t byte;
};

// static_cast<To>(v) for a floating-point v, as compiled for x86-64.
template <typename To>
To FloatToInt(double v) {
  if constexpr (std::is_same_v<To, int64_t> || std::is_same_v<To, uint32_t>) {
    return static_cast<To>(TruncToInt64(v));
  } else {
    return static_cast<To>(TruncToInt32(v));
  }
}

template <typename From>
inline double AsDouble(From v) {
  if constexpr (std::is_same_v<From, Half>) {
    return HalfToFloat(v.bits);
  } else if constexpr (std::is_same_v<From, Bool>) {
    return v.byte != 0 ? 1.0 : 0.0;
  } else {
    return static_cast<double>(v);
  }
}

template <typename From, typename To>
inline To Convert(From v) {
  constexpr bool kFromFloating = std::is_floating_point_v<From> || std::is_same_v<From, Half>;
  if constexpr (std::is_same_v<To, Bool>) {
    if constexpr (std::is_same_v<From, Bool>) {
      return Bool{static_cast<uint8_t>(v.byte != 0)};
    } else if constexpr (std::is_same_v<From, Half>) {
      return Bool{static_cast<uint8_t>(HalfToFloat(v.bits) != 0.0f)};
    } else {
      return Bool{static_cast<uint8_t>(v != 0)};
    }
  } else if constexpr (std::is_same_v<To, Half>) {
    float f;
    if constexpr (std::is_same_v<From, Half>) {
      return v;
    } else if constexpr (std::is_same_v<From, Bool>) {
      f = v.byte != 0 ? 1.0f : 0.0f;
    } else {
      f = static_cast<float>(v);
    }
    return Half{FloatToHalf(f)};
  } else if constexpr (std::is_floating_point_v<To>) {
    if constexpr (std::is_same_v<From, Half>) {
      return static_cast<To>(HalfToFloat(v.bits));
    } else if constexpr (std::is_same_v<From, Bool>) {
      return v.byte != 0 ? To{1} : To{0};
    } else {
      return static_cast<To>(v);
    }
  } else if constexpr (std::is_same_v<From, float>) {
    // TFLite saturates float32 -> int32 / int16 / uint8.
    if constexpr (std::is_same_v<To, int32_t>) {
      const float max_below = std::nextafter(2147483648.0f, 0.0f);
      if (!(v <= max_below)) return std::numeric_limits<int32_t>::max();
      return static_cast<int32_t>(std::max(v, -2147483648.0f));
    } else if constexpr (std::is_same_v<To, int16_t> || std::is_same_v<To, uint8_t>) {
      const float lo = static_cast<float>(std::numeric_limits<To>::min());
      const float hi = static_cast<float>(std::numeric_limits<To>::max());
      return FloatToInt<To>(std::max(std::min(v, hi), lo));
    } else {
      return FloatToInt<To>(v);
    }
  } else if constexpr (kFromFloating) {
    return FloatToInt<To>(AsDouble(v));
  } else if constexpr (std::is_same_v<From, Bool>) {
    return static_cast<To>(v.byte != 0 ? 1 : 0);
  } else {
    return static_cast<To>(v);  // integer -> integer: modular
  }
}

template <typename From, typename To>
void CastTyped(const void* in_raw, size_t n, void* out_raw) {
  const From* in = static_cast<const From*>(in_raw);
  To* out = static_cast<To*>(out_raw);
  for (size_t i = 0; i < n; ++i) out[i] = Convert<From, To>(in[i]);
}

template <typename From>
CastFn FindCastFrom(DType to) {
  switch (to) {
    case DType::kFloat32: return CastTyped<From, float>;
    case DType::kFloat16: return CastTyped<From, Half>;
    case DType::kFloat64: return CastTyped<From, double>;
    case DType::kInt8: return CastTyped<From, int8_t>;
    case DType::kUInt8: return CastTyped<From, uint8_t>;
    case DType::kInt16: return CastTyped<From, int16_t>;
    case DType::kUInt16: return CastTyped<From, uint16_t>;
    case DType::kInt32: return CastTyped<From, int32_t>;
    case DType::kUInt32: return CastTyped<From, uint32_t>;
    case DType::kInt64: return CastTyped<From, int64_t>;
    case DType::kBool: return CastTyped<From, Bool>;
    default: return nullptr;
  }
}

static_assert(sizeof(Half) == 2 && sizeof(Bool) == 1, "storage tags must match element sizes");

}  // namespace

void f32_quantize_qs8__reference(const float* in, size_t n, float scale, int32_t zero_point,
                                 int8_t* out) {
  QuantizePerTensor(in, n, scale, zero_point, out);
}
void f32_quantize_qu8__reference(const float* in, size_t n, float scale, int32_t zero_point,
                                 uint8_t* out) {
  QuantizePerTensor(in, n, scale, zero_point, out);
}
void f32_quantize_qs16__reference(const float* in, size_t n, float scale, int32_t zero_point,
                                  int16_t* out) {
  QuantizePerTensor(in, n, scale, zero_point, out);
}

void f32_quantize_qs8_per_channel__reference(const float* in, const PerChannelDims& dims,
                                             const float* scales, const int32_t* zero_points,
                                             int8_t* out) {
  QuantizePerChannel(in, dims, scales, zero_points, out);
}
void f32_quantize_qu8_per_channel__reference(const float* in, const PerChannelDims& dims,
                                             const float* scales, const int32_t* zero_points,
                                             uint8_t* out) {
  QuantizePerChannel(in, dims, scales, zero_points, out);
}
void f32_quantize_qs16_per_channel__reference(const float* in, const PerChannelDims& dims,
                                              const float* scales, const int32_t* zero_points,
                                              int16_t* out) {
  QuantizePerChannel(in, dims, scales, zero_points, out);
}

RequantizeParams MakeRequantizeParams(float input_scale, int32_t input_zero_point,
                                      float output_scale, int32_t output_zero_point) {
  RequantizeParams p;
  p.input_zero_point = input_zero_point;
  p.output_zero_point = output_zero_point;
  QuantizeMultiplier(static_cast<double>(input_scale) / static_cast<double>(output_scale),
                     &p.multiplier, &p.shift);
  return p;
}

RequantizeFn FindRequantize(DType from, DType to) {
  switch (from) {
    case DType::kUInt8:
      if (to == DType::kUInt8) return RequantizeTyped<uint8_t, uint8_t>;
      if (to == DType::kInt8) return RequantizeTyped<uint8_t, int8_t>;
      return nullptr;
    case DType::kInt8:
      if (to == DType::kUInt8) return RequantizeTyped<int8_t, uint8_t>;
      if (to == DType::kInt8) return RequantizeTyped<int8_t, int8_t>;
      return nullptr;
    case DType::kInt16:
      if (to == DType::kInt8) return RequantizeTyped<int16_t, int8_t>;
      if (to == DType::kInt16) return RequantizeTyped<int16_t, int16_t>;
      if (to == DType::kInt32) return RequantizeTyped<int16_t, int32_t>;
      return nullptr;
    case DType::kInt32:
      if (to == DType::kInt8) return RequantizeTyped<int32_t, int8_t>;
      if (to == DType::kInt16) return RequantizeTyped<int32_t, int16_t>;
      return nullptr;
    default:
      return nullptr;
  }
}

void qu8_dequantize__reference(const uint8_t* in, size_t n, float scale, int32_t zero_point,
                               float* out) {
  DequantizePerTensor(in, n, scale, zero_point, out);
}
void qs8_dequantize__reference(const int8_t* in, size_t n, float scale, int32_t zero_point,
                               float* out) {
  DequantizePerTensor(in, n, scale, zero_point, out);
}
void qs16_dequantize__reference(const int16_t* in, size_t n, float scale, int32_t zero_point,
                                float* out) {
  DequantizePerTensor(in, n, scale, zero_point, out);
}
void qs32_dequantize__reference(const int32_t* in, size_t n, float scale, int32_t zero_point,
                                float* out) {
  DequantizePerTensor(in, n, scale, zero_point, out);
}
void f16_dequantize__reference(const uint16_t* in, size_t n, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = HalfToFloat(in[i]);
}

void qu8_dequantize_per_channel__reference(const uint8_t* in, const PerChannelDims& dims,
                                           const float* scales, const int32_t* zero_points,
                                           float* out) {
  DequantizePerChannel(in, dims, scales, zero_points, out);
}
void qs8_dequantize_per_channel__reference(const int8_t* in, const PerChannelDims& dims,
                                           const float* scales, const int32_t* zero_points,
                                           float* out) {
  DequantizePerChannel(in, dims, scales, zero_points, out);
}

CastFn FindCast(DType from, DType to) {
  switch (from) {
    case DType::kFloat32: return FindCastFrom<float>(to);
    case DType::kFloat16: return FindCastFrom<Half>(to);
    case DType::kFloat64: return FindCastFrom<double>(to);
    case DType::kInt8: return FindCastFrom<int8_t>(to);
    case DType::kUInt8: return FindCastFrom<uint8_t>(to);
    case DType::kInt16: return FindCastFrom<int16_t>(to);
    case DType::kUInt16: return FindCastFrom<uint16_t>(to);
    case DType::kInt32: return FindCastFrom<int32_t>(to);
    case DType::kUInt32: return FindCastFrom<uint32_t>(to);
    case DType::kInt64: return FindCastFrom<int64_t>(to);
    case DType::kBool: return FindCastFrom<Bool>(to);
    default: return nullptr;
  }
}

}  // namespace liteforge::kernels
