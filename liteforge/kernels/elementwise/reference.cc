// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/elementwise/reference.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

namespace liteforge::kernels::elementwise {
namespace {

// Two's complement arithmetic without signed overflow: computed in an
// unsigned type at least 32 bits wide, then narrowed (modular in C++20).
template <typename T>
using WrapType = std::conditional_t<(sizeof(T) < 4), uint32_t, std::make_unsigned_t<T>>;

template <typename T>
inline T WrapAdd(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    return a + b;
  } else {
    return static_cast<T>(static_cast<WrapType<T>>(a) + static_cast<WrapType<T>>(b));
  }
}
template <typename T>
inline T WrapSub(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    return a - b;
  } else {
    return static_cast<T>(static_cast<WrapType<T>>(a) - static_cast<WrapType<T>>(b));
  }
}
template <typename T>
inline T WrapMul(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    return a * b;
  } else {
    return static_cast<T>(static_cast<WrapType<T>>(a) * static_cast<WrapType<T>>(b));
  }
}
template <typename T>
inline T WrapNeg(T a) {
  return WrapSub<T>(T{0}, a);
}

// TFLite's activation clamp: min(max(x, lo), hi). A NaN stays NaN.
template <typename T>
inline T Clamp(T x, T lo, T hi) {
  return std::min(std::max(x, lo), hi);
}

template <typename T>
void AddImpl(const BroadcastPlan& p, const T* a, const T* b, T* out, T lo, T hi) {
  ForEachBroadcast2(p, a, b, out, [lo, hi](T x, T y) { return Clamp(WrapAdd(x, y), lo, hi); });
}
template <typename T>
void SubImpl(const BroadcastPlan& p, const T* a, const T* b, T* out, T lo, T hi) {
  ForEachBroadcast2(p, a, b, out, [lo, hi](T x, T y) { return Clamp(WrapSub(x, y), lo, hi); });
}
template <typename T>
void MulImpl(const BroadcastPlan& p, const T* a, const T* b, T* out, T lo, T hi) {
  ForEachBroadcast2(p, a, b, out, [lo, hi](T x, T y) { return Clamp(WrapMul(x, y), lo, hi); });
}

// Integer quotient rounded toward zero; MIN / -1 wraps to MIN.
template <typename T>
inline T TruncDiv(T a, T b) {
  if (b == T{-1}) return WrapNeg(a);
  return static_cast<T>(a / b);
}

template <typename T>
inline T FloorDivInt(T a, T b) {
  if (b == T{-1}) return WrapNeg(a);
  T q = static_cast<T>(a / b);
  if (static_cast<T>(a % b) != 0 && ((a < 0) != (b < 0))) --q;
  return q;
}

template <typename T>
inline T FloorModInt(T a, T b) {
  if (b == T{-1}) return 0;
  const T r = static_cast<T>(a % b);
  return (r != 0 && ((b < 0) != (r < 0))) ? static_cast<T>(r + b) : r;
}

template <typename T, CompareOp kOp>
void CompareWith(const BroadcastPlan& p, const T* a, const T* b, bool* out) {
  ForEachBroadcast2(p, a, b, out, [](T x, T y) {
    if constexpr (kOp == CompareOp::kEqual) return x == y;
    if constexpr (kOp == CompareOp::kNotEqual) return x != y;
    if constexpr (kOp == CompareOp::kLess) return x < y;
    if constexpr (kOp == CompareOp::kLessEqual) return x <= y;
    if constexpr (kOp == CompareOp::kGreater) return x > y;
    if constexpr (kOp == CompareOp::kGreaterEqual) return x >= y;
  });
}

template <typename T>
void CompareImpl(const BroadcastPlan& p, const T* a, const T* b, CompareOp op, bool* out) {
  switch (op) {
    case CompareOp::kEqual: return CompareWith<T, CompareOp::kEqual>(p, a, b, out);
    case CompareOp::kNotEqual: return CompareWith<T, CompareOp::kNotEqual>(p, a, b, out);
    case CompareOp::kLess: return CompareWith<T, CompareOp::kLess>(p, a, b, out);
    case CompareOp::kLessEqual: return CompareWith<T, CompareOp::kLessEqual>(p, a, b, out);
    case CompareOp::kGreater: return CompareWith<T, CompareOp::kGreater>(p, a, b, out);
    case CompareOp::kGreaterEqual: return CompareWith<T, CompareOp::kGreaterEqual>(p, a, b, out);
  }
}

