// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// MUL through the real runtime. Quantized expectations come from TFLite's
// integer formulas worked by hand (cross-checked with an independent Python
// model of them).

#include <gtest/gtest.h>

#include <complex>
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

template <typename T, typename O = T>
std::vector<O> RunMul(const Io& a, const std::vector<T>& av, const Io& b,
                      const std::vector<T>& bv, const QuantParams& out_quant = {},
                      ir::Activation act = ir::Activation::kNone) {
  SingleOpModel m;
  const int ia = m.AddInput(DTypeOf<T>::value, a.shape, a.quant);
  const int ib = m.AddInput(DTypeOf<T>::value, b.shape, b.quant);
  m.AddOutput(DTypeOf<O>::value, {}, out_quant);
  m.SetOp(ir::OpType::kMul, ir::FusedActivationOptions{act, true});
  const Status built = m.Build();
  EXPECT_TRUE(built.ok()) << built.message();
  if (!built.ok()) return {};
  m.SetInput<T>(ia, av);
  m.SetInput<T>(ib, bv);
  const Status ran = m.Invoke();
  EXPECT_TRUE(ran.ok()) << ran.message();
  return m.Output<O>(0);
}

TEST(MulTest, FloatBroadcastAndActivation) {
  EXPECT_EQ(RunMul<float>({{2, 2}}, {1, 2, 3, 4}, {{2, 1}}, {-1, 0.5f}),
            (std::vector<float>{-1, -2, 1.5f, 2}));
  EXPECT_EQ(RunMul<float>({{4}}, {-2, 1, 2, 4}, {{}}, {2}, {}, ir::Activation::kRelu6),
            (std::vector<float>{0, 2, 4, 6}));
}

TEST(MulTest, IntegerTypesWrap) {
  EXPECT_EQ(RunMul<int32_t>({{3}}, {3, -4, 65536}, {{3}}, {5, 6, 65536}),
            (std::vector<int32_t>{15, -24, 0}));  // 2^32 wraps to 0
  EXPECT_EQ(RunMul<int32_t>({{3}}, {3, -4, 2}, {{}}, {2}, {}, ir::Activation::kRelu),
            (std::vector<int32_t>{6, 0, 4}));
  EXPECT_EQ(RunMul<int64_t>({{2}}, {int64_t{1} << 40, -3}, {{1}}, {4}),
            (std::vector<int64_t>{int64_t{1} << 42, -12}));
  EXPECT_EQ(RunMul<int16_t>({{2}}, {300, -7}, {{2}}, {300, 7}),
            (std::vector<int16_t>{24464, -49}));  // 90000 wraps to 24464
  EXPECT_EQ(RunMul<uint32_t>({{2}}, {70000, 3}, {{2}}, {70000, 5}),
            (std::vector<uint32_t>{605032704u, 15u}));  // 4.9e9 mod 2^32
}

TEST(MulTest, Complex64) {
  using C = std::complex<float>;
  SingleOpModel m;
  const int a = m.AddInput(DType::kComplex64, {2});
  const int b = m.AddInput(DType::kComplex64, {});
  m.AddOutput(DType::kComplex64);
  m.SetOp(ir::OpType::kMul, ir::FusedActivationOptions{});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<C>(a, {C(1, 2), C(0, 1)});
  m.SetInput<C>(b, {C(3, -1)});
  ASSERT_TRUE(m.Invoke().ok());
  // (1 + 2i)(3 - i) = 5 + 5i; i(3 - i) = 1 + 3i.
  EXPECT_EQ(m.Output<C>(0), (std::vector<C>{C(5, 5), C(1, 3)}));
}

TEST(MulTest, Complex64RejectsActivation) {
  SingleOpModel m;
  m.AddInput(DType::kComplex64, {2});
  m.AddInput(DType::kComplex64, {2});
  m.AddOutput(DType::kComplex64);
  m.SetOp(ir::OpType::kMul, ir::FusedActivationOptions{ir::Activation::kRelu, true});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("complex64"), std::string::npos) << s.message();
}

