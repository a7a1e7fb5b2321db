// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/runtime/memory_planner.h"

#include <gtest/gtest.h>

#include <algorithm>
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
  // The second buffer starts at the next aligned offset; the arena ends at
  // its last byte.
  EXPECT_EQ(greedy.arena_bytes, AlignUp(1000) + 1000);
  EXPECT_EQ(ArenaLowerBound(reqs), 2000u);
  const MemoryPlan linear = LinearPlanner().Plan(reqs);
  ExpectNoOverlap(reqs, linear);
  EXPECT_EQ(linear.arena_bytes, 3 * AlignUp(1000) + 1000);
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
    EXPECT_GE(greedy.arena_bytes, ArenaLowerBound(reqs));
    // Each building block is a valid plan on its own.
    for (GapRule rule : {GapRule::kFirstFit, GapRule::kBestFit}) {
      ExpectNoOverlap(reqs, PlaceInOrder(reqs, TfliteOrder(reqs), rule));
    }
  }
}

// The planner keeps the best of its strategies, one of which is
// TensorFlow Lite's (whole-run buffers first, then by size, best fit), so
// on the same requests it is never worse than that; and on some request
// sets another strategy is strictly better than largest-first first-fit.
TEST(MemoryPlannerTest, NeverWorseThanTfliteOrderAndSometimesBetterThanSizeOrder) {
  std::mt19937 rng(11);
  int improved = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<BufferRequest> reqs;
    const int n = 2 + static_cast<int>(rng() % 30);
    for (int i = 0; i < n; ++i) {
      const int first = static_cast<int>(rng() % 20);
      reqs.push_back({64 * (1 + rng() % 64), first, first + static_cast<int>(rng() % 6)});
    }
    const MemoryPlan greedy = GreedyPlanner().Plan(reqs);
    const MemoryPlan tflite = PlaceInOrder(reqs, TfliteOrder(reqs), GapRule::kBestFit);
    EXPECT_LE(greedy.arena_bytes, tflite.arena_bytes) << "trial " << trial;
    std::vector<size_t> by_size(reqs.size());
    for (size_t i = 0; i < by_size.size(); ++i) by_size[i] = i;
    std::stable_sort(by_size.begin(), by_size.end(), [&](size_t a, size_t b) {
      if (reqs[a].bytes != reqs[b].bytes) return reqs[a].bytes > reqs[b].bytes;
      return reqs[a].first_step < reqs[b].first_step;
    });
    const MemoryPlan size_first = PlaceInOrder(reqs, by_size, GapRule::kFirstFit);
    EXPECT_LE(greedy.arena_bytes, size_first.arena_bytes);
    if (greedy.arena_bytes < size_first.arena_bytes) {
      ++improved;
      EXPECT_NE(greedy.strategy, "size/first-fit");
    }
  }
  EXPECT_GT(improved, 0);
}

// Best fit takes the tightest gap, first fit the lowest one.
TEST(MemoryPlannerTest, GapRules) {
  // Requests 1 and 3 die after step 0 and leave two holes for request 5.
  const std::vector<BufferRequest> reqs = {
      {640, 0, 9}, {640, 0, 0}, {64, 0, 9}, {128, 0, 0}, {128, 0, 9}, {64, 5, 5}};
  const std::vector<size_t> order = {0, 1, 2, 3, 4, 5};
  // Placed in order: 0 -> 0, 1 -> 640 (dead after step 0), 2 -> 1280,
  // 3 -> 1344 (dead after step 0), 4 -> 1472. At step 5 the gaps below
  // 1472 are [640, 1280) (640 bytes) and [1344, 1472) (128 bytes).
  const MemoryPlan first = PlaceInOrder(reqs, order, GapRule::kFirstFit);
  const MemoryPlan best = PlaceInOrder(reqs, order, GapRule::kBestFit);
  EXPECT_EQ(first.offsets[4], 1472u);
  EXPECT_EQ(first.offsets[5], 640u);
  EXPECT_EQ(best.offsets[5], 1344u);
}

TEST(MemoryPlannerTest, LowerBoundIsTheWidestStep) {
  const std::vector<BufferRequest> reqs = {{100, 0, 2}, {50, 1, 1}, {70, 2, 3}, {0, 0, 9}};
  EXPECT_EQ(ArenaLowerBound(reqs), 170u);  // step 2: 100 + 70
  EXPECT_EQ(ArenaLowerBound({}), 0u);
}

TEST(MemoryPlannerTest, EmptyPlan) {
  EXPECT_EQ(GreedyPlanner().Plan({}).arena_bytes, 0u);
  EXPECT_EQ(LinearPlanner().Plan({}).arena_bytes, 0u);
}

}  // namespace
}  // namespace liteforge::runtime
