// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {

void OpResolver::AddBuiltin(ir::OpType type, KernelFactory factory, int min_version,
                            int max_version) {
  builtins_[type] = Builtin{factory, min_version, max_version};
}

void OpResolver::AddCustom(std::string name, KernelFactory factory) {
  custom_[std::move(name)] = factory;
}

Result<KernelFactory> OpResolver::Find(const ir::Op& op) const {
  if (op.type == ir::OpType::kCustom) {
    auto it = custom_.find(op.custom_code);
    if (it == custom_.end()) {
      return NotFound("custom op '{}' is not registered (register it with OpResolver::AddCustom)",
                      op.custom_code);
    }
    return it->second;
  }
  auto it = builtins_.find(op.type);
  if (it == builtins_.end()) {
    return Unimplemented("op {} is not supported by this build", ir::OpTypeName(op.type));
  }
  if (op.version < it->second.min_version || op.version > it->second.max_version) {
    return Unimplemented("op {} version {} is not supported (this build runs versions {}..{})",
                         ir::OpTypeName(op.type), op.version, it->second.min_version,
                         it->second.max_version);
  }
  return it->second.factory;
}

std::pair<int, int> OpResolver::BuiltinVersions(ir::OpType type) const {
  auto it = builtins_.find(type);
  if (it == builtins_.end()) return {0, 0};
  return {it->second.min_version, it->second.max_version};
}

const OpResolver& BuiltinOpResolver() {
  static const OpResolver* resolver = [] {
    auto* r = new OpResolver();
    RegisterBuiltinOps(*r);
    return r;
  }();
  return *resolver;
}

}  // namespace liteforge::ops
