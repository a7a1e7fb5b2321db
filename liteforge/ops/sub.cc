// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SUB: input1 - input2 with NumPy broadcasting and a fused activation.
//
//   float32, int32, int64: plain differences clamped to the activation's
//     bounds (TFLite ignores TANH / SIGN_BIT here, so does this).
//   uint8, int8: TFLite's general rescaling (20-bit shift), table-driven.
//     Unlike ADD, SUB accepts an output rescale factor above one.
//   int16 (quantized, zero points 0): the power-of-two path when the
//     pot_scale_int16 option is set and every scale is a power of two,
//     otherwise the general rescaling with a 15-bit shift. TFLite has no
//     unquantized int16 SUB; neither has this.
//
// Large 8-bit SUBs (kPairTableMinElements outputs or more) look every
// result up in a 256 x 256 table that Prepare fills with the reference
// kernel (kernels/elementwise/pair_table.h): bit-exact, one load per
// element instead of the rescaling arithmetic. --isa=reference keeps the
// reference kernel.

#include "liteforge/kernels/elementwise/activation_bounds.h"
#include "liteforge/kernels/elementwise/broadcast.h"
#include "liteforge/kernels/elementwise/pair_table.h"
#include "liteforge/kernels/elementwise/quantized.h"
#include "liteforge/kernels/elementwise/reference.h"
#include "liteforge/ops/activation_range.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

namespace ew = kernels::elementwise;

ew::QuantOperand Operand(const TensorView& t) { return {t.scale(), t.zero_point()}; }

