// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/quant/comparison_metrics.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "liteforge/base/float16.h"

namespace liteforge::quant {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// 10^ErrorHistogram::kFirstDecade, the upper edge of bin 0.
const double kHistogramFloor = std::pow(10.0, ErrorHistogram::kFirstDecade);

std::string TensorName(const TensorView& t) {
  return t.name.empty() ? fmt::format("tensor {}", t.index) : fmt::format("tensor '{}'", t.name);
}

template <typename T>
void Convert(const TensorView& t, std::vector<float>& out) {
  const T* src = t.data_as<T>();
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<float>(src[i]);
}

// scale * (q - zero_point) with one (scale, zero point) per slice of the
// quantized dimension; a per-tensor tensor is one slice.
template <typename T>
Status Dequantize(const TensorView& t, std::vector<float>& out) {
  const QuantParams& q = *t.quant;
  const T* src = t.data_as<T>();
  const size_t channels = q.scale.size();
  if (channels == 1) {
    const double scale = q.scale[0];
    const double zp = static_cast<double>(q.zero_point0());
    for (size_t i = 0; i < out.size(); ++i) {
      out[i] = static_cast<float>(scale * (static_cast<double>(src[i]) - zp));
    }
    return Status::Ok();
  }
  const int axis = q.quantized_dimension;
  if (axis < 0 || axis >= t.shape.rank() || t.shape.dim(axis) != static_cast<int64_t>(channels) ||
      (!q.zero_point.empty() && q.zero_point.size() != channels)) {
    return InvalidArgument("{}: {} scales do not fit dimension {} of shape {}", TensorName(t),
                           channels, axis, t.shape.ToString());
  }
  const int64_t inner = t.shape.Product(axis + 1, t.shape.rank());
  for (size_t i = 0; i < out.size(); ++i) {
    const size_t c = static_cast<size_t>((static_cast<int64_t>(i) / inner) %
                                         static_cast<int64_t>(channels));
    const double zp = q.zero_point.empty() ? 0.0 : static_cast<double>(q.zero_point[c]);
    out[i] = static_cast<float>(q.scale[c] * (static_cast<double>(src[i]) - zp));
  }
  return Status::Ok();
}

template <typename T>
Status IntegerValues(const TensorView& t, std::vector<float>& out) {
  if (t.quant != nullptr && !t.quant->scale.empty()) return Dequantize<T>(t, out);
  Convert<T>(t, out);
  return Status::Ok();
}

// True when the pair counts as equal although not finite (same infinity,
// or NaN on both sides).
bool SameNonFinite(float r, float c) {
  if (std::isnan(r) && std::isnan(c)) return true;
  return std::isinf(r) && r == c;
}

float Score(float v) { return std::isnan(v) ? -std::numeric_limits<float>::infinity() : v; }

// argmax with numpy's tie rule (the first index wins); NaN ranks lowest.
int64_t ArgMax(const float* row, int64_t n) {
  int64_t best = 0;
  float best_score = Score(row[0]);
  for (int64_t i = 1; i < n; ++i) {
    const float s = Score(row[i]);
    if (s > best_score) {
      best = i;
      best_score = s;
    }
  }
  return best;
}

// True when class `cls` is among the k largest entries of `row`, ranking
// ties by index (as a stable descending sort would).
bool InTopK(const float* row, int64_t n, int64_t cls, int64_t k) {
  const float v = Score(row[cls]);
  int64_t ahead = 0;  // entries that rank before `cls`
  for (int64_t i = 0; i < n && ahead < k; ++i) {
    const float s = Score(row[i]);
    if (s > v || (s == v && i < cls)) ++ahead;
  }
  return ahead < k;
}

}  // namespace

bool HasRealValues(DType dtype) {
  switch (dtype) {
    case DType::kString: case DType::kResource: case DType::kVariant: case DType::kComplex64:
    case DType::kComplex128: case DType::kInt4:
      return false;
    default:
      return true;
  }
}

