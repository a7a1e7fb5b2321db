// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/scan/reference.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

#include "liteforge/base/float16.h"

namespace liteforge::kernels {
namespace {

template <typename T, typename Add>
void CumSum(const ScanGeometry& g, bool exclusive, bool reverse, const T* in, T* out, Add add) {
  for (int64_t o = 0; o < g.outer; ++o) {
    const int64_t base = o * g.axis * g.inner;
    for (int64_t i = 0; i < g.inner; ++i) {
      T sum{};
      for (int64_t step = 0; step < g.axis; ++step) {
        const int64_t a = reverse ? g.axis - 1 - step : step;
        const int64_t at = base + a * g.inner + i;
        if (exclusive) {
          out[at] = sum;
          sum = add(sum, in[at]);
        } else {
          sum = add(sum, in[at]);
          out[at] = sum;
        }
      }
    }
  }
}

template <typename T>
T WrapAdd(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
}

template <typename T>
void Range(T start, T delta, int64_t n, T* out) {
  T value = start;
  for (int64_t i = 0; i < n; ++i) {
    out[i] = value;
    value = WrapAdd(value, delta);
  }
}

template <typename T>
void RangeQuantized(float start, float delta, float scale, int32_t zero_point, int64_t n,
                    T* out) {
  float value = start;
  for (int64_t i = 0; i < n; ++i) {
    const int32_t q = static_cast<int32_t>(std::round(value / scale)) + zero_point;
    out[i] = static_cast<T>(std::clamp<int32_t>(q, std::numeric_limits<T>::min(),
                                                std::numeric_limits<T>::max()));
    value += delta;
  }
}

bool IsNonzero(NonzeroTest test, const void* data, int64_t i) {
  switch (test) {
    case NonzeroTest::kBits8: return static_cast<const uint8_t*>(data)[i] != 0;
    case NonzeroTest::kBits16: return static_cast<const uint16_t*>(data)[i] != 0;
    case NonzeroTest::kBits32: return static_cast<const uint32_t*>(data)[i] != 0;
    case NonzeroTest::kBits64: return static_cast<const uint64_t*>(data)[i] != 0;
    case NonzeroTest::kFloat16:
    case NonzeroTest::kBFloat16:
      return (static_cast<const uint16_t*>(data)[i] & 0x7fffu) != 0;
    case NonzeroTest::kFloat32: return static_cast<const float*>(data)[i] != 0.f;
    case NonzeroTest::kFloat64: return static_cast<const double*>(data)[i] != 0.0;
  }
  return false;
}

}  // namespace

void f32_cumsum__reference(const ScanGeometry& g, bool exclusive, bool reverse, const float* input,
                           float* output) {
  CumSum(g, exclusive, reverse, input, output, [](float a, float b) { return a + b; });
}
void s32_cumsum__reference(const ScanGeometry& g, bool exclusive, bool reverse,
                           const int32_t* input, int32_t* output) {
  CumSum(g, exclusive, reverse, input, output, WrapAdd<int32_t>);
}
void s64_cumsum__reference(const ScanGeometry& g, bool exclusive, bool reverse,
                           const int64_t* input, int64_t* output) {
  CumSum(g, exclusive, reverse, input, output, WrapAdd<int64_t>);
}

void f32_range__reference(float start, float delta, int64_t n, float* output) {
  float value = start;
  for (int64_t i = 0; i < n; ++i) {
    output[i] = value;
    value += delta;
  }
}
void s32_range__reference(int32_t start, int32_t delta, int64_t n, int32_t* output) {
  Range(start, delta, n, output);
}
void s64_range__reference(int64_t start, int64_t delta, int64_t n, int64_t* output) {
  Range(start, delta, n, output);
}
void s16_range__reference(int16_t start, int16_t delta, int64_t n, int16_t* output) {
  Range(start, delta, n, output);
}
void s8_range__reference(int8_t start, int8_t delta, int64_t n, int8_t* output) {
  Range(start, delta, n, output);
}
void f16_range__reference(uint16_t start, uint16_t delta, int64_t n, uint16_t* output) {
  uint16_t value = start;
  const float d = HalfToFloat(delta);
  for (int64_t i = 0; i < n; ++i) {
    output[i] = value;
    value = FloatToHalf(HalfToFloat(value) + d);
  }
}
void qs8_range__reference(float start, float delta, float scale, int32_t zero_point, int64_t n,
                          int8_t* output) {
  RangeQuantized(start, delta, scale, zero_point, n, output);
}
void qs16_range__reference(float start, float delta, float scale, int32_t zero_point, int64_t n,
                           int16_t* output) {
  RangeQuantized(start, delta, scale, zero_point, n, output);
}

int64_t x_count_nonzero__reference(NonzeroTest test, const void* data, int64_t n) {
  int64_t count = 0;
  for (int64_t i = 0; i < n; ++i) count += IsNonzero(test, data, i) ? 1 : 0;
  return count;
}

void x_where__reference(NonzeroTest test, const void* data, std::span<const int32_t> dims,
                        int64_t* output) {
  const size_t rank = dims.size();
  int64_t n = 1;
  for (int32_t d : dims) n *= d;
  std::vector<int64_t> coord(rank, 0);
  for (int64_t i = 0; i < n; ++i) {
    if (IsNonzero(test, data, i)) {
      std::copy(coord.begin(), coord.end(), output);
      output += rank;
    }
    for (size_t k = rank; k-- > 0;) {
      if (++coord[k] < dims[k]) break;
      coord[k] = 0;
    }
  }
}

}  // namespace liteforge::kernels
