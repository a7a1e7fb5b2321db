// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every LSTM variant this CPU runs against the reference kernels:
//   * the int16 logistic and tanh on all 65536 inputs (tanh for every
//     integer-bit count 0..6), bit for bit, in place and with tails;
//   * whole integer steps (products, requantization, activations, cell
//     update) over short sequences, bit for bit, at cell counts and input
//     widths around the 8/16-row tiles and 2/4-column groups, with and
//     without CIFG, peephole, layer norm, for one and several batch rows;
//   * float activations within kF32ActivationTolerance (absolute) of
//     std::tanh and 1 / (1 + std::exp(-x)) over [-20, 20] and beyond;
//   * whole hybrid steps (int8 weights, float states), symmetric and
//     asymmetric inputs: bit for bit with the reference activations, and
//     within 2e-5 with the variants' float activations;
//   * whole float steps within 2e-5 (absolute, values of order 1; the
//     products sum in another order) of the reference.

#include "liteforge/kernels/lstm/lstm_variants.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/lstm/reference.h"

namespace liteforge::kernels {
namespace {

std::vector<const LstmVariant*> Runnable() {
  std::vector<const LstmVariant*> out;
  for (const LstmVariant& v : LstmVariants()) {
    if (CpuFeatures::Get().Supports(v.isa)) out.push_back(&v);
  }
  return out;
}

std::vector<int16_t> AllInt16() {
  std::vector<int16_t> v;
  for (int32_t i = -32768; i <= 32767; ++i) v.push_back(static_cast<int16_t>(i));
  return v;
}

TEST(LstmVariants, Qs16SigmoidEveryInput) {
  if (Runnable().empty()) GTEST_SKIP() << "no LSTM variant for this CPU";
  const std::vector<int16_t> in = AllInt16();
  std::vector<int16_t> want(in.size());
  qs16_sigmoid__reference(in.data(), static_cast<int64_t>(in.size()), want.data());
  for (const LstmVariant* v : Runnable()) {
    for (int64_t n : {int64_t{65536}, int64_t{65535}, int64_t{17}, int64_t{3}}) {
      std::vector<int16_t> got(in.begin(), in.begin() + n);
      v->qs16_sigmoid(got.data(), n, got.data());  // in place
      for (int64_t i = 0; i < n; ++i) {
        ASSERT_EQ(got[i], want[i]) << v->name << " input " << in[i] << " n " << n;
      }
    }
  }
}

TEST(LstmVariants, Qs16TanhEveryInputEveryFormat) {
  if (Runnable().empty()) GTEST_SKIP() << "no LSTM variant for this CPU";
  const std::vector<int16_t> in = AllInt16();
  for (int bits = 0; bits <= 6; ++bits) {
    std::vector<int16_t> want(in.size());
    qs16_tanh__reference(bits, in.data(), static_cast<int64_t>(in.size()), want.data());
    for (const LstmVariant* v : Runnable()) {
      for (int64_t n : {int64_t{65536}, int64_t{33}}) {
        std::vector<int16_t> got(static_cast<size_t>(n), int16_t{7});
        v->qs16_tanh(bits, in.data(), n, got.data());
        for (int64_t i = 0; i < n; ++i) {
          ASSERT_EQ(got[i], want[i]) << v->name << " int_bits " << bits << " input " << in[i];
        }
      }
    }
  }
}

TEST(LstmVariants, F32ActivationsWithinTolerance) {
  if (Runnable().empty()) GTEST_SKIP() << "no LSTM variant for this CPU";
  std::vector<float> in;
  for (float x = -20.f; x <= 20.f; x += 0.001f) in.push_back(x);
  for (float x : {0.f, -0.f, 1e-30f, -1e-7f, 0.0625f, -0.0624f, 88.f, -88.f, 100.f, -100.f,
                  1e30f, -1e30f}) {
    in.push_back(x);
  }
  const int64_t n = static_cast<int64_t>(in.size());
  for (const LstmVariant* v : Runnable()) {
    std::vector<float> sig(in.size());
    std::vector<float> th(in.size());
    v->f32_sigmoid(in.data(), n, sig.data());
    v->f32_tanh(in.data(), n, th.data());
    for (int64_t i = 0; i < n; ++i) {
      const float x = in[static_cast<size_t>(i)];
      ASSERT_NEAR(sig[static_cast<size_t>(i)], 1.f / (1.f + std::exp(-x)),
                  kF32ActivationTolerance)
          << v->name << " sigmoid(" << x << ")";
      ASSERT_NEAR(th[static_cast<size_t>(i)], std::tanh(x), kF32ActivationTolerance)
          << v->name << " tanh(" << x << ")";
      ASSERT_EQ(std::signbit(th[static_cast<size_t>(i)]), std::signbit(std::tanh(x)))
          << v->name << " tanh(" << x << ")";
    }
  }
}

// ---------------------------------------------------------------------------
// integer steps

struct Qs8Case {
  LstmDims d;
  bool cifg = false;
  bool peephole = false;
  bool layer_norm = false;
};

struct Qs8Model {
  std::vector<int8_t> in_w[4], rec_w[4];
  std::vector<int32_t> in_bias[4], rec_bias[4], ln_bias[4];
  std::vector<int16_t> peephole[4], ln[4];
  LstmQs8Params p;
};

Qs8Model MakeQs8(const Qs8Case& c, std::mt19937& rng) {
  Qs8Model m;
  std::uniform_int_distribution<int> byte(-128, 127);
  std::uniform_int_distribution<int32_t> bias(-40000, 40000);
  std::uniform_int_distribution<int> shift(-14, -6);
  std::uniform_int_distribution<int32_t> mult(1 << 30, INT32_MAX);
  const LstmDims& d = c.d;
  for (int g = 0; g < 4; ++g) {
    if (c.cifg && g == kGateInput) continue;
    auto fill8 = [&](std::vector<int8_t>& v, int64_t n) {
      v.resize(static_cast<size_t>(n));
      for (auto& x : v) x = static_cast<int8_t>(byte(rng));
    };
    fill8(m.in_w[g], int64_t{d.n_cell} * d.n_input);
    fill8(m.rec_w[g], int64_t{d.n_cell} * d.n_output);
    for (auto* v : {&m.in_bias[g], &m.rec_bias[g], &m.ln_bias[g]}) {
      v->resize(static_cast<size_t>(d.n_cell));
      for (auto& x : *v) x = bias(rng);
    }
    LstmQs8Gate& q = m.p.gates[g];
    q.input_weights = m.in_w[g].data();
    q.recurrent_weights = m.rec_w[g].data();
    q.input_effective_bias = m.in_bias[g].data();
    q.recurrent_effective_bias = m.rec_bias[g].data();
    q.input_multiplier = mult(rng);
    q.input_shift = shift(rng);
    q.recurrent_multiplier = mult(rng);
    q.recurrent_shift = shift(rng);
    if (c.peephole && g != kGateCell) {
      m.peephole[g].resize(static_cast<size_t>(d.n_cell));
      for (auto& x : m.peephole[g]) x = static_cast<int16_t>(byte(rng) * 64);
      q.peephole = m.peephole[g].data();
      q.peephole_multiplier = mult(rng);
      q.peephole_shift = shift(rng);
    }
    if (c.layer_norm) {
      m.ln[g].resize(static_cast<size_t>(d.n_cell));
      for (auto& x : m.ln[g]) x = static_cast<int16_t>(byte(rng) * 100);
      q.layer_norm = m.ln[g].data();
      q.layer_norm_bias = m.ln_bias[g].data();
      q.layer_norm_multiplier = mult(rng);
      q.layer_norm_shift = -12;
      q.variance_guard = 3;
    }
  }
  m.p.cell_scale_log2 = -11;
  m.p.hidden_multiplier = mult(rng);
  m.p.hidden_shift = -23;
  m.p.hidden_zero_point = 5;
  m.p.output_state_zero_point = 5;
  return m;
}

std::vector<Qs8Case> Qs8Cases() {
  std::vector<Qs8Case> out;
  for (int32_t cells : {1, 5, 8, 16, 17, 20, 33}) {
    for (int32_t inputs : {1, 2, 3, 4, 5, 9, 28, 67}) {
      Qs8Case c;
      c.d = {1, inputs, cells, cells};
      out.push_back(c);
    }
  }
  Qs8Case c;
  c.d = {3, 7, 20, 20};
  out.push_back(c);
  c.cifg = true;
  out.push_back(c);
  c.d = {1, 28, 20, 20};
  out.push_back(c);
  c.peephole = true;
  out.push_back(c);
  c.cifg = false;
  c.layer_norm = true;
  out.push_back(c);
  c.d = {2, 13, 9, 9};
  out.push_back(c);
  c.d = {1, 257, 128, 128};
  c.peephole = c.layer_norm = false;
  out.push_back(c);
  // CIFG with odd cell counts: 3 * n_cell stacked rows end mid-way
  // through a 4-row quad (the NEON output stages' partial stores).
  c.cifg = true;
  for (int32_t cells : {1, 5, 7, 11}) {
    c.d = {1, 9, cells, cells};
    out.push_back(c);
  }
  return out;
}

TEST(LstmVariants, Qs8StepsBitExact) {
  if (Runnable().empty()) GTEST_SKIP() << "no LSTM variant for this CPU";
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(-128, 127);
  std::uniform_int_distribution<int> cell(-3000, 3000);
  for (const Qs8Case& c : Qs8Cases()) {
    const Qs8Model m = MakeQs8(c, rng);
    const LstmDims& d = c.d;
    const int steps = 4;
    std::vector<int8_t> x(static_cast<size_t>(steps) * d.n_batch * d.n_input);
    for (auto& v : x) v = static_cast<int8_t>(byte(rng));
    std::vector<int8_t> h0(static_cast<size_t>(d.n_batch) * d.n_output);
    for (auto& v : h0) v = static_cast<int8_t>(byte(rng));
    std::vector<int16_t> c0(static_cast<size_t>(d.n_batch) * d.n_cell);
    for (auto& v : c0) v = static_cast<int16_t>(cell(rng));

    std::vector<int16_t> scratch(static_cast<size_t>(Qs8LstmStagedScratchElements(d)));
    std::vector<int8_t> want_h = h0;
    std::vector<int16_t> want_c = c0;
    std::vector<std::vector<int8_t>> want_hs;
    for (int s = 0; s < steps; ++s) {
      qs8_lstm_step__reference(d, m.p, x.data() + s * d.n_batch * d.n_input, want_h.data(),
                               want_c.data(), scratch.data());
      want_hs.push_back(want_h);
    }
    for (const LstmVariant* v : Runnable()) {
      std::vector<uint8_t> memory(LstmQs8StagesBytes(*v, d) + 64);
      void* aligned = memory.data() + (64 - reinterpret_cast<uintptr_t>(memory.data()) % 64) % 64;
      LstmQs8Stages stages;
      ASSERT_TRUE(PrepareLstmQs8Stages(*v, d, m.p, aligned, &stages));
      std::vector<int8_t> h = h0;
      std::vector<int16_t> cs = c0;
      for (int s = 0; s < steps; ++s) {
        qs8_lstm_step(d, m.p, stages, x.data() + s * d.n_batch * d.n_input, h.data(), cs.data(),
                      scratch.data());
        ASSERT_EQ(h, want_hs[static_cast<size_t>(s)])
            << v->name << " batch " << d.n_batch << " input " << d.n_input << " cells "
            << d.n_cell << " cifg " << c.cifg << " peephole " << c.peephole << " ln "
            << c.layer_norm << " step " << s;
      }
      ASSERT_EQ(cs, want_c) << v->name << " cells " << d.n_cell << " input " << d.n_input;
    }
  }
}

TEST(LstmVariants, Qs8StagesRefuseUnsupportedShifts) {
  if (Runnable().empty()) GTEST_SKIP() << "no LSTM variant for this CPU";
  std::mt19937 rng(3);
  Qs8Case c;
  c.d = {1, 4, 4, 4};
  Qs8Model m = MakeQs8(c, rng);
  m.p.gates[kGateCell].recurrent_shift = 31;
  const LstmVariant* v = Runnable().front();
  std::vector<uint8_t> memory(LstmQs8StagesBytes(*v, c.d));
  LstmQs8Stages stages;
  EXPECT_FALSE(PrepareLstmQs8Stages(*v, c.d, m.p, memory.data(), &stages));
  EXPECT_EQ(stages.gate_products, nullptr);
}

// ---------------------------------------------------------------------------
// hybrid steps

TEST(LstmVariants, HybridStepsProductsBitExact) {
  if (Runnable().empty()) GTEST_SKIP() << "no LSTM variant for this CPU";
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> u(-1.f, 1.f);
  std::uniform_int_distribution<int> byte(-127, 127);
  struct Case {
    LstmDims d;
    bool cifg, asym, peephole, layer_norm;
  };
  std::vector<Case> cases;
  for (int32_t cells : {1, 7, 8, 16, 17, 20}) {
    for (int32_t inputs : {1, 3, 4, 5, 28}) {
      for (bool asym : {false, true}) cases.push_back({{1, inputs, cells, cells}, false, asym, false, false});
    }
  }
  cases.push_back({{3, 6, 20, 20}, false, true, false, false});
  cases.push_back({{2, 28, 20, 20}, true, false, true, false});
  cases.push_back({{1, 28, 20, 20}, false, true, true, true});
  for (int32_t cells : {1, 5, 7}) cases.push_back({{1, 5, cells, cells}, true, true, false, false});
  for (const Case& c : cases) {
    const LstmDims& d = c.d;
    std::vector<int8_t> in_w[4], rec_w[4];
    std::vector<int32_t> in_sums[4], rec_sums[4];
    std::vector<float> bias[4], peep[4], ln[4];
    LstmHybridParams p;
    p.activation = RecurrentActivation::kTanh;
    p.asymmetric_inputs = c.asym;
    for (int g = 0; g < 4; ++g) {
      if (c.cifg && g == kGateInput) continue;
      auto fill8 = [&](std::vector<int8_t>& v, int64_t n) {
        v.resize(static_cast<size_t>(n));
        for (auto& x : v) x = static_cast<int8_t>(byte(rng));
      };
      fill8(in_w[g], int64_t{d.n_cell} * d.n_input);
      fill8(rec_w[g], int64_t{d.n_cell} * d.n_output);
      in_sums[g].resize(static_cast<size_t>(d.n_cell));
      rec_sums[g].resize(static_cast<size_t>(d.n_cell));
      HybridLstmRowSums(in_w[g].data(), d.n_cell, d.n_input, in_sums[g].data());
      HybridLstmRowSums(rec_w[g].data(), d.n_cell, d.n_output, rec_sums[g].data());
      p.gates[g].input_weights = {in_w[g].data(), 0.004f + 0.001f * g, in_sums[g].data()};
      p.gates[g].recurrent_weights = {rec_w[g].data(), 0.003f + 0.0005f * g, rec_sums[g].data()};
      bias[g].resize(static_cast<size_t>(d.n_cell));
      for (auto& x : bias[g]) x = 0.3f * u(rng);
      p.gates[g].bias = bias[g].data();
      if (c.peephole && g != kGateCell) {
        peep[g].resize(static_cast<size_t>(d.n_cell));
        for (auto& x : peep[g]) x = 0.2f * u(rng);
        p.gates[g].peephole = peep[g].data();
      }
      if (c.layer_norm) {
        ln[g].resize(static_cast<size_t>(d.n_cell));
        for (auto& x : ln[g]) x = u(rng);
        p.gates[g].layer_norm = ln[g].data();
      }
    }
    const int steps = 5;
    std::vector<float> x(static_cast<size_t>(steps) * d.n_batch * d.n_input);
    for (auto& v : x) v = 2.f * u(rng) + 0.5f;
    std::vector<uint8_t> scratch(static_cast<size_t>(HybridLstmStagedScratchBytes(d)) + 64);
    std::vector<float> want_h(static_cast<size_t>(d.n_batch) * d.n_output, 0.1f);
    std::vector<float> want_c(static_cast<size_t>(d.n_batch) * d.n_cell, -0.2f);
    std::vector<std::vector<float>> want_hs;
    for (int s = 0; s < steps; ++s) {
      f32_qs8w_lstm_step_hybrid__reference(d, p, x.data() + s * d.n_batch * d.n_input,
                                           want_h.data(), want_c.data(), scratch.data());
      want_hs.push_back(want_h);
    }
    for (const LstmVariant* v : Runnable()) {
      std::vector<uint8_t> memory(LstmHybridStagesBytes(*v, d));
      LstmHybridStages stages;
      PrepareLstmHybridStages(*v, d, p, memory.data(), &stages);
      for (bool simd_activations : {false, true}) {
        LstmHybridStages run = stages;
        if (!simd_activations) run.sigmoid = run.tanh = nullptr;
        std::vector<float> h(want_h.size(), 0.1f);
        std::vector<float> cs(want_c.size(), -0.2f);
        for (int s = 0; s < steps; ++s) {
          f32_qs8w_lstm_step_hybrid(d, p, run, x.data() + s * d.n_batch * d.n_input, h.data(),
                                    cs.data(), scratch.data());
          for (size_t i = 0; i < h.size(); ++i) {
            const float want = want_hs[static_cast<size_t>(s)][i];
            if (simd_activations) {
              ASSERT_NEAR(h[i], want, 2e-5f) << v->name << " cells " << d.n_cell << " step " << s;
            } else {
              ASSERT_EQ(h[i], want) << v->name << " batch " << d.n_batch << " input "
                                    << d.n_input << " cells " << d.n_cell << " asym " << c.asym
                                    << " step " << s << " row " << i;
            }
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------
// float steps

TEST(LstmVariants, F32StepsWithinTolerance) {
  if (Runnable().empty()) GTEST_SKIP() << "no LSTM variant for this CPU";
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> u(-1.f, 1.f);
  struct Case {
    LstmDims d;
    bool cifg, peephole, layer_norm;
  };
  std::vector<Case> cases;
  for (int32_t cells : {1, 7, 8, 9, 16, 17, 20, 40}) {
    for (int32_t inputs : {1, 3, 4, 5, 28}) cases.push_back({{1, inputs, cells, cells}, false, false, false});
  }
  cases.push_back({{3, 6, 20, 20}, false, false, false});
  cases.push_back({{2, 28, 20, 20}, true, true, false});
  cases.push_back({{1, 28, 20, 20}, false, true, true});
  for (int32_t cells : {1, 5, 7}) cases.push_back({{1, 5, cells, cells}, true, false, false});
  for (const Case& c : cases) {
    const LstmDims& d = c.d;
    std::vector<float> in_w[4], rec_w[4], bias[4], peep[4], ln[4];
    LstmF32Params p;
    p.activation = RecurrentActivation::kTanh;
    p.cell_clip = 3.f;
    for (int g = 0; g < 4; ++g) {
      if (c.cifg && g == kGateInput) continue;
      auto fill = [&](std::vector<float>& v, int64_t n, float scale) {
        v.resize(static_cast<size_t>(n));
        for (auto& x : v) x = scale * u(rng);
      };
      fill(in_w[g], int64_t{d.n_cell} * d.n_input, 0.5f);
      fill(rec_w[g], int64_t{d.n_cell} * d.n_output, 0.5f);
      fill(bias[g], d.n_cell, 0.3f);
      p.gates[g].input_weights = in_w[g].data();
      p.gates[g].recurrent_weights = rec_w[g].data();
      p.gates[g].bias = bias[g].data();
      if (c.peephole && g != kGateCell) {
        fill(peep[g], d.n_cell, 0.2f);
        p.gates[g].peephole = peep[g].data();
      }
      if (c.layer_norm) {
        fill(ln[g], d.n_cell, 1.f);
        p.gates[g].layer_norm = ln[g].data();
      }
    }
    const int steps = 5;
    std::vector<float> x(static_cast<size_t>(steps) * d.n_batch * d.n_input);
    for (auto& v : x) v = u(rng);
    std::vector<float> scratch(static_cast<size_t>(F32LstmStagedScratchElements(d)));
    std::vector<float> want_h(static_cast<size_t>(d.n_batch) * d.n_output, 0.1f);
    std::vector<float> want_c(static_cast<size_t>(d.n_batch) * d.n_cell, -0.2f);
    std::vector<std::vector<float>> want_hs;
    for (int s = 0; s < steps; ++s) {
      f32_lstm_step__reference(d, p, x.data() + s * d.n_batch * d.n_input, want_h.data(),
                               want_c.data(), scratch.data());
      want_hs.push_back(want_h);
    }
    for (const LstmVariant* v : Runnable()) {
      std::vector<float> memory(LstmF32StagesBytes(*v, d) / sizeof(float) + 16);
      LstmF32Stages stages;
      PrepareLstmF32Stages(*v, d, p, memory.data(), &stages);
      std::vector<float> h(want_h.size(), 0.1f);
      std::vector<float> cs(want_c.size(), -0.2f);
      for (int s = 0; s < steps; ++s) {
        f32_lstm_step(d, p, stages, x.data() + s * d.n_batch * d.n_input, h.data(), cs.data(),
                      scratch.data());
        for (size_t i = 0; i < h.size(); ++i) {
          ASSERT_NEAR(h[i], want_hs[static_cast<size_t>(s)][i], 2e-5f)
              << v->name << " cells " << d.n_cell << " input " << d.n_input << " step " << s;
        }
      }
      for (size_t i = 0; i < cs.size(); ++i) ASSERT_NEAR(cs[i], want_c[i], 2e-5f) << v->name;
    }
  }
}

}  // namespace
}  // namespace liteforge::kernels
