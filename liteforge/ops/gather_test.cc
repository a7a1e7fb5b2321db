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

std::vector<float> Iota(int n) {
  std::vector<float> v(static_cast<size_t>(n));
  std::iota(v.begin(), v.end(), 0.f);
  return v;
}

TEST(GatherTest, MiddleAxis) {
  SingleOpModel m;
  const int p = m.AddInput(DType::kFloat32, {2, 3, 4});
  const int i = m.AddInput(DType::kInt32, {2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kGather, ir::GatherOptions{1, 0});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(p, Iota(24));
  m.SetInput<int32_t>(i, {2, 0});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 2, 4}));
  EXPECT_EQ(m.Output<float>(0),
            (std::vector<float>{8, 9, 10, 11, 0, 1, 2, 3, 20, 21, 22, 23, 12, 13, 14, 15}));
}

TEST(GatherTest, LastAxisNegative2DInt64Indices) {
  SingleOpModel m;
  const int p = m.AddInput(DType::kFloat32, {2, 3, 4});
  const int i = m.AddInput(DType::kInt64, {2, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kGather, ir::GatherOptions{-1, 0});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(p, Iota(24));
  m.SetInput<int64_t>(i, {1, 1, 0, 3});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 3, 2, 2}));
  EXPECT_EQ(m.Output<float>(0),
            (std::vector<float>{1, 1, 0, 3, 5, 5, 4, 7, 9, 9, 8, 11, 13, 13, 12, 15, 17, 17, 16,
                                19, 21, 21, 20, 23}));
}

TEST(GatherTest, BatchDims) {
  SingleOpModel m;
  const int p = m.AddInput(DType::kFloat32, {2, 3, 4});
  const int i = m.AddInput(DType::kInt32, {2, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kGather, ir::GatherOptions{1, 1}, 5);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(p, Iota(24));
  m.SetInput<int32_t>(i, {2, 0, 1, 1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 2, 4}));
  EXPECT_EQ(m.Output<float>(0),
            (std::vector<float>{8, 9, 10, 11, 0, 1, 2, 3, 16, 17, 18, 19, 16, 17, 18, 19}));
}

TEST(GatherTest, Int8ParamsInt16IndicesScalarIndex) {
  SingleOpModel m;
  const int p = m.AddInput(DType::kInt8, {3, 2});
  const int i = m.AddInput(DType::kInt16, {});
  m.AddOutput(DType::kInt8);
  m.SetOp(ir::OpType::kGather, ir::GatherOptions{0, 0});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(p, {1, -1, 2, -2, 3, -3});
  m.SetInput<int16_t>(i, {2});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2}));
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{3, -3}));
}

TEST(GatherTest, OutOfRangeIndexIsAnErrorAtEval) {
  SingleOpModel m;
  const int p = m.AddInput(DType::kFloat32, {3});
  const int i = m.AddInput(DType::kInt32, {3});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kGather, ir::GatherOptions{0, 0});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(p, {1, 2, 3});
  m.SetInput<int32_t>(i, {0, 3, 1});
  Status s = m.Invoke();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_THAT(s.message(), HasSubstr("indices[1] = 3 is outside [0, 3)"));
  m.SetInput<int32_t>(i, {0, -1, 1});
  s = m.Invoke();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("indices[1] = -1"));
}

TEST(GatherTest, BadAxisAndBatchDimsAreErrors) {
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {2, 2});
    m.AddInput(DType::kInt32, {1});
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kGather, ir::GatherOptions{2, 0});
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_THAT(s.message(), HasSubstr("axis 2 is out of range for rank 2"));
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {2, 2});
    m.AddInput(DType::kInt32, {3, 1});
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kGather, ir::GatherOptions{1, 1});
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_THAT(s.message(), HasSubstr("batch dim 0 is 2 in params but 3 in indices"));
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {2, 2});
    m.AddInput(DType::kFloat32, {1});
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kGather, ir::GatherOptions{0, 0});
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  }
}

}  // namespace
}  // namespace liteforge::ops
