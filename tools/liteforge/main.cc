// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// `liteforge`: the command-line entry point.

#include <cstdio>
#include <cstring>
#include <string_view>

#include "liteforge/base/cpu_features.h"
#include "tools/liteforge/commands.h"

namespace {

constexpr char kUsage[] = R"(liteforge: convert, quantize, run, validate and ship TFLite models

usage: liteforge <command> [options]

commands:
  inspect MODEL [--json]
      inputs, outputs, op table, unsupported ops, weights, arena, metadata
  run MODEL (--input X.npy ... | --image PHOTO) [--output-dir DIR]
            [--labels LABELS.txt] [--top-k K] [--mean M] [--std S]
      run one inference; writes DIR/out0.npy, out1.npy, ... in output order
  bench MODEL [--warmup W] [--runs R] [--json] [--profile]
      latency (init, mean, p50, p95, p99, min, max), arena, peak RSS
  ops [--json]
      the builtin ops (with versions) and custom ops this build can run
  quantize IN.tflite -o OUT.tflite [--mode dynamic|int8|float16|int16x8]
           [--calibration PATH ...] [--num-samples N] [--method minmax|percentile|entropy|mse]
           [--percentile P] [--input-type T] [--output-type T] [--strict]
           [--size HxW] [--mean M[,M,M]] [--std S[,S,S]] [--range LO,HI] [--threads N]
      post-training quantization; int8 and int16x8 calibrate on PATH (photos,
      .npy/.npz, or folders of them); see docs/quantization.md
  validate REFERENCE CANDIDATE --data DIR|FILE... [--per-layer] [--labels L]
           [--report R.html] [--json] [--min-agreement F] [--max-error E]
      run both models on every sample (images, .npy, .npz) and compare the
      outputs (top-1/top-5 agreement, max/mean abs error, SNR, cosine); with
      --per-layer also every intermediate tensor both have; exit 3 when a
      threshold is not met. Images: --mean M[,M,M] --std S[,S,S] or
      --range LO,HI (default: the model's metadata, else [-1, 1]);
      --max-samples N uses the first N samples

options for run, bench and validate:
  --threads N        worker threads (default 1)
  --isa NAME         cap kernels at reference|avx2|avx512|avx512vnni|neon|neondot
  --delegate LIB.so  load a delegate (repeatable; LIB.so?options passes options);
                     'xnnpack' (or xnnpack?threads=N) is the built-in XNNPACK one
  --planner NAME     memory planner: greedy (default) or linear
  --no-fold          do not precompute ops whose inputs are all constant
  --no-fuse          run the model's ops as they are: no PAD-into-conv or
                     activation fusion (see docs/architecture.md)

environment:
  LITEFORGE_MAX_ISA    same as --isa, for every command and library use
  LITEFORGE_LOG_LEVEL  debug|info|warning|error|silent
)";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const std::string_view command = argv[1];
  // `liteforge COMMAND --help` shows the same page: every command's flags
  // are on it.
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::fputs(kUsage, stdout);
      return 0;
    }
  }
  if (command == "inspect") return liteforge::cli::InspectCommand(argc, argv);
  if (command == "run") return liteforge::cli::RunCommand(argc, argv);
  if (command == "bench") return liteforge::cli::BenchCommand(argc, argv);
  if (command == "ops") return liteforge::cli::OpsCommand(argc, argv);
  if (command == "quantize") return liteforge::cli::QuantizeCommand(argc, argv);
  if (command == "validate") return liteforge::cli::ValidateCommand(argc, argv);
  if (command == "version" || command == "--version") {
    std::printf("liteforge 0.1.0 (cpu: %s)\n", liteforge::CpuFeatures::Get().ToString().c_str());
    return 0;
  }
  std::fprintf(stderr, "liteforge: error: unknown command '%s' (try 'liteforge --help')\n", argv[1]);
  return 2;
}
