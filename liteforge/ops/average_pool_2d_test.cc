// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected values computed by hand: border windows divide by their
// in-bounds pixel count; integer averages round half away from zero.

#include <gtest/gtest.h>

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

TEST(AveragePool2DTest, FloatSameStride2DividesByInBoundsCount) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 3, 3, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kAveragePool2D, Pool(ir::Padding::kSame, 2, 2, 2));
  ASSERT_TRUE(m.Build().ok());
  // Channel 0 is 1..9 row-major, channel 1 is -10 x channel 0.
  m.SetInput<float>(in, {1, -10, 2, -20, 3, -30, 4, -40, 5, -50, 6, -60, 7, -70, 8, -80, 9, -90});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 2, 2, 2}));
  // SAME pads one row/column after the data: windows hold 4, 2, 2, 1 pixels.
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{3, -30, 4.5f, -45, 7.5f, -75, 9, -90}));
}

TEST(AveragePool2DTest, FloatSame3x3Stride1BorderCounts) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 3, 3, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kAveragePool2D, Pool(ir::Padding::kSame, 1, 3, 3));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  ASSERT_TRUE(m.Invoke().ok());
  // Corners average 4 pixels, edges 6, the centre all 9.
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{3, 3.5f, 4, 4.5f, 5, 5.5f, 6, 6.5f, 7}));
}

TEST(AveragePool2DTest, FloatValidAndRelu6) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 2, 4, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kAveragePool2D,
          Pool(ir::Padding::kValid, 2, 2, 2, ir::Activation::kRelu6));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {-1, -3, 10, 20, -5, -7, 12, 14});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 1, 2, 1}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{0, 6}));  // -4 -> 0, 14 -> 6
}

TEST(AveragePool2DTest, ValidFilterLargerThanInputGivesEmptyOutput) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kAveragePool2D, Pool(ir::Padding::kValid, 1, 3, 3));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 0, 0, 1}));
}

TEST(AveragePool2DTest, Uint8RoundsHalfUp) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kUInt8, {1, 2, 6, 1}, PerTensor(0.5f, 3));
  m.AddOutput(DType::kUInt8, {}, PerTensor(0.5f, 3));
  m.SetOp(ir::OpType::kAveragePool2D, Pool(ir::Padding::kValid, 2, 2, 2));
  ASSERT_TRUE(m.Build().ok());
  // Windows: {1,1,1,2} = 5/4 -> 1, {1,2,2,2} = 7/4 -> 2, {254,255,255,255}
  // = 1019/4 = 254.75 -> 255.
  m.SetInput<uint8_t>(in, {1, 1, 1, 2, 254, 255, 1, 2, 2, 2, 255, 255});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<uint8_t>(0), (std::vector<uint8_t>{1, 2, 255}));
}

TEST(AveragePool2DTest, Int8RoundsHalfAwayFromZero) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {1, 1, 8, 1}, PerTensor(0.25f, 0));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.25f, 0));
  m.SetOp(ir::OpType::kAveragePool2D, Pool(ir::Padding::kValid, 2, 1, 2));
  ASSERT_TRUE(m.Build().ok());
  // Pairs: {-1,-2} = -1.5 -> -2; {1,-2} = -0.5 -> -1; {1,2} = 1.5 -> 2;
  // {-128,-127} = -127.5 -> -128.
  m.SetInput<int8_t>(in, {-1, -2, 1, -2, 1, 2, -128, -127});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-2, -1, 2, -128}));
}

TEST(AveragePool2DTest, Int8NegativeQuarterRounding) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {1, 2, 4, 1}, PerTensor(0.25f, 0));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.25f, 0));
  m.SetOp(ir::OpType::kAveragePool2D, Pool(ir::Padding::kValid, 2, 2, 2));
  ASSERT_TRUE(m.Build().ok());
  // {-1,-1,-1,-2} = -1.25 -> -1; {-1,-2,-2,-2} = -1.75 -> -2.
  m.SetInput<int8_t>(in, {-1, -1, -1, -2, -1, -2, -2, -2});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-1, -2}));
}

