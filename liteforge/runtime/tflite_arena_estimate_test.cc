// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The model of TensorFlow Lite's arena on a graph small enough to lay out
// by hand: a conv's im2col temporary, an in-place ADD, whole-run inputs
// first, best-fit placement.

#include "liteforge/runtime/tflite_arena_estimate.h"

#include <gtest/gtest.h>

#include <vector>

#include "liteforge/api/interpreter.h"

namespace liteforge::runtime {
namespace {

int AddTensor(ir::Subgraph& sg, DType dtype, Shape shape) {
  ir::Tensor t;
  t.dtype = dtype;
  t.shape = std::move(shape);
  t.name = "t" + std::to_string(sg.tensors.size());
  sg.tensors.push_back(std::move(t));
  return static_cast<int>(sg.tensors.size()) - 1;
}

int AddConstant(ir::Subgraph& sg, Shape shape) {
  const int t = AddTensor(sg, DType::kFloat32, shape);
  std::vector<float> values(static_cast<size_t>(shape.NumElements()), 0.01f);
  sg.tensors[t].data = ir::ConstData::Copy(
      {reinterpret_cast<const uint8_t*>(values.data()), values.size() * sizeof(float)});
  return t;
}

// TensorFlow Lite runs the file's ops as they are: plan them unfused.
InterpreterOptions Unfused() {
  InterpreterOptions options;
  options.fuse_ops = false;
  return options;
}

ir::Op MakeOp(ir::OpType type, std::vector<int32_t> in, std::vector<int32_t> out,
              ir::OpOptions options = ir::NoOptions{}) {
  ir::Op op;
  op.type = type;
  op.inputs = std::move(in);
  op.outputs = std::move(out);
  op.options = std::move(options);
  return op;
}

// x [1,4,4,8] -> CONV_2D 3x3 -> c -> RELU -> d -> ADD(d, x) -> e -> RELU -> y.
// Every activation is 512 bytes; the conv's im2col is 16 pixels x 72 floats.
std::shared_ptr<ir::Graph> ConvAddGraph() {
  auto g = std::make_shared<ir::Graph>();
  auto& sg = g->subgraphs.emplace_back();
  const int x = AddTensor(sg, DType::kFloat32, {1, 4, 4, 8});
  const int filter = AddConstant(sg, {8, 3, 3, 8});
  const int bias = AddConstant(sg, {8});
  const int c = AddTensor(sg, DType::kFloat32, {1, 4, 4, 8});
  const int d = AddTensor(sg, DType::kFloat32, {1, 4, 4, 8});
  const int e = AddTensor(sg, DType::kFloat32, {1, 4, 4, 8});
  const int y = AddTensor(sg, DType::kFloat32, {1, 4, 4, 8});
  sg.inputs = {x};
  sg.outputs = {y};
  ir::Conv2DOptions conv;
  conv.padding = ir::Padding::kSame;
  conv.stride_w = conv.stride_h = 1;
  sg.ops.push_back(MakeOp(ir::OpType::kConv2D, {x, filter, bias}, {c}, conv));
  sg.ops.push_back(MakeOp(ir::OpType::kRelu, {c}, {d}));
  sg.ops.push_back(MakeOp(ir::OpType::kAdd, {d, x}, {e}, ir::FusedActivationOptions{}));
  sg.ops.push_back(MakeOp(ir::OpType::kRelu, {e}, {y}));
  return g;
}

TEST(TfliteArenaEstimateTest, LaysOutAHandCheckedGraph) {
  auto interp = Interpreter::FromGraph(ConvAddGraph(), Unfused());
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  const TfliteArenaEstimate estimate = EstimateTfliteArena((*interp)->plan());
  // ADD writes over d (its only reader; x is a graph input and is never
  // shared), so e has no bytes of its own.
  EXPECT_EQ(estimate.shared_tensors, 1);
  EXPECT_EQ(estimate.temporary_bytes, 16u * 72 * 4);
  EXPECT_EQ(estimate.arena_tensors, 5);  // x, c, d, y, im2col
  // x (whole run) at 0; im2col (largest) at 512; c at 5120 (live with
  // both); d in the 4608-byte gap at 512 left once im2col is dead; y at
  // 1024, above x and d. High-water mark: c's end.
  EXPECT_EQ(estimate.arena_bytes, 5120u + 512);
  // liteforge's own plan of the same graph is smaller: no im2col buffer.
  EXPECT_LE((*interp)->arena_bytes(), estimate.arena_bytes);
}

TEST(TfliteArenaEstimateTest, OneByOneConvHasNoTemporary) {
  auto g = ConvAddGraph();
  auto& sg = g->subgraphs[0];
  sg.tensors[1].shape = Shape({8, 1, 1, 8});
  std::vector<float> values(64, 0.01f);
  sg.tensors[1].data = ir::ConstData::Copy({reinterpret_cast<const uint8_t*>(values.data()), 256});
  auto interp = Interpreter::FromGraph(g, Unfused());
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  const TfliteArenaEstimate estimate = EstimateTfliteArena((*interp)->plan());
  EXPECT_EQ(estimate.temporary_bytes, 0u);
  EXPECT_EQ(estimate.arena_tensors, 4);
  // x, c and d live together at step 1: three 512-byte buffers.
  EXPECT_EQ(estimate.arena_bytes, 3u * 512);
}

}  // namespace
}  // namespace liteforge::runtime
