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

TEST(ReverseV2Test, OneAxis) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>({1}, {1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kReverseV2);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{3, 2, 1, 6, 5, 4}));
}

TEST(ReverseV2Test, TwoAxesNegativeInt8) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {2, 3, 4});
  m.AddConstInput<int32_t>({2}, {-1, 1});
  m.AddOutput(DType::kInt8);
  m.SetOp(ir::OpType::kReverseV2);
  ASSERT_TRUE(m.Build().ok());
  std::vector<int8_t> x(24);
  std::iota(x.begin(), x.end(), int8_t{0});
  m.SetInput<int8_t>(in, x);
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int8_t>(0),
            (std::vector<int8_t>{11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 23, 22, 21, 20, 19, 18, 17,
                                 16, 15, 14, 13, 12}));
}

TEST(ReverseV2Test, RuntimeAxis) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt64, {2, 2});
  const int axis = m.AddInput(DType::kInt32, {1});
  m.AddOutput(DType::kInt64);
  m.SetOp(ir::OpType::kReverseV2);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int64_t>(in, {1, 2, 3, 4});
  m.SetInput<int32_t>(axis, {0});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int64_t>(0), (std::vector<int64_t>{3, 4, 1, 2}));
  m.SetInput<int32_t>(axis, {2});
  const Status s = m.Invoke();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("axis 2 is out of range for rank 2"));
}

TEST(ReverseV2Test, RepeatedAxisIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 2});
  m.AddConstInput<int32_t>({2}, {0, -2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kReverseV2);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("axis 0 is listed twice"));
}

}  // namespace
}  // namespace liteforge::ops
