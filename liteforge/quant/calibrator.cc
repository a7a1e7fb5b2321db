// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The calibration loop and the observer that gathers ranges.

#include "liteforge/quant/calibrator.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "liteforge/quant/model_runner.h"
#include "liteforge/runtime/tensor_observer.h"

namespace liteforge::quant {
namespace {

struct TensorStats {
  float min = std::numeric_limits<float>::infinity();
  float max = -std::numeric_limits<float>::infinity();
  bool seen = false;
  Histogram hist;
};

// Records each float32 output of subgraph 0: its min/max in the first pass,
// a histogram over that min/max in the second.
class RangeObserver final : public runtime::TensorObserver {
 public:
  explicit RangeObserver(size_t num_tensors) : stats_(num_tensors) {}

  void set_histogram_pass(bool on) { histogram_pass_ = on; }
  std::vector<TensorStats>& stats() { return stats_; }

  void Record(int index, const float* values, int64_t n) {
    if (index < 0 || static_cast<size_t>(index) >= stats_.size() || values == nullptr) return;
    TensorStats& s = stats_[static_cast<size_t>(index)];
    if (histogram_pass_) {
      s.hist.Add(values, n);
      return;
    }
    for (int64_t i = 0; i < n; ++i) {
      const float v = values[i];
      if (!std::isfinite(v)) continue;
      s.min = std::min(s.min, v);
      s.max = std::max(s.max, v);
      s.seen = true;
    }
  }

  void OnOpOutputs(int subgraph, int /*op_index*/, const ir::Op& /*op*/,
                   std::span<const TensorView* const> outputs) override {
    if (subgraph != 0) return;
    for (const TensorView* v : outputs) {
      if (v == nullptr || v->dtype != DType::kFloat32 || v->data == nullptr) continue;
      Record(v->index, v->data_as<float>(), v->num_elements());
    }
  }

 private:
  std::vector<TensorStats> stats_;
  bool histogram_pass_ = false;
};

Status CheckSample(const std::vector<NpyArray>& sample, const ir::Subgraph& sg, size_t i) {
  if (sample.size() != sg.inputs.size()) {
    return InvalidArgument("calibration sample {} has {} arrays; the model has {} inputs", i,
                           sample.size(), sg.inputs.size());
  }
  for (size_t k = 0; k < sample.size(); ++k) {
    const ir::Tensor& t = sg.tensors[static_cast<size_t>(sg.inputs[k])];
    if (sample[k].dtype != DType::kFloat32) {
      return InvalidArgument("calibration sample {}, input {} '{}': is {}, expected float32 "
                             "(real values)",
                             i, k, t.name, DTypeName(sample[k].dtype));
    }
    if (sample[k].shape != t.shape) {
      return InvalidArgument("calibration sample {}, input {} '{}': has shape {}, the model "
                             "expects {}",
                             i, k, t.name, sample[k].shape.ToString(), t.shape.ToString());
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<std::optional<Range>>> Calibrate(const ir::Graph& float_model,
                                                    const CalibrationData& data,
                                                    const QuantizeOptions& options,
                                                    DType act_dtype) {
  const size_t n = data.size();
  if (n == 0) return InvalidArgument("the calibration set is empty; give it 100-500 samples");
  auto graph = std::make_shared<const ir::Graph>(float_model);
  // Folding off: every op must report its outputs.
  auto runner = ModelRunner::Create(graph, options.num_threads, /*fold_constants=*/false);
  if (!runner.ok()) {
    return Status(runner.status()).AddContext("preparing the float model for calibration");
  }
  ModelRunner& model = **runner;
  const ir::Subgraph& sg = graph->subgraphs[0];
  RangeObserver observer(sg.tensors.size());
  model.set_observer(&observer);

  const bool histograms = options.method != CalibrationMethod::kMinMax;
  const size_t passes = histograms ? 2 : 1;
  for (size_t pass = 0; pass < passes; ++pass) {
    if (pass == 1) {
      observer.set_histogram_pass(true);
      for (TensorStats& s : observer.stats()) {
        if (s.seen) s.hist = Histogram(s.min, s.max);
      }
    }
    for (size_t i = 0; i < n; ++i) {
      LF_ASSIGN_OR_RETURN(std::vector<NpyArray> sample, data.Sample(i));
      LF_RETURN_IF_ERROR(CheckSample(sample, sg, i));
      for (size_t k = 0; k < sample.size(); ++k) {
        LF_RETURN_IF_ERROR_CTX(model.SetInput(static_cast<int>(k), sample[k].data),
                               "calibration sample {}", i);
        observer.Record(sg.inputs[k], reinterpret_cast<const float*>(sample[k].data.data()),
                        sample[k].shape.NumElements());
      }
      LF_RETURN_IF_ERROR_CTX(model.Invoke(), "running calibration sample {}", i);
      if (options.progress) options.progress(pass * n + i + 1, passes * n);
    }
  }
  model.set_observer(nullptr);

  std::vector<std::optional<Range>> ranges(sg.tensors.size());
  for (size_t t = 0; t < sg.tensors.size(); ++t) {
    const TensorStats& s = observer.stats()[t];
    if (!s.seen || sg.tensors[t].dtype != DType::kFloat32) continue;
    ranges[t] = ChooseRange(options.method, options.percentile, act_dtype, Range{s.min, s.max},
                            s.hist);
  }
  return ranges;
}

}  // namespace liteforge::quant
