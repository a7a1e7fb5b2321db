// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>

#include "liteforge/api/interpreter.h"
#include "liteforge/base/float16.h"
#include "liteforge/ir/graph.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;

ir::SparseDim Dense(int32_t size) {
  ir::SparseDim d;
  d.format = ir::SparseDim::Format::kDense;
  d.dense_size = size;
  return d;
}

ir::SparseDim Csr(std::vector<int32_t> segments, std::vector<int32_t> indices) {
  ir::SparseDim d;
  d.format = ir::SparseDim::Format::kSparseCsr;
  d.array_segments = std::move(segments);
  d.array_indices = std::move(indices);
  d.segments_type = ir::SparseDim::IndexType::kInt32;
  d.indices_type = ir::SparseDim::IndexType::kInt32;
  return d;
}

// A graph with one sparse constant of `dense_shape` and a DENSIFY op.
template <typename T>
std::shared_ptr<ir::Graph> DensifyGraph(DType dtype, const Shape& dense_shape,
                                        const std::vector<T>& values, ir::Sparsity sparsity) {
  auto g = std::make_shared<ir::Graph>();
  auto& sg = g->subgraphs.emplace_back();
  ir::Tensor in;
  in.name = "sparse_weights";
  in.dtype = dtype;
  in.shape = dense_shape;
  in.has_rank = true;
  in.data = ir::ConstData::Copy(
      {reinterpret_cast<const uint8_t*>(values.data()), values.size() * sizeof(T)});
  in.sparsity = std::move(sparsity);
  sg.tensors.push_back(std::move(in));
  ir::Tensor out;
  out.name = "dense_weights";
  out.dtype = dtype;
  out.shape = dense_shape;
  out.has_rank = true;
  sg.tensors.push_back(std::move(out));
  ir::Op op;
  op.type = ir::OpType::kDensify;
  op.inputs = {0};
  op.outputs = {1};
  sg.ops.push_back(std::move(op));
  sg.outputs = {1};
  return g;
}

template <typename T>
std::vector<T> RunDensify(std::shared_ptr<ir::Graph> graph, bool fold, Status* status) {
  InterpreterOptions options;
  options.fold_constants = fold;
  auto interp = Interpreter::FromGraph(std::move(graph), options);
  if (!interp.ok()) {
    *status = interp.status();
    return {};
  }
  *status = (*interp)->Invoke();
  if (!status->ok()) return {};
  const TensorView& out = (*interp)->output(0);
  std::vector<T> v(out.bytes / sizeof(T));
  std::memcpy(v.data(), out.data, out.bytes);
  return v;
}

TEST(DensifyTest, CsrRows) {
  ir::Sparsity s;
  s.traversal_order = {0, 1};
  s.dim_metadata = {Dense(3), Csr({0, 2, 2, 3}, {1, 3, 0})};
  for (bool fold : {true, false}) {
    Status st;
    const auto v = RunDensify<float>(DensifyGraph<float>(DType::kFloat32, {3, 4}, {1, 2, 3}, s), fold, &st);
    ASSERT_TRUE(st.ok()) << st.ToString();
    EXPECT_EQ(v, (std::vector<float>{0, 1, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0}));
  }
}

TEST(DensifyTest, BlockSparse2x2Blocks) {
  ir::Sparsity s;
  s.traversal_order = {0, 1, 2, 3};
  s.block_map = {0, 1};
  s.dim_metadata = {Dense(2), Csr({0, 1, 2}, {0, 1}), Dense(2), Dense(2)};
  Status st;
  const auto v = RunDensify<float>(
      DensifyGraph<float>(DType::kFloat32, {4, 4}, {1, 2, 3, 4, 5, 6, 7, 8}, s), true, &st);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(v, (std::vector<float>{1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 5, 6, 0, 0, 7, 8}));
}

TEST(DensifyTest, Float16ColumnMajorTraversal) {
  ir::Sparsity s;
  s.traversal_order = {1, 0};
  s.dim_metadata = {Dense(3), Csr({0, 1, 1, 3}, {1, 0, 1})};
  const uint16_t a = FloatToHalf(1.5f), b = FloatToHalf(-2.f), c = FloatToHalf(0.25f);
  Status st;
  const auto v = RunDensify<uint16_t>(DensifyGraph<uint16_t>(DType::kFloat16, {2, 3}, {a, b, c}, s), true, &st);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(v, (std::vector<uint16_t>{0, 0, b, a, 0, c}));
}

