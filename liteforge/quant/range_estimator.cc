// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Range selection from histograms. Candidate ranges for the entropy and MSE
// searches shrink the observed ends towards zero, so every candidate still
// contains zero, which an asymmetric int8 grid must represent exactly.

#include "liteforge/quant/range_estimator.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace liteforge::quant {
namespace {

constexpr int kCandidates = 100;

int BinOf(float v, float lo, float width) {
  // Clamped before the conversion: a far outlier must not overflow int.
  const double b = std::floor((static_cast<double>(v) - lo) / width);
  return static_cast<int>(std::clamp(b, 0.0, static_cast<double>(Histogram::kBins - 1)));
}

// Quantization step of a grid over `r` for activations of `dtype`.
double Step(DType dtype, Range r) {
  if (dtype == DType::kInt16) {
    return std::max(std::fabs(r.lo), std::fabs(r.hi)) / 32767.0;
  }
  return (static_cast<double>(r.hi) - r.lo) / 255.0;
}

// Expected squared error per value when `hist` is quantized over `r`:
// uniform rounding noise step^2 / 12 inside, the clipping distance outside.
double ExpectedMse(const Histogram& hist, DType dtype, Range r) {
  const double step = Step(dtype, r);
  const double w = hist.bin_width();
  double err = 0, n = 0;
  const auto& c = hist.counts();
  for (int b = 0; b < Histogram::kBins; ++b) {
    if (c[static_cast<size_t>(b)] == 0) continue;
    const double center = hist.lo() + (b + 0.5) * w;
    double e = step * step / 12.0;
    if (center < r.lo) e = (center - r.lo) * (center - r.lo);
    if (center > r.hi) e = (center - r.hi) * (center - r.hi);
    err += c[static_cast<size_t>(b)] * e;
    n += c[static_cast<size_t>(b)];
  }
  return n > 0 ? err / n : 0;
}

// KL(P || Q): P the histogram restricted to the bins of `r` with the
// values outside folded into its edge bins, Q the same bins merged into
// the grid's levels and spread back evenly over each level's non-empty
// bins.
double KlDivergence(const Histogram& hist, DType dtype, Range r) {
  const double w = hist.bin_width();
  const int a = BinOf(r.lo, hist.lo(), static_cast<float>(w));
  const int b = BinOf(r.hi, hist.lo(), static_cast<float>(w)) + 1;
  const int n = b - a;
  const int levels = dtype == DType::kInt16 ? 65535 : 255;
  // Too few bins to tell the grid's levels apart: not a usable candidate.
  if (n <= levels) return std::numeric_limits<double>::infinity();
  const auto& c = hist.counts();
  std::vector<double> p(c.begin() + a, c.begin() + b);
  for (int i = 0; i < a; ++i) p.front() += c[static_cast<size_t>(i)];
  for (int i = b; i < Histogram::kBins; ++i) p.back() += c[static_cast<size_t>(i)];
  std::vector<double> q(static_cast<size_t>(n), 0);
  for (int l = 0; l < levels; ++l) {
    const int begin = static_cast<int>(static_cast<int64_t>(l) * n / levels);
    const int end = static_cast<int>(static_cast<int64_t>(l + 1) * n / levels);
    double sum = 0;
    int nonzero = 0;
    for (int i = begin; i < end; ++i) {
      sum += p[static_cast<size_t>(i)];
      nonzero += p[static_cast<size_t>(i)] > 0;
    }
    for (int i = begin; i < end; ++i) {
      if (p[static_cast<size_t>(i)] > 0) q[static_cast<size_t>(i)] = sum / nonzero;
    }
  }
  double psum = 0, qsum = 0;
  for (int i = 0; i < n; ++i) {
    psum += p[static_cast<size_t>(i)];
    qsum += q[static_cast<size_t>(i)];
  }
  if (psum <= 0 || qsum <= 0) return 0;
  double kl = 0;
  for (int i = 0; i < n; ++i) {
    const double pi = p[static_cast<size_t>(i)] / psum;
    const double qi = q[static_cast<size_t>(i)] / qsum;
    if (pi > 0 && qi > 0) kl += pi * std::log(pi / qi);
  }
  return kl;
}

// Coordinate descent over the two ends: each end in turn tries 100
// shrinkings towards zero (down to 10 % of its observed value) with the
// other end fixed, twice over, so a one-sided outlier can be clipped on its
// side alone.
template <typename Cost>
Range Search(Range observed, Cost cost) {
  Range best = observed;
  double best_cost = cost(observed);
  for (int round = 0; round < 2; ++round) {
    for (int end = 0; end < 2; ++end) {
      const Range start = best;
      for (int k = 1; k < kCandidates; ++k) {
        const double f = 1.0 - 0.9 * k / kCandidates;
        Range r = start;
        if (end == 0) {
          r.hi = static_cast<float>(observed.hi * f);
        } else {
          r.lo = static_cast<float>(observed.lo * f);
        }
        const double c = cost(r);
        if (c < best_cost) {
          best_cost = c;
          best = r;
        }
      }
    }
  }
  return best;
}

Range PercentileRange(const Histogram& hist, float percentile, Range observed) {
  const double total = hist.total();
  if (total <= 0) return observed;
  const double tail = total * (1.0 - std::clamp(percentile, 50.f, 100.f) / 100.0);
  const auto& c = hist.counts();
  const double w = hist.bin_width();
  double acc = 0;
  int lo_bin = 0;
  while (lo_bin < Histogram::kBins - 1 && acc + c[static_cast<size_t>(lo_bin)] <= tail) {
    acc += c[static_cast<size_t>(lo_bin++)];
  }
  acc = 0;
  int hi_bin = Histogram::kBins - 1;
  while (hi_bin > lo_bin && acc + c[static_cast<size_t>(hi_bin)] <= tail) {
    acc += c[static_cast<size_t>(hi_bin--)];
  }
  Range r{static_cast<float>(hist.lo() + lo_bin * w), static_cast<float>(hist.lo() + (hi_bin + 1) * w)};
  r.lo = std::max(std::min(r.lo, 0.f), observed.lo);
  r.hi = std::min(std::max(r.hi, 0.f), observed.hi);
  return r;
}

}  // namespace

void Histogram::Add(const float* values, int64_t n) {
  if (counts_.empty()) return;
  const float width = bin_width();
  if (!(width > 0)) {
    counts_[0] += static_cast<double>(n);
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    if (!std::isfinite(values[i])) continue;
    counts_[static_cast<size_t>(BinOf(values[i], lo_, width))] += 1;
  }
}

double Histogram::total() const {
  double t = 0;
  for (double c : counts_) t += c;
  return t;
}

Range ChooseRange(CalibrationMethod method, float percentile, DType dtype, Range observed,
                  const Histogram& hist) {
  observed.lo = std::min(observed.lo, 0.f);
  observed.hi = std::max(observed.hi, 0.f);
  if (method == CalibrationMethod::kMinMax || hist.counts().empty() ||
      !(hist.bin_width() > 0) || !(observed.hi - observed.lo > 0)) {
    return observed;
  }
  switch (method) {
    case CalibrationMethod::kPercentile:
      return PercentileRange(hist, percentile, observed);
    case CalibrationMethod::kEntropy:
      return Search(observed, [&](Range r) { return KlDivergence(hist, dtype, r); });
    case CalibrationMethod::kMse:
      return Search(observed, [&](Range r) { return ExpectedMse(hist, dtype, r); });
    case CalibrationMethod::kMinMax:
      break;
  }
  return observed;
}

}  // namespace liteforge::quant
