// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The XNNPACK delegate's two halves: Partition, which claims every op that
// XNNPACK accepts (asked op by op, in a throwaway one-op runtime, so the
// answer is this XNNPACK version's and not a guess), and the partition
// kernel, which builds one XNNPACK runtime per run of claimed ops in Prepare
// and invokes it in Eval.

#include "liteforge/delegates/xnnpack/xnnpack_delegate.h"

#include <pthreadpool.h>
#include <xnnpack.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "liteforge/base/logging.h"
#include "liteforge/delegates/xnnpack/subgraph_builder.h"

namespace liteforge::delegates::xnnpack {
namespace {

// State the delegate shares with the kernels it creates; kernels keep it
// alive, so the thread pool outlives every runtime that uses it.
class SharedState {
 public:
  explicit SharedState(int threads) : threads_(threads) {}
  ~SharedState() {
    if (pool_ != nullptr) pthreadpool_destroy(pool_);
  }
  SharedState(const SharedState&) = delete;
  SharedState& operator=(const SharedState&) = delete;

  // The pool for `interpreter_threads` workers (or the `threads=` option),
  // created on first use; null means run on the calling thread.
  pthreadpool_t Pool(int interpreter_threads) {
    const int threads = threads_ > 0 ? threads_ : interpreter_threads;
    if (threads <= 1) return nullptr;
    std::lock_guard<std::mutex> lock(mu_);
    if (pool_ == nullptr) pool_ = pthreadpool_create(static_cast<size_t>(threads));
    return pool_;
  }

 private:
  const int threads_;  // 0: the interpreter's
  std::mutex mu_;
  pthreadpool_t pool_ = nullptr;
};

// XNNPACK's vector loads may read up to XNN_EXTRA_BYTES past the end of an
// input. Inside a page that is harmless; across a page boundary it could
// fault, so such an input is read from a padded copy instead. 4096 is the
// smallest page size, so the test is conservative on larger pages.
bool ReadsPastPage(const void* data, size_t bytes) {
  const uintptr_t end = reinterpret_cast<uintptr_t>(data) + bytes;
  constexpr uintptr_t kPage = 4096;
  return (end - 1) / kPage != (end - 1 + XNN_EXTRA_BYTES) / kPage;
}

class PartitionKernel final : public ops::OpKernel {
 public:
  PartitionKernel(std::shared_ptr<SharedState> shared, std::shared_ptr<const GraphFacts> facts,
                  std::vector<int> ops)
      : shared_(std::move(shared)), facts_(std::move(facts)), ops_(std::move(ops)) {}
  ~PartitionKernel() override { Reset(); }

  Status Prepare(ops::PrepareContext& ctx) override {
    Reset();
    const ir::Subgraph& sg = facts_->subgraph();
    const ir::Op& node = ctx.op();
    std::vector<int32_t> inputs, outputs;
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      const int32_t t = node.inputs[i];
      if (t < 0 || facts_->IsStatic(t)) continue;  // baked into the runtime
      const TensorView* v = ctx.input(i);
      // The runtime is built for the shapes the model declares (this
      // XNNPACK has no shape inference of its own).
      if (v == nullptr || v->shape != sg.tensors[t].shape) {
        return Unimplemented(
            "{} is resized to {}; the XNNPACK delegate runs the model's own "
            "shapes ({})",
            ir::DescribeTensor(facts_->graph(), facts_->subgraph_index(), t),
            v != nullptr ? v->shape.ToString() : "?", sg.tensors[t].shape.ToString());
      }
      inputs.push_back(t);
      input_slots_.push_back(i);
    }
    for (int i = 0; i < ctx.num_outputs(); ++i) {
      const int32_t t = node.outputs[i];
      LF_RETURN_IF_ERROR(ctx.SetOutputShape(i, sg.tensors[t].shape));
      outputs.push_back(t);
    }
    buffers_ = std::make_unique<StaticBuffers>();
    LF_ASSIGN_OR_RETURN(auto builder,
                        SubgraphBuilder::Create(*facts_, inputs, outputs, buffers_.get()));
    for (int o : ops_) {
      LF_RETURN_IF_ERROR_CTX(builder->DefineOp(o), "XNNPACK delegate: {}",
                             ir::DescribeOp(facts_->graph(), facts_->subgraph_index(), o));
    }
    LF_ASSIGN_OR_RETURN(runtime_, builder->CreateRuntime(shared_->Pool(ctx.num_threads())));
    staging_.assign(input_slots_.size(), {});
    return Status::Ok();
  }

