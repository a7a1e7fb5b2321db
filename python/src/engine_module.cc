// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// liteforge._engine: the compiled half of the Python package. It exposes
// PyInterpreter and loaded delegates with small, index-based methods, and
// the quantizer behind the converter; the tflite_runtime- and
// tf.lite-compatible surfaces (argument handling, SignatureRunner, mode
// selection, docstrings) are pure Python in liteforge/interpreter.py and
// liteforge/lite.py.

#include <thread>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "liteforge/api/interpreter.h"
#include "liteforge/base/cpu_features.h"
#include "python/src/py_converter.h"
#include "python/src/py_interpreter.h"

namespace py = pybind11;

namespace liteforge::python {
namespace {

// A delegate loaded once and handed to any number of interpreters.
struct LoadedDelegate {
  std::string spec;
  std::shared_ptr<runtime::Delegate> delegate;
};

PyInterpreterOptions MakeOptions(int num_threads, bool preserve_all_tensors, bool reference_kernels,
                                 const std::vector<std::shared_ptr<LoadedDelegate>>& delegates) {
  PyInterpreterOptions o;
  o.num_threads = num_threads;
  o.preserve_all_tensors = preserve_all_tensors;
  o.reference_kernels = reference_kernels;
  for (const auto& d : delegates) {
    if (d == nullptr) throw py::value_error("a delegate is None");
    o.delegates.push_back(d->delegate);
  }
  return o;
}

}  // namespace

PYBIND11_MODULE(_engine, m) {
  m.doc() = "liteforge's C++ engine (use liteforge.interpreter, not this module)";

  py::class_<LoadedDelegate, std::shared_ptr<LoadedDelegate>>(m, "LoadedDelegate")
      .def_readonly("spec", &LoadedDelegate::spec)
      .def_property_readonly("name", [](const LoadedDelegate& d) { return d.delegate->name(); });

  m.def(
      "load_delegate",
      [](const std::string& spec) {
        auto d = CreateDelegate(spec);
        if (!d.ok()) throw py::value_error(d.status().message());
        return std::make_shared<LoadedDelegate>(LoadedDelegate{spec, *d});
      },
      py::arg("spec"), "Loads 'path.so[?options]' or 'xnnpack[?threads=N]'.");

  m.def("hardware_threads", [] {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1u : n;
  });
  m.def("cpu_isa", [] { return std::string(IsaName(DefaultMaxIsa())); },
        "The best instruction set the kernels use on this CPU (after LITEFORGE_MAX_ISA).");

  m.def(
      "quantize",
      [](const py::bytes& model, const std::string& origin, const std::string& mode,
         const std::string& input_type, const std::string& output_type, bool strict,
         const std::string& method, float percentile, int num_threads, int64_t min_weight_elements,
         const py::object& samples) {
        PyQuantizeOptions o;
        o.mode = mode;
        o.input_type = input_type;
        o.output_type = output_type;
        o.strict = strict;
        o.method = method;
        o.percentile = percentile;
        o.num_threads = num_threads;
        o.min_weight_elements = min_weight_elements;
        return QuantizeTflite(model, origin, o, samples);
      },
      py::arg("model"), py::arg("origin"), py::arg("mode"), py::arg("input_type"),
      py::arg("output_type"), py::arg("strict"), py::arg("method"), py::arg("percentile"),
      py::arg("num_threads"), py::arg("min_weight_elements"), py::arg("samples"),
      "Quantizes float .tflite bytes; returns (bytes, report). Use liteforge.lite.TFLiteConverter.");

  py::class_<PyInterpreter, std::shared_ptr<PyInterpreter>>(m, "Engine")
      .def_static(
          "from_file",
          [](const std::string& path, int threads, bool preserve, bool reference,
             const std::vector<std::shared_ptr<LoadedDelegate>>& delegates) {
            return PyInterpreter::FromFile(path, MakeOptions(threads, preserve, reference, delegates));
          },
          py::arg("path"), py::arg("num_threads"), py::arg("preserve_all_tensors"),
          py::arg("reference_kernels"), py::arg("delegates"))
      .def_static(
          "from_buffer",
          [](const py::object& model, int threads, bool preserve, bool reference,
             const std::vector<std::shared_ptr<LoadedDelegate>>& delegates) {
            return PyInterpreter::FromBuffer(model,
                                             MakeOptions(threads, preserve, reference, delegates));
          },
          py::arg("model"), py::arg("num_threads"), py::arg("preserve_all_tensors"),
          py::arg("reference_kernels"), py::arg("delegates"))
      .def("num_subgraphs", &PyInterpreter::num_subgraphs)
      .def("num_tensors", &PyInterpreter::num_tensors, py::arg("subgraph") = 0)
      .def("input_indices", &PyInterpreter::input_indices)
      .def("output_indices", &PyInterpreter::output_indices)
      .def("tensor_details", &PyInterpreter::tensor_details, py::arg("tensor"),
           py::arg("subgraph") = 0)
      .def("num_ops", &PyInterpreter::num_ops, py::arg("subgraph") = 0)
      .def("op_details", &PyInterpreter::op_details, py::arg("op"), py::arg("subgraph") = 0)
      .def("signature_defs", &PyInterpreter::signature_defs)
      .def("signature_subgraph", &PyInterpreter::signature_subgraph, py::arg("key"))
      .def("allocate_tensors", &PyInterpreter::allocate_tensors, py::arg("subgraph") = 0)
      .def("resize_input", &PyInterpreter::resize_input, py::arg("tensor"), py::arg("shape"),
           py::arg("strict") = false, py::arg("subgraph") = 0)
      .def("set_tensor", &PyInterpreter::set_tensor, py::arg("tensor"), py::arg("value"),
           py::arg("subgraph") = 0)
      .def("get_tensor", &PyInterpreter::get_tensor, py::arg("tensor"), py::arg("subgraph") = 0)
      .def("tensor_view", &PyInterpreter::tensor_view, py::arg("tensor"))
      .def("invoke", &PyInterpreter::invoke, py::arg("subgraph") = 0)
      .def("reset_all_variables", &PyInterpreter::reset_all_variables)
      .def_property_readonly("live_views", &PyInterpreter::live_views);
}

}  // namespace liteforge::python
