// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/runtime/memory_planner.h"

#include <algorithm>
#include <numeric>

namespace liteforge::runtime {

MemoryPlan GreedyPlanner::Plan(std::span<const BufferRequest> requests) const {
  const size_t n = requests.size();
  MemoryPlan plan;
  plan.offsets.assign(n, 0);
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  // Largest first; ties by earlier first use, then index, so plans are
  // deterministic.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (requests[a].bytes != requests[b].bytes) return requests[a].bytes > requests[b].bytes;
    return requests[a].first_step < requests[b].first_step;
  });
  struct Placed {
    size_t offset, end;
    int first, last;
  };
  std::vector<Placed> placed;  // kept sorted by offset
  placed.reserve(n);
  for (size_t idx : order) {
    const BufferRequest& r = requests[idx];
    const size_t size = AlignUp(std::max<size_t>(r.bytes, 1));
    // Scan placed buffers that overlap in time, by offset, for the first gap.
    size_t candidate = 0;
    for (const Placed& p : placed) {
      if (p.last < r.first_step || p.first > r.last_step) continue;
      if (candidate + size <= p.offset) break;
      candidate = std::max(candidate, p.end);
    }
    plan.offsets[idx] = candidate;
    const Placed entry{candidate, candidate + size, r.first_step, r.last_step};
    placed.insert(std::upper_bound(placed.begin(), placed.end(), entry,
                                   [](const Placed& a, const Placed& b) { return a.offset < b.offset; }),
                  entry);
    plan.arena_bytes = std::max(plan.arena_bytes, candidate + size);
  }
  return plan;
}

MemoryPlan LinearPlanner::Plan(std::span<const BufferRequest> requests) const {
  MemoryPlan plan;
  plan.offsets.reserve(requests.size());
  size_t offset = 0;
  for (const BufferRequest& r : requests) {
    plan.offsets.push_back(offset);
    offset += AlignUp(std::max<size_t>(r.bytes, 1));
  }
  plan.arena_bytes = offset;
  return plan;
}

std::unique_ptr<MemoryPlanner> MakePlanner(PlannerKind kind) {
  if (kind == PlannerKind::kLinear) return std::make_unique<LinearPlanner>();
  return std::make_unique<GreedyPlanner>();
}

}  // namespace liteforge::runtime
