// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// One LSTM step, reference against every SIMD variant this CPU runs, one
// thread, batch 1, at the corpus LSTMs' sizes (input x cells: 28 x 20, the
// MNIST row LSTMs; 257 x 128, DTLN's first layer). Float and hybrid steps
// (the integer step is measured on the corpus models with liteforge bench:
// tflm__trained_lstm_int8, coral__keras_lstm_mnist_ptq, DTLN).

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/lstm/lstm_variants.h"
#include "liteforge/kernels/lstm/reference.h"

namespace liteforge::kernels {
namespace {

struct Weights {
  LstmDims d;
  std::vector<float> f32[8], bias[4];
  std::vector<int8_t> q8[8];
  std::vector<int32_t> sums[8];
  LstmF32Params f32_params;
  LstmHybridParams hybrid_params;
};

Weights Make(int32_t inputs, int32_t cells) {
  Weights w;
  w.d = {1, inputs, cells, cells};
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(-0.3f, 0.3f);
  w.f32_params.activation = w.hybrid_params.activation = RecurrentActivation::kTanh;
  for (int m = 0; m < 8; ++m) {
    const int32_t cols = m < 4 ? inputs : cells;
    w.f32[m].resize(static_cast<size_t>(cells) * cols);
    w.q8[m].resize(w.f32[m].size());
    w.sums[m].resize(static_cast<size_t>(cells));
    for (size_t i = 0; i < w.f32[m].size(); ++i) {
      w.f32[m][i] = u(rng);
      w.q8[m][i] = static_cast<int8_t>(w.f32[m][i] * 400.f);
    }
    HybridLstmRowSums(w.q8[m].data(), cells, cols, w.sums[m].data());
  }
  for (int g = 0; g < 4; ++g) {
    w.bias[g].assign(static_cast<size_t>(cells), 0.1f);
    w.f32_params.gates[g] = {w.f32[g].data(), w.f32[4 + g].data(), nullptr, nullptr,
                             w.bias[g].data()};
    w.hybrid_params.gates[g].input_weights = {w.q8[g].data(), 1.f / 400, w.sums[g].data()};
    w.hybrid_params.gates[g].recurrent_weights = {w.q8[4 + g].data(), 1.f / 400,
                                                  w.sums[4 + g].data()};
    w.hybrid_params.gates[g].bias = w.bias[g].data();
  }
  return w;
}

// variant < 0: the reference step.
void F32Step(benchmark::State& state, int32_t inputs, int32_t cells, int variant) {
  Weights w = Make(inputs, cells);
  LstmF32Stages stages;
  std::vector<float> packed;
  if (variant >= 0) {
    const LstmVariant& v = LstmVariants()[static_cast<size_t>(variant)];
    packed.resize(LstmF32StagesBytes(v, w.d) / sizeof(float));
    PrepareLstmF32Stages(v, w.d, w.f32_params, packed.data(), &stages);
  }
  std::vector<float> x(static_cast<size_t>(inputs), 0.5f);
  std::vector<float> h(static_cast<size_t>(cells), 0.f);
  std::vector<float> c(static_cast<size_t>(cells), 0.f);
  std::vector<float> scratch(static_cast<size_t>(F32LstmStagedScratchElements(w.d)));
  for (auto _ : state) {
    if (variant < 0) {
      f32_lstm_step__reference(w.d, w.f32_params, x.data(), h.data(), c.data(), scratch.data());
    } else {
      f32_lstm_step(w.d, w.f32_params, stages, x.data(), h.data(), c.data(), scratch.data());
    }
    benchmark::DoNotOptimize(h.data());
  }
}

void HybridStep(benchmark::State& state, int32_t inputs, int32_t cells, int variant) {
  Weights w = Make(inputs, cells);
  LstmHybridStages stages;
  std::vector<uint8_t> packed;
  if (variant >= 0) {
    const LstmVariant& v = LstmVariants()[static_cast<size_t>(variant)];
    packed.resize(LstmHybridStagesBytes(v, w.d));
    PrepareLstmHybridStages(v, w.d, w.hybrid_params, packed.data(), &stages);
  }
  std::vector<float> x(static_cast<size_t>(inputs), 0.5f);
  std::vector<float> h(static_cast<size_t>(cells), 0.f);
  std::vector<float> c(static_cast<size_t>(cells), 0.f);
  std::vector<uint8_t> scratch(static_cast<size_t>(HybridLstmStagedScratchBytes(w.d)));
  for (auto _ : state) {
    if (variant < 0) {
      f32_qs8w_lstm_step_hybrid__reference(w.d, w.hybrid_params, x.data(), h.data(), c.data(),
                                           scratch.data());
    } else {
      f32_qs8w_lstm_step_hybrid(w.d, w.hybrid_params, stages, x.data(), h.data(), c.data(),
                                scratch.data());
    }
    benchmark::DoNotOptimize(h.data());
  }
}

int Register() {
  const std::pair<int32_t, int32_t> sizes[] = {{28, 20}, {257, 128}};
  for (const auto& [inputs, cells] : sizes) {
    for (int variant = -1; variant < static_cast<int>(LstmVariants().size()); ++variant) {
      std::string name = "reference";
      if (variant >= 0) {
        const LstmVariant& v = LstmVariants()[static_cast<size_t>(variant)];
        if (!CpuFeatures::Get().Supports(v.isa)) continue;
        name = std::string(IsaName(v.isa));
      }
      const std::string shape = std::to_string(inputs) + "x" + std::to_string(cells) + "/";
      benchmark::RegisterBenchmark(("f32_lstm_step/" + shape + name).c_str(),
                                   [=](benchmark::State& s) { F32Step(s, inputs, cells, variant); });
      benchmark::RegisterBenchmark(
          ("f32_qs8w_lstm_step_hybrid/" + shape + name).c_str(),
          [=](benchmark::State& s) { HybridStep(s, inputs, cells, variant); });
    }
  }
  return 0;
}

const int kRegistered = Register();

}  // namespace
}  // namespace liteforge::kernels
