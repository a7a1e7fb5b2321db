// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected values come from a direct numpy scatter implementation of the
// transposed convolution and, for integer cases, TFLite's multiplier
// encoding with MultiplyByQuantizedMultiplier.

#include <gtest/gtest.h>

#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerChannel;
using testing::PerTensor;
using testing::SingleOpModel;

ir::TransposeConvOptions Options(ir::Padding padding, int stride,
                                 ir::Activation act = ir::Activation::kNone) {
  ir::TransposeConvOptions o;
  o.padding = padding;
  o.stride_h = stride;
  o.stride_w = stride;
  o.activation = act;
  return o;
}

std::vector<float> Iota(int n, float start = 1) {
  std::vector<float> v;
  for (int i = 0; i < n; ++i) v.push_back(start + static_cast<float>(i));
  return v;
}

TEST(TransposeConvTest, FloatSameStride2) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({4}, {1, 4, 4, 1});
  m.AddConstInput<float>({1, 3, 3, 1}, Iota(9));
  const int in = m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kTransposeConv, Options(ir::Padding::kSame, 2));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 4, 4, 1}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{1, 2, 5, 4, 4, 5, 14, 10, 10, 14, 36, 24, 12,
                                                    15, 34, 20}));
}

TEST(TransposeConvTest, FloatValidStride2) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({4}, {1, 5, 5, 1});
  m.AddConstInput<float>({1, 3, 3, 1}, Iota(9));
  const int in = m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kTransposeConv, Options(ir::Padding::kValid, 2));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 5, 5, 1}));
  EXPECT_EQ(m.Output<float>(0),
            (std::vector<float>{1,  2,  5,  4,  6,  4,  5,  14, 10, 12, 10, 14, 36,
                                24, 30, 12, 15, 34, 20, 24, 21, 24, 55, 32, 36}));
}

TEST(TransposeConvTest, FloatChannelsBiasAndRelu) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({4}, {1, 3, 4, 2});
  m.AddConstInput<float>({2, 2, 2, 2},
                         {1, 0, 0, 1, 0.5f, -0.5f, 1, 1, -1, 2, 0, 0, 1, 1, -1, 0.25f});
  const int in = m.AddInput(DType::kFloat32, {1, 2, 3, 2});
  m.AddConstInput<float>({2}, {0.5f, -1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kTransposeConv, Options(ir::Padding::kSame, 1, ir::Activation::kRelu), 4);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, -1, 2, 0.5f, -3, 1, 0, 2, 1, 1, -1, -2});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<float>(0),
            (std::vector<float>{1.5f, 0, 1.5f, 0, 0, 4, 1.5f, 0, 1.5f, 3, 4.25f, 1.25f, 1, 0, 0,
                                2.25f, 0, 1, 2.5f, 1.5f, 3, 0, 0, 0}));
}

TEST(TransposeConvTest, FloatOutputShapeKnownOnlyAtRunTime) {
  SingleOpModel m;
  const int shape = m.AddInput(DType::kInt32, {4});
  m.AddConstInput<float>({1, 3, 3, 1}, Iota(9));
  const int in = m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kTransposeConv, Options(ir::Padding::kSame, 2));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(shape, {1, 4, 4, 1});
  m.SetInput<float>(in, {1, 2, 3, 4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 4, 4, 1}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{1, 2, 5, 4, 4, 5, 14, 10, 10, 14, 36, 24, 12,
                                                    15, 34, 20}));
}

TEST(TransposeConvTest, Int8PerChannelWithBias) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({4}, {1, 4, 4, 3});
  m.AddConstInput<int8_t>({3, 2, 2, 2},
                          {1, 2, -3, 4, 5, -6, 7, -8, 127, -128, 0, 1,
                           -1, -1, 2, 2, 3, 3, -4, 4, 9, 8, 7, 6},
                          PerChannel({0.01f, 0.02f, 0.005f}, 0));
  const int in = m.AddInput(DType::kInt8, {1, 2, 2, 2}, PerTensor(0.5f, -2));
  m.AddConstInput<int32_t>({3}, {100, -50, 7});
  m.AddOutput(DType::kInt8, {}, PerTensor(0.25f, 3));
  m.SetOp(ir::OpType::kTransposeConv, Options(ir::Padding::kSame, 2), 3);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {10, -20, 30, -128, 127, 5, -7, 0});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int8_t>(0),
            (std::vector<int8_t>{5,  127, 3,  3,  0,   2,  1,  127, 0,  -7, -4, -3,
                                 8,  1,   3,  10, 0,   3,  23, 5,   -4, 30, -7, -2,
                                 8,  127, 7,  -2, 1,   -2, 5,  -35, 3,  5,  1,  3,
                                 17, -4,  15, 22, 12,  13, 4,  1,   3,  4,  1,  3}));
}

