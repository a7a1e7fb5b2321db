// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// OpResolver: which kernel runs which op. Builtin ops are keyed by OpType
// and a supported version range; custom ops by name. Users extend a copy
// of the builtin resolver with their own custom ops (the public C++ way to
// add an op), and the runtime asks it for every node when it prepares a
// model, so a missing op fails at load time, not mid-inference.

#pragma once

#include <map>
#include <string>
#include <utility>

#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"
#include "liteforge/ops/op_kernel.h"

namespace liteforge::ops {

class OpResolver {
 public:
  // Registers a builtin op for versions [min_version, max_version].
  void AddBuiltin(ir::OpType type, KernelFactory factory, int min_version = 1,
                  int max_version = 1);
  // Registers (or replaces) a custom op by the name models use.
  void AddCustom(std::string name, KernelFactory factory);

  // The factory for `op`, or an error naming the op and what is missing
  // (unknown custom op, or an op version newer than supported).
  Result<KernelFactory> Find(const ir::Op& op) const;
  bool CanRun(const ir::Op& op) const { return Find(op).ok(); }

  // Supported [min, max] versions of a builtin op; {0, 0} if not registered.
  std::pair<int, int> BuiltinVersions(ir::OpType type) const;
  const std::map<std::string, KernelFactory>& custom_ops() const { return custom_; }

 private:
  struct Builtin {
    KernelFactory factory = nullptr;
    int min_version = 1;
    int max_version = 1;
  };
  std::map<ir::OpType, Builtin> builtins_;
  std::map<std::string, KernelFactory> custom_;
};

// Every op this build ships: the builtins plus the custom ops liteforge
// implements (TFLite_Detection_PostProcess, MediaPipe's
// Convolution2DTransposeBias, MaxPoolingWithArgmax2D, MaxUnpooling2D).
const OpResolver& BuiltinOpResolver();

// Adds every shipped op to `resolver` (ops/register_builtin_ops.cc).
void RegisterBuiltinOps(OpResolver& resolver);

}  // namespace liteforge::ops
