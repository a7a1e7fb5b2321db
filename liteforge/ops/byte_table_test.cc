// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ByteTable against the kernel it tabulates: every byte value and random
// tensors of lengths around the 4-wide loop, int8 and uint8.

#include "liteforge/ops/byte_table.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "liteforge/kernels/activation/reference.h"

namespace liteforge::ops {
namespace {

template <typename T, typename Kernel>
void ExpectTableMatchesKernel(Kernel kernel) {
  ByteTable table;
  table.Build<T>(kernel);
  std::mt19937 rng(7);
  for (size_t n : {size_t{0}, size_t{1}, size_t{3}, size_t{4}, size_t{5}, size_t{255}, size_t{256},
                   size_t{1001}}) {
    std::vector<T> in(n);
    for (size_t i = 0; i < n; ++i) in[i] = static_cast<T>(static_cast<uint8_t>(rng()));
    if (n == 256) {
      for (size_t i = 0; i < n; ++i) in[i] = static_cast<T>(static_cast<uint8_t>(i));
    }
    std::vector<T> expected(n), actual(n);
    kernel(in.data(), n, expected.data());
    table.Apply(in.data(), n, actual.data());
    EXPECT_EQ(actual, expected) << "n = " << n;
  }
}

TEST(ByteTableTest, HardSwishInt8AndUint8) {
  kernels::HardSwishQuantParams p;
  ASSERT_TRUE(kernels::MakeHardSwishQuantParams(0.05f, 3, 0.04f, -20, &p));
  ExpectTableMatchesKernel<int8_t>([&](const int8_t* in, size_t n, int8_t* out) {
    kernels::qs8_hard_swish__reference(in, n, p, out);
  });
  kernels::HardSwishQuantParams pu;
  ASSERT_TRUE(kernels::MakeHardSwishQuantParams(0.05f, 131, 0.04f, 100, &pu));
  ExpectTableMatchesKernel<uint8_t>([&](const uint8_t* in, size_t n, uint8_t* out) {
    kernels::qu8_hard_swish__reference(in, n, pu, out);
  });
}

TEST(ByteTableTest, ReluWithRequantization) {
  const kernels::ReluQuantParams p =
      kernels::MakeReluQuantParams(0.1f, -5, 0.07f, -128, 0.0f, 6.0f, -128, 127);
  ExpectTableMatchesKernel<int8_t>([&](const int8_t* in, size_t n, int8_t* out) {
    kernels::qs8_relu__reference(in, n, p, out);
  });
}

}  // namespace
}  // namespace liteforge::ops
