// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// CALL_ONCE: runs an initialisation subgraph (no inputs, no outputs) the
// first time the op executes in a plan, e.g. to fill resource tables.

#include <atomic>

#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class CallOnce final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 0));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 0));
    init_ = ctx.options<ir::CallOnceOptions>().init_subgraph;
    if (ctx.subgraphs() == nullptr) return Internal("no subgraph invoker");
    LF_ASSIGN_OR_RETURN(auto views, ctx.subgraphs()->Prepare(init_, {}));
    if (!views.inputs.empty() || !views.outputs.empty()) {
      return InvalidArgument("init subgraph {} must have no inputs and no outputs", init_);
    }
    return Status::Ok();
  }

  Status Eval(EvalContext& ctx) const override {
    if (done_.load(std::memory_order_acquire)) return Status::Ok();
    LF_ASSIGN_OR_RETURN(auto unused, ctx.subgraphs()->Invoke(init_, {}));
    (void)unused;
    done_.store(true, std::memory_order_release);
    return Status::Ok();
  }

  bool HasSideEffects() const override { return true; }

 private:
  int init_ = 0;
  // Eval is const (plans are immutable); "already ran" is the one bit of
  // state this op keeps per plan, as TFLite keeps it per interpreter.
  mutable std::atomic<bool> done_{false};
};

}  // namespace

void RegisterCallOnce(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kCallOnce, MakeKernel<CallOnce>, 1, 1);
}

}  // namespace liteforge::ops
