// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "tools/liteforge/sample_set.h"

#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "liteforge/base/mapped_file.h"
#include "tools/liteforge/image_input.h"

namespace liteforge::cli {
namespace {

namespace fs = std::filesystem;

// Archives larger than this per entry are refused rather than inflated:
// a calibration set of 500 float 224x224x3 images is about 300 MB.
constexpr uint64_t kMaxNpzEntryBytes = uint64_t{2} << 30;

enum class SourceKind { kImage, kNpy, kNpz, kOther };

SourceKind KindOf(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".npy") return SourceKind::kNpy;
  if (ext == ".npz") return SourceKind::kNpz;
  for (const char* e : {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tga", ".ppm", ".pgm"}) {
    if (ext == e) return SourceKind::kImage;
  }
  return SourceKind::kOther;
}

// How an array of shape `array` holds samples for an input of shape
// `input`: nullopt when it cannot; 0 when it is exactly one sample (the
// whole array); N > 0 when its leading dimension is a batch of N samples.
std::optional<int64_t> SampleRows(const Shape& array, const Shape& input) {
  if (array == input) return 0;
  const auto& a = array.dims();
  const auto& in = input.dims();
  // [N, ...rest] for an input [...rest] (input without a batch dimension).
  if (a.size() == in.size() + 1 && std::equal(in.begin(), in.end(), a.begin() + 1)) return a[0];
  // [N, ...rest] for an input [1, ...rest].
  if (a.size() == in.size() && !in.empty() && in[0] == 1 &&
      std::equal(in.begin() + 1, in.end(), a.begin() + 1)) {
    return a[0];
  }
  return std::nullopt;
}

// The value of element i of `array` as a float (real value).
Result<std::vector<float>> ToFloats(const NpyArray& array, size_t begin, size_t count,
                                    const std::string& origin) {
  std::vector<float> out(count);
  const uint8_t* base = array.data.data();
  auto read = [&](auto tag) {
    using T = decltype(tag);
    for (size_t i = 0; i < count; ++i) {
      T v;
      std::memcpy(&v, base + (begin + i) * sizeof(T), sizeof(T));
      out[i] = static_cast<float>(v);
    }
  };
  switch (array.dtype) {
    case DType::kFloat32: read(float{}); break;
    case DType::kFloat64: read(double{}); break;
    case DType::kInt8: read(int8_t{}); break;
    case DType::kUInt8: read(uint8_t{}); break;
    case DType::kInt16: read(int16_t{}); break;
    case DType::kUInt16: read(uint16_t{}); break;
    case DType::kInt32: read(int32_t{}); break;
    case DType::kInt64: read(int64_t{}); break;
    case DType::kBool: read(uint8_t{}); break;
    default:
      return InvalidArgument("{}: a {} array cannot be a model input sample", origin,
                             DTypeName(array.dtype));
  }
  return out;
}

NpyArray FloatArray(const Shape& shape, const std::vector<float>& values) {
  NpyArray a;
  a.dtype = DType::kFloat32;
  a.shape = shape;
  a.data.resize(values.size() * sizeof(float));
  std::memcpy(a.data.data(), values.data(), a.data.size());
  return a;
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

// Every array in a .npz archive, keyed by its name without ".npy".
Result<std::map<std::string, NpyArray>> ReadNpz(const std::string& path) {
  int error = 0;
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (archive == nullptr) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, error);
    std::string why = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    return InvalidArgument("{}: not a readable .npz archive: {}", path, why);
  }
  std::map<std::string, NpyArray> arrays;
  const zip_int64_t n = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
        (st.valid & ZIP_STAT_NAME) == 0 || (st.valid & ZIP_STAT_SIZE) == 0) {
      return DataLoss("{}: entry {} has no readable name or size", path, i);
    }
    std::string name = st.name;
    if (name.size() < 4 || name.substr(name.size() - 4) != ".npy") continue;
    if (st.size > kMaxNpzEntryBytes) {
      return ResourceExhausted("{}: entry '{}' is {} bytes, more than the {} allowed", path, name,
                               st.size, kMaxNpzEntryBytes);
    }
    std::unique_ptr<zip_file_t, ZipFileCloser> file(
        zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0));
    if (file == nullptr) return DataLoss("{}: entry '{}': {}", path, name, zip_strerror(archive.get()));
    // One byte more than declared, so an entry inflating past its size is caught.
    std::vector<uint8_t> bytes(static_cast<size_t>(st.size) + 1);
    size_t got = 0;
    while (got < bytes.size()) {
      const zip_int64_t r = zip_fread(file.get(), bytes.data() + got, bytes.size() - got);
      if (r < 0) return DataLoss("{}: entry '{}': {}", path, name, zip_file_strerror(file.get()));
      if (r == 0) break;
      got += static_cast<size_t>(r);
    }
    if (got != st.size) {
      return DataLoss("{}: entry '{}' inflates to {} bytes, not the {} it declares", path, name, got,
                      st.size);
    }
    bytes.resize(got);
    const std::string key = name.substr(0, name.size() - 4);
    LF_ASSIGN_OR_RETURN(NpyArray array, ParseNpy(bytes, fmt::format("{}[{}]", path, key)));
    arrays.emplace(key, std::move(array));
  }
  if (arrays.empty()) return InvalidArgument("{}: the archive holds no .npy arrays", path);
  return arrays;
}

