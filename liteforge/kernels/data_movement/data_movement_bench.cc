// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// CONCATENATION / SPLIT kernels, reference against every SIMD variant this
// CPU runs, at the Coral traffic model's shapes: the uint8 box-predictor
// concatenations along axis 1 ([1,20480,4] + [1,5120,4] + [1,1280,4], the
// last two rescaled to the output's quantization) and the ConvLSTM's
// channel concatenations / splits of [1,8,8,80] maps (one 80-byte block
// per pixel); and the int8 NCHW -> NHWC TRANSPOSE at the input of TFLM's
// MobileNetV2 ([1,3,224,224] -> [1,224,224,3]). Counter: output bytes per
// second.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/data_movement/data_movement_variants.h"
#include "liteforge/kernels/data_movement/reference.h"

namespace liteforge::kernels {
namespace {

using Qu8ConcatFn = void (*)(int64_t, std::span<const uint8_t* const>, std::span<const size_t>,
                             std::span<const ConcatRequant>, int32_t, int32_t, uint8_t*);
using ConcatFn = void (*)(int64_t, std::span<const uint8_t* const>, std::span<const size_t>,
                          uint8_t*);
using SplitFn = void (*)(int64_t, const uint8_t*, std::span<uint8_t* const>,
                         std::span<const size_t>);

std::vector<uint8_t> RandomBytes(size_t n, std::mt19937& rng) {
  std::vector<uint8_t> v(n);
  for (uint8_t& b : v) b = static_cast<uint8_t>(rng());
  return v;
}

ConcatRequant Rescale(float in_scale, int32_t in_zp, float out_scale, int32_t out_zp) {
  ConcatRequant r;
  r.copy = false;
  r.scale = in_scale * (1.f / out_scale);
  r.bias = static_cast<float>(-in_zp) * r.scale;
  r.output_zero_point = out_zp;
  return r;
}

// 'concat' of the traffic model: input 0 shares the output's parameters.
void BoxConcat(benchmark::State& state, Qu8ConcatFn fn) {
  std::mt19937 rng(1);
  const std::vector<size_t> blocks = {81920, 20480, 5120};
  std::vector<std::vector<uint8_t>> ins;
  std::vector<const uint8_t*> ptrs;
  for (size_t b : blocks) {
    ins.push_back(RandomBytes(b, rng));
    ptrs.push_back(ins.back().data());
  }
  const std::vector<ConcatRequant> requant = {ConcatRequant{},
                                              Rescale(0.031998761f, 115, 0.0323282331f, 117),
                                              Rescale(0.0274075679f, 131, 0.0323282331f, 117)};
  std::vector<uint8_t> out(81920 + 20480 + 5120);
  for (auto _ : state) {
    fn(1, ptrs, blocks, requant, 0, 255, out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * out.size()));
}

// 'new_output/quantized_concat' of the traffic model: 4 x [1,8,8,80] -> [1,8,8,320].
void ChannelConcat(benchmark::State& state, ConcatFn fn) {
  std::mt19937 rng(2);
  const std::vector<size_t> blocks(4, 80);
  std::vector<std::vector<uint8_t>> ins;
  std::vector<const uint8_t*> ptrs;
  for (size_t b : blocks) {
    ins.push_back(RandomBytes(b * 64, rng));
    ptrs.push_back(ins.back().data());
  }
  std::vector<uint8_t> out(320 * 64);
  for (auto _ : state) {
    fn(64, ptrs, blocks, out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * out.size()));
}

// 'conv_lstm_cell/split': [1,8,8,320] -> 4 x [1,8,8,80].
void ChannelSplit(benchmark::State& state, SplitFn fn) {
  std::mt19937 rng(3);
  const std::vector<uint8_t> in = RandomBytes(320 * 64, rng);
  const std::vector<size_t> blocks(4, 80);
  std::vector<std::vector<uint8_t>> outs(4, std::vector<uint8_t>(80 * 64));
  std::vector<uint8_t*> ptrs;
  for (auto& o : outs) ptrs.push_back(o.data());
  for (auto _ : state) {
    fn(64, in.data(), ptrs, blocks);
    benchmark::DoNotOptimize(ptrs.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.size()));
}

// TFLM MobileNetV2's input transpose, perm [0, 2, 3, 1].
void NchwToNhwc(benchmark::State& state, StridedCopyFn fn) {
  std::mt19937 rng(4);
  const std::vector<int32_t> dims = {1, 3, 224, 224};
  std::vector<int64_t> in_strides(4);
  RowMajorStrides(dims, in_strides);
  const int perm[] = {0, 2, 3, 1};
  std::vector<int64_t> counts, strides;
  for (int p : perm) {
    counts.push_back(dims[p]);
    strides.push_back(in_strides[p]);
  }
  StridedCopyPlan plan;
  if (!MakeStridedCopyPlan(counts, strides, 0, 1, &plan)) {
    state.SkipWithError("no plan");
    return;
  }
  const std::vector<uint8_t> in = RandomBytes(3 * 224 * 224, rng);
  std::vector<uint8_t> out(in.size());
  for (auto _ : state) {
    fn(plan, in.data(), out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * out.size()));
}

int RegisterAll() {
  struct Entry {
    std::string name;
    ConcatFn concat;
    SplitFn split;
    Qu8ConcatFn qu8;
    StridedCopyFn strided;
  };
  std::vector<Entry> entries = {{"reference", x8_concat__reference, x8_split__reference,
                                 qu8_concat_requant__reference, x8_strided_copy__reference}};
  for (const DataMovementVariant& v : DataMovementVariants()) {
    if (CpuFeatures::Get().Supports(v.isa)) {
      entries.push_back({v.name, v.x8_concat, v.x8_split, v.qu8_concat_requant, v.x8_strided_copy});
    }
  }
  for (const Entry& e : entries) {
    benchmark::RegisterBenchmark(("concat/qu8_box_26880x4/" + e.name).c_str(),
                                 [fn = e.qu8](benchmark::State& st) { BoxConcat(st, fn); });
    benchmark::RegisterBenchmark(("concat/x8_8x8x(4x80)/" + e.name).c_str(),
                                 [fn = e.concat](benchmark::State& st) { ChannelConcat(st, fn); });
    benchmark::RegisterBenchmark(("split/x8_8x8x320_to_4/" + e.name).c_str(),
                                 [fn = e.split](benchmark::State& st) { ChannelSplit(st, fn); });
    benchmark::RegisterBenchmark(("transpose/s8_1x3x224x224_to_nhwc/" + e.name).c_str(),
                                 [fn = e.strided](benchmark::State& st) { NchwToNhwc(st, fn); });
  }
  return 0;
}

const int kRegistered = RegisterAll();

}  // namespace
}  // namespace liteforge::kernels
