// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ISA names (what --isa and LITEFORGE_MAX_ISA accept) and the consistency
// of what CpuFeatures detected. The detected set is printed as
// "cpu features: ..." so a script running this binary on an emulated CPU
// (scripts/test_aarch64.sh) can check the detection itself.

#include "liteforge/base/cpu_features.h"

#include <gtest/gtest.h>

#include <iostream>

namespace liteforge {
namespace {

constexpr Isa kAll[] = {Isa::kReference, Isa::kAvx2,  Isa::kAvx512,
                        Isa::kAvx512Vnni, Isa::kNeon, Isa::kNeonDot};

TEST(CpuFeaturesTest, IsaNamesRoundTrip) {
  for (Isa isa : kAll) {
    const auto parsed = ParseIsa(IsaName(isa));
    ASSERT_TRUE(parsed.has_value()) << IsaName(isa);
    EXPECT_EQ(*parsed, isa);
  }
  EXPECT_EQ(ParseIsa("neondot"), Isa::kNeonDot);
  EXPECT_FALSE(ParseIsa("sse9").has_value());
  EXPECT_FALSE(ParseIsa("").has_value());
}

TEST(CpuFeaturesTest, DetectionIsConsistent) {
  const CpuFeatures& cpu = CpuFeatures::Get();
  std::cout << "cpu features: " << cpu.ToString() << "\n";
  EXPECT_TRUE(cpu.Supports(Isa::kReference));
  EXPECT_TRUE(cpu.Supports(cpu.Best()));
  // Each ISA level includes the one below it in its family.
  if (cpu.Supports(Isa::kNeonDot)) {
    EXPECT_TRUE(cpu.Supports(Isa::kNeon));
  }
  if (cpu.Supports(Isa::kAvx512Vnni)) {
    EXPECT_TRUE(cpu.Supports(Isa::kAvx512));
  }
  if (cpu.Supports(Isa::kAvx512)) {
    EXPECT_TRUE(cpu.Supports(Isa::kAvx2));
  }
#if defined(__aarch64__)
  EXPECT_TRUE(cpu.Supports(Isa::kNeon));
  EXPECT_FALSE(cpu.Supports(Isa::kAvx2));
#elif defined(__x86_64__)
  EXPECT_FALSE(cpu.Supports(Isa::kNeon));
  EXPECT_FALSE(cpu.Supports(Isa::kNeonDot));
#endif
  EXPECT_LE(static_cast<int>(DefaultMaxIsa()), static_cast<int>(cpu.Best()));
}

}  // namespace
}  // namespace liteforge
