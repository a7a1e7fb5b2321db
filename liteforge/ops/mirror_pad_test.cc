// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

ir::MirrorPadOptions Mode(ir::MirrorPadMode mode) { return ir::MirrorPadOptions{mode}; }

TEST(MirrorPadTest, Reflect1D) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {3});
  m.AddConstInput<int32_t>({1, 2}, {2, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kMirrorPad, Mode(ir::MirrorPadMode::kReflect));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{3, 2, 1, 2, 3, 2}));
}

TEST(MirrorPadTest, Symmetric1DInt8) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {3});
  m.AddConstInput<int64_t>({1, 2}, {2, 3});
  m.AddOutput(DType::kInt8);
  m.SetOp(ir::OpType::kMirrorPad, Mode(ir::MirrorPadMode::kSymmetric));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {1, 2, 3});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{2, 1, 1, 2, 3, 3, 2, 1}));
}

TEST(MirrorPadTest, Reflect2D) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt32, {2, 3});
  m.AddConstInput<int32_t>({2, 2}, {1, 1, 2, 2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kMirrorPad, Mode(ir::MirrorPadMode::kReflect));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(in, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({4, 7}));
  EXPECT_EQ(m.Output<int32_t>(0),
            (std::vector<int32_t>{6, 5, 4, 5, 6, 5, 4, 3, 2, 1, 2, 3, 2, 1,
                                  6, 5, 4, 5, 6, 5, 4, 3, 2, 1, 2, 3, 2, 1}));
}

TEST(MirrorPadTest, RuntimePaddings) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {2});
  const int pads = m.AddInput(DType::kInt32, {1, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kMirrorPad, Mode(ir::MirrorPadMode::kSymmetric));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2});
  m.SetInput<int32_t>(pads, {1, 2});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{1, 1, 2, 2, 1}));
}

TEST(MirrorPadTest, ReflectPaddingTooLargeIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {3});
  m.AddConstInput<int32_t>({1, 2}, {3, 0});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kMirrorPad, Mode(ir::MirrorPadMode::kReflect));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("REFLECT padding must be in [0, 2]"));
}

}  // namespace
}  // namespace liteforge::ops
