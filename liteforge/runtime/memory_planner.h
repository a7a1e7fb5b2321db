// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Memory planning: where each non-constant tensor (and each op's scratch)
// lives inside one arena. A request is live over a closed range of
// execution steps; requests whose ranges overlap must not share bytes.
//
// GreedyPlanner places the largest requests first, each at the lowest
// offset that does not collide with an overlapping request already placed
// (TFLite's "greedy by size", which packs typical CNNs close to the lower
// bound). LinearPlanner gives every request its own bytes: wasteful, but no
// two tensors ever alias, which makes it the planner to debug with.

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
  std::vector<size_t> offsets;  // one per request, 64-byte aligned
  size_t arena_bytes = 0;
};

class MemoryPlanner {
 public:
  virtual ~MemoryPlanner() = default;
  virtual std::string_view name() const = 0;
  virtual MemoryPlan Plan(std::span<const BufferRequest> requests) const = 0;
};

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
