// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ADD through the real runtime. Quantized expectations were derived by hand
// from TFLite's integer formulas (and cross-checked with an independent
// Python model of them), not by running liteforge.

#include <gtest/gtest.h>

#include <limits>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

struct Io {
  Shape shape;
  QuantParams quant = {};
};

// Runs ADD on two graph inputs; `out_shape` receives the output shape.
template <typename T>
std::vector<T> RunAdd(const Io& a, const std::vector<T>& av, const Io& b,
                      const std::vector<T>& bv, const QuantParams& out_quant = {},
                      ir::FusedActivationOptions opts = {}, Shape* out_shape = nullptr) {
  SingleOpModel m;
  const int ia = m.AddInput(DTypeOf<T>::value, a.shape, a.quant);
  const int ib = m.AddInput(DTypeOf<T>::value, b.shape, b.quant);
  m.AddOutput(DTypeOf<T>::value, {}, out_quant);
  m.SetOp(ir::OpType::kAdd, opts);
  const Status built = m.Build();
  EXPECT_TRUE(built.ok()) << built.message();
  if (!built.ok()) return {};
  m.SetInput<T>(ia, av);
  m.SetInput<T>(ib, bv);
  const Status ran = m.Invoke();
  EXPECT_TRUE(ran.ok()) << ran.message();
  if (out_shape != nullptr) *out_shape = m.OutputShape(0);
  return m.Output<T>(0);
}

ir::FusedActivationOptions Act(ir::Activation a, bool pot = true) { return {a, pot}; }

TEST(AddTest, FloatSameShape) {
  EXPECT_EQ(RunAdd<float>({{2, 2}}, {1.5f, -2.f, 0.25f, 100.f}, {{2, 2}}, {0.5f, 2.f, -1.f, 1.f}),
            (std::vector<float>{2.f, 0.f, -0.75f, 101.f}));
}

TEST(AddTest, FloatBroadcastPatterns) {
  Shape shape;
  // Scalar on the right.
  EXPECT_EQ(RunAdd<float>({{2, 2}}, {1, 2, 3, 4}, {{}}, {10}, {}, {}, &shape),
            (std::vector<float>{11, 12, 13, 14}));
  EXPECT_EQ(shape, Shape({2, 2}));
  // Scalar on the left, of rank 1.
  EXPECT_EQ(RunAdd<float>({{1}}, {10}, {{3}}, {1, 2, 3}), (std::vector<float>{11, 12, 13}));
  // Row [3] against [2, 3].
  EXPECT_EQ(RunAdd<float>({{2, 3}}, {0, 0, 0, 1, 1, 1}, {{3}}, {1, 2, 3}),
            (std::vector<float>{1, 2, 3, 2, 3, 4}));
  // Column [2, 1] against row [1, 3]: both sides broadcast.
  EXPECT_EQ(RunAdd<float>({{2, 1}}, {10, 20}, {{1, 3}}, {1, 2, 3}, {}, {}, &shape),
            (std::vector<float>{11, 12, 13, 21, 22, 23}));
  EXPECT_EQ(shape, Shape({2, 3}));
  // 4-D: [2, 1, 2, 1] + [1, 2, 1, 2] -> [2, 2, 2, 2].
  const std::vector<float> got =
      RunAdd<float>({{2, 1, 2, 1}}, {0, 10, 100, 110}, {{1, 2, 1, 2}}, {1, 2, 3, 4}, {}, {},
                    &shape);
  EXPECT_EQ(shape, Shape({2, 2, 2, 2}));
  EXPECT_EQ(got, (std::vector<float>{1, 2, 11, 12, 3, 4, 13, 14, 101, 102, 111, 112, 103, 104,
                                     113, 114}));
}

TEST(AddTest, HighRankBroadcastCollapses) {
  // Rank 7 with a broadcast pattern that merges down to three dims.
  Shape shape;
  const std::vector<float> got = RunAdd<float>(
      {{1, 2, 1, 1, 2, 1, 1}}, {0, 1, 2, 3}, {{2, 1, 1, 1, 1}}, {10, 20}, {}, {}, &shape);
  EXPECT_EQ(shape, Shape({1, 2, 2, 1, 2, 1, 1}));
  EXPECT_EQ(got, (std::vector<float>{10, 11, 20, 21, 12, 13, 22, 23}));
}