TEST(DensifyTest, Int8AllDense) {
  ir::Sparsity s;
  s.traversal_order = {0, 1};
  s.dim_metadata = {Dense(2), Dense(2)};
  Status st;
  const auto v = RunDensify<int8_t>(DensifyGraph<int8_t>(DType::kInt8, {2, 2}, {-1, 2, -3, 4}, s), true, &st);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(v, (std::vector<int8_t>{-1, 2, -3, 4}));
}

TEST(DensifyTest, IndexOutOfRangeIsAnError) {
  ir::Sparsity s;
  s.traversal_order = {0, 1};
  s.dim_metadata = {Dense(3), Csr({0, 2, 2, 3}, {1, 5, 0})};
  for (bool fold : {true, false}) {
    Status st;
    RunDensify<float>(DensifyGraph<float>(DType::kFloat32, {3, 4}, {1, 2, 3}, s), fold, &st);
    ASSERT_FALSE(st.ok());
    EXPECT_THAT(st.message(), HasSubstr("DENSIFY"));
    EXPECT_THAT(st.message(), HasSubstr("array_indices[1] = 5 is outside [0, 4)"));
  }
}

TEST(DensifyTest, SegmentPastIndicesIsAnError) {
  ir::Sparsity s;
  s.traversal_order = {0, 1};
  s.dim_metadata = {Dense(3), Csr({0, 2, 2, 9}, {1, 3, 0})};
  Status st;
  RunDensify<float>(DensifyGraph<float>(DType::kFloat32, {3, 4}, {1, 2, 3}, s), true, &st);
  ASSERT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr("segment 2 spans [2, 9) outside the 3 array_indices"));
}

TEST(DensifyTest, MissingSegmentsIsAnError) {
  ir::Sparsity s;
  s.traversal_order = {0, 1};
  s.dim_metadata = {Dense(3), Csr({0, 2}, {1, 3})};
  Status st;
  RunDensify<float>(DensifyGraph<float>(DType::kFloat32, {3, 4}, {1, 2}, s), true, &st);
  ASSERT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr("array_segments has 2 entries"));
}

TEST(DensifyTest, TooFewValuesIsAnError) {
  ir::Sparsity s;
  s.traversal_order = {0, 1};
  s.dim_metadata = {Dense(3), Csr({0, 2, 2, 3}, {1, 3, 0})};
  Status st;
  RunDensify<float>(DensifyGraph<float>(DType::kFloat32, {3, 4}, {1, 2}, s), true, &st);
  ASSERT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr("more elements than the 2 stored"));
}

TEST(DensifyTest, BadStructureIsAnError) {
  {
    ir::Sparsity s;
    s.traversal_order = {0, 0};
    s.dim_metadata = {Dense(3), Dense(4)};
    Status st;
    RunDensify<float>(DensifyGraph<float>(DType::kFloat32, {3, 4}, std::vector<float>(12), s), true, &st);
    ASSERT_FALSE(st.ok());
    EXPECT_THAT(st.message(), HasSubstr("not a permutation"));
  }
  {
    ir::Sparsity s;
    s.traversal_order = {0, 1};
    s.dim_metadata = {Dense(3), Dense(5)};
    Status st;
    RunDensify<float>(DensifyGraph<float>(DType::kFloat32, {3, 4}, std::vector<float>(15), s), true, &st);
    ASSERT_FALSE(st.ok());
    EXPECT_THAT(st.message(), HasSubstr("dense_size 5 but the dim has 4 positions"));
  }
  {
    ir::Sparsity s;
    s.traversal_order = {0, 1, 2};
    s.block_map = {1};
    s.dim_metadata = {Dense(3), Dense(1), Dense(3)};
    Status st;
    RunDensify<float>(DensifyGraph<float>(DType::kFloat32, {3, 4}, std::vector<float>(12), s), true, &st);
    ASSERT_FALSE(st.ok());
    EXPECT_THAT(st.message(), HasSubstr("block size 3 does not divide dim 1 of size 4"));
  }
}

}  // namespace
}  // namespace liteforge::ops
