// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::SingleOpModel;

template <typename T>
std::vector<T> RunOp(const std::vector<T>& in, const Shape& shape) {
  SingleOpModel m;
  const int x = m.AddInput(DTypeOf<T>::value, shape);
  m.AddOutput(DTypeOf<T>::value);
  m.SetOp(ir::OpType::kCos);
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), shape);
  return m.Output<T>(0);
}

TEST(CosTest, Float) {
  const std::vector<float> in = {0.f, 0.5f, 3.1415927f, -3.f, 10.f};
  const std::vector<float> out = RunOp<float>(in, {5});
  for (size_t i = 0; i < in.size(); ++i) EXPECT_NEAR(out[i], std::cos(in[i] * 1.0), 1e-6) << in[i];
}

TEST(CosTest, UnsupportedDTypeIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kInt32, {2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kCos);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  EXPECT_NE(s.message().find("COS"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
