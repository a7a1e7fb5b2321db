// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The 8-bit pair table against the kernel that filled it: 8-bit SUB with
// extreme zero points, output rescale factors on both sides of one, narrow
// activation ranges, along same-shape, inner-row, outer and scalar
// broadcasts. Bit-exact.

#include "liteforge/kernels/elementwise/pair_table.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "liteforge/kernels/elementwise/quantized.h"

namespace liteforge::kernels::elementwise {
namespace {

struct SubCase {
  QuantOperand in1, in2, out;
  int32_t act_min, act_max;
};

template <typename T>
void ExpectTableMatchesSub(const SubCase& c, const Shape& sa, const Shape& sb, uint32_t seed) {
  constexpr bool kSigned = std::is_signed_v<T>;
  auto params = MakeQuantAddParams(c.in1, c.in2, c.out, 20, true, c.act_min, c.act_max);
  ASSERT_TRUE(params.ok()) << params.status().ToString();
  const QuantAdd8Tables tables = MakeQuantAdd8Tables(*params, kSigned);
  const auto sub = [&](const BroadcastPlan& plan, const T* a, const T* b, T* out) {
    if constexpr (kSigned) {
      qs8_sub__reference(plan, a, b, out, *params, tables);
    } else {
      qu8_sub__reference(plan, a, b, out, *params, tables);
    }
  };
  const PairTableInputs& sweep = PairTableSweep();
  std::vector<uint8_t> table(kPairTableSize);
  sub(sweep.plan, reinterpret_cast<const T*>(sweep.a.data()),
      reinterpret_cast<const T*>(sweep.b.data()), reinterpret_cast<T*>(table.data()));

  auto plan = MakeBroadcastPlan({&sa, &sb});
  ASSERT_TRUE(plan.ok());
  std::mt19937 rng(seed);
  std::vector<T> a(static_cast<size_t>(sa.NumElements())), b(static_cast<size_t>(sb.NumElements()));
  for (T& x : a) x = static_cast<T>(rng());
  for (T& x : b) x = static_cast<T>(rng());
  const size_t n = static_cast<size_t>(plan->num_elements);
  std::vector<T> want(n), got(n);
  sub(*plan, a.data(), b.data(), want.data());
  LookupPairTable(*plan, a.data(), b.data(), table.data(), got.data());
  for (size_t i = 0; i < n; ++i) {
    ASSERT_EQ(+want[i], +got[i]) << "element " << i << " of " << sa.ToString() << " - "
                                 << sb.ToString();
  }
}

std::vector<std::pair<Shape, Shape>> Shapes() {
  return {
      {Shape({3, 7, 5}), Shape({3, 7, 5})},        // same shape
      {Shape({1, 9, 9, 3}), Shape({1, 1, 1, 3})},  // inner row repeated
      {Shape({12, 12, 1}), Shape({1, 17})},        // outer product
      {Shape({5, 33}), Shape({})},                 // scalar on the right
      {Shape({}), Shape({4, 6})},                  // scalar on the left
  };
}

TEST(PairTableTest, Int8SubMatchesReference) {
  const SubCase cases[] = {
      {{0.05f, 3}, {0.02f, -7}, {0.04f, -2}, -128, 127},
      {{0.5f, -128}, {0.001f, 127}, {0.01f, 127}, -128, 127},  // output factor > 1
      {{0.01f, 127}, {0.3f, -128}, {0.5f, -128}, -128, 127},
      {{0.1f, 0}, {0.1f, 0}, {0.05f, 10}, -3, 4},  // narrow range
  };
  uint32_t seed = 1;
  for (const SubCase& c : cases) {
    for (const auto& [sa, sb] : Shapes()) ExpectTableMatchesSub<int8_t>(c, sa, sb, seed++);
  }
}

TEST(PairTableTest, Uint8SubMatchesReference) {
  const SubCase cases[] = {
      {{0.05f, 128}, {0.02f, 0}, {0.04f, 255}, 0, 255},
      {{0.5f, 255}, {0.001f, 0}, {0.01f, 0}, 0, 255},
      {{0.1f, 17}, {0.1f, 200}, {0.05f, 100}, 100, 160},
  };
  uint32_t seed = 100;
  for (const SubCase& c : cases) {
    for (const auto& [sa, sb] : Shapes()) ExpectTableMatchesSub<uint8_t>(c, sa, sb, seed++);
  }
}

}  // namespace
}  // namespace liteforge::kernels::elementwise
