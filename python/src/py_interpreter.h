// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// PyInterpreter: what the Python package's Interpreter stands on. It owns a
// liteforge::Interpreter (subgraph 0) plus one execution context per other
// subgraph a signature runs, and speaks numpy: tensor details as the dicts
// tflite_runtime returns, copies in (set_tensor) and out (get_tensor), and
// live views of the arena (tensor_view).
//
// Lifetimes: a view returned by tensor_view() aliases arena memory that
// allocate_tensors() (after a resize) frees and that invoke() may move for
// tensors whose shape is only known while running. Each view holds a lease
// on this object (keeping the memory alive); while any lease is out,
// allocate_tensors(), resize_input() and invoke() raise RuntimeError, as
// tflite_runtime does.
//
// Errors: bad arguments raise ValueError; the engine failing to allocate,
// resize or run raises RuntimeError with the engine's message.
//
// Threads: invoke() runs without the GIL. One mutex serializes every call on
// one interpreter, so a second thread calling in while invoke() runs waits
// rather than corrupting the run; separate interpreters run in parallel.

#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "liteforge/api/interpreter.h"

namespace liteforge::python {

struct PyInterpreterOptions {
  int num_threads = 1;
  // Every tensor keeps its own bytes (linear planner) and no op is
  // evaluated ahead of time, so each intermediate is readable after invoke.
  bool preserve_all_tensors = false;
  // Reference kernels only (tflite_runtime's BUILTIN_REF resolver).
  bool reference_kernels = false;
  std::vector<std::shared_ptr<runtime::Delegate>> delegates;
};

class PyInterpreter : public std::enable_shared_from_this<PyInterpreter> {
 public:
  static std::shared_ptr<PyInterpreter> FromFile(const std::string& path,
                                                 const PyInterpreterOptions& options);
  // `model` is any object with the buffer protocol; a `bytes` object is
  // used in place (kept alive by the interpreter), anything else is copied.
  static std::shared_ptr<PyInterpreter> FromBuffer(const pybind11::object& model,
                                                   const PyInterpreterOptions& options);

  int num_subgraphs() const;
  int num_tensors(int subgraph) const;
  std::vector<int> input_indices() const;
  std::vector<int> output_indices() const;

  pybind11::dict tensor_details(int tensor, int subgraph);
  int num_ops(int subgraph) const;
  // {"index", "op_name", "inputs", "outputs"} of the model's op (int32
  // arrays of tensor indices, -1 for an omitted optional input).
  pybind11::dict op_details(int op, int subgraph) const;
  // {key: {"inputs": {name: index}, "outputs": {name: index}}}, names
  // sorted as tflite_runtime lists them.
  pybind11::dict signature_defs() const;
  int signature_subgraph(const std::string& key) const;

  void allocate_tensors(int subgraph);
  void resize_input(int tensor, const std::vector<int64_t>& shape, bool strict, int subgraph);
  void set_tensor(int tensor, const pybind11::object& value, int subgraph);
  pybind11::array get_tensor(int tensor, int subgraph);
  pybind11::array tensor_view(int tensor);
  void invoke(int subgraph);
  void reset_all_variables();

  int live_views() const { return live_views_.load(); }

 private:
  struct ViewLease;
  // The state of a subgraph other than 0 (run by a signature).
  struct SideContext {
    std::vector<Shape> input_shapes;
    bool dirty = true;
    std::unique_ptr<runtime::ExecutionContext> context;
  };

  PyInterpreter(std::unique_ptr<Interpreter> interp, const PyInterpreterOptions& options);
  static std::shared_ptr<PyInterpreter> Create(std::shared_ptr<const ir::Graph> graph,
                                               const PyInterpreterOptions& options);

  const ir::Subgraph& Subgraph(int s) const;  // ValueError when out of range
  const ir::Tensor& GraphTensor(int s, int t) const;
  void EnsureNoLiveViews() const;
  Status Allocate(int s);
  bool NeedsAllocation(int s) const;
  // The context holding subgraph s's tensors now (possibly planned for
  // shapes a pending resize will change); null before the first allocation.
  runtime::ExecutionContext* CurrentContext(int s);
  const Shape& RequestedInputShape(int s, int input) const;

  std::unique_ptr<Interpreter> interp_;
  std::map<int, SideContext> side_;
  mutable std::mutex mu_;
  std::atomic<int> live_views_{0};
};

}  // namespace liteforge::python
