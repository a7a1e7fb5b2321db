// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::SingleOpModel;

TEST(WhereTest, BoolCoordinatesDynamic) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kBool, {2, 3});
  m.AddOutput(DType::kInt64);
  m.SetOp(ir::OpType::kWhere);
  ASSERT_TRUE(m.Build().ok());
  const std::vector<uint8_t> cond = {0, 1, 0, 1, 0, 1};
  m.SetInputBytes(in, cond);
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({3, 2}));
  EXPECT_EQ(m.Output<int64_t>(0), (std::vector<int64_t>{0, 1, 1, 0, 1, 2}));
  const std::vector<uint8_t> none(6, 0);
  m.SetInputBytes(in, none);
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({0, 2}));
}

TEST(WhereTest, FloatNegativeZeroIsZero) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {4});
  m.AddOutput(DType::kInt64);
  m.SetOp(ir::OpType::kWhere);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {-0.f, 2.f, 0.f, -1e-30f});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 1}));
  EXPECT_EQ(m.Output<int64_t>(0), (std::vector<int64_t>{1, 3}));
}

TEST(WhereTest, ConstantConditionHasStaticShape) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({3}, {0, 5, -1});
  m.AddOutput(DType::kInt64);
  m.SetOp(ir::OpType::kWhere);
  ASSERT_TRUE(m.Build().ok());
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 1}));
  EXPECT_EQ(m.Output<int64_t>(0), (std::vector<int64_t>{1, 2}));
}

TEST(WhereTest, Int32OutputIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kBool, {2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kWhere);
  EXPECT_FALSE(m.Build().ok());
}

}  // namespace
}  // namespace liteforge::ops