Status RealValues(const TensorView& t, std::vector<float>& out) {
  const int64_t count = t.num_elements();
  const size_t elem = DTypeSize(t.dtype);
  if (count < 0) return InvalidArgument("{}: shape {} is not valid", TensorName(t), t.shape.ToString());
  if (elem == 0) {
    return Unimplemented("{} is {}: only numeric tensors can be compared", TensorName(t),
                         DTypeName(t.dtype));
  }
  if (count > 0 && (t.data == nullptr || t.bytes < static_cast<size_t>(count) * elem)) {
    return FailedPrecondition("{} has no data to compare ({} bytes for {} elements)",
                              TensorName(t), t.bytes, count);
  }
  out.resize(static_cast<size_t>(count));
  if (count == 0) return Status::Ok();
  switch (t.dtype) {
    case DType::kFloat32:
      std::memcpy(out.data(), t.data, out.size() * sizeof(float));
      return Status::Ok();
    case DType::kFloat64:
      Convert<double>(t, out);
      return Status::Ok();
    case DType::kFloat16: {
      const uint16_t* src = t.data_as<uint16_t>();
      for (size_t i = 0; i < out.size(); ++i) out[i] = HalfToFloat(src[i]);
      return Status::Ok();
    }
    case DType::kBFloat16: {
      const uint16_t* src = t.data_as<uint16_t>();
      for (size_t i = 0; i < out.size(); ++i) {
        const uint32_t bits = static_cast<uint32_t>(src[i]) << 16;
        std::memcpy(&out[i], &bits, sizeof(float));
      }
      return Status::Ok();
    }
    case DType::kBool:
      for (size_t i = 0; i < out.size(); ++i) out[i] = t.data[i] != 0 ? 1.f : 0.f;
      return Status::Ok();
    case DType::kInt8: return IntegerValues<int8_t>(t, out);
    case DType::kUInt8: return IntegerValues<uint8_t>(t, out);
    case DType::kInt16: return IntegerValues<int16_t>(t, out);
    case DType::kUInt16: return IntegerValues<uint16_t>(t, out);
    case DType::kInt32: return IntegerValues<int32_t>(t, out);
    case DType::kUInt32: return IntegerValues<uint32_t>(t, out);
    case DType::kInt64: return IntegerValues<int64_t>(t, out);
    case DType::kUInt64: return IntegerValues<uint64_t>(t, out);
    default:
      return Unimplemented("{} is {}: only numeric tensors can be compared", TensorName(t),
                           DTypeName(t.dtype));
  }
}

void ErrorHistogram::Add(double abs_error) {
  int bin;
  if (!(abs_error >= kHistogramFloor)) {
    // Below the first edge; NaN never reaches here (errors are |r - c| or inf).
    bin = 0;
  } else if (std::isinf(abs_error)) {
    bin = kBins - 1;
  } else {
    const double pos = (std::log10(abs_error) - kFirstDecade) * kBinsPerDecade;
    bin = 1 + static_cast<int>(std::floor(pos));
    bin = std::clamp(bin, 1, kBins - 1);
  }
  ++counts[static_cast<size_t>(bin)];
}

void ErrorHistogram::Merge(const ErrorHistogram& other) {
  for (size_t i = 0; i < counts.size(); ++i) counts[i] += other.counts[i];
}

int64_t ErrorHistogram::total() const {
  int64_t n = 0;
  for (int64_t c : counts) n += c;
  return n;
}

double ErrorHistogram::LowerEdge(int bin) {
  if (bin <= 0) return 0;
  return std::pow(10.0, kFirstDecade + static_cast<double>(bin - 1) / kBinsPerDecade);
}

double SnrDb(double sum_sq_reference, double sum_sq_error) {
  if (sum_sq_error == 0) return kInf;
  if (sum_sq_reference == 0 || std::isinf(sum_sq_error)) return -kInf;
  return 10.0 * std::log10(sum_sq_reference / sum_sq_error);
}

double TensorComparison::mean_abs_error() const {
  return elements > 0 ? sum_abs_error / static_cast<double>(elements) : 0;
}
double TensorComparison::snr_db() const { return SnrDb(sum_sq_reference, sum_sq_error); }

