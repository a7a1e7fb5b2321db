// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Runtime behaviour over small hand-built graphs: constant folding, input
// resizing, planners, observers, profiling, variables, and delegates loaded
// from a real shared library (examples/delegates).

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

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

ir::Op MakeOp(ir::OpType type, std::vector<int32_t> in, std::vector<int32_t> out,
              ir::OpOptions options = ir::NoOptions{}) {
  ir::Op op;
  op.type = type;
  op.inputs = std::move(in);
  op.outputs = std::move(out);
  op.options = std::move(options);
  return op;
}

// x [2,3] -> RESHAPE(new_shape [-1]) -> y [6]; and constant c [2,2] ->
// RESHAPE([4]) -> z [4] (all-constant: folded while planning).
std::shared_ptr<ir::Graph> ReshapeGraph() {
  auto g = std::make_shared<ir::Graph>();
  auto& sg = g->subgraphs.emplace_back();
  const int x = AddTensor(sg, DType::kFloat32, {2, 3});
  const int y = AddTensor(sg, DType::kFloat32, {6});
  const int c = AddTensor(sg, DType::kInt32, {2, 2});
  const std::vector<int32_t> values = {1, 2, 3, 4};
  sg.tensors[c].data = ir::ConstData::Copy({reinterpret_cast<const uint8_t*>(values.data()), 16});
  const int z = AddTensor(sg, DType::kInt32, {4});
  sg.inputs = {x};
  sg.outputs = {y, z};
  sg.ops.push_back(MakeOp(ir::OpType::kReshape, {x}, {y}, ir::ReshapeOptions{std::vector<int32_t>{-1}}));
  sg.ops.push_back(MakeOp(ir::OpType::kReshape, {c}, {z}, ir::ReshapeOptions{std::vector<int32_t>{4}}));
  return g;
}

TEST(ExecutionTest, AllConstantOpsAreFoldedWhilePlanning) {
  auto interp = Interpreter::FromGraph(ReshapeGraph());
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  const auto steps = (*interp)->plan().steps();
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_FALSE(steps[0].folded);
  EXPECT_TRUE(steps[1].folded);
  ASSERT_TRUE((*interp)->Invoke().ok());
  const TensorView& z = (*interp)->output(1);
  EXPECT_EQ(z.shape, Shape({4}));
  EXPECT_EQ(z.data_as<int32_t>()[3], 4);

  InterpreterOptions no_fold;
  no_fold.fold_constants = false;
  auto unfolded = Interpreter::FromGraph(ReshapeGraph(), no_fold);
  ASSERT_TRUE(unfolded.ok());
  EXPECT_FALSE((*unfolded)->plan().steps()[1].folded);
  ASSERT_TRUE((*unfolded)->Invoke().ok());
  EXPECT_EQ((*unfolded)->output(1).data_as<int32_t>()[3], 4);
}

TEST(ExecutionTest, ResizingAnInputReplansShapes) {
  auto interp = Interpreter::FromGraph(ReshapeGraph());
  ASSERT_TRUE(interp.ok());
  ASSERT_TRUE((*interp)->ResizeInput(0, Shape({4, 3})).ok());
  ASSERT_TRUE((*interp)->AllocateTensors().ok());
  EXPECT_EQ((*interp)->input(0).bytes, 48u);
  for (int i = 0; i < 12; ++i) (*interp)->input(0).data_as<float>()[i] = static_cast<float>(i);
  ASSERT_TRUE((*interp)->Invoke().ok());
  EXPECT_EQ((*interp)->output(0).shape, Shape({12}));
  EXPECT_EQ((*interp)->output(0).data_as<float>()[11], 11.f);
  EXPECT_FALSE((*interp)->ResizeInput(3, Shape({1})).ok());
  EXPECT_FALSE((*interp)->ResizeInput(0, Shape({-1, 3})).ok());
}

TEST(ExecutionTest, LinearPlannerNeverSharesMemory) {
  InterpreterOptions linear;
  linear.planner = PlannerKind::kLinear;
  auto a = Interpreter::FromGraph(ReshapeGraph(), linear);
  auto b = Interpreter::FromGraph(ReshapeGraph());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_GE((*a)->arena_bytes(), (*b)->arena_bytes());
  EXPECT_NE((*a)->input(0).data, (*a)->output(0).data);
}

