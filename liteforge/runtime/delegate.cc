// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/runtime/delegate.h"

#include <dlfcn.h>

#include <algorithm>
#include <set>

#include "liteforge/runtime/delegate_abi.h"

namespace liteforge::runtime {

ir::Op MakePartitionNode(const ir::Graph& graph, int s, const std::vector<int>& ops) {
  const ir::Subgraph& sg = graph.subgraphs[s];
  std::set<int32_t> inside_outputs;
  for (int o : ops) {
    for (int32_t t : sg.ops[o].outputs) inside_outputs.insert(t);
  }
  ir::Op node;
  node.type = ir::OpType::kDelegate;
  std::set<int32_t> seen_inputs;
  for (int o : ops) {
    for (int32_t t : sg.ops[o].inputs) {
      if (t < 0 || inside_outputs.count(t) || seen_inputs.count(t)) continue;
      seen_inputs.insert(t);
      node.inputs.push_back(t);
    }
  }
  const int last = ops.empty() ? -1 : ops.back();
  std::set<int32_t> needed_after(sg.outputs.begin(), sg.outputs.end());
  for (int o = last + 1; o < static_cast<int>(sg.ops.size()); ++o) {
    for (int32_t t : sg.ops[o].inputs) needed_after.insert(t);
  }
  for (int o : ops) {
    for (int32_t t : sg.ops[o].outputs) {
      if (needed_after.count(t)) node.outputs.push_back(t);
    }
  }
  return node;
}

namespace {

struct GraphHandle {
  const ir::Graph* graph;
  int subgraph;
  std::vector<std::string> op_names;
};

const GraphHandle* H(const LfGraph* g) { return reinterpret_cast<const GraphHandle*>(g); }
const ir::Subgraph& Sg(const LfGraph* g) { return H(g)->graph->subgraphs[H(g)->subgraph]; }
bool ValidNode(const LfGraph* g, int32_t n) {
  return n >= 0 && n < static_cast<int32_t>(Sg(g).ops.size());
}

void FillTensor(const TensorView& v, LfTensor* out) {
  out->dtype = static_cast<int32_t>(v.dtype);
  out->rank = v.shape.rank();
  out->dims = v.shape.dims().data();
  out->scale = v.quant && !v.quant->scale.empty() ? v.quant->scale[0] : 0.f;
  out->zero_point = v.quant && !v.quant->zero_point.empty() ? v.quant->zero_point[0] : 0;
  out->data = v.data;
  out->bytes = v.bytes;
  out->name = v.name.data();
  out->is_constant = v.is_constant ? 1 : 0;
  out->index = v.index;
}

const LfGraphApi kGraphApi = {
    [](const LfGraph* g) -> int32_t { return static_cast<int32_t>(Sg(g).ops.size()); },
    [](const LfGraph* g, int32_t n) -> const char* {
      return ValidNode(g, n) ? H(g)->op_names[n].c_str() : "";
    },
    [](const LfGraph* g, int32_t n) -> int32_t { return ValidNode(g, n) ? Sg(g).ops[n].version : 0; },
    [](const LfGraph* g, int32_t n) -> int32_t {
      return ValidNode(g, n) ? static_cast<int32_t>(Sg(g).ops[n].inputs.size()) : 0;
    },
    [](const LfGraph* g, int32_t n, int32_t i) -> int32_t {
      if (!ValidNode(g, n) || i < 0 || i >= static_cast<int32_t>(Sg(g).ops[n].inputs.size())) return -1;
      return Sg(g).ops[n].inputs[i];
    },
    [](const LfGraph* g, int32_t n) -> int32_t {
      return ValidNode(g, n) ? static_cast<int32_t>(Sg(g).ops[n].outputs.size()) : 0;
    },
    [](const LfGraph* g, int32_t n, int32_t i) -> int32_t {
      if (!ValidNode(g, n) || i < 0 || i >= static_cast<int32_t>(Sg(g).ops[n].outputs.size())) return -1;
      return Sg(g).ops[n].outputs[i];
    },
    [](const LfGraph* g, int32_t n, const char* key, double* value) -> int32_t {
      if (!ValidNode(g, n) || key == nullptr) return 0;
      for (const auto& [name, v] : ir::OptionFields(Sg(g).ops[n].options)) {
        if (name == key) {
          *value = v;
          return 1;
        }
      }
      return 0;
    },
    [](const LfGraph* g) -> int32_t { return static_cast<int32_t>(Sg(g).tensors.size()); },
    [](const LfGraph* g, int32_t index, LfTensor* out) -> int32_t {
      const ir::Subgraph& sg = Sg(g);
      if (index < 0 || index >= static_cast<int32_t>(sg.tensors.size()) || out == nullptr) return 0;
      const ir::Tensor& t = sg.tensors[index];
      TensorView v;
      v.dtype = t.dtype;
      v.shape = t.shape;
      v.quant = &t.quant;
      v.name = t.name;
      v.index = index;
      v.is_constant = t.is_constant();
      if (t.is_constant()) {
        v.data = const_cast<uint8_t*>(t.data->data());
        v.bytes = t.data->size();
      }
      FillTensor(v, out);
      // dims must outlive the call: point at the graph's own storage.
      out->dims = t.shape.dims().data();
      return 1;
    },
};

// Shared state of a loaded library; partitions keep it alive.
struct LoadedLibrary {
  void* handle = nullptr;
  const LfDelegateApi* api = nullptr;
  std::string name;
  ~LoadedLibrary() {
    if (api != nullptr && api->destroy != nullptr) api->destroy(api->user_data);
    // The library stays mapped: kernels or static destructors inside it
    // may still be referenced at process exit.
  }
};

class PartitionKernel final : public ops::OpKernel {
 public:
  PartitionKernel(std::shared_ptr<LoadedLibrary> lib, void* handle)
      : lib_(std::move(lib)), handle_(handle) {}
  ~PartitionKernel() override {
    if (handle_ != nullptr && lib_->api->free_partition != nullptr) lib_->api->free_partition(handle_);
  }

