// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/runtime/step_prepare_context.h"

#include "liteforge/ops/op_checks.h"

namespace liteforge::runtime {

namespace {
// The largest single tensor liteforge will allocate (16 GiB); beyond it a
// shape is certainly corrupt for the devices we target.
constexpr size_t kMaxTensorBytes = size_t{1} << 34;
}  // namespace

Result<size_t> TensorBytes(DType dtype, const Shape& shape, const TensorView& for_errors) {
  for (int d = 0; d < shape.rank(); ++d) {
    if (shape.dim(d) < 0) {
      return InvalidArgument("{} would get shape {} with a negative dimension",
                             ops::Describe(for_errors, "output"), shape.ToString());
    }
  }
  const auto count = shape.CheckedNumElements();
  const auto bytes = count ? DTypeBytes(dtype, *count) : std::nullopt;
  if (!bytes) {
    if (count && (dtype == DType::kString || dtype == DType::kResource || dtype == DType::kVariant)) {
      return Unimplemented("{} has type {}, which liteforge cannot allocate",
                           ops::Describe(for_errors, "tensor"), DTypeName(dtype));
    }
    return InvalidArgument("{} shape {} overflows", ops::Describe(for_errors, "tensor"),
                           shape.ToString());
  }
  if (*bytes > kMaxTensorBytes) {
    return ResourceExhausted("{} shape {} of {} needs {} bytes, more than the {} byte limit",
                             ops::Describe(for_errors, "tensor"), shape.ToString(),
                             DTypeName(dtype), *bytes, kMaxTensorBytes);
  }
  return *bytes;
}

Status StepPrepareContext::SetOutputShape(int i, const Shape& shape) {
  if (i < 0 || i >= num_outputs()) return Internal("SetOutputShape({}) out of range", i);
  TensorView& view = store_.view(op_.outputs[i]);
  LF_ASSIGN_OR_RETURN(size_t bytes, TensorBytes(view.dtype, shape, view));
  view.shape = shape;
  view.bytes = bytes;
  return Status::Ok();
}

uint8_t* StepPrepareContext::AllocatePersistent(size_t bytes) {
  AlignedBuffer buffer;
  if (!buffer.Resize(bytes == 0 ? 1 : bytes)) return nullptr;
  uint8_t* data = buffer.data();
  persistent_->push_back(std::move(buffer));
  return data;
}

}  // namespace liteforge::runtime
