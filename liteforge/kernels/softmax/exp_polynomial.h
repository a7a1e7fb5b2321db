// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The constants of the vector e^t the float32 SOFTMAX / LOG_SOFTMAX
// variants share (x86_avx2.cc, x86_avx512.cc, arm_neon.cc), for t <= 0:
//   n = round(t * log2(e)), r = t - n * ln2 (ln2 split in two floats, each
//   product taken exactly by a fused multiply-add), |r| <= ln2 / 2,
//   e^t = 2^n * P(r), P the degree-7 Taylor polynomial of e^r.
// The truncation error of P on |r| <= 0.347 is below 0.1 ulp; the Horner
// evaluation adds about 1.5 ulp. 2^n is built from its exponent field, which
// needs n >= -126: the variants take arguments below kSoftmaxExpMin
// (softmax_variants.h) to exactly 0 instead.

#pragma once

namespace liteforge::kernels::softmax_exp {

constexpr float kLog2e = 1.44269504088896341f;
// ln2 = kLn2Hi + kLn2Lo: kLn2Hi is ln2 rounded to float, kLn2Lo the rest.
constexpr float kLn2Hi = 0.693147182464599609375f;
constexpr float kLn2Lo = -1.904654323148236e-09f;
// 1/k! for k = 0..7, lowest degree first.
constexpr float kPoly[8] = {1.0f,         1.0f,          0.5f,          1.0f / 6.0f,
                            1.0f / 24.0f, 1.0f / 120.0f, 1.0f / 720.0f, 1.0f / 5040.0f};

}  // namespace liteforge::kernels::softmax_exp
