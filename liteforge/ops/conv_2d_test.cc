// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// CONV_2D tests. Expected values were worked out by hand (the small float
// cases) and with a separate numpy model of TFLite's arithmetic (the
// quantized cases: QuantizeMultiplier encoding, ruy's ties-up rounding,
// gemmlowp's double rounding, the Q15 int64 stage of 16x8 conv).

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerChannel;
using testing::PerTensor;
using testing::SingleOpModel;

ir::Conv2DOptions Options(ir::Padding padding, int stride_h, int stride_w,
                          ir::Activation act = ir::Activation::kNone, int dilation_h = 1,
                          int dilation_w = 1) {
  ir::Conv2DOptions o;
  o.padding = padding;
  o.stride_h = stride_h;
  o.stride_w = stride_w;
  o.activation = act;
  o.dilation_h = dilation_h;
  o.dilation_w = dilation_w;
  return o;
}

std::vector<float> Iota(int n, float start = 1.f) {
  std::vector<float> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = start + static_cast<float>(i);
  return v;
}

void ExpectNear(const std::vector<float>& got, const std::vector<float>& want, float tol) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], tol) << "element " << i;
}

// A float conv with a constant filter (and optional bias) on one input.
struct FloatConv {
  Shape input_shape;
  Shape filter_shape;
  std::vector<float> filter;
  std::vector<float> bias;  // empty: no bias input
  ir::Conv2DOptions options;
};

Result<std::pair<Shape, std::vector<float>>> RunFloat(const FloatConv& c,
                                                      const std::vector<float>& input) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, c.input_shape);
  m.AddConstInput<float>(c.filter_shape, c.filter);
  if (!c.bias.empty()) {
    m.AddConstInput<float>({static_cast<int32_t>(c.bias.size())}, c.bias);
  }
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kConv2D, c.options);
  LF_RETURN_IF_ERROR(m.Build());
  m.SetInput<float>(in, input);
  LF_RETURN_IF_ERROR(m.Invoke());
  return std::make_pair(m.OutputShape(0), m.Output<float>(0));
}

TEST(Conv2DTest, FloatStride2SamePadsOneOnEachSide) {
  // 5x5 input, 3x3 filter, stride 2: out 3x3, total padding 2 (1 + 1).
  FloatConv c{{1, 5, 5, 1}, {1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9}, {},
              Options(ir::Padding::kSame, 2, 2)};
  auto r = RunFloat(c, Iota(25));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->first, Shape({1, 3, 3, 1}));
  EXPECT_EQ(r->second, (std::vector<float>{128, 241, 184, 441, 681, 453, 320, 457, 280}));
}

TEST(Conv2DTest, FloatStride2Valid) {
  FloatConv c{{1, 5, 5, 1}, {1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9}, {},
              Options(ir::Padding::kValid, 2, 2)};
  auto r = RunFloat(c, Iota(25));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->first, Shape({1, 2, 2, 1}));
  EXPECT_EQ(r->second, (std::vector<float>{411, 501, 861, 951}));
}

TEST(Conv2DTest, FloatSameWithOddTotalPaddingPadsAfter) {
  // 4x4 input, 3x3 filter, stride 2: out 2x2, total padding 1, all of it
  // after the data (none before).
  FloatConv c{{1, 4, 4, 1}, {1, 3, 3, 1}, {1, 0, -1, 2, 0, -2, 1, 0, -1}, {},
              Options(ir::Padding::kSame, 2, 2)};
  auto r = RunFloat(c, Iota(16));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->first, Shape({1, 2, 2, 1}));
  EXPECT_EQ(r->second, (std::vector<float>{-8, 28, -6, 41}));

  // 2x2 filter, stride 1: total padding 1 per dim, again after the data.
  FloatConv c2{{1, 4, 4, 1}, {1, 2, 2, 1}, {1, 2, 3, 4}, {}, Options(ir::Padding::kSame, 1, 1)};
  auto r2 = RunFloat(c2, Iota(16));
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_EQ(r2->second, (std::vector<float>{44, 54, 64, 28, 84, 94, 104, 44, 124, 134, 144, 60,
                                            41, 44, 47, 16}));
}

