// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// `liteforge run MODEL --input in0.npy [...] --output-dir DIR`, or with
// `--image photo.jpg` for single-image models, printing the top-k classes
// when labels are known (--labels, or the label file embedded in the
// model's TFLite metadata). Float image inputs take their normalization
// from --mean/--std, else from the metadata, else [-1, 1].

#include <sys/stat.h>

#include <cstdio>

#include <fmt/format.h>

#include "liteforge/tensor/npy.h"
#include "tools/liteforge/cli_common.h"
#include "tools/liteforge/commands.h"
#include "tools/liteforge/image_input.h"

namespace liteforge::cli {
namespace {

Status EnsureDirectory(const std::string& dir) {
  struct stat st {};
  if (stat(dir.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) return InvalidArgument("--output-dir '{}' is not a directory", dir);
    return Status::Ok();
  }
  if (mkdir(dir.c_str(), 0755) != 0) return IoError("cannot create --output-dir '{}'", dir);
  return Status::Ok();
}

// True when `wanted` differs from `current` only in dimensions that the
// tensor's shape_signature marks dynamic (-1).
bool MayResizeTo(const ir::Tensor& declared, const Shape& current, const Shape& wanted) {
  if (wanted == current || wanted.rank() != current.rank()) return false;
  if (static_cast<int>(declared.shape_signature.size()) != current.rank()) return false;
  for (int d = 0; d < current.rank(); ++d) {
    if (wanted.dim(d) != current.dim(d) && declared.shape_signature[d] != -1) return false;
  }
  return true;
}

Status Run(const CliArgs& args) {
  if (args.positional().size() != 1) {
    return InvalidArgument("expected one MODEL argument (usage: liteforge run MODEL --input X.npy --output-dir DIR)");
  }
  const std::string& model = args.positional()[0];
  const auto inputs = args.GetAll("input");
  const auto image = args.Get("image");
  if (inputs.empty() && !image) return InvalidArgument("give --input FILE.npy (one per model input) or --image PHOTO");
  if (!inputs.empty() && image) return InvalidArgument("give either --input or --image, not both");
  LF_ASSIGN_OR_RETURN(InterpreterOptions options, InterpreterOptionsFromFlags(args));

  // Read every input file before loading the model, so a missing or bad
  // file is reported as such even when the model is large.
  std::vector<NpyArray> arrays;
  for (const auto& path : inputs) {
    LF_ASSIGN_OR_RETURN(NpyArray a, ReadNpy(path));
    arrays.push_back(std::move(a));
  }
  LF_ASSIGN_OR_RETURN(auto interp, Interpreter::FromFile(model, options));
  if (!inputs.empty()) {
    if (static_cast<int>(arrays.size()) != interp->num_inputs()) {
      return InvalidArgument("the model has {} inputs but {} --input files were given",
                             interp->num_inputs(), arrays.size());
    }
    // An input is resized to the data's shape only where the model declares
    // the differing dimensions dynamic (-1 in shape_signature); anything else
    // is a mismatch that SetInput reports.
    for (size_t i = 0; i < arrays.size(); ++i) {
      const TensorView& in = interp->input(static_cast<int>(i));
      const ir::Tensor& declared =
          interp->graph().subgraphs[0].tensors[interp->input_tensor_index(static_cast<int>(i))];
      if (arrays[i].dtype == in.dtype && MayResizeTo(declared, in.shape, arrays[i].shape)) {
        LF_RETURN_IF_ERROR(interp->ResizeInput(static_cast<int>(i), arrays[i].shape));
      }
    }
    LF_RETURN_IF_ERROR(interp->AllocateTensors());
    for (size_t i = 0; i < arrays.size(); ++i) {
      LF_RETURN_IF_ERROR_CTX(interp->SetInput(static_cast<int>(i), arrays[i].dtype, arrays[i].shape, arrays[i].data),
                             "--input '{}'", inputs[i]);
    }
  } else {
    ImageOptions image_options;
    if (args.Has("mean")) {
      LF_ASSIGN_OR_RETURN(double mean, args.GetDouble("mean", 0));
      image_options.mean = static_cast<float>(mean);
    }
    if (args.Has("std")) {
      LF_ASSIGN_OR_RETURN(double std, args.GetDouble("std", 1));
      image_options.std = static_cast<float>(std);
    }
    if (!image_options.mean && !image_options.std) {
      ApplyMetadataNormalization(interp->graph(), 0, image_options);
    }
    LF_ASSIGN_OR_RETURN(std::string how, LoadImageInput(*interp, 0, *image, image_options));
    std::fprintf(stderr, "input: %s\n", how.c_str());
  }
  LF_RETURN_IF_ERROR(interp->Invoke());

  if (auto dir = args.Get("output-dir")) {
    LF_RETURN_IF_ERROR(EnsureDirectory(*dir));
    for (int i = 0; i < interp->num_outputs(); ++i) {
      const TensorView& out = interp->output(i);
      if (out.data == nullptr && out.bytes > 0) return Internal("output {} has no data", i);
      const std::string path = fmt::format("{}/out{}.npy", *dir, i);
      LF_RETURN_IF_ERROR(WriteNpy(path, out.dtype, out.shape, {out.data, out.bytes}));
      std::printf("wrote %s: %s %s\n", path.c_str(), std::string(DTypeName(out.dtype)).c_str(),
                  out.shape.ToString().c_str());
    }
  }
  std::vector<std::string> labels;
  if (auto path = args.Get("labels")) {
    LF_ASSIGN_OR_RETURN(labels, ReadLabels(*path));
  } else {
    labels = EmbeddedLabels(interp->graph(), model, 0);
    if (!labels.empty()) std::fprintf(stderr, "labels: %zu from the model's metadata\n", labels.size());
  }
  if (!labels.empty() || args.Has("top-k")) {
    LF_ASSIGN_OR_RETURN(int k, args.GetInt("top-k", 5, 1, 1000000));
    const auto best = TopK(interp->output(0), k);
    for (const auto& s : best) {
      const std::string label = s.index < static_cast<int>(labels.size()) ? labels[s.index] : "";
      std::printf("%6d  %.5f  %s\n", s.index, s.score, label.c_str());
    }
  } else if (!args.Get("output-dir")) {
    for (int i = 0; i < interp->num_outputs(); ++i) {
      const TensorView& out = interp->output(i);
      std::printf("output %d '%s': %s %s\n", i, std::string(out.name).c_str(),
                  std::string(DTypeName(out.dtype)).c_str(), out.shape.ToString().c_str());
    }
  }
  return Status::Ok();
}

}  // namespace

int RunCommand(int argc, char** argv) {
  FlagSpec spec;
  spec.with_value = {"input", "output-dir", "image", "labels", "top-k", "mean", "std"};
  AddInterpreterFlags(spec);
  auto args = CliArgs::Parse(argc, argv, 2, spec);
  if (!args.ok()) return ReportError("run", args.status());
  const Status status = Run(*args);
  return status.ok() ? kExitOk : ReportError("run", status);
}

}  // namespace liteforge::cli
