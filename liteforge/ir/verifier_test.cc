// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ir/verifier.h"

#include <gtest/gtest.h>

#include "liteforge/ir/dump.h"

namespace liteforge::ir {
namespace {

// input(0) -> RELU -> t1 -> RELU -> t2 (output)
Graph Chain() {
  Graph g;
  g.subgraphs.emplace_back();
  auto& sg = g.subgraphs[0];
  for (int i = 0; i < 3; ++i) {
    Tensor t;
    t.name = "t" + std::to_string(i);
    t.shape = Shape({1, 4});
    sg.tensors.push_back(t);
  }
  sg.inputs = {0};
  sg.outputs = {2};
  Op a;
  a.type = OpType::kRelu;
  a.inputs = {0};
  a.outputs = {1};
  Op b = a;
  b.inputs = {1};
  b.outputs = {2};
  sg.ops = {a, b};
  return g;
}

std::string ErrorOf(const Graph& g) {
  const Status s = VerifyGraph(g);
  return s.ok() ? "" : s.message();
}

TEST(VerifierTest, AcceptsAValidGraph) { EXPECT_EQ(ErrorOf(Chain()), ""); }

TEST(VerifierTest, RejectsOutOfRangeIndices) {
  Graph g = Chain();
  g.subgraphs[0].ops[1].inputs = {7};
  EXPECT_NE(ErrorOf(g).find("subgraph 0, op 1 't2' (RELU): input 0 refers to tensor 7"), std::string::npos) << ErrorOf(g);
}

TEST(VerifierTest, RejectsUseBeforeDefinition) {
  Graph g = Chain();
  std::swap(g.subgraphs[0].ops[0], g.subgraphs[0].ops[1]);
  EXPECT_NE(ErrorOf(g).find("is read before any op writes it"), std::string::npos) << ErrorOf(g);
}

TEST(VerifierTest, RejectsTwoWriters) {
  Graph g = Chain();
  g.subgraphs[0].ops[1].outputs = {1};
  g.subgraphs[0].ops[1].inputs = {0};
  EXPECT_NE(ErrorOf(g).find("already written by op 0"), std::string::npos) << ErrorOf(g);
}

TEST(VerifierTest, RejectsConstantSizeMismatch) {
  Graph g = Chain();
  Tensor c;
  c.name = "w";
  c.shape = Shape({2, 2});
  c.data = ConstData::Copy(std::vector<uint8_t>(12, 0));  // needs 16 bytes
  g.subgraphs[0].tensors.push_back(c);
  EXPECT_NE(ErrorOf(g).find("tensor 3 'w': constant data has 12 bytes, but shape [2, 2] of float32 needs 16"),
            std::string::npos) << ErrorOf(g);
}

TEST(VerifierTest, RejectsBadQuantization) {
  Graph g = Chain();
  g.subgraphs[0].tensors[1].quant.scale = {0.f};
  g.subgraphs[0].tensors[1].quant.zero_point = {0};
  EXPECT_NE(ErrorOf(g).find("not a positive finite number"), std::string::npos);
  g.subgraphs[0].tensors[1].quant.scale = {1.f, 2.f, 3.f};
  g.subgraphs[0].tensors[1].quant.zero_point = {0, 0, 0};
  g.subgraphs[0].tensors[1].quant.quantized_dimension = 1;
  EXPECT_NE(ErrorOf(g).find("3 per-channel scales for dimension 1 of size 4"), std::string::npos) << ErrorOf(g);
}

TEST(VerifierTest, RejectsOverflowingShapes) {
  Graph g = Chain();
  g.subgraphs[0].tensors[1].shape = Shape({1 << 30, 1 << 30, 1 << 30});
  EXPECT_NE(ErrorOf(g).find("overflows"), std::string::npos) << ErrorOf(g);
  g.subgraphs[0].tensors[1].shape = Shape({-1, 4});
  EXPECT_NE(ErrorOf(g).find("is negative"), std::string::npos) << ErrorOf(g);
}

TEST(VerifierTest, RejectsMissingControlFlowSubgraph) {
  Graph g = Chain();
  g.subgraphs[0].ops[0].type = OpType::kWhile;
  g.subgraphs[0].ops[0].options = WhileOptions{1, 2};
  EXPECT_NE(ErrorOf(g).find("condition subgraph 1 does not exist"), std::string::npos) << ErrorOf(g);
}

TEST(DumpTest, IsDeterministicAndSeesEveryChange) {
  const Graph a = Chain();
  EXPECT_EQ(DumpGraph(a), DumpGraph(Chain()));
  Graph b = Chain();
  b.subgraphs[0].ops[0].options = FusedActivationOptions{Activation::kRelu6, true};
  EXPECT_NE(DumpGraph(a), DumpGraph(b));
  Graph c = Chain();
  c.subgraphs[0].tensors[0].quant.scale = {0.5f};
  EXPECT_NE(DumpGraph(a), DumpGraph(c));
  Graph d = Chain();
  d.subgraphs[0].tensors[0].name = "renamed";
  EXPECT_NE(DumpGraph(a), DumpGraph(d));
  EXPECT_NE(DumpGraph(a).find("op 1 RELU v1 in=[1] out=[2]"), std::string::npos) << DumpGraph(a);
}

}  // namespace
}  // namespace liteforge::ir
