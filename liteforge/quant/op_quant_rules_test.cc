// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The per-op table: rules and the operator versions TFLite's converter
// writes (tools/versioning/op_version.cc in TensorFlow) for each type
// combination.

#include "liteforge/quant/op_quant_rules.h"

#include <gtest/gtest.h>

namespace liteforge::quant {
namespace {

// One op whose inputs and output have the given types (rank 4 unless given).
int32_t Version(ir::OpType type, std::vector<DType> inputs, DType output,
                ir::OpOptions options = ir::NoOptions{}, int rank = 4, bool per_channel = false) {
  ir::Subgraph sg;
  ir::Op op;
  op.type = type;
  op.options = std::move(options);
  for (DType t : inputs) {
    ir::Tensor tensor;
    tensor.dtype = t;
    tensor.shape = Shape(std::vector<int32_t>(static_cast<size_t>(rank), 2));
    if (per_channel && op.inputs.size() == 1) tensor.quant.scale = {0.1f, 0.2f};
    op.inputs.push_back(static_cast<int32_t>(sg.tensors.size()));
    sg.tensors.push_back(tensor);
  }
  ir::Tensor out;
  out.dtype = output;
  op.outputs = {static_cast<int32_t>(sg.tensors.size())};
  sg.tensors.push_back(out);
  return ConverterOpVersion(sg, op).value_or(-1);
}

constexpr DType kF32 = DType::kFloat32;
constexpr DType kI8 = DType::kInt8;
constexpr DType kI16 = DType::kInt16;
constexpr DType kI32 = DType::kInt32;

TEST(OpQuantRulesTest, ConverterVersions) {
  using ir::OpType;
  EXPECT_EQ(Version(OpType::kConv2D, {kI8, kI8, kI32}, kI8, ir::Conv2DOptions{}), 3);
  EXPECT_EQ(Version(OpType::kConv2D, {kF32, kI8, kF32}, kF32, ir::Conv2DOptions{}), 2);
  EXPECT_EQ(Version(OpType::kConv2D, {kF32, kI8, kF32}, kF32, ir::Conv2DOptions{}, 4, true), 5);
  EXPECT_EQ(Version(OpType::kDepthwiseConv2D, {kI16, kI8, DType::kInt64}, kI16,
                    ir::DepthwiseConv2DOptions{}),
            5);
  EXPECT_EQ(Version(OpType::kFullyConnected, {kI8, kI8, kI32}, kI8, ir::FullyConnectedOptions{}), 4);
  EXPECT_EQ(Version(OpType::kFullyConnected, {kI8, kI8}, kI8, ir::FullyConnectedOptions{}), 6);
  ir::FullyConnectedOptions asym;
  asym.asymmetric_quantize_inputs = true;
  EXPECT_EQ(Version(OpType::kFullyConnected, {kF32, kI8, kF32}, kF32, asym), 9);
  EXPECT_EQ(Version(OpType::kFullyConnected, {kF32, kI8, kF32}, kF32, asym, 2, true), 12);
  ir::FusedActivationOptions general;
  general.pot_scale_int16 = false;
  EXPECT_EQ(Version(OpType::kAdd, {kI16, kI16}, kI16, general), 3);
  EXPECT_EQ(Version(OpType::kAdd, {kI8, kI8}, kI8, general), 2);
  EXPECT_EQ(Version(OpType::kSub, {kI16, kI16}, kI16, general), 5);
  EXPECT_EQ(Version(OpType::kMul, {kI16, kI16}, kI16, general), 4);
  ir::ResizeOptions half;
  half.half_pixel_centers = true;
  EXPECT_EQ(Version(OpType::kResizeBilinear, {kI8, kI32}, kI8, half), 3);
  EXPECT_EQ(Version(OpType::kResizeBilinear, {kI16, kI32}, kI16, half), 4);
  EXPECT_EQ(Version(OpType::kSoftmax, {kI8}, kI8), 2);
  EXPECT_EQ(Version(OpType::kLogistic, {kI16}, kI16), 3);
  EXPECT_EQ(Version(OpType::kPad, {kI8, kI32}, kI8, ir::NoOptions{}, 5), 4);
  EXPECT_EQ(Version(OpType::kTranspose, {kI16, kI32}, kI16), 5);
  EXPECT_EQ(Version(OpType::kSplit, {kI32, kI8}, kI8), 2);
  EXPECT_EQ(Version(OpType::kQuantize, {kF32}, kI16), 2);
  EXPECT_EQ(Version(OpType::kQuantize, {kF32}, kI8), 1);
  EXPECT_EQ(Version(OpType::kDequantize, {DType::kFloat16}, kF32), 3);
  EXPECT_EQ(Version(OpType::kDequantize, {kI8}, kF32), 2);
  EXPECT_EQ(Version(OpType::kHardSwish, {kI8}, kI8), -1);  // not versioned: stays 1
}

TEST(OpQuantRulesTest, RulesDeclareFixedScalesAndSharing) {
  ir::Op op;
  op.type = ir::OpType::kLogistic;
  EXPECT_EQ(RuleFor(op).output, OutputRule::kFixed);
  EXPECT_FLOAT_EQ(RuleFor(op).fixed_int8.scale, 1.f / 256.f);
  EXPECT_EQ(RuleFor(op).fixed_int8.zero_point, -128);
  op.type = ir::OpType::kTanh;
  EXPECT_FLOAT_EQ(RuleFor(op).fixed_int8.scale, 1.f / 128.f);
  EXPECT_EQ(RuleFor(op).fixed_int8.zero_point, 0);
  op.type = ir::OpType::kMaxPool2D;
  EXPECT_EQ(RuleFor(op).output, OutputRule::kSameAsInput);
  op.type = ir::OpType::kConcatenation;
  EXPECT_TRUE(RuleFor(op).inputs_share_output);
  op.type = ir::OpType::kHardSwish;
  EXPECT_TRUE(RuleFor(op).int8);
  EXPECT_FALSE(RuleFor(op).int16);
  op.type = ir::OpType::kDepthwiseConv2D;
  EXPECT_EQ(RuleFor(op).channel_axis, 3);
  op.type = ir::OpType::kFloor;
  EXPECT_EQ(RuleFor(op).output, OutputRule::kFloatOnly);
  op.type = ir::OpType::kCustom;
  EXPECT_EQ(RuleFor(op).output, OutputRule::kFloatOnly);
}

}  // namespace
}  // namespace liteforge::quant
