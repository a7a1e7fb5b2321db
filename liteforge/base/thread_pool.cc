// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/base/thread_pool.h"

#include <algorithm>

namespace liteforge {

ThreadPool::ThreadPool(int num_threads) {
  const int workers = std::max(0, num_threads - 1);
  workers_.reserve(workers);
  for (int i = 0; i < workers; ++i) {
    workers_.emplace_back([this, i] { WorkerLoop(i); });
  }
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  for (auto& t : workers_) t.join();
}

void ThreadPool::WorkerLoop(int worker_index) {
  uint64_t seen = 0;
  for (;;) {
    std::pair<int64_t, int64_t> chunk;
    const std::function<void(int64_t, int64_t)>* job = nullptr;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_cv_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      // Chunk 0 belongs to the caller; worker i takes chunk i + 1.
      const size_t mine = static_cast<size_t>(worker_index) + 1;
      if (mine >= chunks_.size()) continue;
      chunk = chunks_[mine];
      job = job_;
    }
    (*job)(chunk.first, chunk.second);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (--pending_ == 0) done_cv_.notify_one();
    }
  }
}

void ThreadPool::ParallelFor(int64_t n, int64_t min_chunk,
                             const std::function<void(int64_t, int64_t)>& fn) {
  if (n <= 0) return;
  min_chunk = std::max<int64_t>(1, min_chunk);
  const int64_t max_chunks = std::min<int64_t>(num_threads(), (n + min_chunk - 1) / min_chunk);
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (busy_ || max_chunks <= 1) {
      lock.unlock();
      fn(0, n);
      return;
    }
    busy_ = true;
    chunks_.clear();
    const int64_t per = n / max_chunks, extra = n % max_chunks;
    int64_t begin = 0;
    for (int64_t c = 0; c < max_chunks; ++c) {
      const int64_t len = per + (c < extra ? 1 : 0);
      chunks_.emplace_back(begin, begin + len);
      begin += len;
    }
    job_ = &fn;
    pending_ = static_cast<int>(chunks_.size()) - 1;
    ++generation_;
  }
  work_cv_.notify_all();
  fn(chunks_[0].first, chunks_[0].second);
  std::unique_lock<std::mutex> lock(mu_);
  done_cv_.wait(lock, [&] { return pending_ == 0; });
  job_ = nullptr;
  busy_ = false;
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
