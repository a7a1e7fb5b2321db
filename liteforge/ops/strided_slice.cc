// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// STRIDED_SLICE: input[begin:end:stride] per dim, with TFLite's masks:
//   begin_mask / end_mask   ignore begin / end for that dim (full range in
//                           the stride's direction);
//   ellipsis_mask           one entry standing for all dims not named;
//   new_axis_mask           insert a dim of size 1 (ignored where the
//                           ellipsis bit is also set);
//   shrink_axis_mask        take the single element at begin and drop the dim;
//   offset                  end is relative to begin (end = begin + end).
// Negative indices count from the back; out-of-range begin/end are clamped
// as in TFLite's DynamicStridedSlice (StartForAxis / EndForAxis). Missing
// trailing entries take whole dims. When begin, end or strides are known
// only at run time the output is dynamic.
//
// Where TFLite's kernel is quirky liteforge takes TensorFlow's meaning: a
// shrunk dim with a negative stride still yields its element (TFLite writes
// nothing), a shrink index outside the dim is an error, and with `offset`
// the output size is the clamped range rather than the raw end value.

#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

bool Bit(int32_t mask, int64_t i) { return i >= 0 && i < 32 && ((static_cast<uint32_t>(mask) >> i) & 1u); }

struct SliceSpec {
  std::vector<int64_t> begin, end, strides;
};

struct Resolved {
  Shape output;
  std::vector<int64_t> counts;   // per effective dim
  std::vector<int64_t> steps;    // input element step per effective dim
  int64_t base = 0;              // first input element read
};

Result<Resolved> Resolve(const Shape& in, const SliceSpec& spec, const ir::StridedSliceOptions& o) {
  const int64_t n = static_cast<int64_t>(spec.begin.size());
  if (spec.end.size() != spec.begin.size() || spec.strides.size() != spec.begin.size()) {
    return InvalidArgument("begin, end and strides have {}, {} and {} entries", spec.begin.size(),
                           spec.end.size(), spec.strides.size());
  }
  if (n > 32) return InvalidArgument("begin has {} entries; at most 32 are supported", n);
  const int in_rank = in.rank();
  int64_t num_new = 0, consuming = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (Bit(o.ellipsis_mask, i)) {
      continue;
    } else if (Bit(o.new_axis_mask, i)) {
      ++num_new;
    } else {
      ++consuming;
    }
  }
  if (consuming > in_rank) {
    return InvalidArgument("the slice names {} dims but the input has rank {}", consuming, in_rank);
  }
  const int64_t eff_rank = in_rank + num_new;

  // Expand the ellipsis; find which effective dims are new axes.
  std::vector<uint8_t> ellipsis(static_cast<size_t>(eff_rank), 0), new_axis(ellipsis);
  int64_t ellipsis_start = eff_rank, expanded = 0;
  for (int64_t i = 0; i < eff_rank;) {
    if (i < n && Bit(o.ellipsis_mask, i)) {
      ellipsis_start = i;
      const int64_t stop =
          std::max(i + 1, std::min(i + 1 + num_new + in_rank - n, eff_rank));
      expanded = stop - i - 1;
      for (; i < stop; ++i) ellipsis[i] = 1;
      continue;
    }
    if (i - expanded < n && Bit(o.new_axis_mask, i - expanded)) new_axis[i] = 1;
    ++i;
  }

  std::vector<int64_t> in_strides(static_cast<size_t>(in_rank));
  kernels::RowMajorStrides(in.dims(), in_strides);

  Resolved r;
  std::vector<int32_t> out_dims;
  int64_t added_axes = 0, added_ellipsis = 0;
  for (int64_t i = 0; i < eff_rank; ++i) {
    if (new_axis[i]) {
      r.counts.push_back(1);
      r.steps.push_back(0);
      out_dims.push_back(1);
      ++added_axes;
      continue;
    }
    const int64_t d = i - added_axes;  // the input dim this effective dim walks
    const int64_t size = in.dim(static_cast<int>(d));
    int64_t start = 0, stop = 0, stride = 1;
    bool begin_masked = true, end_masked = true, shrink = false;
    if (ellipsis[i]) {
      added_ellipsis = std::max<int64_t>(0, i - ellipsis_start);
    } else if (i < n + expanded) {
      const int64_t k = i - added_ellipsis;  // entry of begin/end/strides
      start = spec.begin[k];
      stop = spec.end[k];
      stride = spec.strides[k];
      begin_masked = Bit(o.begin_mask, k);
      end_masked = Bit(o.end_mask, k);
      shrink = Bit(o.shrink_axis_mask, k);
    }
    if (stride == 0) return InvalidArgument("strides[{}] is 0", i - added_ellipsis);

    // Start: wrap negatives, clamp, then apply the mask.
    int64_t s = start < 0 ? start + size : start;
    s = stride > 0 ? std::clamp<int64_t>(s, 0, size) : std::clamp<int64_t>(s, -1, size - 1);
    if (begin_masked) s = stride > 0 ? 0 : size - 1;
    if (shrink) {
      if (s < 0 || s >= size) {
        return InvalidArgument("shrink_axis index {} is out of range for dim {} of size {}", start,
                               d, size);
      }
      r.counts.push_back(1);
      r.steps.push_back(0);
      r.base += s * in_strides[d];
      continue;
    }
    int64_t e = o.offset ? stop + s : stop;
    e = e < 0 ? e + size : e;
    e = stride > 0 ? std::clamp<int64_t>(e, 0, size) : std::clamp<int64_t>(e, -1, size - 1);
    if (end_masked) e = stride > 0 ? size : -1;
    const int64_t span = stride > 0 ? e - s : s - e;
    const int64_t step = stride > 0 ? stride : -stride;
    const int64_t count = span <= 0 ? 0 : (span + step - 1) / step;
    r.counts.push_back(count);
    r.steps.push_back(stride * in_strides[d]);
    if (count > 0) r.base += s * in_strides[d];
    out_dims.push_back(static_cast<int32_t>(count));
  }
  r.output = Shape(std::move(out_dims));
  return r;
}

