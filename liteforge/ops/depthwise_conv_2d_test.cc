// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// DEPTHWISE_CONV_2D tests. Expected values were worked out by hand (small
// float cases) and with a separate numpy model of TFLite's arithmetic
// (quantized cases: QuantizeMultiplier encoding, the reference fixed-point
// rounding TFLite's depthwise kernels use, the Q15 stage of int16).

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerChannel;
using testing::PerTensor;
using testing::SingleOpModel;

ir::DepthwiseConv2DOptions Options(ir::Padding padding, int stride, int depth_multiplier,
                                   ir::Activation act = ir::Activation::kNone,
                                   int dilation = 1) {
  ir::DepthwiseConv2DOptions o;
  o.padding = padding;
  o.stride_h = stride;
  o.stride_w = stride;
  o.depth_multiplier = depth_multiplier;
  o.activation = act;
  o.dilation_h = dilation;
  o.dilation_w = dilation;
  return o;
}

std::vector<float> Iota(int n, float start = 1.f) {
  std::vector<float> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = start + static_cast<float>(i);
  return v;
}

TEST(DepthwiseConv2DTest, FloatSameWithBias) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 3, 3, 2});
  m.AddConstInput<float>({1, 3, 3, 2},
                         {1, 0, 0, 1, -1, 2, 2, -1, 1, 1, 0, 0, 0.5f, -0.5f, 1, 2, -2, 1});
  m.AddConstInput<float>({2}, {0.5f, -1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kDepthwiseConv2D, Options(ir::Padding::kSame, 1, 1));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, Iota(18));
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 3, 3, 2}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{-9.5f, 27, -4, 29, 27, 20, -12.5f, 61, 7, 60,
                                                    57, 35, 4.5f, 41, 37.5f, 35, 56.5f, 13}));
}

TEST(DepthwiseConv2DTest, FloatSameWithRelu) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 3, 3, 2});
  m.AddConstInput<float>({1, 3, 3, 2},
                         {1, 0, 0, 1, -1, 2, 2, -1, 1, 1, 0, 0, 0.5f, -0.5f, 1, 2, -2, 1});
  m.AddConstInput<float>({2}, {0.5f, -1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kDepthwiseConv2D,
          Options(ir::Padding::kSame, 1, 1, ir::Activation::kRelu));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, Iota(18));
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{0, 27, 0, 29, 27, 20, 0, 61, 7, 60, 57, 35,
                                                    4.5f, 41, 37.5f, 35, 56.5f, 13}));
}

TEST(DepthwiseConv2DTest, FloatDepthMultiplierAndStride) {
  // Multiplier 2: output channels 0,1 read input channel 0; 2,3 channel 1.
  std::vector<float> filter = Iota(36);
  for (float& v : filter) v *= 0.5f;
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 3, 3, 2});
  m.AddConstInput<float>({1, 3, 3, 4}, filter);
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kDepthwiseConv2D, Options(ir::Padding::kValid, 2, 2));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, Iota(18));
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 1, 1, 4}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{928.5f, 969, 1095, 1140}));
}

TEST(DepthwiseConv2DTest, FloatDilation) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 5, 5, 1});
  m.AddConstInput<float>({1, 2, 2, 1}, {1, -1, 2, 3});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kDepthwiseConv2D,
          Options(ir::Padding::kValid, 1, 1, ir::Activation::kNone, 2));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, Iota(25));
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 3, 3, 1}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{59, 64, 69, 84, 89, 94, 109, 114, 119}));
}

TEST(DepthwiseConv2DTest, DepthMultiplierAttributeIsIgnoredForFloat) {
  // TFLite derives the multiplier from the shapes; old converters wrote 0.
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 1, 1, 2});
  m.AddConstInput<float>({1, 1, 1, 4}, {1, 2, 3, 4});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kDepthwiseConv2D, Options(ir::Padding::kValid, 1, 0));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {10, 100});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{10, 20, 300, 400}));
}

TEST(DepthwiseConv2DTest, Int8PerChannelBitExact) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {1, 3, 3, 2}, PerTensor(0.04f, 2));
  m.AddConstInput<int8_t>({1, 3, 3, 2},
                          {16, -14, 54, 104, -47, -100, -83, 78, 76, -62, 48, -97, 85, -41, -2,
                           19, 127, -6},
                          PerChannel({0.012f, 0.007f}, 3));
  m.AddConstInput<int32_t>({2}, {300, -250});
  m.AddOutput(DType::kInt8, {}, PerTensor(0.09f, -4));
  m.SetOp(ir::OpType::kDepthwiseConv2D, Options(ir::Padding::kSame, 2, 1), 3);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {-29, 78, 111, 61, 102, -10, 16, -55, -120, 100, 103, 62, 27, -16, 30,
                          80, -121, 76});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 2, 2, 2}));
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-70, -42, -67, 3, 50, -74, -46, 15}));
}

