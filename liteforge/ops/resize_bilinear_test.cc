// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Float cases computed by hand; uint8 (float weights, +0.5, truncation) and
// int8/int16 (10-bit fixed point, round half away) with numpy following
// TFLite's formulas step by step in float32 / exact integers.

#include <gtest/gtest.h>

#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

ir::ResizeOptions Opts(bool align_corners, bool half_pixel_centers) {
  ir::ResizeOptions o;
  o.align_corners = align_corners;
  o.half_pixel_centers = half_pixel_centers;
  return o;
}

void ExpectFloats(const std::vector<float>& got, const std::vector<float>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_FLOAT_EQ(got[i], want[i]) << "element " << i;
}

template <typename T>
std::vector<T> RunResize(DType dtype, const Shape& in_shape, const std::vector<T>& x, int out_h,
                         int out_w, bool align, bool half, const QuantParams& q = {}) {
  SingleOpModel m;
  const int in = m.AddInput(dtype, in_shape, q);
  m.AddConstInput<int32_t>({2}, {out_h, out_w});
  m.AddOutput(dtype, {}, q);
  m.SetOp(ir::OpType::kResizeBilinear, Opts(align, half));
  EXPECT_TRUE(m.Build().ok());
  m.SetInput<T>(in, x);
  EXPECT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({in_shape.dim(0), out_h, out_w, in_shape.dim(3)}));
  return m.Output<T>(0);
}

// Builds and runs one resize with `threads` workers; the raw output bytes.
template <typename T>
std::vector<T> RunResizeThreads(DType dtype, const Shape& in_shape, const std::vector<T>& x,
                                int out_h, int out_w, bool half, int threads) {
  SingleOpModel m;
  const QuantParams q = dtype == DType::kFloat32 ? QuantParams{} : PerTensor(0.5f, 0);
  const int in = m.AddInput(dtype, in_shape, q);
  m.AddConstInput<int32_t>({2}, {out_h, out_w});
  m.AddOutput(dtype, {}, q);
  m.SetOp(ir::OpType::kResizeBilinear, Opts(false, half));
  InterpreterOptions options;
  options.num_threads = threads;
  EXPECT_TRUE(m.Build(options).ok());
  m.SetInput<T>(in, x);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<T>(0);
}

// Rows are split over threads; every row must come out as on one thread,
// across batches, for each dtype's kernel and the exact-2x float path.
template <typename T>
void ExpectThreadCountInvariant(DType dtype, int out_h, int out_w, bool half) {
  const Shape in_shape({3, 17, 23, 5});
  std::vector<T> x(static_cast<size_t>(in_shape.NumElements()));
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<T>((i * 37) % 101);
  const auto one = RunResizeThreads<T>(dtype, in_shape, x, out_h, out_w, half, 1);
  const auto two = RunResizeThreads<T>(dtype, in_shape, x, out_h, out_w, half, 2);
  ASSERT_EQ(one.size(), static_cast<size_t>(3 * out_h * out_w * 5));
  EXPECT_EQ(one, two);
}

TEST(ResizeBilinearTest, ThreadsGiveTheSameResultOnEveryRow) {
  ExpectThreadCountInvariant<float>(DType::kFloat32, 34, 46, false);  // exact 2x path
  ExpectThreadCountInvariant<float>(DType::kFloat32, 101, 77, true);
  ExpectThreadCountInvariant<uint8_t>(DType::kUInt8, 101, 77, false);
  ExpectThreadCountInvariant<int8_t>(DType::kInt8, 101, 77, true);
  ExpectThreadCountInvariant<int16_t>(DType::kInt16, 101, 77, false);
}

TEST(ResizeBilinearTest, FloatAlignCorners) {
  const auto out =
      RunResize<float>(DType::kFloat32, {1, 2, 2, 1}, {1, 2, 3, 4}, 3, 3, true, false);
  ExpectFloats(out, {1, 1.5f, 2, 2, 2.5f, 3, 3, 3.5f, 4});
}

TEST(ResizeBilinearTest, FloatPlainScalingClampsAtTheEdge) {
  // Scale 2/3: positions 0, 2/3, 4/3; past the last pixel the value holds.
  const auto out = RunResize<float>(DType::kFloat32, {1, 1, 2, 1}, {1, 2}, 1, 3, false, false);
  ExpectFloats(out, {1, 1 + 2.f / 3, 2});
}

TEST(ResizeBilinearTest, FloatHalfPixelCenters) {
  // Positions -0.25, 0.25, 0.75, 1.25 over [1, 2].
  const auto out = RunResize<float>(DType::kFloat32, {1, 1, 2, 1}, {1, 2}, 1, 4, false, true);
  ExpectFloats(out, {1, 1.25f, 1.75f, 2});
}

