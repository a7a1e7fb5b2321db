// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected integers from an independent Python model of TFLite's quantized
// LEAKY_RELU (identity and alpha multipliers formed in float).

#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

template <typename T>
std::vector<T> RunOp(const std::vector<T>& in, float alpha, const QuantParams& qin,
                   const QuantParams& qout) {
  SingleOpModel m;
  const int x = m.AddInput(DTypeOf<T>::value, {static_cast<int32_t>(in.size())}, qin);
  m.AddOutput(DTypeOf<T>::value, {}, qout);
  m.SetOp(ir::OpType::kLeakyRelu, ir::LeakyReluOptions{alpha});
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<T>(0);
}

TEST(LeakyReluTest, Float) {
  EXPECT_EQ(RunOp<float>({-4.f, -1.f, 0.f, 2.5f}, 0.25f, {}, {}),
            (std::vector<float>{-1.f, -0.25f, 0.f, 2.5f}));
}

TEST(LeakyReluTest, FloatAlphaAboveOneOrNegative) {
  EXPECT_EQ(RunOp<float>({-2.f, 3.f}, 2.0f, {}, {}), (std::vector<float>{-4.f, 3.f}));
  EXPECT_EQ(RunOp<float>({-2.f, 3.f}, -0.5f, {}, {}), (std::vector<float>{1.f, 3.f}));
}

TEST(LeakyReluTest, Int8) {
  EXPECT_EQ(RunOp<int8_t>({-128, -50, -1, 0, 1, 50, 127}, 0.2f, PerTensor(0.05f, -3),
                        PerTensor(0.04f, 2)),
            (std::vector<int8_t>{-30, -10, 5, 6, 7, 68, 127}));
}

TEST(LeakyReluTest, Uint8) {
  EXPECT_EQ(RunOp<uint8_t>({0, 20, 99, 100, 101, 180, 255}, 0.1f, PerTensor(0.1f, 100),
                         PerTensor(0.08f, 60)),
            (std::vector<uint8_t>{47, 50, 60, 60, 61, 160, 254}));
}

TEST(LeakyReluTest, Int16) {
  EXPECT_EQ(RunOp<int16_t>({-32768, -1000, -3, 0, 3, 1000, 32767}, 0.3f, PerTensor(0.001f, 0),
                         PerTensor(0.0015f, 0)),
            (std::vector<int16_t>{-6554, -200, -1, 0, 2, 667, 21845}));
}

TEST(LeakyReluTest, Int16NegativeAlphaSaturates) {
  EXPECT_EQ(RunOp<int16_t>({-32768, -1000, -3, 0, 3, 1000, 32767}, -0.5f, PerTensor(0.001f, 0),
                         PerTensor(0.001f, 0)),
            (std::vector<int16_t>{16384, 500, 2, 0, 3, 1000, 32767}));
}

TEST(LeakyReluTest, Int16NeedsZeroPointZero) {
  SingleOpModel m;
  m.AddInput(DType::kInt16, {2}, PerTensor(0.001f, 0));
  m.AddOutput(DType::kInt16, {}, PerTensor(0.001f, 5));
  m.SetOp(ir::OpType::kLeakyRelu, ir::LeakyReluOptions{0.1f});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("LEAKY_RELU"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("zero point 0"), std::string::npos) << s.message();
}

TEST(LeakyReluTest, UnsupportedDTypeIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kInt32, {2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kLeakyRelu, ir::LeakyReluOptions{0.1f});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
}

}  // namespace
}  // namespace liteforge::ops
