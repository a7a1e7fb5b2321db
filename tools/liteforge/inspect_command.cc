// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// `liteforge inspect MODEL [--json]`.

#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "liteforge/api/model_summary.h"
#include "liteforge/format/tflite/reader.h"
#include "tools/liteforge/cli_common.h"
#include "tools/liteforge/commands.h"

namespace liteforge::cli {
namespace {

std::string QuantText(const QuantParams& q) {
  if (q.scale.empty()) return "";
  if (q.scale.size() == 1) {
    return fmt::format("scale={:.9g} zero_point={}", q.scale[0], q.zero_point0());
  }
  return fmt::format("per-axis(dim {}, {} scales)", q.quantized_dimension, q.scale.size());
}

nlohmann::json TensorJson(const TensorSummary& t) {
  nlohmann::json j;
  j["index"] = t.index;
  j["name"] = t.name;
  j["dtype"] = std::string(DTypeName(t.dtype));
  j["shape"] = t.shape.dims();
  if (!t.shape_signature.empty()) j["shape_signature"] = t.shape_signature;
  if (!t.quant.scale.empty()) {
    nlohmann::json q;
    if (t.quant.scale.size() == 1) {
      q["type"] = "per_tensor";
      q["scale"] = t.quant.scale[0];
      q["zero_point"] = t.quant.zero_point0();
    } else {
      q["type"] = "per_axis";
      q["quantized_dimension"] = t.quant.quantized_dimension;
      q["scale"] = t.quant.scale;
      q["zero_point"] = t.quant.zero_point;
    }
    j["quantization"] = q;
  }
  return j;
}

std::string Bytes(size_t n) {
  if (n >= (1u << 20)) return fmt::format("{} ({:.2f} MiB)", n, n / 1048576.0);
  if (n >= 1024) return fmt::format("{} ({:.1f} KiB)", n, n / 1024.0);
  return fmt::format("{}", n);
}

void PrintText(const std::string& path, const ModelSummary& s) {
  fmt::print("model: {}\n", path);
  fmt::print("schema version {}, {} subgraph(s), {} ops, {} tensors\n", s.schema_version,
             s.num_subgraphs, s.num_ops, s.num_tensors);
  if (!s.description.empty()) fmt::print("description: {}\n", s.description);
  auto print_tensors = [](const char* title, const std::vector<TensorSummary>& ts) {
    fmt::print("\n{}:\n", title);
    for (size_t i = 0; i < ts.size(); ++i) {
      const auto& t = ts[i];
      fmt::print("  [{}] '{}' {} {}{}{}\n", i, t.name, DTypeName(t.dtype), t.shape.ToString(),
                 t.quant.scale.empty() ? "" : "  ", QuantText(t.quant));
    }
  };
  print_tensors("inputs", s.inputs);
  print_tensors("outputs", s.outputs);
  fmt::print("\nops:\n");
  for (const auto& op : s.ops) {
    fmt::print("  {:<36} v{:<3} x{}{}\n", op.name, op.version, op.count, op.custom ? "  (custom)" : "");
  }
  fmt::print("\nops this build cannot run: {}\n", s.unsupported.empty() ? "none" : "");
  for (const auto& u : s.unsupported) {
    fmt::print("  {} x{}: {}\n", u.name, u.where.size(), u.reason);
    for (size_t i = 0; i < u.where.size() && i < 3; ++i) fmt::print("    at {}\n", u.where[i]);
    if (u.where.size() > 3) fmt::print("    ... and {} more\n", u.where.size() - 3);
  }
  size_t total = 0;
  for (const auto& [dtype, bytes] : s.weight_bytes) total += bytes;
  fmt::print("\nweights: {} bytes in {} constant tensors\n", Bytes(total), s.weight_tensors);
  for (const auto& [dtype, bytes] : s.weight_bytes) fmt::print("  {:<8} {}\n", dtype, Bytes(bytes));
  if (s.arena_bytes) {
    fmt::print("\nplanned arena: {} bytes (greedy planner); precomputed constants: {} bytes\n",
               Bytes(*s.arena_bytes), Bytes(s.persistent_bytes.value_or(0)));
  } else {
    fmt::print("\nplanned arena: unavailable ({})\n", s.plan_error);
  }
  fmt::print("\nmetadata: {}\n", s.metadata.empty() ? "none" : "");
  for (const auto& m : s.metadata) {
    fmt::print("  '{}' {} bytes{}\n", m.name, m.bytes, m.text.empty() ? "" : ": " + m.text);
  }
  fmt::print("\nsignatures: {}\n", s.signatures.empty() ? "none" : "");
  for (const auto& sig : s.signatures) {
    fmt::print("  '{}' (subgraph {})\n", sig.key, sig.subgraph_index);
    for (const auto& in : sig.inputs) fmt::print("    input  '{}' -> tensor {}\n", in.name, in.tensor_index);
    for (const auto& out : sig.outputs) fmt::print("    output '{}' -> tensor {}\n", out.name, out.tensor_index);
  }
}

nlohmann::json ToJson(const std::string& path, const ModelSummary& s) {
  nlohmann::json j;
  j["model"] = path;
  j["schema_version"] = s.schema_version;
  j["description"] = s.description;
  j["num_subgraphs"] = s.num_subgraphs;
  j["num_ops"] = s.num_ops;
  j["num_tensors"] = s.num_tensors;
  j["inputs"] = nlohmann::json::array();
  for (const auto& t : s.inputs) j["inputs"].push_back(TensorJson(t));
  j["outputs"] = nlohmann::json::array();
  for (const auto& t : s.outputs) j["outputs"].push_back(TensorJson(t));
  j["ops"] = nlohmann::json::array();
  for (const auto& op : s.ops) {
    j["ops"].push_back({{"name", op.name}, {"version", op.version}, {"count", op.count}, {"custom", op.custom}});
  }
  j["unsupported_ops"] = nlohmann::json::array();
  for (const auto& u : s.unsupported) {
    j["unsupported_ops"].push_back({{"name", u.name}, {"reason", u.reason}, {"where", u.where}});
  }
  j["weight_bytes"] = s.weight_bytes;
  j["weight_tensors"] = s.weight_tensors;
  if (s.arena_bytes) {
    j["arena_bytes"] = *s.arena_bytes;
    j["precomputed_bytes"] = s.persistent_bytes.value_or(0);
  } else {
    j["arena_bytes"] = nullptr;
    j["plan_error"] = s.plan_error;
  }
  j["metadata"] = nlohmann::json::array();
  for (const auto& m : s.metadata) {
    nlohmann::json e = {{"name", m.name}, {"bytes", m.bytes}};
    if (!m.text.empty()) e["text"] = m.text;
    j["metadata"].push_back(e);
  }
  j["signatures"] = nlohmann::json::array();
  for (const auto& sig : s.signatures) {
    nlohmann::json e = {{"key", sig.key}, {"subgraph", sig.subgraph_index}};
    e["inputs"] = nlohmann::json::object();
    for (const auto& in : sig.inputs) e["inputs"][in.name] = in.tensor_index;
    e["outputs"] = nlohmann::json::object();
    for (const auto& out : sig.outputs) e["outputs"][out.name] = out.tensor_index;
    j["signatures"].push_back(e);
  }
  return j;
}

}  // namespace

int InspectCommand(int argc, char** argv) {
  FlagSpec spec;
  spec.switches = {"json"};
  auto args = CliArgs::Parse(argc, argv, 2, spec);
  if (!args.ok()) return ReportError("inspect", args.status());
  if (args->positional().size() != 1) {
    return ReportError("inspect", InvalidArgument("expected one MODEL argument (usage: liteforge inspect MODEL [--json])"));
  }
  const std::string& path = args->positional()[0];
  auto graph = tflite_format::ReadTfliteFile(path);
  if (!graph.ok()) return ReportError("inspect", graph.status());
  const ModelSummary summary = SummarizeModel(*graph, ops::BuiltinOpResolver());
  if (args->Has("json")) {
    std::printf("%s\n", ToJson(path, summary).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  } else {
    PrintText(path, summary);
  }
  return kExitOk;
}

}  // namespace liteforge::cli
