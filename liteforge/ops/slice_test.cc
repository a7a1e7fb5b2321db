// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <numeric>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

TEST(SliceTest, Float3D) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {2, 3, 4});
  m.AddConstInput<int32_t>({3}, {1, 0, 1});
  m.AddConstInput<int32_t>({3}, {1, -1, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSlice);
  ASSERT_TRUE(m.Build().ok());
  std::vector<float> x(24);
  std::iota(x.begin(), x.end(), 0.f);
  m.SetInput<float>(in, x);
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 3, 2}));  // a[1:2, 0:3, 1:3]
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{13, 14, 17, 18, 21, 22}));
}

TEST(SliceTest, Int64BeginSizeAndUint8) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kUInt8, {4});
  m.AddConstInput<int64_t>({1}, {2});
  m.AddConstInput<int64_t>({1}, {2});
  m.AddOutput(DType::kUInt8);
  m.SetOp(ir::OpType::kSlice);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<uint8_t>(in, {1, 2, 250, 255});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<uint8_t>(0), (std::vector<uint8_t>{250, 255}));
}

TEST(SliceTest, EmptySliceAndSize1Dims) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt32, {1, 3});
  m.AddConstInput<int32_t>({2}, {0, 3});
  m.AddConstInput<int32_t>({2}, {1, 0});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kSlice);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(in, {1, 2, 3});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 0}));
}

TEST(SliceTest, RuntimeBeginAndSizeMakeDynamicOutput) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {2, 3});
  const int begin = m.AddInput(DType::kInt32, {2});
  const int size = m.AddInput(DType::kInt32, {2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSlice);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4, 5, 6});
  m.SetInput<int32_t>(begin, {0, 1});
  m.SetInput<int32_t>(size, {-1, 2});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 2}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{2, 3, 5, 6}));
  m.SetInput<int32_t>(size, {1, 3});
  const Status s = m.Invoke();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("size[1] = 3 from begin 1 does not fit"));
}

TEST(SliceTest, BadBeginIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2});
  m.AddConstInput<int32_t>({1}, {-1});
  m.AddConstInput<int32_t>({1}, {1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSlice);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("begin[0] = -1 is outside dim 0"));
}

TEST(SliceTest, WrongLengthIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 2});
  m.AddConstInput<int32_t>({1}, {0});
  m.AddConstInput<int32_t>({1}, {1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSlice);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("input has rank 2"));
}

}  // namespace
}  // namespace liteforge::ops