// Spreads one value or one per channel to `channels` values.
Result<std::vector<float>> PerChannel(const std::vector<float>& v, int channels, const char* what) {
  if (v.size() == 1) return std::vector<float>(static_cast<size_t>(channels), v[0]);
  if (static_cast<int>(v.size()) == channels) return v;
  return InvalidArgument("{} has {} values; the image input has {} channels", what, v.size(), channels);
}

}  // namespace

Result<SampleSet> SampleSet::Open(const std::vector<std::string>& sources,
                                  std::vector<SampleInputSpec> inputs,
                                  const ImageNormalization& norm, const ir::Graph* graph) {
  if (inputs.empty()) return InvalidArgument("the model has no inputs to feed samples to");
  if (sources.empty()) return InvalidArgument("no sample files or folders given");
  SampleSet set;
  set.inputs_ = std::move(inputs);
  set.norm_ = norm;

  // Expand folders (sorted, not recursive) and keep explicit files.
  std::vector<fs::path> files;
  for (const std::string& source : sources) {
    std::error_code ec;
    const fs::path p(source);
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::directory_iterator(p, ec)) {
        if (entry.is_regular_file(ec) && KindOf(entry.path()) != SourceKind::kOther) {
          found.push_back(entry.path());
        }
      }
      if (ec) return IoError("cannot list sample folder '{}': {}", source, ec.message());
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        return InvalidArgument("sample folder '{}' holds no images, .npy or .npz files", source);
      }
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      if (KindOf(p) == SourceKind::kOther) {
        return InvalidArgument("sample file '{}': expected an image, .npy or .npz file", source);
      }
      files.push_back(p);
    } else {
      return NotFound("sample path '{}' does not exist", source);
    }
  }

  const size_t num_inputs = set.inputs_.size();
  for (const fs::path& file : files) {
    const std::string path = file.string();
    const std::string base = file.filename().string();
    switch (KindOf(file)) {
      case SourceKind::kImage: {
        const Shape& s = set.inputs_[0].shape;
        if (num_inputs != 1 || s.rank() != 4 || s.dim(0) != 1 || (s.dim(3) != 1 && s.dim(3) != 3)) {
          return InvalidArgument(
              "image '{}' cannot feed this model: images need a single [1, height, width, 1 or 3] "
              "input; the model has {} input(s), the first '{}' {}",
              path, num_inputs, set.inputs_[0].name, s.ToString());
        }
        set.entries_.push_back({base, Entry::Kind::kImage, path, -1, nullptr});
        break;
      }
      case SourceKind::kNpy: {
        if (num_inputs != 1) {
          return InvalidArgument("'{}': a model with {} inputs takes .npz samples (one array per input), "
                                 "not .npy files", path, num_inputs);
        }
        LF_ASSIGN_OR_RETURN(NpyArray array, ReadNpy(path));
        const auto rows = SampleRows(array.shape, set.inputs_[0].shape);
        if (!rows) {
          return InvalidArgument("'{}' is {} {}; input '{}' is {} (or give [N, ...] for N samples)", path,
                                 DTypeName(array.dtype), array.shape.ToString(), set.inputs_[0].name,
                                 set.inputs_[0].shape.ToString());
        }
        std::vector<NpyArray> arrays;
        arrays.push_back(std::move(array));
        set.AddArrayEntries(base, Entry::Kind::kNpy, path, *rows, std::move(arrays));
        break;
      }
      case SourceKind::kNpz: {
        LF_ASSIGN_OR_RETURN(auto named, ReadNpz(path));
        // Arrays by input name, else arr_0, arr_1, ... in input order, else
        // the only array for a one-input model.
        std::vector<NpyArray> arrays;
        for (size_t i = 0; i < num_inputs; ++i) {
          auto it = named.find(set.inputs_[i].name);
          if (it == named.end()) it = named.find(fmt::format("arr_{}", i));
          if (it == named.end() && num_inputs == 1 && named.size() == 1) it = named.begin();
          if (it == named.end()) {
            std::string keys;
            for (const auto& [k, v] : named) keys += (keys.empty() ? "" : ", ") + k;
            return InvalidArgument("'{}' has no array for input {} '{}' (expected a key '{}' or 'arr_{}'; "
                                   "it has: {})", path, i, set.inputs_[i].name, set.inputs_[i].name, i, keys);
          }
          arrays.push_back(std::move(it->second));
          named.erase(it);
        }
        std::optional<int64_t> common;
        for (size_t i = 0; i < num_inputs; ++i) {
          const auto rows = SampleRows(arrays[i].shape, set.inputs_[i].shape);
          if (!rows) {
            return InvalidArgument("'{}': the array for input {} '{}' is {}; the input is {} (or [N, ...])",
                                   path, i, set.inputs_[i].name, arrays[i].shape.ToString(),
                                   set.inputs_[i].shape.ToString());
          }
          if (common && *common != *rows) {
            return InvalidArgument("'{}': the arrays hold different numbers of samples ({} and {})", path,
                                   *common, *rows);
          }
          common = rows;
        }
        set.AddArrayEntries(base, Entry::Kind::kNpz, path, *common, std::move(arrays));
        break;
      }
      case SourceKind::kOther:
        break;
    }
  }
  if (set.entries_.empty()) return InvalidArgument("the sample set is empty (0 samples)");

  // Pixel normalization, resolved once when images are in the set.
  const bool has_images = std::any_of(set.entries_.begin(), set.entries_.end(),
                                      [](const Entry& e) { return e.kind == Entry::Kind::kImage; });
  if (has_images) {
    const int channels = set.inputs_[0].shape.dim(3);
    std::vector<float> mean{127.5f}, std{127.5f};
    if (!norm.mean.empty() || !norm.std.empty()) {
      if (!norm.mean.empty()) mean = norm.mean;
      if (!norm.std.empty()) std = norm.std;
    } else if (norm.range) {
      const auto [lo, hi] = *norm.range;
      if (!(hi > lo)) return InvalidArgument("--range needs lo < hi; got {},{}", lo, hi);
      // p -> lo + p * (hi - lo) / 255  ==  (p - mean) / std
      std = {255.f / (hi - lo)};
      mean = {-lo * std[0]};
    } else if (graph != nullptr) {
      ImageOptions from_metadata;
      ApplyMetadataNormalization(*graph, 0, from_metadata);
      if (!from_metadata.metadata_mean.empty() && !from_metadata.metadata_std.empty()) {
        mean = from_metadata.metadata_mean;
        std = from_metadata.metadata_std;
      }
    }
    LF_ASSIGN_OR_RETURN(set.mean_, PerChannel(mean, channels, "the mean"));
    LF_ASSIGN_OR_RETURN(set.std_, PerChannel(std, channels, "the std"));
    for (float s : set.std_) {
      if (s == 0.f || !std::isfinite(s)) return InvalidArgument("the std must be finite and non-zero");
    }
  }
  return set;
}

