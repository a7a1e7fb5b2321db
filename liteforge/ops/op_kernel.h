// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The contract between the runtime and one op implementation.
//
// For each op node the runtime creates an OpKernel from the resolver, then:
//   Prepare(PrepareContext&)  once per plan (and again after an input
//       resize): check everything (counts, dtypes, ranks, quantization),
//       set every output's shape, precompute multipliers / lookup tables,
//       pack constant weights, ask for scratch memory, pick the kernel.
//       A failure here is a clear Status; the runtime prefixes it with
//       "subgraph S, op N 'name' (TYPE): ".
//   Eval(EvalContext&) const  on every invoke: compute, no checks beyond
//       what depends on run-time values (e.g. an index out of range).
//
// Eval is const: a prepared kernel is part of an immutable ExecutionPlan and
// may serve several execution contexts at once. Per-invoke state lives in
// tensors (variables) or scratch memory.

#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <variant>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/base/status.h"
#include "liteforge/base/thread_pool.h"
#include "liteforge/ir/graph.h"
#include "liteforge/tensor/tensor_view.h"

namespace liteforge::ops {

// Runs another subgraph of the model: how IF, WHILE and CALL_ONCE work.
// Implemented by the runtime; each callee keeps its own plan and memory.
class SubgraphInvoker {
 public:
  struct Views {
    std::vector<TensorView> inputs;   // dtype, shape, quant; no data
    std::vector<TensorView> outputs;  // shapes as prepared for those inputs
  };
  virtual ~SubgraphInvoker() = default;
  virtual int num_subgraphs() const = 0;
  // Prepares `subgraph` for inputs of these shapes and describes its inputs
  // and outputs.
  virtual Result<Views> Prepare(int subgraph, std::span<const Shape> input_shapes) = 0;
  // Copies `inputs` into the callee's inputs (re-preparing it when their
  // shapes changed), runs it, and returns views of its outputs, valid until
  // that subgraph runs or is prepared again.
  virtual Result<std::vector<TensorView>> Invoke(int subgraph,
                                                 std::span<const TensorView* const> inputs) = 0;
};

class PrepareContext {
 public:
  virtual ~PrepareContext() = default;

  virtual const ir::Op& op() const = 0;
  // The subgraph the op belongs to: the IR of its tensors (sparsity of a
  // sparse constant, shape signatures) when the views are not enough.
  virtual const ir::Subgraph& subgraph() const = 0;

  virtual int num_inputs() const = 0;
  virtual int num_outputs() const = 0;
  // Null when input i was omitted (-1 in the model) or i >= num_inputs().
  // Constants have `data` set; other inputs have data == nullptr here.
  virtual const TensorView* input(int i) const = 0;
  // dtype and quantization come from the model; Prepare sets the shape.
  virtual const TensorView& output(int i) const = 0;
  virtual Status SetOutputShape(int i, const Shape& shape) = 0;
  // The output's shape depends on input values: it is allocated during Eval
  // through EvalContext::ResizeOutput.
  virtual void MarkOutputDynamic(int i) = 0;
  // Quantization (and dtype) of op.intermediates[i], which some integer ops
  // (LSTM) use to carry internal scales. Null when out of range.
  virtual const TensorView* intermediate(int i) const = 0;

  // Scratch memory valid only while this op's Eval runs (shared arena).
  // Returns an id for EvalContext::scratch().
  virtual int RequestScratch(size_t bytes) = 0;
  // Memory that lives as long as the plan: packed weights, tables. 64-byte
  // aligned, zeroed. Null only when allocation fails.
  virtual uint8_t* AllocatePersistent(size_t bytes) = 0;

  // The best ISA kernels may use (DefaultMaxIsa(), or --isa).
  virtual Isa max_isa() const = 0;
  virtual int num_threads() const = 0;
  virtual SubgraphInvoker* subgraphs() = 0;

  // Attributes of type T, or T's defaults when the model gave none.
  template <typename T>
  const T& options() const {
    if (const T* o = std::get_if<T>(&op().options)) return *o;
    static const T kDefaults{};
    return kDefaults;
  }
};

class EvalContext {
 public:
  virtual ~EvalContext() = default;
  // Null for an omitted optional input. Variable inputs (LSTM and SVDF
  // state) may be written through `data`; nothing else may.
  virtual const TensorView* input(int i) const = 0;
  virtual TensorView& output(int i) = 0;
  virtual int num_inputs() const = 0;
  virtual int num_outputs() const = 0;
  virtual uint8_t* scratch(int id) = 0;
  // Null when the op should run on the calling thread only.
  virtual ThreadPool* thread_pool() = 0;
  // For outputs marked dynamic in Prepare: sets the shape and allocates.
  virtual Status ResizeOutput(int i, const Shape& shape) = 0;
  virtual SubgraphInvoker* subgraphs() = 0;
};

class OpKernel {
 public:
  virtual ~OpKernel() = default;
  virtual Status Prepare(PrepareContext& ctx) = 0;
  virtual Status Eval(EvalContext& ctx) const = 0;
  // True when Eval has effects beyond its outputs (writes variables, calls
  // subgraphs): such ops are never evaluated ahead of time, even when every
  // input is constant.
  virtual bool HasSideEffects() const { return false; }
};

using KernelFactory = std::unique_ptr<OpKernel> (*)();

template <typename K>
std::unique_ptr<OpKernel> MakeKernel() {
  return std::make_unique<K>();
}

}  // namespace liteforge::ops
