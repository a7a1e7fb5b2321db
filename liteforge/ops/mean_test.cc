// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Float and int cases computed by hand; quantized cases with numpy
// emulating TFLite's integer paths (QuantizeMultiplier, the rounding
// doubling high multiply and rounding shift) and float32 steps.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

ir::ReducerOptions Keep(bool keep) {
  ir::ReducerOptions o;
  o.keep_dims = keep;
  return o;
}

template <typename T>
std::vector<T> RunMean(DType dtype, const Shape& shape, const std::vector<T>& x,
                       const std::vector<int32_t>& axes, bool keep, const Shape& want_shape,
                       const QuantParams& in_q = {}, const QuantParams& out_q = {}) {
  SingleOpModel m;
  m.AddInput(dtype, shape, in_q);
  m.AddConstInput<int32_t>({static_cast<int32_t>(axes.size())}, axes);
  m.AddOutput(dtype, {}, out_q);
  m.SetOp(ir::OpType::kMean, Keep(keep));
  const Status built = m.Build();
  EXPECT_TRUE(built.ok()) << built.message();
  m.SetInput<T>(0, x);
  EXPECT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), want_shape);
  return m.Output<T>(0);
}

TEST(MeanTest, FloatSpatialKeepDims) {
  const auto out = RunMean<float>(DType::kFloat32, {1, 2, 2, 2}, {1, 10, 2, 20, 3, 30, 6, 40},
                                  {1, 2}, true, {1, 1, 1, 2});
  EXPECT_EQ(out, (std::vector<float>{3, 25}));
}

TEST(MeanTest, FloatNegativeAndRepeatedAxes) {
  std::vector<float> x(12);
  for (int i = 0; i < 12; ++i) x[i] = static_cast<float>(i);
  // Axes {-1, 2, 0} on rank 3 are {0, 2}; dim 1 remains.
  const auto out = RunMean<float>(DType::kFloat32, {2, 3, 2}, x, {-1, 2, 0}, false, {3});
  EXPECT_EQ(out, (std::vector<float>{3.5f, 5.5f, 7.5f}));
}

TEST(MeanTest, Int32TruncatesTowardZero) {
  const auto out =
      RunMean<int32_t>(DType::kInt32, {2, 2}, {1, 2, -1, -2}, {1}, false, {2});
  EXPECT_EQ(out, (std::vector<int32_t>{1, -1}));
}

TEST(MeanTest, Int64SumsWithoutOverflow) {
  const int64_t big = int64_t{1} << 61;
  const auto out = RunMean<int64_t>(DType::kInt64, {2}, {big, big}, {0}, true, {1});
  EXPECT_EQ(out, (std::vector<int64_t>{big}));
}

TEST(MeanTest, Uint8SpatialPath) {
  // Channel 0 {20, 30, 40, 255}, channel 1 {0, 1, 2, 3}; the input and
  // output scales differ.
  const auto out = RunMean<uint8_t>(DType::kUInt8, {1, 2, 2, 2}, {20, 0, 30, 1, 40, 2, 255, 3},
                                    {1, 2}, true, {1, 1, 1, 2}, PerTensor(0.5f, 10),
                                    PerTensor(0.25f, 3));
  EXPECT_EQ(out, (std::vector<uint8_t>{156, 0}));
}

TEST(MeanTest, Int8SpatialPathDiffersFromGeneralPath) {
  const std::vector<int8_t> x = {-128, -100, 3, 127, 5, 6, 7, 9, -1, -2, -3, -3};
  const QuantParams in_q = PerTensor(0.3f, -5);
  const QuantParams out_q = PerTensor(0.7f, 2);
  // keep_dims with axes {1, 2}: TFLite's spatial path (bias added after the
  // rescale).
  EXPECT_EQ(RunMean<int8_t>(DType::kInt8, {1, 2, 2, 3}, x, {1, 2}, true, {1, 1, 1, 3}, in_q,
                            out_q),
            (std::vector<int8_t>{4, -6, 5}));
  // Same axes without keep_dims: the general path (zero point removed
  // before the rescale) gives different roundings.
  EXPECT_EQ(RunMean<int8_t>(DType::kInt8, {1, 2, 2, 3}, x, {1, 2}, false, {1, 3}, in_q, out_q),
            (std::vector<int8_t>{5, -5, 5}));
  // Negative axes name the same dims and take the spatial path.
  EXPECT_EQ(RunMean<int8_t>(DType::kInt8, {1, 2, 2, 3}, x, {-3, -2}, true, {1, 1, 1, 3}, in_q,
                            out_q),
            (std::vector<int8_t>{4, -6, 5}));
}