// Multiplier 0.25: accumulators -6 and -2 are rounding ties. TFLite's
// depthwise kernels round twice with ties away from zero (-2 and -1), not
// like the GEMM backend (-1 and 0).
TEST(DepthwiseConv2DTest, Int8RoundsLikeTfliteReferenceArithmetic) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {1, 1, 5, 1}, PerTensor(0.5f, 0));
  m.AddConstInput<int8_t>({1, 1, 1, 1}, {1}, PerTensor(0.5f, 0));
  m.AddConstInput<int32_t>({1}, {0});
  m.AddOutput(DType::kInt8, {}, PerTensor(1.f, 0));
  m.SetOp(ir::OpType::kDepthwiseConv2D, Options(ir::Padding::kValid, 1, 1), 3);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {-6, -2, 6, -10, 2});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-2, -1, 2, -3, 1}));
}

TEST(DepthwiseConv2DTest, Uint8WithFilterZeroPointAndMultiplier) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kUInt8, {1, 2, 2, 2}, PerTensor(0.03f, 110));
  m.AddConstInput<uint8_t>({1, 2, 2, 4},
                           {144, 206, 5, 58, 0, 208, 132, 110, 164, 105, 179, 27, 31, 2, 68, 38},
                           PerTensor(0.006f, 140));
  m.AddConstInput<int32_t>({4}, {100, -200, 300, -400});
  m.AddOutput(DType::kUInt8, {}, PerTensor(0.05f, 90));
  m.SetOp(ir::OpType::kDepthwiseConv2D, Options(ir::Padding::kSame, 1, 2));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<uint8_t>(in, {137, 106, 41, 233, 190, 129, 210, 103});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 2, 2, 4}));
  EXPECT_EQ(m.Output<uint8_t>(0), (std::vector<uint8_t>{93, 19, 94, 71, 98, 60, 30, 55, 41, 133,
                                                        82, 84, 92, 113, 94, 91}));
}

TEST(DepthwiseConv2DTest, Int16WithInt64Bias) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt16, {1, 3, 3, 2}, PerTensor(0.0005f, 0));
  m.AddConstInput<int8_t>({1, 2, 2, 2}, {4, -36, -49, 28, 30, -94, 90, -42},
                          PerChannel({0.01f, 0.004f}, 3));
  m.AddConstInput<int64_t>({2}, {40000, -70000});
  m.AddOutput(DType::kInt16, {}, PerTensor(0.01f, 0));
  m.SetOp(ir::OpType::kDepthwiseConv2D, Options(ir::Padding::kValid, 1, 1), 5);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int16_t>(in, {29801, 32723, 16531, 8466, 29553, -3851, -15225, -9372, 29036, -29075,
                           13982, 24766, 7947, 24043, -31933, -8836, 7617, 30903});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 2, 2, 2}));
  EXPECT_EQ(m.Output<int16_t>(0),
            (std::vector<int16_t>{753, 218, 394, 242, -2040, -487, -401, 241}));
}

TEST(DepthwiseConv2DTest, HybridMatchesQuantizedInputArithmetic) {
  // The float input is quantized asymmetrically per batch; the result is
  // close to, but not exactly, the float depthwise conv.
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 1, 2, 2});
  m.AddConstInput<int8_t>({1, 1, 2, 2}, {100, -50, 25, 127}, PerChannel({0.01f, 0.02f}, 3));
  m.AddConstInput<float>({2}, {0.25f, -0.5f});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kDepthwiseConv2D, Options(ir::Padding::kValid, 1, 1), 6);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1.0f, -2.0f, 0.5f, 3.0f});
  ASSERT_TRUE(m.Invoke().ok());
  const std::vector<float> out = m.Output<float>(0);
  ASSERT_EQ(out.size(), 2u);
  // Quantization: range [-2, 3], scale 5/255, zero point round(-128 + 102) = -26;
  // q(x) = round(-26 + x * 51): 1 -> 25, -2 -> -128, 0.5 -> -1 (the tie -0.5
  // rounds away from zero), 3 -> 127.
  // acc0 = 100 * (25 + 26) + 25 * (-1 + 26) = 5725
  // acc1 = -50 * (-128 + 26) + 127 * (127 + 26) = 24531
  const float s = 5.0f / 255.0f;
  EXPECT_FLOAT_EQ(out[0], 5725.f * (0.01f * s) + 0.25f);
  EXPECT_FLOAT_EQ(out[1], 24531.f * (0.02f * s) - 0.5f);
}

