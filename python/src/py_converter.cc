// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "python/src/py_converter.h"

#include <cstring>
#include <optional>
#include <span>
#include <stdexcept>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "liteforge/base/mapped_file.h"
#include "liteforge/format/tflite/reader.h"
#include "liteforge/quant/quantizer.h"
#include "python/src/numpy_types.h"

namespace py = pybind11;

namespace liteforge::python {
namespace {

using quant::CalibrationMethod;
using quant::QuantMode;

// Bad input (model, options, data) is a ValueError; a failure of the
// conversion itself (a strict int8 conversion meeting a float op, running
// out of memory, a liteforge bug) is a RuntimeError.
[[noreturn]] void ThrowStatus(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kOutOfRange:
    case StatusCode::kDataLoss:
    case StatusCode::kUnimplemented:
      throw py::value_error(s.message());
    default:
      throw std::runtime_error(s.message());
  }
}

std::optional<QuantMode> ParseMode(const std::string& s) {
  if (s == "dynamic") return QuantMode::kDynamicRange;
  if (s == "int8") return QuantMode::kFullInt8;
  if (s == "float16") return QuantMode::kFloat16;
  if (s == "int16x8") return QuantMode::kInt16x8;
  return std::nullopt;
}

CalibrationMethod ParseMethod(const std::string& s) {
  if (s == "minmax") return CalibrationMethod::kMinMax;
  if (s == "percentile") return CalibrationMethod::kPercentile;
  if (s == "entropy") return CalibrationMethod::kEntropy;
  if (s == "mse") return CalibrationMethod::kMse;
  throw py::value_error(fmt::format(
      "unknown calibration_method '{}' (minmax, percentile, entropy, mse)", s));
}

DType ParseBoundaryType(const char* what, const std::string& s) {
  const auto t = ParseDType(s);
  if (!t || (*t != DType::kFloat32 && *t != DType::kInt8 && *t != DType::kUInt8 &&
             *t != DType::kInt16)) {
    throw py::value_error(fmt::format("{} '{}' is not float32, int8, uint8 or int16", what, s));
  }
  return *t;
}

// Representative samples held as float32 arrays, converted up front: the
// quantizer may read each sample more than once (histogram methods make two
// passes) and reads them without the GIL.
class MaterializedSamples final : public quant::CalibrationData {
 public:
  explicit MaterializedSamples(std::vector<std::vector<NpyArray>> samples)
      : samples_(std::move(samples)) {}
  size_t size() const override { return samples_.size(); }
  Result<std::vector<NpyArray>> Sample(size_t i) const override { return samples_[i]; }

 private:
  std::vector<std::vector<NpyArray>> samples_;
};

std::string DescribeDims(std::span<const py::ssize_t> dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) s += fmt::format("{}{}", i ? ", " : "", dims[i]);
  return s + "]";
}

// The main signature's input aliases, for samples keyed like TensorFlow's
// signature-based representative datasets.
const ir::Signature* MainSignature(const ir::Graph& graph) {
  for (const ir::Signature& sig : graph.signatures) {
    if (sig.subgraph_index == 0) return &sig;
  }
  return nullptr;
}

class SampleConverter {
 public:
  explicit SampleConverter(const ir::Graph& graph)
      : sg_(graph.subgraphs[0]), signature_(MainSignature(graph)) {
    for (size_t k = 0; k < sg_.inputs.size(); ++k) {
      const ir::Tensor& t = Input(k);
      if (t.dtype != DType::kFloat32) {
        throw py::value_error(fmt::format(
            "input {} '{}' is {}: calibration feeds real values to float32 inputs only", k, t.name,
            DTypeName(t.dtype)));
      }
    }
  }

