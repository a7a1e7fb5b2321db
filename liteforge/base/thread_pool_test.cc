// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/base/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

namespace liteforge {
namespace {

TEST(ThreadPoolTest, CoversEveryIndexExactlyOnce) {
  ThreadPool pool(4);
  for (int64_t n : {0, 1, 3, 4, 5, 1000, 1001}) {
    std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
    pool.ParallelFor(n, 1, [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i) hits[i].fetch_add(1);
    });
    for (int64_t i = 0; i < n; ++i) EXPECT_EQ(hits[i].load(), 1) << "n=" << n << " i=" << i;
  }
}

TEST(ThreadPoolTest, NestedCallsRunInline) {
  ThreadPool pool(3);
  std::atomic<int64_t> total{0};
  pool.ParallelFor(6, 1, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      pool.ParallelFor(10, 1, [&](int64_t bb, int64_t ee) { total += ee - bb; });
    }
  });
  EXPECT_EQ(total.load(), 60);
}

TEST(ThreadPoolTest, ManyJobsInARow) {
  ThreadPool pool(2);
  int64_t sum = 0;
  std::mutex mu;
  for (int job = 0; job < 2000; ++job) {
    pool.ParallelFor(8, 1, [&](int64_t b, int64_t e) {
      std::lock_guard<std::mutex> lock(mu);
      sum += e - b;
    });
  }
  EXPECT_EQ(sum, 16000);
}

// Chunk boundaries depend only on n, min_chunk and the thread count, so a
// kernel that keys scratch or reduction order on them is deterministic
// whichever thread claims which chunk.
TEST(ThreadPoolTest, ChunkBoundariesAreFixed) {
  ThreadPool pool(3);
  for (int repeat = 0; repeat < 200; ++repeat) {
    std::mutex mu;
    std::set<std::pair<int64_t, int64_t>> chunks;
    pool.ParallelFor(10, 2, [&](int64_t b, int64_t e) {
      std::lock_guard<std::mutex> lock(mu);
      chunks.emplace(b, e);
    });
    const std::set<std::pair<int64_t, int64_t>> want = {{0, 4}, {4, 7}, {7, 10}};
    ASSERT_EQ(chunks, want) << "repeat " << repeat;
  }
}

// A caller that finds the workers asleep (past their spin window) still
// gets every chunk run, by them or by itself.
TEST(ThreadPoolTest, WakesSleepingWorkers) {
  ThreadPool pool(2);
  for (int job = 0; job < 5; ++job) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::atomic<int64_t> covered{0};
    pool.ParallelFor(100, 1, [&](int64_t b, int64_t e) { covered += e - b; });
    EXPECT_EQ(covered.load(), 100);
  }
}

// Pools created and destroyed at once, while workers are still spinning.
TEST(ThreadPoolTest, DestroysWhileWorkersSpin) {
  for (int i = 0; i < 50; ++i) {
    ThreadPool pool(3);
    std::atomic<int> runs{0};
    pool.ParallelFor(3, 1, [&](int64_t, int64_t) { ++runs; });
    EXPECT_EQ(runs.load(), 3);
  }
}

TEST(ThreadPoolTest, NullPoolRunsInline) {
  int64_t covered = 0;
  ParallelFor(nullptr, 7, 1, [&](int64_t b, int64_t e) { covered += e - b; });
  EXPECT_EQ(covered, 7);
}

}  // namespace
}  // namespace liteforge
