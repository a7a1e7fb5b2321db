// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// What liteforge.lite.TFLiteConverter stands on: post-training quantization
// of float .tflite bytes through liteforge::quant::QuantizeModel(). The
// TensorFlow-style mode selection (optimizations, target_spec, inference
// types) is pure Python in liteforge/lite.py; this layer takes the mode it
// chose, turns the representative samples into float32 arrays checked
// against the model's inputs, and runs the quantizer.
//
// Threads: the samples are converted to C++ arrays while the GIL is held
// (the caller has already drawn them from its generator), so quantizing —
// reading, calibrating, writing, verifying — runs without the GIL and never
// calls back into Python.
//
// Errors: ValueError for a bad model, bad options or a sample that does not
// fit the model (naming the sample, input and shapes), and for the
// quantizer rejecting the model (e.g. a strict int8 conversion naming the
// op with no int8 kernel); RuntimeError for failures while running.

#pragma once

#include <string>

#include <pybind11/pybind11.h>

namespace liteforge::python {

struct PyQuantizeOptions {
  std::string mode;         // "none", "dynamic", "int8", "float16", "int16x8"
  std::string input_type;   // "float32", "int8", "uint8", "int16"
  std::string output_type;  // the same choices
  bool strict = false;
  std::string method = "minmax";  // "minmax", "percentile", "entropy", "mse"
  float percentile = 99.99f;
  int num_threads = 1;
  int64_t min_weight_elements = 1024;
};

// Quantizes `model` (bytes of a float .tflite; `origin` names it in
// errors). `samples` is None or a list of samples, each a list/tuple of
// arrays in input order, a dict keyed by input name (tensor name or the
// main signature's input alias), or, for a one-input model, a bare array.
// Returns (bytes of the .tflite, report dict with "warnings",
// "input_bytes", "output_bytes", "ops_quantized", "ops_float"). Mode
// "none" verifies the model and returns its bytes unchanged.
pybind11::tuple QuantizeTflite(const pybind11::bytes& model, const std::string& origin,
                               const PyQuantizeOptions& options, const pybind11::object& samples);

}  // namespace liteforge::python