// x -> RELU -> a -> RESHAPE -> b -> RELU -> y: the reshape's output is
// placed over its input (nothing is copied), except with the linear
// planner, which shares nothing.
std::shared_ptr<ir::Graph> ReluReshapeReluGraph() {
  auto g = std::make_shared<ir::Graph>();
  auto& sg = g->subgraphs.emplace_back();
  const int x = AddTensor(sg, DType::kFloat32, {2, 3});
  const int a = AddTensor(sg, DType::kFloat32, {2, 3});
  const int b = AddTensor(sg, DType::kFloat32, {6});
  const int y = AddTensor(sg, DType::kFloat32, {6});
  sg.inputs = {x};
  sg.outputs = {y};
  sg.ops.push_back(MakeOp(ir::OpType::kRelu, {x}, {a}));
  sg.ops.push_back(MakeOp(ir::OpType::kReshape, {a}, {b}, ir::ReshapeOptions{std::vector<int32_t>{6}}));
  sg.ops.push_back(MakeOp(ir::OpType::kRelu, {b}, {y}));
  return g;
}

TEST(ExecutionTest, ReshapeOutputSharesItsInputsBytes) {
  for (PlannerKind planner : {PlannerKind::kGreedy, PlannerKind::kLinear}) {
    InterpreterOptions options;
    options.planner = planner;
    auto interp = Interpreter::FromGraph(ReluReshapeReluGraph(), options);
    ASSERT_TRUE(interp.ok()) << interp.status().ToString();
    const bool shared = (*interp)->tensor(1).data == (*interp)->tensor(2).data;
    EXPECT_EQ(shared, planner == PlannerKind::kGreedy);
    const float x[6] = {-1, 2, -3, 4, -5, 6};
    std::memcpy((*interp)->input(0).data, x, sizeof(x));
    ASSERT_TRUE((*interp)->Invoke().ok());
    for (int i = 0; i < 6; ++i) EXPECT_EQ((*interp)->output(0).data_as<float>()[i], std::max(x[i], 0.f));
  }
  // Input, a (= b) and y: three 24-byte buffers at 64-byte offsets at most.
  auto greedy = Interpreter::FromGraph(ReluReshapeReluGraph());
  ASSERT_TRUE(greedy.ok());
  EXPECT_LE((*greedy)->arena_bytes(), 2 * 64 + 24u);
}

class CountingObserver final : public TensorObserver {
 public:
  void OnOpOutputs(int, int op_index, const ir::Op&, std::span<const TensorView* const> outputs) override {
    ++calls;
    last_op = op_index;
    last_outputs = outputs.size();
  }
  int calls = 0;
  int last_op = -1;
  size_t last_outputs = 0;
};

TEST(ExecutionTest, ObserverSeesEveryOpThatRuns) {
  auto interp = Interpreter::FromGraph(ReshapeGraph());
  ASSERT_TRUE(interp.ok());
  CountingObserver observer;
  (*interp)->SetObserver(&observer);
  (*interp)->SetProfiling(true);
  ASSERT_TRUE((*interp)->Invoke().ok());
  ASSERT_TRUE((*interp)->Invoke().ok());
  EXPECT_EQ(observer.calls, 2);  // the folded op does not run
  EXPECT_EQ(observer.last_op, 0);
  EXPECT_EQ(observer.last_outputs, 1u);
  const auto& timings = (*interp)->context().timings();
  ASSERT_EQ(timings.size(), 2u);
  EXPECT_EQ(timings[0].runs, 2);
  EXPECT_EQ(timings[0].op_name, "RESHAPE");
  EXPECT_EQ(timings[1].runs, 0);
}

TEST(ExecutionTest, VariablesPersistAcrossInvokesAndReset) {
  // A variable read by RESHAPE: its initial value comes from the model.
  auto g = std::make_shared<ir::Graph>();
  auto& sg = g->subgraphs.emplace_back();
  const int v = AddTensor(sg, DType::kFloat32, {2});
  sg.tensors[v].is_variable = true;
  const std::vector<float> init = {5.f, 6.f};
  sg.tensors[v].data = ir::ConstData::Copy({reinterpret_cast<const uint8_t*>(init.data()), 8});
  const int out = AddTensor(sg, DType::kFloat32, {2});
  sg.outputs = {out};
  sg.ops.push_back(MakeOp(ir::OpType::kReshape, {v}, {out}, ir::ReshapeOptions{std::vector<int32_t>{2}}));
  auto interp = Interpreter::FromGraph(g);
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  EXPECT_FALSE((*interp)->plan().steps()[0].folded);  // variables are never folded
  ASSERT_TRUE((*interp)->Invoke().ok());
  EXPECT_EQ((*interp)->output(0).data_as<float>()[1], 6.f);
  TensorView& var = (*interp)->context().view(v);
  var.data_as<float>()[1] = 9.f;
  ASSERT_TRUE((*interp)->Invoke().ok());
  EXPECT_EQ((*interp)->output(0).data_as<float>()[1], 9.f);
  (*interp)->context().ResetVariables();
  ASSERT_TRUE((*interp)->Invoke().ok());
  EXPECT_EQ((*interp)->output(0).data_as<float>()[1], 6.f);
}