template <typename T>
void SelectImpl(const BroadcastPlan& p, const bool* cond, const T* x, const T* y, T* out) {
  ForEachBroadcast3(p, cond, x, y, out, [](bool c, T vx, T vy) { return c ? vx : vy; });
}

template <typename T>
void AddNImpl(const T* const* inputs, int count, size_t n, T* out) {
  if (count <= 0) return;
  // Input by input rather than element by element: each pass is one
  // contiguous, vectorizable loop, and every element still sums in order.
  std::copy(inputs[0], inputs[0] + n, out);
  for (int k = 1; k < count; ++k) {
    const T* in = inputs[k];
    for (size_t i = 0; i < n; ++i) out[i] = WrapAdd(out[i], in[i]);
  }
}

}  // namespace

// --- ADD, SUB, MUL

void f32_add__reference(const BroadcastPlan& p, const float* a, const float* b, float* out,
                        float lo, float hi) {
  AddImpl(p, a, b, out, lo, hi);
}
void s16_add__reference(const BroadcastPlan& p, const int16_t* a, const int16_t* b, int16_t* out,
                        int16_t lo, int16_t hi) {
  AddImpl(p, a, b, out, lo, hi);
}
void s32_add__reference(const BroadcastPlan& p, const int32_t* a, const int32_t* b, int32_t* out,
                        int32_t lo, int32_t hi) {
  AddImpl(p, a, b, out, lo, hi);
}
void s64_add__reference(const BroadcastPlan& p, const int64_t* a, const int64_t* b, int64_t* out,
                        int64_t lo, int64_t hi) {
  AddImpl(p, a, b, out, lo, hi);
}

void f32_sub__reference(const BroadcastPlan& p, const float* a, const float* b, float* out,
                        float lo, float hi) {
  SubImpl(p, a, b, out, lo, hi);
}
void s32_sub__reference(const BroadcastPlan& p, const int32_t* a, const int32_t* b, int32_t* out,
                        int32_t lo, int32_t hi) {
  SubImpl(p, a, b, out, lo, hi);
}
void s64_sub__reference(const BroadcastPlan& p, const int64_t* a, const int64_t* b, int64_t* out,
                        int64_t lo, int64_t hi) {
  SubImpl(p, a, b, out, lo, hi);
}

void f32_mul__reference(const BroadcastPlan& p, const float* a, const float* b, float* out,
                        float lo, float hi) {
  MulImpl(p, a, b, out, lo, hi);
}
void s16_mul__reference(const BroadcastPlan& p, const int16_t* a, const int16_t* b, int16_t* out,
                        int16_t lo, int16_t hi) {
  MulImpl(p, a, b, out, lo, hi);
}
void s32_mul__reference(const BroadcastPlan& p, const int32_t* a, const int32_t* b, int32_t* out,
                        int32_t lo, int32_t hi) {
  MulImpl(p, a, b, out, lo, hi);
}
void s64_mul__reference(const BroadcastPlan& p, const int64_t* a, const int64_t* b, int64_t* out,
                        int64_t lo, int64_t hi) {
  MulImpl(p, a, b, out, lo, hi);
}
void u32_mul__reference(const BroadcastPlan& p, const uint32_t* a, const uint32_t* b,
                        uint32_t* out, uint32_t lo, uint32_t hi) {
  MulImpl(p, a, b, out, lo, hi);
}
void c64_mul__reference(const BroadcastPlan& p, const std::complex<float>* a,
                        const std::complex<float>* b, std::complex<float>* out) {
  ForEachBroadcast2(p, a, b, out,
                    [](std::complex<float> x, std::complex<float> y) { return x * y; });
}

// --- DIV, FLOOR_DIV, FLOOR_MOD

