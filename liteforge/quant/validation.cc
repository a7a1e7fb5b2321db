// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/quant/validation.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace liteforge::quant {

namespace {

int64_t ClassesOf(const Shape& shape) {
  if (shape.rank() == 0) return 0;
  const int64_t last = shape.dim(shape.rank() - 1);
  return last > 1 ? last : 0;
}

}  // namespace

// Sees the wanted tensors of subgraph 0 as ops write them; slots are
// indexed by layer (position in Validation::layers_). On the reference it
// keeps a copy of their real values; on the candidate (`reference` set) it
// compares each tensor with the reference's copy right away, so only one
// model's tensors are held at a time.
class Validation::Capture final : public runtime::TensorObserver {
 public:
  struct Slot {
    bool seen = false;
    Shape shape;
    std::vector<float> values;
    std::string error;  // RealValues failed
  };

  Capture(const std::vector<int>& tensor_of_slot, size_t num_tensors, Validation* owner,
          const Capture* reference)
      : slot_of_tensor_(num_tensors, -1), slots_(reference == nullptr ? tensor_of_slot.size() : 0),
        owner_(owner), reference_(reference) {
    for (size_t s = 0; s < tensor_of_slot.size(); ++s) {
      slot_of_tensor_[static_cast<size_t>(tensor_of_slot[s])] = static_cast<int>(s);
    }
  }

  void OnOpOutputs(int subgraph, int op_index, const ir::Op& op,
                   std::span<const TensorView* const> outputs) override {
    if (subgraph != 0) return;
    for (size_t k = 0; k < outputs.size() && k < op.outputs.size(); ++k) {
      const int32_t t = op.outputs[k];
      if (t < 0 || static_cast<size_t>(t) >= slot_of_tensor_.size()) continue;
      const int s = slot_of_tensor_[static_cast<size_t>(t)];
      if (s < 0) continue;
      if (reference_ == nullptr) {
        Store(slots_[static_cast<size_t>(s)], *outputs[k]);
      } else {
        Compare(static_cast<size_t>(s), *outputs[k]);
      }
    }
  }

  const Slot& slot(size_t s) const { return slots_[s]; }
  void Clear() {
    for (Slot& slot : slots_) {
      slot.seen = false;
      slot.error.clear();
    }
  }

 private:
  static void Store(Slot& slot, const TensorView& view) {
    slot.seen = true;
    slot.shape = view.shape;
    const Status status = RealValues(view, slot.values);
    if (!status.ok()) slot.error = status.message();
  }

  void Compare(size_t s, const TensorView& view) {
    const Slot& r = reference_->slot(s);
    // Not (yet) seen in the reference during this sample: nothing to
    // compare with (the reference must run first).
    if (!r.seen || owner_->layer_dropped_[s]) return;
    if (!r.error.empty()) return owner_->DropLayer(s, r.error);
    if (r.shape != view.shape) {
      return owner_->DropLayer(s, fmt::format("shape {} in the reference, {} in the candidate at run time",
                                              r.shape.ToString(), view.shape.ToString()));
    }
    const Status status = RealValues(view, values_);
    if (!status.ok()) return owner_->DropLayer(s, status.message());
    ComparedTensor& layer = owner_->layers_[s];
    // No histogram per layer: reports plot it for outputs only, and its
    // log10 per element would dominate the per-layer cost.
    auto cmp = CompareValues(r.values, values_, layer.classes > 0 ? ClassesOf(view.shape) : 0);
    if (!cmp.ok()) return owner_->DropLayer(s, cmp.status().message());
    layer.summary.Add(*cmp);
  }

  std::vector<int> slot_of_tensor_;
  std::vector<Slot> slots_;  // reference only
  Validation* owner_;
  const Capture* reference_;
  std::vector<float> values_;  // candidate only: the tensor being compared
};

void Validation::DropLayer(size_t layer, const std::string& problem) {
  skipped_.push_back(fmt::format("'{}': {}", layers_[layer].name, problem));
  layer_dropped_[layer] = true;
}

