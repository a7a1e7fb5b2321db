// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The tensor-pairing rules of layer_matcher.h on hand-built graphs: exact
// names (with duplicates), conversion suffixes, fused-name prefixes, what
// is never a candidate, shape mismatches and the execution order.

#include "liteforge/quant/layer_matcher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace liteforge::quant {
namespace {

// A chain of ops in subgraph 0, each writing the tensors given.
class GraphBuilder {
 public:
  GraphBuilder() { graph_.subgraphs.resize(1); }
  int Tensor(const std::string& name, Shape shape = Shape({1, 4}), DType dtype = DType::kFloat32) {
    ir::Tensor t;
    t.name = name;
    t.shape = std::move(shape);
    t.dtype = dtype;
    sg().tensors.push_back(std::move(t));
    return static_cast<int>(sg().tensors.size()) - 1;
  }
  int Constant(const std::string& name) {
    const int t = Tensor(name);
    const uint8_t bytes[16] = {};
    sg().tensors[t].data = ir::ConstData::Copy(bytes);
    return t;
  }
  // An op writing `outputs` (inputs do not matter to the matcher).
  void Op(std::vector<int> outputs) {
    ir::Op op;
    op.type = ir::OpType::kRelu;
    op.outputs.assign(outputs.begin(), outputs.end());
    sg().ops.push_back(std::move(op));
  }
  const ir::Graph& graph() const { return graph_; }

 private:
  ir::Subgraph& sg() { return graph_.subgraphs[0]; }
  ir::Graph graph_;
};

std::vector<std::pair<std::string, std::string>> Names(const LayerMatching& m, const ir::Graph& r,
                                                       const ir::Graph& c) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const TensorMatch& t : m.matched) {
    out.emplace_back(r.subgraphs[0].tensors[t.reference].name,
                     c.subgraphs[0].tensors[t.candidate].name);
  }
  return out;
}

TEST(LayerMatcher, KeysOfTheRules) {
  EXPECT_EQ(StripConversionSuffix("serving_default_input_audio:0_int16"),
            "serving_default_input_audio:0");
  EXPECT_EQ(StripConversionSuffix("conv/Kernel_dequantize"), "conv/Kernel");
  EXPECT_EQ(StripConversionSuffix("x_uint8"), "x");
  EXPECT_EQ(StripConversionSuffix("plain"), "plain");
  EXPECT_EQ(StripConversionSuffix("_int8"), "_int8");  // nothing would be left
  EXPECT_EQ(FusedNamePrefix("bn/FusedBatchNormV3;conv/Conv2D;conv/bias"), "bn/FusedBatchNormV3");
  EXPECT_EQ(FusedNamePrefix("plain"), "plain");
  EXPECT_EQ(MatchRuleName(MatchRule::kSuffix), "suffix");
}

TEST(LayerMatcher, ExactSuffixAndFusedPrefix) {
  GraphBuilder ref, cand;
  // Reference: conv -> bn;conv -> relu -> logits.
  ref.Op({ref.Tensor("conv")});
  ref.Op({ref.Tensor("bn/FusedBatchNormV3;conv/Conv2D")});
  ref.Op({ref.Tensor("relu")});
  ref.Op({ref.Tensor("logits", Shape({1, 10}))});
  // Candidate: a QUANTIZE output "input_int8" (no reference twin), then the
  // same layers, one fused differently and one with a suffix.
  cand.Op({cand.Tensor("input_int8")});
  cand.Op({cand.Tensor("conv_int8")});
  cand.Op({cand.Tensor("bn/FusedBatchNormV3;conv/Conv2D;conv/bias")});
  cand.Op({cand.Tensor("relu")});
  cand.Op({cand.Tensor("logits", Shape({1, 10}))});
  const LayerMatching m = MatchLayers(ref.graph(), cand.graph());
  const auto names = Names(m, ref.graph(), cand.graph());
  ASSERT_EQ(names.size(), 4u);
  // In the reference's execution order, whatever rule paired them.
  EXPECT_EQ(names[0], std::make_pair(std::string("conv"), std::string("conv_int8")));
  EXPECT_EQ(names[1].second, "bn/FusedBatchNormV3;conv/Conv2D;conv/bias");
  EXPECT_EQ(names[2].first, "relu");
  EXPECT_EQ(names[3].first, "logits");
  EXPECT_EQ(m.matched[0].rule, MatchRule::kSuffix);
  EXPECT_EQ(m.matched[1].rule, MatchRule::kFusedPrefix);
  EXPECT_EQ(m.matched[2].rule, MatchRule::kExactName);
  EXPECT_EQ(m.matched[0].reference_op, 0);
  EXPECT_EQ(m.matched[3].reference_op, 3);
  EXPECT_EQ(m.reference_unmatched, 0);
  EXPECT_EQ(m.candidate_unmatched, 1);  // input_int8
  EXPECT_TRUE(m.skipped.empty());
}

