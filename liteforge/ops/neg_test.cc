// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::SingleOpModel;

template <typename T>
std::vector<T> RunOp(const std::vector<T>& in, const Shape& shape) {
  SingleOpModel m;
  const int x = m.AddInput(DTypeOf<T>::value, shape);
  m.AddOutput(DTypeOf<T>::value);
  m.SetOp(ir::OpType::kNeg);
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), shape);
  return m.Output<T>(0);
}

TEST(NegTest, Float) {
  EXPECT_EQ(RunOp<float>({-3.f, 0.f, 2.5f, 1.f}, {2, 2}), (std::vector<float>{3.f, -0.f, -2.5f, -1.f}));
}

TEST(NegTest, IntegersWrapAtTheMinimum) {
  EXPECT_EQ(RunOp<int8_t>({-128, -1, 0, 127}, {4}), (std::vector<int8_t>{-128, 1, 0, -127}));
  EXPECT_EQ(RunOp<int16_t>({-32768, 5}, {2}), (std::vector<int16_t>{-32768, -5}));
  EXPECT_EQ(RunOp<int32_t>({std::numeric_limits<int32_t>::min(), 7}, {2}),
            (std::vector<int32_t>{std::numeric_limits<int32_t>::min(), -7}));
  EXPECT_EQ(RunOp<int64_t>({int64_t{1} << 40, -3}, {2}),
            (std::vector<int64_t>{-(int64_t{1} << 40), 3}));
}

TEST(NegTest, UnsupportedDTypeIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kUInt8, {2});
  m.AddOutput(DType::kUInt8);
  m.SetOp(ir::OpType::kNeg);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  EXPECT_NE(s.message().find("NEG"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