TEST(AddTest, FloatFusedActivations) {
  const std::vector<float> a = {-3.f, -0.5f, 0.5f, 7.f};
  const std::vector<float> b = {0.f, 0.f, 0.f, 0.f};
  EXPECT_EQ(RunAdd<float>({{4}}, a, {{4}}, b, {}, Act(ir::Activation::kRelu)),
            (std::vector<float>{0.f, 0.f, 0.5f, 7.f}));
  EXPECT_EQ(RunAdd<float>({{4}}, a, {{4}}, b, {}, Act(ir::Activation::kRelu6)),
            (std::vector<float>{0.f, 0.f, 0.5f, 6.f}));
  EXPECT_EQ(RunAdd<float>({{4}}, a, {{4}}, b, {}, Act(ir::Activation::kReluN1To1)),
            (std::vector<float>{-1.f, -0.5f, 0.5f, 1.f}));
}

TEST(AddTest, FloatOverflowClampsToFloatMaxLikeTflite) {
  constexpr float kMax = std::numeric_limits<float>::max();
  const std::vector<float> got = RunAdd<float>({{2}}, {kMax, -kMax}, {{2}}, {kMax, -kMax});
  EXPECT_EQ(got, (std::vector<float>{kMax, -kMax}));
}

TEST(AddTest, Int32AndInt64) {
  EXPECT_EQ(RunAdd<int32_t>({{3}}, {1, -5, 2147483647}, {{}}, {3}),
            (std::vector<int32_t>{4, -2, -2147483646}));  // the last one wraps
  EXPECT_EQ(RunAdd<int32_t>({{3}}, {1, -5, 7}, {{3}}, {3, 3, 3}, {}, Act(ir::Activation::kRelu6)),
            (std::vector<int32_t>{4, 0, 6}));
  EXPECT_EQ(RunAdd<int64_t>({{2}}, {int64_t{1} << 40, -7}, {{1}}, {1}),
            (std::vector<int64_t>{(int64_t{1} << 40) + 1, -6}));
}

TEST(AddTest, Int16WithoutQuantizationWraps) {
  EXPECT_EQ(RunAdd<int16_t>({{3}}, {32767, -3, 100}, {{3}}, {1, 1, -200}),
            (std::vector<int16_t>{-32768, -2, -100}));
}

TEST(AddTest, Uint8Quantized) {
  // Reals: a = 0.1 (q - 10), b = 0.2 (q - 20); output 0.25 (q - 5).
  // 0+0, 1+1, 10+10, 24.5-4 -> 0, 8, 80, 82 steps -> 5, 13, 85, 87.
  EXPECT_EQ(RunAdd<uint8_t>({{4}, PerTensor(0.1f, 10)}, {10, 20, 110, 255},
                            {{4}, PerTensor(0.2f, 20)}, {20, 25, 70, 0}, PerTensor(0.25f, 5)),
            (std::vector<uint8_t>{5, 13, 85, 87}));
}

TEST(AddTest, Int8QuantizedBroadcastSaturationAndRelu) {
  const Io a{{2, 4}, PerTensor(0.05f, -5)};
  const std::vector<int8_t> av = {-128, -10, 0, 127, 5, 50, 100, -100};
  const Io b{{4}, PerTensor(0.1f, 3)};
  const std::vector<int8_t> bv = {3, -3, 100, 127};
  const QuantParams out = PerTensor(0.08f, -10);
  // -6.15 + 0 = -6.15 -> -76.875 -> -77 - 10 = -87; 6.6 + 12.4 saturates.
  EXPECT_EQ(RunAdd<int8_t>(a, av, b, bv, out),
            (std::vector<int8_t>{-87, -21, 114, 127, -4, 17, 127, 86}));
  // RELU clamps at the quantized zero, -10.
  EXPECT_EQ(RunAdd<int8_t>(a, av, b, bv, out, Act(ir::Activation::kRelu)),
            (std::vector<int8_t>{-10, -10, 114, 127, -4, 17, 127, 86}));
}