class StridedSlice final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 3, 4));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const char* roles[] = {"input", "begin", "end", "strides"};
    bool all_constant = true;
    for (int i = 1; i < ctx.num_inputs(); ++i) {
      LF_ASSIGN_OR_RETURN(const TensorView* t, RequiredInput(ctx, i, roles[i]));
      LF_RETURN_IF_ERROR(ExpectDTypeIn(*t, roles[i], {DType::kInt32, DType::kInt64}));
      LF_RETURN_IF_ERROR(ExpectRank(*t, roles[i], 1));
      all_constant &= t->is_constant;
    }
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    elem_ = DTypeSize(input->dtype);
    if (elem_ == 0) {
      return Unimplemented("{} is {}, which has no fixed element size", Describe(*input, "input"),
                           DTypeName(input->dtype));
    }
    options_ = ctx.options<ir::StridedSliceOptions>();
    input_shape_ = input->shape;
    if (!all_constant) {
      dynamic_ = true;
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    LF_ASSIGN_OR_RETURN(const Resolved r, Resolve(input_shape_, ReadSpec(ctx), options_));
    LF_RETURN_IF_ERROR(MakePlan(r, &plan_));
    return ctx.SetOutputShape(0, r.output);
  }

  Status Eval(EvalContext& ctx) const override {
    kernels::StridedCopyPlan dynamic_plan;
    const kernels::StridedCopyPlan* plan = &plan_;
    if (dynamic_) {
      SliceSpec spec;
      spec.begin = ReadInts(*ctx.input(1));
      spec.end = ReadInts(*ctx.input(2));
      spec.strides = ctx.input(3) ? ReadInts(*ctx.input(3))
                                  : std::vector<int64_t>(spec.begin.size(), 1);
      LF_ASSIGN_OR_RETURN(const Resolved r, Resolve(input_shape_, spec, options_));
      LF_RETURN_IF_ERROR(MakePlan(r, &dynamic_plan));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, r.output));
      plan = &dynamic_plan;
    }
    kernels::SelectStridedCopy(*plan)(*plan, ctx.input(0)->data, ctx.output(0).data);
    return Status::Ok();
  }

 private:
  static SliceSpec ReadSpec(const PrepareContext& ctx) {
    SliceSpec spec;
    spec.begin = ReadInts(*ctx.input(1));
    spec.end = ReadInts(*ctx.input(2));
    spec.strides = ctx.input(3) ? ReadInts(*ctx.input(3)) : std::vector<int64_t>(spec.begin.size(), 1);
    return spec;
  }

  Status MakePlan(const Resolved& r, kernels::StridedCopyPlan* plan) const {
    if (!kernels::MakeStridedCopyPlan(r.counts, r.steps, r.base, elem_, plan)) {
      return Unimplemented("cannot plan the copy: too many dims or elements");
    }
    return Status::Ok();
  }

  size_t elem_ = 0;
  bool dynamic_ = false;
  Shape input_shape_;
  ir::StridedSliceOptions options_;
  kernels::StridedCopyPlan plan_;
};

}  // namespace

void RegisterStridedSlice(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kStridedSlice, MakeKernel<StridedSlice>, 1, 8);
}

}  // namespace liteforge::ops