TEST(AveragePool2DTest, Int8ReluClampsAtZeroPoint) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {1, 1, 4, 1}, PerTensor(0.5f, -10));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.5f, -10));
  m.SetOp(ir::OpType::kAveragePool2D, Pool(ir::Padding::kValid, 2, 1, 2, ir::Activation::kRelu));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {-20, -30, 5, 6});
  ASSERT_TRUE(m.Invoke().ok());
  // -25 is below the zero point -10 (real 0), so RELU gives -10; 5.5 -> 6.
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-10, 6}));
}

TEST(AveragePool2DTest, Int16SameBorder) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt16, {1, 1, 3, 1}, PerTensor(1.f / 4096, 0));
  m.AddOutput(DType::kInt16, {}, PerTensor(1.f / 4096, 0));
  m.SetOp(ir::OpType::kAveragePool2D, Pool(ir::Padding::kSame, 1, 1, 2));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int16_t>(in, {-30000, -3, 32767});
  ASSERT_TRUE(m.Invoke().ok());
  // SAME with a 1x2 window pads one column after: windows {a,b}, {b,c}, {c}.
  // -30003/2 = -15001.5 -> -15002; 32764/2 = 16382; 32767.
  EXPECT_EQ(m.Output<int16_t>(0), (std::vector<int16_t>{-15002, 16382, 32767}));
}

TEST(AveragePool2DTest, WrongRankIsAClearError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 3, 3});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kAveragePool2D, Pool(ir::Padding::kSame, 1, 2, 2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("AVERAGE_POOL_2D"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("input"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("has 3 dims"), std::string::npos) << s.message();
}

TEST(AveragePool2DTest, UnsupportedDTypeIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kInt32, {1, 2, 2, 1});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kAveragePool2D, Pool(ir::Padding::kSame, 1, 2, 2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented) << s.message();
  EXPECT_NE(s.message().find("int32"), std::string::npos) << s.message();
}

TEST(AveragePool2DTest, ZeroStrideIsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kAveragePool2D, Pool(ir::Padding::kSame, 0, 2, 2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("strides must be positive"), std::string::npos) << s.message();
}

TEST(AveragePool2DTest, OutputDTypeMismatchIsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {1, 2, 2, 1}, PerTensor(1.f, 0));
  m.AddOutput(DType::kUInt8, {}, PerTensor(1.f, 0));
  m.SetOp(ir::OpType::kAveragePool2D, Pool(ir::Padding::kSame, 1, 2, 2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("output"), std::string::npos) << s.message();
}

// Output rows are split over threads; 1 and 2 threads must agree on every
// value, across batches, for each dtype.
template <typename T>
std::vector<T> RunWithThreads(DType dtype, int threads) {
  SingleOpModel m;
  const QuantParams q = dtype == DType::kFloat32 ? QuantParams{} : PerTensor(0.25f, 3);
  const int in = m.AddInput(dtype, {3, 41, 37, 19}, q);
  m.AddOutput(dtype, {}, q);
  m.SetOp(ir::OpType::kAveragePool2D, Pool(ir::Padding::kSame, 2, 3, 3));
  InterpreterOptions options;
  options.num_threads = threads;
  EXPECT_TRUE(m.Build(options).ok());
  std::vector<T> x(3 * 41 * 37 * 19);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<T>((i * 53) % 97);
  m.SetInput<T>(in, x);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<T>(0);
}

TEST(AveragePool2DTest, ThreadsGiveTheSameResultOnEveryRow) {
  EXPECT_EQ(RunWithThreads<float>(DType::kFloat32, 1), RunWithThreads<float>(DType::kFloat32, 2));
  EXPECT_EQ(RunWithThreads<uint8_t>(DType::kUInt8, 1), RunWithThreads<uint8_t>(DType::kUInt8, 2));
  EXPECT_EQ(RunWithThreads<int8_t>(DType::kInt8, 1), RunWithThreads<int8_t>(DType::kInt8, 2));
  EXPECT_EQ(RunWithThreads<int16_t>(DType::kInt16, 1), RunWithThreads<int16_t>(DType::kInt16, 2));
}

}  // namespace
}  // namespace liteforge::ops
