// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected values were computed by hand and with numpy (integer cases with
// TFLite's multiplier encoding and ruy's ties-up rounding).

#include <gtest/gtest.h>

#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerChannel;
using testing::PerTensor;
using testing::SingleOpModel;

ir::FullyConnectedOptions Options(ir::Activation act = ir::Activation::kNone,
                                  bool keep_num_dims = false) {
  ir::FullyConnectedOptions o;
  o.activation = act;
  o.keep_num_dims = keep_num_dims;
  return o;
}

std::vector<float> Repeat(const std::vector<float>& row, int times) {
  std::vector<float> out;
  for (int i = 0; i < times; ++i) out.insert(out.end(), row.begin(), row.end());
  return out;
}

void ExpectNear(const std::vector<float>& got, const std::vector<float>& want, float tol) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], tol) << "element " << i;
}

TEST(FullyConnectedTest, FloatWithBias) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {2, 10});
  m.AddConstInput<float>({3, 10}, Repeat({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 3));
  m.AddConstInput<float>({3}, {1, 2, 3});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kFullyConnected, Options());
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4, 5, 6, 7, 8, -9, -10, 1, 2, 3, 4, 5, 6, 7, -8, 9, -10});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 3}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{24, 25, 26, 58, 59, 60}));
}

TEST(FullyConnectedTest, FloatFlattensLeadingDimsAndAppliesRelu) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 2, 6});
  m.AddConstInput<float>({2, 3}, {1, 0, -1, 0.5f, 0.25f, 2});
  m.AddOutput(DType::kFloat32);  // no bias input at all
  m.SetOp(ir::OpType::kFullyConnected, Options(ir::Activation::kRelu), 6);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, -2, 3, 0.5f, 1.5f, -1, 2, 2, 2, -3, 0, 1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({4, 2}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{0, 6, 1.5f, 0, 0, 5.5f, 0, 0.5f}));
}

TEST(FullyConnectedTest, FloatKeepNumDimsAndOmittedBias) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {2, 1, 3});
  m.AddConstInput<float>({2, 3}, {1, 0, -1, 0.5f, 0.25f, 2});
  m.AddOmittedInput();
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kFullyConnected, Options(ir::Activation::kRelu6, true), 5);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, -2, 3, 10, 8, 1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 1, 2}));
  // Row 0: -2, 6; row 1: 9 -> 6 (RELU6), 9 -> 6.
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{0, 6, 6, 6}));
}

TEST(FullyConnectedTest, FloatZeroDepthGivesZeros) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {3, 0});
  m.AddConstInput<float>({2, 0}, {});
  m.AddConstInput<float>({2}, {5, 6});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kFullyConnected, Options());
  ASSERT_TRUE(m.Build().ok());
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({3, 2}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>(6, 0.f)));
}

TEST(FullyConnectedTest, Int8PerTensorWithSaturation) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {2, 4}, PerTensor(0.5f, -3));
  m.AddConstInput<int8_t>({3, 4}, {1, 2, 3, 4, -5, 6, -7, 8, 127, -128, 0, 1},
                          PerTensor(0.25f, 0));
  m.AddConstInput<int32_t>({3}, {100, -200, 3000}, PerTensor(0.125f, 0));
  m.AddOutput(DType::kInt8, {}, PerTensor(2.0f, 5));
  m.SetOp(ir::OpType::kFullyConnected, Options(), 4);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {10, -20, 30, 40, -128, 127, 5, -7});
  ASSERT_TRUE(m.Invoke().ok());
  // Accumulators {350, -254, 6870, 243, 1117, -29519} x 1/16 + 5, the last
  // two of each row saturating.
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{27, -11, 127, 20, 75, -128}));
}

TEST(FullyConnectedTest, Int8RoundsTiesUpLikeTheGemmBackend) {
  // Multiplier exactly 0.5: accumulators -3, 3, -1, 1 are ties. The GEMM
  // path TFLite uses (ruy) rounds them up: -1, 2, 0, 1 (TFLite's reference
  // kernel would give -2, 2, -1, 1).
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {4, 1}, PerTensor(1.f, 0));
  m.AddConstInput<int8_t>({1, 1}, {1}, PerTensor(1.f, 0));
  m.AddOutput(DType::kInt8, {}, PerTensor(2.f, 0));
  m.SetOp(ir::OpType::kFullyConnected, Options(), 6);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {-3, 3, -1, 1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-1, 2, 0, 1}));
}

