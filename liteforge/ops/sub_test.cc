// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SUB through the real runtime. Quantized expectations come from TFLite's
// integer formulas worked by hand (cross-checked with an independent Python
// model of them).

#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

struct Io {
  Shape shape;
  QuantParams quant = {};
};

template <typename T>
std::vector<T> RunSub(const Io& a, const std::vector<T>& av, const Io& b,
                      const std::vector<T>& bv, const QuantParams& out_quant = {},
                      ir::FusedActivationOptions opts = {}) {
  SingleOpModel m;
  const int ia = m.AddInput(DTypeOf<T>::value, a.shape, a.quant);
  const int ib = m.AddInput(DTypeOf<T>::value, b.shape, b.quant);
  m.AddOutput(DTypeOf<T>::value, {}, out_quant);
  m.SetOp(ir::OpType::kSub, opts);
  const Status built = m.Build();
  EXPECT_TRUE(built.ok()) << built.message();
  if (!built.ok()) return {};
  m.SetInput<T>(ia, av);
  m.SetInput<T>(ib, bv);
  const Status ran = m.Invoke();
  EXPECT_TRUE(ran.ok()) << ran.message();
  return m.Output<T>(0);
}

TEST(SubTest, FloatAndBroadcasting) {
  EXPECT_EQ(RunSub<float>({{3}}, {1.f, 2.f, 3.f}, {{3}}, {0.5f, 4.f, -1.f}),
            (std::vector<float>{0.5f, -2.f, 4.f}));
  // Column minus row.
  EXPECT_EQ(RunSub<float>({{2, 1}}, {10, 20}, {{1, 3}}, {1, 2, 3}),
            (std::vector<float>{9, 8, 7, 19, 18, 17}));
  // Scalar minus tensor keeps the operand order.
  EXPECT_EQ(RunSub<float>({{}}, {1}, {{2, 2}}, {1, 2, 3, 4}),
            (std::vector<float>{0, -1, -2, -3}));
  EXPECT_EQ(RunSub<float>({{3}}, {1.f, 2.f, 3.f}, {{}}, {2.f}, {},
                          {ir::Activation::kRelu, true}),
            (std::vector<float>{0.f, 0.f, 1.f}));
}

TEST(SubTest, Int32AndInt64) {
  EXPECT_EQ(RunSub<int32_t>({{3}}, {5, -2147483647 - 1, 0}, {{3}}, {7, 1, -3}),
            (std::vector<int32_t>{-2, 2147483647, 3}));  // the middle one wraps
  EXPECT_EQ(RunSub<int32_t>({{3}}, {5, 0, 9}, {{}}, {1}, {}, {ir::Activation::kReluN1To1, true}),
            (std::vector<int32_t>{1, -1, 1}));
  EXPECT_EQ(RunSub<int64_t>({{2}}, {int64_t{1} << 40, 0}, {{2}}, {1, 1}),
            (std::vector<int64_t>{(int64_t{1} << 40) - 1, -1}));
}

TEST(SubTest, Uint8Quantized) {
  // 0-0, 1-1, 10-10 all land on the output zero point 128; 24.5 - (-4) =
  // 28.5 = 114 steps of 0.25 -> 242.
  EXPECT_EQ(RunSub<uint8_t>({{4}, PerTensor(0.1f, 10)}, {10, 20, 110, 255},
                            {{4}, PerTensor(0.2f, 20)}, {20, 25, 70, 0}, PerTensor(0.25f, 128)),
            (std::vector<uint8_t>{128, 128, 128, 242}));
}

TEST(SubTest, Int8QuantizedColumnBroadcastAndRelu6) {
  const Io a{{2, 4}, PerTensor(0.05f, -5)};
  const std::vector<int8_t> av = {-128, -10, 0, 127, 5, 50, 100, -100};
  const Io b{{2, 1}, PerTensor(0.1f, 3)};
  const std::vector<int8_t> bv = {3, -50};  // 0 and -5.3
  const QuantParams out = PerTensor(0.08f, -10);
  // Row 0: 6.6 / 0.08 = 82.5 rounds away from zero to 83 -> 73.
  // Row 1: (0.5 + 5.3) / 0.08 = 72.5 -> 73 -> 63.
  EXPECT_EQ(RunSub<int8_t>(a, av, b, bv, out),
            (std::vector<int8_t>{-87, -13, -7, 73, 63, 91, 122, -3}));
  // RELU6: [quantize(0), quantize(6)] = [-10, 65].
  EXPECT_EQ(RunSub<int8_t>(a, av, b, bv, out, {ir::Activation::kRelu6, true}),
            (std::vector<int8_t>{-10, -10, -7, 65, 63, 65, 65, -3}));
}

TEST(SubTest, Int16GeneralAndPowerOfTwo) {
  // General rescaling: 1.0 - 0.25 = 0.75 / 0.002 = 375; saturation at both ends.
  EXPECT_EQ(RunSub<int16_t>({{4}, PerTensor(0.001f, 0)}, {1000, -2000, 32767, -32768},
                            {{4}, PerTensor(0.0005f, 0)}, {500, 500, -32768, 32767},
                            PerTensor(0.002f, 0)),
            (std::vector<int16_t>{375, -1125, 24576, -24576}));
  // Power-of-two scales: input1 on the finer scale is rounded by 2 bits
  // (6 -> 2, -6 -> -2), input2 is on the output scale; saturating.
  EXPECT_EQ(RunSub<int16_t>({{4}, PerTensor(1.f / 4096, 0)}, {6, -6, -32768, 2},
                            {{}, PerTensor(1.f / 1024, 0)}, {10},
                            PerTensor(1.f / 1024, 0)),
            (std::vector<int16_t>{-8, -12, -8202, -9}));
}

TEST(SubTest, Int16WithoutQuantizationIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kInt16, {2});
  m.AddInput(DType::kInt16, {2});
  m.AddOutput(DType::kInt16);
  m.SetOp(ir::OpType::kSub, ir::FusedActivationOptions{});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  EXPECT_NE(s.message().find("int16"), std::string::npos) << s.message();
}

TEST(SubTest, ShapeAndTypeErrors) {
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {2, 3});
    m.AddInput(DType::kFloat32, {3, 2});
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kSub, ir::FusedActivationOptions{});
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("cannot be broadcast"), std::string::npos) << s.message();
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {2});
    m.AddInput(DType::kFloat32, {2});
    m.AddOutput(DType::kInt32);
    m.SetOp(ir::OpType::kSub, ir::FusedActivationOptions{});
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("output"), std::string::npos) << s.message();
  }
}

}  // namespace
}  // namespace liteforge::ops
