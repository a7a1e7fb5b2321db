// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

TEST(FillTest, ConstantDimsFloat) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({2}, {2, 3});
  const int v = m.AddInput(DType::kFloat32, {});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kFill);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(v, {-1.25f});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 3}));
  EXPECT_EQ(m.Output<float>(0), std::vector<float>(6, -1.25f));
}

TEST(FillTest, RuntimeDimsInt64Value) {
  SingleOpModel m;
  const int dims = m.AddInput(DType::kInt64, {1});
  m.AddConstInput<int64_t>({}, {int64_t{1} << 33});
  m.AddOutput(DType::kInt64);
  m.SetOp(ir::OpType::kFill);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int64_t>(dims, {3});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int64_t>(0), std::vector<int64_t>(3, int64_t{1} << 33));
  m.SetInput<int64_t>(dims, {0});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({0}));
  m.SetInput<int64_t>(dims, {-2});
  const Status s = m.Invoke();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("dims[0] is -2"));
}

TEST(FillTest, Int8AndScalarOutput) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({0}, {});
  m.AddConstInput<int8_t>({}, {-7});
  m.AddOutput(DType::kInt8);
  m.SetOp(ir::OpType::kFill);
  ASSERT_TRUE(m.Build().ok());
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({}));
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-7}));
}

TEST(FillTest, NonScalarValueIsAnError) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({1}, {2});
  m.AddInput(DType::kFloat32, {2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kFill);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("must hold one value"));
}

}  // namespace
}  // namespace liteforge::ops
