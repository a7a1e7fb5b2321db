// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::SingleOpModel;

TEST(RankOpTest, ScalarAndMatrix) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kRank);
  ASSERT_TRUE(m.Build().ok());
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{0}));

  SingleOpModel k;
  k.AddInput(DType::kFloat32, {4, 1});
  k.AddOutput(DType::kInt64);
  k.SetOp(ir::OpType::kRank);
  ASSERT_TRUE(k.Build().ok());
  ASSERT_TRUE(k.Invoke().ok());
  EXPECT_EQ(k.Output<int64_t>(0), (std::vector<int64_t>{2}));
}

TEST(RankOpTest, FloatOutputIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kRank);
  EXPECT_FALSE(m.Build().ok());
}

}  // namespace
}  // namespace liteforge::ops