  Status Prepare(ops::PrepareContext& ctx) override {
    // Outputs keep the shapes the model declares; the delegate checks them.
    for (int i = 0; i < ctx.num_outputs(); ++i) {
      LF_RETURN_IF_ERROR(ctx.SetOutputShape(i, ctx.output(i).shape));
    }
    std::vector<LfTensor> in, out;
    Collect(ctx, &in, &out);
    char error[512] = {0};
    if (lib_->api->prepare_partition != nullptr &&
        lib_->api->prepare_partition(handle_, in.data(), static_cast<int32_t>(in.size()),
                                     out.data(), static_cast<int32_t>(out.size()), error,
                                     sizeof(error)) != 0) {
      return InvalidArgument("delegate '{}' failed to prepare: {}", lib_->name, error);
    }
    return Status::Ok();
  }

  Status Eval(ops::EvalContext& ctx) const override {
    LfTensor in[64], out[64];
    const int n_in = std::min(ctx.num_inputs(), 64), n_out = std::min(ctx.num_outputs(), 64);
    for (int i = 0; i < n_in; ++i) FillTensor(*ctx.input(i), &in[i]);
    for (int i = 0; i < n_out; ++i) FillTensor(ctx.output(i), &out[i]);
    char error[512] = {0};
    if (lib_->api->invoke_partition(handle_, in, n_in, out, n_out, error, sizeof(error)) != 0) {
      return Internal("delegate '{}' failed: {}", lib_->name, error);
    }
    return Status::Ok();
  }

  bool HasSideEffects() const override { return true; }

 private:
  static void Collect(ops::PrepareContext& ctx, std::vector<LfTensor>* in, std::vector<LfTensor>* out) {
    in->resize(ctx.num_inputs());
    out->resize(ctx.num_outputs());
    for (int i = 0; i < ctx.num_inputs(); ++i) FillTensor(*ctx.input(i), &(*in)[i]);
    for (int i = 0; i < ctx.num_outputs(); ++i) FillTensor(ctx.output(i), &(*out)[i]);
  }

