// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ops/testing/single_op_model.h"

#include <algorithm>

namespace liteforge::testing {

SingleOpModel::SingleOpModel() : graph_(std::make_shared<ir::Graph>()) {
  graph_->subgraphs.emplace_back();
}

int SingleOpModel::AddTensor(ir::Tensor tensor) {
  auto& sg = graph_->subgraphs[0];
  tensor.name = "t" + std::to_string(sg.tensors.size());
  sg.tensors.push_back(std::move(tensor));
  return static_cast<int>(sg.tensors.size()) - 1;
}

int SingleOpModel::AddInput(DType dtype, const Shape& shape, const QuantParams& quant) {
  ir::Tensor t;
  t.dtype = dtype;
  t.shape = shape;
  t.quant = quant;
  const int index = AddTensor(std::move(t));
  graph_->subgraphs[0].inputs.push_back(index);
  op_.inputs.push_back(index);
  return index;
}

int SingleOpModel::AddConstBytes(DType dtype, const Shape& shape, std::span<const uint8_t> bytes,
                                 const QuantParams& quant) {
  ir::Tensor t;
  t.dtype = dtype;
  t.shape = shape;
  t.quant = quant;
  t.data = ir::ConstData::Copy(bytes);
  const int index = AddTensor(std::move(t));
  op_.inputs.push_back(index);
  return index;
}

void SingleOpModel::AddOmittedInput() { op_.inputs.push_back(-1); }

int SingleOpModel::AddVariableInput(DType dtype, const Shape& shape, const QuantParams& quant) {
  ir::Tensor t;
  t.dtype = dtype;
  t.shape = shape;
  t.quant = quant;
  t.is_variable = true;
  const int index = AddTensor(std::move(t));
  op_.inputs.push_back(index);
  return index;
}

int SingleOpModel::AddOutput(DType dtype, const Shape& declared_shape, const QuantParams& quant) {
  ir::Tensor t;
  t.dtype = dtype;
  t.shape = declared_shape;
  t.quant = quant;
  const int index = AddTensor(std::move(t));
  graph_->subgraphs[0].outputs.push_back(index);
  op_.outputs.push_back(index);
  return index;
}

int SingleOpModel::AddIntermediate(DType dtype, const QuantParams& quant) {
  ir::Tensor t;
  t.dtype = dtype;
  t.quant = quant;
  const int index = AddTensor(std::move(t));
  op_.intermediates.push_back(index);
  return index;
}

void SingleOpModel::SetOp(ir::OpType type, ir::OpOptions options, int version) {
  op_.type = type;
  op_.options = std::move(options);
  op_.version = version;
}

void SingleOpModel::SetCustomOp(std::string name, std::vector<uint8_t> custom_options) {
  op_.type = ir::OpType::kCustom;
  op_.custom_code = std::move(name);
  op_.custom_options = std::move(custom_options);
}

Status SingleOpModel::Build(const InterpreterOptions& options) {
  if (!op_added_) {
    graph_->subgraphs[0].ops.push_back(op_);
    op_added_ = true;
  }
  interpreter_.reset();
  LF_ASSIGN_OR_RETURN(interpreter_, Interpreter::FromGraph(graph_, options));
  return Status::Ok();
}

Status SingleOpModel::ResizeInput(int input_ordinal, const Shape& shape) {
  LF_RETURN_IF_ERROR(interpreter_->ResizeInput(input_ordinal, shape));
  return interpreter_->AllocateTensors();
}

void SingleOpModel::SetInputBytes(int tensor, std::span<const uint8_t> bytes) {
  const auto& inputs = graph_->subgraphs[0].inputs;
  const auto it = std::find(inputs.begin(), inputs.end(), tensor);
  if (it == inputs.end()) return;
  TensorView& v = interpreter_->input(static_cast<int>(it - inputs.begin()));
  // Empty tensors may have no storage at all; memcpy forbids null even for 0.
  const size_t n = std::min(bytes.size(), v.bytes);
  if (n == 0) return;
  std::memcpy(v.data, bytes.data(), n);
}

Status SingleOpModel::Invoke() { return interpreter_->Invoke(); }

}  // namespace liteforge::testing