TEST(ResizeBilinearTest, FloatExact2xUpscaleTwoChannels) {
  const auto out = RunResize<float>(DType::kFloat32, {1, 2, 2, 2},
                                    {1, -1, 2, -2, 3, -3, 4, -4}, 4, 4, false, false);
  const std::vector<float> ch0 = {1, 1.5f, 2, 2, 2, 2.5f, 3, 3, 3, 3.5f, 4, 4, 3, 3.5f, 4, 4};
  std::vector<float> want;
  for (float v : ch0) {
    want.push_back(v);
    want.push_back(-v);
  }
  ExpectFloats(out, want);
}

TEST(ResizeBilinearTest, Uint8FloatWeightsTruncateAfterHalf) {
  const QuantParams q = PerTensor(0.5f, 0);
  EXPECT_EQ(RunResize<uint8_t>(DType::kUInt8, {1, 1, 3, 1}, {0, 100, 255}, 1, 5, false, true, q),
            (std::vector<uint8_t>{0, 40, 100, 193, 255}));
  EXPECT_EQ(RunResize<uint8_t>(DType::kUInt8, {1, 2, 2, 1}, {10, 200, 33, 77}, 3, 4, true, false,
                               q),
            (std::vector<uint8_t>{10, 73, 137, 200, 22, 61, 100, 139, 33, 48, 62, 77}));
  EXPECT_EQ(RunResize<uint8_t>(DType::kUInt8, {1, 2, 3, 1}, {10, 200, 3, 33, 77, 250}, 3, 5,
                               false, false, q),
            (std::vector<uint8_t>{10, 124, 161, 42, 3, 25, 81, 128, 158, 168, 33, 59, 112, 215,
                                  250}));
}

TEST(ResizeBilinearTest, Int8FixedPoint) {
  const QuantParams q = PerTensor(0.1f, 0);
  const std::vector<int8_t> x = {127, -128, 64, 0};
  EXPECT_EQ(RunResize<int8_t>(DType::kInt8, {1, 2, 2, 1}, x, 4, 6, false, false, q),
            (std::vector<int8_t>{127, 42, -43, -128, -128, -128, 96, 42, -11, -64, -64, -64,
                                 64, 43, 21, 0, 0, 0, 64, 43, 21, 0, 0, 0}));
  EXPECT_EQ(RunResize<int8_t>(DType::kInt8, {1, 2, 2, 1}, x, 4, 4, false, true, q),
            (std::vector<int8_t>{127, 63, -64, -128, 111, 59, -44, -96, 80, 52, -4, -32, 64, 48,
                                 16, 0}));
  EXPECT_EQ(RunResize<int8_t>(DType::kInt8, {1, 2, 2, 1}, x, 3, 3, true, false, q),
            (std::vector<int8_t>{127, -1, -128, 96, 16, -64, 64, 32, 0}));
}

TEST(ResizeBilinearTest, Int16HalfPixel) {
  const QuantParams q = PerTensor(1.f / 1024, 0);
  EXPECT_EQ(RunResize<int16_t>(DType::kInt16, {1, 1, 3, 1}, {-32768, 1000, 32767}, 1, 6, false,
                               true, q),
            (std::vector<int16_t>{-32768, -24326, -7442, 8942, 24825, 32767}));
}

TEST(ResizeBilinearTest, RuntimeSizeMakesTheOutputDynamic) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  const int size = m.AddInput(DType::kInt32, {2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kResizeBilinear, Opts(true, false));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4});
  m.SetInput<int32_t>(size, {3, 3});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 3, 3, 1}));
  ExpectFloats(m.Output<float>(0), {1, 1.5f, 2, 2, 2.5f, 3, 3, 3.5f, 4});
  m.SetInput<int32_t>(size, {0, 3});
  const Status s = m.Invoke();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("both sizes must be positive"), std::string::npos) << s.message();
}

TEST(ResizeBilinearTest, AlignCornersWithHalfPixelIsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddConstInput<int32_t>({2}, {4, 4});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kResizeBilinear, Opts(true, true));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("align_corners and half_pixel_centers"), std::string::npos)
      << s.message();
}

TEST(ResizeBilinearTest, BadSizeTensorIsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddConstInput<int32_t>({3}, {4, 4, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kResizeBilinear, Opts(false, false));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("size"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("expected 2"), std::string::npos) << s.message();
}

TEST(ResizeBilinearTest, WrongRankAndDTypeAreRejected) {
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {2, 2, 1});
    m.AddConstInput<int32_t>({2}, {4, 4});
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kResizeBilinear, Opts(false, false));
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("has 3 dims"), std::string::npos) << s.message();
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kInt32, {1, 2, 2, 1});
    m.AddConstInput<int32_t>({2}, {4, 4});
    m.AddOutput(DType::kInt32);
    m.SetOp(ir::OpType::kResizeBilinear, Opts(false, false));
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.code(), StatusCode::kUnimplemented) << s.message();
  }
}

}  // namespace
}  // namespace liteforge::ops