TEST(Conv2DTest, FloatDilation) {
  FloatConv c{{1, 5, 5, 1}, {1, 2, 2, 1}, {1, -1, 2, 3}, {},
              Options(ir::Padding::kValid, 1, 1, ir::Activation::kNone, 2, 2)};
  auto r = RunFloat(c, Iota(25));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->first, Shape({1, 3, 3, 1}));
  EXPECT_EQ(r->second, (std::vector<float>{59, 64, 69, 84, 89, 94, 109, 114, 119}));

  c.options.padding = ir::Padding::kSame;  // effective filter 3: pad 1 before, 1 after
  auto s = RunFloat(c, Iota(25));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->first, Shape({1, 5, 5, 1}));
  EXPECT_EQ(s->second, (std::vector<float>{21, 36, 41, 46, 18, 34, 59, 64, 69, 32, 44, 84, 89,
                                           94, 47, 54, 109, 114, 119, 62, -17, -2, -2, -2, 19}));
}

TEST(Conv2DTest, FloatChannelsBiasAndRelu6) {
  // 3 filters of 2x1 over 2 channels, SAME, bias, then RELU6.
  FloatConv c{{1, 2, 2, 2},
              {3, 2, 1, 2},
              {1, 1, 2, -1, -0.5f, 0.5f, 1, 0, 0, 1, 0.5f, 0.5f},
              {0.5f, -1, 2},
              Options(ir::Padding::kSame, 1, 1, ir::Activation::kRelu6)};
  auto r = RunFloat(c, {0.5f, 1, -1, 2, 3, -0.5f, 1.5f, 0.25f});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->first, Shape({1, 2, 2, 3}));
  ExpectNear(r->second, {6, 2.25f, 4.25f, 4.25f, 2, 4.875f, 3, 0, 1.5f, 2.25f, 0, 2.25f}, 1e-6f);

  c.options.activation = ir::Activation::kNone;
  auto raw = RunFloat(c, {0.5f, 1, -1, 2, 3, -0.5f, 1.5f, 0.25f});
  ASSERT_TRUE(raw.ok());
  ExpectNear(raw->second, {8.5f, 2.25f, 4.25f, 4.25f, 2, 4.875f, 3, -2.75f, 1.5f, 2.25f,
                           -1.625f, 2.25f},
             1e-6f);
}

TEST(Conv2DTest, FloatGroupedConvolution) {
  // 4 input channels, filter depth 2: two groups; filters 0-1 see channels
  // 0-1, filters 2-3 see channels 2-3.
  FloatConv c{{1, 1, 2, 4}, {4, 1, 1, 2}, {1, 1, 1, -1, 2, 0, 0, 3}, {},
              Options(ir::Padding::kValid, 1, 1)};
  auto r = RunFloat(c, {1, 2, 3, 4, 5, 6, 7, 8});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->first, Shape({1, 1, 2, 4}));
  EXPECT_EQ(r->second, (std::vector<float>{3, -1, 6, 12, 11, -1, 14, 24}));
}

TEST(Conv2DTest, FloatBatchesAndOneByOne) {
  // 1x1 conv (the pointwise path that reads the input in place), 2 batches.
  FloatConv c{{2, 1, 2, 3}, {2, 1, 1, 3}, {1, 0, -1, 0.5f, 0.5f, 0.5f}, {0, 1},
              Options(ir::Padding::kSame, 1, 1)};
  auto r = RunFloat(c, {1, 2, 3, 4, 5, 6, -1, -2, -3, 0, 0, 1});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->first, Shape({2, 1, 2, 2}));
  EXPECT_EQ(r->second, (std::vector<float>{-2, 4, -2, 8.5f, 2, -2, -1, 1.5f}));
}

TEST(Conv2DTest, WindowLargerThanInputGivesEmptyOutput) {
  FloatConv c{{1, 2, 2, 1}, {1, 3, 3, 1}, std::vector<float>(9, 1.f), {},
              Options(ir::Padding::kValid, 1, 1)};
  auto r = RunFloat(c, {1, 2, 3, 4});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->first, Shape({1, 0, 0, 1}));
  EXPECT_TRUE(r->second.empty());
}

