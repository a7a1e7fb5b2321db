// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Choosing the real range [lo, hi] an activation tensor is quantized over,
// from what calibration saw: the observed min/max (TFLite's method), or a
// clipped range chosen from a histogram of the values — a percentile, the
// range minimizing the KL divergence between the value distribution and its
// quantized form (the "entropy" method), or the range minimizing the
// expected squared quantization error (MSE). Clipping trades a larger error
// on rare outliers for a finer step on everything else.

#pragma once

#include <cstdint>
#include <vector>

#include "liteforge/quant/quantizer.h"

namespace liteforge::quant {

// A fixed-range histogram of the finite values seen; values outside
// [lo, hi] land in the edge bins.
class Histogram {
 public:
  static constexpr int kBins = 2048;
  Histogram() = default;
  Histogram(float lo, float hi) : lo_(lo), hi_(hi), counts_(kBins, 0) {}

  void Add(const float* values, int64_t n);
  float lo() const { return lo_; }
  float hi() const { return hi_; }
  const std::vector<double>& counts() const { return counts_; }
  double total() const;
  float bin_width() const { return (hi_ - lo_) / static_cast<float>(kBins); }

 private:
  float lo_ = 0.f, hi_ = 0.f;
  std::vector<double> counts_;
};

struct Range {
  float lo = 0.f;
  float hi = 0.f;
};

// The range to quantize over, for activations of `dtype` (int8: asymmetric
// 256 levels; int16: symmetric 65535 levels). `observed` is the min/max;
// `hist` (ignored for kMinMax) covers it.
Range ChooseRange(CalibrationMethod method, float percentile, DType dtype, Range observed,
                  const Histogram& hist);

}  // namespace liteforge::quant
