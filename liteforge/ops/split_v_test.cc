// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

TEST(SplitVTest, SizesWithStretch) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {2, 5});
  m.AddConstInput<int32_t>({3}, {1, -1, 2});
  m.AddConstInput<int32_t>({}, {1});
  for (int i = 0; i < 3; ++i) m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSplitV, ir::SplitOptions{3});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {0, 1, 2, 3, 4, 10, 11, 12, 13, 14});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 1}));
  EXPECT_EQ(m.OutputShape(1), Shape({2, 2}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{0, 10}));
  EXPECT_EQ(m.Output<float>(1), (std::vector<float>{1, 2, 11, 12}));
  EXPECT_EQ(m.Output<float>(2), (std::vector<float>{3, 4, 13, 14}));
}

TEST(SplitVTest, Int64SizesZeroSizedPartAndNegativeAxis) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {3, 1});
  m.AddConstInput<int64_t>({3}, {2, 0, 1});
  m.AddConstInput<int32_t>({}, {-2});
  for (int i = 0; i < 3; ++i) m.AddOutput(DType::kInt8);
  m.SetOp(ir::OpType::kSplitV, ir::SplitOptions{3});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {-5, 6, 7});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(1), Shape({0, 1}));
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-5, 6}));
  EXPECT_EQ(m.Output<int8_t>(2), (std::vector<int8_t>{7}));
}

TEST(SplitVTest, RuntimeSizesMakeDynamicOutputs) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt32, {4});
  const int sizes = m.AddInput(DType::kInt32, {2});
  m.AddConstInput<int32_t>({}, {0});
  m.AddOutput(DType::kInt32);
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kSplitV, ir::SplitOptions{2});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(in, {1, 2, 3, 4});
  m.SetInput<int32_t>(sizes, {3, -1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{1, 2, 3}));
  EXPECT_EQ(m.Output<int32_t>(1), (std::vector<int32_t>{4}));
  m.SetInput<int32_t>(sizes, {5, 0});
  const Status s = m.Invoke();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("add up to 5 but dim 0 has size 4"));
}

TEST(SplitVTest, TwoStretchEntriesAreAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {4});
  m.AddConstInput<int32_t>({2}, {-1, -1});
  m.AddConstInput<int32_t>({}, {0});
  m.AddOutput(DType::kFloat32);
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSplitV, ir::SplitOptions{2});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("more than one -1"));
}

TEST(SplitVTest, SizeCountMustMatchOutputs) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {4});
  m.AddConstInput<int32_t>({3}, {1, 1, 2});
  m.AddConstInput<int32_t>({}, {0});
  m.AddOutput(DType::kFloat32);
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSplitV, ir::SplitOptions{2});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("has 3 entries but the op has 2 outputs"));
}

}  // namespace
}  // namespace liteforge::ops