TEST(Conv2DTest, Int8PerChannelBitExact) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {1, 3, 3, 2}, PerTensor(0.05f, -3));
  m.AddConstInput<int8_t>({2, 3, 3, 2},
                          {40,  103, -59, 49,  0,   8,   45,  -127, -52, -72, 123, -121,
                           -108, 61, -83, 64,  -58, -71, 25,  56,   54,  -15, 124, 62,
                           65,  -93, -71, 74,  79,  -89, -123, 111, 10,  -40, 100, 68},
                          PerChannel({0.011f, 0.0043f}, 0));
  m.AddConstInput<int32_t>({2}, {1500, -2300});
  m.AddOutput(DType::kInt8, {}, PerTensor(0.37f, 5));
  m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kSame, 1, 1), 3);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {47, 68, -103, 118, -61, 83, 23, -25, -36, 57, 14, -105, -56, -39, -18,
                          -86, 90, 8});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 3, 3, 2}));
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-53, -5, -21, -4, -28, 8, 6, -8, 53, 23,
                                                      12, -10, 24, 9, 40, 0, 12, 7}));
}

TEST(Conv2DTest, Int8Relu6ClampsInTheQuantizedDomain) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {1, 3, 3, 2}, PerTensor(0.05f, -3));
  m.AddConstInput<int8_t>({2, 3, 3, 2},
                          {40,  103, -59, 49,  0,   8,   45,  -127, -52, -72, 123, -121,
                           -108, 61, -83, 64,  -58, -71, 25,  56,   54,  -15, 124, 62,
                           65,  -93, -71, 74,  79,  -89, -123, 111, 10,  -40, 100, 68},
                          PerChannel({0.011f, 0.0043f}, 0));
  m.AddConstInput<int32_t>({2}, {1500, -2300});
  m.AddOutput(DType::kInt8, {}, PerTensor(0.37f, 5));
  m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kSame, 1, 1, ir::Activation::kRelu6), 3);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {47, 68, -103, 118, -61, 83, 23, -25, -36, 57, 14, -105, -56, -39, -18,
                          -86, 90, 8});
  ASSERT_TRUE(m.Invoke().ok());
  // RELU6 in the output's domain: [zp + round(0 / s), zp + round(6 / s)] = [5, 21].
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{5, 5, 5, 5, 5, 8, 6, 5, 21, 21, 12, 5, 21,
                                                      9, 21, 5, 12, 7}));
}

// Multiplier 0.25 = 2^30 * 2^(-1-31): accumulators -6 and -2 land exactly on
// a rounding tie, where ruy (final shift ties up) and TFLite's reference
// arithmetic (two roundings, ties away from zero) disagree.
TEST(Conv2DTest, Int8UngroupedRoundsLikeRuyAndGroupedLikeReference) {
  const std::vector<int8_t> values = {-6, -2, 6, -10, 2};
  {
    SingleOpModel m;
    const int in = m.AddInput(DType::kInt8, {1, 1, 5, 1}, PerTensor(0.5f, 0));
    m.AddConstInput<int8_t>({1, 1, 1, 1}, {1}, PerTensor(0.5f, 0));
    m.AddConstInput<int32_t>({1}, {0});
    m.AddOutput(DType::kInt8, {}, PerTensor(1.f, 0));
    m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kValid, 1, 1), 3);
    ASSERT_TRUE(m.Build().ok());
    m.SetInput<int8_t>(in, values);
    ASSERT_TRUE(m.Invoke().ok());
    EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-1, 0, 2, -2, 1}));
  }
  {
    // The same values through a 2-group conv (one channel per group).
    SingleOpModel m;
    const int in = m.AddInput(DType::kInt8, {1, 1, 5, 2}, PerTensor(0.5f, 0));
    m.AddConstInput<int8_t>({2, 1, 1, 1}, {1, 1}, PerTensor(0.5f, 0));
    m.AddConstInput<int32_t>({2}, {0, 0});
    m.AddOutput(DType::kInt8, {}, PerTensor(1.f, 0));
    m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kValid, 1, 1), 5);
    ASSERT_TRUE(m.Build().ok());
    std::vector<int8_t> both;
    for (int8_t v : values) both.insert(both.end(), {v, v});
    m.SetInput<int8_t>(in, both);
    ASSERT_TRUE(m.Invoke().ok());
    EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-2, -2, -1, -1, 2, 2, -3, -3, 1, 1}));
  }
}