TEST(MulTest, Uint8Quantized) {
  // (-2.56)(0.28), (-1.28)(1.0), 0 (1.55), 2.54 (-1) over 0.05, plus 128:
  // -14.3 -> 114, -25.6 -> 102, 128, -50.8 -> 77.
  EXPECT_EQ(RunMul<uint8_t>({{4}, PerTensor(0.02f, 128)}, {0, 64, 128, 255},
                            {{4}, PerTensor(0.01f, 100)}, {128, 200, 255, 0},
                            PerTensor(0.05f, 128)),
            (std::vector<uint8_t>{114, 102, 128, 77}));
}

TEST(MulTest, Int8QuantizedBroadcastSaturationAndRelu) {
  const Io a{{2, 4}, PerTensor(0.05f, -5)};
  const std::vector<int8_t> av = {-128, -10, 0, 127, 5, 50, 100, -100};
  const Io b{{4}, PerTensor(0.1f, 3)};
  const std::vector<int8_t> bv = {3, -3, 100, 127};
  const QuantParams out = PerTensor(0.08f, -10);
  EXPECT_EQ(RunMul<int8_t>(a, av, b, bv, out),
            (std::vector<int8_t>{-10, -8, 20, 127, -10, -31, 127, -128}));
  EXPECT_EQ(RunMul<int8_t>(a, av, b, bv, out, ir::Activation::kRelu),
            (std::vector<int8_t>{-10, -8, 20, 127, -10, -10, 127, -10}));
}

TEST(MulTest, Int8RescaleAboveOne) {
  // 0.5 * 0.5 / 0.1 = 2.5: 1 * 2.5 rounds to 3, -6 * 2.5 = -15, 16 * 2.5 = 40.
  EXPECT_EQ(RunMul<int8_t>({{5}, PerTensor(0.5f, 0)}, {1, -2, 3, -4, 100},
                           {{5}, PerTensor(0.5f, 0)}, {1, 3, -2, -4, 100}, PerTensor(0.1f, 0)),
            (std::vector<int8_t>{3, -15, -15, 40, 127}));
}

TEST(MulTest, Int16Quantized) {
  EXPECT_EQ(RunMul<int16_t>({{4}, PerTensor(0.001f, 0)}, {1000, -2000, 32767, -32768},
                            {{4}, PerTensor(0.0005f, 0)}, {500, 500, 32767, -32768},
                            PerTensor(0.002f, 0)),
            (std::vector<int16_t>{125, -250, 32767, 32767}));
}

TEST(MulTest, Int16InputsInt8Output) {
  // Q0.15 products: 0.5 * 0.5 = 8192 -> >> 8 = 32, plus zero point 3.
  const std::vector<int8_t> got = RunMul<int16_t, int8_t>(
      {{6}, PerTensor(1.f / 32768, 0)}, {16384, -16384, 32767, -32768, 300, -300},
      {{6}, PerTensor(1.f / 32768, 0)}, {16384, 16384, 32767, -32768, 256, 256},
      PerTensor(1.f / 128, 3));
  EXPECT_EQ(got, (std::vector<int8_t>{35, -29, 127, 127, 3, 3}));
}

TEST(MulTest, Int16QuantizedNeedsZeroPointZero) {
  SingleOpModel m;
  m.AddInput(DType::kInt16, {2}, PerTensor(0.1f, 1));
  m.AddInput(DType::kInt16, {2}, PerTensor(0.1f, 0));
  m.AddOutput(DType::kInt16, {}, PerTensor(0.1f, 0));
  m.SetOp(ir::OpType::kMul, ir::FusedActivationOptions{});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("zero point 1"), std::string::npos) << s.message();
}

TEST(MulTest, TypeErrors) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2});
  m.AddInput(DType::kInt8, {2}, PerTensor(0.1f, 0));
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kMul, ir::FusedActivationOptions{});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("input2"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
