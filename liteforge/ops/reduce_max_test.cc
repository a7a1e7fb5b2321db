// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// REDUCE_MAX and REDUCE_MIN; expected values by hand.

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

template <typename T>
std::vector<T> RunReduce(ir::OpType op, DType dtype, const Shape& shape, const std::vector<T>& x,
                   const std::vector<int32_t>& axes, bool keep, const Shape& want_shape,
                   const QuantParams& q = {}) {
  SingleOpModel m;
  m.AddInput(dtype, shape, q);
  m.AddConstInput<int32_t>({static_cast<int32_t>(axes.size())}, axes);
  m.AddOutput(dtype, {}, q);
  ir::ReducerOptions o;
  o.keep_dims = keep;
  m.SetOp(op, o);
  const Status built = m.Build();
  EXPECT_TRUE(built.ok()) << built.message();
  m.SetInput<T>(0, x);
  EXPECT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), want_shape);
  return m.Output<T>(0);
}

TEST(ReduceMaxTest, FloatInnerAndOuterAxes) {
  const std::vector<float> x = {1, 9, -2, 4, 0, 7};
  EXPECT_EQ(RunReduce<float>(ir::OpType::kReduceMax, DType::kFloat32, {2, 3}, x, {1}, false, {2}),
            (std::vector<float>{9, 7}));
  EXPECT_EQ(RunReduce<float>(ir::OpType::kReduceMax, DType::kFloat32, {2, 3}, x, {0}, true, {1, 3}),
            (std::vector<float>{4, 9, 7}));
  EXPECT_EQ(RunReduce<float>(ir::OpType::kReduceMin, DType::kFloat32, {2, 3}, x, {-1}, false, {2}),
            (std::vector<float>{-2, 0}));
}

TEST(ReduceMaxTest, QuantizedTypesCompareRaw) {
  const QuantParams q = PerTensor(0.5f, -3);
  EXPECT_EQ(RunReduce<int8_t>(ir::OpType::kReduceMax, DType::kInt8, {1, 2, 2}, {-128, 5, 127, -1},
                        {1, 2}, false, {1}, q),
            (std::vector<int8_t>{127}));
  EXPECT_EQ(RunReduce<uint8_t>(ir::OpType::kReduceMin, DType::kUInt8, {2, 2}, {3, 200, 0, 255}, {0},
                         false, {2}, PerTensor(1.f, 128)),
            (std::vector<uint8_t>{0, 200}));
  EXPECT_EQ(RunReduce<int16_t>(ir::OpType::kReduceMin, DType::kInt16, {3}, {-5, -32768, 7}, {0}, true,
                         {1}, PerTensor(1.f, 0)),
            (std::vector<int16_t>{-32768}));
}

TEST(ReduceMaxTest, EmptyAxisListCopiesAndScalarInput) {
  EXPECT_EQ(RunReduce<int64_t>(ir::OpType::kReduceMax, DType::kInt64, {3}, {4, -5, 6}, {}, false, {3}),
            (std::vector<int64_t>{4, -5, 6}));
  EXPECT_EQ(RunReduce<float>(ir::OpType::kReduceMin, DType::kFloat32, {}, {2.5f}, {}, false, {}),
            (std::vector<float>{2.5f}));
}

TEST(ReduceMaxTest, EmptyReducedDimGivesIdentity) {
  EXPECT_EQ(RunReduce<int32_t>(ir::OpType::kReduceMax, DType::kInt32, {2, 0}, {}, {1}, false, {2}),
            (std::vector<int32_t>{std::numeric_limits<int32_t>::lowest(),
                                  std::numeric_limits<int32_t>::lowest()}));
  EXPECT_EQ(RunReduce<float>(ir::OpType::kReduceMin, DType::kFloat32, {0, 2}, {}, {0}, true, {1, 2}),
            (std::vector<float>{std::numeric_limits<float>::max(),
                                std::numeric_limits<float>::max()}));
}

TEST(ReduceMaxTest, DifferentQuantizationIsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {2}, PerTensor(0.5f, 0));
  m.AddConstInput<int32_t>({1}, {0});
  m.AddOutput(DType::kInt8, {}, PerTensor(0.25f, 0));
  m.SetOp(ir::OpType::kReduceMax, ir::ReducerOptions{});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("REDUCE_MAX"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("same quantization"), std::string::npos) << s.message();
}

TEST(ReduceMaxTest, BoolIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kBool, {2});
  m.AddConstInput<int32_t>({1}, {0});
  m.AddOutput(DType::kBool);
  m.SetOp(ir::OpType::kReduceMin, ir::ReducerOptions{});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
