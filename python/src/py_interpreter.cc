// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "python/src/py_interpreter.h"

#include <algorithm>
#include <cstring>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "liteforge/base/mapped_file.h"
#include "liteforge/format/tflite/reader.h"
#include "python/src/numpy_types.h"

namespace py = pybind11;

namespace liteforge::python {
namespace {

// Model bytes owned by a Python `bytes` object, used in place: weights stay
// zero-copy views into it, as they are into a mapped file.
class PyBytesSource final : public ByteSource {
 public:
  explicit PyBytesSource(py::bytes bytes) : object_(bytes.release().ptr()) {
    char* data = nullptr;
    Py_ssize_t size = 0;
    PyBytes_AsStringAndSize(object_, &data, &size);
    bytes_ = {reinterpret_cast<const uint8_t*>(data), static_cast<size_t>(size)};
  }
  ~PyBytesSource() override {
    // The graph (and with it this source) may be released from any thread;
    // after the interpreter has shut down there is nothing left to release.
    if (!Py_IsInitialized()) return;
    py::gil_scoped_acquire gil;
    Py_XDECREF(object_);
  }
  std::span<const uint8_t> bytes() const override { return bytes_; }
  const std::string& origin() const override { return origin_; }

 private:
  PyObject* object_;
  std::span<const uint8_t> bytes_;
  std::string origin_ = "<model_content>";
};

[[noreturn]] void ThrowRuntime(const Status& s) { throw std::runtime_error(s.message()); }
[[noreturn]] void ThrowValue(const Status& s) { throw py::value_error(s.message()); }

py::array_t<int32_t> IntArray(std::span<const int32_t> v) {
  py::array_t<int32_t> a(static_cast<py::ssize_t>(v.size()));
  if (!v.empty()) std::memcpy(a.mutable_data(), v.data(), v.size() * sizeof(int32_t));
  return a;
}

py::dict SparsityDict(const ir::Sparsity& sp) {
  py::dict d;
  d["traversal_order"] = IntArray(sp.traversal_order);
  if (!sp.block_map.empty()) d["block_map"] = IntArray(sp.block_map);
  py::list dims;
  for (const ir::SparseDim& dim : sp.dim_metadata) {
    py::dict m;
    if (dim.format == ir::SparseDim::Format::kDense) {
      m["format"] = 0;
      m["dense_size"] = dim.dense_size;
    } else {
      m["format"] = 1;
      m["array_segments"] = IntArray(dim.array_segments);
      m["array_indices"] = IntArray(dim.array_indices);
    }
    dims.append(std::move(m));
  }
  d["dim_metadata"] = std::move(dims);
  return d;
}

std::string DescribeShape(std::span<const int64_t> dims) {
  return fmt::format("[{}]", fmt::join(dims, ", "));
}

}  // namespace

// Handed to numpy as the base object of every view: keeps the interpreter
// (and so its arena) alive and counts itself as a live view.
struct PyInterpreter::ViewLease {
  explicit ViewLease(std::shared_ptr<PyInterpreter> owner) : owner(std::move(owner)) {
    ++this->owner->live_views_;
  }
  ~ViewLease() { --owner->live_views_; }
  std::shared_ptr<PyInterpreter> owner;
};

PyInterpreter::PyInterpreter(std::unique_ptr<Interpreter> interp, const PyInterpreterOptions&)
    : interp_(std::move(interp)) {}

std::shared_ptr<PyInterpreter> PyInterpreter::Create(std::shared_ptr<const ir::Graph> graph,
                                                     const PyInterpreterOptions& options) {
  InterpreterOptions io;
  io.num_threads = options.num_threads;
  if (options.reference_kernels) io.max_isa = Isa::kReference;
  if (options.preserve_all_tensors) {
    // Every intermediate must exist and keep its value: no arena sharing,
    // no folding, no fused-away tensors.
    io.planner = runtime::PlannerKind::kLinear;
    io.fold_constants = false;
    io.fuse_ops = false;
  }
  io.loaded_delegates = options.delegates;
  auto interp = Interpreter::FromGraph(std::move(graph), io);
  if (!interp.ok()) ThrowValue(interp.status());
  return std::shared_ptr<PyInterpreter>(new PyInterpreter(std::move(*interp), options));
}

std::shared_ptr<PyInterpreter> PyInterpreter::FromFile(const std::string& path,
                                                       const PyInterpreterOptions& options) {
  auto graph = tflite_format::ReadTfliteFile(path);
  if (!graph.ok()) ThrowValue(graph.status());
  return Create(std::make_shared<const ir::Graph>(std::move(*graph)), options);
}

std::shared_ptr<PyInterpreter> PyInterpreter::FromBuffer(const py::object& model,
                                                         const PyInterpreterOptions& options) {
  std::shared_ptr<const ByteSource> source;
  if (py::isinstance<py::bytes>(model)) {
    source = std::make_shared<PyBytesSource>(py::reinterpret_borrow<py::bytes>(model));
  } else {
    py::buffer_info info = py::reinterpret_borrow<py::buffer>(model).request();
    const size_t size = static_cast<size_t>(info.size * info.itemsize);
    // A mutable buffer (bytearray, numpy array) could change under the
    // graph: take a copy.
    source = CopyBytes({static_cast<const uint8_t*>(info.ptr), size}, "<model_content>");
  }
  auto graph = tflite_format::ReadTflite(std::move(source));
  if (!graph.ok()) ThrowValue(graph.status());
  return Create(std::make_shared<const ir::Graph>(std::move(*graph)), options);
}

const ir::Subgraph& PyInterpreter::Subgraph(int s) const {
  const auto& subgraphs = interp_->graph().subgraphs;
  if (s < 0 || s >= static_cast<int>(subgraphs.size())) {
    throw py::value_error(fmt::format("Invalid subgraph index {}: the model has {} subgraphs", s,
                                      subgraphs.size()));
  }
  return subgraphs[s];
}

const ir::Tensor& PyInterpreter::GraphTensor(int s, int t) const {
  const ir::Subgraph& sg = Subgraph(s);
  if (t < 0 || t >= static_cast<int>(sg.tensors.size())) {
    throw py::value_error(fmt::format("Invalid tensor index {}: subgraph {} has {} tensors", t, s,
                                      sg.tensors.size()));
  }
  return sg.tensors[t];
}

void PyInterpreter::EnsureNoLiveViews() const {
  if (live_views_.load() > 0) {
    throw std::runtime_error(fmt::format(
        "There is at least 1 reference to internal data in the interpreter in the form of a "
        "numpy array or slice ({} live). Be sure to only hold the function returned from "
        "tensor() if you are using raw data access.",
        live_views_.load()));
  }
}

bool PyInterpreter::NeedsAllocation(int s) const {
  if (s == 0) return interp_->needs_allocation();
  auto it = side_.find(s);
  return it == side_.end() || it->second.dirty || it->second.context == nullptr;
}

Status PyInterpreter::Allocate(int s) {
  if (s == 0) return interp_->AllocateTensors();
  SideContext& side = side_[s];
  if (!side.dirty && side.context != nullptr) return Status::Ok();
  if (side.input_shapes.empty()) {
    for (int32_t t : Subgraph(s).inputs) side.input_shapes.push_back(Subgraph(s).tensors[t].shape);
  }
  LF_ASSIGN_OR_RETURN(side.context, interp_->CreateSubgraphContext(s, side.input_shapes));
  side.dirty = false;
  return Status::Ok();
}

runtime::ExecutionContext* PyInterpreter::CurrentContext(int s) {
  if (s == 0) return &interp_->context();  // FromGraph allocates
  auto it = side_.find(s);
  return it == side_.end() ? nullptr : it->second.context.get();
}

const Shape& PyInterpreter::RequestedInputShape(int s, int input) const {
  if (s == 0) return interp_->requested_input_shape(input);
  auto it = side_.find(s);
  const ir::Subgraph& sg = Subgraph(s);
  if (it == side_.end() || it->second.input_shapes.empty()) return sg.tensors[sg.inputs[input]].shape;
  return it->second.input_shapes[input];
}

int PyInterpreter::num_subgraphs() const {
  return static_cast<int>(interp_->graph().subgraphs.size());
}

int PyInterpreter::num_tensors(int s) const {
  std::lock_guard lock(mu_);
  return static_cast<int>(Subgraph(s).tensors.size());
}

std::vector<int> PyInterpreter::input_indices() const {
  const auto& in = interp_->graph().subgraphs[0].inputs;
  return {in.begin(), in.end()};
}

std::vector<int> PyInterpreter::output_indices() const {
  const auto& out = interp_->graph().subgraphs[0].outputs;
  return {out.begin(), out.end()};
}

py::dict PyInterpreter::tensor_details(int t, int s) {
  std::lock_guard lock(mu_);
  const ir::Tensor& it = GraphTensor(s, t);
  const auto dtype = NumpyDTypeOf(it.dtype);
  if (!dtype) {
    throw py::value_error(fmt::format("tensor {} '{}' is {}, which numpy cannot hold", t, it.name,
                                      DTypeName(it.dtype)));
  }
  // Inputs show a pending resize at once (as TFLite's do); other tensors
  // show the shape of the current plan, including shapes found at run time.
  Shape shape = it.shape;
  const auto& inputs = Subgraph(s).inputs;
  const auto input = std::find(inputs.begin(), inputs.end(), t);
  if (input != inputs.end()) {
    shape = RequestedInputShape(s, static_cast<int>(input - inputs.begin()));
  } else if (runtime::ExecutionContext* ctx = CurrentContext(s)) {
    shape = ctx->view(t).shape;
  }
  const QuantParams& q = it.quant;
  py::tuple quantization = py::make_tuple(0.0f, 0);
  if (q.scale.size() == 1) quantization = py::make_tuple(q.scale[0], q.zero_point0());
  std::vector<int32_t> zero_points(q.scale.size(), 0);
  for (size_t i = 0; i < std::min(q.zero_point.size(), zero_points.size()); ++i) {
    zero_points[i] = static_cast<int32_t>(q.zero_point[i]);
  }
  py::array_t<float> scales(static_cast<py::ssize_t>(q.scale.size()));
  if (!q.scale.empty()) std::memcpy(scales.mutable_data(), q.scale.data(), q.scale.size() * 4);

  py::dict quant_params;
  quant_params["scales"] = std::move(scales);
  quant_params["zero_points"] = IntArray(zero_points);
  quant_params["quantized_dimension"] = q.quantized_dimension;

  py::dict d;
  d["name"] = it.name;
  d["index"] = t;
  d["shape"] = IntArray(shape.dims());
  d["shape_signature"] = IntArray(it.shape_signature.empty() ? std::span<const int32_t>(shape.dims())
                                                              : std::span<const int32_t>(it.shape_signature));
  d["dtype"] = dtype->attr("type");
  d["quantization"] = std::move(quantization);
  d["quantization_parameters"] = std::move(quant_params);
  d["sparsity_parameters"] = it.sparsity ? SparsityDict(*it.sparsity) : py::dict();
  return d;
}

int PyInterpreter::num_ops(int s) const {
  std::lock_guard lock(mu_);
  return static_cast<int>(Subgraph(s).ops.size());
}

py::dict PyInterpreter::op_details(int o, int s) const {
  std::lock_guard lock(mu_);
  const ir::Subgraph& sg = Subgraph(s);
  if (o < 0 || o >= static_cast<int>(sg.ops.size())) {
    throw py::value_error(fmt::format("Invalid node index {}: subgraph {} has {} ops", o, s,
                                      sg.ops.size()));
  }
  const ir::Op& op = sg.ops[o];
  py::dict d;
  d["index"] = o;
  d["op_name"] = op.DisplayName();
  d["inputs"] = IntArray(op.inputs);
  d["outputs"] = IntArray(op.outputs);
  return d;
}

py::dict PyInterpreter::signature_defs() const {
  py::dict result;
  for (const ir::Signature& sig : interp_->graph().signatures) {
    auto sorted = [](std::vector<ir::SignatureTensor> v) {
      std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
      py::dict d;
      for (const auto& e : v) d[py::str(e.name)] = e.tensor_index;
      return d;
    };
    py::dict def;
    def["inputs"] = sorted(sig.inputs);
    def["outputs"] = sorted(sig.outputs);
    result[py::str(sig.key)] = std::move(def);
  }
  return result;
}

int PyInterpreter::signature_subgraph(const std::string& key) const {
  for (const ir::Signature& sig : interp_->graph().signatures) {
    if (sig.key == key) return sig.subgraph_index;
  }
  throw py::value_error(fmt::format("No signature '{}' in the model", key));
}

void PyInterpreter::allocate_tensors(int s) {
  std::lock_guard lock(mu_);
  Subgraph(s);
  EnsureNoLiveViews();
  if (Status st = Allocate(s); !st.ok()) ThrowRuntime(st);
}

void PyInterpreter::resize_input(int t, const std::vector<int64_t>& dims, bool strict, int s) {
  std::lock_guard lock(mu_);
  const ir::Tensor& it = GraphTensor(s, t);
  const auto& inputs = Subgraph(s).inputs;
  const auto pos = std::find(inputs.begin(), inputs.end(), t);
  if (pos == inputs.end()) {
    throw py::value_error(fmt::format("tensor {} '{}' is not an input of subgraph {}", t, it.name, s));
  }
  std::vector<int32_t> shape;
  for (int64_t d : dims) {
    if (d < 0 || d > INT32_MAX) {
      throw py::value_error(fmt::format("cannot resize input {} '{}' to {}: dimensions must be "
                                        "between 0 and 2^31-1", t, it.name, DescribeShape(dims)));
    }
    shape.push_back(static_cast<int32_t>(d));
  }
  if (strict) {
    // Only dimensions unknown when the model was converted (-1 in the
    // shape signature) may change.
    const std::vector<int32_t>& sig = it.shape_signature.empty() ? it.shape.dims() : it.shape_signature;
    bool ok = sig.size() == shape.size();
    for (size_t i = 0; ok && i < sig.size(); ++i) ok = sig[i] == -1 || sig[i] == shape[i];
    if (!ok) {
      throw std::runtime_error(fmt::format(
          "strict resize of input {} '{}' to {}: only dimensions that are -1 in its shape "
          "signature [{}] may change",
          t, it.name, DescribeShape(dims), fmt::join(sig, ", ")));
    }
  }
  EnsureNoLiveViews();
  const int i = static_cast<int>(pos - inputs.begin());
  if (s == 0) {
    if (Status st = interp_->ResizeInput(i, Shape(shape)); !st.ok()) ThrowRuntime(st);
    return;
  }
  SideContext& side = side_[s];
  if (side.input_shapes.empty()) {
    for (int32_t in : inputs) side.input_shapes.push_back(Subgraph(s).tensors[in].shape);
  }
  if (side.input_shapes[i] != Shape(shape)) {
    side.input_shapes[i] = Shape(shape);
    side.dirty = true;
  }
}

void PyInterpreter::set_tensor(int t, const py::object& value, int s) {
  std::lock_guard lock(mu_);
  const ir::Tensor& it = GraphTensor(s, t);
  // C-contiguous; copies only when `value` is not already such an array.
  py::array array = py::array::ensure(value, py::array::c_style);
  if (!array) {
    PyErr_Clear();
    throw py::value_error(fmt::format("Cannot set tensor {} '{}': the value cannot be converted "
                                      "to a numpy array", t, it.name));
  }
  const auto dtype = DTypeOfNumpy(array.dtype());
  if (!dtype || *dtype != it.dtype) {
    throw py::value_error(fmt::format("Cannot set tensor: got a value of type {} but tensor {} "
                                      "'{}' is {}", NumpyTypeName(array.dtype()), t, it.name,
                                      DTypeName(it.dtype)));
  }
  if (it.dtype == DType::kInt4) {
    throw py::value_error(fmt::format("Cannot set tensor {} '{}': int4 tensors are read-only "
                                      "from Python", t, it.name));
  }
  if (NeedsAllocation(s)) {
    EnsureNoLiveViews();
    if (Status st = Allocate(s); !st.ok()) ThrowRuntime(st);
  }
  TensorView& view = CurrentContext(s)->view(t);
  if (view.is_constant) {
    throw py::value_error(fmt::format("Cannot set tensor {} '{}': it is a constant of the model",
                                      t, it.name));
  }
  std::vector<int64_t> got(array.shape(), array.shape() + array.ndim());
  bool same = static_cast<int>(got.size()) == view.shape.rank();
  for (int d = 0; same && d < view.shape.rank(); ++d) same = got[d] == view.shape.dim(d);
  if (!same) {
    throw py::value_error(fmt::format("Cannot set tensor: Dimension mismatch. Got {} but tensor "
                                      "{} '{}' has shape {}", DescribeShape(got), t, it.name,
                                      view.shape.ToString()));
  }
  const size_t bytes = static_cast<size_t>(array.nbytes());
  if (view.data == nullptr && bytes > 0) {
    throw py::value_error(fmt::format("Cannot set tensor {} '{}': it has no memory (its shape is "
                                      "only known while running, or nothing reads it)", t, it.name));
  }
  if (bytes != view.bytes) {
    throw py::value_error(fmt::format("Cannot set tensor {} '{}': the array has {} bytes, the "
                                      "tensor {}", t, it.name, bytes, view.bytes));
  }
  if (bytes > 0) std::memcpy(view.data, array.data(), bytes);
}

py::array PyInterpreter::get_tensor(int t, int s) {
  std::lock_guard lock(mu_);
  const ir::Tensor& it = GraphTensor(s, t);
  const auto dtype = NumpyDTypeOf(it.dtype);
  if (!dtype) {
    throw py::value_error(fmt::format("tensor {} '{}' is {}, which numpy cannot hold", t, it.name,
                                      DTypeName(it.dtype)));
  }
  runtime::ExecutionContext* ctx = CurrentContext(s);
  const TensorView* view = ctx ? &ctx->view(t) : nullptr;
  if (view == nullptr || (view->data == nullptr && view->bytes > 0)) {
    throw py::value_error(fmt::format("Tensor data is null. Run allocate_tensors() first (tensor "
                                      "{} '{}' has no memory now{})", t, it.name,
                                      ctx ? ": it is not kept after the run, see "
                                            "experimental_preserve_all_tensors" : ""));
  }
  std::vector<py::ssize_t> dims(view->shape.dims().begin(), view->shape.dims().end());
  if (it.sparsity && view->is_constant) {
    // The compressed values, as TFLite returns them.
    dims = {static_cast<py::ssize_t>(view->bytes / std::max<size_t>(DTypeSize(it.dtype), 1))};
  }
  py::array out(*dtype, dims);
  auto* dst = static_cast<uint8_t*>(out.mutable_data());
  if (it.dtype == DType::kInt4) {
    // Two elements per byte, low nibble first, sign-extended.
    const int64_t n = view->shape.NumElements();
    for (int64_t i = 0; i < n; ++i) {
      const uint8_t byte = view->data[i / 2];
      const int nibble = (i % 2 == 0) ? (byte & 0xF) : (byte >> 4);
      dst[i] = static_cast<uint8_t>(static_cast<int8_t>(nibble << 4) >> 4);
    }
  } else {
    const size_t bytes = std::min<size_t>(view->bytes, static_cast<size_t>(out.nbytes()));
    if (bytes > 0) std::memcpy(dst, view->data, bytes);
  }
  return out;
}

py::array PyInterpreter::tensor_view(int t) {
  std::lock_guard lock(mu_);
  const ir::Tensor& it = GraphTensor(0, t);
  const auto dtype = NumpyDTypeOf(it.dtype);
  if (!dtype || it.dtype == DType::kInt4 || it.sparsity) {
    throw py::value_error(fmt::format("tensor {} '{}' ({}{}) has no numpy view; use get_tensor()",
                                      t, it.name, DTypeName(it.dtype), it.sparsity ? ", sparse" : ""));
  }
  TensorView& view = interp_->context().view(t);
  if (view.data == nullptr && view.bytes > 0) {
    throw py::value_error(fmt::format("Tensor data is null. Run allocate_tensors() first (tensor "
                                      "{} '{}' has no memory now)", t, it.name));
  }
  auto* lease = new ViewLease(shared_from_this());
  py::capsule base(lease, [](void* p) { delete static_cast<ViewLease*>(p); });
  std::vector<py::ssize_t> dims(view.shape.dims().begin(), view.shape.dims().end());
  // numpy wants a non-null pointer even for an empty tensor.
  static uint8_t empty_placeholder[8];
  void* data = view.data != nullptr ? view.data : empty_placeholder;
  py::array out(*dtype, dims, {}, data, base);
  // Constant bytes may be a read-only mapping of the model file.
  if (view.is_constant) out.attr("setflags")(py::arg("write") = false);
  return out;
}

void PyInterpreter::invoke(int s) {
  {
    std::lock_guard lock(mu_);
    Subgraph(s);
    EnsureNoLiveViews();
  }
  Status status;
  {
    py::gil_scoped_release no_gil;
    std::lock_guard lock(mu_);
    status = Allocate(s);
    if (status.ok()) status = CurrentContext(s)->Invoke();
  }
  if (!status.ok()) ThrowRuntime(status);
}

void PyInterpreter::reset_all_variables() {
  std::lock_guard lock(mu_);
  interp_->context().ResetVariables();
  for (auto& [s, side] : side_) {
    if (side.context) side.context->ResetVariables();
  }
}

}  // namespace liteforge::python
