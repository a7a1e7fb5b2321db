// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected integers computed by hand and with an independent Python model
// (double division per tensor, float division per channel, TFLite's
// fixed-point requantization).

#include <gtest/gtest.h>

#include <limits>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerChannel;
using testing::PerTensor;
using testing::SingleOpModel;

template <typename In, typename Out>
std::vector<Out> RunOp(const std::vector<In>& in, const Shape& shape, const QuantParams& qin,
                       const QuantParams& qout) {
  SingleOpModel m;
  const int x = m.AddInput(DTypeOf<In>::value, shape, qin);
  m.AddOutput(DTypeOf<Out>::value, {}, qout);
  m.SetOp(ir::OpType::kQuantize);
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<In>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), shape);
  return m.Output<Out>(0);
}

TEST(QuantizeTest, FloatToUint8RoundsHalfAwayInDouble) {
  // 0.05f / 0.1f is exactly 0.5 -> 1; 0.25f / 0.1f is 2.4999999627 in double -> 2.
  EXPECT_EQ((RunOp<float, uint8_t>({-1.f, 0.f, 0.05f, 0.15f, 0.25f, 1.f, 100.f}, {7}, {},
                                   PerTensor(0.1f, 10))),
            (std::vector<uint8_t>{0, 10, 11, 12, 12, 20, 255}));
}

TEST(QuantizeTest, FloatToInt8) {
  EXPECT_EQ((RunOp<float, int8_t>({-100.f, -0.35f, -0.25f, 0.f, 0.25f, 0.35f, 100.f}, {7}, {},
                                  PerTensor(0.1f, -3))),
            (std::vector<int8_t>{-128, -6, -5, -3, -1, 0, 127}));
}

TEST(QuantizeTest, FloatToInt16) {
  EXPECT_EQ((RunOp<float, int16_t>({-40.f, -0.0015f, 0.0015f, 0.0025f, 1.f, 40.f}, {2, 3}, {},
                                   PerTensor(0.001f, 0))),
            (std::vector<int16_t>{-32768, -1, 1, 2, 1000, 32767}));
}

TEST(QuantizeTest, FloatToInt8PerChannelDividesInFloat) {
  // Channel 0: 0.25f / 0.1f rounds to 2.5f in float, then away from zero -> 3.
  EXPECT_EQ((RunOp<float, int8_t>({0.25f, 0.25f, 0.25f, -1.f, 1.3f, 1.25f}, {2, 3}, {},
                                  PerChannel({0.1f, 0.2f, 0.5f}, 1, {0, 1, -2}))),
            (std::vector<int8_t>{3, 2, -1, -10, 7, 1}));
}

TEST(QuantizeTest, FloatToUint8PerChannel) {
  EXPECT_EQ((RunOp<float, uint8_t>({-100.f, 0.f, 0.35f, 100.f, -0.3f, 0.75f}, {2, 3}, {},
                                   PerChannel({0.1f, 0.2f, 0.5f}, 1, {0, 128, 5}))),
            (std::vector<uint8_t>{0, 128, 6, 255, 126, 7}));
}

TEST(QuantizeTest, RequantizeInt8ToUint8) {
  EXPECT_EQ((RunOp<int8_t, uint8_t>({-128, -1, 0, 127}, {4}, PerTensor(0.1f, -1),
                                    PerTensor(0.1f, 127))),
            (std::vector<uint8_t>{0, 127, 128, 255}));
}

TEST(QuantizeTest, RequantizeUint8ToInt8) {
  EXPECT_EQ((RunOp<uint8_t, int8_t>({0, 100, 128, 255}, {4}, PerTensor(0.05f, 128),
                                    PerTensor(0.1f, 0))),
            (std::vector<int8_t>{-64, -14, 0, 64}));
}

TEST(QuantizeTest, RequantizeInt8ToInt8) {
  EXPECT_EQ((RunOp<int8_t, int8_t>({-128, -20, 0, 20, 127}, {5}, PerTensor(0.1f, 0),
                                   PerTensor(0.03f, 5))),
            (std::vector<int8_t>{-128, -62, 5, 72, 127}));
}

TEST(QuantizeTest, RequantizeInt16ToInt8) {
  EXPECT_EQ((RunOp<int16_t, int8_t>({-32768, -1000, 0, 999, 32767}, {5}, PerTensor(0.001f, 0),
                                    PerTensor(0.05f, 3))),
            (std::vector<int8_t>{-128, -17, 3, 23, 127}));
}

TEST(QuantizeTest, RequantizeInt16ToInt32) {
  EXPECT_EQ((RunOp<int16_t, int32_t>({-32768, -3, 0, 3, 32767}, {5}, PerTensor(0.001f, 0),
                                     PerTensor(0.0001f, 0))),
            (std::vector<int32_t>{-327680, -30, 0, 30, 327670}));
}

TEST(QuantizeTest, RequantizeInt32ToInt16) {
  EXPECT_EQ((RunOp<int32_t, int16_t>({std::numeric_limits<int32_t>::min(), -1000000, 0, 123456,
                                      std::numeric_limits<int32_t>::max()},
                                     {5}, PerTensor(1e-6f, 0), PerTensor(0.001f, 0))),
            (std::vector<int16_t>{-32768, -1000, 0, 123, 32767}));
}

TEST(QuantizeTest, RequantizeInt16ToInt16) {
  EXPECT_EQ((RunOp<int16_t, int16_t>({-32768, -3, 0, 3, 32767}, {5}, PerTensor(0.001f, 0),
                                     PerTensor(0.0007f, 0))),
            (std::vector<int16_t>{-32768, -4, 0, 4, 32767}));
}

TEST(QuantizeTest, UnsupportedPairIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kUInt8, {2}, PerTensor(0.1f, 0));
  m.AddOutput(DType::kInt16, {}, PerTensor(0.1f, 0));
  m.SetOp(ir::OpType::kQuantize);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  EXPECT_NE(s.message().find("QUANTIZE"), std::string::npos) << s.message();
}

TEST(QuantizeTest, OutputWithoutQuantizationIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2});
  m.AddOutput(DType::kInt8);
  m.SetOp(ir::OpType::kQuantize);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("no quantization"), std::string::npos) << s.message();
}

TEST(QuantizeTest, PerChannelScaleCountMustMatchTheDimension) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 3});
  m.AddOutput(DType::kInt8, {}, PerChannel({0.1f, 0.2f}, 1));
  m.SetOp(ir::OpType::kQuantize);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("2 scales"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
