// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// RANGE: the sequence start, start + delta, ... up to (not including) limit.
// Inputs are three scalars of one dtype: int32, int64, float32, float16, or
// int8 / int16 (raw, or quantized when they carry quantization). The length
// and the values follow TFLite's kernel exactly:
//   - integers: (|limit - start| + |delta| - 1) / |delta|; float:
//     ceil(|(limit - start) / delta|), computed in the element type (half
//     precision for float16);
//   - each value is the previous one plus delta (accumulated, not
//     start + i * delta);
//   - quantized: start, limit and delta are dequantized with their own
//     parameters, the length uses the integer formula on those floats, and
//     every value is quantized with start's scale and zero point.
// Delta must be non-zero and point from start towards limit. Inputs known
// only at run time make the output dynamic.

#include <cmath>

#include "liteforge/base/float16.h"
#include "liteforge/kernels/scan/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

bool Quantized(const TensorView& t) {
  return (t.dtype == DType::kInt8 || t.dtype == DType::kInt16) && t.quant != nullptr &&
         !t.quant->scale.empty();
}

int64_t RawInt(const TensorView& t) {
  switch (t.dtype) {
    case DType::kInt8: return *t.data_as<int8_t>();
    case DType::kInt16: return *t.data_as<int16_t>();
    case DType::kInt32: return *t.data_as<int32_t>();
    default: return *t.data_as<int64_t>();
  }
}

float Dequantized(const TensorView& t) {
  const double scale = t.quant->scale0();
  return static_cast<float>(scale * static_cast<double>(RawInt(t) - t.quant->zero_point0()));
}

Status CheckDirection(bool delta_zero, bool start_ge_limit, bool start_le_limit, bool delta_neg,
                      bool delta_pos) {
  if (delta_zero) return InvalidArgument("delta is 0");
  if (!((start_ge_limit && delta_neg) || (start_le_limit && delta_pos))) {
    return InvalidArgument("delta points away from limit");
  }
  return Status::Ok();
}

Result<int64_t> Length(const TensorView& s, const TensorView& l, const TensorView& d) {
  int64_t n = 0;
  if (Quantized(s)) {
    const float fs = Dequantized(s), fl = Dequantized(l), fd = Dequantized(d);
    LF_RETURN_IF_ERROR(CheckDirection(fd == 0.f, fs >= fl, fs <= fl, fd < 0.f, fd > 0.f));
    const float len = (std::abs(fl - fs) + std::abs(fd) - 1.f) / std::abs(fd);
    n = static_cast<int64_t>(len);
  } else if (s.dtype == DType::kFloat32) {
    const float fs = *s.data_as<float>(), fl = *l.data_as<float>(), fd = *d.data_as<float>();
    LF_RETURN_IF_ERROR(CheckDirection(fd == 0.f, fs >= fl, fs <= fl, fd < 0.f, fd > 0.f));
    const float len = std::ceil(std::abs((fl - fs) / fd));
    if (!(len <= static_cast<float>(std::numeric_limits<int32_t>::max()))) {
      return InvalidArgument("the range has too many elements");
    }
    n = static_cast<int64_t>(len);
  } else if (s.dtype == DType::kFloat16) {
    const float fs = HalfToFloat(*s.data_as<uint16_t>()), fl = HalfToFloat(*l.data_as<uint16_t>()),
                fd = HalfToFloat(*d.data_as<uint16_t>());
    LF_RETURN_IF_ERROR(CheckDirection(fd == 0.f, fs >= fl, fs <= fl, fd < 0.f, fd > 0.f));
    const float diff = HalfToFloat(FloatToHalf(fl - fs));
    const float ratio = HalfToFloat(FloatToHalf(diff / fd));
    const float len = std::ceil(std::abs(ratio));
    if (!(len <= 65504.f)) return InvalidArgument("the range has too many elements");
    n = static_cast<int64_t>(len);
  } else {
    const int64_t is = RawInt(s), il = RawInt(l), id = RawInt(d);
    LF_RETURN_IF_ERROR(CheckDirection(id == 0, is >= il, is <= il, id < 0, id > 0));
    const __int128 span = static_cast<__int128>(il) - is;
    const __int128 step = id < 0 ? -static_cast<__int128>(id) : static_cast<__int128>(id);
    const __int128 len = ((span < 0 ? -span : span) + step - 1) / step;
    if (len > std::numeric_limits<int32_t>::max()) {
      return InvalidArgument("the range has too many elements");
    }
    n = static_cast<int64_t>(len);
  }
  if (n > std::numeric_limits<int32_t>::max()) return InvalidArgument("the range has too many elements");
  return std::max<int64_t>(n, 0);
}

