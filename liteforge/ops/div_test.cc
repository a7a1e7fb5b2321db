// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// DIV through the real runtime. The uint8 expectations were worked from
// TFLite's fixed-point reciprocal formula (and an independent Python model
// of it); the chosen quotients sit far from rounding boundaries, so they also
// equal round(real / output scale) + zero point.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

template <typename T>
struct DivRun {
  Status status;
  std::vector<T> out;
};

template <typename T>
DivRun<T> RunDiv(const Shape& sa, const std::vector<T>& av, const Shape& sb,
                 const std::vector<T>& bv, const QuantParams& qa = {},
                 const QuantParams& qb = {}, const QuantParams& qo = {},
                 ir::Activation act = ir::Activation::kNone) {
  SingleOpModel m;
  const int ia = m.AddInput(DTypeOf<T>::value, sa, qa);
  const int ib = m.AddInput(DTypeOf<T>::value, sb, qb);
  m.AddOutput(DTypeOf<T>::value, {}, qo);
  m.SetOp(ir::OpType::kDiv, ir::FusedActivationOptions{act, true});
  DivRun<T> r;
  r.status = m.Build();
  if (!r.status.ok()) return r;
  m.SetInput<T>(ia, av);
  m.SetInput<T>(ib, bv);
  r.status = m.Invoke();
  if (r.status.ok()) r.out = m.Output<T>(0);
  return r;
}

TEST(DivTest, FloatWithBroadcast) {
  const auto r = RunDiv<float>({2, 2}, {1, 2, 3, 4}, {2, 1}, {2, -4});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.out, (std::vector<float>{0.5f, 1.f, -0.75f, -1.f}));
}

TEST(DivTest, FloatDivisionByZeroClampsLikeTflite) {
  constexpr float kMax = std::numeric_limits<float>::max();
  const auto r = RunDiv<float>({3}, {1, -1, 0}, {}, {0});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.out[0], kMax);
  EXPECT_EQ(r.out[1], -kMax);
  EXPECT_TRUE(std::isnan(r.out[2]));
  const auto relu = RunDiv<float>({2}, {1, -1}, {}, {0}, {}, {}, {}, ir::Activation::kRelu6);
  ASSERT_TRUE(relu.status.ok());
  EXPECT_EQ(relu.out, (std::vector<float>{6.f, 0.f}));
}

TEST(DivTest, Int32TruncatesTowardZero) {
  const auto r = RunDiv<int32_t>({5}, {7, -7, 7, -7, -2147483647 - 1}, {5}, {2, 2, -2, -2, -1});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.out, (std::vector<int32_t>{3, -3, -3, 3, -2147483647 - 1}));
  const auto relu = RunDiv<int32_t>({2}, {7, -7}, {}, {2}, {}, {}, {}, ir::Activation::kRelu);
  EXPECT_EQ(relu.out, (std::vector<int32_t>{3, 0}));
}

TEST(DivTest, Int32DivisionByZeroIsAnErrorNotACrash) {
  const auto r = RunDiv<int32_t>({3}, {1, 2, 3}, {3}, {1, 0, 1});
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("division by zero"), std::string::npos)
      << r.status.message();
  EXPECT_NE(r.status.message().find("element 1"), std::string::npos) << r.status.message();
}

TEST(DivTest, Uint8Quantized) {
  // 10/1, 5/0.4, 3/0.7, 0/0.1, 25.5/25.5 over 0.05 -> 200, 250, 85.7, 0, 20.
  const auto r = RunDiv<uint8_t>({5}, {100, 50, 30, 0, 255}, {5}, {10, 4, 7, 1, 255},
                                 PerTensor(0.1f, 0), PerTensor(0.1f, 0), PerTensor(0.05f, 0));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.out, (std::vector<uint8_t>{200, 250, 86, 0, 20}));
}

TEST(DivTest, Uint8QuantizedNegativeDivisorsAndClamp) {
  // Divisor zero point 10: -1.0, -0.6, 0.7, -0.1, 24.5; output zero point 128.
  // -10 / 0.05 + 128 and -8.33 / 0.05 + 128 fall below 0 and clamp.
  const auto r = RunDiv<uint8_t>({5}, {100, 50, 30, 0, 255}, {5}, {0, 4, 17, 9, 255},
                                 PerTensor(0.1f, 0), PerTensor(0.1f, 10), PerTensor(0.05f, 128));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.out, (std::vector<uint8_t>{0, 0, 214, 128, 149}));
}

TEST(DivTest, Uint8DivisorAtZeroPointIsAnError) {
  const auto r = RunDiv<uint8_t>({2}, {1, 2}, {}, {10}, PerTensor(0.1f, 0), PerTensor(0.1f, 10),
                                 PerTensor(0.1f, 0));
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("zero point 10"), std::string::npos)
      << r.status.message();
}

TEST(DivTest, Int8IsUnimplemented) {
  const auto r = RunDiv<int8_t>({1}, {1}, {1}, {1}, PerTensor(0.1f, 0), PerTensor(0.1f, 0),
                                PerTensor(0.1f, 0));
  ASSERT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.code(), StatusCode::kUnimplemented);
  EXPECT_NE(r.status.message().find("int8"), std::string::npos) << r.status.message();
}

}  // namespace
}  // namespace liteforge::ops
