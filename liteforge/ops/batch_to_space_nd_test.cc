// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

TEST(BatchToSpaceNdTest, InvertsSpaceToBatchWithCrop) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {4, 1, 2, 1});
  m.AddConstInput<int32_t>({2}, {2, 2});
  m.AddConstInput<int32_t>({2, 2}, {0, 0, 1, 0});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kBatchToSpaceNd);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {0, 2, 1, 3, 0, 5, 4, 6});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 2, 3, 1}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

TEST(BatchToSpaceNdTest, Uint8ChannelsNoCrop) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kUInt8, {4, 1, 1, 2});
  m.AddConstInput<int64_t>({2}, {2, 2});
  m.AddConstInput<int64_t>({2, 2}, {0, 0, 0, 0});
  m.AddOutput(DType::kUInt8);
  m.SetOp(ir::OpType::kBatchToSpaceNd);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<uint8_t>(in, {1, 2, 3, 4, 5, 6, 7, 8});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 2, 2, 2}));
  EXPECT_EQ(m.Output<uint8_t>(0), (std::vector<uint8_t>{1, 2, 3, 4, 5, 6, 7, 8}));
}

TEST(BatchToSpaceNdTest, BatchNotDivisibleIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {3, 1, 1, 1});
  m.AddConstInput<int32_t>({2}, {2, 2});
  m.AddConstInput<int32_t>({2, 2}, {0, 0, 0, 0});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kBatchToSpaceNd);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("input batch 3 is not a multiple of the block size 4"));
}

TEST(BatchToSpaceNdTest, CropsTooLargeIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {4, 1, 1, 1});
  m.AddConstInput<int32_t>({2}, {2, 2});
  m.AddConstInput<int32_t>({2, 2}, {2, 1, 0, 0});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kBatchToSpaceNd);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("crops [2, 1] do not fit"));
}

}  // namespace
}  // namespace liteforge::ops