TEST(Conv2DTest, Uint8WithFilterZeroPointBitExact) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kUInt8, {1, 2, 3, 2}, PerTensor(0.02f, 120));
  m.AddConstInput<uint8_t>({3, 2, 2, 2},
                           {109, 92, 176, 253, 160, 45, 236, 125, 132, 34, 140, 129,
                            74,  37, 245, 231, 212, 81, 91,  152, 248, 145, 67, 70},
                           PerTensor(0.005f, 130));
  m.AddConstInput<int32_t>({3}, {700, -1200, 50}, PerTensor(0.0001f, 0));
  m.AddOutput(DType::kUInt8, {}, PerTensor(0.04f, 100));
  m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kValid, 1, 1));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<uint8_t>(in, {153, 191, 80, 91, 81, 183, 13, 76, 161, 71, 82, 24});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 1, 2, 3}));
  EXPECT_EQ(m.Output<uint8_t>(0), (std::vector<uint8_t>{93, 104, 68, 126, 73, 133}));
}

TEST(Conv2DTest, Uint8Relu6) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kUInt8, {1, 2, 3, 2}, PerTensor(0.02f, 120));
  m.AddConstInput<uint8_t>({3, 2, 2, 2},
                           {109, 92, 176, 253, 160, 45, 236, 125, 132, 34, 140, 129,
                            74,  37, 245, 231, 212, 81, 91,  152, 248, 145, 67, 70},
                           PerTensor(0.005f, 130));
  m.AddConstInput<int32_t>({3}, {700, -1200, 50});
  m.AddOutput(DType::kUInt8, {}, PerTensor(0.04f, 100));
  m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kValid, 1, 1, ir::Activation::kRelu6));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<uint8_t>(in, {153, 191, 80, 91, 81, 183, 13, 76, 161, 71, 82, 24});
  ASSERT_TRUE(m.Invoke().ok());
  // RELU6 range [100, 250]: the negative results clamp to the zero point.
  EXPECT_EQ(m.Output<uint8_t>(0), (std::vector<uint8_t>{100, 104, 100, 126, 100, 133}));
}

const std::vector<int16_t> kInt16Input = {-3413, 17778, 28914,  -20800, -899,   27727,
                                          -416,  3095,  -12389, -9402,  19545,  30059,
                                          21642, -7751, 29723,  4908,   -19211, -13170};
const std::vector<int8_t> kInt16Filter = {-120, 56, -48, 65, 41, 113, -100, 121,
                                          96,   6,  54,  -56, 51, 100, 60,  -126};

TEST(Conv2DTest, Int16x8WithInt64BiasUsesWideAccumulator) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt16, {1, 3, 3, 2}, PerTensor(0.001f, 0));
  m.AddConstInput<int8_t>({2, 2, 2, 2}, kInt16Filter, PerChannel({0.01f, 0.02f}, 0));
  m.AddConstInput<int64_t>({2}, {123456, -98765});
  m.AddOutput(DType::kInt16, {}, PerTensor(0.05f, 0));
  m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kValid, 1, 1), 4);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int16_t>(in, kInt16Input);
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 2, 2, 2}));
  EXPECT_EQ(m.Output<int16_t>(0),
            (std::vector<int16_t>{-155, 1254, -511, -1294, -407, 492, 840, 216}));
}

TEST(Conv2DTest, Int16x8WithDeclaredInt32BiasUsesGemmPath) {
  // With quantized_bias_type int32 TFLite runs the 32-bit GEMM path (ruy's
  // rounding); element 4 differs by one from the 64-bit reference stage.
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt16, {1, 3, 3, 2}, PerTensor(0.001f, 0));
  m.AddConstInput<int8_t>({2, 2, 2, 2}, kInt16Filter, PerChannel({0.01f, 0.02f}, 0));
  m.AddConstInput<int32_t>({2}, {12345, -9876});
  m.AddOutput(DType::kInt16, {}, PerTensor(0.0007f, 0));
  ir::Conv2DOptions o = Options(ir::Padding::kValid, 1, 1);
  o.quantized_bias_type = DType::kInt32;
  m.SetOp(ir::OpType::kConv2D, o, 8);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int16_t>(in, kInt16Input);
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int16_t>(0), (std::vector<int16_t>{-12692, 32767, -32768, -32768, -30684,
                                                        32767, 32767, 17998}));
}