TEST(TransposeConvTest, UInt8ValidWithBias) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({4}, {1, 4, 3, 1});
  m.AddConstInput<uint8_t>({1, 2, 2, 2}, {130, 120, 128, 140, 0, 255, 100, 128},
                           PerTensor(0.05f, 128));
  const int in = m.AddInput(DType::kUInt8, {1, 3, 2, 2}, PerTensor(0.1f, 128));
  m.AddConstInput<int32_t>({1}, {-500}, PerTensor(0.005f, 0));
  m.AddOutput(DType::kUInt8, {}, PerTensor(0.3f, 100));
  m.SetOp(ir::OpType::kTransposeConv, Options(ir::Padding::kValid, 1), 3);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<uint8_t>(in, {0, 255, 128, 3, 200, 10, 50, 128, 7, 8, 9, 10});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<uint8_t>(0),
            (std::vector<uint8_t>{70, 134, 67, 255, 0, 92, 0, 212, 104, 96, 152, 147}));
}

TEST(TransposeConvTest, Int16WithInt64Bias) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({4}, {1, 4, 4, 1});
  m.AddConstInput<int8_t>({1, 2, 2, 1}, {1, -2, 3, 127}, PerTensor(0.02f, 0));
  const int in = m.AddInput(DType::kInt16, {1, 2, 2, 1}, PerTensor(0.001f, 0));
  m.AddConstInput<int64_t>({1}, {1234567});
  m.AddOutput(DType::kInt16, {}, PerTensor(0.5f, 0));
  m.SetOp(ir::OpType::kTransposeConv, Options(ir::Padding::kSame, 2), 3);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int16_t>(in, {1000, -2000, 30000, -32768});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int16_t>(0), (std::vector<int16_t>{49, 49, 49, 50, 50, 54, 49, 39, 51, 47,
                                                        48, 52, 53, 202, 45, -117}));
}

TEST(TransposeConvTest, RejectsOutputShapeWithWrongChannels) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({4}, {1, 4, 4, 2});
  m.AddConstInput<float>({1, 3, 3, 1}, Iota(9));
  m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kTransposeConv, Options(ir::Padding::kSame, 2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("TRANSPOSE_CONV"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("output_shape"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("channels"), std::string::npos) << s.message();
}

TEST(TransposeConvTest, RejectsInputOfWrongRank) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({4}, {1, 4, 4, 1});
  m.AddConstInput<float>({1, 3, 3, 1}, Iota(9));
  m.AddInput(DType::kFloat32, {2, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kTransposeConv, Options(ir::Padding::kSame, 2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("input"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("expected 4"), std::string::npos) << s.message();
}

TEST(TransposeConvTest, RejectsChannelMismatch) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({4}, {1, 4, 4, 1});
  m.AddConstInput<float>({1, 3, 3, 2}, Iota(18));
  m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kTransposeConv, Options(ir::Padding::kSame, 2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("channels"), std::string::npos) << s.message();
}

TEST(TransposeConvTest, HybridIsUnimplemented) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({4}, {1, 4, 4, 1});
  m.AddConstInput<int8_t>({1, 3, 3, 1}, std::vector<int8_t>(9, 1), PerTensor(0.1f, 0));
  m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kTransposeConv, Options(ir::Padding::kSame, 2), 2);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented) << s.message();
  EXPECT_NE(s.message().find("hybrid"), std::string::npos) << s.message();
}

TEST(TransposeConvTest, RejectsUnsupportedInputType) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({4}, {1, 4, 4, 1});
  m.AddConstInput<int32_t>({1, 3, 3, 1}, std::vector<int32_t>(9, 1));
  m.AddInput(DType::kInt32, {1, 2, 2, 1});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kTransposeConv, Options(ir::Padding::kSame, 2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented) << s.message();
  EXPECT_NE(s.message().find("int32"), std::string::npos) << s.message();
}

