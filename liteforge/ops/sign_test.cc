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
  m.SetOp(ir::OpType::kSign);
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), shape);
  return m.Output<T>(0);
}

TEST(SignTest, Float) {
  const std::vector<float> out =
      RunOp<float>({-3.f, -0.f, 0.f, 1e-30f, std::numeric_limits<float>::quiet_NaN()}, {5});
  EXPECT_EQ(out[0], -1.f);
  EXPECT_EQ(out[1], 0.f);
  EXPECT_EQ(out[2], 0.f);
  EXPECT_EQ(out[3], 1.f);
  EXPECT_TRUE(std::isnan(out[4]));
}

TEST(SignTest, DoubleAndInt32) {
  EXPECT_EQ(RunOp<double>({-2.0, 0.0, 5.0}, {3}), (std::vector<double>{-1.0, 0.0, 1.0}));
  EXPECT_EQ(RunOp<int32_t>({-7, 0, 9}, {3}), (std::vector<int32_t>{-1, 0, 1}));
}

TEST(SignTest, UnsupportedDTypeIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {2});
  m.AddOutput(DType::kInt8);
  m.SetOp(ir::OpType::kSign);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  EXPECT_NE(s.message().find("SIGN"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