TEST(DepthwiseConv2DTest, ResultsDoNotDependOnThreadCount) {
  std::mt19937 rng(9);
  std::uniform_int_distribution<int> dist(0, 255);
  std::vector<uint8_t> input(2 * 13 * 7 * 6);
  std::vector<uint8_t> filter(3 * 3 * 12);
  for (auto& v : input) v = static_cast<uint8_t>(dist(rng));
  for (auto& v : filter) v = static_cast<uint8_t>(dist(rng));
  std::vector<uint8_t> outputs[2];
  for (int t = 0; t < 2; ++t) {
    SingleOpModel m;
    const int in = m.AddInput(DType::kUInt8, {2, 13, 7, 6}, PerTensor(0.02f, 128));
    m.AddConstInput<uint8_t>({1, 3, 3, 12}, filter, PerTensor(0.01f, 120));
    m.AddConstInput<int32_t>({12}, std::vector<int32_t>(12, -50));
    m.AddOutput(DType::kUInt8, {}, PerTensor(0.1f, 100));
    m.SetOp(ir::OpType::kDepthwiseConv2D, Options(ir::Padding::kSame, 2, 2));
    InterpreterOptions opts;
    opts.num_threads = t == 0 ? 1 : 2;
    ASSERT_TRUE(m.Build(opts).ok());
    m.SetInput<uint8_t>(in, input);
    ASSERT_TRUE(m.Invoke().ok());
    EXPECT_EQ(m.OutputShape(0), Shape({2, 7, 4, 12}));
    outputs[t] = m.Output<uint8_t>(0);
  }
  EXPECT_EQ(outputs[0], outputs[1]);
}

// The SIMD sweeps (3x3 sliding, 5x5 row passes, the generic one) on
// layers large enough to be split over threads: 1 and 2 threads and the
// reference kernels give the same bytes, for int8 and float32.
struct SplitCase {
  DType dtype;
  int size, channels, filter, stride;
  ir::Activation act;
};

std::vector<uint8_t> RunSplitCase(const SplitCase& c, int threads, Isa isa) {
  std::mt19937 rng(21);
  const bool is_float = c.dtype == DType::kFloat32;
  const size_t in_n = static_cast<size_t>(c.size) * c.size * c.channels;
  const size_t w_n = static_cast<size_t>(c.filter) * c.filter * c.channels;
  SingleOpModel m;
  const auto q = [&](float scale, int zp) {
    return is_float ? QuantParams{} : PerTensor(scale, zp);
  };
  const int in = m.AddInput(c.dtype, {1, c.size, c.size, c.channels}, q(0.05f, -3));
  if (is_float) {
    std::uniform_real_distribution<float> d(-1.f, 1.f);
    std::vector<float> w(w_n), b(static_cast<size_t>(c.channels));
    for (float& x : w) x = d(rng);
    for (float& x : b) x = d(rng);
    m.AddConstInput<float>({1, c.filter, c.filter, c.channels}, w);
    m.AddConstInput<float>({c.channels}, b);
  } else {
    std::uniform_int_distribution<int> d(-127, 127);
    std::vector<int8_t> w(w_n);
    std::vector<int32_t> b(static_cast<size_t>(c.channels));
    for (int8_t& x : w) x = static_cast<int8_t>(d(rng));
    for (int32_t& x : b) x = d(rng) * 40;
    m.AddConstInput<int8_t>({1, c.filter, c.filter, c.channels}, w, PerTensor(0.01f, 0));
    m.AddConstInput<int32_t>({c.channels}, b, PerTensor(0.0005f, 0));
  }
  m.AddOutput(c.dtype, {}, q(0.08f, 5));
  m.SetOp(ir::OpType::kDepthwiseConv2D, Options(ir::Padding::kSame, c.stride, 1, c.act));
  InterpreterOptions opts;
  opts.num_threads = threads;
  opts.max_isa = isa;
  EXPECT_TRUE(m.Build(opts).ok());
  if (is_float) {
    std::uniform_real_distribution<float> d(-2.f, 2.f);
    std::vector<float> x(in_n);
    for (float& v : x) v = d(rng);
    m.SetInput<float>(in, x);
  } else {
    std::vector<int8_t> x(in_n);
    for (int8_t& v : x) v = static_cast<int8_t>(rng());
    m.SetInput<int8_t>(in, x);
  }
  EXPECT_TRUE(m.Invoke().ok());
  std::vector<uint8_t> bytes;
  if (is_float) {
    const std::vector<float> out = m.Output<float>(0);
    bytes.resize(out.size() * sizeof(float));
    std::memcpy(bytes.data(), out.data(), bytes.size());
  } else {
    const std::vector<int8_t> out = m.Output<int8_t>(0);
    bytes.assign(reinterpret_cast<const uint8_t*>(out.data()),
                 reinterpret_cast<const uint8_t*>(out.data()) + out.size());
  }
  return bytes;
}

