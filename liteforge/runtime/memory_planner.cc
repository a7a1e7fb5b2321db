// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/runtime/memory_planner.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <utility>

namespace liteforge::runtime {
namespace {

// Past these sizes only the first strategy runs: each placement is
// quadratic in the number of requests, and the breadth order walks every
// step for every request.
constexpr size_t kMaxRequestsToCompare = 4096;
constexpr size_t kMaxBreadthWork = size_t{1} << 26;

bool LiveTogether(const BufferRequest& a, int first, int last) {
  return a.first_step <= last && first <= a.last_step;
}

// The first and last step any request is live at.
std::pair<int, int> StepRange(std::span<const BufferRequest> r) {
  int lo = std::numeric_limits<int>::max(), hi = std::numeric_limits<int>::min();
  for (const BufferRequest& q : r) {
    lo = std::min(lo, q.first_step);
    hi = std::max(hi, q.last_step);
  }
  return {lo, hi};
}

std::vector<size_t> Identity(size_t n) {
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  return order;
}

// Largest first; ties by earlier first use, then index.
std::vector<size_t> SizeOrder(std::span<const BufferRequest> r) {
  std::vector<size_t> order = Identity(r.size());
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (r[a].bytes != r[b].bytes) return r[a].bytes > r[b].bytes;
    return r[a].first_step < r[b].first_step;
  });
  return order;
}

// Longest-lived first (ties: larger first): buffers that span many steps
// constrain every step they span, so they go low and the short-lived ones
// fill the space above them.
std::vector<size_t> LifetimeOrder(std::span<const BufferRequest> r) {
  std::vector<size_t> order = Identity(r.size());
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const int64_t la = int64_t{r[a].last_step} - r[a].first_step;
    const int64_t lb = int64_t{r[b].last_step} - r[b].first_step;
    if (la != lb) return la > lb;
    return r[a].bytes > r[b].bytes;
  });
  return order;
}

// Greedy by breadth: the step with the most live bytes is the hardest to
// pack, so its requests go first (largest first), then those of the next
// widest step that are still unplaced, and so on.
std::vector<size_t> BreadthOrder(std::span<const BufferRequest> r) {
  const auto [lo, hi] = StepRange(r);
  const size_t steps = static_cast<size_t>(hi - lo + 1);
  std::vector<size_t> breadth(steps + 1, 0);  // difference array, then prefix sums
  for (const BufferRequest& q : r) {
    breadth[q.first_step - lo] += q.bytes;
    breadth[q.last_step - lo + 1] -= q.bytes;  // wraps and unwraps: exact modulo 2^64
  }
  for (size_t s = 1; s < steps; ++s) breadth[s] += breadth[s - 1];
  std::vector<size_t> step_order = Identity(steps);
  std::stable_sort(step_order.begin(), step_order.end(),
                   [&](size_t a, size_t b) { return breadth[a] > breadth[b]; });
  const std::vector<size_t> by_size = SizeOrder(r);
  std::vector<bool> taken(r.size(), false);
  std::vector<size_t> order;
  order.reserve(r.size());
  for (size_t s : step_order) {
    const int step = static_cast<int>(s) + lo;
    for (size_t idx : by_size) {
      if (!taken[idx] && r[idx].first_step <= step && step <= r[idx].last_step) {
        taken[idx] = true;
        order.push_back(idx);
      }
    }
    if (order.size() == r.size()) break;
  }
  return order;
}

}  // namespace

std::vector<size_t> TfliteOrder(std::span<const BufferRequest> r) {
  // (No structured binding: lambdas cannot capture one before clang 16.)
  const std::pair<int, int> range = StepRange(r);
  const auto whole_run = [&](size_t i) {
    return r[i].first_step == range.first && r[i].last_step == range.second;
  };
  std::vector<size_t> order = Identity(r.size());
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const bool wa = whole_run(a), wb = whole_run(b);
    if (wa != wb) return wa;
    if (wa) return false;  // index order, kept by the stable sort
    if (r[a].bytes != r[b].bytes) return r[a].bytes > r[b].bytes;
    return r[a].first_step < r[b].first_step;
  });
  return order;
}