Result<std::vector<NpyArray>> SampleSet::Load(size_t i) const {
  if (i >= entries_.size()) return OutOfRange("sample {} of a set of {}", i, entries_.size());
  const Entry& e = entries_[i];
  std::vector<NpyArray> out;
  if (e.kind == Entry::Kind::kImage) {
    const Shape& s = inputs_[0].shape;
    const int h = s.dim(1), w = s.dim(2), c = s.dim(3);
    const int rh = norm_.size ? norm_.size->first : h;
    const int rw = norm_.size ? norm_.size->second : w;
    if (rh != h || rw != w) {
      return InvalidArgument("--size {}x{} does not match input '{}' {}", rw, rh, inputs_[0].name,
                             s.ToString());
    }
    LF_ASSIGN_OR_RETURN(std::vector<float> px, DecodeResizedImage(e.path, h, w, c));
    for (size_t k = 0; k < px.size(); ++k) {
      const size_t ch = k % static_cast<size_t>(c);
      px[k] = (px[k] - mean_[ch]) / std_[ch];
    }
    out.push_back(FloatArray(s, px));
    return out;
  }
  for (size_t k = 0; k < inputs_.size(); ++k) {
    const NpyArray& a = (*e.arrays)[k];
    const Shape& target = inputs_[k].shape;
    const size_t count = static_cast<size_t>(target.NumElements());
    const size_t begin = e.row < 0 ? 0 : static_cast<size_t>(e.row) * count;
    LF_ASSIGN_OR_RETURN(std::vector<float> values, ToFloats(a, begin, count, e.name));
    out.push_back(FloatArray(target, values));
  }
  return out;
}