TEST(DepthwiseConv2DTest, SimdSweepsMatchReferenceForAnyThreadCount) {
  const SplitCase cases[] = {
      {DType::kInt8, 41, 40, 3, 1, ir::Activation::kRelu6},
      {DType::kInt8, 42, 48, 3, 2, ir::Activation::kNone},
      {DType::kInt8, 20, 24, 5, 1, ir::Activation::kNone},
      {DType::kFloat32, 41, 40, 3, 1, ir::Activation::kRelu6},
      {DType::kFloat32, 42, 8, 3, 2, ir::Activation::kNone},
      {DType::kFloat32, 30, 36, 5, 1, ir::Activation::kNone},
      {DType::kFloat32, 31, 20, 5, 2, ir::Activation::kRelu},
  };
  for (const SplitCase& c : cases) {
    SCOPED_TRACE("size " + std::to_string(c.size) + " channels " + std::to_string(c.channels) +
                 " filter " + std::to_string(c.filter) + " stride " + std::to_string(c.stride));
    const std::vector<uint8_t> reference = RunSplitCase(c, 1, Isa::kReference);
    EXPECT_EQ(RunSplitCase(c, 1, DefaultMaxIsa()), reference);
    EXPECT_EQ(RunSplitCase(c, 2, DefaultMaxIsa()), reference);
  }
}

// --- errors

void ExpectError(const Status& s, const std::string& fragment) {
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("DEPTHWISE_CONV_2D"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find(fragment), std::string::npos) << s.message();
}

Status BuildFloat(const Shape& input, const Shape& filter, const ir::DepthwiseConv2DOptions& o) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, input);
  m.AddConstInput<float>(filter, std::vector<float>(static_cast<size_t>(filter.NumElements()), 1));
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kDepthwiseConv2D, o);
  return m.Build();
}

TEST(DepthwiseConv2DTest, FilterWithLeadingDimNotOneIsRejected) {
  ExpectError(BuildFloat({1, 4, 4, 2}, {2, 3, 3, 2}, Options(ir::Padding::kSame, 1, 1)),
              "a depthwise filter is [1, height, width, channels]");
}

TEST(DepthwiseConv2DTest, FilterOfRank3IsRejected) {
  ExpectError(BuildFloat({1, 4, 4, 2}, {3, 3, 2}, Options(ir::Padding::kSame, 1, 1)),
              "has 3 dims [3, 3, 2], expected 4");
}

TEST(DepthwiseConv2DTest, ChannelsNotAMultipleAreRejected) {
  ExpectError(BuildFloat({1, 4, 4, 2}, {1, 3, 3, 3}, Options(ir::Padding::kSame, 1, 1)),
              "has 2 channels but filter");
}

TEST(DepthwiseConv2DTest, WrongPerChannelScaleCountIsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {1, 3, 3, 2}, PerTensor(0.05f, 0));
  m.AddConstInput<int8_t>({1, 1, 1, 2}, {1, 2}, PerChannel({0.1f, 0.2f, 0.3f}, 3));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.1f, 0));
  m.SetOp(ir::OpType::kDepthwiseConv2D, Options(ir::Padding::kSame, 1, 1), 3);
  ExpectError(m.Build(), "has 3 scales along dimension 3, expected 1 or 2");
}

TEST(DepthwiseConv2DTest, Int16DepthMultiplierAttributeMustMatchShapes) {
  SingleOpModel m;
  m.AddInput(DType::kInt16, {1, 3, 3, 2}, PerTensor(0.05f, 0));
  m.AddConstInput<int8_t>({1, 1, 1, 4}, {1, 2, 3, 4}, PerTensor(0.1f, 0));
  m.AddConstInput<int64_t>({4}, {0, 0, 0, 0});
  m.AddOutput(DType::kInt16, {}, PerTensor(0.1f, 0));
  m.SetOp(ir::OpType::kDepthwiseConv2D, Options(ir::Padding::kSame, 1, 1), 5);
  ExpectError(m.Build(), "depth_multiplier attribute is 1 but the shapes imply 2");
}

TEST(DepthwiseConv2DTest, UnsupportedInputTypeIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kInt32, {1, 3, 3, 1});
  m.AddConstInput<int32_t>({1, 1, 1, 1}, {1});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kDepthwiseConv2D, Options(ir::Padding::kSame, 1, 1));
  const Status s = m.Build();
  ExpectError(s, "is int32; this op supports float32, uint8, int8, int16");
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
}

}  // namespace
}  // namespace liteforge::ops
