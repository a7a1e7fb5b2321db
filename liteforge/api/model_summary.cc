// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/api/model_summary.h"

#include <algorithm>
#include <set>

#include "liteforge/runtime/execution_plan.h"

namespace liteforge {
namespace {

TensorSummary Summarize(const ir::Subgraph& sg, int t) {
  const ir::Tensor& tensor = sg.tensors[t];
  return {t, tensor.name, tensor.dtype, tensor.shape, tensor.shape_signature, tensor.quant};
}

bool IsPrintable(std::span<const uint8_t> bytes) {
  if (bytes.empty() || bytes.size() > 256) return false;
  size_t end = bytes.size();
  while (end > 0 && bytes[end - 1] == 0) --end;  // NUL padding
  if (end == 0) return false;
  for (size_t i = 0; i < end; ++i) {
    if (bytes[i] < 0x20 || bytes[i] > 0x7e) return false;
  }
  return true;
}

}  // namespace

ModelSummary SummarizeModel(const ir::Graph& graph, const ops::OpResolver& resolver) {
  ModelSummary s;
  s.description = graph.description;
  s.schema_version = graph.schema_version;
  s.num_subgraphs = static_cast<int>(graph.subgraphs.size());
  const ir::Subgraph& main = graph.subgraphs[0];
  for (int32_t t : main.inputs) s.inputs.push_back(Summarize(main, t));
  for (int32_t t : main.outputs) s.outputs.push_back(Summarize(main, t));

  std::map<std::pair<std::string, int>, OpCount> counts;
  std::map<std::string, UnsupportedOp> unsupported;
  std::set<const uint8_t*> seen_buffers;
  for (int si = 0; si < s.num_subgraphs; ++si) {
    const ir::Subgraph& sg = graph.subgraphs[si];
    s.num_tensors += static_cast<int>(sg.tensors.size());
    for (int o = 0; o < static_cast<int>(sg.ops.size()); ++o) {
      const ir::Op& op = sg.ops[o];
      ++s.num_ops;
      OpCount& c = counts[{op.DisplayName(), op.version}];
      c.name = op.DisplayName();
      c.version = op.version;
      c.custom = op.type == ir::OpType::kCustom;
      ++c.count;
      auto found = resolver.Find(op);
      if (!found.ok()) {
        UnsupportedOp& u = unsupported[op.DisplayName() + "/v" + std::to_string(op.version)];
        u.name = op.DisplayName();
        u.reason = found.status().message();
        u.where.push_back(ir::DescribeOp(graph, si, o));
      }
    }
    for (const ir::Tensor& t : sg.tensors) {
      if (!t.data || t.data->size() == 0) continue;
      if (!seen_buffers.insert(t.data->data()).second) continue;
      s.weight_bytes[std::string(DTypeName(t.dtype))] += t.data->size();
      ++s.weight_tensors;
    }
  }
  for (auto& [key, c] : counts) s.ops.push_back(c);
  std::sort(s.ops.begin(), s.ops.end(), [](const OpCount& a, const OpCount& b) {
    if (a.count != b.count) return a.count > b.count;
    return std::tie(a.name, a.version) < std::tie(b.name, b.version);
  });
  for (auto& [key, u] : unsupported) s.unsupported.push_back(std::move(u));

  if (s.unsupported.empty()) {
    runtime::PlanOptions options;
    options.max_isa = DefaultMaxIsa();
    auto shared = std::shared_ptr<const ir::Graph>(&graph, [](const ir::Graph*) {});
    runtime::PlanBuilder builder(shared, &resolver, options);
    auto plan = builder.GetPlan(0);
    if (plan.ok()) {
      s.arena_bytes = (*plan)->arena_bytes();
      s.persistent_bytes = (*plan)->persistent_bytes();
    } else {
      s.plan_error = plan.status().message();
    }
  } else {
    s.plan_error = "the model uses ops this build cannot run";
  }

  for (const auto& m : graph.metadata) {
    ModelSummary::Metadata md;
    md.name = m.name;
    md.bytes = m.data.size();
    if (IsPrintable(m.data.bytes())) {
      md.text.assign(reinterpret_cast<const char*>(m.data.data()), m.data.size());
      while (!md.text.empty() && md.text.back() == '\0') md.text.pop_back();
    }
    s.metadata.push_back(std::move(md));
  }
  s.signatures = graph.signatures;
  return s;
}

}  // namespace liteforge
