// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

TEST(TileTest, Float2D) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>({2}, {2, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kTile);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {0, 1, 2, 3, 4, 5});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({4, 6}));
  EXPECT_EQ(m.Output<float>(0),
            (std::vector<float>{0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 0, 1, 2, 0, 1, 2, 3, 4, 5, 3,
                                4, 5}));
}

TEST(TileTest, Int8Int64MultiplesAndZero) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {2});
  m.AddConstInput<int64_t>({1}, {3});
  m.AddOutput(DType::kInt8);
  m.SetOp(ir::OpType::kTile);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {-1, 7});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-1, 7, -1, 7, -1, 7}));

  SingleOpModel z;
  z.AddInput(DType::kFloat32, {2, 2});
  z.AddConstInput<int32_t>({2}, {0, 1});
  z.AddOutput(DType::kFloat32);
  z.SetOp(ir::OpType::kTile);
  ASSERT_TRUE(z.Build().ok());
  ASSERT_TRUE(z.Invoke().ok());
  EXPECT_EQ(z.OutputShape(0), Shape({0, 2}));
}

TEST(TileTest, RuntimeMultiplesMakeDynamicOutput) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt32, {1, 2});
  const int mult = m.AddInput(DType::kInt32, {2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kTile);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(in, {5, 6});
  m.SetInput<int32_t>(mult, {2, 1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 2}));
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{5, 6, 5, 6}));
  m.SetInput<int32_t>(mult, {-1, 1});
  const Status s = m.Invoke();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("multiples[0] is -1"));
}

TEST(TileTest, MultiplesLengthMustMatchRank) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 2});
  m.AddConstInput<int32_t>({1}, {2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kTile);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("multiples has 1 entries but the input has rank 2"));
}

}  // namespace
}  // namespace liteforge::ops