  Status Eval(ops::EvalContext& ctx) const override {
    // One XNNPACK runtime is not re-entrant; a plan shared by several
    // contexts takes turns.
    std::lock_guard<std::mutex> lock(mu_);
    externals_.clear();
    uint32_t id = 0;
    for (size_t k = 0; k < input_slots_.size(); ++k) {
      const TensorView* v = ctx.input(input_slots_[k]);
      void* data = v->data;
      if (ReadsPastPage(data, v->bytes)) {
        std::vector<uint8_t>& copy = staging_[k];
        if (copy.size() < v->bytes + XNN_EXTRA_BYTES) copy.resize(v->bytes + XNN_EXTRA_BYTES);
        std::memcpy(copy.data(), data, v->bytes);
        data = copy.data();
      }
      externals_.push_back({id++, data});
    }
    for (int i = 0; i < ctx.num_outputs(); ++i) externals_.push_back({id++, ctx.output(i).data});
    // Setting up rebuilds indirection buffers: only when pointers moved.
    bool same = externals_.size() == bound_.size();
    for (size_t k = 0; same && k < externals_.size(); ++k)
      same = externals_[k].data == bound_[k].data;
    if (!same) {
      const xnn_status s = xnn_setup_runtime(runtime_, externals_.size(), externals_.data());
      if (s != xnn_status_success) {
        bound_.clear();
        return Internal("xnn_setup_runtime failed: {}", XnnStatusName(s));
      }
      bound_ = externals_;
    }
    const xnn_status s = xnn_invoke_runtime(runtime_);
    if (s != xnn_status_success) return Internal("xnn_invoke_runtime failed: {}", XnnStatusName(s));
    return Status::Ok();
  }

 private:
  void Reset() {
    if (runtime_ != nullptr) xnn_delete_runtime(runtime_);
    runtime_ = nullptr;
    input_slots_.clear();
    bound_.clear();
  }

  std::shared_ptr<SharedState> shared_;
  std::shared_ptr<const GraphFacts> facts_;
  std::vector<int> ops_;
  std::unique_ptr<StaticBuffers> buffers_;  // outlives runtime_ (Reset deletes it first)
  xnn_runtime_t runtime_ = nullptr;
  std::vector<int> input_slots_;  // node input index of external input k
  mutable std::mutex mu_;
  mutable std::vector<std::vector<uint8_t>> staging_;
  mutable std::vector<xnn_external_value> externals_;
  mutable std::vector<xnn_external_value> bound_;  // what the runtime is set up with
};

class XnnpackDelegate final : public runtime::Delegate {
 public:
  explicit XnnpackDelegate(int threads)
      : name_(kXnnpackDelegateName), shared_(std::make_shared<SharedState>(threads)) {}
  const std::string& name() const override { return name_; }

