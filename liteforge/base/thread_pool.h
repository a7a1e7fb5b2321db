// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// A fixed-size pool that runs one parallel loop at a time. The calling
// thread takes part, so a pool of N threads keeps N-1 workers. Kernels split
// work with ParallelFor; nested calls run inline on the caller.
//
// Inference calls ParallelFor once per op, often for tens of microseconds of
// work, so waking a sleeping worker (a futex round trip, slower still in a
// VM) can cost more than the op. Workers therefore spin for a short window
// after each loop before they sleep, and chunks are claimed, not assigned:
// whichever thread is free takes the next one, so a late worker never makes
// the caller wait. Chunk boundaries depend only on n, min_chunk and the
// thread count, never on who ran what, so results stay deterministic.

#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace liteforge {

class ThreadPool {
 public:
  explicit ThreadPool(int num_threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int num_threads() const { return static_cast<int>(workers_.size()) + 1; }

  // Calls fn(begin, end) over [0, n) split into at most num_threads() chunks
  // of at least `min_chunk` items; returns when every chunk is done.
  void ParallelFor(int64_t n, int64_t min_chunk,
                   const std::function<void(int64_t, int64_t)>& fn);

 private:
  void WorkerLoop();
  // Runs chunks of loop `generation` until none is left unclaimed.
  void RunChunks(uint32_t generation);

  std::vector<std::thread> workers_;

  // The current loop. Written by the caller before it publishes a new
  // generation in claim_, read by a worker only after it claimed a chunk of
  // that generation (the caller cannot start the next loop before every
  // claimed chunk is done, so these stay put while they are read).
  const std::function<void(int64_t, int64_t)>* job_ = nullptr;
  std::vector<std::pair<int64_t, int64_t>> chunks_;

  // (generation << 32) | next unclaimed chunk. One CAS both checks that a
  // chunk belongs to the loop the claimer saw and takes it.
  std::atomic<uint64_t> claim_{0};
  std::atomic<uint32_t> num_chunks_{0};
  std::atomic<uint32_t> done_chunks_{0};
  std::atomic<bool> busy_{false};  // a loop is running; nested calls run inline

  // Sleeping and waking, only after the spin window has passed.
  std::mutex mu_;
  std::condition_variable work_cv_;
  std::condition_variable done_cv_;
  int sleeping_workers_ = 0;
  bool caller_sleeping_ = false;
  bool stop_ = false;
};

// Runs fn over [0, n) on `pool` when given, else inline.
void ParallelFor(ThreadPool* pool, int64_t n, int64_t min_chunk,
                 const std::function<void(int64_t, int64_t)>& fn);

}  // namespace liteforge
