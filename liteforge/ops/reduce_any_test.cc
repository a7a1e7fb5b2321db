// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// REDUCE_ANY and REDUCE_ALL; expected values by hand.

#include <gtest/gtest.h>

#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::SingleOpModel;

std::vector<bool> RunReduce(ir::OpType op, const Shape& shape, const std::vector<uint8_t>& x,
                      const std::vector<int32_t>& axes, bool keep, const Shape& want_shape) {
  SingleOpModel m;
  m.AddInput(DType::kBool, shape);
  m.AddConstInput<int32_t>({static_cast<int32_t>(axes.size())}, axes);
  m.AddOutput(DType::kBool);
  ir::ReducerOptions o;
  o.keep_dims = keep;
  m.SetOp(op, o);
  const Status built = m.Build();
  EXPECT_TRUE(built.ok()) << built.message();
  m.SetInputBytes(0, x);
  EXPECT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), want_shape);
  std::vector<bool> out;
  for (uint8_t b : m.Output<uint8_t>(0)) out.push_back(b != 0);
  return out;
}

TEST(ReduceAnyTest, AnyAndAll) {
  const std::vector<uint8_t> x = {0, 0, 0, 1, 1, 0};
  EXPECT_EQ(RunReduce(ir::OpType::kReduceAny, {2, 3}, x, {1}, false, {2}),
            (std::vector<bool>{false, true}));
  EXPECT_EQ(RunReduce(ir::OpType::kReduceAny, {2, 3}, x, {0}, true, {1, 3}),
            (std::vector<bool>{true, true, false}));
  EXPECT_EQ(RunReduce(ir::OpType::kReduceAll, {2, 3}, {1, 1, 1, 1, 0, 1}, {-1}, false, {2}),
            (std::vector<bool>{true, false}));
  EXPECT_EQ(RunReduce(ir::OpType::kReduceAll, {2, 3}, {1, 1, 1, 1, 0, 1}, {0, 1}, false, {}),
            (std::vector<bool>{false}));
}

TEST(ReduceAnyTest, EmptyReducedDim) {
  EXPECT_EQ(RunReduce(ir::OpType::kReduceAny, {2, 0}, {}, {1}, false, {2}),
            (std::vector<bool>{false, false}));
  EXPECT_EQ(RunReduce(ir::OpType::kReduceAll, {2, 0}, {}, {1}, false, {2}),
            (std::vector<bool>{true, true}));
}

TEST(ReduceAnyTest, NonBoolInputIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2});
  m.AddConstInput<int32_t>({1}, {0});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kReduceAny, ir::ReducerOptions{});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented) << s.message();
  EXPECT_NE(s.message().find("REDUCE_ANY"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("bool"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
