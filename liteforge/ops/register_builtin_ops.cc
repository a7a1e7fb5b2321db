// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The one place every op this build ships is registered. Each op file
// defines Register<Op>(OpResolver&) declaring the versions it implements.

#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {

// --- convolution and matrix ops
// --- elementwise binary ops
// --- unary ops and activations
// --- shape and data movement ops
void RegisterReshape(OpResolver&);
// --- pooling, reduction, resize
// --- sequence, recurrent and detection ops
// --- control flow
void RegisterCallOnce(OpResolver&);
void RegisterIf(OpResolver&);
void RegisterWhile(OpResolver&);

void RegisterBuiltinOps(OpResolver& r) {
  // --- convolution and matrix ops
  // --- elementwise binary ops
  // --- unary ops and activations
  // --- shape and data movement ops
  RegisterReshape(r);
  // --- pooling, reduction, resize
  // --- sequence, recurrent and detection ops
  // --- control flow
  RegisterCallOnce(r);
  RegisterIf(r);
  RegisterWhile(r);
}

}  // namespace liteforge::ops