MemoryPlan PlaceInOrder(std::span<const BufferRequest> requests, std::span<const size_t> order,
                        GapRule rule) {
  MemoryPlan plan;
  plan.offsets.assign(requests.size(), 0);
  struct Placed {
    size_t offset, end;
    int first, last;
  };
  std::vector<Placed> placed;  // sorted by offset
  placed.reserve(requests.size());
  constexpr size_t kNone = std::numeric_limits<size_t>::max();
  for (size_t idx : order) {
    const BufferRequest& r = requests[idx];
    if (r.bytes == 0) continue;  // offset 0, occupies nothing
    size_t offset = 0;
    if (rule == GapRule::kFirstFit) {
      for (const Placed& p : placed) {
        if (!LiveTogether(r, p.first, p.last)) continue;
        if (offset + r.bytes <= p.offset) break;
        offset = std::max(offset, AlignUp(p.end));
      }
    } else {
      // Walk the gaps between placed requests live at the same time; keep
      // the one that leaves the least unused. A gap is measured from the
      // end of the bytes below it, the candidate offset is that end
      // aligned up (the measure TensorFlow Lite's arena uses).
      size_t below = 0, best = kNone, best_gap = kNone;
      for (const Placed& p : placed) {
        if (!LiveTogether(r, p.first, p.last)) continue;
        const size_t candidate = AlignUp(below);
        if (candidate + r.bytes <= p.offset && p.offset - candidate < best_gap) {
          best = candidate;
          best_gap = p.offset - below;
        }
        below = std::max(below, p.end);
      }
      offset = best != kNone ? best : AlignUp(below);
    }
    plan.offsets[idx] = offset;
    const Placed entry{offset, offset + r.bytes, r.first_step, r.last_step};
    placed.insert(std::upper_bound(placed.begin(), placed.end(), entry,
                                   [](const Placed& a, const Placed& b) { return a.offset < b.offset; }),
                  entry);
    plan.arena_bytes = std::max(plan.arena_bytes, entry.end);
  }
  return plan;
}

size_t ArenaLowerBound(std::span<const BufferRequest> requests) {
  std::vector<std::pair<int, int64_t>> events;  // (step, +bytes at first use / -bytes after last)
  events.reserve(2 * requests.size());
  for (const BufferRequest& r : requests) {
    if (r.bytes == 0) continue;
    events.emplace_back(r.first_step, static_cast<int64_t>(r.bytes));
    events.emplace_back(r.last_step + 1, -static_cast<int64_t>(r.bytes));
  }
  // At one step, releases (negative) sort before allocations.
  std::sort(events.begin(), events.end());
  int64_t live = 0, peak = 0;
  for (const auto& [step, delta] : events) {
    live += delta;
    peak = std::max(peak, live);
  }
  return static_cast<size_t>(peak);
}

MemoryPlan GreedyPlanner::Plan(std::span<const BufferRequest> requests) const {
  const std::vector<size_t> by_size = SizeOrder(requests);
  MemoryPlan best = PlaceInOrder(requests, by_size, GapRule::kFirstFit);
  best.strategy = "size/first-fit";
  if (requests.size() > kMaxRequestsToCompare) return best;
  const size_t bound = ArenaLowerBound(requests);
  const auto consider = [&](std::span<const size_t> order, GapRule rule, std::string_view name) {
    if (best.arena_bytes <= bound) return;  // already optimal
    MemoryPlan plan = PlaceInOrder(requests, order, rule);
    if (plan.arena_bytes < best.arena_bytes) {
      best = std::move(plan);
      best.strategy = name;
    }
  };
  consider(by_size, GapRule::kBestFit, "size/best-fit");
  if (requests.empty()) return best;  // (no step range to speak of)
  const auto [lo, hi] = StepRange(requests);
  if (static_cast<size_t>(int64_t{hi} - lo + 1) * requests.size() <= kMaxBreadthWork) {
    const std::vector<size_t> by_breadth = BreadthOrder(requests);
    consider(by_breadth, GapRule::kFirstFit, "breadth/first-fit");
    consider(by_breadth, GapRule::kBestFit, "breadth/best-fit");
  }
  const std::vector<size_t> by_lifetime = LifetimeOrder(requests);
  consider(by_lifetime, GapRule::kFirstFit, "lifetime/first-fit");
  consider(by_lifetime, GapRule::kBestFit, "lifetime/best-fit");
  const std::vector<size_t> tflite = TfliteOrder(requests);
  consider(tflite, GapRule::kFirstFit, "tflite/first-fit");
  consider(tflite, GapRule::kBestFit, "tflite/best-fit");
  // In request order, first fit never ends above LinearPlanner: every
  // earlier request ends at or below where linear would put this one.
  consider(Identity(requests.size()), GapRule::kFirstFit, "index/first-fit");
  return best;
}

MemoryPlan LinearPlanner::Plan(std::span<const BufferRequest> requests) const {
  MemoryPlan plan;
  plan.offsets.reserve(requests.size());
  size_t offset = 0;
  for (const BufferRequest& r : requests) {
    offset = AlignUp(offset);
    plan.offsets.push_back(offset);
    offset += r.bytes;
  }
  plan.arena_bytes = offset;
  plan.strategy = "linear";
  return plan;
}

std::unique_ptr<MemoryPlanner> MakePlanner(PlannerKind kind) {
  if (kind == PlannerKind::kLinear) return std::make_unique<LinearPlanner>();
  return std::make_unique<GreedyPlanner>();
}

}  // namespace liteforge::runtime
