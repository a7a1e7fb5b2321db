// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected integers come from an independent Python model of TFLite's
// LOGISTIC kernels (float32 table build; int16 sigmoid-table and gemmlowp
// paths).

#include <gtest/gtest.h>

#include <cmath>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

template <typename T>
std::vector<T> RunOp(const std::vector<T>& in, const QuantParams& qin, const QuantParams& qout) {
  SingleOpModel m;
  const int x = m.AddInput(DTypeOf<T>::value, {static_cast<int32_t>(in.size())}, qin);
  m.AddOutput(DTypeOf<T>::value, {}, qout);
  m.SetOp(ir::OpType::kLogistic);
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<T>(0);
}

Status BuildError(DType dtype, const QuantParams& qin, const QuantParams& qout) {
  SingleOpModel m;
  m.AddInput(dtype, {2, 3}, qin);
  m.AddOutput(dtype, {}, qout);
  m.SetOp(ir::OpType::kLogistic);
  return m.Build();
}

TEST(LogisticTest, Float) {
  const std::vector<float> in = {-20.f, -1.f, 0.f, 0.5f, 3.f, 30.f};
  const std::vector<float> out = RunOp<float>(in, {}, {});
  ASSERT_EQ(out.size(), in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    EXPECT_NEAR(out[i], 1.0 / (1.0 + std::exp(-static_cast<double>(in[i]))), 1e-7) << in[i];
  }
}

TEST(LogisticTest, FloatKeepsShape) {
  SingleOpModel m;
  const int x = m.AddInput(DType::kFloat32, {2, 1, 3});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kLogistic);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(x, {0, 0, 0, 0, 0, 0});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 1, 3}));
  EXPECT_EQ(m.Output<float>(0), std::vector<float>(6, 0.5f));
}

TEST(LogisticTest, Uint8Table) {
  const std::vector<uint8_t> in = {0, 1, 100, 127, 128, 129, 140, 200, 255};
  EXPECT_EQ(RunOp<uint8_t>(in, PerTensor(0.1f, 128), PerTensor(1.0f / 256, 0)),
            (std::vector<uint8_t>{0, 0, 15, 122, 128, 134, 197, 255, 255}));
}

TEST(LogisticTest, Int8WholeTable) {
  std::vector<int8_t> in;
  for (int q = -128; q <= 127; ++q) in.push_back(static_cast<int8_t>(q));
  const std::vector<int8_t> expected = {
      -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
      -128, -128, -128, -128, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127,
      -127, -127, -127, -127, -127, -127, -126, -126, -126, -126, -126, -126, -126, -126, -126,
      -125, -125, -125, -125, -125, -124, -124, -124, -124, -123, -123, -123, -122, -122, -122,
      -121, -121, -120, -120, -120, -119, -118, -118, -117, -117, -116, -115, -114, -113, -113,
      -112, -111, -110, -109, -107, -106, -105, -104, -102, -101, -99,  -97,  -96,  -94,  -92,
      -90,  -88,  -86,  -84,  -81,  -79,  -76,  -74,  -71,  -68,  -65,  -62,  -59,  -56,  -53,
      -49,  -46,  -42,  -39,  -35,  -31,  -28,  -24,  -20,  -16,  -12,  -8,   -4,   0,    4,
      8,    12,   16,   20,   24,   28,   31,   35,   39,   42,   46,   49,   53,   56,   59,
      62,   65,   68,   71,   74,   76,   79,   81,   84,   86,   88,   90,   92,   94,   96,
      97,   99,   101,  102,  104,  105,  106,  107,  109,  110,  111,  112,  113,  113,  114,
      115,  116,  117,  117,  118,  118,  119,  120,  120,  120,  121,  121,  122,  122,  122,
      123,  123,  123,  124,  124,  124,  124,  125,  125,  125,  125,  125,  126,  126,  126,
      126,  126,  126,  126,  126,  126,  127,  127,  127,  127,  127,  127,  127,  127,  127,
      127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,
      127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,
      127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,
      127};
  EXPECT_EQ(RunOp<int8_t>(in, PerTensor(0.0625f, -10), PerTensor(1.0f / 256, -128)), expected);
}

TEST(LogisticTest, Int16PowerOfTwoScaleUsesFixedPoint) {
  const std::vector<int16_t> in = {-32768, -20000, -4096, -1, 0, 1, 4096, 12345, 32767};
  EXPECT_EQ(RunOp<int16_t>(in, PerTensor(1.0f / 4096, 0), PerTensor(1.0f / 32768, 0)),
            (std::vector<int16_t>{11, 243, 8815, 16383, 16384, 16384, 23952, 31236, 32756}));
}

TEST(LogisticTest, Int16GeneralScaleUsesSigmoidTable) {
  const std::vector<int16_t> in = {-32768, -20000, -4096, -1, 0, 1, 4096, 12345, 32767};
  EXPECT_EQ(RunOp<int16_t>(in, PerTensor(0.0005f, 0), PerTensor(1.0f / 32768, 0)),
            (std::vector<int16_t>{1, 1, 3744, 16380, 16384, 16388, 29024, 32700, 32767}));
}

TEST(LogisticTest, EmptyTensor) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {0, 4}, PerTensor(0.1f, 0));
  m.AddOutput(DType::kInt8, {}, PerTensor(1.0f / 256, -128));
  m.SetOp(ir::OpType::kLogistic);
  ASSERT_TRUE(m.Build().ok());
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({0, 4}));
}

TEST(LogisticTest, Uint8OutputScaleMustBe1Over256) {
  const Status s = BuildError(DType::kUInt8, PerTensor(0.1f, 128), PerTensor(0.01f, 0));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("LOGISTIC"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("expected 1/256"), std::string::npos) << s.message();
}

TEST(LogisticTest, Int16NeedsZeroPointZeroAndOutputScale) {
  Status s = BuildError(DType::kInt16, PerTensor(1.0f / 4096, 3), PerTensor(1.0f / 32768, 0));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("zero point 0"), std::string::npos) << s.message();
  s = BuildError(DType::kInt16, PerTensor(1.0f / 4096, 0), PerTensor(1.0f / 16384, 0));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("1/32768"), std::string::npos) << s.message();
}

TEST(LogisticTest, UnsupportedDTypeIsUnimplemented) {
  const Status s = BuildError(DType::kInt32, {}, {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  EXPECT_NE(s.message().find("int32"), std::string::npos) << s.message();
}

TEST(LogisticTest, MissingQuantizationIsAnError) {
  const Status s = BuildError(DType::kInt8, {}, PerTensor(1.0f / 256, -128));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("input"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
