// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ARG_MAX / ARG_MIN; expected values by hand.

#include <gtest/gtest.h>

#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

ir::OutputTypeOptions OutType(DType t) {
  ir::OutputTypeOptions o;
  o.output_type = t;
  return o;
}

TEST(ArgMinMaxTest, TiesPickTheLowestIndex) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 4});
  m.AddConstInput<int32_t>({1}, {1});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kArgMax, OutType(DType::kInt32));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(0, {1, 7, 3, 7, -1, -1, -1, -1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2}));
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{1, 0}));
}

TEST(ArgMinMaxTest, ArgMinOverAMiddleAxisWithInt64Output) {
  SingleOpModel m;
  m.AddInput(DType::kUInt8, {1, 3, 2}, PerTensor(1.f, 0));
  m.AddConstInput<int64_t>({}, {-2});
  m.AddOutput(DType::kInt64);
  m.SetOp(ir::OpType::kArgMin, OutType(DType::kInt64));
  ASSERT_TRUE(m.Build().ok());
  // Columns: {5, 2, 2} -> 1 (tie keeps the first), {9, 8, 0} -> 2.
  m.SetInput<uint8_t>(0, {5, 9, 2, 8, 2, 0});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 2}));
  EXPECT_EQ(m.Output<int64_t>(0), (std::vector<int64_t>{1, 2}));
}

TEST(ArgMinMaxTest, Int8Int16Int32AndBool) {
  {
    SingleOpModel m;
    m.AddInput(DType::kInt8, {5}, PerTensor(0.1f, -128));
    m.AddConstInput<int32_t>({1}, {0});
    m.AddOutput(DType::kInt32);
    m.SetOp(ir::OpType::kArgMax, OutType(DType::kInt32));
    ASSERT_TRUE(m.Build().ok());
    m.SetInput<int8_t>(0, {-128, 3, 127, -5, 127});
    ASSERT_TRUE(m.Invoke().ok());
    EXPECT_EQ(m.OutputShape(0), Shape({}));
    EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{2}));
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kInt16, {3});
    m.AddConstInput<int32_t>({1}, {0});
    m.AddOutput(DType::kInt32);
    m.SetOp(ir::OpType::kArgMin, OutType(DType::kInt32));
    ASSERT_TRUE(m.Build().ok());
    m.SetInput<int16_t>(0, {-2, -32768, 5});
    ASSERT_TRUE(m.Invoke().ok());
    EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{1}));
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kInt32, {2, 2});
    m.AddConstInput<int32_t>({1}, {0});
    m.AddOutput(DType::kInt64);
    m.SetOp(ir::OpType::kArgMax);  // no options: the output tensor decides
    ASSERT_TRUE(m.Build().ok());
    m.SetInput<int32_t>(0, {-7, 100, -6, 100});
    ASSERT_TRUE(m.Invoke().ok());
    EXPECT_EQ(m.Output<int64_t>(0), (std::vector<int64_t>{1, 0}));
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kBool, {4});
    m.AddConstInput<int32_t>({1}, {0});
    m.AddOutput(DType::kInt32);
    m.SetOp(ir::OpType::kArgMax, OutType(DType::kInt32));
    ASSERT_TRUE(m.Build().ok());
    m.SetInputBytes(0, std::vector<uint8_t>{0, 0, 1, 1});
    ASSERT_TRUE(m.Invoke().ok());
    EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{2}));
  }
}

TEST(ArgMinMaxTest, WideInnerDimCrossesTranches) {
  // axis 0 of [2, 300]: inner = 300 > the kernel's 256-wide tranche.
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 300});
  m.AddConstInput<int32_t>({1}, {0});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kArgMax, OutType(DType::kInt32));
  ASSERT_TRUE(m.Build().ok());
  std::vector<float> x(600);
  std::vector<int32_t> want(300);
  for (int i = 0; i < 300; ++i) {
    x[i] = static_cast<float>(i % 7);
    x[300 + i] = static_cast<float>(i % 5);
    want[i] = x[300 + i] > x[i] ? 1 : 0;
  }
  m.SetInput<float>(0, x);
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int32_t>(0), want);
}