TEST(FullyConnectedTest, Int8PerChannel) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {2, 4}, PerTensor(0.5f, -3));
  m.AddConstInput<int8_t>({3, 4}, {1, 2, 3, 4, -5, 6, -7, 8, 127, -128, 0, 1},
                          PerChannel({0.25f, 0.125f, 0.01f}, 0));
  m.AddConstInput<int32_t>({3}, {100, -200, 3000});
  m.AddOutput(DType::kInt8, {}, PerTensor(2.0f, 5));
  m.SetOp(ir::OpType::kFullyConnected, Options(), 4);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {10, -20, 30, 40, -128, 127, 5, -7});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{27, -3, 22, 20, 40, -69}));
}

TEST(FullyConnectedTest, Int8Relu6ClampsInQuantizedDomain) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {1, 2}, PerTensor(0.1f, 0));
  m.AddConstInput<int8_t>({3, 2}, {100, 0, -100, 0, 50, 10}, PerTensor(0.1f, 0));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.05f, -128));
  m.SetOp(ir::OpType::kFullyConnected, Options(ir::Activation::kRelu6), 6);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {100, 10});
  ASSERT_TRUE(m.Invoke().ok());
  // Real outputs 100, -100, 51 -> clamped to [0, 6] -> quantized 6/0.05-128.
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-8, -128, -8}));
}

TEST(FullyConnectedTest, UInt8) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kUInt8, {2, 4}, PerTensor(0.1f, 128));
  m.AddConstInput<uint8_t>({2, 4}, {130, 120, 128, 140, 0, 255, 100, 128}, PerTensor(0.05f, 128));
  m.AddConstInput<int32_t>({2}, {-50, 1000}, PerTensor(0.005f, 0));
  m.AddOutput(DType::kUInt8, {}, PerTensor(0.3f, 100));
  m.SetOp(ir::OpType::kFullyConnected, Options());
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<uint8_t>(in, {0, 255, 128, 3, 200, 10, 50, 128});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<uint8_t>(0), (std::vector<uint8_t>{53, 255, 117, 0}));
}

TEST(FullyConnectedTest, Int16WithInt64BiasRescalesInDouble) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt16, {2, 3}, PerTensor(0.001f, 0));
  m.AddConstInput<int8_t>({2, 3}, {1, 2, 3, -127, 50, -1}, PerTensor(0.02f, 0));
  m.AddConstInput<int64_t>({2}, {123456789, -5}, PerTensor(0.00002f, 0));
  m.AddOutput(DType::kInt16, {}, PerTensor(0.5f, 0));
  m.SetOp(ir::OpType::kFullyConnected, Options(), 7);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int16_t>(in, {1000, -2000, 30000, -32768, 32767, 7});
  ASSERT_TRUE(m.Invoke().ok());
  // Accumulators {123543789, -257005, 123489576, 5799874} x 4e-5.
  EXPECT_EQ(m.Output<int16_t>(0), (std::vector<int16_t>{4942, -10, 4940, 232}));
}

TEST(FullyConnectedTest, Int16WithoutBiasUsesFixedPoint) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt16, {2, 3}, PerTensor(0.001f, 0));
  m.AddConstInput<int8_t>({2, 3}, {1, 2, 3, -127, 50, -1}, PerTensor(0.02f, 0));
  m.AddOutput(DType::kInt16, {}, PerTensor(0.5f, 0));
  m.SetOp(ir::OpType::kFullyConnected, Options(), 6);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int16_t>(in, {1000, -2000, 30000, -32768, 32767, 7});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int16_t>(0), (std::vector<int16_t>{3, -10, 1, 232}));
}

TEST(FullyConnectedTest, Int16RejectsNonZeroZeroPoint) {
  SingleOpModel m;
  m.AddInput(DType::kInt16, {1, 3}, PerTensor(0.001f, 3));
  m.AddConstInput<int8_t>({2, 3}, {1, 2, 3, -127, 50, -1}, PerTensor(0.02f, 0));
  m.AddOutput(DType::kInt16, {}, PerTensor(0.5f, 0));
  m.SetOp(ir::OpType::kFullyConnected, Options());
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("zero point 0"), std::string::npos) << s.message();
}

// Hybrid expectations follow TFLite's on-the-fly quantization: symmetric
// rows use scale max|x|/127; asymmetric rows [min(x,0), max(x,0)]/255 with
// a nudged zero point.
class FullyConnectedHybridTest : public ::testing::TestWithParam<std::tuple<bool, bool>> {};

