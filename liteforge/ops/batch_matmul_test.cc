// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected values were computed with numpy (integer cases with TFLite's
// multiplier encoding and MultiplyByQuantizedMultiplier).

#include <gtest/gtest.h>

#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerChannel;
using testing::PerTensor;
using testing::SingleOpModel;

ir::BatchMatMulOptions Adj(bool x, bool y) {
  ir::BatchMatMulOptions o;
  o.adj_x = x;
  o.adj_y = y;
  return o;
}

const std::vector<float> kLhs = {1, 2, 3, 4, 5, 6};                         // [2, 3]
const std::vector<float> kRhs = {1, 0, -1, 2, 0.5f, 1, 0, -1, 2, -2, 1, 0};  // [3, 4]
const std::vector<float> kProduct = {8, -4, 2, 0, 18.5f, -7, 2, 3};

TEST(BatchMatMulTest, FloatWithConstantRhs) {
  SingleOpModel m;
  const int lhs = m.AddInput(DType::kFloat32, {2, 3});
  m.AddConstInput<float>({3, 4}, kRhs);
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kBatchMatMul, Adj(false, false));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(lhs, kLhs);
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 4}));
  EXPECT_EQ(m.Output<float>(0), kProduct);
}

TEST(BatchMatMulTest, FloatWithRuntimeRhs) {
  SingleOpModel m;
  const int lhs = m.AddInput(DType::kFloat32, {2, 3});
  const int rhs = m.AddInput(DType::kFloat32, {3, 4});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kBatchMatMul, Adj(false, false));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(lhs, kLhs);
  m.SetInput<float>(rhs, kRhs);
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<float>(0), kProduct);
}

TEST(BatchMatMulTest, FloatAdjointsTransposeOperands) {
  SingleOpModel m;
  const int lhs = m.AddInput(DType::kFloat32, {3, 2});  // lhs^T
  const int rhs = m.AddInput(DType::kFloat32, {4, 3});  // rhs^T
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kBatchMatMul, Adj(true, true));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(lhs, {1, 4, 2, 5, 3, 6});
  m.SetInput<float>(rhs, {1, 0.5f, 2, 0, 1, -2, -1, 0, 1, 2, -1, 0});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 4}));
  EXPECT_EQ(m.Output<float>(0), kProduct);
}

TEST(BatchMatMulTest, FloatAdjYWithConstantRhs) {
  SingleOpModel m;
  const int lhs = m.AddInput(DType::kFloat32, {2, 3});
  m.AddConstInput<float>({4, 3}, {1, 0.5f, 2, 0, 1, -2, -1, 0, 1, 2, -1, 0});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kBatchMatMul, Adj(false, true));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(lhs, kLhs);
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<float>(0), kProduct);
}

TEST(BatchMatMulTest, FloatBroadcastsBatchDims) {
  // lhs [2, 1, 2, 3] x rhs [3, 3, 2] -> [2, 3, 2, 2].
  std::vector<float> l;
  for (int i = 0; i < 12; ++i) l.push_back(0.5f * i - 2);
  std::vector<float> r;
  for (int i = 0; i < 18; ++i) r.push_back(0.25f * i - 1);
  SingleOpModel m;
  const int lhs = m.AddInput(DType::kFloat32, {2, 1, 2, 3});
  m.AddConstInput<float>({3, 3, 2}, r);
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kBatchMatMul, Adj(false, false));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(lhs, l);
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 3, 2, 2}));
  EXPECT_EQ(m.Output<float>(0),
            (std::vector<float>{2.75f, 1.625f, 0.5f,  0.5f,  -4,     -5.125f, 0.5f, 0.5f,
                                -10.75f, -11.875f, 0.5f, 0.5f, -1.75f, -0.625f, -4, -1.75f,
                                5,     6.125f, 9.5f,  11.75f, 11.75f, 12.875f, 23,   25.25f}));
}

TEST(BatchMatMulTest, Int8WithZeroPointsAndSaturation) {
  SingleOpModel m;
  const int lhs = m.AddInput(DType::kInt8, {2, 3}, PerTensor(0.5f, -3));
  m.AddConstInput<int8_t>({3, 2}, {1, 2, -3, 4, 127, -128}, PerTensor(0.25f, 2));
  m.AddOutput(DType::kInt8, {}, PerTensor(4.0f, 5));
  m.SetOp(ir::OpType::kBatchMatMul, Adj(false, false), 2);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(lhs, {10, -20, 30, -128, 127, 5});
  ASSERT_TRUE(m.Invoke().ok());
  // Accumulators {4197, -4324, 475, -780} / 32 + 5.
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{127, -128, 20, -19}));
}

