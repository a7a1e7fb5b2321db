// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The int16 fixed-point logistic and tanh of fixed_point.h (Q3.12 ->
// Q0.15, and Q(k).(15-k) -> Q0.15) written once over a vector of int16
// lanes, for the SIMD LSTM variants. `Lanes` supplies the lane operations
// (x86_avx2.cc, x86_avx512.cc define it with intrinsics; this header has
// none):
//
//   using V = <vector of int16>;  using M = <lane mask>;
//   V Splat(int16_t);  V Add(V, V), Sub(V, V) (wrapping);  V AddSat(V, V);
//   V And(V, V);  V Mul(V, V) (fixed_point::DoublingHighMul per lane);
//   template <int s> V Srai(V), Srli(V), Slli(V);
//   M Gt(V, V);  M Eq(V, V);  M AnyBit(V, V) (lanes where a & b != 0);
//   V Select(M, V if_set, V if_clear).
//
// Every function reproduces its scalar counterpart lane by lane, including
// the saturations, the wrap-arounds of -(-32768) and the rounding rules;
// lstm_variants_test.cc compares them on all 65536 inputs.

#pragma once

#include <cstdint>

#include "liteforge/kernels/fixed_point.h"

namespace liteforge::kernels::lstm_lanes {

// RoundingShiftRight(x, s): ties away from zero.
template <typename L, int kShift>
typename L::V RoundingShiftRight(typename L::V x) {
  constexpr int16_t kMask = static_cast<int16_t>((1 << kShift) - 1);
  const typename L::V remainder = L::And(x, L::Splat(kMask));
  const typename L::V threshold = L::Add(L::Splat(kMask >> 1), L::template Srli<15>(x));
  const typename L::V q = L::template Srai<kShift>(x);
  return L::Select(L::Gt(remainder, threshold), L::Add(q, L::Splat(1)), q);
}

// SaturatingShiftLeft(x, s) with TFLite's limit 2^(15 - s) - 1.
template <typename L, int kShift>
typename L::V SaturatingShiftLeft(typename L::V x) {
  constexpr int16_t kLimit = static_cast<int16_t>((1 << (15 - kShift)) - 1);
  typename L::V r = L::template Slli<kShift>(x);
  r = L::Select(L::Gt(x, L::Splat(kLimit)), L::Splat(INT16_MAX), r);
  return L::Select(L::Gt(L::Splat(static_cast<int16_t>(-kLimit)), x), L::Splat(INT16_MIN), r);
}

inline int16_t Narrow(int32_t q31) { return fixed_point::NarrowConstant<int16_t>(q31); }

// exp(a) for a in [-1/4, 0), Q0.15.
template <typename L>
typename L::V ExpOnQuarterInterval(typename L::V a) {
  using V = typename L::V;
  const V exp_minus_eighth = L::Splat(Narrow(1895147668));
  const V one_third = L::Splat(Narrow(715827883));
  const V t = L::Add(a, L::Splat(int16_t{1} << 12));  // + 1/8
  const V t2 = L::Mul(t, t);
  const V t3 = L::Mul(t2, t);
  const V t4 = L::Mul(t2, t2);
  const V t4_over_4 = RoundingShiftRight<L, 2>(t4);
  const V inner = L::Add(L::Mul(L::Add(t4_over_4, t3), one_third), t2);
  const V higher = RoundingShiftRight<L, 1>(inner);
  return L::AddSat(exp_minus_eighth, L::Mul(exp_minus_eighth, L::Add(t, higher)));
}

// exp(a) for a <= 0 with kIntBits integer bits, Q0.15.
template <typename L, int kIntBits>
typename L::V ExpOnNegativeValues(typename L::V a) {
  using V = typename L::V;
  constexpr int kFrac = 15 - kIntBits;
  constexpr int16_t kQuarter = static_cast<int16_t>(1 << (kFrac - 2));
  const V r_in = L::Sub(L::And(a, L::Splat(static_cast<int16_t>(kQuarter - 1))), L::Splat(kQuarter));
  V rescaled = r_in;
  if constexpr (kIntBits > 0) rescaled = SaturatingShiftLeft<L, kIntBits>(r_in);
  V result = ExpOnQuarterInterval<L>(rescaled);
  const V k_bits = L::Sub(r_in, a);
  constexpr int32_t kExpOfMinusPow2[7] = {1672461947, 1302514674, 790015084, 290630308,
                                          39332535,   720401,     242};
  for (int j = -2; j <= 4; ++j) {
    if (kIntBits > j) {
      const V bit = L::Splat(static_cast<int16_t>(1 << (kFrac + j)));
      result = L::Select(L::AnyBit(k_bits, bit),
                         L::Mul(result, L::Splat(Narrow(kExpOfMinusPow2[j + 2]))), result);
    }
  }
  if constexpr (kIntBits > 5) {
    const V minus_32 = L::Splat(Narrow(-(int32_t{1} << (36 - kIntBits))));
    result = L::Select(L::Gt(minus_32, a), L::Splat(0), result);
  }
  return L::Select(L::Eq(a, L::Splat(0)), L::Splat(INT16_MAX), result);
}

// 2 / (1 + a) in Q2.13 for a in [0, 1): RoundingHalfSum(a, 1) and three
// Newton-Raphson steps.
template <typename L>
typename L::V ReciprocalOfOnePlus(typename L::V a) {
  using V = typename L::V;
  // RoundingHalfSum(a, 32767) = floor((a + 32768) / 2), except -1 for
  // a = -32768 (a sum of -1 rounds away from zero).
  V half_den = L::Add(L::template Srai<1>(a), L::Splat(16384));
  half_den = L::Select(L::Eq(a, L::Splat(INT16_MIN)), L::Splat(-1), half_den);
  const V one_q2 = L::Splat(int16_t{1} << 13);
  V x = L::Add(L::Splat(Narrow(1515870810)), L::Mul(half_den, L::Splat(Narrow(-1010580540))));
  for (int i = 0; i < 3; ++i) {
    const V error = L::Sub(one_q2, L::Mul(half_den, x));
    x = L::Add(x, SaturatingShiftLeft<L, 2>(L::Mul(x, error)));
  }
  return x;
}

// fixed_point::logistic on FixedPoint16<3>.
template <typename L>
typename L::V Logistic(typename L::V a) {
  using V = typename L::V;
  const V zero = L::Splat(0);
  const auto positive = L::Gt(a, zero);
  const V magnitude = L::Select(positive, a, L::Sub(zero, a));
  const V e = ExpOnNegativeValues<L, 3>(L::Sub(zero, magnitude));
  const V of_magnitude = SaturatingShiftLeft<L, 1>(ReciprocalOfOnePlus<L>(e));
  const V r = L::Select(positive, of_magnitude, L::Sub(L::Splat(INT16_MAX), of_magnitude));
  return L::Select(L::Eq(a, zero), L::Splat(16384), r);
}

// fixed_point::tanh on FixedPoint16<kIntBits>.
template <typename L, int kIntBits>
typename L::V Tanh(typename L::V a) {
  using V = typename L::V;
  const V zero = L::Splat(0);
  const auto negative = L::Gt(zero, a);
  const V non_positive = L::Select(negative, a, L::Sub(zero, a));
  const V e = ExpOnNegativeValues<L, kIntBits + 1>(non_positive);
  const V magnitude =
      SaturatingShiftLeft<L, 2>(L::Sub(ReciprocalOfOnePlus<L>(e), L::Splat(int16_t{1} << 13)));
  const V r = L::Select(negative, L::Sub(zero, magnitude), magnitude);
  return L::Select(L::Eq(a, zero), zero, r);
}

// Runs `f` over n int16 values with `Lanes`-wide blocks; L::Load / L::Store
// take a count for the last, partial block.
template <typename L, typename F>
void Apply(const int16_t* in, int64_t n, int16_t* out, F f) {
  int64_t i = 0;
  for (; i + L::kLanes <= n; i += L::kLanes) L::Store(out + i, f(L::Load(in + i)));
  if (i < n) L::StorePartial(out + i, n - i, f(L::LoadPartial(in + i, n - i)));
}

// tanh with a run-time integer-bit count (0..6; anything else leaves
// zeros, like the reference).
template <typename L>
void TanhArray(int int_bits, const int16_t* in, int64_t n, int16_t* out) {
  switch (int_bits) {
    case 0: return Apply<L>(in, n, out, Tanh<L, 0>);
    case 1: return Apply<L>(in, n, out, Tanh<L, 1>);
    case 2: return Apply<L>(in, n, out, Tanh<L, 2>);
    case 3: return Apply<L>(in, n, out, Tanh<L, 3>);
    case 4: return Apply<L>(in, n, out, Tanh<L, 4>);
    case 5: return Apply<L>(in, n, out, Tanh<L, 5>);
    case 6: return Apply<L>(in, n, out, Tanh<L, 6>);
    default:
      for (int64_t i = 0; i < n; ++i) out[i] = 0;
      return;
  }
}

}  // namespace liteforge::kernels::lstm_lanes