TEST(MeanTest, Int8LastAxisGeneralPath) {
  const std::vector<int8_t> x = {-128, -100, 3, 127, 5, 6, 7, 9, -1, -2, -3, -3};
  EXPECT_EQ(RunMean<int8_t>(DType::kInt8, {1, 2, 2, 3}, x, {3}, false, {1, 2, 2},
                            PerTensor(0.3f, -5), PerTensor(0.7f, 2)),
            (std::vector<int8_t>{-28, 24, 6, 3}));
}

TEST(MeanTest, Int16RescalesAndSaturates) {
  EXPECT_EQ(RunMean<int16_t>(DType::kInt16, {4}, {1000, -3000, 7, 20001}, {0}, false, {},
                             PerTensor(0.001f, 0), PerTensor(0.0005f, 0)),
            (std::vector<int16_t>{9004}));
  EXPECT_EQ(RunMean<int16_t>(DType::kInt16, {2}, {32767, 32767}, {0}, false, {},
                             PerTensor(1.f, 0), PerTensor(0.5f, 0)),
            (std::vector<int16_t>{32767}));
}

TEST(MeanTest, EmptyAxisListCopiesQuantizedInputRaw) {
  SingleOpModel m;
  m.AddInput(DType::kUInt8, {3}, PerTensor(0.5f, 10));
  m.AddConstInput<int32_t>({0}, {});
  m.AddOutput(DType::kUInt8, {}, PerTensor(0.25f, 3));
  m.SetOp(ir::OpType::kMean, Keep(false));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<uint8_t>(0, {7, 8, 200});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({3}));
  EXPECT_EQ(m.Output<uint8_t>(0), (std::vector<uint8_t>{7, 8, 200}));
}

TEST(MeanTest, RuntimeAxisMakesTheOutputDynamic) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 2});
  m.AddInput(DType::kInt64, {1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kMean, Keep(false));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(0, {1, 2, 3, 5});
  m.SetInput<int64_t>(1, {0});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{2, 3.5f}));
  m.SetInput<int64_t>(1, {-1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{1.5f, 4}));
  m.SetInput<int64_t>(1, {2});
  const Status s = m.Invoke();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("axis 2 is out of range"), std::string::npos) << s.message();
}

TEST(MeanTest, EmptyReducedDimGivesNaN) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 0});
  m.AddConstInput<int32_t>({1}, {1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kMean, Keep(false));
  ASSERT_TRUE(m.Build().ok());
  ASSERT_TRUE(m.Invoke().ok());
  const auto out = m.Output<float>(0);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(std::isnan(out[0]) && std::isnan(out[1]));
}

TEST(MeanTest, Errors) {
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {2, 2});
    m.AddConstInput<int32_t>({1}, {5});
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kMean, Keep(false));
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("MEAN"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("axis 5 is out of range for an input of rank 2"),
              std::string::npos)
        << s.message();
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kInt16, {2}, PerTensor(1.f, 3));
    m.AddConstInput<int32_t>({1}, {0});
    m.AddOutput(DType::kInt16, {}, PerTensor(1.f, 0));
    m.SetOp(ir::OpType::kMean, Keep(false));
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("zero points of 0"), std::string::npos) << s.message();
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kBool, {2});
    m.AddConstInput<int32_t>({1}, {0});
    m.AddOutput(DType::kBool);
    m.SetOp(ir::OpType::kMean, Keep(false));
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.code(), StatusCode::kUnimplemented) << s.message();
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kInt8, {2});  // no quantization parameters
    m.AddConstInput<int32_t>({1}, {0});
    m.AddOutput(DType::kInt8);
    m.SetOp(ir::OpType::kMean, Keep(false));
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("per-tensor quantization"), std::string::npos) << s.message();
  }
}

}  // namespace
}  // namespace liteforge::ops