TEST(Conv2DTest, HybridSymmetricPerTensorFilter) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 2, 2, 2});
  m.AddConstInput<int8_t>({2, 2, 1, 2}, {10, -20, 30, 5, -7, 14, 100, -127},
                          PerTensor(0.02f, 0));
  m.AddConstInput<float>({2}, {0.5f, -0.25f});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kSame, 1, 1), 2);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {0.3f, -1.2f, 0.75f, 2.5f, -0.6f, 0.1f, 1.9f, -2.2f});
  ASSERT_TRUE(m.Invoke().ok());
  // The input is quantized symmetrically (scale 2.5 / 127), so the result
  // carries that quantization error; a float conv would give 0.69, -2.082...
  ExpectNear(m.Output<float>(0),
             {0.69488192f, -2.05866146f, 0.57480317f, 9.76417351f, 0.34251970f, -0.13976377f,
              1.76377952f, -1.13464570f},
             2e-6f);
}

TEST(Conv2DTest, HybridAsymmetricPerChannelFilter) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 2, 2, 2});
  m.AddConstInput<int8_t>({2, 2, 1, 2}, {10, -20, 30, 5, -7, 14, 100, -127},
                          PerChannel({0.02f, 0.03f}, 0));
  m.AddConstInput<float>({2}, {0.5f, -0.25f});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kSame, 1, 1), 5);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {0.3f, -1.2f, 0.75f, 2.5f, -0.6f, 0.1f, 1.9f, -2.2f});
  ASSERT_TRUE(m.Invoke().ok());
  // Distinct per-channel scales: asymmetric per-batch input quantization
  // (scale 3.7 / 255 fitted to [-2.2, 2.5]... nudged zero point -9).
  ExpectNear(m.Output<float>(0),
             {0.68247056f, -2.99092937f, 0.56819606f, 14.69600010f, 0.34149021f, -0.08356471f,
              1.75701964f, -1.56987059f},
             4e-6f);
}

TEST(Conv2DTest, ResultsDoNotDependOnThreadCount) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> dist(-128, 127);
  std::vector<int8_t> input(2 * 9 * 11 * 8);
  std::vector<int8_t> filter(16 * 3 * 3 * 8);
  for (auto& v : input) v = static_cast<int8_t>(dist(rng));
  for (auto& v : filter) v = static_cast<int8_t>(dist(rng) | 1);
  std::vector<float> scales(16);
  for (int i = 0; i < 16; ++i) scales[static_cast<size_t>(i)] = 0.001f * static_cast<float>(i + 1);
  std::vector<int8_t> outputs[2];
  for (int t = 0; t < 2; ++t) {
    SingleOpModel m;
    const int in = m.AddInput(DType::kInt8, {2, 9, 11, 8}, PerTensor(0.1f, 3));
    m.AddConstInput<int8_t>({16, 3, 3, 8}, filter, PerChannel(scales, 0));
    m.AddConstInput<int32_t>({16}, std::vector<int32_t>(16, 100));
    m.AddOutput(DType::kInt8, {}, PerTensor(0.5f, -2));
    m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kSame, 2, 1), 3);
    InterpreterOptions opts;
    opts.num_threads = t == 0 ? 1 : 2;
    ASSERT_TRUE(m.Build(opts).ok());
    m.SetInput<int8_t>(in, input);
    ASSERT_TRUE(m.Invoke().ok());
    EXPECT_EQ(m.OutputShape(0), Shape({2, 5, 11, 16}));
    outputs[t] = m.Output<int8_t>(0);
  }
  EXPECT_EQ(outputs[0], outputs[1]);
}

// --- errors

Status BuildFloat(const Shape& input, const Shape& filter, const ir::Conv2DOptions& o) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, input);
  m.AddConstInput<float>(filter, std::vector<float>(static_cast<size_t>(filter.NumElements()), 1));
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kConv2D, o);
  return m.Build();
}

