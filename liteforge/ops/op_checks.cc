// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ops/op_checks.h"

#include <fmt/format.h>

#include "liteforge/ops/activation_range.h"

namespace liteforge::ops {

std::string Describe(const TensorView& t, std::string_view role) {
  if (t.name.empty()) return fmt::format("{} (tensor {})", role, t.index);
  return fmt::format("{} (tensor {} '{}')", role, t.index, t.name);
}

Status ExpectInputCount(const PrepareContext& ctx, int min, int max) {
  const int n = ctx.num_inputs();
  if (n < min || n > max) {
    if (min == max) return InvalidArgument("has {} inputs, expected {}", n, min);
    return InvalidArgument("has {} inputs, expected {} to {}", n, min, max);
  }
  return Status::Ok();
}

Status ExpectOutputCount(const PrepareContext& ctx, int min, int max) {
  const int n = ctx.num_outputs();
  if (n < min || n > max) {
    if (min == max) return InvalidArgument("has {} outputs, expected {}", n, min);
    return InvalidArgument("has {} outputs, expected {} to {}", n, min, max);
  }
  return Status::Ok();
}

Result<const TensorView*> RequiredInput(const PrepareContext& ctx, int i, std::string_view role) {
  const TensorView* t = ctx.input(i);
  if (t == nullptr) return InvalidArgument("input {} ({}) is required but missing", i, role);
  return t;
}

Status ExpectRank(const TensorView& t, std::string_view role, int rank) {
  if (t.shape.rank() != rank) {
    return InvalidArgument("{} has {} dims {}, expected {}", Describe(t, role), t.shape.rank(),
                           t.shape.ToString(), rank);
  }
  return Status::Ok();
}

Status ExpectRankBetween(const TensorView& t, std::string_view role, int min, int max) {
  if (t.shape.rank() < min || t.shape.rank() > max) {
    return InvalidArgument("{} has {} dims {}, expected {} to {}", Describe(t, role),
                           t.shape.rank(), t.shape.ToString(), min, max);
  }
  return Status::Ok();
}

Status ExpectDType(const TensorView& t, std::string_view role, DType dtype) {
  if (t.dtype != dtype) {
    return InvalidArgument("{} is {}, expected {}", Describe(t, role), DTypeName(t.dtype),
                           DTypeName(dtype));
  }
  return Status::Ok();
}

Status ExpectDTypeIn(const TensorView& t, std::string_view role,
                     std::initializer_list<DType> dtypes) {
  std::string names;
  for (DType d : dtypes) {
    if (d == t.dtype) return Status::Ok();
    if (!names.empty()) names += ", ";
    names += DTypeName(d);
  }
  return Unimplemented("{} is {}; this op supports {}", Describe(t, role), DTypeName(t.dtype),
                       names);
}

Status ExpectSameDType(const TensorView& a, std::string_view role_a, const TensorView& b,
                       std::string_view role_b) {
  if (a.dtype != b.dtype) {
    return InvalidArgument("{} is {} but {} is {}", Describe(a, role_a), DTypeName(a.dtype),
                           Describe(b, role_b), DTypeName(b.dtype));
  }
  return Status::Ok();
}

Status ExpectConstant(const TensorView& t, std::string_view role) {
  if (t.data == nullptr || !t.is_constant) {
    return Unimplemented("{} must be a constant tensor", Describe(t, role));
  }
  return Status::Ok();
}

Status ExpectPerTensorQuant(const TensorView& t, std::string_view role) {
  if (t.quant == nullptr || t.quant->scale.size() != 1) {
    return InvalidArgument("{} must have per-tensor quantization (one scale), has {}",
                           Describe(t, role), t.quant ? t.quant->scale.size() : 0);
  }
  return Status::Ok();
}

Status ExpectZeroPointInRange(const TensorView& t, std::string_view role) {
  if (t.quant == nullptr) return Status::Ok();
  const QuantRange r = DTypeRange(t.dtype);
  for (const int64_t zp : t.quant->zero_point) {
    if (zp < r.min || zp > r.max) {
      return InvalidArgument("{} has zero point {}, outside the {} range", Describe(t, role), zp,
                             DTypeName(t.dtype));
    }
  }
  return Status::Ok();
}

Status ExpectQuantized(const TensorView& t, std::string_view role) {
  if (t.quant == nullptr || t.quant->scale.empty()) {
    return InvalidArgument("{} is {} but has no quantization parameters", Describe(t, role),
                           DTypeName(t.dtype));
  }
  return Status::Ok();
}

std::vector<int64_t> ReadInts(const TensorView& t) {
  const int64_t n = t.num_elements();
  std::vector<int64_t> out(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    out[i] = t.dtype == DType::kInt64 ? t.data_as<int64_t>()[i] : t.data_as<int32_t>()[i];
  }
  return out;
}

Result<std::vector<int64_t>> ReadConstantInts(const TensorView& t, std::string_view role) {
  LF_RETURN_IF_ERROR(ExpectDTypeIn(t, role, {DType::kInt32, DType::kInt64}));
  LF_RETURN_IF_ERROR(ExpectConstant(t, role));
  return ReadInts(t);
}

Result<int> NormalizeAxis(int64_t axis, int rank, std::string_view role) {
  const int64_t normalized = axis < 0 ? axis + rank : axis;
  if (normalized < 0 || normalized >= rank) {
    return InvalidArgument("{} {} is out of range for rank {}", role, axis, rank);
  }
  return static_cast<int>(normalized);
}

}  // namespace liteforge::ops
