// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// `liteforge quantize IN.tflite -o OUT.tflite --mode MODE`: post-training
// quantization (liteforge/quant/quantizer.h). Full-integer modes calibrate
// on --calibration samples (photos, .npy, .npz, or folders of them; see
// sample_set.h) with a progress bar on stderr. Prints the sizes and the ops
// left in float32; exits 2 on bad usage or input, 1 when quantizing fails.

#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "liteforge/base/mapped_file.h"
#include "liteforge/format/tflite/reader.h"
#include "liteforge/quant/quantizer.h"
#include "tools/liteforge/cli_common.h"
#include "tools/liteforge/commands.h"
#include "tools/liteforge/sample_set.h"

namespace liteforge::cli {
namespace {

using quant::CalibrationMethod;
using quant::QuantMode;

// Calibration samples read from a SampleSet, one at a time.
class SampleSetData final : public quant::CalibrationData {
 public:
  explicit SampleSetData(SampleSet set) : set_(std::move(set)) {}
  size_t size() const override { return set_.size(); }
  Result<std::vector<NpyArray>> Sample(size_t i) const override {
    auto sample = set_.Load(i);
    if (!sample.ok()) return Status(sample.status()).AddContext(set_.name(i));
    return sample;
  }

 private:
  SampleSet set_;
};

Result<QuantMode> ParseMode(const std::string& s) {
  if (s == "dynamic") return QuantMode::kDynamicRange;
  if (s == "int8") return QuantMode::kFullInt8;
  if (s == "float16") return QuantMode::kFloat16;
  if (s == "int16x8") return QuantMode::kInt16x8;
  return InvalidArgument("unknown --mode '{}' (dynamic, int8, float16, int16x8)", s);
}

Result<CalibrationMethod> ParseMethod(const std::string& s) {
  if (s == "minmax") return CalibrationMethod::kMinMax;
  if (s == "percentile") return CalibrationMethod::kPercentile;
  if (s == "entropy") return CalibrationMethod::kEntropy;
  if (s == "mse") return CalibrationMethod::kMse;
  return InvalidArgument("unknown --method '{}' (minmax, percentile, entropy, mse)", s);
}

Result<DType> ParseBoundaryType(const std::string& flag, const std::string& s) {
  auto t = ParseDType(s);
  if (!t) return InvalidArgument("--{} '{}' is not a type (float32, int8, uint8, int16)", flag, s);
  return *t;
}

// "0.5" or "127.5,127.5,127.5".
Result<std::vector<float>> ParseFloats(const std::string& flag, const std::string& s) {
  std::vector<float> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    const size_t comma = s.find(',', pos);
    const std::string part = s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    char* end = nullptr;
    const float v = std::strtof(part.c_str(), &end);
    if (part.empty() || end != part.c_str() + part.size()) {
      return InvalidArgument("--{} '{}': '{}' is not a number", flag, s, part);
    }
    out.push_back(v);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

Result<ImageNormalization> ParseNormalization(const CliArgs& args) {
  ImageNormalization norm;
  if (auto v = args.Get("mean")) {
    LF_ASSIGN_OR_RETURN(norm.mean, ParseFloats("mean", *v));
  }
  if (auto v = args.Get("std")) {
    LF_ASSIGN_OR_RETURN(norm.std, ParseFloats("std", *v));
  }
  if (auto v = args.Get("range")) {
    LF_ASSIGN_OR_RETURN(std::vector<float> r, ParseFloats("range", *v));
    if (r.size() != 2 || !(r[0] < r[1])) {
      return InvalidArgument("--range '{}' must be LO,HI with LO < HI (e.g. 0,1 or -1,1)", *v);
    }
    norm.range = std::make_pair(r[0], r[1]);
  }
  if (auto v = args.Get("size")) {
    int h = 0, w = 0;
    char sep = 0;
    if (std::sscanf(v->c_str(), "%d%c%d", &h, &sep, &w) != 3 || (sep != 'x' && sep != ',') || h <= 0 ||
        w <= 0) {
      return InvalidArgument("--size '{}' must be HEIGHTxWIDTH, e.g. 224x224", *v);
    }
    norm.size = std::make_pair(h, w);
  }
  return norm;
}

// A one-line bar redrawn in place: "calibrating [#####.....] 37/100".
// The title line is printed with the first update, so a failure before
// calibration starts leaves stderr to the error line alone.
class ProgressBar {
 public:
  ProgressBar(bool on, std::string title) : on_(on), title_(std::move(title)) {}
  void Update(size_t done, size_t total) {
    if (!on_ || total == 0) return;
    if (last_ < 0) std::fprintf(stderr, "%s\n", title_.c_str());
    const int width = 30;
    const int filled = static_cast<int>(done * width / total);
    if (filled == last_ && done != total) return;
    last_ = filled;
    std::fprintf(stderr, "\rcalibrating [%s%s] %zu/%zu", std::string(static_cast<size_t>(filled), '#').c_str(),
                 std::string(static_cast<size_t>(width - filled), '.').c_str(), done, total);
    if (done == total) std::fputc('\n', stderr);
    std::fflush(stderr);
  }

 private:
  bool on_;
  std::string title_;
  int last_ = -1;
};

Status Quantize(const CliArgs& args) {
  if (args.positional().size() != 1) {
    return InvalidArgument(
        "expected one input MODEL (usage: liteforge quantize IN.tflite -o OUT.tflite --mode MODE)");
  }
  const auto out_path = args.Get("output");
  if (!out_path) return InvalidArgument("give the output file with -o OUT.tflite");
  quant::QuantizeOptions options;
  LF_ASSIGN_OR_RETURN(options.mode, ParseMode(args.Get("mode").value_or("dynamic")));
  if (auto v = args.Get("input-type")) {
    LF_ASSIGN_OR_RETURN(options.input_type, ParseBoundaryType("input-type", *v));
  }
  if (auto v = args.Get("output-type")) {
    LF_ASSIGN_OR_RETURN(options.output_type, ParseBoundaryType("output-type", *v));
  }
  if (auto v = args.Get("method")) {
    LF_ASSIGN_OR_RETURN(options.method, ParseMethod(*v));
  }
  if (args.Has("percentile")) {
    LF_ASSIGN_OR_RETURN(double p, args.GetDouble("percentile", 99.99));
    options.percentile = static_cast<float>(p);
  }
  options.strict = args.Has("strict");
  LF_ASSIGN_OR_RETURN(options.num_threads, args.GetInt("threads", 1, 1, 256));
  LF_ASSIGN_OR_RETURN(int min_elements, args.GetInt("min-weight-elements", 1024, 0, 1 << 30));
  options.min_weight_elements = min_elements;
  const bool calibrated = options.mode == QuantMode::kFullInt8 || options.mode == QuantMode::kInt16x8;
  const auto sources = args.GetAll("calibration");
  if (calibrated && sources.empty()) {
    return InvalidArgument("--mode {} needs --calibration PATH (photos, .npy or .npz files, or "
                           "folders of them; 100-500 samples are typical)",
                           quant::QuantModeName(options.mode));
  }

  const std::string& in_path = args.positional()[0];
  LF_ASSIGN_OR_RETURN(ir::Graph model, tflite_format::ReadTfliteFile(in_path));
  std::optional<SampleSetData> data;
  if (calibrated) {
    LF_ASSIGN_OR_RETURN(ImageNormalization norm, ParseNormalization(args));
    const ir::Subgraph& sg = model.subgraphs[0];
    std::vector<SampleInputSpec> specs;
    for (int32_t t : sg.inputs) {
      specs.push_back({sg.tensors[static_cast<size_t>(t)].name, sg.tensors[static_cast<size_t>(t)].shape});
    }
    LF_ASSIGN_OR_RETURN(SampleSet set, SampleSet::Open(sources, std::move(specs), norm, &model));
    LF_ASSIGN_OR_RETURN(int limit, args.GetInt("num-samples", 0, 0, 1 << 30));
    if (limit > 0 && static_cast<size_t>(limit) < set.size()) set = set.Slice(0, static_cast<size_t>(limit));
    data.emplace(std::move(set));
  }
  ProgressBar bar(!args.Has("quiet"),
                  fmt::format("calibration: {} samples, method {}", data ? data->size() : 0,
                              quant::CalibrationMethodName(options.method)));
  options.progress = [&bar](size_t done, size_t total) { bar.Update(done, total); };

  quant::QuantizeReport report;
  auto bytes = quant::QuantizeModel(model, options, data ? &*data : nullptr, &report);
  if (!bytes.ok()) return Status(bytes.status()).AddContext(in_path);
  LF_RETURN_IF_ERROR(WriteFileBytes(*out_path, *bytes));
  for (const std::string& w : report.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  const double ratio = report.output_bytes > 0
                           ? static_cast<double>(report.input_bytes) / static_cast<double>(report.output_bytes)
                           : 0.0;
  std::printf("wrote %s (%s): %zu bytes, from %zu (%.2fx smaller); %zu ops quantized, %zu left float32\n",
              out_path->c_str(), std::string(quant::QuantModeName(options.mode)).c_str(), report.output_bytes,
              report.input_bytes, ratio, report.ops_quantized, report.ops_float);
  return Status::Ok();
}

}  // namespace

int QuantizeCommand(int argc, char** argv) {
  // "-o OUT" is the short form of "--output OUT".
  std::vector<std::string> storage(argv, argv + argc);
  for (std::string& a : storage) {
    if (a == "-o") a = "--output";
  }
  std::vector<char*> args_v;
  for (std::string& a : storage) args_v.push_back(a.data());
  FlagSpec spec;
  spec.with_value = {"output",  "mode",       "input-type", "output-type", "calibration",
                     "method",  "percentile", "threads",    "num-samples", "size",
                     "mean",    "std",        "range",      "min-weight-elements"};
  spec.switches = {"strict", "quiet"};
  auto args = CliArgs::Parse(static_cast<int>(args_v.size()), args_v.data(), 2, spec);
  if (!args.ok()) return ReportError("quantize", args.status());
  const Status status = Quantize(*args);
  return status.ok() ? kExitOk : ReportError("quantize", status);
}

}  // namespace liteforge::cli
