// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// A complete, minimal liteforge delegate: it claims float32 ADD and MUL ops
// whose two inputs have the same shape and no fused activation, and runs
// each partition itself. It shows the whole C ABI life cycle (create,
// supports_node, init/prepare/invoke/free partition, destroy) and is what
// the runtime's delegate tests load with dlopen.
//
// Options (after '?' in --delegate path.so?options): "ops=ADD" or
// "ops=MUL" restricts what it claims; default both.

#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "liteforge/runtime/delegate_abi.h"

namespace {

struct DelegateState {
  bool add = true;
  bool mul = true;
  LfDelegateApi api{};
};

struct Step {
  bool is_add;
  int32_t a, b, out;  // tensor indices in the subgraph
};

struct Partition {
  std::vector<Step> steps;
  // Results of steps whose tensor is not a partition output live here.
  std::vector<std::vector<float>> temps;
  size_t elements = 0;
};

int64_t Elements(const LfTensor& t) {
  int64_t n = 1;
  for (int32_t d = 0; d < t.rank; ++d) n *= t.dims[d];
  return n;
}

int32_t Supports(void* user, const LfGraphApi* api, const LfGraph* g, int32_t node) {
  const auto* self = static_cast<DelegateState*>(user);
  const std::string op = api->node_op(g, node);
  if (!((op == "ADD" && self->add) || (op == "MUL" && self->mul))) return 0;
  if (api->node_num_inputs(g, node) != 2 || api->node_num_outputs(g, node) != 1) return 0;
  double activation = 0;
  if (api->node_attribute(g, node, "activation", &activation) && activation != 0) return 0;
  LfTensor a{}, b{}, out{};
  if (!api->tensor(g, api->node_input(g, node, 0), &a) || !api->tensor(g, api->node_input(g, node, 1), &b) ||
      !api->tensor(g, api->node_output(g, node, 0), &out)) {
    return 0;
  }
  if (a.dtype != LF_FLOAT32 || b.dtype != LF_FLOAT32 || out.dtype != LF_FLOAT32) return 0;
  if (a.rank != b.rank) return 0;
  for (int32_t d = 0; d < a.rank; ++d) {
    if (a.dims[d] != b.dims[d]) return 0;
  }
  return 1;
}

void* InitPartition(void*, const LfGraphApi* api, const LfGraph* g, const int32_t* nodes, int32_t n) {
  auto* p = new (std::nothrow) Partition();
  if (p == nullptr) return nullptr;
  for (int32_t i = 0; i < n; ++i) {
    p->steps.push_back({std::strcmp(api->node_op(g, nodes[i]), "ADD") == 0, api->node_input(g, nodes[i], 0),
                        api->node_input(g, nodes[i], 1), api->node_output(g, nodes[i], 0)});
  }
  return p;
}

int32_t PreparePartition(void* kernel, const LfTensor*, int32_t, const LfTensor* outputs, int32_t n_out,
                         char* error, size_t error_size) {
  auto* p = static_cast<Partition*>(kernel);
  if (n_out < 1) {
    std::snprintf(error, error_size, "partition has no outputs");
    return 1;
  }
  p->elements = static_cast<size_t>(Elements(outputs[0]));
  p->temps.assign(p->steps.size(), std::vector<float>(p->elements));
  return 0;
}

float* Find(const LfTensor* ts, int32_t n, int32_t index) {
  for (int32_t i = 0; i < n; ++i) {
    if (ts[i].index == index) return static_cast<float*>(ts[i].data);
  }
  return nullptr;
}

int32_t InvokePartition(void* kernel, const LfTensor* inputs, int32_t n_in, const LfTensor* outputs,
                        int32_t n_out, char* error, size_t error_size) {
  auto* p = static_cast<Partition*>(kernel);
  std::vector<std::pair<int32_t, const float*>> computed;
  auto value = [&](int32_t index) -> const float* {
    if (const float* f = Find(inputs, n_in, index)) return f;
    for (const auto& [i, ptr] : computed) {
      if (i == index) return ptr;
    }
    return nullptr;
  };
  for (size_t s = 0; s < p->steps.size(); ++s) {
    const Step& step = p->steps[s];
    const float* a = value(step.a);
    const float* b = value(step.b);
    if (a == nullptr || b == nullptr) {
      std::snprintf(error, error_size, "inputs of step %zu are not available", s);
      return 1;
    }
    float* out = Find(outputs, n_out, step.out);
    if (out == nullptr) out = p->temps[s].data();
    for (size_t i = 0; i < p->elements; ++i) out[i] = step.is_add ? a[i] + b[i] : a[i] * b[i];
    computed.emplace_back(step.out, out);
  }
  return 0;
}

void FreePartition(void* kernel) { delete static_cast<Partition*>(kernel); }

void Destroy(void* user) { delete static_cast<DelegateState*>(user); }

}  // namespace

extern "C" __attribute__((visibility("default"))) const LfDelegateApi* liteforge_delegate_create(
    const char* options) {
  auto* state = new (std::nothrow) DelegateState();
  if (state == nullptr) return nullptr;
  const std::string opts = options ? options : "";
  if (opts == "ops=ADD") {
    state->mul = false;
  } else if (opts == "ops=MUL") {
    state->add = false;
  } else if (!opts.empty()) {
    delete state;
    return nullptr;  // unknown options are refused
  }
  state->api.abi_version = LF_DELEGATE_ABI_VERSION;
  state->api.name = "sample-elementwise";
  state->api.user_data = state;
  state->api.supports_node = Supports;
  state->api.init_partition = InitPartition;
  state->api.prepare_partition = PreparePartition;
  state->api.invoke_partition = InvokePartition;
  state->api.free_partition = FreePartition;
  state->api.destroy = Destroy;
  return &state->api;
}