  std::shared_ptr<LoadedLibrary> lib_;
  void* handle_;
};

class SharedLibraryDelegate final : public Delegate {
 public:
  explicit SharedLibraryDelegate(std::shared_ptr<LoadedLibrary> lib) : lib_(std::move(lib)) {}
  const std::string& name() const override { return lib_->name; }

  Result<std::vector<DelegatedPartition>> Partition(
      const ir::Graph& graph, int s, const std::vector<DelegatedPartition>& taken) override {
    const ir::Subgraph& sg = graph.subgraphs[s];
    auto handle = std::make_shared<GraphHandle>();
    handle->graph = &graph;
    handle->subgraph = s;
    for (const auto& op : sg.ops) handle->op_names.push_back(op.DisplayName());
    const LfGraph* g = reinterpret_cast<const LfGraph*>(handle.get());
    std::set<int> already;
    for (const auto& p : taken) already.insert(p.ops.begin(), p.ops.end());

    std::vector<std::vector<int>> runs;
    std::vector<int> run;
    for (int o = 0; o < static_cast<int>(sg.ops.size()); ++o) {
      const bool mine = !already.count(o) &&
                        lib_->api->supports_node(lib_->api->user_data, &kGraphApi, g, o) != 0;
      if (mine) {
        run.push_back(o);
      } else if (!run.empty()) {
        runs.push_back(std::move(run));
        run.clear();
      }
    }
    if (!run.empty()) runs.push_back(std::move(run));

    std::vector<DelegatedPartition> partitions;
    for (auto& ops : runs) {
      DelegatedPartition p;
      p.ops = ops;
      p.node = MakePartitionNode(graph, s, ops);
      p.delegate_name = lib_->name;
      auto lib = lib_;
      auto graph_handle = handle;
      auto nodes = ops;
      p.factory = [lib, graph_handle, nodes]() -> std::unique_ptr<ops::OpKernel> {
        void* kernel = lib->api->init_partition(
            lib->api->user_data, &kGraphApi, reinterpret_cast<const LfGraph*>(graph_handle.get()),
            nodes.data(), static_cast<int32_t>(nodes.size()));
        if (kernel == nullptr) return nullptr;
        return std::make_unique<PartitionKernel>(lib, kernel);
      };
      partitions.push_back(std::move(p));
    }
    return partitions;
  }

 private:
  std::shared_ptr<LoadedLibrary> lib_;
};

}  // namespace

Result<std::shared_ptr<Delegate>> LoadDelegate(const std::string& spec) {
  const size_t q = spec.find('?');
  const std::string path = spec.substr(0, q);
  const std::string options = q == std::string::npos ? "" : spec.substr(q + 1);
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* err = dlerror();
    return NotFound("cannot load delegate '{}': {}", path, err ? err : "unknown error");
  }
  auto create = reinterpret_cast<LfDelegateCreateFn>(dlsym(handle, "liteforge_delegate_create"));
  if (create == nullptr) {
    return InvalidArgument("'{}' is not a liteforge delegate: it does not export "
                           "liteforge_delegate_create",
                           path);
  }
  const LfDelegateApi* api = create(options.c_str());
  if (api == nullptr) return InvalidArgument("delegate '{}' refused options '{}'", path, options);
  if (api->abi_version != LF_DELEGATE_ABI_VERSION) {
    return Unimplemented("delegate '{}' speaks ABI version {}, this liteforge speaks {}", path,
                         api->abi_version, LF_DELEGATE_ABI_VERSION);
  }
  if (api->supports_node == nullptr || api->init_partition == nullptr ||
      api->invoke_partition == nullptr) {
    return InvalidArgument("delegate '{}' leaves required functions unset", path);
  }
  auto lib = std::make_shared<LoadedLibrary>();
  lib->handle = handle;
  lib->api = api;
  lib->name = api->name != nullptr ? api->name : path;
  return std::shared_ptr<Delegate>(std::make_shared<SharedLibraryDelegate>(std::move(lib)));
}

}  // namespace liteforge::runtime
