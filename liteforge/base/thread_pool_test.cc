// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/base/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
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

TEST(ThreadPoolTest, NullPoolRunsInline) {
  int64_t covered = 0;
  ParallelFor(nullptr, 7, 1, [&](int64_t b, int64_t e) { covered += e - b; });
  EXPECT_EQ(covered, 7);
}

}  // namespace
}  // namespace liteforge
