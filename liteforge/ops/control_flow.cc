// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ops/control_flow.h"

#include <cstring>

namespace liteforge::ops {

Status CheckDTypesMatch(std::span<const TensorView> from, std::span<const TensorView> to,
                        std::string_view what) {
  if (from.size() != to.size()) {
    return InvalidArgument("{}: {} tensors where {} are expected", what, from.size(), to.size());
  }
  for (size_t i = 0; i < from.size(); ++i) {
    if (from[i].dtype != to[i].dtype) {
      return InvalidArgument("{} {} is {}, expected {}", what, i, DTypeName(from[i].dtype),
                             DTypeName(to[i].dtype));
    }
  }
  return Status::Ok();
}

bool SameShapes(std::span<const TensorView> a, std::span<const TensorView> b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].shape != b[i].shape) return false;
  }
  return true;
}

namespace {

Status CopyOne(EvalContext& ctx, const TensorView& value, int output, bool dynamic) {
  TensorView& out = ctx.output(output);
  if (dynamic && (out.data == nullptr || out.shape != value.shape)) {
    LF_RETURN_IF_ERROR(ctx.ResizeOutput(output, value.shape));
  }
  if (out.bytes != value.bytes) {
    return InvalidArgument("output {} has shape {} but the subgraph produced {}", output,
                           out.shape.ToString(), value.shape.ToString());
  }
  if (value.bytes > 0 && out.data != value.data) std::memmove(out.data, value.data, value.bytes);
  return Status::Ok();
}

}  // namespace

Status CopyToOutputs(EvalContext& ctx, std::span<const TensorView> values, int first_output,
                     bool dynamic) {
  for (size_t i = 0; i < values.size(); ++i) {
    LF_RETURN_IF_ERROR(CopyOne(ctx, values[i], first_output + static_cast<int>(i), dynamic));
  }
  return Status::Ok();
}

Status CopyToOutputs(EvalContext& ctx, std::span<const TensorView* const> values,
                     int first_output, bool dynamic) {
  for (size_t i = 0; i < values.size(); ++i) {
    LF_RETURN_IF_ERROR(CopyOne(ctx, *values[i], first_output + static_cast<int>(i), dynamic));
  }
  return Status::Ok();
}

}  // namespace liteforge::ops
