// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Test harness: builds a one-op ir::Graph and runs it through the real
// runtime (plan, arena, kernel selection), so op tests exercise exactly the
// path models take. Test-only (linked into *_test binaries).
//
//   SingleOpModel m;
//   int a = m.AddInput(DType::kFloat32, {1, 4});
//   int b = m.AddConstInput<float>({4}, {1, 2, 3, 4});
//   int y = m.AddOutput(DType::kFloat32);
//   m.SetOp(ir::OpType::kAdd, ir::FusedActivationOptions{});
//   ASSERT_TRUE(m.Build().ok());
//   m.SetInput<float>(a, {...});
//   ASSERT_TRUE(m.Invoke().ok());
//   EXPECT_EQ(m.Output<float>(0), ...);

#pragma once

#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "liteforge/api/interpreter.h"
#include "liteforge/ir/graph.h"

namespace liteforge::testing {

inline QuantParams PerTensor(float scale, int64_t zero_point) {
  QuantParams q;
  q.scale = {scale};
  q.zero_point = {zero_point};
  return q;
}

inline QuantParams PerChannel(std::vector<float> scales, int32_t dim,
                              std::vector<int64_t> zero_points = {}) {
  QuantParams q;
  q.scale = std::move(scales);
  q.zero_point = zero_points.empty() ? std::vector<int64_t>(q.scale.size(), 0) : std::move(zero_points);
  q.quantized_dimension = dim;
  return q;
}

// Quantizes with TFLite's rule: round half away from zero, then clamp.
template <typename T>
std::vector<T> Quantize(const std::vector<float>& values, float scale, int32_t zero_point) {
  std::vector<T> out;
  out.reserve(values.size());
  for (float v : values) {
    const float q = std::round(v / scale) + static_cast<float>(zero_point);
    const float lo = static_cast<float>(std::numeric_limits<T>::min());
    const float hi = static_cast<float>(std::numeric_limits<T>::max());
    out.push_back(static_cast<T>(std::min(hi, std::max(lo, q))));
  }
  return out;
}

template <typename T>
std::vector<float> Dequantize(const std::vector<T>& values, float scale, int32_t zero_point) {
  std::vector<float> out;
  out.reserve(values.size());
  for (T v : values) out.push_back(scale * (static_cast<float>(v) - static_cast<float>(zero_point)));
  return out;
}

class SingleOpModel {
 public:
  SingleOpModel();

  // A graph input; its shape may be changed later with ResizeInput.
  int AddInput(DType dtype, const Shape& shape, const QuantParams& quant = {});
  // A constant input holding `values`.
  template <typename T>
  int AddConstInput(const Shape& shape, const std::vector<T>& values, const QuantParams& quant = {}) {
    return AddConstBytes(DTypeOf<T>::value, shape,
                         {reinterpret_cast<const uint8_t*>(values.data()), values.size() * sizeof(T)},
                         quant);
  }
  int AddConstBytes(DType dtype, const Shape& shape, std::span<const uint8_t> bytes,
                    const QuantParams& quant = {});
  // Marks an omitted optional input (-1) in the op's input list.
  void AddOmittedInput();
  // A variable (state) input, zero-initialised.
  int AddVariableInput(DType dtype, const Shape& shape, const QuantParams& quant = {});
  // An output; its declared shape only matters to ops that read it.
  int AddOutput(DType dtype, const Shape& declared_shape = {}, const QuantParams& quant = {});
  // A tensor listed in the op's intermediates (for quantization info).
  int AddIntermediate(DType dtype, const QuantParams& quant);

  void SetOp(ir::OpType type, ir::OpOptions options = ir::NoOptions{}, int version = 1);
  void SetCustomOp(std::string name, std::vector<uint8_t> custom_options = {});

  // Finishes the graph and prepares it (errors from Prepare surface here).
  Status Build(const InterpreterOptions& options = {});
  // The same graph with another interpreter, e.g. forcing --isa=reference.
  Status Rebuild(const InterpreterOptions& options) { return Build(options); }

  Status ResizeInput(int input_ordinal, const Shape& shape);

  template <typename T>
  void SetInput(int tensor, const std::vector<T>& values) {
    SetInputBytes(tensor, {reinterpret_cast<const uint8_t*>(values.data()), values.size() * sizeof(T)});
  }
  void SetInputBytes(int tensor, std::span<const uint8_t> bytes);

  Status Invoke();

  template <typename T>
  std::vector<T> Output(int ordinal) const {
    const TensorView& v = interpreter_->output(ordinal);
    std::vector<T> out(v.bytes / sizeof(T));
    if (!out.empty()) std::memcpy(out.data(), v.data, out.size() * sizeof(T));
    return out;
  }
  Shape OutputShape(int ordinal) const { return interpreter_->output(ordinal).shape; }
  const TensorView& OutputView(int ordinal) const { return interpreter_->output(ordinal); }

  const ir::Graph& graph() const { return *graph_; }
  Interpreter& interpreter() { return *interpreter_; }

 private:
  int AddTensor(ir::Tensor tensor);

  std::shared_ptr<ir::Graph> graph_;
  ir::Op op_;
  bool op_added_ = false;
  std::unique_ptr<Interpreter> interpreter_;
};

}  // namespace liteforge::testing
