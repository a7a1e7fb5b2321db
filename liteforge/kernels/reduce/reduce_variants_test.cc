// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every MEAN / SUM summation variant this CPU runs against the reference
// kernels, bit for bit (float32 included: the variants keep the
// reference's addition order): spatial means of NHWC tensors with 1..70
// channels (around the 8-, 16-, 32- and 64-lane steps) and odd spatial
// sizes, one and two batches; 8-bit rows reduced innermost around the
// 32- and 64-byte steps, and full reductions; int32 sums that wrap; and a
// layout the variants leave to the reference.

#include "liteforge/kernels/reduce/reduce_variants.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/reduce/plan.h"
#include "liteforge/kernels/reduce/reference.h"

namespace liteforge::kernels {
namespace {

struct Case {
  std::vector<int32_t> dims;
  std::vector<int64_t> axes;
};

std::vector<Case> Cases() {
  std::vector<Case> out;
  for (int c = 1; c <= 70; ++c) {
    for (int b : {1, 2}) {
      for (int hw : {1, 3, 7}) {
        if (b == 2 && hw == 1) continue;
        out.push_back({{b, hw, hw + 2, c}, {1, 2}});  // keep C: global average pool
      }
    }
  }
  for (int n : {1, 2, 7, 31, 32, 33, 63, 64, 65, 100, 129, 300}) {
    out.push_back({{5, n}, {1}});     // innermost reduced
    out.push_back({{3, n}, {0, 1}});  // everything reduced
    out.push_back({{4, n, 3}, {1}});  // middle reduced, 3 kept
  }
  return out;
}

std::string Describe(const Case& c) {
  std::string s = "dims";
  for (int32_t d : c.dims) {
    s += ' ';
    s += std::to_string(d);
  }
  s += " axes";
  for (int64_t a : c.axes) {
    s += ' ';
    s += std::to_string(a);
  }
  return s;
}

ReducePlan PlanOf(const Case& c) {
  ReducePlan p;
  std::vector<int32_t> out_dims;
  EXPECT_TRUE(PlanReduction(c.dims, c.axes, true, &out_dims, &p).ok());
  return p;
}

template <typename T>
std::vector<T> Random(int64_t n, std::mt19937& rng) {
  std::vector<T> v(static_cast<size_t>(n));
  for (T& x : v) {
    if constexpr (std::is_same_v<T, float>) {
      x = std::uniform_real_distribution<float>(-3.f, 3.f)(rng);
    } else {
      x = static_cast<T>(rng());
    }
  }
  return v;
}

TEST(ReduceSumVariants, FloatMeanAndSumMatchReference) {
  int ran = 0;
  std::mt19937 rng(11);
  for (const ReduceSumVariant& v : ReduceSumVariants()) {
    if (!CpuFeatures::Get().Supports(v.isa)) continue;
    ++ran;
    for (const Case& c : Cases()) {
      const ReducePlan p = PlanOf(c);
      const std::vector<float> in = Random<float>(p.num_inputs, rng);
      std::vector<float> want(static_cast<size_t>(p.num_outputs), -1.f);
      std::vector<float> got(want.size(), -2.f);
      int64_t outer = 0, rows = 0, kept = 0;
      const bool takes = ReducedThenKept(p, &outer, &rows, &kept);
      // Float takes exactly the reduced-then-kept layouts.
      ASSERT_EQ(takes, v.f32_sum(p, in.data(), got.data())) << v.name << " " << Describe(c);
      if (!takes) continue;
      f32_reduce__reference(ReduceKind::kSum, p, in.data(), want.data());
      ASSERT_EQ(0, std::memcmp(got.data(), want.data(), got.size() * sizeof(float)))
          << v.name << " sum " << Describe(c);
      f32_mean_divide__reference(p, got.data());
      f32_mean__reference(p, in.data(), want.data());
      ASSERT_EQ(0, std::memcmp(got.data(), want.data(), got.size() * sizeof(float)))
          << v.name << " mean " << Describe(c);
    }
  }
  if (ran == 0) GTEST_SKIP() << "this CPU runs none of the MEAN / SUM variants";
}

template <typename T, typename SumFn, typename MeanFn, typename RequantFn>
void CheckQuantMean(const ReduceSumVariant& v, SumFn sum, MeanFn mean, RequantFn requant,
                    std::mt19937& rng) {
  for (const Case& c : Cases()) {
    const ReducePlan p = PlanOf(c);
    const std::vector<T> in = Random<T>(p.num_inputs, rng);
    QuantMeanParams q;
    q.multiplier = 1518500250;
    q.shift = -3;
    q.subtract = 17 * p.reduce_count;
    q.add = -5;
    std::vector<int32_t> want_sums(static_cast<size_t>(p.num_outputs), -1);
    std::vector<int32_t> got_sums(want_sums.size(), -2);
    std::vector<T> want(want_sums.size());
    std::vector<T> got(want_sums.size());
    int64_t outer = 0, rows = 0, kept = 0;
    const bool takes =
        ReducedThenKept(p, &outer, &rows, &kept) || KeptThenReduced(p, &rows, &kept);
    // 8-bit takes both layouts; reducing only size-1 dims is neither.
    ASSERT_EQ(takes, sum(p, in.data(), got_sums.data())) << v.name << " " << Describe(c);
    if (!takes) continue;
    mean(p, q, in.data(), want_sums.data(), want.data());
    ASSERT_EQ(got_sums, want_sums) << v.name << " " << Describe(c);
    requant(p, q, got_sums.data(), got.data());
    ASSERT_EQ(got, want) << v.name << " " << Describe(c);
  }
}

TEST(ReduceSumVariants, QuantizedMeanMatchesReference) {
  int ran = 0;
  std::mt19937 rng(12);
  for (const ReduceSumVariant& v : ReduceSumVariants()) {
    if (!CpuFeatures::Get().Supports(v.isa)) continue;
    ++ran;
    CheckQuantMean<uint8_t>(v, v.u8_sum, qu8_mean__reference, qu8_mean_requantize__reference,
                            rng);
    CheckQuantMean<int8_t>(v, v.s8_sum, qs8_mean__reference, qs8_mean_requantize__reference,
                           rng);
  }
  if (ran == 0) GTEST_SKIP() << "this CPU runs none of the MEAN / SUM variants";
}

TEST(ReduceSumVariants, QuantizedSumMatchesReferenceAndWraps) {
  int ran = 0;
  std::mt19937 rng(13);
  for (const ReduceSumVariant& v : ReduceSumVariants()) {
    if (!CpuFeatures::Get().Supports(v.isa)) continue;
    ++ran;
    // 2^24 + 3 values of 255 overflow no int32, but 2^23 * 255 * 2 does
    // not fit 2^31 either way; 9e6 x 255 = 2.3e9 wraps.
    for (const Case& c : {Case{{9000000}, {0}}, Case{{3, 3000000, 2}, {1}}}) {
      const ReducePlan p = PlanOf(c);
      std::vector<uint8_t> in(static_cast<size_t>(p.num_inputs), 255);
      in[12345] = 7;
      QuantSumParams q;
      q.scale = 0.25f;
      q.bias = -3.f;
      q.output_zero_point = 1;
      std::vector<int32_t> want_sums(static_cast<size_t>(p.num_outputs), -1);
      std::vector<int32_t> got_sums(want_sums.size(), -2);
      std::vector<uint8_t> want(want_sums.size());
      std::vector<uint8_t> got(want_sums.size());
      ASSERT_TRUE(v.u8_sum(p, in.data(), got_sums.data())) << v.name << " " << Describe(c);
      qu8_sum__reference(p, q, in.data(), want_sums.data(), want.data());
      ASSERT_EQ(got_sums, want_sums) << v.name << " " << Describe(c);
      qu8_sum_requantize__reference(p, q, got_sums.data(), got.data());
      ASSERT_EQ(got, want) << v.name << " " << Describe(c);
    }
  }
  if (ran == 0) GTEST_SKIP() << "this CPU runs none of the MEAN / SUM variants";
}

TEST(ReduceSumVariants, OtherLayoutsAreLeftToTheReference) {
  const ReducePlan p = PlanOf({{2, 3, 4}, {0, 2}});  // reduced, kept, reduced
  std::vector<float> in(static_cast<size_t>(p.num_inputs), 1.f);
  std::vector<uint8_t> in8(in.size(), 1);
  std::vector<float> out(static_cast<size_t>(p.num_outputs));
  std::vector<int32_t> sums(out.size());
  for (const ReduceSumVariant& v : ReduceSumVariants()) {
    if (!CpuFeatures::Get().Supports(v.isa)) continue;
    EXPECT_FALSE(v.f32_sum(p, in.data(), out.data())) << v.name;
    EXPECT_FALSE(v.u8_sum(p, in8.data(), sums.data())) << v.name;
  }
  EXPECT_EQ(SelectReduceSum(Isa::kReference), nullptr);
}

}  // namespace
}  // namespace liteforge::kernels