TEST(ArgMinMaxTest, RuntimeAxis) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 2});
  m.AddInput(DType::kInt32, {1});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kArgMax, OutType(DType::kInt32));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(0, {1, 5, 4, 2});
  m.SetInput<int32_t>(1, {0});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{1, 0}));
  m.SetInput<int32_t>(1, {1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{1, 0}));
  m.SetInput<int32_t>(1, {3});
  EXPECT_FALSE(m.Invoke().ok());
}

TEST(ArgMinMaxTest, Errors) {
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {2, 2});
    m.AddConstInput<int32_t>({1}, {2});
    m.AddOutput(DType::kInt32);
    m.SetOp(ir::OpType::kArgMax, OutType(DType::kInt32));
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("ARG_MAX"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("axis 2 is out of range"), std::string::npos) << s.message();
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {2, 0});
    m.AddConstInput<int32_t>({1}, {1});
    m.AddOutput(DType::kInt32);
    m.SetOp(ir::OpType::kArgMin, OutType(DType::kInt32));
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("empty axis"), std::string::npos) << s.message();
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {2});
    m.AddConstInput<int32_t>({1}, {0});
    m.AddOutput(DType::kInt32);
    m.SetOp(ir::OpType::kArgMax, OutType(DType::kInt64));
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("output_type is int64"), std::string::npos) << s.message();
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat16, {2});
    m.AddConstInput<int32_t>({1}, {0});
    m.AddOutput(DType::kInt32);
    m.SetOp(ir::OpType::kArgMax, OutType(DType::kInt32));
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.code(), StatusCode::kUnimplemented) << s.message();
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {2});
    m.AddConstInput<int32_t>({2}, {0, 0});
    m.AddOutput(DType::kInt32);
    m.SetOp(ir::OpType::kArgMax, OutType(DType::kInt32));
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("exactly one"), std::string::npos) << s.message();
  }
}

// Outer positions are split over threads; each split part must index its
// own rows: 2 threads give the same indices as 1, on the innermost axis and
// on a middle one, with a result the test can also check directly.
std::vector<int32_t> ArgMaxWithThreads(const Shape& shape, int axis, int threads) {
  SingleOpModel m;
  m.AddInput(DType::kUInt8, shape, PerTensor(1.f, 0));
  m.AddConstInput<int32_t>({1}, {axis});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kArgMax, OutType(DType::kInt32));
  InterpreterOptions options;
  options.num_threads = threads;
  EXPECT_TRUE(m.Build(options).ok());
  std::vector<uint8_t> x(static_cast<size_t>(shape.NumElements()));
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<uint8_t>((i * 131) % 251);
  m.SetInput<uint8_t>(0, x);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<int32_t>(0);
}

TEST(ArgMinMaxTest, ThreadsSplitTheOuterPositions) {
  const Shape shape({1, 97, 89, 21});
  const auto one = ArgMaxWithThreads(shape, 3, 1);
  EXPECT_EQ(one, ArgMaxWithThreads(shape, 3, 2));
  // Spot check against a direct scan of the same values.
  for (size_t o : {size_t{0}, size_t{4000}, one.size() - 1}) {
    int best = -1, where = 0;
    for (int a = 0; a < 21; ++a) {
      const int v = static_cast<int>(((o * 21 + a) * 131) % 251);
      if (v > best) best = v, where = a;
    }
    EXPECT_EQ(one[o], where) << "outer " << o;
  }
  EXPECT_EQ(ArgMaxWithThreads({5, 233, 71}, 1, 1), ArgMaxWithThreads({5, 233, 71}, 1, 2));
}

}  // namespace
}  // namespace liteforge::ops
