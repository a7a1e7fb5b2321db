// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// TOPK_V2; expected values by hand.

#include <gtest/gtest.h>

#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

TEST(TopKV2Test, FloatRowsWithTies) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 5});
  m.AddConstInput<int32_t>({1}, {3});
  m.AddOutput(DType::kFloat32);
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kTopKV2);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(0, {1, 5, 3, 5, 2, -1, -1, -3, 0, -1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 3}));
  EXPECT_EQ(m.OutputShape(1), Shape({2, 3}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{5, 5, 3, 0, -1, -1}));
  EXPECT_EQ(m.Output<int32_t>(1), (std::vector<int32_t>{1, 3, 2, 3, 0, 1}));
}

TEST(TopKV2Test, Int8WithInt16IndicesAndKOfZero) {
  {
    SingleOpModel m;
    m.AddInput(DType::kInt8, {4}, PerTensor(0.5f, 0));
    m.AddConstInput<int16_t>({1}, {2});
    m.AddOutput(DType::kInt8, {}, PerTensor(0.5f, 0));
    m.AddOutput(DType::kInt16);
    m.SetOp(ir::OpType::kTopKV2);
    ASSERT_TRUE(m.Build().ok());
    m.SetInput<int8_t>(0, {-128, 127, 0, 126});
    ASSERT_TRUE(m.Invoke().ok());
    EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{127, 126}));
    EXPECT_EQ(m.Output<int16_t>(1), (std::vector<int16_t>{1, 3}));
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kInt32, {2, 3});
    m.AddConstInput<int32_t>({1}, {0});
    m.AddOutput(DType::kInt32);
    m.AddOutput(DType::kInt32);
    m.SetOp(ir::OpType::kTopKV2);
    ASSERT_TRUE(m.Build().ok());
    ASSERT_TRUE(m.Invoke().ok());
    EXPECT_EQ(m.OutputShape(0), Shape({2, 0}));
  }
}

TEST(TopKV2Test, RuntimeK) {
  SingleOpModel m;
  m.AddInput(DType::kInt64, {4});
  m.AddInput(DType::kInt32, {1});
  m.AddOutput(DType::kInt64);
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kTopKV2);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int64_t>(0, {7, -2, 9, 7});
  m.SetInput<int32_t>(1, {4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int64_t>(0), (std::vector<int64_t>{9, 7, 7, -2}));
  EXPECT_EQ(m.Output<int32_t>(1), (std::vector<int32_t>{2, 0, 3, 1}));
  m.SetInput<int32_t>(1, {5});
  const Status s = m.Invoke();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("k is 5"), std::string::npos) << s.message();
}

TEST(TopKV2Test, Errors) {
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {3});
    m.AddConstInput<int32_t>({1}, {4});
    m.AddOutput(DType::kFloat32);
    m.AddOutput(DType::kInt32);
    m.SetOp(ir::OpType::kTopKV2);
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("TOPK_V2"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("only 3 values"), std::string::npos) << s.message();
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {3});
    m.AddConstInput<int32_t>({1}, {1});
    m.AddOutput(DType::kFloat32);
    m.AddOutput(DType::kInt64);
    m.SetOp(ir::OpType::kTopKV2);
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("indices"), std::string::npos) << s.message();
  }
}

}  // namespace
}  // namespace liteforge::ops
