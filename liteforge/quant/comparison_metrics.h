// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// How far a candidate tensor is from a reference tensor (a quantized model's
// activation against the float model's): both are turned into real values
// (dequantized), then compared element by element. One TensorComparison
// describes one tensor on one sample; a ComparisonSummary adds samples up.
//
// Definitions (r = reference, c = candidate, over all elements compared):
//   max abs error    max |r - c|
//   mean abs error   sum |r - c| / count
//   SNR (dB)         10 log10(sum r^2 / sum (r - c)^2); +inf when the values
//                    are identical, -inf when r is all zeros and c is not.
//                    Over several samples the sums run over every sample,
//                    so a sample with a weak signal does not dominate.
//   cosine           r.c / (|r| |c|) per sample (1 when both are zero, 0
//                    when one is); summaries give its mean and minimum.
//   top-1 agreement  for classifier-like tensors (last dimension > 1), each
//                    row of the last dimension is one decision: the share of
//                    rows where argmax r == argmax c (numpy's argmax: the
//                    first index wins a tie).
//   top-5 agreement  the share of rows where argmax r is among the 5 largest
//                    of c (top-5 accuracy with the reference as the truth);
//                    rows shorter than 5 use all their classes.
// A pair where either value is NaN or infinite (and they are not the same
// value) counts as an infinite error and is left out of the cosine.

#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "liteforge/base/status.h"
#include "liteforge/tensor/tensor_view.h"

namespace liteforge::quant {

// True for dtypes RealValues() handles: every float and integer type, and
// bool (not string, resource, variant, complex or int4).
bool HasRealValues(DType dtype);

// The real values a tensor stands for, as float: float32/float16/bfloat16/
// float64 converted; int8, uint8, int16 (and other integers) dequantized as
// scale * (q - zero_point) when the tensor is quantized (per tensor, or per
// channel along its quantized dimension), else taken as numbers; bool as 0
// or 1. Other dtypes (string, complex, int4, ...) are an error naming the
// tensor. `out` is resized to the element count.
Status RealValues(const TensorView& tensor, std::vector<float>& out);

// Absolute errors on a log scale: bin 0 holds errors below 10^kFirstDecade
// (exact agreement included), then kBinsPerDecade bins per decade up to
// 10^kLastDecade, and the last bin everything above (and infinite errors).
struct ErrorHistogram {
  static constexpr int kFirstDecade = -8;
  static constexpr int kLastDecade = 4;
  static constexpr int kBinsPerDecade = 2;
  static constexpr int kBins = (kLastDecade - kFirstDecade) * kBinsPerDecade + 2;

  std::array<int64_t, kBins> counts{};

  void Add(double abs_error);
  void Merge(const ErrorHistogram& other);
  int64_t total() const;
  // The smallest error bin `bin` holds (0 for bin 0).
  static double LowerEdge(int bin);
};

// One tensor on one sample.
struct TensorComparison {
  int64_t elements = 0;
  double max_abs_error = 0;
  double sum_abs_error = 0;
  double sum_sq_reference = 0;  // signal energy
  double sum_sq_error = 0;      // noise energy
  double cosine = 1;
  // Classifier-like tensors only (rows == 0 otherwise).
  int64_t rows = 0;
  int64_t top1_agree = 0;
  int64_t top5_agree = 0;
  // The first row's winners and their (real) scores, for reports.
  int reference_top1 = -1;
  int candidate_top1 = -1;
  float reference_top1_score = 0;
  float candidate_top1_score = 0;

  double mean_abs_error() const;
  double snr_db() const;
};

// Compares two equally long arrays of real values. `classes` is the last
// dimension when the tensor is classifier-like (> 1), else 0. Adds every
// element's absolute error to `histogram` when given.
Result<TensorComparison> CompareValues(std::span<const float> reference,
                                       std::span<const float> candidate, int64_t classes,
                                       ErrorHistogram* histogram = nullptr);

// A tensor over all samples compared so far.
struct ComparisonSummary {
  int64_t samples = 0;
  int64_t elements = 0;
  double max_abs_error = 0;
  double sum_abs_error = 0;
  double sum_sq_reference = 0;
  double sum_sq_error = 0;
  double cosine_sum = 0;
  double cosine_min = 1;
  int64_t rows = 0;
  int64_t top1_agree = 0;
  int64_t top5_agree = 0;
  ErrorHistogram histogram;

  void Add(const TensorComparison& sample);

  double mean_abs_error() const;
  double snr_db() const;
  double cosine_mean() const;
  bool has_agreement() const { return rows > 0; }
  double top1_agreement() const;
  double top5_agreement() const;
};

// 10 log10(signal / noise) with the infinities described above.
double SnrDb(double sum_sq_reference, double sum_sq_error);

}  // namespace liteforge::quant