class Range final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 3));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    const char* roles[] = {"start", "limit", "delta"};
    bool all_constant = true;
    const TensorView* in[3];
    for (int i = 0; i < 3; ++i) {
      LF_ASSIGN_OR_RETURN(in[i], RequiredInput(ctx, i, roles[i]));
      if (in[i]->num_elements() != 1) {
        return InvalidArgument("{} must be a scalar, has shape {}", Describe(*in[i], roles[i]),
                               in[i]->shape.ToString());
      }
      all_constant &= in[i]->is_constant;
    }
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*in[0], "start",
                                     {DType::kInt32, DType::kInt64, DType::kFloat32,
                                      DType::kFloat16, DType::kInt8, DType::kInt16}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*in[1], "limit", *in[0], "start"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*in[2], "delta", *in[0], "start"));
    LF_RETURN_IF_ERROR(ExpectSameDType(ctx.output(0), "output", *in[0], "start"));
    if (Quantized(*in[0]) && (!Quantized(*in[1]) || !Quantized(*in[2]))) {
      return InvalidArgument("start is quantized but limit or delta is not");
    }
    if (!all_constant) {
      ctx.MarkOutputDynamic(0);
      dynamic_ = true;
      return Status::Ok();
    }
    LF_ASSIGN_OR_RETURN(const int64_t n, Length(*in[0], *in[1], *in[2]));
    return ctx.SetOutputShape(0, Shape({static_cast<int32_t>(n)}));
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& s = *ctx.input(0);
    const TensorView& d = *ctx.input(2);
    if (dynamic_) {
      LF_ASSIGN_OR_RETURN(const int64_t len, Length(s, *ctx.input(1), d));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, Shape({static_cast<int32_t>(len)})));
    }
    TensorView& out = ctx.output(0);
    const int64_t n = out.num_elements();
    if (Quantized(s)) {
      const float scale = s.quant->scale0();
      const int32_t zp = s.quant->zero_point0();
      if (s.dtype == DType::kInt8) {
        kernels::qs8_range__reference(Dequantized(s), Dequantized(d), scale, zp, n,
                                      out.data_as<int8_t>());
      } else {
        kernels::qs16_range__reference(Dequantized(s), Dequantized(d), scale, zp, n,
                                       out.data_as<int16_t>());
      }
      return Status::Ok();
    }
    switch (s.dtype) {
      case DType::kFloat32:
        kernels::f32_range__reference(*s.data_as<float>(), *d.data_as<float>(), n,
                                      out.data_as<float>());
        break;
      case DType::kFloat16:
        kernels::f16_range__reference(*s.data_as<uint16_t>(), *d.data_as<uint16_t>(), n,
                                      out.data_as<uint16_t>());
        break;
      case DType::kInt32:
        kernels::s32_range__reference(*s.data_as<int32_t>(), *d.data_as<int32_t>(), n,
                                      out.data_as<int32_t>());
        break;
      case DType::kInt64:
        kernels::s64_range__reference(*s.data_as<int64_t>(), *d.data_as<int64_t>(), n,
                                      out.data_as<int64_t>());
        break;
      case DType::kInt16:
        kernels::s16_range__reference(*s.data_as<int16_t>(), *d.data_as<int16_t>(), n,
                                      out.data_as<int16_t>());
        break;
      default:
        kernels::s8_range__reference(*s.data_as<int8_t>(), *d.data_as<int8_t>(), n,
                                     out.data_as<int8_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  bool dynamic_ = false;
};

}  // namespace

void RegisterRange(OpResolver& r) { r.AddBuiltin(ir::OpType::kRange, MakeKernel<Range>, 1, 2); }

}  // namespace liteforge::ops
