// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// MUL: input1 * input2 with NumPy broadcasting and a fused activation.
//
//   float32, int32, int64, uint32, and int16 without quantization: plain
//     (wrapping) products clamped to the activation's bounds.
//   complex64: plain products; a fused activation is an error, as in TFLite.
//   uint8, int8, int16 quantized: (a - zp_a) * (b - zp_b) rescaled by
//     sa * sb / so (the factor formed in float, like TFLite); int16 needs
//     zero points of 0.
//   int16 quantized inputs with a uint8 / int8 output: TFLite's Q0.15
//     fixed-point product, rounded down by 8 bits.
//
// float32, uint8 and int8 run a SIMD variant (kernels/elementwise/
// elementwise_variants.h, bit-exact with the reference) picked once in
// Prepare under ctx.max_isa(); large outputs are split into contiguous
// ranges over the thread pool. --isa=reference keeps the reference kernels.

#include <complex>

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

bool HasQuant(const TensorView& t) { return t.quant != nullptr && !t.quant->empty(); }

class Mul final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* a, RequiredInput(ctx, 0, "input1"));
    LF_ASSIGN_OR_RETURN(const TensorView* b, RequiredInput(ctx, 1, "input2"));
    const TensorView& out = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*a, "input1",
                                     {DType::kFloat32, DType::kInt32, DType::kInt64, DType::kUInt8,
                                      DType::kInt8, DType::kInt16, DType::kUInt32,
                                      DType::kComplex64}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*a, "input1", *b, "input2"));
    const bool int16_to_8bit = a->dtype == DType::kInt16 &&
                               (out.dtype == DType::kInt8 || out.dtype == DType::kUInt8);
    if (!int16_to_8bit) LF_RETURN_IF_ERROR(ExpectSameDType(*a, "input1", out, "output"));
    LF_ASSIGN_OR_RETURN(plan_, ew::MakeBroadcastPlan({&a->shape, &b->shape}));
    f32_variant_ = nullptr;
    qs8_variant_ = nullptr;
    qu8_variant_ = nullptr;
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, plan_.output_shape));

    const ir::Activation activation = ctx.options<ir::FusedActivationOptions>().activation;
    const int act = static_cast<int>(activation);
    switch (a->dtype) {
      case DType::kFloat32: {
        path_ = Path::kF32;
        const auto bounds = ew::ActivationBounds<float>(act);
        f_lo_ = bounds.lo;
        f_hi_ = bounds.hi;
        if (ew::BinaryPlanVectorizable(plan_)) f32_variant_ = ew::SelectF32Mul(ctx.max_isa());
        return Status::Ok();
      }
      case DType::kInt32:
        path_ = Path::kS32;
        SetIntBounds<int32_t>(act);
        return Status::Ok();
      case DType::kInt64:
        path_ = Path::kS64;
        SetIntBounds<int64_t>(act);
        return Status::Ok();
      case DType::kUInt32: {
        path_ = Path::kU32;
        const auto bounds = ew::ActivationBounds<uint32_t>(act);
        u_lo_ = bounds.lo;
        u_hi_ = bounds.hi;
        return Status::Ok();
      }
      case DType::kComplex64:
        if (activation != ir::Activation::kNone) {
          return InvalidArgument("fused activation {} is not allowed for complex64 inputs",
                                 ir::ActivationName(activation));
        }
        path_ = Path::kC64;
        return Status::Ok();
      case DType::kInt16:
        if (!HasQuant(out)) {
          path_ = Path::kS16;
          SetIntBounds<int16_t>(act);
          return Status::Ok();
        }
        return PrepareQuantized(*a, *b, out, activation, int16_to_8bit, ctx.max_isa());
      default:
        return PrepareQuantized(*a, *b, out, activation, false, ctx.max_isa());
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
        ew::f32_mul__reference(plan_, a.data_as<float>(), b.data_as<float>(),
                               out.data_as<float>(), f_lo_, f_hi_);
        break;
      case Path::kS16:
        ew::s16_mul__reference(plan_, a.data_as<int16_t>(), b.data_as<int16_t>(),
                               out.data_as<int16_t>(), static_cast<int16_t>(i_lo_),
                               static_cast<int16_t>(i_hi_));
        break;
      case Path::kS32:
        ew::s32_mul__reference(plan_, a.data_as<int32_t>(), b.data_as<int32_t>(),
                               out.data_as<int32_t>(), static_cast<int32_t>(i_lo_),
                               static_cast<int32_t>(i_hi_));
        break;
      case Path::kS64:
        ew::s64_mul__reference(plan_, a.data_as<int64_t>(), b.data_as<int64_t>(),
                               out.data_as<int64_t>(), i_lo_, i_hi_);
        break;
      case Path::kU32:
        ew::u32_mul__reference(plan_, a.data_as<uint32_t>(), b.data_as<uint32_t>(),
                               out.data_as<uint32_t>(), u_lo_, u_hi_);
        break;
      case Path::kC64:
        ew::c64_mul__reference(plan_, a.data_as<std::complex<float>>(),
                               b.data_as<std::complex<float>>(),
                               out.data_as<std::complex<float>>());
        break;
      case Path::kQU8:
        if (qu8_variant_ != nullptr) {
          ew::RunBinaryVariant(*qu8_variant_, plan_, a.data_as<uint8_t>(), b.data_as<uint8_t>(),
                               out.data_as<uint8_t>(), quant_, pool);
          break;
        }
        ew::qu8_mul__reference(plan_, a.data_as<uint8_t>(), b.data_as<uint8_t>(),
                               out.data_as<uint8_t>(), quant_);
        break;
      case Path::kQS8:
        if (qs8_variant_ != nullptr) {
          ew::RunBinaryVariant(*qs8_variant_, plan_, a.data_as<int8_t>(), b.data_as<int8_t>(),
                               out.data_as<int8_t>(), quant_, pool);
          break;
        }
        ew::qs8_mul__reference(plan_, a.data_as<int8_t>(), b.data_as<int8_t>(),
                               out.data_as<int8_t>(), quant_);
        break;
      case Path::kQS16:
        ew::qs16_mul__reference(plan_, a.data_as<int16_t>(), b.data_as<int16_t>(),
                                out.data_as<int16_t>(), quant_);
        break;
      case Path::kQS16ToQS8:
        ew::qs16_mul_qs8out__reference(plan_, a.data_as<int16_t>(), b.data_as<int16_t>(),
                                       out.data_as<int8_t>(), quant_);
        break;
      case Path::kQS16ToQU8:
        ew::qs16_mul_qu8out__reference(plan_, a.data_as<int16_t>(), b.data_as<int16_t>(),
                                       out.data_as<uint8_t>(), quant_);
        break;
    }
    return Status::Ok();
  }

 private:
  enum class Path {
    kF32, kS16, kS32, kS64, kU32, kC64, kQU8, kQS8, kQS16, kQS16ToQS8, kQS16ToQU8
  };

  template <typename T>
  void SetIntBounds(int act) {
    const auto bounds = ew::ActivationBounds<T>(act);
    i_lo_ = bounds.lo;
    i_hi_ = bounds.hi;
  }

  Status PrepareQuantized(const TensorView& a, const TensorView& b, const TensorView& out,
                          ir::Activation activation, bool int16_to_8bit, Isa max_isa) {
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(a, "input1"));
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(b, "input2"));
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(out, "output"));
    LF_RETURN_IF_ERROR(ExpectZeroPointInRange(a, "input1"));
    LF_RETURN_IF_ERROR(ExpectZeroPointInRange(b, "input2"));
    LF_RETURN_IF_ERROR(ExpectZeroPointInRange(out, "output"));
    LF_ASSIGN_OR_RETURN(const QuantRange range, ActivationRangeQuantized(activation, out));
    quant_ = ew::MakeQuantMulParams(Operand(a), Operand(b), Operand(out), range.min, range.max);
    if (int16_to_8bit) {
      path_ = out.dtype == DType::kInt8 ? Path::kQS16ToQS8 : Path::kQS16ToQU8;
      return Status::Ok();
    }
    const bool vectorizable = ew::BinaryPlanVectorizable(plan_) && ew::QuantMulVectorizable(quant_);
    switch (a.dtype) {
      case DType::kUInt8:
        path_ = Path::kQU8;
        if (vectorizable) qu8_variant_ = ew::SelectQu8Mul(max_isa);
        return Status::Ok();
      case DType::kInt8:
        path_ = Path::kQS8;
        if (vectorizable) qs8_variant_ = ew::SelectQs8Mul(max_isa);
        return Status::Ok();
      default: break;
    }
    // int16: symmetric only, so the product of two inputs fits in int32.
    for (const auto& [t, role] : {std::pair{&a, "input1"}, {&b, "input2"}, {&out, "output"}}) {
      if (t->zero_point() != 0) {
        return InvalidArgument("{} is int16 with zero point {}; int16 MUL needs zero point 0",
                               Describe(*t, role), t->zero_point());
      }
    }
    path_ = Path::kQS16;
    return Status::Ok();
  }

  Path path_ = Path::kF32;
  ew::BroadcastPlan plan_;
  float f_lo_ = 0.f, f_hi_ = 0.f;
  int64_t i_lo_ = 0, i_hi_ = 0;
  uint32_t u_lo_ = 0, u_hi_ = 0;
  ew::QuantMulParams quant_;
  // Null: the reference kernel.
  const ew::F32MulVariant* f32_variant_ = nullptr;
  const ew::Qs8MulVariant* qs8_variant_ = nullptr;
  const ew::Qu8MulVariant* qu8_variant_ = nullptr;
};

}  // namespace

void RegisterMul(OpResolver& r) { r.AddBuiltin(ir::OpType::kMul, MakeKernel<Mul>, 1, 7); }

}  // namespace liteforge::ops
