// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/tensor/npy.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace liteforge {
namespace {

std::vector<uint8_t> Bytes(const std::string& header_dict, const std::vector<uint8_t>& data,
                           uint8_t major = 1) {
  std::string header = header_dict;
  const size_t prefix = major == 1 ? 10 : 12;
  while ((prefix + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::vector<uint8_t> out = {0x93, 'N', 'U', 'M', 'P', 'Y', major, 0};
  const size_t len = header.size();
  out.push_back(static_cast<uint8_t>(len & 0xff));
  out.push_back(static_cast<uint8_t>((len >> 8) & 0xff));
  if (major != 1) {
    out.push_back(0);
    out.push_back(0);
  }
  out.insert(out.end(), header.begin(), header.end());
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

TEST(NpyTest, SerializeThenParseRoundTrips) {
  const std::vector<float> values = {1.5f, -2.f, 3.25f, 0.f, 7.f, -8.5f};
  const auto bytes = SerializeNpy(DType::kFloat32, Shape({2, 3}),
                                  {reinterpret_cast<const uint8_t*>(values.data()), 24});
  EXPECT_EQ((bytes.size() - 24) % 64, 0u);  // data 64-byte aligned
  auto arr = ParseNpy(bytes, "x.npy");
  ASSERT_TRUE(arr.ok()) << arr.status().ToString();
  EXPECT_EQ(arr->dtype, DType::kFloat32);
  EXPECT_EQ(arr->shape, Shape({2, 3}));
  ASSERT_EQ(arr->data.size(), 24u);
  EXPECT_EQ(std::memcmp(arr->data.data(), values.data(), 24), 0);
}

TEST(NpyTest, ScalarAndOneDimShapes) {
  for (const Shape& shape : {Shape({}), Shape({5})}) {
    std::vector<uint8_t> data(static_cast<size_t>(shape.NumElements()), 7);
    auto arr = ParseNpy(SerializeNpy(DType::kUInt8, shape, data), "s.npy");
    ASSERT_TRUE(arr.ok());
    EXPECT_EQ(arr->shape, shape);
  }
}

TEST(NpyTest, BigEndianIsSwapped) {
  const auto bytes = Bytes("{'descr': '>i2', 'fortran_order': False, 'shape': (2,), }", {0x01, 0x02, 0xff, 0xfe});
  auto arr = ParseNpy(bytes, "be.npy");
  ASSERT_TRUE(arr.ok()) << arr.status().ToString();
  int16_t v[2];
  std::memcpy(v, arr->data.data(), 4);
  EXPECT_EQ(v[0], 0x0102);
  EXPECT_EQ(v[1], -2);
}

TEST(NpyTest, FortranOrderIsConvertedToCOrder) {
  // Logical [[1, 2, 3], [4, 5, 6]] stored column-major: 1 4 2 5 3 6.
  const auto bytes = Bytes("{'descr': '|u1', 'fortran_order': True, 'shape': (2, 3), }", {1, 4, 2, 5, 3, 6});
  auto arr = ParseNpy(bytes, "f.npy");
  ASSERT_TRUE(arr.ok()) << arr.status().ToString();
  EXPECT_EQ(arr->data, (std::vector<uint8_t>{1, 2, 3, 4, 5, 6}));
}

TEST(NpyTest, Version2Header) {
  auto arr = ParseNpy(Bytes("{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }", {9, 0, 0, 0}, 2), "v2.npy");
  ASSERT_TRUE(arr.ok()) << arr.status().ToString();
  EXPECT_EQ(arr->dtype, DType::kInt32);
}

TEST(NpyTest, BadFilesGiveClearErrors) {
  auto not_npy = ParseNpy(std::vector<uint8_t>{'h', 'e', 'l', 'l', 'o', 0, 0, 0, 0, 0, 0}, "a.txt");
  ASSERT_FALSE(not_npy.ok());
  EXPECT_NE(not_npy.status().message().find("'a.txt' is not a .npy file"), std::string::npos);

  auto truncated = ParseNpy(Bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", {0, 0, 0, 0}), "t.npy");
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.status().message().find("truncated"), std::string::npos) << truncated.status().message();

  auto object = ParseNpy(Bytes("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", {0}), "o.npy");
  ASSERT_FALSE(object.ok());
  EXPECT_NE(object.status().message().find("'O' is not supported"), std::string::npos) << object.status().message();

  auto huge = ParseNpy(Bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999,), }", {}), "h.npy");
  ASSERT_FALSE(huge.ok());

  auto header_overrun = ParseNpy(std::vector<uint8_t>{0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0xff, 0xff}, "h2.npy");
  ASSERT_FALSE(header_overrun.ok());

  auto missing = ReadNpy("/nonexistent/dir/in0.npy");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/dir/in0.npy"), std::string::npos);
}

}  // namespace
}  // namespace liteforge
