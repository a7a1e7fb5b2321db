// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Validating a model against a reference version of itself (usually a
// quantized model against the float model it came from): both run on the
// same samples, and every output — and with `per_layer`, every intermediate
// tensor the two have in common (layer_matcher.h) — is compared with the
// metrics of comparison_metrics.h, per sample and over all samples.
//
// The caller owns the two interpreters: it installs reference_observer()
// and candidate_observer() on them (per-layer mode), fills both models'
// inputs with the same real values, runs the reference, then the
// candidate, and hands the outputs to AddSample(). The reference's
// intermediate tensors are copied (as real values) while it runs, because
// the memory planner reuses their memory; the candidate's are compared
// with those copies as they are written.
//
// Only what the runtime executes is observed: ops evaluated while planning
// (constant folding) and ops inside a delegate's partition do not report
// their outputs, so such tensors are listed as unobserved.

#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"
#include "liteforge/quant/comparison_metrics.h"
#include "liteforge/quant/layer_matcher.h"
#include "liteforge/runtime/tensor_observer.h"

namespace liteforge::quant {

struct ValidationOptions {
  bool per_layer = false;
};

// One output or one matched intermediate tensor, over all samples.
struct ComparedTensor {
  std::string name;            // the reference's tensor name
  std::string candidate_name;  // the candidate's (may differ, see layer_matcher.h)
  int reference_index = -1;    // tensor indices in subgraph 0
  int candidate_index = -1;
  // Outputs: the output's position. Layers: the index of the reference op
  // that writes the tensor (the execution order).
  int order = 0;
  MatchRule rule = MatchRule::kExactName;  // layers only
  Shape shape;
  DType reference_dtype = DType::kFloat32;
  DType candidate_dtype = DType::kFloat32;
  // The last dimension when it is > 1 (classifier-like), else 0. For
  // layers only when the rank is at most 2 (logits, not feature maps).
  int64_t classes = 0;
  ComparisonSummary summary;  // its histogram is filled for outputs only
  // Layers only: the lowest SNR among the op's inputs that were compared
  // too, minus this tensor's SNR — the error the op itself adds, in dB
  // (0 when inputs and output are all identical). Unset when none of the
  // op's inputs was compared (the first layers read the model's inputs).
  std::optional<double> snr_drop_db;
};

struct SampleResult {
  std::string name;
  std::vector<TensorComparison> outputs;  // in output order
};

struct ValidationReport {
  std::vector<ComparedTensor> outputs;  // in output order
  std::vector<SampleResult> samples;
  bool per_layer = false;
  // Per-layer mode: every matched tensor compared at least once, worst
  // first (SortWorstFirst).
  std::vector<ComparedTensor> layers;
  // Matched tensors never observed (folded while planning, delegated).
  std::vector<std::string> unobserved;
  // Pairs not compared, with the reason (shapes differ, values unreadable).
  std::vector<std::string> skipped;
  int reference_unmatched = 0;
  int candidate_unmatched = 0;
};

// The compared layer whose op adds the most error (largest positive
// snr_drop_db; the earliest in execution order on a tie), or null. Errors
// pile up along a network, so the worst SNRs sit at its end; the largest
// drop points at the layer where they start.
const ComparedTensor* LargestSnrDrop(const ValidationReport& report);

// Lowest SNR first; equal SNRs (identical tensors have +inf) by larger
// mean abs error, then by execution order.
void SortWorstFirst(std::vector<ComparedTensor>& tensors);

class Validation {
 public:
  // Checks that the two models correspond: the same number of inputs and of
  // outputs, position by position the same shapes, numeric dtypes (errors
  // name both tensors). In per-layer mode, matches intermediate tensors.
  static Result<std::unique_ptr<Validation>> Create(const ir::Graph& reference,
                                                    const ir::Graph& candidate,
                                                    const ValidationOptions& options = {});
  ~Validation();

  // Observers to install on the interpreters before running a sample; null
  // unless per-layer. They must outlive no Validation.
  runtime::TensorObserver* reference_observer();
  runtime::TensorObserver* candidate_observer();

  // Both models have run sample `name`, the reference first: compares
  // their outputs (views in output order) and readies the per-layer
  // capture for the next sample.
  Status AddSample(const std::string& name, std::span<const TensorView* const> reference_outputs,
                   std::span<const TensorView* const> candidate_outputs);

  int64_t num_samples() const { return static_cast<int64_t>(samples_.size()); }
  ValidationReport Report() const;

 private:
  class Capture;
  Validation() = default;
  void DropLayer(size_t layer, const std::string& problem);

  ValidationOptions options_;
  std::vector<ComparedTensor> outputs_;
  std::vector<SampleResult> samples_;
  std::vector<ComparedTensor> layers_;
  std::vector<bool> layer_dropped_;  // skipped after an unreadable capture
  std::vector<std::vector<size_t>> layer_inputs_;  // layers the writing op reads
  std::vector<std::string> skipped_;
  int reference_unmatched_ = 0;
  int candidate_unmatched_ = 0;
  std::unique_ptr<Capture> reference_capture_;
  std::unique_ptr<Capture> candidate_capture_;
  std::vector<float> ref_values_, cand_values_;  // reused between outputs
};

// Gates for CI: the smallest top-1 agreement every classifier-like output
// must reach (a fraction in [0, 1]) and the largest max abs error any
// output may have.
struct Thresholds {
  std::optional<double> min_agreement;
  std::optional<double> max_error;
};

// One line per threshold not met ("output 0 'probs': top-1 agreement 0.917
// (11 of 12) is below the minimum 0.99"); empty when all are met. A
// min_agreement with no classifier-like output is not met either.
std::vector<std::string> UnmetThresholds(const ValidationReport& report, const Thresholds& thresholds);

}  // namespace liteforge::quant
