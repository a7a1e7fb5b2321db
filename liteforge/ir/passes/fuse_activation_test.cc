// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// FuseActivation on small hand-built graphs: what fuses and what must not.
// (Fused and unfused graphs computing the same values is checked through
// the runtime in api/fusion_test.cc.)

#include "liteforge/ir/passes/fuse_activation.h"

#include <gtest/gtest.h>

namespace liteforge::ir {
namespace {

int AddTensor(Subgraph& sg, DType dtype, Shape shape, QuantParams quant = {}) {
  Tensor t;
  t.name = "t" + std::to_string(sg.tensors.size());
  t.dtype = dtype;
  t.shape = std::move(shape);
  t.has_rank = true;
  t.quant = std::move(quant);
  sg.tensors.push_back(std::move(t));
  return static_cast<int>(sg.tensors.size()) - 1;
}

QuantParams Q(float scale, int64_t zp) {
  QuantParams q;
  q.scale = {scale};
  q.zero_point = {zp};
  return q;
}

Op MakeOp(OpType type, std::vector<int32_t> in, std::vector<int32_t> out, OpOptions options) {
  Op op;
  op.type = type;
  op.inputs = std::move(in);
  op.outputs = std::move(out);
  op.options = std::move(options);
  return op;
}

// a, b -> ADD -> t -> `act` -> y (output), all of `dtype` with the given
// quantization of t and y.
Graph AddThenActivation(OpType act, DType dtype = DType::kFloat32, QuantParams qt = {},
                        QuantParams qy = {}) {
  Graph g;
  Subgraph& sg = g.subgraphs.emplace_back();
  const int a = AddTensor(sg, dtype, {1, 4}, qt);
  const int b = AddTensor(sg, dtype, {1, 4}, qt);
  const int t = AddTensor(sg, dtype, {1, 4}, qt);
  const int y = AddTensor(sg, dtype, {1, 4}, qy);
  sg.inputs = {a, b};
  sg.outputs = {y};
  sg.ops.push_back(MakeOp(OpType::kAdd, {a, b}, {t}, FusedActivationOptions{}));
  sg.ops.push_back(MakeOp(act, {t}, {y}, NoOptions{}));
  return g;
}

Activation AddActivation(const Graph& g) {
  return std::get<FusedActivationOptions>(g.subgraphs[0].ops[0].options).activation;
}

TEST(FuseActivationTest, FusesEachReluKindIntoAdd) {
  const std::pair<OpType, Activation> cases[] = {{OpType::kRelu, Activation::kRelu},
                                                 {OpType::kRelu6, Activation::kRelu6},
                                                 {OpType::kReluN1To1, Activation::kReluN1To1}};
  for (const auto& [type, expected] : cases) {
    Graph g = AddThenActivation(type);
    auto fused = FuseActivation().Run(g);
    ASSERT_TRUE(fused.ok());
    EXPECT_EQ(*fused, 1);
    ASSERT_EQ(g.subgraphs[0].ops.size(), 1u);
    EXPECT_EQ(AddActivation(g), expected);
    EXPECT_EQ(g.subgraphs[0].ops[0].outputs, std::vector<int32_t>{3});
  }
}

TEST(FuseActivationTest, FusesInt8WhenQuantizationIsTheSame) {
  Graph g = AddThenActivation(OpType::kRelu, DType::kInt8, Q(0.5f, -3), Q(0.5f, -3));
  EXPECT_EQ(*FuseActivation().Run(g), 1);
  EXPECT_EQ(AddActivation(g), Activation::kRelu);
}

TEST(FuseActivationTest, KeepsInt8WhenTheActivationRequantizes) {
  Graph scale = AddThenActivation(OpType::kRelu, DType::kInt8, Q(0.5f, -3), Q(0.25f, -3));
  EXPECT_EQ(*FuseActivation().Run(scale), 0);
  EXPECT_EQ(scale.subgraphs[0].ops.size(), 2u);
  Graph zp = AddThenActivation(OpType::kRelu6, DType::kUInt8, Q(0.5f, 128), Q(0.5f, 0));
  EXPECT_EQ(*FuseActivation().Run(zp), 0);
  Graph int16 = AddThenActivation(OpType::kRelu, DType::kInt16, Q(0.5f, 0), Q(0.5f, 0));
  EXPECT_EQ(*FuseActivation().Run(int16), 0);
}

TEST(FuseActivationTest, KeepsAnIntermediateSomethingElseObserves) {
  // t is also a graph output.
  Graph out = AddThenActivation(OpType::kRelu);
  out.subgraphs[0].outputs.push_back(2);
  EXPECT_EQ(*FuseActivation().Run(out), 0);
  EXPECT_EQ(out.subgraphs[0].ops.size(), 2u);
  // t has a second reader.
  Graph two = AddThenActivation(OpType::kRelu);
  Subgraph& sg = two.subgraphs[0];
  const int z = AddTensor(sg, DType::kFloat32, {1, 4});
  sg.ops.push_back(MakeOp(OpType::kRelu6, {2}, {z}, NoOptions{}));
  sg.outputs.push_back(z);
  EXPECT_EQ(*FuseActivation().Run(two), 0);
  EXPECT_EQ(sg.ops.size(), 3u);
}

TEST(FuseActivationTest, KeepsAProducerThatAlreadyClamps) {
  Graph g = AddThenActivation(OpType::kRelu6);
  std::get<FusedActivationOptions>(g.subgraphs[0].ops[0].options).activation = Activation::kRelu;
  EXPECT_EQ(*FuseActivation().Run(g), 0);
  EXPECT_EQ(g.subgraphs[0].ops.size(), 2u);
  EXPECT_EQ(AddActivation(g), Activation::kRelu);
}

TEST(FuseActivationTest, KeepsProducersWithoutAFusedActivation) {
  Graph g = AddThenActivation(OpType::kRelu);
  Op& producer = g.subgraphs[0].ops[0];
  producer.type = OpType::kMaximum;  // no fused activation field
  producer.options = NoOptions{};
  EXPECT_EQ(*FuseActivation().Run(g), 0);
  // An ADD whose options were not modelled (no options table) stays too.
  Graph opaque = AddThenActivation(OpType::kRelu);
  opaque.subgraphs[0].ops[0].options = NoOptions{};
  EXPECT_EQ(*FuseActivation().Run(opaque), 0);
}

TEST(FuseActivationTest, ChainsFuseOnlyTheFirstActivation) {
  // ADD -> RELU -> RELU6: the RELU fuses; the RELU6 then follows a producer
  // that already clamps and stays.
  Graph g = AddThenActivation(OpType::kRelu);
  Subgraph& sg = g.subgraphs[0];
  const int z = AddTensor(sg, DType::kFloat32, {1, 4});
  sg.ops.push_back(MakeOp(OpType::kRelu6, {3}, {z}, NoOptions{}));
  sg.outputs = {z};
  EXPECT_EQ(*FuseActivation().Run(g), 1);
  ASSERT_EQ(sg.ops.size(), 2u);
  EXPECT_EQ(sg.ops[0].outputs, std::vector<int32_t>{3});
  EXPECT_EQ(sg.ops[1].type, OpType::kRelu6);
}

TEST(FuseActivationTest, PassManagerVerifiesAndReports) {
  Graph g = AddThenActivation(OpType::kRelu);
  auto reports = FusionPasses().Run(g);
  ASSERT_TRUE(reports.ok()) << reports.status().ToString();
  ASSERT_EQ(reports->size(), 2u);
  EXPECT_EQ((*reports)[1].name, "fuse-activation");
  EXPECT_EQ((*reports)[1].rewrites, 1);
}

TEST(FuseActivationTest, PassManagerLeavesAnInvalidGraphForPrepareToReport) {
  // y is per-channel quantized on a dimension its (not yet inferred) shape
  // lacks: the passes must not touch it, and must not fail in its place.
  QuantParams per_channel;
  per_channel.scale = {0.1f, 0.2f};
  per_channel.zero_point = {0, 0};
  per_channel.quantized_dimension = 1;
  Graph g = AddThenActivation(OpType::kRelu, DType::kFloat32, {}, per_channel);
  g.subgraphs[0].tensors[3].shape = Shape{};
  auto reports = FusionPasses().Run(g);
  ASSERT_TRUE(reports.ok()) << reports.status().ToString();
  ASSERT_EQ(reports->size(), 2u);
  EXPECT_EQ((*reports)[1].rewrites, 0);
  EXPECT_EQ(g.subgraphs[0].ops.size(), 2u);
}

}  // namespace
}  // namespace liteforge::ir