TEST(BatchMatMulTest, Int8ToInt32IsTheRawProduct) {
  SingleOpModel m;
  const int lhs = m.AddInput(DType::kInt8, {2, 3}, PerTensor(0.5f, -3));
  m.AddConstInput<int8_t>({3, 2}, {1, 2, -3, 4, 127, -128}, PerTensor(0.25f, 2));
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kBatchMatMul, Adj(false, false), 2);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(lhs, {10, -20, 30, -128, 127, 5});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{3880, -3900, 126, -388}));
}

TEST(BatchMatMulTest, Int16) {
  SingleOpModel m;
  const int lhs = m.AddInput(DType::kInt16, {2, 3}, PerTensor(0.001f, 0));
  const int rhs = m.AddInput(DType::kInt16, {3, 2}, PerTensor(0.002f, 0));
  m.AddOutput(DType::kInt16, {}, PerTensor(0.5f, 0));
  m.SetOp(ir::OpType::kBatchMatMul, Adj(false, false), 3);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int16_t>(lhs, {1000, -2000, 30000, -32768, 32767, 7});
  m.SetInput<int16_t>(rhs, {100, -200, 300, 400, -32768, 5});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int16_t>(0), (std::vector<int16_t>{-3934, -3, 25, 79}));
}

TEST(BatchMatMulTest, Int16ByInt8) {
  SingleOpModel m;
  const int lhs = m.AddInput(DType::kInt16, {2, 3}, PerTensor(0.001f, 0));
  m.AddConstInput<int8_t>({3, 2}, {1, 2, -3, 4, 127, -128}, PerTensor(0.02f, 0));
  m.AddOutput(DType::kInt16, {}, PerTensor(0.5f, 0));
  m.SetOp(ir::OpType::kBatchMatMul, Adj(false, false), 3);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int16_t>(lhs, {1000, -2000, 30000, -32768, 32767, 7});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int16_t>(0), (std::vector<int16_t>{153, -154, -5, 3}));
}

TEST(BatchMatMulTest, HybridIsCloseToTheFloatProduct) {
  // rhs = round(kRhs / 0.02): exactly representable, so the only error is
  // the on-the-fly quantization of lhs rows (at most half a step of
  // max|row| / 127 per element).
  std::vector<int8_t> q;
  for (float v : kRhs) q.push_back(static_cast<int8_t>(v / 0.02f + (v < 0 ? -0.5f : 0.5f)));
  for (bool asymmetric : {false, true}) {
    SingleOpModel m;
    const int lhs = m.AddInput(DType::kFloat32, {2, 3});
    m.AddConstInput<int8_t>({3, 4}, q, PerTensor(0.02f, 0));
    m.AddOutput(DType::kFloat32);
    ir::BatchMatMulOptions o;
    o.asymmetric_quantize_inputs = asymmetric;
    m.SetOp(ir::OpType::kBatchMatMul, o, 4);
    ASSERT_TRUE(m.Build().ok());
    m.SetInput<float>(lhs, kLhs);
    ASSERT_TRUE(m.Invoke().ok());
    const std::vector<float> got = m.Output<float>(0);
    ASSERT_EQ(got.size(), kProduct.size());
    for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], kProduct[i], 0.1f) << i;
  }
}

TEST(BatchMatMulTest, RejectsMismatchedDepth) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 3});
  m.AddInput(DType::kFloat32, {4, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kBatchMatMul, Adj(false, false));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("BATCH_MATMUL"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("contracted dimension (3 vs 4)"), std::string::npos) << s.message();
}

TEST(BatchMatMulTest, RejectsNonBroadcastableBatch) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 2, 3});
  m.AddInput(DType::kFloat32, {3, 3, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kBatchMatMul, Adj(false, false));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("does not broadcast"), std::string::npos) << s.message();
}

TEST(BatchMatMulTest, RejectsRankAboveFive) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 1, 1, 1, 2, 3});
  m.AddInput(DType::kFloat32, {3, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kBatchMatMul, Adj(false, false));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("lhs"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("expected 2 to 5"), std::string::npos) << s.message();
}

TEST(BatchMatMulTest, RejectsUnsupportedTypes) {
  SingleOpModel m;
  m.AddInput(DType::kUInt8, {2, 3}, PerTensor(1.f, 0));
  m.AddInput(DType::kUInt8, {3, 2}, PerTensor(1.f, 0));
  m.AddOutput(DType::kUInt8, {}, PerTensor(1.f, 0));
  m.SetOp(ir::OpType::kBatchMatMul, Adj(false, false));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented) << s.message();
  EXPECT_NE(s.message().find("uint8"), std::string::npos) << s.message();
}

TEST(BatchMatMulTest, RejectsPerChannelIntegerRhs) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {2, 3}, PerTensor(1.f, 0));
  m.AddConstInput<int8_t>({3, 2}, {1, 2, 3, 4, 5, 6}, PerChannel({1.f, 2.f}, 1));
  m.AddOutput(DType::kInt8, {}, PerTensor(1.f, 0));
  m.SetOp(ir::OpType::kBatchMatMul, Adj(false, false), 2);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("per-tensor"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