TEST(LayerMatcher, ExactNameWinsOverSuffix) {
  // The candidate has both "x" (float, after DEQUANTIZE) and "x_int8": the
  // exact name pairs first, and the suffixed one stays unpaired.
  GraphBuilder ref, cand;
  ref.Op({ref.Tensor("x")});
  cand.Op({cand.Tensor("x_int8")});
  cand.Op({cand.Tensor("x")});
  const LayerMatching m = MatchLayers(ref.graph(), cand.graph());
  ASSERT_EQ(m.matched.size(), 1u);
  EXPECT_EQ(m.matched[0].candidate, 1);
  EXPECT_EQ(m.candidate_unmatched, 1);
}

TEST(LayerMatcher, AmbiguousKeysDoNotPair) {
  // Two candidates strip to "y": rule 2 refuses to guess.
  GraphBuilder ref, cand;
  ref.Op({ref.Tensor("y")});
  cand.Op({cand.Tensor("y_int8")});
  cand.Op({cand.Tensor("y_uint8")});
  const LayerMatching m = MatchLayers(ref.graph(), cand.graph());
  EXPECT_TRUE(m.matched.empty());
  EXPECT_EQ(m.reference_unmatched, 1);
  EXPECT_EQ(m.candidate_unmatched, 2);
}

TEST(LayerMatcher, DuplicateNamesPairInOrder) {
  GraphBuilder ref, cand;
  ref.Op({ref.Tensor("dup")});
  ref.Op({ref.Tensor("dup")});
  cand.Op({cand.Tensor("dup")});
  cand.Op({cand.Tensor("dup")});
  const LayerMatching m = MatchLayers(ref.graph(), cand.graph());
  ASSERT_EQ(m.matched.size(), 2u);
  EXPECT_EQ(m.matched[0].reference, 0);
  EXPECT_EQ(m.matched[0].candidate, 0);
  EXPECT_EQ(m.matched[1].reference, 1);
  EXPECT_EQ(m.matched[1].candidate, 1);
}

TEST(LayerMatcher, SkipsNonCandidatesAndShapeMismatches) {
  GraphBuilder ref, cand;
  // Graph inputs (written by no op), constants, unnamed and string tensors
  // are never candidates.
  ref.Tensor("input");
  cand.Tensor("input");
  ref.Constant("weights");
  cand.Constant("weights");
  ref.Op({ref.Tensor(""), ref.Tensor("text", Shape({1}), DType::kString)});
  cand.Op({cand.Tensor(""), cand.Tensor("text", Shape({1}), DType::kString)});
  // Paired by name, but with different shapes: skipped with a reason.
  ref.Op({ref.Tensor("pool", Shape({1, 8}))});
  cand.Op({cand.Tensor("pool_int8", Shape({1, 4}))});
  const LayerMatching m = MatchLayers(ref.graph(), cand.graph());
  EXPECT_TRUE(m.matched.empty());
  ASSERT_EQ(m.skipped.size(), 1u);
  EXPECT_EQ(m.skipped[0], "'pool': shape [1, 8] in the reference, [1, 4] in the candidate ('pool_int8')");
  EXPECT_EQ(m.reference_unmatched, 0);
  EXPECT_EQ(m.candidate_unmatched, 0);
}

TEST(LayerMatcher, EmptyGraphs) {
  const ir::Graph empty;
  const LayerMatching m = MatchLayers(empty, empty);
  EXPECT_TRUE(m.matched.empty());
}

}  // namespace
}  // namespace liteforge::quant