TEST(ExecutionTest, SetInputChecksDTypeAndSize) {
  auto interp = Interpreter::FromGraph(ReshapeGraph());
  ASSERT_TRUE(interp.ok());
  std::vector<uint8_t> bytes(24);
  EXPECT_TRUE((*interp)->SetInput(0, DType::kFloat32, Shape({2, 3}), bytes).ok());
  const Status wrong_type = (*interp)->SetInput(0, DType::kInt32, Shape({2, 3}), bytes);
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_NE(wrong_type.message().find("is float32, but the data given is int32"), std::string::npos);
  const Status wrong_shape = (*interp)->SetInput(0, DType::kFloat32, Shape({3, 3}), std::vector<uint8_t>(36));
  ASSERT_FALSE(wrong_shape.ok());
  EXPECT_NE(wrong_shape.message().find("has shape [2, 3], but the data given has shape [3, 3]"), std::string::npos)
      << wrong_shape.message();
}

// x, y -> ADD -> a -> RESHAPE -> r -> MUL(r, y) -> out: with the sample
// delegate, ADD and MUL run in the delegate (two partitions around RESHAPE).
std::shared_ptr<ir::Graph> DelegateGraph() {
  auto g = std::make_shared<ir::Graph>();
  auto& sg = g->subgraphs.emplace_back();
  const int x = AddTensor(sg, DType::kFloat32, {4});
  const int y = AddTensor(sg, DType::kFloat32, {4});
  const int a = AddTensor(sg, DType::kFloat32, {4});
  const int r = AddTensor(sg, DType::kFloat32, {4});
  const int out = AddTensor(sg, DType::kFloat32, {4});
  sg.inputs = {x, y};
  sg.outputs = {out};
  sg.ops.push_back(MakeOp(ir::OpType::kAdd, {x, y}, {a}, ir::FusedActivationOptions{}));
  sg.ops.push_back(MakeOp(ir::OpType::kReshape, {a}, {r}, ir::ReshapeOptions{std::vector<int32_t>{4}}));
  sg.ops.push_back(MakeOp(ir::OpType::kMul, {r, y}, {out}, ir::FusedActivationOptions{}));
  return g;
}

TEST(DelegateTest, SharedLibraryDelegateRunsItsPartitions) {
  InterpreterOptions options;
  options.delegates = {LITEFORGE_SAMPLE_DELEGATE};
  auto interp = Interpreter::FromGraph(DelegateGraph(), options);
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  const auto steps = (*interp)->plan().steps();
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_NE(steps[0].description.find("delegate 'sample-elementwise'"), std::string::npos) << steps[0].description;
  EXPECT_EQ(steps[1].node->type, ir::OpType::kReshape);
  const float x[4] = {1, 2, 3, 4}, y[4] = {10, 20, 30, 40};
  std::memcpy((*interp)->input(0).data, x, 16);
  std::memcpy((*interp)->input(1).data, y, 16);
  ASSERT_TRUE((*interp)->Invoke().ok());
  const float* out = (*interp)->output(0).data_as<float>();
  for (int i = 0; i < 4; ++i) EXPECT_EQ(out[i], (x[i] + y[i]) * y[i]);
}

TEST(DelegateTest, OptionsReachTheLibrary) {
  InterpreterOptions options;
  options.delegates = {std::string(LITEFORGE_SAMPLE_DELEGATE) + "?bogus=1"};
  auto refused = Interpreter::FromGraph(DelegateGraph(), options);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("refused options 'bogus=1'"), std::string::npos)
      << refused.status().message();
}

TEST(DelegateTest, MissingLibraryIsAClearError) {
  InterpreterOptions options;
  options.delegates = {"/nonexistent/libdelegate.so"};
  auto interp = Interpreter::FromGraph(DelegateGraph(), options);
  ASSERT_FALSE(interp.ok());
  EXPECT_NE(interp.status().message().find("cannot load delegate '/nonexistent/libdelegate.so'"),
            std::string::npos) << interp.status().message();
}

}  // namespace
}  // namespace liteforge::runtime
