// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The facade's entry points that the Python module leans on: delegates
// created ahead of time and shared, contexts for a signature's subgraph,
// and the shape an input will have after a pending resize.

#include "liteforge/api/interpreter.h"

#include <gtest/gtest.h>

#include <cstring>

namespace liteforge {
namespace {

int AddTensor(ir::Subgraph& sg, DType dtype, Shape shape) {
  ir::Tensor t;
  t.dtype = dtype;
  t.shape = std::move(shape);
  t.name = "t" + std::to_string(sg.tensors.size());
  sg.tensors.push_back(std::move(t));
  return static_cast<int>(sg.tensors.size()) - 1;
}

// Subgraph 0: out = x + y; subgraph 1: out = x * y. Both [4] float32.
void AddBinarySubgraph(ir::Graph& g, ir::OpType type) {
  auto& sg = g.subgraphs.emplace_back();
  const int x = AddTensor(sg, DType::kFloat32, {4});
  const int y = AddTensor(sg, DType::kFloat32, {4});
  const int out = AddTensor(sg, DType::kFloat32, {4});
  sg.inputs = {x, y};
  sg.outputs = {out};
  ir::Op op;
  op.type = type;
  op.inputs = {x, y};
  op.outputs = {out};
  op.options = ir::FusedActivationOptions{};
  sg.ops.push_back(std::move(op));
}

std::shared_ptr<ir::Graph> TwoSubgraphs() {
  auto g = std::make_shared<ir::Graph>();
  AddBinarySubgraph(*g, ir::OpType::kAdd);
  AddBinarySubgraph(*g, ir::OpType::kMul);
  return g;
}

TEST(InterpreterTest, SubgraphContextRunsAnotherSubgraph) {
  auto interp = Interpreter::FromGraph(TwoSubgraphs());
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  auto ctx = (*interp)->CreateSubgraphContext(1);
  ASSERT_TRUE(ctx.ok()) << ctx.status().ToString();
  const float x[4] = {1, 2, 3, 4}, y[4] = {5, 6, 7, 8};
  std::memcpy((*ctx)->input(0).data, x, 16);
  std::memcpy((*ctx)->input(1).data, y, 16);
  ASSERT_TRUE((*ctx)->Invoke().ok());
  for (int i = 0; i < 4; ++i) EXPECT_EQ((*ctx)->output(0).data_as<float>()[i], x[i] * y[i]);

  const Shape bigger[] = {Shape({2, 4}), Shape({2, 4})};
  auto resized = (*interp)->CreateSubgraphContext(1, bigger);
  ASSERT_TRUE(resized.ok()) << resized.status().ToString();
  EXPECT_EQ((*resized)->output(0).shape, Shape({2, 4}));

  auto missing = (*interp)->CreateSubgraphContext(2);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("subgraph 2 does not exist"), std::string::npos);
}

TEST(InterpreterTest, RequestedInputShapeIsVisibleBeforeAllocation) {
  auto interp = Interpreter::FromGraph(TwoSubgraphs());
  ASSERT_TRUE(interp.ok());
  EXPECT_FALSE((*interp)->needs_allocation());
  ASSERT_TRUE((*interp)->ResizeInput(0, Shape({3, 4})).ok());
  ASSERT_TRUE((*interp)->ResizeInput(1, Shape({3, 4})).ok());
  EXPECT_TRUE((*interp)->needs_allocation());
  EXPECT_EQ((*interp)->requested_input_shape(0), Shape({3, 4}));
  EXPECT_EQ((*interp)->input(0).shape, Shape({4}));  // the old plan until allocation
  ASSERT_TRUE((*interp)->AllocateTensors().ok());
  EXPECT_FALSE((*interp)->needs_allocation());
  EXPECT_EQ((*interp)->input(0).shape, Shape({3, 4}));
}

TEST(InterpreterTest, LoadedDelegateIsSharedByInterpreters) {
  auto delegate = CreateDelegate(LITEFORGE_SAMPLE_DELEGATE);
  ASSERT_TRUE(delegate.ok()) << delegate.status().ToString();
  InterpreterOptions options;
  options.loaded_delegates = {*delegate};
  for (int round = 0; round < 2; ++round) {
    auto interp = Interpreter::FromGraph(TwoSubgraphs(), options);
    ASSERT_TRUE(interp.ok()) << interp.status().ToString();
    EXPECT_NE((*interp)->plan().steps()[0].description.find("delegate 'sample-elementwise'"),
              std::string::npos);
    const float x[4] = {1, 2, 3, 4}, y[4] = {10, 20, 30, 40};
    std::memcpy((*interp)->input(0).data, x, 16);
    std::memcpy((*interp)->input(1).data, y, 16);
    ASSERT_TRUE((*interp)->Invoke().ok());
    for (int i = 0; i < 4; ++i) EXPECT_EQ((*interp)->output(0).data_as<float>()[i], x[i] + y[i]);
  }
  auto bad = CreateDelegate("/nonexistent/delegate.so");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("/nonexistent/delegate.so"), std::string::npos);
}

}  // namespace
}  // namespace liteforge
