// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ADD: input1 + input2 with NumPy broadcasting and a fused activation.
//
//   float32, int32, int64, and int16 without quantization: plain sums,
//     clamped to the activation's bounds (TFLite ignores TANH / SIGN_BIT
//     here, so does this).
//   uint8, int8: TFLite's general rescaling (20-bit shift), table-driven.
//   int16 quantized (zero points 0): the power-of-two path when the
//     pot_scale_int16 option is set and every scale is a power of two,
//     otherwise the general rescaling with a 15-bit shift. As in TFLite a
//     power-of-two model whose scales do not line up is an error, not a
//     fallback.
//
// float32, uint8 and int8 run a SIMD variant (kernels/elementwise/
// elementwise_variants.h, bit-exact with the reference) picked once in
// Prepare under ctx.max_isa(); large outputs are split into contiguous
// ranges over the thread pool. --isa=reference keeps the reference kernels.

#include "liteforge/kernels/elementwise/activation_bounds.h"
#include "liteforge/kernels/elementwise/broadcast.h"
#include "liteforge/kernels/elementwise/elementwise_variants.h"
#include "liteforge/kernels/elementwise/quantized.h"
#include "liteforge/kernels/elementwise/reference.h"
#include "liteforge/ops/activation_range.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

namespace ew = kernels::elementwise;

ew::QuantOperand Operand(const TensorView& t) { return {t.scale(), t.zero_point()}; }

