// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Dynamic-range quantization: weights become int8 constants (symmetric, per
// channel where the table says so) read by the hybrid kernels, which
// quantize the float activations on the fly. Hybrid ops that can quantize
// their inputs asymmetrically (FULLY_CONNECTED, BATCH_MATMUL, the LSTM) are
// told to, as TFLite's converter does.

#include <algorithm>
#include <map>

#include "liteforge/quant/op_quant_rules.h"
#include "liteforge/quant/quant_passes.h"
#include "liteforge/quant/tensor_quantization.h"

namespace liteforge::quant {
namespace {

void SetAsymmetricInputs(ir::Op& op) {
  if (auto* o = std::get_if<ir::FullyConnectedOptions>(&op.options)) o->asymmetric_quantize_inputs = true;
  if (auto* o = std::get_if<ir::BatchMatMulOptions>(&op.options)) o->asymmetric_quantize_inputs = true;
  if (auto* o = std::get_if<ir::SequenceLstmOptions>(&op.options)) o->asymmetric_quantize_inputs = true;
}

}  // namespace

Status QuantizeDynamicRange(ir::Graph& graph, const QuantizeOptions& options,
                            QuantizeReport& report) {
  for (size_t s = 0; s < graph.subgraphs.size(); ++s) {
    ir::Subgraph& sg = graph.subgraphs[s];
    std::map<int32_t, int32_t> quantized;  // float weights -> int8 twin
    for (size_t i = 0; i < sg.ops.size(); ++i) {
      ir::Op& op = sg.ops[i];
      const OpQuantRule& rule = RuleFor(op);
      const std::vector<int>& weights = rule.hybrid_weights;
      if (weights.empty()) continue;
      // Only float activations in and out make a hybrid op.
      const bool float_io = !op.inputs.empty() && op.inputs[0] >= 0 &&
                            sg.tensors[static_cast<size_t>(op.inputs[0])].dtype == DType::kFloat32;
      // All the op's weights become int8 together (the hybrid kernel reads
      // them all as int8); the largest decides against the size threshold.
      bool eligible = float_io;
      int64_t largest = -1;
      for (int w : weights) {
        if (static_cast<size_t>(w) >= op.inputs.size() || op.inputs[static_cast<size_t>(w)] < 0) continue;
        const ir::Tensor& t = sg.tensors[static_cast<size_t>(op.inputs[static_cast<size_t>(w)])];
        if (!t.is_constant() || t.dtype != DType::kFloat32 || t.sparsity) {
          eligible = false;
          break;
        }
        largest = std::max(largest, t.shape.NumElements());
      }
      if (!eligible || largest < 0 || largest < options.min_weight_elements) {
        ++report.ops_float;
        continue;
      }
      for (int w : weights) {
        if (static_cast<size_t>(w) >= op.inputs.size() || op.inputs[static_cast<size_t>(w)] < 0) continue;
        int32_t& input = op.inputs[static_cast<size_t>(w)];
        auto it = quantized.find(input);
        if (it == quantized.end()) {
          const ir::Tensor& t = sg.tensors[static_cast<size_t>(input)];
          QuantizedData q = QuantizeWeights(FloatValues(t), t.shape, rule.channel_axis);
          ir::Tensor qt;
          qt.name = t.name;
          qt.dtype = DType::kInt8;
          qt.shape = t.shape;
          qt.shape_signature = t.shape_signature;
          qt.has_rank = t.has_rank;
          qt.quant = std::move(q.quant);
          qt.data = std::move(q.data);
          sg.tensors.push_back(std::move(qt));
          it = quantized.emplace(input, static_cast<int32_t>(sg.tensors.size() - 1)).first;
        }
        input = it->second;
      }
      SetAsymmetricInputs(op);
      if (auto v = ConverterOpVersion(sg, op)) op.version = std::max(op.version, *v);
      ++report.ops_quantized;
    }
  }
  return Status::Ok();
}

}  // namespace liteforge::quant
