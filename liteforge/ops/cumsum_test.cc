// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

std::vector<float> RunFloat(int32_t axis, bool exclusive, bool reverse, std::vector<float> x,
                            Shape shape) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, shape);
  m.AddConstInput<int32_t>({}, {axis});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kCumsum, ir::CumsumOptions{exclusive, reverse});
  EXPECT_TRUE(m.Build().ok());
  m.SetInput<float>(in, x);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<float>(0);
}

TEST(CumsumTest, InclusiveExclusiveReverse) {
  const std::vector<float> x = {1, 2, 3, 4, 5, 6};
  EXPECT_EQ(RunFloat(1, false, false, x, {2, 3}), (std::vector<float>{1, 3, 6, 4, 9, 15}));
  EXPECT_EQ(RunFloat(-2, true, true, x, {2, 3}), (std::vector<float>{4, 5, 6, 0, 0, 0}));
  EXPECT_EQ(RunFloat(-1, false, true, x, {2, 3}), (std::vector<float>{6, 5, 3, 15, 11, 6}));
}

TEST(CumsumTest, FloatAddsSequentially) {
  // 1e8 + 1 rounds back to 1e8 in float; a pairwise sum would differ.
  EXPECT_EQ(RunFloat(0, false, false, {1e8f, 1.f, -1e8f, 1.f}, {4}),
            (std::vector<float>{1e8f, 1e8f, 0.f, 1.f}));
}

TEST(CumsumTest, Int64AndRuntimeAxis) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt64, {2, 2});
  const int axis = m.AddInput(DType::kInt32, {});
  m.AddOutput(DType::kInt64);
  m.SetOp(ir::OpType::kCumsum, ir::CumsumOptions{false, false});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int64_t>(in, {int64_t{1} << 40, 1, 2, 3});
  m.SetInput<int32_t>(axis, {0});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int64_t>(0), (std::vector<int64_t>{int64_t{1} << 40, 1, (int64_t{1} << 40) + 2, 4}));
  m.SetInput<int32_t>(axis, {3});
  const Status s = m.Invoke();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("axis 3 is out of range"));
}

TEST(CumsumTest, Int32Exclusive) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt32, {4});
  m.AddConstInput<int32_t>({}, {0});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kCumsum, ir::CumsumOptions{true, false});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(in, {5, -1, 7, 2});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{0, 5, 4, 11}));
}

TEST(CumsumTest, Int8IsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {4});
  m.AddConstInput<int32_t>({}, {0});
  m.AddOutput(DType::kInt8);
  m.SetOp(ir::OpType::kCumsum, ir::CumsumOptions{});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  EXPECT_THAT(s.message(), HasSubstr("int8"));
}

}  // namespace
}  // namespace liteforge::ops