void f32_div__reference(const BroadcastPlan& p, const float* a, const float* b, float* out,
                        float lo, float hi) {
  ForEachBroadcast2(p, a, b, out, [lo, hi](float x, float y) { return Clamp(x / y, lo, hi); });
}
void s32_div__reference(const BroadcastPlan& p, const int32_t* a, const int32_t* b, int32_t* out,
                        int32_t lo, int32_t hi) {
  ForEachBroadcast2(p, a, b, out,
                    [lo, hi](int32_t x, int32_t y) { return Clamp(TruncDiv(x, y), lo, hi); });
}

void f32_floor_div__reference(const BroadcastPlan& p, const float* a, const float* b,
                              float* out) {
  ForEachBroadcast2(p, a, b, out, [](float x, float y) {
    return static_cast<float>(std::floor(static_cast<double>(x) / static_cast<double>(y)));
  });
}
void s8_floor_div__reference(const BroadcastPlan& p, const int8_t* a, const int8_t* b,
                             int8_t* out) {
  ForEachBroadcast2(p, a, b, out, FloorDivInt<int8_t>);
}
void s16_floor_div__reference(const BroadcastPlan& p, const int16_t* a, const int16_t* b,
                              int16_t* out) {
  ForEachBroadcast2(p, a, b, out, FloorDivInt<int16_t>);
}
void s32_floor_div__reference(const BroadcastPlan& p, const int32_t* a, const int32_t* b,
                              int32_t* out) {
  ForEachBroadcast2(p, a, b, out, FloorDivInt<int32_t>);
}

void f32_floor_mod__reference(const BroadcastPlan& p, const float* a, const float* b,
                              float* out) {
  ForEachBroadcast2(p, a, b, out, [](float x, float y) {
    const float r = std::fmod(x, y);
    return (r != 0.f && ((y < 0.f) != (r < 0.f))) ? r + y : r;
  });
}
void s8_floor_mod__reference(const BroadcastPlan& p, const int8_t* a, const int8_t* b,
                             int8_t* out) {
  ForEachBroadcast2(p, a, b, out, FloorModInt<int8_t>);
}
void s16_floor_mod__reference(const BroadcastPlan& p, const int16_t* a, const int16_t* b,
                              int16_t* out) {
  ForEachBroadcast2(p, a, b, out, FloorModInt<int16_t>);
}
void s32_floor_mod__reference(const BroadcastPlan& p, const int32_t* a, const int32_t* b,
                              int32_t* out) {
  ForEachBroadcast2(p, a, b, out, FloorModInt<int32_t>);
}
void s64_floor_mod__reference(const BroadcastPlan& p, const int64_t* a, const int64_t* b,
                              int64_t* out) {
  ForEachBroadcast2(p, a, b, out, FloorModInt<int64_t>);
}

// --- MINIMUM, MAXIMUM

#define LF_ELEMENTWISE_MINMAX(prefix, T)                                                      \
  void prefix##_maximum__reference(const BroadcastPlan& p, const T* a, const T* b, T* out) {   \
    ForEachBroadcast2(p, a, b, out, [](T x, T y) { return x > y ? x : y; });                   \
  }                                                                                            \
  void prefix##_minimum__reference(const BroadcastPlan& p, const T* a, const T* b, T* out) {   \
    ForEachBroadcast2(p, a, b, out, [](T x, T y) { return x < y ? x : y; });                   \
  }
LF_ELEMENTWISE_MINMAX(f32, float)
LF_ELEMENTWISE_MINMAX(u8, uint8_t)
LF_ELEMENTWISE_MINMAX(s8, int8_t)
LF_ELEMENTWISE_MINMAX(s16, int16_t)
LF_ELEMENTWISE_MINMAX(s32, int32_t)
LF_ELEMENTWISE_MINMAX(s64, int64_t)
#undef LF_ELEMENTWISE_MINMAX

// --- POW, SQUARED_DIFFERENCE

