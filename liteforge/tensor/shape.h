// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// A tensor shape: a list of non-negative dims, row-major (the last dim is
// contiguous), as in the .tflite format. Rank 0 is a scalar.

#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace liteforge {

class Shape {
 public:
  Shape() = default;
  Shape(std::initializer_list<int32_t> dims) : dims_(dims) {}
  explicit Shape(std::vector<int32_t> dims) : dims_(std::move(dims)) {}
  explicit Shape(std::span<const int32_t> dims) : dims_(dims.begin(), dims.end()) {}

  int rank() const { return static_cast<int>(dims_.size()); }
  int32_t dim(int i) const { return dims_[static_cast<size_t>(i)]; }
  int32_t& dim(int i) { return dims_[static_cast<size_t>(i)]; }
  int32_t operator[](int i) const { return dim(i); }
  // Negative i counts from the back (dim(-1) is the innermost).
  int32_t dim_from_back(int i) const { return dims_[dims_.size() - static_cast<size_t>(i)]; }

  const std::vector<int32_t>& dims() const { return dims_; }
  std::vector<int32_t>& mutable_dims() { return dims_; }

  // Product of all dims (1 for a scalar). Assumes the shape was validated
  // (CheckedNumElements() succeeded), as every shape past the reader is.
  int64_t NumElements() const;
  // Product of all dims, or nullopt when a dim is negative or the product
  // overflows int64.
  std::optional<int64_t> CheckedNumElements() const;
  // Product of dims in [begin, end).
  int64_t Product(int begin, int end) const;

  bool operator==(const Shape& o) const { return dims_ == o.dims_; }
  bool operator!=(const Shape& o) const { return dims_ != o.dims_; }

  // "[1, 224, 224, 3]"
  std::string ToString() const;

 private:
  std::vector<int32_t> dims_;
};

}  // namespace liteforge