class Sub final : public OpKernel {
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
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, plan_.output_shape));

    const auto& opts = ctx.options<ir::FusedActivationOptions>();
    const int act = static_cast<int>(opts.activation);
    switch (a->dtype) {
      case DType::kFloat32: {
        path_ = Path::kF32;
        const auto bounds = ew::ActivationBounds<float>(act);
        f_lo_ = bounds.lo;
        f_hi_ = bounds.hi;
        return Status::Ok();
      }
      case DType::kInt32: {
        path_ = Path::kS32;
        const auto bounds = ew::ActivationBounds<int32_t>(act);
        i_lo_ = bounds.lo;
        i_hi_ = bounds.hi;
        return Status::Ok();
      }
      case DType::kInt64: {
        path_ = Path::kS64;
        const auto bounds = ew::ActivationBounds<int64_t>(act);
        i_lo_ = bounds.lo;
        i_hi_ = bounds.hi;
        return Status::Ok();
      }
      case DType::kInt16:
        return PrepareInt16(*a, *b, out, opts);
      default:
        return PrepareInt8(ctx, *a, *b, out, opts.activation);
    }
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& a = *ctx.input(0);
    const TensorView& b = *ctx.input(1);
    TensorView& out = ctx.output(0);
    switch (path_) {
      case Path::kF32:
        ew::f32_sub__reference(plan_, a.data_as<float>(), b.data_as<float>(),
                               out.data_as<float>(), f_lo_, f_hi_);
        break;
      case Path::kS32:
        ew::s32_sub__reference(plan_, a.data_as<int32_t>(), b.data_as<int32_t>(),
                               out.data_as<int32_t>(), static_cast<int32_t>(i_lo_),
                               static_cast<int32_t>(i_hi_));
        break;
      case Path::kS64:
        ew::s64_sub__reference(plan_, a.data_as<int64_t>(), b.data_as<int64_t>(),
                               out.data_as<int64_t>(), i_lo_, i_hi_);
        break;
      case Path::kQU8:
        if (pair_table_ != nullptr) {
          ew::LookupPairTable(plan_, a.data_as<uint8_t>(), b.data_as<uint8_t>(), pair_table_,
                              out.data_as<uint8_t>());
          break;
        }
        ew::qu8_sub__reference(plan_, a.data_as<uint8_t>(), b.data_as<uint8_t>(),
                               out.data_as<uint8_t>(), quant_, tables_);
        break;
      case Path::kQS8:
        if (pair_table_ != nullptr) {
          ew::LookupPairTable(plan_, a.data_as<int8_t>(), b.data_as<int8_t>(), pair_table_,
                              out.data_as<int8_t>());
          break;
        }
        ew::qs8_sub__reference(plan_, a.data_as<int8_t>(), b.data_as<int8_t>(),
                               out.data_as<int8_t>(), quant_, tables_);
        break;
      case Path::kQS16:
        ew::qs16_sub__reference(plan_, a.data_as<int16_t>(), b.data_as<int16_t>(),
                                out.data_as<int16_t>(), quant_);
        break;
      case Path::kQS16Pot:
        ew::qs16_sub_pot__reference(plan_, a.data_as<int16_t>(), b.data_as<int16_t>(),
                                    out.data_as<int16_t>(), pot_);
        break;
    }
    return Status::Ok();
  }

 private:
  enum class Path { kF32, kS32, kS64, kQU8, kQS8, kQS16, kQS16Pot };

  Status ExpectQuantOperands(const TensorView& a, const TensorView& b, const TensorView& out) {
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(a, "input1"));
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(b, "input2"));
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(out, "output"));
    LF_RETURN_IF_ERROR(ExpectZeroPointInRange(a, "input1"));
    LF_RETURN_IF_ERROR(ExpectZeroPointInRange(b, "input2"));
    return ExpectZeroPointInRange(out, "output");
  }

  Status PrepareInt8(PrepareContext& ctx, const TensorView& a, const TensorView& b,
                     const TensorView& out, ir::Activation act) {
    LF_RETURN_IF_ERROR(ExpectQuantOperands(a, b, out));
    LF_ASSIGN_OR_RETURN(const QuantRange range, ActivationRangeQuantized(act, out));
    LF_ASSIGN_OR_RETURN(quant_, ew::MakeQuantAddParams(Operand(a), Operand(b), Operand(out),
                                                       /*left_shift=*/20,
                                                       /*allow_large_output_multiplier=*/true,
                                                       range.min, range.max));
    const bool is_signed = a.dtype == DType::kInt8;
    tables_ = ew::MakeQuantAdd8Tables(quant_, is_signed);
    path_ = is_signed ? Path::kQS8 : Path::kQU8;
    pair_table_ = nullptr;
    if (ctx.max_isa() == Isa::kReference || plan_.num_elements < ew::kPairTableMinElements) {
      return Status::Ok();
    }
    // Every result tabulated by the reference kernel itself (pair_table.h).
    if (pair_table_memory_ == nullptr) {
      pair_table_memory_ = ctx.AllocatePersistent(ew::kPairTableSize);
      if (pair_table_memory_ == nullptr) {
        return ResourceExhausted("cannot allocate {} bytes for the SUB result table",
                                 ew::kPairTableSize);
      }
    }
    const ew::PairTableInputs& sweep = ew::PairTableSweep();
    if (is_signed) {
      ew::qs8_sub__reference(sweep.plan, reinterpret_cast<const int8_t*>(sweep.a.data()),
                             reinterpret_cast<const int8_t*>(sweep.b.data()),
                             reinterpret_cast<int8_t*>(pair_table_memory_), quant_, tables_);
    } else {
      ew::qu8_sub__reference(sweep.plan, sweep.a.data(), sweep.b.data(), pair_table_memory_,
                             quant_, tables_);
    }
    pair_table_ = pair_table_memory_;
    return Status::Ok();
  }

  Status PrepareInt16(const TensorView& a, const TensorView& b, const TensorView& out,
                      const ir::FusedActivationOptions& opts) {
    if (out.quant == nullptr || out.quant->empty()) {
      return Unimplemented("{} is int16 without quantization; SUB supports only quantized int16",
                           Describe(out, "output"));
    }
    LF_RETURN_IF_ERROR(ExpectQuantOperands(a, b, out));
    for (const auto& [t, role] : {std::pair{&a, "input1"}, {&b, "input2"}, {&out, "output"}}) {
      if (t->zero_point() != 0) {
        return InvalidArgument("{} is int16 with zero point {}; int16 SUB needs zero point 0",
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
                                                       /*allow_large_output_multiplier=*/true,
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
  // 8-bit results of every input pair (large outputs only), or null.
  const uint8_t* pair_table_ = nullptr;
  uint8_t* pair_table_memory_ = nullptr;
};

}  // namespace

void RegisterSub(OpResolver& r) { r.AddBuiltin(ir::OpType::kSub, MakeKernel<Sub>, 1, 5); }

}  // namespace liteforge::ops