// Convolution2DTransposeBias: MediaPipe's custom op.
std::vector<uint8_t> MediaPipeOptions(int32_t padding, int32_t stride_w, int32_t stride_h) {
  std::vector<uint8_t> bytes;
  for (int32_t v : {padding, stride_w, stride_h}) {
    for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<uint8_t>((v >> (8 * i)) & 0xFF));
  }
  return bytes;
}

TEST(Convolution2DTransposeBiasTest, SameStride2AddsBias) {
  // SAME: total padding = max(0, 3 - (2 - 1) % 2 - 1) = 1, before = 0, so
  // the output is 2 * 1 + 3 - 1 = 4 wide, as TRANSPOSE_CONV's SAME case.
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddConstInput<float>({1, 3, 3, 1}, Iota(9));
  m.AddConstInput<float>({1}, {0.5f});
  m.AddOutput(DType::kFloat32);
  m.SetCustomOp("Convolution2DTransposeBias", MediaPipeOptions(1, 2, 2));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 4, 4, 1}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{1.5f, 2.5f, 5.5f, 4.5f, 4.5f, 5.5f, 14.5f,
                                                    10.5f, 10.5f, 14.5f, 36.5f, 24.5f, 12.5f,
                                                    15.5f, 34.5f, 20.5f}));
}

TEST(Convolution2DTransposeBiasTest, ValidStride2Has5x5Output) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddConstInput<float>({1, 3, 3, 1}, Iota(9));
  m.AddConstInput<float>({1}, {-1});
  m.AddOutput(DType::kFloat32);
  m.SetCustomOp("Convolution2DTransposeBias", MediaPipeOptions(2, 2, 2));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 5, 5, 1}));
  EXPECT_EQ(m.Output<float>(0),
            (std::vector<float>{0,  1,  4,  3,  5,  3,  4,  13, 9,  11, 9,  13, 35,
                                23, 29, 11, 14, 33, 19, 23, 20, 23, 54, 31, 35}));
}

TEST(Convolution2DTransposeBiasTest, TwoByTwoKernelWithTwoChannels) {
  // The selfie-segmentation configuration in small: 2x2 kernel, stride 2,
  // SAME, two input channels. Width 2 doubles to 4 (no padding); height 1
  // has total padding 2 - 0 - 1 = 1, so only the first kernel row lands.
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 1, 2, 2});
  m.AddConstInput<float>({1, 2, 2, 2}, {1, 10, 2, 20, 3, 30, 4, 40});
  m.AddConstInput<float>({1}, {100});
  m.AddOutput(DType::kFloat32);
  m.SetCustomOp("Convolution2DTransposeBias", MediaPipeOptions(1, 2, 2));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 0.5f, -1, 2});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 1, 4, 1}));
  // Pixel (1, 0.5) gives 6, 12 on the first kernel row; pixel (-1, 2) 19, 38.
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{106, 112, 119, 138}));
}

TEST(Convolution2DTransposeBiasTest, RejectsShortOptions) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddConstInput<float>({1, 3, 3, 1}, Iota(9));
  m.AddConstInput<float>({1}, {0});
  m.AddOutput(DType::kFloat32);
  m.SetCustomOp("Convolution2DTransposeBias", {1, 0, 0, 0});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("Convolution2DTransposeBias"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("custom_options"), std::string::npos) << s.message();
}

TEST(Convolution2DTransposeBiasTest, RejectsNonFloat) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {1, 2, 2, 1}, PerTensor(1.f, 0));
  m.AddConstInput<float>({1, 3, 3, 1}, Iota(9));
  m.AddConstInput<float>({1}, {0});
  m.AddOutput(DType::kFloat32);
  m.SetCustomOp("Convolution2DTransposeBias", MediaPipeOptions(1, 2, 2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("input"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("int8"), std::string::npos) << s.message();
}

TEST(Convolution2DTransposeBiasTest, RejectsBadStride) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddConstInput<float>({1, 3, 3, 1}, Iota(9));
  m.AddConstInput<float>({1}, {0});
  m.AddOutput(DType::kFloat32);
  m.SetCustomOp("Convolution2DTransposeBias", MediaPipeOptions(1, 0, 2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("strides"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
