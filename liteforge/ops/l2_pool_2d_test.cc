// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected values computed by hand.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

ir::Pool2DOptions Pool(ir::Padding padding, int stride, int filter_h, int filter_w,
                       ir::Activation act = ir::Activation::kNone) {
  ir::Pool2DOptions o;
  o.padding = padding;
  o.stride_h = stride;
  o.stride_w = stride;
  o.filter_h = filter_h;
  o.filter_w = filter_w;
  o.activation = act;
  return o;
}

TEST(L2Pool2DTest, RootMeanSquareOverInBoundsPixels) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 1, 3, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kL2Pool2D, Pool(ir::Padding::kSame, 2, 1, 2));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {3, -4, 6});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 1, 2, 1}));
  const std::vector<float> out = m.Output<float>(0);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_FLOAT_EQ(out[0], std::sqrt(12.5f));  // (9 + 16) / 2
  EXPECT_FLOAT_EQ(out[1], 6.f);               // the last window has one pixel
}

TEST(L2Pool2DTest, ReluN1To1Clamps) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kL2Pool2D,
          Pool(ir::Padding::kValid, 1, 2, 2, ir::Activation::kReluN1To1));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{1}));
}

TEST(L2Pool2DTest, QuantizedInputIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {1, 2, 2, 1}, PerTensor(1.f, 0));
  m.AddOutput(DType::kInt8, {}, PerTensor(1.f, 0));
  m.SetOp(ir::OpType::kL2Pool2D, Pool(ir::Padding::kSame, 1, 2, 2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented) << s.message();
  EXPECT_NE(s.message().find("int8"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
