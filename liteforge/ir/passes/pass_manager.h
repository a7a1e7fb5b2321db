// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Graph passes and the PassManager that runs them in order. A pass rewrites
// an ir::Graph in place and says how many rewrites it made. Passes keep
// tensor indices stable (they rewire ops and drop ops, never renumber
// tensors), so graph inputs, outputs and signatures stay valid and a tensor
// index means the same thing before and after; a tensor a pass orphans
// simply has no producer and no consumer any more.
//
// The runtime runs the fusion passes (FusionPasses()) on its own copy of a
// model's graph before planning; files are always written from the graph as
// read (see api/interpreter.h, InterpreterOptions::fuse_ops).

#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"

namespace liteforge::ir {

class GraphPass {
 public:
  virtual ~GraphPass() = default;
  // A short name for logs and reports, e.g. "fuse-activation".
  virtual std::string_view name() const = 0;
  // Rewrites `graph` in place; returns the number of rewrites made.
  virtual Result<int> Run(Graph& graph) const = 0;
};

struct PassReport {
  std::string_view name;
  int rewrites = 0;
};

class PassManager {
 public:
  void Add(std::unique_ptr<GraphPass> pass) { passes_.push_back(std::move(pass)); }
  size_t size() const { return passes_.size(); }

  // Runs every pass in order, then verifies the result (ir::VerifyGraph):
  // a pass that breaks the graph is an Internal error. A graph that fails
  // verification before any pass runs is returned untouched (zero rewrites):
  // passes rely on well-formed graphs, and Prepare names the op at fault.
  Result<std::vector<PassReport>> Run(Graph& graph) const;

 private:
  std::vector<std::unique_ptr<GraphPass>> passes_;
};

// The passes the runtime applies before planning: PAD into the following
// convolution, then activations into their producers.
PassManager FusionPasses();

}  // namespace liteforge::ir
