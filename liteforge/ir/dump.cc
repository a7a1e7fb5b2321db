// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ir/dump.h"

#include <cstring>

#include <fmt/format.h>

namespace liteforge::ir {
namespace {

std::string Ints(const std::vector<int32_t>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s + "]";
}

template <typename T>
uint64_t HashVector(const std::vector<T>& v) {
  return Fnv1a64({reinterpret_cast<const uint8_t*>(v.data()), v.size() * sizeof(T)});
}

std::string QuantToString(const QuantParams& q) {
  if (q.empty() && q.min.empty() && q.max.empty() && q.custom.empty()) return "";
  std::string s = " quant(";
  if (q.scale.size() <= 1 && q.zero_point.size() <= 1) {
    s += fmt::format("scale={} zp={}", q.scale.empty() ? "-" : fmt::format("{:.9g}", q.scale[0]),
                     q.zero_point.empty() ? "-" : std::to_string(q.zero_point[0]));
  } else {
    s += fmt::format("axis={} n={} scales={:016x} zps={:016x}", q.quantized_dimension,
                     q.scale.size(), HashVector(q.scale), HashVector(q.zero_point));
  }
  if (q.scale.size() <= 1 && q.quantized_dimension != 0) {
    s += fmt::format(" axis={}", q.quantized_dimension);
  }
  if (!q.min.empty() || !q.max.empty()) {
    s += fmt::format(" min/max n={} {:016x}/{:016x}", q.min.size(), HashVector(q.min),
                     HashVector(q.max));
  }
  if (!q.custom.empty()) s += fmt::format(" custom={:016x}", HashVector(q.custom));
  return s + ")";
}

std::string SparsityToString(const Sparsity& sp) {
  std::string s = fmt::format(" sparse(order={} block_map={}", Ints(sp.traversal_order),
                              Ints(sp.block_map));
  for (const SparseDim& d : sp.dim_metadata) {
    if (d.format == SparseDim::Format::kDense) {
      s += fmt::format(" dense:{}", d.dense_size);
    } else {
      s += fmt::format(" csr:seg{}x{}:{:016x}/idx{}x{}:{:016x}", static_cast<int>(d.segments_type),
                       d.array_segments.size(), HashVector(d.array_segments),
                       static_cast<int>(d.indices_type), d.array_indices.size(),
                       HashVector(d.array_indices));
    }
  }
  return s + ")";
}

}  // namespace

uint64_t Fnv1a64(std::span<const uint8_t> bytes) {
  uint64_t h = 1469598103934665603ull;
  for (uint8_t b : bytes) h = (h ^ b) * 1099511628211ull;
  return h;
}

std::string DumpGraph(const Graph& graph) {
  std::string out = fmt::format("graph schema_version={} description={:?}\n",
                                graph.schema_version, graph.description);
  for (const auto& m : graph.metadata) {
    out += fmt::format("metadata {:?} bytes={} fnv={:016x}\n", m.name, m.data.size(),
                       Fnv1a64(m.data.bytes()));
  }
  for (const auto& sig : graph.signatures) {
    out += fmt::format("signature {:?} subgraph={}", sig.key, sig.subgraph_index);
    out += " inputs=[";
    for (size_t i = 0; i < sig.inputs.size(); ++i) {
      out += fmt::format("{}{:?}:{}", i ? "," : "", sig.inputs[i].name, sig.inputs[i].tensor_index);
    }
    out += "] outputs=[";
    for (size_t i = 0; i < sig.outputs.size(); ++i) {
      out += fmt::format("{}{:?}:{}", i ? "," : "", sig.outputs[i].name,
                         sig.outputs[i].tensor_index);
    }
    out += "]\n";
  }
  for (size_t s = 0; s < graph.subgraphs.size(); ++s) {
    const Subgraph& sg = graph.subgraphs[s];
    out += fmt::format("subgraph {} {:?} inputs={} outputs={}\n", s, sg.name, Ints(sg.inputs),
                       Ints(sg.outputs));
    for (size_t t = 0; t < sg.tensors.size(); ++t) {
      const Tensor& tensor = sg.tensors[t];
      out += fmt::format("  tensor {} {:?} {} {}", t, tensor.name, DTypeName(tensor.dtype),
                         tensor.shape.ToString());
      if (!tensor.shape_signature.empty()) out += " signature=" + Ints(tensor.shape_signature);
      if (tensor.has_rank) out += " has_rank";
      out += QuantToString(tensor.quant);
      if (tensor.data) {
        out += fmt::format(" data(bytes={} fnv={:016x})", tensor.data->size(),
                           Fnv1a64(tensor.data->bytes()));
      }
      if (tensor.is_variable) out += " variable";
      if (tensor.sparsity) out += SparsityToString(*tensor.sparsity);
      out += "\n";
    }
    for (size_t o = 0; o < sg.ops.size(); ++o) {
      const Op& op = sg.ops[o];
      out += fmt::format("  op {} {} v{} in={} out={}", o, op.DisplayName(), op.version,
                         Ints(op.inputs), Ints(op.outputs));
      if (op.type == OpType::kCustom) out += " custom";
      if (!op.intermediates.empty()) out += " intermediates=" + Ints(op.intermediates);
      if (!op.mutating_variable_inputs.empty()) {
        out += " mutating=[";
        for (size_t i = 0; i < op.mutating_variable_inputs.size(); ++i) {
          out += (i ? "," : "") + std::string(op.mutating_variable_inputs[i] ? "1" : "0");
        }
        out += "]";
      }
      const std::string options = OptionsToString(op.options);
      if (!options.empty()) out += " {" + options + "}";
      if (!op.custom_options.empty()) {
        out += fmt::format(" custom_options(bytes={} fnv={:016x})", op.custom_options.size(),
                           Fnv1a64(op.custom_options));
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace liteforge::ir
