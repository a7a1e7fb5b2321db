// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected values computed by hand.

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

TEST(MaxPool2DTest, FloatSamePaddingNeverWins) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 3, 3, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kMaxPool2D, Pool(ir::Padding::kSame, 2, 2, 2));
  ASSERT_TRUE(m.Build().ok());
  // All negative: if padding counted as 0 the border windows would give 0.
  m.SetInput<float>(in, {-9, -8, -7, -6, -5, -4, -3, -2, -1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 2, 2, 1}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{-5, -4, -2, -1}));
}

TEST(MaxPool2DTest, FloatTwoChannelsAndRelu) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 2, 2, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kMaxPool2D, Pool(ir::Padding::kValid, 1, 2, 2, ir::Activation::kRelu));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, -1, 7, -2, 3, -3, 2.5f, -4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 1, 1, 2}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{7, 0}));  // max -1 -> RELU 0
}

TEST(MaxPool2DTest, Uint8Relu6ClampsInQuantizedDomain) {
  SingleOpModel m;
  // scale 0.1, zero point 10: RELU6 keeps [10, 70].
  const int in = m.AddInput(DType::kUInt8, {1, 2, 4, 1}, PerTensor(0.1f, 10));
  m.AddOutput(DType::kUInt8, {}, PerTensor(0.1f, 10));
  m.SetOp(ir::OpType::kMaxPool2D,
          Pool(ir::Padding::kValid, 2, 2, 2, ir::Activation::kRelu6));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<uint8_t>(in, {0, 3, 200, 50, 9, 2, 60, 61});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<uint8_t>(0), (std::vector<uint8_t>{10, 70}));
}

TEST(MaxPool2DTest, Int8AndInt16) {
  {
    SingleOpModel m;
    const int in = m.AddInput(DType::kInt8, {1, 1, 4, 1}, PerTensor(1.f, 0));
    m.AddOutput(DType::kInt8, {}, PerTensor(1.f, 0));
    m.SetOp(ir::OpType::kMaxPool2D, Pool(ir::Padding::kValid, 2, 1, 2));
    ASSERT_TRUE(m.Build().ok());
    m.SetInput<int8_t>(in, {-128, -127, 5, -5});
    ASSERT_TRUE(m.Invoke().ok());
    EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-127, 5}));
  }
  {
    SingleOpModel m;
    const int in = m.AddInput(DType::kInt16, {1, 1, 3, 1}, PerTensor(1.f, 0));
    m.AddOutput(DType::kInt16, {}, PerTensor(1.f, 0));
    m.SetOp(ir::OpType::kMaxPool2D, Pool(ir::Padding::kSame, 1, 1, 3));
    ASSERT_TRUE(m.Build().ok());
    m.SetInput<int16_t>(in, {-32768, 1000, -2});
    ASSERT_TRUE(m.Invoke().ok());
    EXPECT_EQ(m.Output<int16_t>(0), (std::vector<int16_t>{1000, 1000, 1000}));
  }
}

TEST(MaxPool2DTest, ManyChannelsCrossTheTrancheBoundary) {
  // 300 channels exercise the kernel's 256-channel tranches.
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 1, 2, 300});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kMaxPool2D, Pool(ir::Padding::kValid, 1, 1, 2));
  ASSERT_TRUE(m.Build().ok());
  std::vector<float> x(600);
  std::vector<float> want(300);
  for (int c = 0; c < 300; ++c) {
    x[c] = static_cast<float>(c % 2 == 0 ? c : -c);
    x[300 + c] = static_cast<float>(c % 3);
    want[c] = std::max(x[c], x[300 + c]);
  }
  m.SetInput<float>(in, x);
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<float>(0), want);
}

TEST(MaxPool2DTest, BoolInputIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kBool, {1, 2, 2, 1});
  m.AddOutput(DType::kBool);
  m.SetOp(ir::OpType::kMaxPool2D, Pool(ir::Padding::kSame, 1, 2, 2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented) << s.message();
  EXPECT_NE(s.message().find("MAX_POOL_2D"), std::string::npos) << s.message();
}

TEST(MaxPool2DTest, ZeroFilterIsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kMaxPool2D, Pool(ir::Padding::kSame, 1, 0, 2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("filter size must be positive"), std::string::npos) << s.message();
}

// Output rows are split over threads; 1 and 2 threads must agree on every
// value, across batches, for each dtype.
template <typename T>
std::vector<T> RunWithThreads(DType dtype, int threads) {
  SingleOpModel m;
  const QuantParams q = dtype == DType::kFloat32 ? QuantParams{} : PerTensor(0.25f, 3);
  const int in = m.AddInput(dtype, {3, 41, 37, 19}, q);
  m.AddOutput(dtype, {}, q);
  m.SetOp(ir::OpType::kMaxPool2D, Pool(ir::Padding::kSame, 2, 3, 3));
  InterpreterOptions options;
  options.num_threads = threads;
  EXPECT_TRUE(m.Build(options).ok());
  std::vector<T> x(3 * 41 * 37 * 19);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<T>((i * 53) % 97);
  m.SetInput<T>(in, x);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<T>(0);
}

TEST(MaxPool2DTest, ThreadsGiveTheSameResultOnEveryRow) {
  EXPECT_EQ(RunWithThreads<float>(DType::kFloat32, 1), RunWithThreads<float>(DType::kFloat32, 2));
  EXPECT_EQ(RunWithThreads<uint8_t>(DType::kUInt8, 1), RunWithThreads<uint8_t>(DType::kUInt8, 2));
  EXPECT_EQ(RunWithThreads<int8_t>(DType::kInt8, 1), RunWithThreads<int8_t>(DType::kInt8, 2));
  EXPECT_EQ(RunWithThreads<int16_t>(DType::kInt16, 1), RunWithThreads<int16_t>(DType::kInt16, 2));
}

}  // namespace
}  // namespace liteforge::ops
