// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/runtime/memory_planner.h"

#include <gtest/gtest.h>

#include <random>

namespace liteforge::runtime {
namespace {

// No two requests that are live at the same step may share a byte.
void ExpectNoOverlap(std::span<const BufferRequest> reqs, const MemoryPlan& plan) {
  ASSERT_EQ(plan.offsets.size(), reqs.size());
  for (size_t i = 0; i < reqs.size(); ++i) {
    EXPECT_EQ(plan.offsets[i] % kArenaAlignment, 0u);
    EXPECT_LE(plan.offsets[i] + reqs[i].bytes, plan.arena_bytes);
    for (size_t j = i + 1; j < reqs.size(); ++j) {
      const bool live_together = reqs[i].first_step <= reqs[j].last_step && reqs[j].first_step <= reqs[i].last_step;
      if (!live_together || reqs[i].bytes == 0 || reqs[j].bytes == 0) continue;
      const bool disjoint = plan.offsets[i] + reqs[i].bytes <= plan.offsets[j] ||
                            plan.offsets[j] + reqs[j].bytes <= plan.offsets[i];
      EXPECT_TRUE(disjoint) << "requests " << i << " and " << j;
    }
  }
}

TEST(MemoryPlannerTest, ChainReusesMemory) {
  // a -> b -> c -> d, each 1000 bytes: only two are ever live together.
  const std::vector<BufferRequest> reqs = {{1000, 0, 1}, {1000, 1, 2}, {1000, 2, 3}, {1000, 3, 4}};
  const MemoryPlan greedy = GreedyPlanner().Plan(reqs);
  ExpectNoOverlap(reqs, greedy);
  EXPECT_EQ(greedy.arena_bytes, 2 * AlignUp(1000));
  const MemoryPlan linear = LinearPlanner().Plan(reqs);
  ExpectNoOverlap(reqs, linear);
  EXPECT_EQ(linear.arena_bytes, 4 * AlignUp(1000));
}

TEST(MemoryPlannerTest, RandomRequestsNeverOverlap) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<BufferRequest> reqs;
    const int n = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      const int first = static_cast<int>(rng() % 30);
      reqs.push_back({rng() % 5000, first, first + static_cast<int>(rng() % 10)});
    }
    const MemoryPlan greedy = GreedyPlanner().Plan(reqs);
    ExpectNoOverlap(reqs, greedy);
    EXPECT_LE(greedy.arena_bytes, LinearPlanner().Plan(reqs).arena_bytes);
  }
}

TEST(MemoryPlannerTest, EmptyPlan) {
  EXPECT_EQ(GreedyPlanner().Plan({}).arena_bytes, 0u);
  EXPECT_EQ(LinearPlanner().Plan({}).arena_bytes, 0u);
}

}  // namespace
}  // namespace liteforge::runtime
