// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// float16 quantization, as TFLite's converter writes it: each float32
// constant becomes a float16 constant read through a DEQUANTIZE op (version
// 3) whose float32 output takes the constant's place. Runtimes fold the
// DEQUANTIZE at load time (liteforge does), GPU delegates read the halves.

#include <map>

#include "liteforge/quant/op_quant_rules.h"
#include "liteforge/quant/quant_passes.h"
#include "liteforge/quant/tensor_quantization.h"

namespace liteforge::quant {

Status QuantizeFloat16(ir::Graph& graph, QuantizeReport& report) {
  for (ir::Subgraph& sg : graph.subgraphs) {
    std::vector<ir::Op> dequantize_ops;
    std::vector<bool> done(sg.tensors.size(), false);
    const size_t original_tensors = sg.tensors.size();
    for (const ir::Op& op : sg.ops) {
      bool reads_half = false;
      for (int32_t t : op.inputs) {
        if (t < 0 || static_cast<size_t>(t) >= original_tensors) continue;
        if (done[static_cast<size_t>(t)]) {
          reads_half = true;
          continue;
        }
        ir::Tensor& tensor = sg.tensors[static_cast<size_t>(t)];
        if (!tensor.is_constant() || tensor.dtype != DType::kFloat32 || tensor.sparsity) continue;
        done[static_cast<size_t>(t)] = true;
        reads_half = true;
        ir::Tensor half;
        half.name = tensor.name + "_fp16";
        half.dtype = DType::kFloat16;
        half.shape = tensor.shape;
        half.shape_signature = tensor.shape_signature;
        half.has_rank = tensor.has_rank;
        half.data = ToFloat16(FloatValues(tensor));
        tensor.data.reset();  // now the DEQUANTIZE's output
        sg.tensors.push_back(std::move(half));
        ir::Op dq;
        dq.type = ir::OpType::kDequantize;
        dq.inputs = {static_cast<int32_t>(sg.tensors.size() - 1)};
        dq.outputs = {t};
        dequantize_ops.push_back(std::move(dq));
      }
      // Ops reading float16 weights count as quantized.
      if (reads_half) ++report.ops_quantized;
    }
    for (ir::Op& dq : dequantize_ops) {
      dq.version = ConverterOpVersion(sg, dq).value_or(3);
    }
    sg.ops.insert(sg.ops.begin(), std::make_move_iterator(dequantize_ops.begin()),
                  std::make_move_iterator(dequantize_ops.end()));
  }
  return Status::Ok();
}

}  // namespace liteforge::quant
