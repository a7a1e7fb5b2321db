// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every ARG_MAX / ARG_MIN variant this CPU runs against the reference
// kernel, index for index: axis sizes 1..70 (around the 4-element 8-bit
// gather groups), row counts around the 8- and 16-row blocks, int32 and
// int64 indices, values drawn from a few levels (many ties) and from the
// whole range, float NaNs (leading ones included), signed zeros and
// infinities, and a non-innermost axis with inner extents around the 8-
// and 16-lane steps.

#include "liteforge/kernels/arg_minmax/arg_minmax_variants.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/arg_minmax/reference.h"

namespace liteforge::kernels {
namespace {

template <typename T>
std::vector<T> Values(size_t n, bool few_levels, std::mt19937& rng) {
  std::vector<T> v(n);
  for (T& x : v) {
    if constexpr (std::is_same_v<T, float>) {
      if (few_levels) {
        x = static_cast<float>(static_cast<int>(rng() % 4) - 2);
      } else {
        x = std::uniform_real_distribution<float>(-100.f, 100.f)(rng);
      }
      switch (rng() % 24) {
        case 0: x = std::numeric_limits<float>::quiet_NaN(); break;
        case 1: x = -0.f; break;
        case 2: x = 0.f; break;
        case 3: x = std::numeric_limits<float>::infinity(); break;
        case 4: x = -std::numeric_limits<float>::infinity(); break;
        default: break;
      }
    } else if (few_levels) {
      // Include the type's extremes so the int32 sentinels meet real values.
      const T levels[] = {std::numeric_limits<T>::lowest(), T(0), T(1),
                          std::numeric_limits<T>::max()};
      x = levels[rng() % 4];
    } else {
      x = static_cast<T>(rng());
    }
  }
  return v;
}

template <typename T, typename I, typename Fn, typename RefFn>
void Check(const char* variant, Fn fn, RefFn ref) {
  std::mt19937 rng(7);
  const int64_t outers[] = {1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 50};
  for (int64_t c = 1; c <= 70; ++c) {
    for (int64_t outer : outers) {
      for (int64_t inner : {1, 3, 8, 17, 33}) {
        if (inner != 1 && c % 7 != 0) continue;  // a non-innermost axis, a few sizes
        for (bool few : {true, false}) {
          ArgMinMaxShape s{outer, c, inner};
          std::vector<T> in = Values<T>(static_cast<size_t>(outer * c * inner), few, rng);
          if constexpr (std::is_same_v<T, float>) {
            if (outer > 2) in[static_cast<size_t>(c * inner)] = std::nanf("");  // leading NaN
          }
          for (bool is_max : {true, false}) {
            std::vector<I> want(static_cast<size_t>(outer * inner), I{-1});
            std::vector<I> got(want.size(), I{-1});
            ref(s, is_max, in.data(), want.data());
            fn(s, is_max, in.data(), got.data());
            ASSERT_EQ(got, want) << variant << " " << (is_max ? "max" : "min") << " outer "
                                 << outer << " axis " << c << " inner " << inner
                                 << (few ? " few levels" : " full range");
          }
        }
      }
    }
  }
}

template <typename T, typename I>
void RefOf(const ArgMinMaxShape& s, bool is_max, const T* in, I* out) {
  if constexpr (std::is_same_v<T, float>) {
    f32_argminmax__reference(s, is_max, in, out);
  } else if constexpr (std::is_same_v<T, uint8_t>) {
    u8_argminmax__reference(s, is_max, in, out);
  } else if constexpr (std::is_same_v<T, int8_t>) {
    s8_argminmax__reference(s, is_max, in, out);
  } else {
    s32_argminmax__reference(s, is_max, in, out);
  }
}

TEST(ArgMinMaxVariants, MatchReference) {
  int ran = 0;
  for (const ArgMinMaxVariant& v : ArgMinMaxVariants()) {
    if (!CpuFeatures::Get().Supports(v.isa)) continue;
    ++ran;
    Check<float, int32_t>(v.name, v.f32_i32, RefOf<float, int32_t>);
    Check<float, int64_t>(v.name, v.f32_i64, RefOf<float, int64_t>);
    Check<uint8_t, int32_t>(v.name, v.u8_i32, RefOf<uint8_t, int32_t>);
    Check<uint8_t, int64_t>(v.name, v.u8_i64, RefOf<uint8_t, int64_t>);
    Check<int8_t, int32_t>(v.name, v.s8_i32, RefOf<int8_t, int32_t>);
    Check<int8_t, int64_t>(v.name, v.s8_i64, RefOf<int8_t, int64_t>);
    Check<int32_t, int32_t>(v.name, v.s32_i32, RefOf<int32_t, int32_t>);
    Check<int32_t, int64_t>(v.name, v.s32_i64, RefOf<int32_t, int64_t>);
  }
  if (ran == 0) GTEST_SKIP() << "this CPU runs none of the ARG_MAX / ARG_MIN variants";
}

TEST(ArgMinMaxVariants, SelectionHonoursTheCeiling) {
  EXPECT_EQ(SelectArgMinMax(Isa::kReference), nullptr);
  const ArgMinMaxVariant* v = SelectArgMinMax(Isa::kAvx2);
  if (v != nullptr) {
    EXPECT_LE(static_cast<int>(v->isa), static_cast<int>(Isa::kAvx2));
  }
}

}  // namespace
}  // namespace liteforge::kernels