class Add final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* a, RequiredInput(ctx, 0, "input1"));
    LF_ASSIGN_OR_RETURN(const TensorView* b, RequiredInput(ctx, 1, "input2"));
    const TensorView& out = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*a, "input1",
                                     {DType::kFloat32, DType::kInt32, DType::kInt64, DType::kUInt8,
                                      DType::kInt8, DType::kInt16}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*a, "input1", *b, "input2"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*a, "input1", out, "output"));
    LF_ASSIGN_OR_RETURN(plan_, ew::MakeBroadcastPlan({&a->shape, &b->shape}));
    f32_variant_ = nullptr;
    qs8_variant_ = nullptr;
    qu8_variant_ = nullptr;
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, plan_.output_shape));

    const auto& opts = ctx.options<ir::FusedActivationOptions>();
    const int act = static_cast<int>(opts.activation);
    switch (a->dtype) {
      case DType::kFloat32: {
        path_ = Path::kF32;
        const auto bounds = ew::ActivationBounds<float>(act);
        f_lo_ = bounds.lo;
        f_hi_ = bounds.hi;
        if (ew::BinaryPlanVectorizable(plan_)) f32_variant_ = ew::SelectF32Add(ctx.max_isa());
        return Status::Ok();
      }
      case DType::kInt32:
        path_ = Path::kS32;
        return SetIntBounds<int32_t>(act);
      case DType::kInt64:
        path_ = Path::kS64;
        return SetIntBounds<int64_t>(act);
      case DType::kInt16:
        if (out.quant == nullptr || out.quant->empty()) {
          path_ = Path::kS16;
          return SetIntBounds<int16_t>(act);
        }
        return PrepareInt16(*a, *b, out, opts);
      default:
        return PrepareInt8(*a, *b, out, opts.activation, ctx.max_isa());
    }
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& a = *ctx.input(0);
    const TensorView& b = *ctx.input(1);
    TensorView& out = ctx.output(0);
    ThreadPool* pool = ctx.thread_pool();
    switch (path_) {
      case Path::kF32:
        if (f32_variant_ != nullptr) {
          ew::RunBinaryVariant(*f32_variant_, plan_, a.data_as<float>(), b.data_as<float>(),
                               out.data_as<float>(), ew::Bounds<float>{f_lo_, f_hi_}, pool);
          break;
        }
        ew::f32_add__reference(plan_, a.data_as<float>(), b.data_as<float>(),
                               out.data_as<float>(), f_lo_, f_hi_);
        break;
      case Path::kS16:
        ew::s16_add__reference(plan_, a.data_as<int16_t>(), b.data_as<int16_t>(),
                               out.data_as<int16_t>(), static_cast<int16_t>(i_lo_),
                               static_cast<int16_t>(i_hi_));
        break;
      case Path::kS32:
        ew::s32_add__reference(plan_, a.data_as<int32_t>(), b.data_as<int32_t>(),
                               out.data_as<int32_t>(), static_cast<int32_t>(i_lo_),
                               static_cast<int32_t>(i_hi_));
        break;
      case Path::kS64:
        ew::s64_add__reference(plan_, a.data_as<int64_t>(), b.data_as<int64_t>(),
                               out.data_as<int64_t>(), i_lo_, i_hi_);
        break;
      case Path::kQU8:
        if (qu8_variant_ != nullptr) {
          ew::RunBinaryVariant(*qu8_variant_, plan_, a.data_as<uint8_t>(), b.data_as<uint8_t>(),
                               out.data_as<uint8_t>(), quant_, pool);
          break;
        }
        ew::qu8_add__reference(plan_, a.data_as<uint8_t>(), b.data_as<uint8_t>(),
                               out.data_as<uint8_t>(), quant_, tables_);
        break;
      case Path::kQS8:
        if (qs8_variant_ != nullptr) {
          ew::RunBinaryVariant(*qs8_variant_, plan_, a.data_as<int8_t>(), b.data_as<int8_t>(),
                               out.data_as<int8_t>(), quant_, pool);
          break;
        }
        ew::qs8_add__reference(plan_, a.data_as<int8_t>(), b.data_as<int8_t>(),
                               out.data_as<int8_t>(), quant_, tables_);
        break;
      case Path::kQS16:
        ew::qs16_add__reference(plan_, a.data_as<int16_t>(), b.data_as<int16_t>(),
                                out.data_as<int16_t>(), quant_);
        break;
      case Path::kQS16Pot:
        ew::qs16_add_pot__reference(plan_, a.data_as<int16_t>(), b.data_as<int16_t>(),
                                    out.data_as<int16_t>(), pot_);
        break;
    }
    return Status::Ok();
  }

 private:
  enum class Path { kF32, kS16, kS32, kS64, kQU8, kQS8, kQS16, kQS16Pot };

  template <typename T>
  Status SetIntBounds(int act) {
    const auto bounds = ew::ActivationBounds<T>(act);
    i_lo_ = bounds.lo;
    i_hi_ = bounds.hi;
    return Status::Ok();
  }

  Status PrepareInt8(const TensorView& a, const TensorView& b, const TensorView& out,
                     ir::Activation act, Isa max_isa) {
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(a, "input1"));
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(b, "input2"));
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(out, "output"));
    LF_RETURN_IF_ERROR(ExpectZeroPointInRange(a, "input1"));
    LF_RETURN_IF_ERROR(ExpectZeroPointInRange(b, "input2"));
    LF_RETURN_IF_ERROR(ExpectZeroPointInRange(out, "output"));
    LF_ASSIGN_OR_RETURN(const QuantRange range, ActivationRangeQuantized(act, out));
    LF_ASSIGN_OR_RETURN(quant_, ew::MakeQuantAddParams(Operand(a), Operand(b), Operand(out),
                                                       /*left_shift=*/20,
                                                       /*allow_large_output_multiplier=*/false,
                                                       range.min, range.max));
    const bool is_signed = a.dtype == DType::kInt8;
    tables_ = ew::MakeQuantAdd8Tables(quant_, is_signed);
    path_ = is_signed ? Path::kQS8 : Path::kQU8;
    // The variants compute the rescaling instead of looking it up, which is
    // exact for the parameters QuantAddVectorizable accepts.
    if (ew::BinaryPlanVectorizable(plan_) && ew::QuantAddVectorizable(quant_)) {
      if (is_signed) {
        qs8_variant_ = ew::SelectQs8Add(max_isa);
      } else {
        qu8_variant_ = ew::SelectQu8Add(max_isa);
      }
    }
    return Status::Ok();
  }

  Status PrepareInt16(const TensorView& a, const TensorView& b, const TensorView& out,
                      const ir::FusedActivationOptions& opts) {
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(a, "input1"));
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(b, "input2"));
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(out, "output"));
    for (const auto& [t, role] : {std::pair{&a, "input1"}, {&b, "input2"}, {&out, "output"}}) {
      if (t->zero_point() != 0) {
        return InvalidArgument("{} is int16 with zero point {}; int16 ADD needs zero point 0",
                               Describe(*t, role), t->zero_point());
      }
    }
    LF_ASSIGN_OR_RETURN(const QuantRange range, ActivationRangeQuantized(opts.activation, out));
    int unused = 0;
    const bool pot = opts.pot_scale_int16 && ew::IsPowerOfTwoScale(a.scale(), &unused) &&
                     ew::IsPowerOfTwoScale(b.scale(), &unused) &&
                     ew::IsPowerOfTwoScale(out.scale(), &unused);
    if (pot) {
      LF_ASSIGN_OR_RETURN(pot_, ew::MakeQuantPotAddParams(Operand(a), Operand(b), Operand(out),
                                                          range.min, range.max));
      path_ = Path::kQS16Pot;
      return Status::Ok();
    }
    LF_ASSIGN_OR_RETURN(quant_, ew::MakeQuantAddParams(Operand(a), Operand(b), Operand(out),
                                                       /*left_shift=*/15,
                                                       /*allow_large_output_multiplier=*/false,
                                                       range.min, range.max));
    path_ = Path::kQS16;
    return Status::Ok();
  }

  Path path_ = Path::kF32;
  ew::BroadcastPlan plan_;
  float f_lo_ = 0.f, f_hi_ = 0.f;
  int64_t i_lo_ = 0, i_hi_ = 0;
  ew::QuantAddParams quant_;
  ew::QuantPotAddParams pot_;
  ew::QuantAdd8Tables tables_{};
  // Null: the reference kernel.
  const ew::F32AddVariant* f32_variant_ = nullptr;
  const ew::Qs8AddVariant* qs8_variant_ = nullptr;
  const ew::Qu8AddVariant* qu8_variant_ = nullptr;
};

}  // namespace

void RegisterAdd(OpResolver& r) { r.AddBuiltin(ir::OpType::kAdd, MakeKernel<Add>, 1, 5); }

}  // namespace liteforge::ops