TEST_P(FullyConnectedHybridTest, MatchesOnTheFlyQuantization) {
  const auto [asymmetric, per_channel] = GetParam();
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {3, 4});
  m.AddConstInput<int8_t>({3, 4}, {10, -5, 3, 2, 1, 1, 1, 1, -128, 127, 0, -1},
                          per_channel ? PerChannel({0.1f, 0.5f, 0.01f}, 0) : PerTensor(0.1f, 0));
  m.AddConstInput<float>({3}, {0.5f, -1, 0});
  m.AddOutput(DType::kFloat32);
  ir::FullyConnectedOptions o = Options();
  o.asymmetric_quantize_inputs = asymmetric;
  m.SetOp(ir::OpType::kFullyConnected, o, asymmetric ? 9 : 3);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, -2, 0.5f, 4, 0, 0, 0, 0, -0.3f, 0.2f, 0.1f, -0.05f});
  ASSERT_TRUE(m.Invoke().ok());
  std::vector<float> want;
  if (!asymmetric && !per_channel) {
    want = {3.4669292f, -0.6503937f, -38.900787f, 0.5f, -1, 0, 0.11944881f, -1.0049607f, 6.3949604f};
  } else if (asymmetric && !per_channel) {
    want = {3.4364707f, -0.6517647f, -38.449413f, 0.5f, -1, 0, 0.12019604f, -1.004902f, 6.3849025f};
  } else if (!asymmetric) {
    want = {3.4669292f, 0.7480315f, -3.8900788f, 0.5f, -1, 0, 0.11944881f, -1.0248032f, 0.639496f};
  } else {
    want = {3.4364707f, 0.7411765f, -3.8449414f, 0.5f, -1, 0, 0.12019604f, -1.0245098f, 0.6384902f};
  }
  ExpectNear(m.Output<float>(0), want, 2e-5f);
}

INSTANTIATE_TEST_SUITE_P(Modes, FullyConnectedHybridTest,
                         ::testing::Combine(::testing::Bool(), ::testing::Bool()));

TEST(FullyConnectedTest, RejectsUnsupportedInputType) {
  SingleOpModel m;
  m.AddInput(DType::kInt32, {1, 2});
  m.AddConstInput<int32_t>({1, 2}, {1, 2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kFullyConnected, Options());
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented) << s.message();
  EXPECT_NE(s.message().find("FULLY_CONNECTED"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("input"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("int32"), std::string::npos) << s.message();
}

TEST(FullyConnectedTest, RejectsMismatchedWeightsType) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {1, 2}, PerTensor(1.f, 0));
  m.AddConstInput<uint8_t>({1, 2}, {1, 2}, PerTensor(1.f, 0));
  m.AddOutput(DType::kInt8, {}, PerTensor(1.f, 0));
  m.SetOp(ir::OpType::kFullyConnected, Options());
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("weights"), std::string::npos) << s.message();
}

TEST(FullyConnectedTest, RejectsWeightsOfWrongRank) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 4});
  m.AddConstInput<float>({1, 2, 2}, {1, 2, 3, 4});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kFullyConnected, Options());
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("weights"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("expected 2"), std::string::npos) << s.message();
}

TEST(FullyConnectedTest, RejectsBiasOfWrongSize) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2});
  m.AddConstInput<float>({3, 2}, {1, 2, 3, 4, 5, 6});
  m.AddConstInput<float>({2}, {1, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kFullyConnected, Options());
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("bias"), std::string::npos) << s.message();
}

TEST(FullyConnectedTest, RejectsInputNotAMultipleOfDepth) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 5});
  m.AddConstInput<float>({1, 2}, {1, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kFullyConnected, Options());
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("not a multiple"), std::string::npos) << s.message();
}

TEST(FullyConnectedTest, KeepNumDimsNeedsMatchingLastDim) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 4});  // 8 elements, K = 2
  m.AddConstInput<float>({1, 2}, {1, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kFullyConnected, Options(ir::Activation::kNone, true));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("keep_num_dims"), std::string::npos) << s.message();
}

TEST(FullyConnectedTest, ShuffledWeightsAreUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kUInt8, {1, 16}, PerTensor(1.f, 0));
  m.AddConstInput<uint8_t>({4, 16}, std::vector<uint8_t>(64, 1), PerTensor(1.f, 0));
  m.AddOutput(DType::kInt16, {}, PerTensor(1.f, 0));
  m.AddOutput(DType::kUInt8);
  ir::FullyConnectedOptions o = Options();
  o.weights_format = ir::FcWeightsFormat::kShuffled4x16Int8;
  m.SetOp(ir::OpType::kFullyConnected, o, 2);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented) << s.message();
  EXPECT_NE(s.message().find("SHUFFLED4x16INT8"), std::string::npos) << s.message();
}

TEST(FullyConnectedTest, TanhActivationIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2});
  m.AddConstInput<float>({1, 2}, {1, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kFullyConnected, Options(ir::Activation::kTanh));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("TANH"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
