// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// `liteforge bench MODEL [--threads N] [--warmup W] [--runs R] [--json]
// [--profile]`: init time, latency distribution, memory (the planned arena
// beside its lower bound and a model of TensorFlow Lite's arena for the
// same graph, the plan's persistent bytes, peak RSS), and with --profile
// the time of every op.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "liteforge/base/float16.h"
#include "liteforge/runtime/tflite_arena_estimate.h"
#include "tools/liteforge/cli_common.h"
#include "tools/liteforge/commands.h"

namespace liteforge::cli {
namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// Peak resident set size of this process (VmHWM), in bytes.
size_t PeakRssBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  }
  return 0;
}

// Inputs get deterministic pseudo-random values in a sensible range, so
// data-dependent kernels do realistic work.
void FillInputs(Interpreter& interp) {
  std::mt19937 rng(1234);
  for (int i = 0; i < interp.num_inputs(); ++i) {
    TensorView& in = interp.input(i);
    const int64_t n = in.num_elements();
    switch (in.dtype) {
      case DType::kFloat32: {
        std::uniform_real_distribution<float> d(-1.f, 1.f);
        for (int64_t k = 0; k < n; ++k) in.data_as<float>()[k] = d(rng);
        break;
      }
      case DType::kFloat16: {
        std::uniform_real_distribution<float> d(-1.f, 1.f);
        for (int64_t k = 0; k < n; ++k) in.data_as<uint16_t>()[k] = FloatToHalf(d(rng));
        break;
      }
      case DType::kInt32:
      case DType::kInt64:
      case DType::kBool:
        std::fill(in.data, in.data + in.bytes, 0);  // indices/flags: zero is always valid
        break;
      default:
        for (size_t k = 0; k < in.bytes; ++k) in.data[k] = static_cast<uint8_t>(rng());
    }
  }
}

double Percentile(std::vector<double> sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * sorted.size()));
  return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

