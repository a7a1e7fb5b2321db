// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Float and int cases by hand; quantized cases with numpy emulating
// TFLite's step-wise rescaled product (64-bit fixed-point multiply).

#include <gtest/gtest.h>

#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

template <typename T>
std::vector<T> RunProd(DType dtype, const Shape& shape, const std::vector<T>& x,
                       const std::vector<int32_t>& axes, bool keep, const Shape& want_shape,
                       const QuantParams& in_q = {}, const QuantParams& out_q = {}) {
  SingleOpModel m;
  m.AddInput(dtype, shape, in_q);
  m.AddConstInput<int32_t>({static_cast<int32_t>(axes.size())}, axes);
  m.AddOutput(dtype, {}, out_q);
  ir::ReducerOptions o;
  o.keep_dims = keep;
  m.SetOp(ir::OpType::kReduceProd, o);
  const Status built = m.Build();
  EXPECT_TRUE(built.ok()) << built.message();
  m.SetInput<T>(0, x);
  EXPECT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), want_shape);
  return m.Output<T>(0);
}

TEST(ReduceProdTest, FloatAndInt) {
  EXPECT_EQ(RunProd<float>(DType::kFloat32, {2, 2}, {2, -3, 0.5f, 4}, {0}, false, {2}),
            (std::vector<float>{1, -12}));
  EXPECT_EQ(RunProd<int32_t>(DType::kInt32, {2, 3}, {1, 2, 3, -4, 5, 6}, {1}, true, {2, 1}),
            (std::vector<int32_t>{6, -120}));
  // Unquantized int8 multiplies in int8 and wraps: 16 * 16 = 256 -> 0.
  EXPECT_EQ(RunProd<int8_t>(DType::kInt8, {2}, {16, 16}, {0}, false, {}),
            (std::vector<int8_t>{0}));
}

TEST(ReduceProdTest, QuantizedInt8) {
  EXPECT_EQ(RunProd<int8_t>(DType::kInt8, {3}, {10, 20, -5}, {0}, false, {},
                            PerTensor(0.1f, 0), PerTensor(0.2f, -1)),
            (std::vector<int8_t>{-6}));
  EXPECT_EQ(RunProd<int8_t>(DType::kInt8, {2, 1}, {50, 60}, {0}, false, {1}, PerTensor(0.05f, 2),
                            PerTensor(0.5f, 0)),
            (std::vector<int8_t>{14}));
}

TEST(ReduceProdTest, QuantizedInt16) {
  EXPECT_EQ(RunProd<int16_t>(DType::kInt16, {2}, {300, -200}, {0}, false, {},
                             PerTensor(0.01f, 0), PerTensor(0.5f, 0)),
            (std::vector<int16_t>{-12}));
}

TEST(ReduceProdTest, QuantizedUint8IsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kUInt8, {2}, PerTensor(0.1f, 0));
  m.AddConstInput<int32_t>({1}, {0});
  m.AddOutput(DType::kUInt8, {}, PerTensor(0.1f, 0));
  m.SetOp(ir::OpType::kReduceProd, ir::ReducerOptions{});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented) << s.message();
  EXPECT_NE(s.message().find("REDUCE_PROD"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
