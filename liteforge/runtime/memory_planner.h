// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Memory planning: where each non-constant tensor (and each op's scratch)
// lives inside one arena. A request is live over a closed range of
// execution steps; requests whose ranges overlap must not share bytes.
// Every offset is a multiple of kArenaAlignment; a request occupies exactly
// its bytes, so the bytes up to the next aligned offset stay unused (SIMD
// tails may touch them) and the arena ends at the last byte any request
// uses.
//
// Placing intervals in the fewest bytes is NP-hard; greedy heuristics get
// close on inference graphs, but which one wins depends on the graph.
// GreedyPlanner therefore runs several (an order in which to place the
// requests times a rule for choosing the gap) and keeps the smallest arena;
// one of them is the order and rule TensorFlow Lite's arena planner uses,
// so on the same requests liteforge is never worse than it.
// LinearPlanner gives every request its own bytes: wasteful, but no two
// tensors ever alias, which makes it the planner to debug with.

#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "liteforge/base/status.h"

namespace liteforge::runtime {

struct BufferRequest {
  size_t bytes = 0;
  int first_step = 0;  // first step that writes or reads it
  int last_step = 0;   // last step that reads it (inclusive)
};

struct MemoryPlan {
  std::vector<size_t> offsets;  // one per request, kArenaAlignment-aligned
  size_t arena_bytes = 0;
  // The strategy that produced the plan ("size/first-fit", ...).
  std::string_view strategy;
};

// How a request picks its place among the gaps left by the requests
// already placed that are live at the same time as it.
enum class GapRule {
  kFirstFit,  // the lowest offset where it fits
  kBestFit,   // the smallest gap it fits in; past the last one if none
};

// Places requests one by one in `order` (a permutation of the request
// indices) with `rule`. The building block of every greedy strategy, and of
// TfliteArenaEstimate.
MemoryPlan PlaceInOrder(std::span<const BufferRequest> requests, std::span<const size_t> order,
                        GapRule rule);

// TensorFlow Lite's ArenaPlanner order: requests live over the whole run
// first (in index order), then largest first, then earliest first use.
std::vector<size_t> TfliteOrder(std::span<const BufferRequest> requests);

// No plan can be smaller: the most bytes live at any one step.
size_t ArenaLowerBound(std::span<const BufferRequest> requests);

class MemoryPlanner {
 public:
  virtual ~MemoryPlanner() = default;
  virtual std::string_view name() const = 0;
  virtual MemoryPlan Plan(std::span<const BufferRequest> requests) const = 0;
};

// The smallest of these orders, each placed first-fit and best-fit:
//  - "size": largest first, then earliest first use;
//  - "breadth": steps from the one with the most live bytes down, and
//    within a step its unplaced requests largest first (greedy by breadth);
//  - "lifetime": longest live range first, then largest first;
//  - "tflite": requests live over the whole run first, then by size (the
//    order of TensorFlow Lite's ArenaPlanner);
// and request order first-fit, which is never larger than LinearPlanner.
// Ties keep the earlier strategy in that list, so plans are deterministic.
class GreedyPlanner final : public MemoryPlanner {
 public:
  std::string_view name() const override { return "greedy"; }
  MemoryPlan Plan(std::span<const BufferRequest> requests) const override;
};

class LinearPlanner final : public MemoryPlanner {
 public:
  std::string_view name() const override { return "linear"; }
  MemoryPlan Plan(std::span<const BufferRequest> requests) const override;
};

enum class PlannerKind { kGreedy, kLinear };
std::unique_ptr<MemoryPlanner> MakePlanner(PlannerKind kind);

inline constexpr size_t kArenaAlignment = 64;
inline size_t AlignUp(size_t n, size_t a = kArenaAlignment) { return (n + a - 1) / a * a; }

}  // namespace liteforge::runtime
