// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NumPy-style broadcasting of shapes, used by elementwise ops in Prepare.

#pragma once

#include "liteforge/base/status.h"
#include "liteforge/tensor/shape.h"

namespace liteforge::ops {

// The broadcast of a and b (right-aligned; each dim equal or 1), or an
// error quoting both shapes.
Result<Shape> BroadcastShapes(const Shape& a, const Shape& b);

}  // namespace liteforge::ops