namespace {

// Checks that the reference's and candidate's tensors at `ref_ids` and
// `cand_ids` (inputs or outputs, by position) correspond.
Status CheckCorrespondence(const char* what, const ir::Subgraph& ref, const ir::Subgraph& cand,
                           const std::vector<int32_t>& ref_ids, const std::vector<int32_t>& cand_ids) {
  if (ref_ids.size() != cand_ids.size()) {
    return InvalidArgument("the reference has {} {}(s) but the candidate has {}", ref_ids.size(), what,
                           cand_ids.size());
  }
  for (size_t i = 0; i < ref_ids.size(); ++i) {
    const ir::Tensor& r = ref.tensors[ref_ids[i]];
    const ir::Tensor& c = cand.tensors[cand_ids[i]];
    if (r.shape != c.shape) {
      return InvalidArgument("{} {}: the reference's '{}' has shape {} but the candidate's '{}' has shape {}",
                             what, i, r.name, r.shape.ToString(), c.name, c.shape.ToString());
    }
    if (!HasRealValues(r.dtype) || !HasRealValues(c.dtype)) {
      return Unimplemented("{} {}: the reference's '{}' is {} and the candidate's '{}' is {}; only numeric tensors can be compared",
                           what, i, r.name, DTypeName(r.dtype), c.name, DTypeName(c.dtype));
    }
  }
  return Status::Ok();
}

ComparedTensor Describe(const ir::Subgraph& ref, const ir::Subgraph& cand, int ref_index,
                        int cand_index, int order) {
  ComparedTensor t;
  const ir::Tensor& r = ref.tensors[ref_index];
  const ir::Tensor& c = cand.tensors[cand_index];
  t.name = r.name;
  t.candidate_name = c.name;
  t.reference_index = ref_index;
  t.candidate_index = cand_index;
  t.order = order;
  t.shape = r.shape;
  t.reference_dtype = r.dtype;
  t.candidate_dtype = c.dtype;
  t.classes = ClassesOf(r.shape);
  return t;
}

}  // namespace

const ComparedTensor* LargestSnrDrop(const ValidationReport& report) {
  const ComparedTensor* best = nullptr;
  for (const ComparedTensor& l : report.layers) {
    if (!l.snr_drop_db || !(*l.snr_drop_db > 0)) continue;
    if (best == nullptr || *l.snr_drop_db > *best->snr_drop_db ||
        (*l.snr_drop_db == *best->snr_drop_db && l.order < best->order)) {
      best = &l;
    }
  }
  return best;
}

void SortWorstFirst(std::vector<ComparedTensor>& tensors) {
  std::stable_sort(tensors.begin(), tensors.end(), [](const ComparedTensor& a, const ComparedTensor& b) {
    const double sa = a.summary.snr_db(), sb = b.summary.snr_db();
    if (sa != sb) return sa < sb;
    const double ma = a.summary.mean_abs_error(), mb = b.summary.mean_abs_error();
    if (ma != mb) return ma > mb;
    return a.order < b.order;
  });
}

Validation::~Validation() = default;

Result<std::unique_ptr<Validation>> Validation::Create(const ir::Graph& reference,
                                                       const ir::Graph& candidate,
                                                       const ValidationOptions& options) {
  if (reference.subgraphs.empty()) return InvalidArgument("the reference model has no subgraph");
  if (candidate.subgraphs.empty()) return InvalidArgument("the candidate model has no subgraph");
  const ir::Subgraph& ref = reference.subgraphs[0];
  const ir::Subgraph& cand = candidate.subgraphs[0];
  LF_RETURN_IF_ERROR(CheckCorrespondence("input", ref, cand, ref.inputs, cand.inputs));
  LF_RETURN_IF_ERROR(CheckCorrespondence("output", ref, cand, ref.outputs, cand.outputs));

  std::unique_ptr<Validation> v(new Validation());
  v->options_ = options;
  for (size_t i = 0; i < ref.outputs.size(); ++i) {
    v->outputs_.push_back(Describe(ref, cand, ref.outputs[i], cand.outputs[i], static_cast<int>(i)));
  }
  if (options.per_layer) {
    const LayerMatching matching = MatchLayers(reference, candidate);
    std::vector<int> ref_tensors, cand_tensors;
    for (const TensorMatch& m : matching.matched) {
      ComparedTensor t = Describe(ref, cand, m.reference, m.candidate, m.reference_op);
      t.rule = m.rule;
      // A feature map's channels are not classes: agreement only for
      // intermediate tensors shaped like logits ([classes] or [N, classes]).
      if (t.shape.rank() > 2) t.classes = 0;
      v->layers_.push_back(std::move(t));
      ref_tensors.push_back(m.reference);
      cand_tensors.push_back(m.candidate);
    }
    v->layer_dropped_.assign(v->layers_.size(), false);
    std::vector<int> layer_of_tensor(ref.tensors.size(), -1);
    for (size_t l = 0; l < v->layers_.size(); ++l) {
      layer_of_tensor[static_cast<size_t>(v->layers_[l].reference_index)] = static_cast<int>(l);
    }
    v->layer_inputs_.resize(v->layers_.size());
    for (size_t l = 0; l < v->layers_.size(); ++l) {
      for (int32_t t : ref.ops[static_cast<size_t>(v->layers_[l].order)].inputs) {
        if (t < 0 || static_cast<size_t>(t) >= layer_of_tensor.size()) continue;
        if (layer_of_tensor[t] >= 0) v->layer_inputs_[l].push_back(static_cast<size_t>(layer_of_tensor[t]));
      }
    }
    v->skipped_ = matching.skipped;
    v->reference_unmatched_ = matching.reference_unmatched;
    v->candidate_unmatched_ = matching.candidate_unmatched;
    v->reference_capture_ = std::make_unique<Capture>(ref_tensors, ref.tensors.size(), v.get(), nullptr);
    v->candidate_capture_ =
        std::make_unique<Capture>(cand_tensors, cand.tensors.size(), v.get(), v->reference_capture_.get());
  }
  return v;
}

