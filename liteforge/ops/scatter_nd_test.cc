// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

TEST(ScatterNdTest, Float1DWithRepeatedIndexAccumulating) {
  SingleOpModel m;
  const int i = m.AddInput(DType::kInt32, {3, 1});
  const int u = m.AddInput(DType::kFloat32, {3});
  m.AddConstInput<int32_t>({1}, {5});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kScatterNd);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(i, {4, 1, 4});
  m.SetInput<float>(u, {1.5f, 2.f, 3.f});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({5}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{0, 2, 0, 0, 4.5f}));
}

TEST(ScatterNdTest, RowSlicesInt32) {
  SingleOpModel m;
  const int i = m.AddInput(DType::kInt32, {2, 1});
  const int u = m.AddInput(DType::kInt32, {2, 3});
  m.AddConstInput<int32_t>({2}, {3, 3});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kScatterNd);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(i, {2, 0});
  m.SetInput<int32_t>(u, {1, 2, 3, -4, -5, -6});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{-4, -5, -6, 0, 0, 0, 1, 2, 3}));
}

TEST(ScatterNdTest, Int8WrapsAndRuntimeShape) {
  SingleOpModel m;
  const int i = m.AddInput(DType::kInt64, {2, 2});
  const int u = m.AddInput(DType::kInt8, {2});
  const int shape = m.AddInput(DType::kInt64, {2});
  m.AddOutput(DType::kInt8);
  m.SetOp(ir::OpType::kScatterNd);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int64_t>(i, {1, 0, 1, 0});
  m.SetInput<int8_t>(u, {100, 100});
  m.SetInput<int64_t>(shape, {2, 2});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 2}));
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{0, 0, -56, 0}));  // 200 wraps
}

TEST(ScatterNdTest, OutOfRangeCoordinateIsAnErrorAtEval) {
  SingleOpModel m;
  const int i = m.AddInput(DType::kInt32, {1, 2});
  const int u = m.AddInput(DType::kFloat32, {1});
  m.AddConstInput<int32_t>({2}, {2, 3});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kScatterNd);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(i, {0, 3});
  m.SetInput<float>(u, {1});
  const Status s = m.Invoke();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_THAT(s.message(), HasSubstr("coordinate 1 = 3, outside output dim of size 3"));
}

TEST(ScatterNdTest, UpdatesShapeMismatchIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kInt32, {2, 1});
  m.AddInput(DType::kFloat32, {2, 4});
  m.AddConstInput<int32_t>({2}, {3, 3});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kScatterNd);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("updates shape [2, 4] does not match"));
}

}  // namespace
}  // namespace liteforge::ops