void f32_pow__reference(const BroadcastPlan& p, const float* a, const float* b, float* out) {
  ForEachBroadcast2(p, a, b, out, [](float x, float y) { return std::pow(x, y); });
}
void s32_pow__reference(const BroadcastPlan& p, const int32_t* a, const int32_t* b,
                        int32_t* out) {
  ForEachBroadcast2(p, a, b, out, [](int32_t x, int32_t y) {
    const double r = std::pow(static_cast<double>(x), static_cast<double>(y));
    // The conversion TFLite leaves to the hardware: x86 yields INT32_MIN
    // for anything out of range (and NaN).
    if (!(r > -2147483649.0 && r < 2147483648.0)) return std::numeric_limits<int32_t>::min();
    return static_cast<int32_t>(r);
  });
}

void f32_squared_difference__reference(const BroadcastPlan& p, const float* a, const float* b,
                                       float* out) {
  ForEachBroadcast2(p, a, b, out, [](float x, float y) {
    const float d = x - y;
    return d * d;
  });
}
void s32_squared_difference__reference(const BroadcastPlan& p, const int32_t* a,
                                       const int32_t* b, int32_t* out) {
  ForEachBroadcast2(p, a, b, out, [](int32_t x, int32_t y) {
    const int32_t d = WrapSub(x, y);
    return WrapMul(d, d);
  });
}

// --- Comparisons

#define LF_ELEMENTWISE_COMPARE(prefix, T)                                                     \
  void prefix##_compare__reference(const BroadcastPlan& p, const T* a, const T* b, CompareOp op, \
                                   bool* out) {                                               \
    CompareImpl(p, a, b, op, out);                                                            \
  }
LF_ELEMENTWISE_COMPARE(f32, float)
LF_ELEMENTWISE_COMPARE(u8, uint8_t)
LF_ELEMENTWISE_COMPARE(s8, int8_t)
LF_ELEMENTWISE_COMPARE(s16, int16_t)
LF_ELEMENTWISE_COMPARE(s32, int32_t)
LF_ELEMENTWISE_COMPARE(s64, int64_t)
LF_ELEMENTWISE_COMPARE(u32, uint32_t)
LF_ELEMENTWISE_COMPARE(bool, bool)
#undef LF_ELEMENTWISE_COMPARE

// --- Logical

void bool_logical_and__reference(const BroadcastPlan& p, const bool* a, const bool* b,
                                 bool* out) {
  ForEachBroadcast2(p, a, b, out, [](bool x, bool y) { return x && y; });
}
void bool_logical_or__reference(const BroadcastPlan& p, const bool* a, const bool* b, bool* out) {
  ForEachBroadcast2(p, a, b, out, [](bool x, bool y) { return x || y; });
}
void bool_logical_not__reference(const bool* in, size_t n, bool* out) {
  for (size_t i = 0; i < n; ++i) out[i] = !in[i];
}

// --- SELECT

void x8_select__reference(const BroadcastPlan& p, const bool* cond, const uint8_t* x,
                          const uint8_t* y, uint8_t* out) {
  SelectImpl(p, cond, x, y, out);
}
void x16_select__reference(const BroadcastPlan& p, const bool* cond, const uint16_t* x,
                           const uint16_t* y, uint16_t* out) {
  SelectImpl(p, cond, x, y, out);
}
void x32_select__reference(const BroadcastPlan& p, const bool* cond, const uint32_t* x,
                           const uint32_t* y, uint32_t* out) {
  SelectImpl(p, cond, x, y, out);
}
void x64_select__reference(const BroadcastPlan& p, const bool* cond, const uint64_t* x,
                           const uint64_t* y, uint64_t* out) {
  SelectImpl(p, cond, x, y, out);
}

// --- PRELU, ADD_N

void f32_prelu__reference(const BroadcastPlan& p, const float* x, const float* alpha,
                          float* out) {
  ForEachBroadcast2(p, x, alpha, out, [](float v, float a) { return v >= 0.f ? v : v * a; });
}

void f32_add_n__reference(const float* const* inputs, int count, size_t n, float* out) {
  AddNImpl(inputs, count, n, out);
}
void s32_add_n__reference(const int32_t* const* inputs, int count, size_t n, int32_t* out) {
  AddNImpl(inputs, count, n, out);
}

}  // namespace liteforge::kernels::elementwise