TEST(AddTest, Int16GeneralRescaling) {
  // Non power-of-two scales take the 15-bit-shift rescaling path:
  // 1.0 + 0.25 = 1.25 / 0.002 = 625; 32.767 + 16.3835 = 49.1505 -> 24575.
  EXPECT_EQ(RunAdd<int16_t>({{4}, PerTensor(0.001f, 0)}, {1000, -2000, 32767, -32768},
                            {{4}, PerTensor(0.0005f, 0)}, {500, 500, 32767, -32768},
                            PerTensor(0.002f, 0)),
            (std::vector<int16_t>{625, -875, 24575, -24576}));
}

TEST(AddTest, Int16PowerOfTwoScales) {
  // input2 is on a 4x finer scale: rounded half away from zero by 2 bits
  // (6 -> 2, -6 -> -2, 32767 -> 8192, 2 -> 1), then a saturating add.
  const Io a{{4}, PerTensor(1.f / 1024, 0)};
  const Io b{{4}, PerTensor(1.f / 4096, 0)};
  const std::vector<int16_t> av = {100, -100, 32767, 5};
  const std::vector<int16_t> bv = {6, -6, 32767, 2};
  EXPECT_EQ(RunAdd<int16_t>(a, av, b, bv, PerTensor(1.f / 1024, 0)),
            (std::vector<int16_t>{102, -102, 32767, 6}));
  EXPECT_EQ(RunAdd<int16_t>(a, av, b, bv, PerTensor(1.f / 1024, 0), Act(ir::Activation::kRelu)),
            (std::vector<int16_t>{102, 0, 32767, 6}));
  // With pot_scale_int16 off the general path rounds once, at the output:
  // 100 + 1.5 = 101.5 -> 102, 5 + 0.5 = 5.5 -> 6 (the same values here).
  EXPECT_EQ(RunAdd<int16_t>(a, av, b, bv, PerTensor(1.f / 1024, 0),
                            Act(ir::Activation::kNone, /*pot=*/false)),
            (std::vector<int16_t>{102, -102, 32767, 6}));
}

TEST(AddTest, EmptyTensor) {
  Shape shape;
  EXPECT_TRUE(RunAdd<float>({{0, 3}}, {}, {{3}}, {1, 2, 3}, {}, {}, &shape).empty());
  EXPECT_EQ(shape, Shape({0, 3}));
}

Status BuildAdd(DType a, const Shape& sa, DType b, const Shape& sb, DType out,
                const QuantParams& q = {}) {
  SingleOpModel m;
  m.AddInput(a, sa, q);
  m.AddInput(b, sb, q);
  m.AddOutput(out, {}, q);
  m.SetOp(ir::OpType::kAdd, ir::FusedActivationOptions{});
  return m.Build();
}

TEST(AddTest, DTypeMismatchIsAnError) {
  const Status s = BuildAdd(DType::kFloat32, {2}, DType::kInt32, {2}, DType::kFloat32);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("ADD"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("input2"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("int32"), std::string::npos) << s.message();
}

TEST(AddTest, NonBroadcastableShapesAreAnError) {
  const Status s = BuildAdd(DType::kFloat32, {2, 3}, DType::kFloat32, {4}, DType::kFloat32);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("[2, 3]"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("cannot be broadcast"), std::string::npos) << s.message();
}

TEST(AddTest, UnsupportedDTypeIsUnimplemented) {
  const Status s = BuildAdd(DType::kBool, {2}, DType::kBool, {2}, DType::kBool);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  EXPECT_NE(s.message().find("bool"), std::string::npos) << s.message();
}

TEST(AddTest, QuantizedInt16NeedsZeroPointZero) {
  const Status s = BuildAdd(DType::kInt16, {2}, DType::kInt16, {2}, DType::kInt16,
                            PerTensor(0.01f, 3));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("zero point 3"), std::string::npos) << s.message();
}

TEST(AddTest, Int8WithoutQuantizationIsAnError) {
  const Status s = BuildAdd(DType::kInt8, {2}, DType::kInt8, {2}, DType::kInt8);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("input1"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
