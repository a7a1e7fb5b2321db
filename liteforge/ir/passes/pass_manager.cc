// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ir/passes/pass_manager.h"

#include "liteforge/ir/passes/fuse_activation.h"
#include "liteforge/ir/passes/fuse_pad_into_conv.h"
#include "liteforge/ir/verifier.h"

namespace liteforge::ir {

Result<std::vector<PassReport>> PassManager::Run(Graph& graph) const {
  std::vector<PassReport> reports;
  reports.reserve(passes_.size());
  // Passes may assume a well-formed graph. One that is not (a hand-built
  // graph that leaves output shapes to Prepare, say) is left as it is, so the
  // op at fault reports the problem in its own words when it is prepared.
  if (!VerifyGraph(graph).ok()) {
    for (const auto& pass : passes_) reports.push_back({pass->name(), 0});
    return reports;
  }
  int total_rewrites = 0;
  for (const auto& pass : passes_) {
    LF_ASSIGN_OR_RETURN(const int rewrites, pass->Run(graph));
    reports.push_back({pass->name(), rewrites});
    total_rewrites += rewrites;
  }
  if (total_rewrites == 0) return reports;
  if (Status s = VerifyGraph(graph); !s.ok()) {
    return Internal("the graph passes left an invalid graph: {}", s.message());
  }
  return reports;
}

PassManager FusionPasses() {
  PassManager passes;
  // PAD first: a conv it fuses into may then take a following RELU too.
  passes.Add(std::make_unique<FusePadIntoConv>());
  passes.Add(std::make_unique<FuseActivation>());
  return passes;
}

}  // namespace liteforge::ir
