// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::SingleOpModel;

TEST(ZerosLikeTest, FloatAndInt64) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {2, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kZerosLike);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, -2, 3, 4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 2}));
  EXPECT_EQ(m.Output<float>(0), std::vector<float>(4, 0.f));

  SingleOpModel k;
  const int kin = k.AddInput(DType::kInt64, {3});
  k.AddOutput(DType::kInt64);
  k.SetOp(ir::OpType::kZerosLike);
  ASSERT_TRUE(k.Build().ok());
  k.SetInput<int64_t>(kin, {5, 6, 7});
  ASSERT_TRUE(k.Invoke().ok());
  EXPECT_EQ(k.Output<int64_t>(0), std::vector<int64_t>(3, 0));
}

TEST(ZerosLikeTest, TypeMismatchIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kZerosLike);
  EXPECT_FALSE(m.Build().ok());
}

}  // namespace
}  // namespace liteforge::ops
