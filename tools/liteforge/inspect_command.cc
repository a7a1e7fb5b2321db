// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// `liteforge inspect MODEL [--json]`: structure, ops, weights, memory plan,
// and the model's TFLite metadata (name, version, author, license, input
// normalization, associated files such as embedded label lists).

#include <cstdio>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "liteforge/api/model_summary.h"
#include "liteforge/base/mapped_file.h"
#include "liteforge/format/tflite/metadata.h"
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

// What inspect knows of the model's TFLite metadata: the parsed flatbuffer
// (or why it could not be parsed) and the entries of the appended archive.
struct MetadataView {
  std::optional<tflite_format::ModelMetadata> meta;
  std::string error;                 // set when the metadata is present but bad
  std::vector<std::string> archive;  // associated files actually in the file
  std::string archive_error;
};

MetadataView LoadMetadata(const std::string& path, const ir::Graph& graph) {
  MetadataView v;
  auto meta = tflite_format::ReadModelMetadata(graph);
  if (!meta.ok()) {
    v.error = meta.status().ToString();
  } else {
    v.meta = std::move(*meta);
  }
  auto bytes = MapFile(path);
  if (!bytes.ok()) {
    v.archive_error = bytes.status().ToString();
    return v;
  }
  auto names = tflite_format::ListAssociatedFiles((*bytes)->bytes());
  if (names.ok()) {
    v.archive = std::move(*names);
  } else {
    v.archive_error = names.status().ToString();
  }
  return v;
}

std::string FloatsText(const std::vector<float>& v) { return fmt::format("[{}]", fmt::join(v, ", ")); }

std::string FileText(const tflite_format::AssociatedFile& f) {
  std::string s = fmt::format("'{}' ({})", f.name, tflite_format::AssociatedFileTypeName(f.type));
  if (!f.locale.empty()) s += fmt::format(" locale {}", f.locale);
  if (!f.description.empty()) s += ": " + f.description;
  return s;
}

void PrintTensorMetadata(const char* role, size_t i, const tflite_format::TensorMetadata& t) {
  fmt::print("  {} [{}] '{}'{}{}\n", role, i, t.name, t.content.empty() ? "" : " " + t.content,
             t.color_space.empty() ? "" : " (" + t.color_space + ")");
  if (!t.description.empty()) fmt::print("    description: {}\n", t.description);
  if (t.normalization) {
    fmt::print("    normalization: (x - {}) / {}\n", FloatsText(t.normalization->mean),
               FloatsText(t.normalization->std));
  }
  if (!t.min.empty() || !t.max.empty()) {
    fmt::print("    range: min {} max {}\n", FloatsText(t.min), FloatsText(t.max));
  }
  for (const auto& f : t.associated_files) fmt::print("    associated file {}\n", FileText(f));
}

void PrintMetadata(const MetadataView& v) {
  if (!v.error.empty()) {
    fmt::print("\nmodel metadata: unreadable ({})\n", v.error);
  } else if (!v.meta) {
    fmt::print("\nmodel metadata: none\n");
  } else {
    const tflite_format::ModelMetadata& m = *v.meta;
    fmt::print("\nmodel metadata ({}):\n", tflite_format::kModelMetadataName);
    if (!m.name.empty()) fmt::print("  name: {}\n", m.name);
    if (!m.version.empty()) fmt::print("  version: {}\n", m.version);
    if (!m.description.empty()) fmt::print("  description: {}\n", m.description);
    if (!m.author.empty()) fmt::print("  author: {}\n", m.author);
    if (!m.license.empty()) fmt::print("  license: {}\n", m.license);
    if (!m.min_parser_version.empty()) fmt::print("  min parser version: {}\n", m.min_parser_version);
    for (const auto& f : m.associated_files) fmt::print("  associated file {}\n", FileText(f));
    if (!m.subgraphs.empty()) {
      const auto& sg = m.subgraphs[0];
      for (size_t i = 0; i < sg.inputs.size(); ++i) PrintTensorMetadata("input", i, sg.inputs[i]);
      for (size_t i = 0; i < sg.outputs.size(); ++i) PrintTensorMetadata("output", i, sg.outputs[i]);
      for (const auto& f : sg.associated_files) fmt::print("  associated file {}\n", FileText(f));
    }
  }
  if (!v.archive.empty()) fmt::print("  files in the model's archive: {}\n", fmt::join(v.archive, ", "));
  if (!v.archive_error.empty()) fmt::print("  archive unreadable: {}\n", v.archive_error);
}

nlohmann::json FileJson(const tflite_format::AssociatedFile& f) {
  nlohmann::json j = {{"name", f.name}, {"type", std::string(tflite_format::AssociatedFileTypeName(f.type))}};
  if (!f.description.empty()) j["description"] = f.description;
  if (!f.locale.empty()) j["locale"] = f.locale;
  return j;
}

nlohmann::json TensorMetadataJson(const tflite_format::TensorMetadata& t) {
  nlohmann::json j = {{"name", t.name}};
  if (!t.description.empty()) j["description"] = t.description;
  if (!t.content.empty()) j["content"] = t.content;
  if (!t.color_space.empty()) j["color_space"] = t.color_space;
  if (t.normalization) j["normalization"] = {{"mean", t.normalization->mean}, {"std", t.normalization->std}};
  if (!t.min.empty()) j["min"] = t.min;
  if (!t.max.empty()) j["max"] = t.max;
  j["associated_files"] = nlohmann::json::array();
  for (const auto& f : t.associated_files) j["associated_files"].push_back(FileJson(f));
  return j;
}

nlohmann::json MetadataJson(const MetadataView& v) {
  nlohmann::json j;
  if (!v.error.empty()) {
    j["error"] = v.error;
  } else if (v.meta) {
    const tflite_format::ModelMetadata& m = *v.meta;
    j["name"] = m.name;
    j["version"] = m.version;
    j["description"] = m.description;
    j["author"] = m.author;
    j["license"] = m.license;
    j["min_parser_version"] = m.min_parser_version;
    j["associated_files"] = nlohmann::json::array();
    for (const auto& f : m.associated_files) j["associated_files"].push_back(FileJson(f));
    j["inputs"] = nlohmann::json::array();
    j["outputs"] = nlohmann::json::array();
    if (!m.subgraphs.empty()) {
      for (const auto& t : m.subgraphs[0].inputs) j["inputs"].push_back(TensorMetadataJson(t));
      for (const auto& t : m.subgraphs[0].outputs) j["outputs"].push_back(TensorMetadataJson(t));
      for (const auto& f : m.subgraphs[0].associated_files) j["associated_files"].push_back(FileJson(f));
    }
  } else {
    j = nullptr;
  }
  if (!j.is_null() || !v.archive.empty()) {
    if (j.is_null()) j = nlohmann::json::object();
    j["archive_files"] = v.archive;
  }
  if (!v.archive_error.empty()) j["archive_error"] = v.archive_error;
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
  const MetadataView metadata = LoadMetadata(path, *graph);
  if (args->Has("json")) {
    nlohmann::json j = ToJson(path, summary);
    j["model_metadata"] = MetadataJson(metadata);
    std::printf("%s\n", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  } else {
    PrintText(path, summary);
    PrintMetadata(metadata);
  }
  return kExitOk;
}

}  // namespace liteforge::cli