void SampleSet::AddArrayEntries(const std::string& base, Entry::Kind kind, const std::string& path,
                                int64_t rows, std::vector<NpyArray> arrays) {
  auto shared = std::make_shared<const std::vector<NpyArray>>(std::move(arrays));
  if (rows == 0) {
    entries_.push_back({base, kind, path, -1, shared});
    return;
  }
  for (int64_t r = 0; r < rows; ++r) {
    entries_.push_back({fmt::format("{}[{}]", base, r), kind, path, r, shared});
  }
}

SampleSet SampleSet::Slice(size_t begin, size_t end) const {
  SampleSet s = *this;
  end = std::min(end, entries_.size());
  begin = std::min(begin, end);
  s.entries_.assign(entries_.begin() + static_cast<std::ptrdiff_t>(begin),
                    entries_.begin() + static_cast<std::ptrdiff_t>(end));
  return s;
}

Status ToInputDType(const NpyArray& value, TensorView& target, const std::string& what) {
  if (value.dtype != DType::kFloat32) {
    return InvalidArgument("{}: expected float32 real values, got {}", what, DTypeName(value.dtype));
  }
  const int64_t n = target.num_elements();
  if (value.shape != target.shape || static_cast<int64_t>(value.data.size()) != n * 4) {
    return InvalidArgument("{}: sample is {}, input '{}' is {}", what, value.shape.ToString(), target.name,
                           target.shape.ToString());
  }
  if (target.data == nullptr) return FailedPrecondition("{}: input '{}' has no memory yet", what, target.name);
  const auto* src = reinterpret_cast<const float*>(value.data.data());
  if (target.dtype == DType::kFloat32) {
    std::memcpy(target.data, src, static_cast<size_t>(n) * sizeof(float));
    return Status::Ok();
  }
  auto quantize = [&](auto tag, float lo, float hi) -> Status {
    using T = decltype(tag);
    if (target.quant == nullptr || target.quant->empty()) {
      return InvalidArgument("{}: integer input '{}' has no quantization to map real values with", what,
                             target.name);
    }
    if (target.quant->is_per_channel()) {
      return Unimplemented("{}: input '{}' is quantized per channel", what, target.name);
    }
    const float scale = target.scale();
    const float zp = static_cast<float>(target.zero_point());
    T* dst = target.data_as<T>();
    for (int64_t i = 0; i < n; ++i) {
      const float q = std::round(src[i] / scale) + zp;  // std::round: half away from zero
      dst[i] = static_cast<T>(std::clamp(std::isnan(q) ? zp : q, lo, hi));
    }
    return Status::Ok();
  };
  switch (target.dtype) {
    case DType::kInt8: return quantize(int8_t{}, -128.f, 127.f);
    case DType::kUInt8: return quantize(uint8_t{}, 0.f, 255.f);
    case DType::kInt16: return quantize(int16_t{}, -32768.f, 32767.f);
    default:
      return Unimplemented("{}: cannot feed real values to a {} input '{}'", what, DTypeName(target.dtype),
                           target.name);
  }
}

}  // namespace liteforge::cli