  std::vector<NpyArray> Convert(const py::handle& sample, size_t i) const {
    const size_t n = sg_.inputs.size();
    std::vector<py::object> values(n);
    if (py::isinstance<py::dict>(sample)) {
      values = FromDict(sample.cast<py::dict>(), i);
    } else if (py::isinstance<py::array>(sample)) {
      if (n != 1) {
        throw py::value_error(fmt::format(
            "representative sample {} is one array; the model has {} inputs (yield a list of {} "
            "arrays in input order, or a dict keyed by input name)",
            i, n, n));
      }
      values[0] = py::reinterpret_borrow<py::object>(sample);
    } else if (py::isinstance<py::list>(sample) || py::isinstance<py::tuple>(sample)) {
      const py::sequence seq = py::reinterpret_borrow<py::sequence>(sample);
      if (seq.size() != n) {
        throw py::value_error(fmt::format(
            "representative sample {} has {} arrays; the model has {} inputs ({})", i, seq.size(),
            n, InputNames()));
      }
      for (size_t k = 0; k < n; ++k) values[k] = seq[k];
    } else {
      throw py::value_error(fmt::format(
          "representative sample {} is a {}; expected a list of arrays in input order or a dict "
          "keyed by input name",
          i, py::str(py::type::of(sample).attr("__name__")).cast<std::string>()));
    }
    std::vector<NpyArray> arrays;
    arrays.reserve(n);
    for (size_t k = 0; k < n; ++k) arrays.push_back(ToArray(values[k], i, k));
    return arrays;
  }

 private:
  const ir::Tensor& Input(size_t k) const {
    return sg_.tensors[static_cast<size_t>(sg_.inputs[k])];
  }

  std::string InputNames() const {
    std::string s;
    for (size_t k = 0; k < sg_.inputs.size(); ++k) {
      s += fmt::format("{}'{}' {}", k ? ", " : "", Input(k).name, Input(k).shape.ToString());
    }
    return s;
  }

  // Position among the model's inputs of a dict key: a signature alias
  // first (what TensorFlow's signature-based datasets use), then a tensor name.
  std::optional<size_t> Position(const std::string& key) const {
    int32_t tensor = -1;
    if (signature_ != nullptr) {
      for (const ir::SignatureTensor& st : signature_->inputs) {
        if (st.name == key) tensor = st.tensor_index;
      }
    }
    for (size_t k = 0; k < sg_.inputs.size(); ++k) {
      if (sg_.inputs[k] == tensor || (tensor < 0 && Input(k).name == key)) return k;
    }
    return std::nullopt;
  }

  std::vector<py::object> FromDict(const py::dict& d, size_t i) const {
    std::vector<py::object> values(sg_.inputs.size());
    for (const auto& [key, value] : d) {
      const std::string name = py::str(key).cast<std::string>();
      const auto k = Position(name);
      if (!k) {
        std::string names = InputNames();
        if (signature_ != nullptr) {
          names += "; signature '" + signature_->key + "' inputs:";
          for (const ir::SignatureTensor& st : signature_->inputs) names += " '" + st.name + "'";
        }
        throw py::value_error(fmt::format(
            "representative sample {}: no model input named '{}' (inputs: {})", i, name, names));
      }
      values[*k] = py::reinterpret_borrow<py::object>(value);
    }
    for (size_t k = 0; k < values.size(); ++k) {
      if (!values[k]) {
        throw py::value_error(fmt::format("representative sample {} has no value for input {} '{}'",
                                          i, k, Input(k).name));
      }
    }
    return values;
  }

  NpyArray ToArray(const py::object& value, size_t i, size_t k) const {
    const ir::Tensor& t = Input(k);
    py::array any = py::array::ensure(value);
    if (!any) {
      PyErr_Clear();
      throw py::value_error(fmt::format(
          "representative sample {}, input {} '{}': the value cannot be converted to a numpy array",
          i, k, t.name));
    }
    const char kind = any.dtype().kind();
    if (kind != 'f' && kind != 'i' && kind != 'u' && kind != 'b') {
      throw py::value_error(fmt::format(
          "representative sample {}, input {} '{}': dtype {} is not a real number type", i, k,
          t.name, NumpyTypeName(any.dtype())));
    }
    // Real values as float32 in C order (a float64 array from np.random is
    // the common case).
    auto array = py::array_t<float, py::array::c_style | py::array::forcecast>::ensure(any);
    if (!array) {
      PyErr_Clear();
      throw py::value_error(fmt::format(
          "representative sample {}, input {} '{}': cannot convert {} to float32", i, k, t.name,
          NumpyTypeName(any.dtype())));
    }
    const std::span<const py::ssize_t> got(array.shape(), static_cast<size_t>(array.ndim()));
    const std::vector<int32_t>& want = t.shape.dims();
    bool same = got.size() == want.size();
    for (size_t d = 0; same && d < want.size(); ++d) same = got[d] == want[d];
    if (!same) {
      // The usual slip: a sample without the batch dimension.
      bool batchless = got.size() + 1 == want.size() && want[0] == 1;
      for (size_t d = 0; batchless && d < got.size(); ++d) batchless = got[d] == want[d + 1];
      throw py::value_error(fmt::format(
          "representative sample {}, input {} '{}': shape {}, the model expects {}{}", i, k,
          t.name, DescribeDims(got), t.shape.ToString(),
          batchless ? " (add the batch dimension, e.g. x[np.newaxis])" : ""));
    }
    NpyArray out;
    out.dtype = DType::kFloat32;
    out.shape = t.shape;
    out.data.resize(static_cast<size_t>(array.nbytes()));
    if (!out.data.empty()) std::memcpy(out.data.data(), array.data(), out.data.size());
    return out;
  }

