// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/quant/model_runner.h"

#include <algorithm>
#include <cstring>

#include "liteforge/base/cpu_features.h"

namespace liteforge::quant {

Result<std::unique_ptr<ModelRunner>> ModelRunner::Create(std::shared_ptr<const ir::Graph> graph,
                                                         int num_threads, bool fold_constants) {
  if (graph == nullptr || graph->subgraphs.empty()) return InvalidArgument("the model has no subgraph");
  std::unique_ptr<ModelRunner> r(new ModelRunner());
  runtime::PlanOptions options;
  options.max_isa = DefaultMaxIsa();
  options.num_threads = std::max(1, num_threads);
  options.fold_constants = fold_constants;
  r->builder_ = std::make_shared<runtime::PlanBuilder>(graph, nullptr, options);
  if (options.num_threads > 1) r->pool_ = std::make_unique<ThreadPool>(options.num_threads);
  LF_ASSIGN_OR_RETURN(auto plan, r->builder_->GetPlan(0));
  LF_ASSIGN_OR_RETURN(r->context_, runtime::ExecutionContext::Create(r->builder_, plan, r->pool_.get()));
  return r;
}

Status ModelRunner::SetInput(int i, std::span<const uint8_t> data) {
  if (i < 0 || i >= num_inputs()) return OutOfRange("input {} does not exist", i);
  TensorView& dst = context_->input(i);
  if (data.size() != dst.bytes) {
    return InvalidArgument("input {} '{}' needs {} bytes, got {}", i, dst.name, dst.bytes, data.size());
  }
  if (!data.empty()) std::memcpy(dst.data, data.data(), data.size());
  return Status::Ok();
}

}  // namespace liteforge::quant
