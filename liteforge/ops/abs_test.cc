// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gtest/gtest.h>

#include <limits>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

template <typename T>
std::vector<T> RunOp(const std::vector<T>& in, const QuantParams& qin = {},
                     const QuantParams& qout = {}) {
  SingleOpModel m;
  const int x = m.AddInput(DTypeOf<T>::value, {static_cast<int32_t>(in.size())}, qin);
  m.AddOutput(DTypeOf<T>::value, {}, qout);
  m.SetOp(ir::OpType::kAbs);
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<T>(0);
}

TEST(AbsTest, Float) {
  EXPECT_EQ(RunOp<float>({-2.5f, -0.f, 0.f, 3.f}), (std::vector<float>{2.5f, 0.f, 0.f, 3.f}));
}

TEST(AbsTest, Int32WrapsAtTheMinimum) {
  EXPECT_EQ(RunOp<int32_t>({-5, 0, 7, std::numeric_limits<int32_t>::min()}),
            (std::vector<int32_t>{5, 0, 7, std::numeric_limits<int32_t>::min()}));
}

TEST(AbsTest, Int16WithoutQuantizationIsPlain) {
  EXPECT_EQ(RunOp<int16_t>({-300, 0, 300, -32768}),
            (std::vector<int16_t>{300, 0, 300, -32768}));
}

TEST(AbsTest, Int8SameScaleOnlyMovesZeroPoint) {
  // |q + 3| - 120, clamped.
  EXPECT_EQ(RunOp<int8_t>({-128, -20, -3, 0, 5, 127}, PerTensor(0.1f, -3), PerTensor(0.1f, -120)),
            (std::vector<int8_t>{5, -103, -120, -117, -112, 10}));
}

TEST(AbsTest, Int8Rescaled) {
  EXPECT_EQ(RunOp<int8_t>({-128, -20, -3, 0, 5, 127}, PerTensor(0.1f, -3), PerTensor(0.07f, -128)),
            (std::vector<int8_t>{51, -104, -128, -124, -117, 58}));
}

TEST(AbsTest, Int16Quantized) {
  EXPECT_EQ(RunOp<int16_t>({-32768, -1000, 0, 1000, 32767}, PerTensor(0.001f, 0),
                           PerTensor(0.002f, 0)),
            (std::vector<int16_t>{16384, 500, 0, 500, 16384}));
}

TEST(AbsTest, Int8NeedsQuantization) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {2});
  m.AddOutput(DType::kInt8);
  m.SetOp(ir::OpType::kAbs);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("ABS"), std::string::npos) << s.message();
}

TEST(AbsTest, Uint8IsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kUInt8, {2}, PerTensor(0.1f, 0));
  m.AddOutput(DType::kUInt8, {}, PerTensor(0.1f, 0));
  m.SetOp(ir::OpType::kAbs);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
}

}  // namespace
}  // namespace liteforge::ops
