// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// `liteforge validate REFERENCE.tflite CANDIDATE.tflite --data DIR|FILES`:
// runs both models on every sample (SampleSet: images, .npy, .npz) and
// compares their outputs — and with --per-layer every intermediate tensor
// the two share — with liteforge/quant/validation.h. Prints a summary (or
// --json), writes an offline HTML report (--report), and exits with
// kExitThresholdsNotMet when --min-agreement or --max-error is not met, so
// CI pipelines can gate a quantized model on it.

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "liteforge/quant/html_report.h"
#include "liteforge/quant/validation.h"
#include "tools/liteforge/cli_common.h"
#include "tools/liteforge/commands.h"
#include "tools/liteforge/image_input.h"
#include "tools/liteforge/sample_set.h"

namespace liteforge::cli {
namespace {

constexpr char kUsage[] =
    "usage: liteforge validate REFERENCE.tflite CANDIDATE.tflite --data DIR|FILE [--data ...]";

// "0.5" or "0.5,0.4,0.3" (one value per channel).
Result<std::vector<float>> ParseFloatList(const std::string& flag, const std::string& text) {
  std::vector<float> values;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    char* end = nullptr;
    const float v = std::strtof(item.c_str(), &end);
    if (item.empty() || end == item.c_str() || *end != '\0' || !std::isfinite(v)) {
      return InvalidArgument("--{} expects numbers separated by commas, got '{}'", flag, text);
    }
    values.push_back(v);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return values;
}

Result<ImageNormalization> NormalizationFromFlags(const CliArgs& args) {
  ImageNormalization norm;
  if (auto v = args.Get("mean")) {
    LF_ASSIGN_OR_RETURN(norm.mean, ParseFloatList("mean", *v));
  }
  if (auto v = args.Get("std")) {
    LF_ASSIGN_OR_RETURN(norm.std, ParseFloatList("std", *v));
    for (float s : norm.std) {
      if (s == 0) return InvalidArgument("--std must not be 0");
    }
  }
  if (auto v = args.Get("range")) {
    LF_ASSIGN_OR_RETURN(auto range, ParseFloatList("range", *v));
    if (range.size() != 2 || !(range[0] < range[1])) {
      return InvalidArgument("--range expects LO,HI with LO < HI, got '{}'", *v);
    }
    norm.range = std::make_pair(range[0], range[1]);
  }
  return norm;
}

Result<quant::Thresholds> ThresholdsFromFlags(const CliArgs& args) {
  quant::Thresholds t;
  if (args.Has("min-agreement")) {
    LF_ASSIGN_OR_RETURN(double v, args.GetDouble("min-agreement", 0));
    if (!(v >= 0 && v <= 1)) {
      return InvalidArgument("--min-agreement is a fraction between 0 and 1 (0.99 for 99%), got {}", v);
    }
    t.min_agreement = v;
  }
  if (args.Has("max-error")) {
    LF_ASSIGN_OR_RETURN(double v, args.GetDouble("max-error", 0));
    if (!(v >= 0) || std::isinf(v)) return InvalidArgument("--max-error must be a number >= 0, got {}", v);
    t.max_error = v;
  }
  return t;
}

std::string Label(int cls, const std::vector<std::string>& labels) {
  if (cls >= 0 && cls < static_cast<int>(labels.size()) && !labels[cls].empty()) {
    return fmt::format(" '{}'", labels[cls]);
  }
  return "";
}

std::string Db(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return fmt::format("{:.2f}", v);
}

// +-inf and NaN have no JSON number form: they are written as the strings
// "inf", "-inf" and "nan", which Python's float() reads like numbers.
nlohmann::ordered_json Number(double v) {
  if (std::isfinite(v)) return v;
  if (std::isnan(v)) return "nan";
  return v > 0 ? "inf" : "-inf";
}

nlohmann::ordered_json SummaryJson(const quant::ComparedTensor& t) {
  const quant::ComparisonSummary& s = t.summary;
  nlohmann::ordered_json j = {
      {"name", t.name},
      {"candidate_name", t.candidate_name},
      {"shape", t.shape.dims()},
      {"reference_dtype", DTypeName(t.reference_dtype)},
      {"candidate_dtype", DTypeName(t.candidate_dtype)},
      {"samples", s.samples},
      {"max_abs_error", Number(s.max_abs_error)},
      {"mean_abs_error", Number(s.mean_abs_error())},
      {"snr_db", Number(s.snr_db())},
      {"cosine_mean", Number(s.cosine_mean())},
      {"cosine_min", Number(s.cosine_min)},
      {"top1_agreement", s.has_agreement() ? Number(s.top1_agreement()) : nullptr},
      {"top5_agreement", s.has_agreement() ? Number(s.top5_agreement()) : nullptr},
  };
  return j;
}

nlohmann::ordered_json ReportJson(const std::string& reference, const std::string& candidate,
                          const quant::ValidationReport& report, const quant::Thresholds& thresholds,
                          const std::vector<std::string>& unmet) {
  nlohmann::ordered_json j;
  j["reference"] = reference;
  j["candidate"] = candidate;
  j["samples"] = report.samples.size();
  j["outputs"] = nlohmann::ordered_json::array();
  for (const auto& out : report.outputs) {
    nlohmann::ordered_json o = SummaryJson(out);
    o["index"] = out.order;
    j["outputs"].push_back(std::move(o));
  }
  j["per_sample"] = nlohmann::ordered_json::array();
  for (const auto& sample : report.samples) {
    nlohmann::ordered_json outs = nlohmann::ordered_json::array();
    for (const auto& c : sample.outputs) {
      nlohmann::ordered_json o = {{"max_abs_error", Number(c.max_abs_error)},
                          {"mean_abs_error", Number(c.mean_abs_error())},
                          {"snr_db", Number(c.snr_db())},
                          {"cosine", Number(c.cosine)}};
      if (c.rows > 0) {
        o["reference_top1"] = c.reference_top1;
        o["candidate_top1"] = c.candidate_top1;
        o["top1_agreement"] = static_cast<double>(c.top1_agree) / static_cast<double>(c.rows);
      }
      outs.push_back(std::move(o));
    }
    j["per_sample"].push_back({{"name", sample.name}, {"outputs", std::move(outs)}});
  }
  if (report.per_layer) {
    nlohmann::ordered_json layers = nlohmann::ordered_json::array();
    for (const auto& l : report.layers) {
      nlohmann::ordered_json o = SummaryJson(l);
      o["op"] = l.order;
      o["matched_by"] = quant::MatchRuleName(l.rule);
      o["snr_drop_db"] = l.snr_drop_db ? Number(*l.snr_drop_db) : nullptr;
      layers.push_back(std::move(o));
    }
    j["layers"] = std::move(layers);
    const quant::ComparedTensor* largest = quant::LargestSnrDrop(report);
    j["largest_snr_drop"] = largest == nullptr ? nlohmann::ordered_json(nullptr)
                                               : nlohmann::ordered_json{{"name", largest->name},
                                                                        {"op", largest->order},
                                                                        {"snr_drop_db", Number(*largest->snr_drop_db)}};
    j["unobserved"] = report.unobserved;
    j["skipped"] = report.skipped;
    j["reference_unmatched"] = report.reference_unmatched;
    j["candidate_unmatched"] = report.candidate_unmatched;
  }
  nlohmann::ordered_json t;
  t["min_agreement"] = thresholds.min_agreement ? nlohmann::ordered_json(*thresholds.min_agreement) : nullptr;
  t["max_error"] = thresholds.max_error ? nlohmann::ordered_json(*thresholds.max_error) : nullptr;
  t["passed"] = unmet.empty();
  t["unmet"] = unmet;
  j["thresholds"] = std::move(t);
  return j;
}

void PrintText(const std::string& reference, const std::string& candidate,
               const quant::ValidationReport& report, const std::vector<std::string>& labels) {
  fmt::print("reference: {}\ncandidate: {}\nsamples:   {}\n\n", reference, candidate, report.samples.size());
  fmt::print("outputs:\n");
  for (const auto& out : report.outputs) {
    const quant::ComparisonSummary& s = out.summary;
    fmt::print("  [{}] '{}' {} {}{}\n", out.order, out.name, out.shape.ToString(),
               DTypeName(out.reference_dtype),
               out.candidate_dtype != out.reference_dtype
                   ? fmt::format(" vs {}", DTypeName(out.candidate_dtype)) : "");
    if (s.has_agreement()) {
      fmt::print("      top-1 agreement {:.2f}% ({} of {}), top-5 {:.2f}%\n", 100 * s.top1_agreement(),
                 s.top1_agree, s.rows, 100 * s.top5_agreement());
    }
    fmt::print("      max abs error {:.6g}, mean abs error {:.6g}, SNR {} dB, cosine {:.6f} (min {:.6f})\n",
               s.max_abs_error, s.mean_abs_error(), Db(s.snr_db()), s.cosine_mean(), s.cosine_min);
  }
  // Samples whose first row's top-1 class differs, per classifier output.
  for (size_t o = 0; o < report.outputs.size(); ++o) {
    bool header = false;
    for (const auto& sample : report.samples) {
      const quant::TensorComparison& c = sample.outputs[o];
      if (c.rows == 0 || c.reference_top1 == c.candidate_top1) continue;
      if (!header) {
        fmt::print("\ntop-1 disagreements, output {}:\n", o);
        header = true;
      }
      fmt::print("  {}: reference {}{} ({:.4g}), candidate {}{} ({:.4g})\n", sample.name, c.reference_top1,
                 Label(c.reference_top1, labels), c.reference_top1_score, c.candidate_top1,
                 Label(c.candidate_top1, labels), c.candidate_top1_score);
    }
  }
  if (!report.per_layer) return;
  fmt::print("\nper-layer: {} matched tensors compared, worst first\n", report.layers.size());
  if (!report.layers.empty()) {
    fmt::print("  {:>8}  {:>8}  {:>11}  {:>11}  {:>9}  {:>5}  {}\n", "SNR dB", "drop dB", "max|err|",
               "mean|err|", "cosine", "op", "tensor");
  }
  for (const auto& l : report.layers) {
    const quant::ComparisonSummary& s = l.summary;
    fmt::print("  {:>8}  {:>8}  {:>11.4g}  {:>11.4g}  {:>9.6f}  {:>5}  {}{}\n", Db(s.snr_db()),
               l.snr_drop_db ? Db(*l.snr_drop_db) : "-", s.max_abs_error, s.mean_abs_error(),
               s.cosine_mean(), l.order, l.name,
               l.candidate_name != l.name ? fmt::format("  (candidate '{}')", l.candidate_name) : "");
  }
  if (const quant::ComparedTensor* largest = quant::LargestSnrDrop(report)) {
    fmt::print("  largest SNR drop: op {} '{}' ({} dB lower than its inputs)\n", largest->order, largest->name,
               Db(*largest->snr_drop_db));
  }
  if (!report.unobserved.empty()) {
    fmt::print("  not observed (computed while planning, or delegated): {}\n", report.unobserved.size());
  }
  for (const auto& line : report.skipped) fmt::print("  not compared: {}\n", line);
  fmt::print("  without a twin: {} tensors in the reference, {} in the candidate\n", report.reference_unmatched,
             report.candidate_unmatched);
}

Status WriteFile(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) return IoError("cannot write --report '{}'", path);
  f.write(text.data(), static_cast<std::streamsize>(text.size()));
  f.close();
  if (!f) return IoError("cannot write --report '{}'", path);
  return Status::Ok();
}

// Converts a sample's real values to one model's inputs.
Status FillInputs(Interpreter& interp, const std::vector<NpyArray>& sample, const char* which) {
  for (int i = 0; i < interp.num_inputs(); ++i) {
    TensorView& in = interp.input(i);
    LF_RETURN_IF_ERROR(ToInputDType(sample[static_cast<size_t>(i)], in,
                                    fmt::format("{} input {} '{}'", which, i, in.name)));
  }
  return Status::Ok();
}

Result<int> Validate(const CliArgs& args) {
  if (args.positional().size() < 2) {
    return InvalidArgument("expected REFERENCE and CANDIDATE models ({})", kUsage);
  }
  const std::string& reference = args.positional()[0];
  const std::string& candidate = args.positional()[1];
  // Paths after the two models are samples too, so `--data dir/*.jpg` works.
  std::vector<std::string> sources = args.GetAll("data");
  if (sources.empty()) return InvalidArgument("give the samples with --data DIR|FILE ({})", kUsage);
  sources.insert(sources.end(), args.positional().begin() + 2, args.positional().end());
  LF_ASSIGN_OR_RETURN(const quant::Thresholds thresholds, ThresholdsFromFlags(args));
  LF_ASSIGN_OR_RETURN(const ImageNormalization norm, NormalizationFromFlags(args));
  LF_ASSIGN_OR_RETURN(const int max_samples, args.GetInt("max-samples", 0, 0, 1 << 30));
  LF_ASSIGN_OR_RETURN(InterpreterOptions options, InterpreterOptionsFromFlags(args));
  const bool per_layer = args.Has("per-layer");
  // Layers are compared as the model's own ops write them: plan the unfused
  // graph right away (SetObserver would otherwise re-plan it).
  if (per_layer) options.fuse_ops = false;

  LF_ASSIGN_OR_RETURN(auto ref, Interpreter::FromFile(reference, options));
  LF_ASSIGN_OR_RETURN(auto cand, Interpreter::FromFile(candidate, options));
  quant::ValidationOptions vopts;
  vopts.per_layer = per_layer;
  LF_ASSIGN_OR_RETURN(auto validation, quant::Validation::Create(ref->graph(), cand->graph(), vopts));
  if (thresholds.min_agreement) {
    bool classifier = false;
    for (int i = 0; i < ref->num_outputs(); ++i) {
      const Shape& s = ref->output(i).shape;
      classifier |= s.rank() > 0 && s.dim(s.rank() - 1) > 1;
    }
    if (!classifier) {
      return InvalidArgument("--min-agreement needs a classifier-like output (last dimension > 1); "
                             "the models' outputs have none (use --max-error)");
    }
  }
  ref->SetObserver(validation->reference_observer());
  cand->SetObserver(validation->candidate_observer());

  std::vector<SampleInputSpec> specs;
  for (int i = 0; i < ref->num_inputs(); ++i) {
    specs.push_back({std::string(ref->input(i).name), ref->input(i).shape});
  }
  LF_ASSIGN_OR_RETURN(SampleSet samples, SampleSet::Open(sources, specs, norm, &ref->graph()));
  if (max_samples > 0 && samples.size() > static_cast<size_t>(max_samples)) {
    samples = samples.Slice(0, static_cast<size_t>(max_samples));
  }

  std::vector<const TensorView*> ref_outs(static_cast<size_t>(ref->num_outputs()));
  std::vector<const TensorView*> cand_outs(static_cast<size_t>(cand->num_outputs()));
  for (size_t s = 0; s < samples.size(); ++s) {
    LF_ASSIGN_OR_RETURN(const std::vector<NpyArray> sample, samples.Load(s));
    LF_RETURN_IF_ERROR_CTX(FillInputs(*ref, sample, "reference"), "sample '{}'", samples.name(s));
    LF_RETURN_IF_ERROR_CTX(FillInputs(*cand, sample, "candidate"), "sample '{}'", samples.name(s));
    LF_RETURN_IF_ERROR_CTX(ref->Invoke(), "sample '{}': running the reference", samples.name(s));
    LF_RETURN_IF_ERROR_CTX(cand->Invoke(), "sample '{}': running the candidate", samples.name(s));
    for (size_t o = 0; o < ref_outs.size(); ++o) ref_outs[o] = &ref->output(static_cast<int>(o));
    for (size_t o = 0; o < cand_outs.size(); ++o) cand_outs[o] = &cand->output(static_cast<int>(o));
    LF_RETURN_IF_ERROR(validation->AddSample(samples.name(s), ref_outs, cand_outs));
  }
  const quant::ValidationReport report = validation->Report();
  const std::vector<std::string> unmet = quant::UnmetThresholds(report, thresholds);

  // Class names: --labels, else the label file in the reference's metadata
  // for its first classifier-like output.
  std::vector<std::string> labels;
  if (auto path = args.Get("labels")) {
    LF_ASSIGN_OR_RETURN(labels, ReadLabels(*path));
  } else {
    for (const auto& out : report.outputs) {
      if (out.classes == 0) continue;
      labels = EmbeddedLabels(ref->graph(), reference, out.order);
      break;
    }
  }

  if (args.Has("json")) {
    std::printf("%s\n", ReportJson(reference, candidate, report, thresholds, unmet).dump(2).c_str());
  } else {
    PrintText(reference, candidate, report, labels);
  }
  if (auto path = args.Get("report")) {
    quant::HtmlReportInfo info;
    info.reference = reference;
    info.candidate = candidate;
    info.labels = labels;
    info.thresholds = thresholds;
    info.unmet = unmet;
    LF_RETURN_IF_ERROR(WriteFile(*path, quant::RenderHtmlReport(report, info)));
    std::fprintf(stderr, "wrote %s\n", path->c_str());
  }
  if (!unmet.empty()) {
    for (const auto& line : unmet) std::fprintf(stderr, "liteforge validate: threshold not met: %s\n", line.c_str());
    return kExitThresholdsNotMet;
  }
  return kExitOk;
}

}  // namespace

int ValidateCommand(int argc, char** argv) {
  FlagSpec spec;
  spec.with_value = {"data", "labels", "report", "min-agreement", "max-error",
                     "mean", "std", "range", "max-samples"};
  spec.switches = {"per-layer", "json"};
  AddInterpreterFlags(spec);
  auto args = CliArgs::Parse(argc, argv, 2, spec);
  if (!args.ok()) return ReportError("validate", args.status());
  auto code = Validate(*args);
  return code.ok() ? *code : ReportError("validate", code.status());
}

}  // namespace liteforge::cli