  const ir::Subgraph& sg_;
  const ir::Signature* signature_;
};

py::dict ReportDict(const quant::QuantizeReport& r) {
  py::dict d;
  d["warnings"] = r.warnings;
  d["input_bytes"] = r.input_bytes;
  d["output_bytes"] = r.output_bytes;
  d["ops_quantized"] = r.ops_quantized;
  d["ops_float"] = r.ops_float;
  return d;
}

}  // namespace

py::tuple QuantizeTflite(const py::bytes& model, const std::string& origin,
                         const PyQuantizeOptions& options, const py::object& samples) {
  const bool none = options.mode == "none";
  const auto mode = ParseMode(options.mode);
  if (!none && !mode) {
    throw py::value_error(fmt::format(
        "unknown quantization mode '{}' (none, dynamic, int8, float16, int16x8)", options.mode));
  }
  quant::QuantizeOptions o;
  if (mode) o.mode = *mode;
  o.input_type = ParseBoundaryType("inference_input_type", options.input_type);
  o.output_type = ParseBoundaryType("inference_output_type", options.output_type);
  o.strict = options.strict;
  o.method = ParseMethod(options.method);
  o.percentile = options.percentile;
  if (options.num_threads < 1) {
    throw py::value_error(fmt::format("num_threads must be at least 1, got {}", options.num_threads));
  }
  o.num_threads = options.num_threads;
  if (options.min_weight_elements < 0) {
    throw py::value_error(fmt::format("min_weight_elements must be >= 0, got {}",
                                      options.min_weight_elements));
  }
  o.min_weight_elements = options.min_weight_elements;

  const std::string_view view = model;
  auto source = CopyBytes({reinterpret_cast<const uint8_t*>(view.data()), view.size()}, origin);
  Result<ir::Graph> graph = [&] {
    py::gil_scoped_release release;
    return tflite_format::ReadTflite(source);
  }();
  if (!graph.ok()) ThrowStatus(graph.status());
  if (graph->subgraphs.empty()) throw py::value_error(origin + ": the model has no subgraphs");
  if (none) return py::make_tuple(model, ReportDict({}));

  std::optional<MaterializedSamples> data;
  const bool calibrated = o.mode == QuantMode::kFullInt8 || o.mode == QuantMode::kInt16x8;
  if (calibrated && !samples.is_none()) {
    SampleConverter convert(*graph);
    std::vector<std::vector<NpyArray>> arrays;
    size_t i = 0;
    for (const py::handle sample : samples) arrays.push_back(convert.Convert(sample, i++));
    if (arrays.empty()) {
      throw py::value_error(
          "the representative dataset yielded no samples (100-500 typical inputs are usual)");
    }
    data.emplace(std::move(arrays));
  }

  quant::QuantizeReport report;
  Result<std::vector<uint8_t>> bytes = [&] {
    py::gil_scoped_release release;
    return quant::QuantizeModel(*graph, o, data ? &*data : nullptr, &report);
  }();
  if (!bytes.ok()) ThrowStatus(Status(bytes.status()).AddContext(origin));
  py::bytes result(reinterpret_cast<const char*>(bytes->data()), bytes->size());
  return py::make_tuple(std::move(result), ReportDict(report));
}

}  // namespace liteforge::python