Status Bench(const CliArgs& args) {
  if (args.positional().size() != 1) {
    return InvalidArgument("expected one MODEL argument (usage: liteforge bench MODEL [--runs R])");
  }
  const std::string& model = args.positional()[0];
  LF_ASSIGN_OR_RETURN(InterpreterOptions options, InterpreterOptionsFromFlags(args));
  LF_ASSIGN_OR_RETURN(int warmup, args.GetInt("warmup", 5, 0, 1000000));
  LF_ASSIGN_OR_RETURN(int runs, args.GetInt("runs", 50, 1, 10000000));
  const bool profile = args.Has("profile");

  const auto init_start = Clock::now();
  LF_ASSIGN_OR_RETURN(auto interp, Interpreter::FromFile(model, options));
  const double init_ms = Ms(Clock::now() - init_start);
  FillInputs(*interp);
  for (int i = 0; i < warmup; ++i) LF_RETURN_IF_ERROR(interp->Invoke());
  interp->SetProfiling(profile);
  interp->context().ClearTimings();
  std::vector<double> times;
  times.reserve(runs);
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    LF_RETURN_IF_ERROR(interp->Invoke());
    times.push_back(Ms(Clock::now() - start));
  }
  std::vector<double> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  const double mean = std::accumulate(times.begin(), times.end(), 0.0) / times.size();
  const size_t arena = interp->arena_bytes();
  const runtime::ExecutionPlan& plan = interp->plan();
  // TensorFlow Lite runs the file's ops unfused: model its arena on the
  // unfused plan (a second, unfused plan only when fusion is on).
  runtime::TfliteArenaEstimate tflite = runtime::EstimateTfliteArena(plan);
  if (options.fuse_ops && options.delegates.empty() && options.loaded_delegates.empty()) {
    InterpreterOptions unfused = options;
    unfused.fuse_ops = false;
    if (auto other = Interpreter::FromFile(model, unfused); other.ok()) {
      tflite = runtime::EstimateTfliteArena((*other)->plan());
    }
  }
  const size_t rss = PeakRssBytes();

  // Per-op profile: mean time per run of every op, and totals by op type.
  struct OpRow {
    std::string name, description;
    double ms;
  };
  std::vector<OpRow> rows;
  std::map<std::string, double> by_type;
  double profiled_total = 0;
  if (profile) {
    for (const auto& t : interp->context().timings()) {
      if (t.runs == 0) continue;
      const double ms = t.total_ns / 1e6 / t.runs;
      rows.push_back({t.op_name, t.description, ms});
      by_type[t.op_name] += ms;
      profiled_total += ms;
    }
    std::sort(rows.begin(), rows.end(), [](const OpRow& a, const OpRow& b) { return a.ms > b.ms; });
  }

  if (args.Has("json")) {
    nlohmann::json j;
    j["model"] = model;
    j["threads"] = options.num_threads;
    j["runs"] = runs;
    j["warmup"] = warmup;
    j["init_ms"] = init_ms;
    j["mean_ms"] = mean;
    j["p50_ms"] = Percentile(sorted, 50);
    j["p95_ms"] = Percentile(sorted, 95);
    j["p99_ms"] = Percentile(sorted, 99);
    j["min_ms"] = sorted.front();
    j["max_ms"] = sorted.back();
    j["arena_bytes"] = arena;
    j["arena_lower_bound_bytes"] = plan.arena_lower_bound();
    j["arena_strategy"] = std::string(plan.arena_strategy());
    j["tflite_arena_estimate_bytes"] = tflite.arena_bytes;
    j["tflite_largest_temporary_bytes"] = tflite.temporary_bytes;
    j["persistent_bytes"] = plan.persistent_bytes();
    j["peak_rss_bytes"] = rss;
    if (profile) {
      j["ops"] = nlohmann::json::array();
      for (const auto& r : rows) {
        j["ops"].push_back({{"op", r.name}, {"where", r.description}, {"ms", r.ms},
                            {"share", profiled_total > 0 ? r.ms / profiled_total : 0}});
      }
      j["op_types"] = by_type;
    }
    std::printf("%s\n", j.dump(2).c_str());
    return Status::Ok();
  }
  fmt::print("model: {}\nthreads: {}, warmup: {}, runs: {}\n", model, options.num_threads, warmup, runs);
  fmt::print("init:  {:.3f} ms\n", init_ms);
  fmt::print("mean:  {:.3f} ms\np50:   {:.3f} ms\np95:   {:.3f} ms\np99:   {:.3f} ms\n", mean,
             Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99));
  fmt::print("min:   {:.3f} ms\nmax:   {:.3f} ms\n", sorted.front(), sorted.back());
  fmt::print("arena: {} bytes ({}; lower bound {} bytes)\n", arena, plan.arena_strategy(),
             plan.arena_lower_bound());
  fmt::print("TFLite arena (modelled): {} bytes (largest op temporary {} bytes)\n",
             tflite.arena_bytes, tflite.temporary_bytes);
  fmt::print("persistent: {} bytes (packed weights, folded constants)\n", plan.persistent_bytes());
  fmt::print("peak RSS: {} bytes\n", rss);
  if (profile) {
    fmt::print("\nby op type (mean ms per run):\n");
    std::vector<std::pair<std::string, double>> types(by_type.begin(), by_type.end());
    std::sort(types.begin(), types.end(), [](auto& a, auto& b) { return a.second > b.second; });
    for (const auto& [name, ms] : types) {
      fmt::print("  {:<32} {:9.3f} ms  {:5.1f}%\n", name, ms, profiled_total > 0 ? 100 * ms / profiled_total : 0);
    }
    fmt::print("\nby op (mean ms per run):\n");
    for (const auto& r : rows) {
      fmt::print("  {:9.3f} ms  {:5.1f}%  {}\n", r.ms, profiled_total > 0 ? 100 * r.ms / profiled_total : 0,
                 r.description);
    }
  }
  return Status::Ok();
}

}  // namespace

int BenchCommand(int argc, char** argv) {
  FlagSpec spec;
  spec.with_value = {"warmup", "runs"};
  spec.switches = {"json", "profile"};
  AddInterpreterFlags(spec);
  auto args = CliArgs::Parse(argc, argv, 2, spec);
  if (!args.ok()) return ReportError("bench", args.status());
  const Status status = Bench(*args);
  return status.ok() ? kExitOk : ReportError("bench", status);
}

}  // namespace liteforge::cli