void ExpectError(const Status& s, const std::string& fragment) {
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("CONV_2D"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find(fragment), std::string::npos) << s.message();
}

TEST(Conv2DTest, FilterOfRank3IsRejected) {
  ExpectError(BuildFloat({1, 4, 4, 2}, {3, 3, 2}, Options(ir::Padding::kSame, 1, 1)),
              "has 3 dims [3, 3, 2], expected 4");
}

TEST(Conv2DTest, MismatchedChannelsAreRejected) {
  ExpectError(BuildFloat({1, 4, 4, 3}, {2, 3, 3, 2}, Options(ir::Padding::kSame, 1, 1)),
              "has 3 channels but filter");
}

TEST(Conv2DTest, OutputChannelsNotDivisibleByGroupsAreRejected) {
  ExpectError(BuildFloat({1, 4, 4, 4}, {3, 1, 1, 2}, Options(ir::Padding::kSame, 1, 1)),
              "not a multiple of the 2 groups");
}

TEST(Conv2DTest, ZeroStrideIsRejected) {
  ExpectError(BuildFloat({1, 4, 4, 1}, {1, 3, 3, 1}, Options(ir::Padding::kSame, 0, 1)),
              "strides must be positive");
}

TEST(Conv2DTest, WrongPerChannelScaleCountIsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {1, 3, 3, 2}, PerTensor(0.05f, 0));
  m.AddConstInput<int8_t>({2, 1, 1, 2}, {1, 2, 3, 4}, PerChannel({0.1f, 0.2f, 0.3f}, 0));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.1f, 0));
  m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kSame, 1, 1), 3);
  ExpectError(m.Build(), "has 3 scales along dimension 0, expected 1 or 2");
}

TEST(Conv2DTest, UnsupportedInputTypeIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kInt32, {1, 3, 3, 1});
  m.AddConstInput<int32_t>({1, 1, 1, 1}, {1});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kSame, 1, 1));
  const Status s = m.Build();
  ExpectError(s, "is int32; this op supports float32, uint8, int8, int16");
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
}

TEST(Conv2DTest, MixedInt8InputAndUint8FilterIsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {1, 3, 3, 1}, PerTensor(0.05f, 0));
  m.AddConstInput<uint8_t>({1, 1, 1, 1}, {1}, PerTensor(0.05f, 128));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.1f, 0));
  m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kSame, 1, 1), 3);
  ExpectError(m.Build(), "is uint8, expected int8");
}

TEST(Conv2DTest, Int16WithNonZeroZeroPointIsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kInt16, {1, 3, 3, 1}, PerTensor(0.05f, 4));
  m.AddConstInput<int8_t>({1, 1, 1, 1}, {1}, PerTensor(0.05f, 0));
  m.AddConstInput<int64_t>({1}, {0});
  m.AddOutput(DType::kInt16, {}, PerTensor(0.1f, 0));
  m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kSame, 1, 1), 4);
  ExpectError(m.Build(), "int16 input and output need zero point 0");
}

TEST(Conv2DTest, AsymmetricInt8FilterIsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {1, 3, 3, 1}, PerTensor(0.05f, 0));
  m.AddConstInput<int8_t>({1, 1, 1, 1}, {1}, PerTensor(0.05f, 3));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.1f, 0));
  m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kSame, 1, 1), 3);
  ExpectError(m.Build(), "int8 filters must be symmetric");
}

TEST(Conv2DTest, BiasOfWrongLengthIsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 3, 3, 1});
  m.AddConstInput<float>({2, 1, 1, 1}, {1, 2});
  m.AddConstInput<float>({3}, {1, 2, 3});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kConv2D, Options(ir::Padding::kSame, 1, 1));
  ExpectError(m.Build(), "has 3 elements, expected 2");
}

TEST(Conv2DTest, TanhActivationIsUnimplemented) {
  ExpectError(BuildFloat({1, 3, 3, 1}, {1, 1, 1, 1},
                         Options(ir::Padding::kSame, 1, 1, ir::Activation::kTanh)),
              "fused activation");
}

}  // namespace
}  // namespace liteforge::ops
