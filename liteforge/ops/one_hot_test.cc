// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

TEST(OneHotTest, LastAxisFloatWithOutOfRangeIndex) {
  SingleOpModel m;
  const int i = m.AddInput(DType::kInt32, {3});
  m.AddConstInput<int32_t>({}, {3});
  m.AddConstInput<float>({}, {5.f});
  m.AddConstInput<float>({}, {-1.f});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kOneHot, ir::OneHotOptions{-1});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(i, {0, 2, 3});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({3, 3}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{5, -1, -1, -1, -1, 5, -1, -1, -1}));
}

TEST(OneHotTest, Axis0Int64IndicesInt8Values) {
  SingleOpModel m;
  const int i = m.AddInput(DType::kInt64, {2});
  m.AddConstInput<int32_t>({}, {3});
  m.AddConstInput<int8_t>({}, {1});
  m.AddConstInput<int8_t>({}, {0});
  m.AddOutput(DType::kInt8);
  m.SetOp(ir::OpType::kOneHot, ir::OneHotOptions{0});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int64_t>(i, {1, -1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({3, 2}));
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{0, 0, 1, 0, 0, 0}));
}

TEST(OneHotTest, MiddleAxisInt64Values) {
  SingleOpModel m;
  const int i = m.AddInput(DType::kInt32, {2, 2});
  m.AddConstInput<int32_t>({}, {2});
  m.AddConstInput<int64_t>({}, {7});
  m.AddConstInput<int64_t>({}, {0});
  m.AddOutput(DType::kInt64);
  m.SetOp(ir::OpType::kOneHot, ir::OneHotOptions{1});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(i, {0, 1, 1, 1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 2, 2}));
  // out[p, d, s] = i[p, s] == d
  EXPECT_EQ(m.Output<int64_t>(0), (std::vector<int64_t>{7, 0, 0, 7, 0, 0, 7, 7}));
}

TEST(OneHotTest, RuntimeDepthMakesDynamicOutput) {
  SingleOpModel m;
  const int i = m.AddInput(DType::kInt32, {1});
  const int depth = m.AddInput(DType::kInt32, {});
  m.AddConstInput<int32_t>({}, {1});
  m.AddConstInput<int32_t>({}, {0});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kOneHot, ir::OneHotOptions{-1});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(i, {2});
  m.SetInput<int32_t>(depth, {4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 4}));
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{0, 0, 1, 0}));
  m.SetInput<int32_t>(depth, {-2});
  const Status s = m.Invoke();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("depth is -2"));
}

TEST(OneHotTest, ValueTypeMismatchIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kInt32, {1});
  m.AddConstInput<int32_t>({}, {2});
  m.AddConstInput<int32_t>({}, {1});
  m.AddConstInput<int32_t>({}, {0});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kOneHot, ir::OneHotOptions{-1});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("on_value"));
}

}  // namespace
}  // namespace liteforge::ops
