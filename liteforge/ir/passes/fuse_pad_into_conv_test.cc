// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// FusePadIntoConv on small hand-built graphs: what fuses and what must not.
// (Numerical equality of fused and unfused graphs: api/fusion_test.cc.)

#include "liteforge/ir/passes/fuse_pad_into_conv.h"

#include <gtest/gtest.h>

#include <cstring>

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

template <typename T>
int AddConst(Subgraph& sg, DType dtype, Shape shape, const std::vector<T>& values) {
  const int t = AddTensor(sg, dtype, std::move(shape));
  sg.tensors[t].data =
      ConstData::Copy({reinterpret_cast<const uint8_t*>(values.data()), values.size() * sizeof(T)});
  return t;
}

QuantParams Q(float scale, int64_t zp) {
  QuantParams q;
  q.scale = {scale};
  q.zero_point = {zp};
  return q;
}

// x [1,5,5,2] -> PAD(paddings) -> p -> conv (CONV_2D 3x3 or
// DEPTHWISE_CONV_2D 3x3, VALID, stride 2) -> y.
Graph PadThenConv(std::vector<int32_t> paddings, bool depthwise = false,
                  DType dtype = DType::kFloat32, QuantParams qx = {}, QuantParams qp = {},
                  DType filter_dtype = DType::kFloat32) {
  Graph g;
  Subgraph& sg = g.subgraphs.emplace_back();
  const int x = AddTensor(sg, dtype, {1, 5, 5, 2}, qx);
  const int pad = AddConst(sg, DType::kInt32, {4, 2}, paddings);
  const int p = AddTensor(sg, dtype, {1, 5 + paddings[2] + paddings[3],
                                      5 + paddings[4] + paddings[5], 2 + paddings[6] + paddings[7]},
                          qp);
  const int filter = AddConst(sg, filter_dtype, depthwise ? Shape({1, 3, 3, 2}) : Shape({4, 3, 3, 2}),
                              std::vector<float>(depthwise ? 18 : 72, 0.5f));
  const int y = AddTensor(sg, dtype, {});
  sg.inputs = {x};
  sg.outputs = {y};
  Op pad_op;
  pad_op.type = OpType::kPad;
  pad_op.inputs = {x, pad};
  pad_op.outputs = {p};
  sg.ops.push_back(pad_op);
  Op conv;
  conv.inputs = {p, filter, -1};
  conv.outputs = {y};
  if (depthwise) {
    conv.type = OpType::kDepthwiseConv2D;
    conv.options = DepthwiseConv2DOptions{Padding::kValid, 2, 2, 1};
  } else {
    conv.type = OpType::kConv2D;
    conv.options = Conv2DOptions{Padding::kValid, 2, 2};
  }
  sg.ops.push_back(conv);
  return g;
}

const std::optional<ExplicitPadding>& ExplicitOf(const Op& op) {
  if (op.type == OpType::kConv2D) return std::get<Conv2DOptions>(op.options).explicit_padding;
  return std::get<DepthwiseConv2DOptions>(op.options).explicit_padding;
}

TEST(FusePadIntoConvTest, FusesSpatialPaddingIntoConvAndDepthwise) {
  for (bool depthwise : {false, true}) {
    Graph g = PadThenConv({0, 0, 1, 2, 3, 4, 0, 0}, depthwise);
    auto fused = FusePadIntoConv().Run(g);
    ASSERT_TRUE(fused.ok());
    EXPECT_EQ(*fused, 1);
    const Subgraph& sg = g.subgraphs[0];
    ASSERT_EQ(sg.ops.size(), 1u);
    EXPECT_EQ(sg.ops[0].inputs[0], 0);  // reads the unpadded input
    ASSERT_TRUE(ExplicitOf(sg.ops[0]).has_value());
    EXPECT_EQ(*ExplicitOf(sg.ops[0]), (ExplicitPadding{1, 2, 3, 4}));
  }
}

TEST(FusePadIntoConvTest, FusesQuantizedPaddingWithTheSameQuantization) {
  Graph g = PadThenConv({0, 0, 1, 1, 1, 1, 0, 0}, false, DType::kInt8, Q(0.1f, -5), Q(0.1f, -5),
                        DType::kInt8);
  EXPECT_EQ(*FusePadIntoConv().Run(g), 1);
}

TEST(FusePadIntoConvTest, KeepsPaddingTheConvCannotExpress) {
  // Channel and batch padding.
  Graph channels = PadThenConv({0, 0, 1, 1, 1, 1, 0, 2});
  EXPECT_EQ(*FusePadIntoConv().Run(channels), 0);
  Graph batch = PadThenConv({1, 0, 1, 1, 1, 1, 0, 0});
  EXPECT_EQ(*FusePadIntoConv().Run(batch), 0);
  // Different quantization on the two sides of the PAD.
  Graph quant = PadThenConv({0, 0, 1, 1, 1, 1, 0, 0}, false, DType::kInt8, Q(0.1f, -5),
                            Q(0.1f, 3), DType::kInt8);
  EXPECT_EQ(*FusePadIntoConv().Run(quant), 0);
  // Hybrid conv: float input, int8 filter (the padded zeros change the
  // input's quantization range).
  Graph hybrid = PadThenConv({0, 0, 1, 1, 1, 1, 0, 0}, false, DType::kFloat32, {}, {},
                             DType::kInt8);
  EXPECT_EQ(*FusePadIntoConv().Run(hybrid), 0);
  EXPECT_EQ(hybrid.subgraphs[0].ops.size(), 2u);
}

TEST(FusePadIntoConvTest, KeepsAPaddedTensorSomethingElseObserves) {
  Graph out = PadThenConv({0, 0, 1, 1, 1, 1, 0, 0});
  out.subgraphs[0].outputs.push_back(2);
  EXPECT_EQ(*FusePadIntoConv().Run(out), 0);
  Graph two = PadThenConv({0, 0, 1, 1, 1, 1, 0, 0});
  Subgraph& sg = two.subgraphs[0];
  const int z = AddTensor(sg, DType::kFloat32, {});
  Op relu;
  relu.type = OpType::kRelu;
  relu.inputs = {2};
  relu.outputs = {z};
  sg.ops.push_back(relu);
  sg.outputs.push_back(z);
  EXPECT_EQ(*FusePadIntoConv().Run(two), 0);
  EXPECT_EQ(sg.ops.size(), 3u);
}

TEST(FusePadIntoConvTest, KeepsNonConstantPaddingsAndPadV2) {
  Graph dynamic = PadThenConv({0, 0, 1, 1, 1, 1, 0, 0});
  Subgraph& sg = dynamic.subgraphs[0];
  sg.tensors[1].data.reset();
  sg.inputs.push_back(1);
  EXPECT_EQ(*FusePadIntoConv().Run(dynamic), 0);
  Graph v2 = PadThenConv({0, 0, 1, 1, 1, 1, 0, 0});
  v2.subgraphs[0].ops[0].type = OpType::kPadV2;
  EXPECT_EQ(*FusePadIntoConv().Run(v2), 0);
}

TEST(FusePadIntoConvTest, KeepsAConvThatAlreadyHasExplicitPadding) {
  Graph g = PadThenConv({0, 0, 1, 1, 1, 1, 0, 0});
  std::get<Conv2DOptions>(g.subgraphs[0].ops[1].options).explicit_padding = ExplicitPadding{};
  EXPECT_EQ(*FusePadIntoConv().Run(g), 0);
}

}  // namespace
}  // namespace liteforge::ir
