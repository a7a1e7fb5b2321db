// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/base/thread_pool.h"

#include <algorithm>
#include <chrono>

namespace liteforge {
namespace {

// How long an idle thread polls before it sleeps. Long enough to bridge
// the gap between two ops of one inference (a few microseconds of serial
// work), short enough that an idle interpreter stops using a core at once.
constexpr auto kSpinWindow = std::chrono::microseconds(200);

uint32_t GenerationOf(uint64_t claim) { return static_cast<uint32_t>(claim >> 32); }
uint32_t IndexOf(uint64_t claim) { return static_cast<uint32_t>(claim); }

// Tells the core this is a busy-wait (saves power, frees the sibling
// hyperthread). A compiler builtin, not an intrinsics header.
inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield" ::: "memory");
#else
  std::this_thread::yield();
#endif
}

// Polls `ready` for up to kSpinWindow; true when it became true.
template <typename Pred>
bool SpinUntil(const Pred& ready) {
  const auto deadline = std::chrono::steady_clock::now() + kSpinWindow;
  for (;;) {
    for (int i = 0; i < 64; ++i) {
      if (ready()) return true;
      CpuRelax();
    }
    if (std::chrono::steady_clock::now() >= deadline) return ready();
  }
}

}  // namespace

ThreadPool::ThreadPool(int num_threads) {
  const int workers = std::max(0, num_threads - 1);
  workers_.reserve(workers);
  for (int i = 0; i < workers; ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  for (auto& t : workers_) t.join();
}

void ThreadPool::WorkerLoop() {
  uint32_t seen = GenerationOf(claim_.load(std::memory_order_acquire));
  for (;;) {
    const auto new_loop = [&] {
      return GenerationOf(claim_.load(std::memory_order_acquire)) != seen;
    };
    if (!SpinUntil(new_loop)) {
      std::unique_lock<std::mutex> lock(mu_);
      ++sleeping_workers_;
      work_cv_.wait(lock, [&] { return stop_ || new_loop(); });
      --sleeping_workers_;
      if (stop_) return;
    }
    seen = GenerationOf(claim_.load(std::memory_order_acquire));
    RunChunks(seen);
  }
}

void ThreadPool::RunChunks(uint32_t generation) {
  uint64_t claim = claim_.load(std::memory_order_acquire);
  for (;;) {
    if (GenerationOf(claim) != generation) return;
    const uint32_t index = IndexOf(claim);
    if (index >= num_chunks_.load(std::memory_order_acquire)) return;
    if (!claim_.compare_exchange_weak(claim, claim + 1, std::memory_order_acq_rel,
                                      std::memory_order_acquire)) {
      continue;  // `claim` now holds the current value
    }
    // Chunk `index` of this loop is ours: the loop cannot end before it is
    // done, so job_, chunks_ and num_chunks_ are this loop's.
    const uint32_t total = num_chunks_.load(std::memory_order_relaxed);
    (*job_)(chunks_[index].first, chunks_[index].second);
    if (done_chunks_.fetch_add(1, std::memory_order_acq_rel) + 1 == total) {
      std::lock_guard<std::mutex> lock(mu_);
      if (caller_sleeping_) done_cv_.notify_one();
    }
    claim = claim_.load(std::memory_order_acquire);
  }
}

void ThreadPool::ParallelFor(int64_t n, int64_t min_chunk,
                             const std::function<void(int64_t, int64_t)>& fn) {
  if (n <= 0) return;
  min_chunk = std::max<int64_t>(1, min_chunk);
  const int64_t num_chunks = std::min<int64_t>(num_threads(), (n + min_chunk - 1) / min_chunk);
  bool idle = false;
  if (num_chunks <= 1 || !busy_.compare_exchange_strong(idle, true, std::memory_order_acquire)) {
    fn(0, n);  // too small to split, or nested inside a running loop
    return;
  }
  chunks_.clear();
  const int64_t per = n / num_chunks, extra = n % num_chunks;
  int64_t begin = 0;
  for (int64_t c = 0; c < num_chunks; ++c) {
    const int64_t len = per + (c < extra ? 1 : 0);
    chunks_.emplace_back(begin, begin + len);
    begin += len;
  }
  const auto total = static_cast<uint32_t>(num_chunks);
  job_ = &fn;
  num_chunks_.store(total, std::memory_order_relaxed);
  done_chunks_.store(0, std::memory_order_relaxed);
  const uint32_t generation = GenerationOf(claim_.load(std::memory_order_relaxed)) + 1;
  // Publishes job_, chunks_ and the counters with the new generation.
  claim_.store(static_cast<uint64_t>(generation) << 32, std::memory_order_release);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (sleeping_workers_ > 0) work_cv_.notify_all();
  }

  RunChunks(generation);

  const auto all_done = [&] { return done_chunks_.load(std::memory_order_acquire) == total; };
  if (!SpinUntil(all_done)) {
    std::unique_lock<std::mutex> lock(mu_);
    caller_sleeping_ = true;
    done_cv_.wait(lock, all_done);
    caller_sleeping_ = false;
  }
  job_ = nullptr;
  busy_.store(false, std::memory_order_release);
}

void ParallelFor(ThreadPool* pool, int64_t n, int64_t min_chunk,
                 const std::function<void(int64_t, int64_t)>& fn) {
  if (pool != nullptr) {
    pool->ParallelFor(n, min_chunk, fn);
  } else if (n > 0) {
    fn(0, n);
  }
}

}  // namespace liteforge