  Result<std::vector<runtime::DelegatedPartition>> Partition(
      const ir::Graph& graph, int s,
      const std::vector<runtime::DelegatedPartition>& taken) override {
    auto facts = std::make_shared<const GraphFacts>(graph, s);
    const ir::Subgraph& sg = graph.subgraphs[s];
    std::set<int> already;
    for (const auto& p : taken) already.insert(p.ops.begin(), p.ops.end());

    std::vector<std::vector<int>> runs;
    std::vector<int> run;
    int claimed = 0;
    for (int o = 0; o < static_cast<int>(sg.ops.size()); ++o) {
      if (already.count(o)) {
        if (!run.empty()) runs.push_back(std::move(run));
        run.clear();
        continue;
      }
      if (Claims(*facts, o)) {
        run.push_back(o);
        ++claimed;
        continue;
      }
      // A DEQUANTIZE of constant weights between two convolutions is folded
      // by liteforge and baked into the runtime here: it need not split the
      // run (which would cost a partition boundary per layer in float16
      // models).
      if (OnlyMakesStaticTensors(*facts, o)) continue;
      if (!run.empty()) runs.push_back(std::move(run));
      run.clear();
    }
    if (!run.empty()) runs.push_back(std::move(run));
    Log(LogLevel::kInfo, "xnnpack: subgraph {}: {} of {} ops in {} partitions", s, claimed,
        sg.ops.size(), runs.size());

    std::vector<runtime::DelegatedPartition> partitions;
    for (auto& ops : runs) {
      runtime::DelegatedPartition p;
      p.ops = ops;
      p.node = runtime::MakePartitionNode(graph, s, ops);
      p.delegate_name = name_;
      p.factory = [shared = shared_, facts, ops]() -> std::unique_ptr<ops::OpKernel> {
        return std::make_unique<PartitionKernel>(shared, facts, ops);
      };
      partitions.push_back(std::move(p));
    }
    return partitions;
  }

 private:
  // Whether XNNPACK runs op o: the op alone in a subgraph must define and
  // give a runtime (which is where XNNPACK checks dtypes and quantization
  // scales). Ops whose inputs are all static are left to constant folding.
  static bool Claims(const GraphFacts& facts, int o) {
    const ir::Op& op = facts.subgraph().ops[o];
    std::vector<int32_t> inputs;
    for (int32_t t : op.inputs) {
      if (t < 0 || facts.IsStatic(t)) continue;
      if (std::find(inputs.begin(), inputs.end(), t) == inputs.end()) inputs.push_back(t);
    }
    if (inputs.empty()) return false;
    StaticBuffers buffers;
    auto builder = SubgraphBuilder::Create(facts, inputs, op.outputs, &buffers);
    Status status = builder.ok() ? (*builder)->DefineOp(o) : builder.status();
    if (status.ok()) {
      auto runtime = (*builder)->CreateRuntime(nullptr);
      if (runtime.ok()) {
        xnn_delete_runtime(*runtime);
        return true;
      }
      status = runtime.status();
    }
    Log(LogLevel::kDebug, "xnnpack: leaves {} to liteforge: {}",
        ir::DescribeOp(facts.graph(), facts.subgraph_index(), o), status.message());
    return false;
  }

  static bool OnlyMakesStaticTensors(const GraphFacts& facts, int o) {
    const ir::Op& op = facts.subgraph().ops[o];
    if (op.outputs.empty()) return false;
    for (int32_t t : op.outputs) {
      if (!facts.IsStatic(t)) return false;
    }
    return true;
  }

  std::string name_;
  std::shared_ptr<SharedState> shared_;
};

Result<int> ParseThreads(std::string_view options) {
  int threads = 0;
  size_t pos = 0;
  while (pos < options.size()) {
    size_t end = options.find_first_of("&,", pos);
    if (end == std::string_view::npos) end = options.size();
    const std::string_view item = options.substr(pos, end - pos);
    pos = end + 1;
    if (item.empty()) continue;
    constexpr std::string_view kThreads = "threads=";
    if (item.substr(0, kThreads.size()) != kThreads) {
      return InvalidArgument("xnnpack delegate: unknown option '{}' (it takes threads=N)", item);
    }
    const std::string_view value = item.substr(kThreads.size());
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), threads);
    if (ec != std::errc() || ptr != value.data() + value.size() || threads < 1 || threads > 256) {
      return InvalidArgument("xnnpack delegate: threads must be 1..256, got '{}'", value);
    }
  }
  return threads;
}

}  // namespace

Result<std::shared_ptr<runtime::Delegate>> CreateXnnpackDelegate(std::string_view options) {
  LF_ASSIGN_OR_RETURN(const int threads, ParseThreads(options));
  // Idempotent: XNNPACK initialises its tables once per process.
  const xnn_status s = xnn_initialize(nullptr);
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK cannot run on this CPU: xnn_initialize returned {}",
                         XnnStatusName(s));
  }
  return std::shared_ptr<runtime::Delegate>(std::make_shared<XnnpackDelegate>(threads));
}

}  // namespace liteforge::delegates::xnnpack
