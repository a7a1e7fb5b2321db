// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Float and int cases by hand; quantized cases with numpy following
// TFLite's float requantization step by step in float32.

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

template <typename T>
std::vector<T> RunSum(DType dtype, const Shape& shape, const std::vector<T>& x,
                      const std::vector<int32_t>& axes, bool keep, const Shape& want_shape,
                      const QuantParams& in_q = {}, const QuantParams& out_q = {}) {
  SingleOpModel m;
  m.AddInput(dtype, shape, in_q);
  m.AddConstInput<int32_t>({static_cast<int32_t>(axes.size())}, axes);
  m.AddOutput(dtype, {}, out_q);
  ir::ReducerOptions o;
  o.keep_dims = keep;
  m.SetOp(ir::OpType::kSum, o);
  const Status built = m.Build();
  EXPECT_TRUE(built.ok()) << built.message();
  m.SetInput<T>(0, x);
  EXPECT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), want_shape);
  return m.Output<T>(0);
}

TEST(SumTest, FloatOverEachAxis) {
  EXPECT_EQ(RunSum<float>(DType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6}, {0}, false, {3}),
            (std::vector<float>{5, 7, 9}));
  EXPECT_EQ(RunSum<float>(DType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6}, {1}, true, {2, 1}),
            (std::vector<float>{6, 15}));
  EXPECT_EQ(RunSum<float>(DType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6}, {0, 1}, false, {}),
            (std::vector<float>{21}));
}

TEST(SumTest, MiddleAxisOfRank3) {
  // [2, 2, 2] summed over dim 1: pairs (0,2), (1,3), (4,6), (5,7).
  EXPECT_EQ(RunSum<int32_t>(DType::kInt32, {2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7}, {1}, false,
                            {2, 2}),
            (std::vector<int32_t>{2, 4, 10, 12}));
}

TEST(SumTest, Int32WrapsAround) {
  EXPECT_EQ(RunSum<int32_t>(DType::kInt32, {2}, {std::numeric_limits<int32_t>::max(), 1}, {0},
                            false, {}),
            (std::vector<int32_t>{std::numeric_limits<int32_t>::min()}));
}

TEST(SumTest, Uint8RequantizesAndSaturates) {
  EXPECT_EQ(RunSum<uint8_t>(DType::kUInt8, {3}, {200, 100, 50}, {0}, false, {},
                            PerTensor(0.5f, 10), PerTensor(1.5f, 4)),
            (std::vector<uint8_t>{111}));
  EXPECT_EQ(RunSum<uint8_t>(DType::kUInt8, {4}, {255, 255, 255, 255}, {0}, false, {},
                            PerTensor(1.f, 0), PerTensor(1.f, 0)),
            (std::vector<uint8_t>{255}));
}

TEST(SumTest, Int8Requantizes) {
  EXPECT_EQ(RunSum<int8_t>(DType::kInt8, {2, 3}, {-100, -100, 27, 1, 2, 3}, {1}, false, {2},
                           PerTensor(0.25f, -3), PerTensor(0.5f, 1)),
            (std::vector<int8_t>{-81, 9}));
}

TEST(SumTest, AxisTensorOfWrongTypeIsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2});
  m.AddConstInput<float>({1}, {0});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSum, ir::ReducerOptions{});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("axis"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("float32"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
