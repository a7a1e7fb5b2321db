// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Folding of float16 / sparse weight storage into dense float32 constants,
// and the "already quantized" check.

#include "liteforge/quant/float_model.h"

#include <cstring>
#include <vector>

#include "liteforge/base/float16.h"
#include "liteforge/kernels/densify/reference.h"

namespace liteforge::quant {
namespace {

bool IsConstant(const ir::Subgraph& sg, int32_t t) {
  return t >= 0 && sg.tensors[static_cast<size_t>(t)].is_constant();
}

// Expands sparse constant `in` into dense bytes.
Result<ir::ConstData> Densify(const ir::Tensor& in) {
  const size_t elem = DTypeSize(in.dtype);
  if (elem == 0) return Unimplemented("is {}, which has no fixed element size", DTypeName(in.dtype));
  const ir::Sparsity& sparsity = *in.sparsity;
  std::vector<kernels::SparseLevel> levels;
  for (const ir::SparseDim& dim : sparsity.dim_metadata) {
    kernels::SparseLevel level;
    level.compressed = dim.format == ir::SparseDim::Format::kSparseCsr;
    level.dense_size = dim.dense_size;
    level.segments = dim.array_segments;
    level.indices = dim.array_indices;
    levels.push_back(level);
  }
  kernels::DensifyPlan plan;
  LF_RETURN_IF_ERROR(kernels::MakeDensifyPlan(in.shape.dims(), sparsity.traversal_order,
                                              sparsity.block_map, std::move(levels), &plan));
  std::vector<uint8_t> dense(static_cast<size_t>(in.shape.NumElements()) * elem);
  const ir::ConstData& data = *in.data;
  LF_RETURN_IF_ERROR(kernels::x8_densify__reference(
      plan, data.data(), static_cast<int64_t>(data.size() / elem), elem, dense.data()));
  return ir::ConstData::Copy(dense);
}

ir::ConstData HalfToFloatData(const ir::ConstData& half) {
  const size_t n = half.size() / 2;
  std::vector<float> values(n);
  for (size_t i = 0; i < n; ++i) {
    uint16_t h;
    std::memcpy(&h, half.data() + 2 * i, 2);
    values[i] = HalfToFloat(h);
  }
  return ir::ConstData::Copy({reinterpret_cast<const uint8_t*>(values.data()), n * sizeof(float)});
}

// Folds DENSIFY and float16 DEQUANTIZE ops of constants in one subgraph.
Status FoldWeightStorage(ir::Graph& graph, int s) {
  ir::Subgraph& sg = graph.subgraphs[static_cast<size_t>(s)];
  std::vector<ir::Op> kept;
  kept.reserve(sg.ops.size());
  for (size_t i = 0; i < sg.ops.size(); ++i) {
    ir::Op& op = sg.ops[i];
    const bool one_to_one = op.inputs.size() == 1 && op.outputs.size() == 1 && op.outputs[0] >= 0;
    if (one_to_one && op.type == ir::OpType::kDensify && IsConstant(sg, op.inputs[0])) {
      const ir::Tensor& in = sg.tensors[static_cast<size_t>(op.inputs[0])];
      if (!in.sparsity) {
        return InvalidArgument("{}: input has no sparsity metadata",
                               ir::DescribeOp(graph, s, static_cast<int>(i)));
      }
      auto dense = Densify(in);
      if (!dense.ok()) {
        return Status(dense.status()).AddContext(ir::DescribeOp(graph, s, static_cast<int>(i)));
      }
      ir::Tensor& out = sg.tensors[static_cast<size_t>(op.outputs[0])];
      out.data = std::move(*dense);
      out.sparsity.reset();
      continue;
    }
    if (one_to_one && op.type == ir::OpType::kDequantize && IsConstant(sg, op.inputs[0]) &&
        sg.tensors[static_cast<size_t>(op.inputs[0])].dtype == DType::kFloat16) {
      const ir::Tensor& in = sg.tensors[static_cast<size_t>(op.inputs[0])];
      if (in.sparsity) {
        return InvalidArgument("{}: sparse float16 input without DENSIFY",
                               ir::DescribeOp(graph, s, static_cast<int>(i)));
      }
      ir::Tensor& out = sg.tensors[static_cast<size_t>(op.outputs[0])];
      out.data = HalfToFloatData(*in.data);
      out.dtype = DType::kFloat32;
      continue;
    }
    kept.push_back(std::move(op));
  }
  sg.ops = std::move(kept);
  return Status::Ok();
}

Status CheckNotQuantized(const ir::Graph& graph, int s) {
  const ir::Subgraph& sg = graph.subgraphs[static_cast<size_t>(s)];
  for (size_t t = 0; t < sg.tensors.size(); ++t) {
    const ir::Tensor& tensor = sg.tensors[t];
    if (IsInteger(tensor.dtype) && !tensor.quant.scale.empty()) {
      return FailedPrecondition(
          "the model is already quantized: {} is {} with {}; quantize the float model instead",
          ir::DescribeTensor(graph, s, static_cast<int>(t)), DTypeName(tensor.dtype),
          tensor.quant.ToString());
    }
    if (tensor.dtype == DType::kFloat16 && !tensor.is_constant()) {
      return FailedPrecondition("{} is a float16 activation; only float32 models can be quantized",
                                ir::DescribeTensor(graph, s, static_cast<int>(t)));
    }
  }
  for (size_t i = 0; i < sg.ops.size(); ++i) {
    const ir::Op& op = sg.ops[i];
    if (op.type == ir::OpType::kQuantize || op.type == ir::OpType::kDequantize) {
      return FailedPrecondition("the model is already quantized: {} converts between float and "
                                "integer values; quantize the float model instead",
                                ir::DescribeOp(graph, s, static_cast<int>(i)));
    }
  }
  return Status::Ok();
}

}  // namespace

void PruneUnusedTensors(ir::Graph& graph, int subgraph_index) {
  ir::Subgraph& sg = graph.subgraphs[static_cast<size_t>(subgraph_index)];
  std::vector<bool> used(sg.tensors.size(), false);
  auto mark = [&](int32_t t) {
    if (t >= 0 && static_cast<size_t>(t) < used.size()) used[static_cast<size_t>(t)] = true;
  };
  for (const ir::Op& op : sg.ops) {
    for (int32_t t : op.inputs) mark(t);
    for (int32_t t : op.outputs) mark(t);
    for (int32_t t : op.intermediates) mark(t);
  }
  for (int32_t t : sg.inputs) mark(t);
  for (int32_t t : sg.outputs) mark(t);
  std::vector<int32_t> remap(sg.tensors.size(), -1);
  std::vector<ir::Tensor> kept;
  for (size_t t = 0; t < sg.tensors.size(); ++t) {
    if (!used[t]) continue;
    remap[t] = static_cast<int32_t>(kept.size());
    kept.push_back(std::move(sg.tensors[t]));
  }
  sg.tensors = std::move(kept);
  auto apply = [&](int32_t& t) {
    if (t >= 0) t = remap[static_cast<size_t>(t)];
  };
  for (ir::Op& op : sg.ops) {
    for (int32_t& t : op.inputs) apply(t);
    for (int32_t& t : op.outputs) apply(t);
    for (int32_t& t : op.intermediates) apply(t);
  }
  for (int32_t& t : sg.inputs) apply(t);
  for (int32_t& t : sg.outputs) apply(t);
  for (ir::Signature& sig : graph.signatures) {
    if (sig.subgraph_index != subgraph_index) continue;
    for (ir::SignatureTensor& st : sig.inputs) apply(st.tensor_index);
    for (ir::SignatureTensor& st : sig.outputs) apply(st.tensor_index);
  }
}

Result<ir::Graph> ExpandFloatModel(const ir::Graph& model) {
  if (model.subgraphs.empty()) return InvalidArgument("the model has no subgraph");
  ir::Graph graph = model;
  bool any_float = false;
  for (size_t s = 0; s < graph.subgraphs.size(); ++s) {
    const int si = static_cast<int>(s);
    LF_RETURN_IF_ERROR(FoldWeightStorage(graph, si));
    LF_RETURN_IF_ERROR(CheckNotQuantized(graph, si));
    PruneUnusedTensors(graph, si);
    for (const ir::Tensor& t : graph.subgraphs[s].tensors) {
      any_float = any_float || t.dtype == DType::kFloat32;
    }
  }
  if (!any_float) return FailedPrecondition("the model has no float32 tensor to quantize");
  return graph;
}

}  // namespace liteforge::quant