runtime::TensorObserver* Validation::reference_observer() { return reference_capture_.get(); }
runtime::TensorObserver* Validation::candidate_observer() { return candidate_capture_.get(); }

Status Validation::AddSample(const std::string& name,
                             std::span<const TensorView* const> reference_outputs,
                             std::span<const TensorView* const> candidate_outputs) {
  if (reference_outputs.size() != outputs_.size() || candidate_outputs.size() != outputs_.size()) {
    return InvalidArgument("sample '{}': expected {} outputs from each model, got {} and {}", name,
                           outputs_.size(), reference_outputs.size(), candidate_outputs.size());
  }
  SampleResult sample;
  sample.name = name;
  for (size_t i = 0; i < outputs_.size(); ++i) {
    ComparedTensor& out = outputs_[i];
    const TensorView& r = *reference_outputs[i];
    const TensorView& c = *candidate_outputs[i];
    // Shapes may change at run time (dynamic outputs): compare what ran.
    if (r.shape != c.shape) {
      return InvalidArgument("sample '{}': output {} is {} in the reference ('{}') but {} in the candidate ('{}')",
                             name, i, r.shape.ToString(), out.name, c.shape.ToString(), out.candidate_name);
    }
    LF_RETURN_IF_ERROR_CTX(RealValues(r, ref_values_), "sample '{}': reference output {}", name, i);
    LF_RETURN_IF_ERROR_CTX(RealValues(c, cand_values_), "sample '{}': candidate output {}", name, i);
    LF_ASSIGN_OR_RETURN(TensorComparison cmp,
                        CompareValues(ref_values_, cand_values_, ClassesOf(r.shape), &out.summary.histogram));
    out.summary.Add(cmp);
    sample.outputs.push_back(cmp);
  }
  samples_.push_back(std::move(sample));

  // The layers were compared while the candidate ran.
  if (options_.per_layer) reference_capture_->Clear();
  return Status::Ok();
}

ValidationReport Validation::Report() const {
  ValidationReport report;
  report.outputs = outputs_;
  report.samples = samples_;
  report.per_layer = options_.per_layer;
  auto compared = [&](size_t l) { return !layer_dropped_[l] && layers_[l].summary.samples > 0; };
  for (size_t l = 0; l < layers_.size(); ++l) {
    if (layer_dropped_[l]) continue;
    if (!compared(l)) {
      report.unobserved.push_back(layers_[l].name);
      continue;
    }
    ComparedTensor layer = layers_[l];
    std::optional<double> input_snr;
    for (size_t in : layer_inputs_[l]) {
      if (!compared(in)) continue;
      const double snr = layers_[in].summary.snr_db();
      input_snr = input_snr ? std::min(*input_snr, snr) : snr;
    }
    if (input_snr) {
      const double out_snr = layer.summary.snr_db();
      layer.snr_drop_db = *input_snr == out_snr ? 0.0 : *input_snr - out_snr;
    }
    report.layers.push_back(std::move(layer));
  }
  SortWorstFirst(report.layers);
  report.skipped = skipped_;
  report.reference_unmatched = reference_unmatched_;
  report.candidate_unmatched = candidate_unmatched_;
  return report;
}

std::vector<std::string> UnmetThresholds(const ValidationReport& report, const Thresholds& thresholds) {
  std::vector<std::string> unmet;
  if (thresholds.min_agreement) {
    bool any = false;
    for (const ComparedTensor& out : report.outputs) {
      if (!out.summary.has_agreement()) continue;
      any = true;
      const double agreement = out.summary.top1_agreement();
      if (!(agreement >= *thresholds.min_agreement)) {
        unmet.push_back(fmt::format("output {} '{}': top-1 agreement {:.4g} ({} of {}) is below the minimum {:.4g}",
                                    out.order, out.name, agreement, out.summary.top1_agree,
                                    out.summary.rows, *thresholds.min_agreement));
      }
    }
    if (!any) {
      unmet.push_back("no output is classifier-like (last dimension > 1), so top-1 agreement cannot be checked");
    }
  }
  if (thresholds.max_error) {
    for (const ComparedTensor& out : report.outputs) {
      if (out.summary.samples == 0) continue;
      if (!(out.summary.max_abs_error <= *thresholds.max_error)) {
        unmet.push_back(fmt::format("output {} '{}': max abs error {:.4g} is above the maximum {:.4g}",
                                    out.order, out.name, out.summary.max_abs_error,
                                    *thresholds.max_error));
      }
    }
  }
  return unmet;
}

}  // namespace liteforge::quant