Result<TensorComparison> CompareValues(std::span<const float> reference,
                                       std::span<const float> candidate, int64_t classes,
                                       ErrorHistogram* histogram) {
  if (reference.size() != candidate.size()) {
    return InvalidArgument("cannot compare {} reference values with {} candidate values",
                           reference.size(), candidate.size());
  }
  TensorComparison r;
  r.elements = static_cast<int64_t>(reference.size());
  double dot = 0, norm_r = 0, norm_c = 0;
  for (size_t i = 0; i < reference.size(); ++i) {
    const float a = reference[i], b = candidate[i];
    double err;
    if (std::isfinite(a) && std::isfinite(b)) {
      err = std::fabs(static_cast<double>(a) - static_cast<double>(b));
      dot += static_cast<double>(a) * b;
      norm_r += static_cast<double>(a) * a;
      norm_c += static_cast<double>(b) * b;
      r.sum_sq_reference += static_cast<double>(a) * a;
    } else {
      err = SameNonFinite(a, b) ? 0.0 : kInf;
    }
    r.max_abs_error = std::max(r.max_abs_error, err);
    r.sum_abs_error += err;
    r.sum_sq_error += err * err;
    if (histogram != nullptr) histogram->Add(err);
  }
  if (norm_r == 0 && norm_c == 0) {
    r.cosine = 1;
  } else if (norm_r == 0 || norm_c == 0) {
    r.cosine = 0;
  } else {
    r.cosine = std::clamp(dot / (std::sqrt(norm_r) * std::sqrt(norm_c)), -1.0, 1.0);
  }
  if (classes > 1 && !reference.empty() && reference.size() % static_cast<size_t>(classes) == 0) {
    r.rows = static_cast<int64_t>(reference.size()) / classes;
    const int64_t k = std::min<int64_t>(5, classes);
    for (int64_t row = 0; row < r.rows; ++row) {
      const float* ref_row = reference.data() + row * classes;
      const float* cand_row = candidate.data() + row * classes;
      const int64_t ref_best = ArgMax(ref_row, classes);
      const int64_t cand_best = ArgMax(cand_row, classes);
      if (ref_best == cand_best) ++r.top1_agree;
      if (InTopK(cand_row, classes, ref_best, k)) ++r.top5_agree;
      if (row == 0) {
        r.reference_top1 = static_cast<int>(ref_best);
        r.candidate_top1 = static_cast<int>(cand_best);
        r.reference_top1_score = ref_row[ref_best];
        r.candidate_top1_score = cand_row[cand_best];
      }
    }
  }
  return r;
}

void ComparisonSummary::Add(const TensorComparison& s) {
  ++samples;
  elements += s.elements;
  max_abs_error = std::max(max_abs_error, s.max_abs_error);
  sum_abs_error += s.sum_abs_error;
  sum_sq_reference += s.sum_sq_reference;
  sum_sq_error += s.sum_sq_error;
  cosine_sum += s.cosine;
  cosine_min = samples == 1 ? s.cosine : std::min(cosine_min, s.cosine);
  rows += s.rows;
  top1_agree += s.top1_agree;
  top5_agree += s.top5_agree;
}

double ComparisonSummary::mean_abs_error() const {
  return elements > 0 ? sum_abs_error / static_cast<double>(elements) : 0;
}
double ComparisonSummary::snr_db() const { return SnrDb(sum_sq_reference, sum_sq_error); }
double ComparisonSummary::cosine_mean() const {
  return samples > 0 ? cosine_sum / static_cast<double>(samples) : 1;
}
double ComparisonSummary::top1_agreement() const {
  return rows > 0 ? static_cast<double>(top1_agree) / static_cast<double>(rows) : 0;
}
double ComparisonSummary::top5_agreement() const {
  return rows > 0 ? static_cast<double>(top5_agree) / static_cast<double>(rows) : 0;
}

}  // namespace liteforge::quant
