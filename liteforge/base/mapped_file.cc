// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/base/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace liteforge {
namespace {

class MappedFile final : public ByteSource {
 public:
  MappedFile(std::string path, void* addr, size_t size)
      : path_(std::move(path)), addr_(addr), size_(size) {}
  ~MappedFile() override {
    if (addr_ != nullptr && size_ > 0) munmap(addr_, size_);
  }
  std::span<const uint8_t> bytes() const override {
    return {static_cast<const uint8_t*>(addr_), size_};
  }
  const std::string& origin() const override { return path_; }

 private:
  std::string path_;
  void* addr_;
  size_t size_;
};

class OwnedBytes final : public ByteSource {
 public:
  OwnedBytes(std::span<const uint8_t> data, std::string origin)
      : origin_(std::move(origin)), size_(data.size()) {
    // 64-byte alignment so any dtype inside (and SIMD loads) is aligned as
    // it would be in a page-aligned mapping.
    const size_t alloc = ((size_ + 63) / 64) * 64;
    data_ = static_cast<uint8_t*>(std::aligned_alloc(64, alloc == 0 ? 64 : alloc));
    if (data_ != nullptr && size_ > 0) std::memcpy(data_, data.data(), size_);
  }
  ~OwnedBytes() override { std::free(data_); }
  std::span<const uint8_t> bytes() const override {
    return {data_, data_ == nullptr ? 0 : size_};
  }
  const std::string& origin() const override { return origin_; }

 private:
  std::string origin_;
  uint8_t* data_ = nullptr;
  size_t size_;
};

}  // namespace

Result<std::shared_ptr<const ByteSource>> MapFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open '{}': {}", path, std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    const int err = errno;
    close(fd);
    return IoError("cannot stat '{}': {}", path, std::strerror(err));
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return InvalidArgument("'{}' is not a regular file", path);
  }
  const size_t size = static_cast<size_t>(st.st_size);
  void* addr = nullptr;
  if (size > 0) {
    addr = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (addr == MAP_FAILED) {
      const int err = errno;
      close(fd);
      return IoError("cannot map '{}': {}", path, std::strerror(err));
    }
  }
  close(fd);
  return std::shared_ptr<const ByteSource>(std::make_shared<MappedFile>(path, addr, size));
}

std::shared_ptr<const ByteSource> CopyBytes(std::span<const uint8_t> data, std::string origin) {
  return std::make_shared<OwnedBytes>(data, std::move(origin));
}

Result<std::vector<uint8_t>> ReadFileBytes(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return IoError("cannot open '{}': {}", path, std::strerror(errno));
  std::vector<uint8_t> out;
  uint8_t buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) out.insert(out.end(), buf, buf + n);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return IoError("error reading '{}'", path);
  return out;
}

Status WriteFileBytes(const std::string& path, std::span<const uint8_t> data) {
  // Write to a temporary name and rename, so a failure never leaves a
  // half-written file where a good one was.
  const std::string tmp = path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return IoError("cannot create '{}': {}", path, std::strerror(errno));
  const bool wrote = data.empty() || std::fwrite(data.data(), 1, data.size(), f) == data.size();
  const bool closed = std::fclose(f) == 0;
  if (!wrote || !closed) {
    std::remove(tmp.c_str());
    return IoError("cannot write '{}'", path);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    std::remove(tmp.c_str());
    return IoError("cannot write '{}': {}", path, std::strerror(err));
  }
  return Status::Ok();
}

}  // namespace liteforge
