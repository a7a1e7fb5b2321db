// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SampleSet: folders of images, batched and single .npy files, .npz
// archives keyed by input name or position, and the errors for sets that
// do not fit the model.

#include "tools/liteforge/sample_set.h"

#include <zip.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <unistd.h>
#include <gtest/gtest.h>
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace liteforge::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class SampleSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           fmt::format("lf_sample_set_{}_{}", ::getpid(),
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  static std::vector<uint8_t> FloatBytes(const std::vector<float>& v) {
    std::vector<uint8_t> b(v.size() * sizeof(float));
    std::memcpy(b.data(), v.data(), b.size());
    return b;
  }
  void WriteFloatNpy(const std::string& name, const Shape& shape, const std::vector<float>& v) {
    ASSERT_TRUE(WriteNpy(Path(name), DType::kFloat32, shape, FloatBytes(v)).ok());
  }
  // A .npz archive (uncompressed ZIP of .npy entries), as numpy.savez writes.
  void WriteNpz(const std::string& name,
                const std::vector<std::pair<std::string, std::vector<uint8_t>>>& entries) {
    int err = 0;
    zip_t* z = zip_open(Path(name).c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    ASSERT_NE(z, nullptr);
    // libzip reads the buffers at zip_close; keep them alive until then.
    std::vector<std::vector<uint8_t>> keep;
    for (const auto& [key, bytes] : entries) {
      keep.push_back(bytes);
      zip_source_t* src = zip_source_buffer(z, keep.back().data(), keep.back().size(), 0);
      ASSERT_NE(src, nullptr);
      ASSERT_GE(zip_file_add(z, (key + ".npy").c_str(), src, ZIP_FL_OVERWRITE), 0);
    }
    ASSERT_EQ(zip_close(z), 0);
  }

  fs::path dir_;
};

float At(const NpyArray& a, size_t i) {
  float v;
  std::memcpy(&v, a.data.data() + i * sizeof(float), sizeof(float));
  return v;
}

TEST_F(SampleSetTest, FolderOfImagesIsSortedAndNormalized) {
  // Two uniform 4x4 RGB images: every pixel (10, 20, 30) and (255, 0, 128).
  auto write = [&](const std::string& name, uint8_t r, uint8_t g, uint8_t b) {
    std::vector<uint8_t> px(4 * 4 * 3);
    for (size_t i = 0; i < px.size(); i += 3) {
      px[i] = r;
      px[i + 1] = g;
      px[i + 2] = b;
    }
    ASSERT_NE(stbi_write_bmp(Path(name).c_str(), 4, 4, 3, px.data()), 0);
  };
  write("b.bmp", 255, 0, 128);
  write("a.bmp", 10, 20, 30);
  std::ofstream(Path("notes.txt")) << "not a sample";

  ImageNormalization norm;
  norm.range = std::make_pair(0.f, 1.f);
  auto set = SampleSet::Open({dir_.string()}, {{"image", Shape{1, 2, 2, 3}}}, norm);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  ASSERT_EQ(set->size(), 2u);
  EXPECT_EQ(set->name(0), "a.bmp");
  EXPECT_EQ(set->name(1), "b.bmp");
  auto first = set->Load(0);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].shape, (Shape{1, 2, 2, 3}));
  EXPECT_NEAR(At((*first)[0], 0), 10.f / 255.f, 1e-6);
  EXPECT_NEAR(At((*first)[0], 1), 20.f / 255.f, 1e-6);
  EXPECT_NEAR(At((*first)[0], 11), 30.f / 255.f, 1e-6);

  // Explicit per-channel mean/std win over a range.
  norm.mean = {10.f, 20.f, 30.f};
  norm.std = {2.f};
  auto centered = SampleSet::Open({Path("a.bmp")}, {{"image", Shape{1, 2, 2, 3}}}, norm);
  ASSERT_TRUE(centered.ok());
  auto zero = centered->Load(0);
  ASSERT_TRUE(zero.ok());
  for (size_t i = 0; i < 12; ++i) EXPECT_EQ(At((*zero)[0], i), 0.f);
}

TEST_F(SampleSetTest, BatchedNpyGivesOneSamplePerRow) {
  std::vector<float> v(3 * 4);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(i);
  WriteFloatNpy("batch.npy", Shape{3, 4}, v);
  WriteFloatNpy("single.npy", Shape{1, 4}, {-1, -2, -3, -4});
  auto set = SampleSet::Open({Path("batch.npy"), Path("single.npy")}, {{"x", Shape{1, 4}}}, {});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  ASSERT_EQ(set->size(), 4u);
  EXPECT_EQ(set->name(2), "batch.npy[2]");
  EXPECT_EQ(set->name(3), "single.npy");
  auto row2 = set->Load(2);
  ASSERT_TRUE(row2.ok());
  EXPECT_EQ((*row2)[0].shape, (Shape{1, 4}));
  EXPECT_EQ(At((*row2)[0], 0), 8.f);
  EXPECT_EQ(At((*row2)[0], 3), 11.f);

  // Slices share the parsed arrays.
  SampleSet tail = set->Slice(1, 3);
  ASSERT_EQ(tail.size(), 2u);
  auto t0 = tail.Load(0);
  ASSERT_TRUE(t0.ok());
  EXPECT_EQ(At((*t0)[0], 0), 4.f);
}

TEST_F(SampleSetTest, NpzMatchesInputsByNameThenPosition) {
  auto npy = [](const Shape& s, const std::vector<float>& v) {
    return SerializeNpy(DType::kFloat32, s, FloatBytes(v));
  };
  WriteNpz("named.npz", {{"b", npy(Shape{2, 1}, {5, 6})}, {"a", npy(Shape{2, 2}, {1, 2, 3, 4})}});
  std::vector<SampleInputSpec> inputs = {{"a", Shape{1, 2}}, {"b", Shape{1, 1}}};
  auto set = SampleSet::Open({Path("named.npz")}, inputs, {});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  ASSERT_EQ(set->size(), 2u);
  auto s1 = set->Load(1);
  ASSERT_TRUE(s1.ok());
  EXPECT_EQ(At((*s1)[0], 0), 3.f);
  EXPECT_EQ(At((*s1)[0], 1), 4.f);
  EXPECT_EQ(At((*s1)[1], 0), 6.f);

  WriteNpz("positional.npz", {{"arr_0", npy(Shape{1, 2}, {7, 8})}, {"arr_1", npy(Shape{1, 1}, {9})}});
  auto pos = SampleSet::Open({Path("positional.npz")}, inputs, {});
  ASSERT_TRUE(pos.ok()) << pos.status().ToString();
  ASSERT_EQ(pos->size(), 1u);
  auto p0 = pos->Load(0);
  ASSERT_TRUE(p0.ok());
  EXPECT_EQ(At((*p0)[1], 0), 9.f);
}

TEST_F(SampleSetTest, ErrorsNameWhatDoesNotFit) {
  WriteFloatNpy("wrong.npy", Shape{1, 5}, {1, 2, 3, 4, 5});
  auto shape = SampleSet::Open({Path("wrong.npy")}, {{"x", Shape{1, 4}}}, {});
  ASSERT_FALSE(shape.ok());
  EXPECT_THAT(shape.status().message(), HasSubstr("wrong.npy"));
  EXPECT_THAT(shape.status().message(), HasSubstr("'x'"));

  auto missing = SampleSet::Open({Path("nope")}, {{"x", Shape{1, 4}}}, {});
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("does not exist"));

  fs::create_directories(dir_ / "empty");
  auto empty = SampleSet::Open({Path("empty")}, {{"x", Shape{1, 4}}}, {});
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty.status().message(), HasSubstr("holds no images"));

  ASSERT_NE(stbi_write_bmp(Path("img.bmp").c_str(), 1, 1, 3, "\x01\x02\x03"), 0);
  auto not_image_model = SampleSet::Open({Path("img.bmp")}, {{"x", Shape{1, 4}}}, {});
  ASSERT_FALSE(not_image_model.ok());
  EXPECT_THAT(not_image_model.status().message(), HasSubstr("img.bmp"));

  WriteNpz("partial.npz", {{"a", SerializeNpy(DType::kFloat32, Shape{1, 2}, FloatBytes({1, 2}))}});
  auto partial = SampleSet::Open({Path("partial.npz")}, {{"a", Shape{1, 2}}, {"b", Shape{1, 1}}}, {});
  ASSERT_FALSE(partial.ok());
  EXPECT_THAT(partial.status().message(), HasSubstr("no array for input 1 'b'"));

  std::ofstream(Path("broken.npz")) << "PK this is not a zip";
  auto broken = SampleSet::Open({Path("broken.npz")}, {{"a", Shape{1, 2}}}, {});
  ASSERT_FALSE(broken.ok());
  EXPECT_THAT(broken.status().message(), HasSubstr("broken.npz"));
}

TEST(SampleSetRealImagesTest, EveryTestPhotoDecodesIntoRange) {
  const std::string images = std::string(LITEFORGE_TESTDATA_DIR) + "/images";
  if (!fs::is_directory(images)) GTEST_SKIP() << "no test images at " << images;
  auto set = SampleSet::Open({images}, {{"input", Shape{1, 32, 32, 3}}}, {});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_GE(set->size(), 20u);
  for (size_t i = 0; i < set->size(); ++i) {
    auto sample = set->Load(i);
    ASSERT_TRUE(sample.ok()) << set->name(i) << ": " << sample.status().ToString();
    const NpyArray& a = (*sample)[0];
    for (size_t k = 0; k < 32 * 32 * 3; ++k) {
      const float v = At(a, k);
      ASSERT_GE(v, -1.f) << set->name(i);
      ASSERT_LE(v, 1.f) << set->name(i);
    }
  }
}

TEST(ToInputDTypeTest, QuantizesWithTheInputsScaleAndZeroPoint) {
  NpyArray value;
  value.dtype = DType::kFloat32;
  value.shape = Shape{1, 4};
  const std::vector<float> v = {0.f, 0.25f, -1.f, 100.f};
  value.data.resize(16);
  std::memcpy(value.data.data(), v.data(), 16);

  QuantParams q;
  q.scale = {0.5f};
  q.zero_point = {-10};
  std::vector<int8_t> storage(4);
  TensorView t;
  t.dtype = DType::kInt8;
  t.shape = Shape{1, 4};
  t.quant = &q;
  t.data = reinterpret_cast<uint8_t*>(storage.data());
  t.bytes = 4;
  ASSERT_TRUE(ToInputDType(value, t, "sample").ok());
  // 0 -> -10; 0.25 / 0.5 = 0.5 rounds away from zero -> 1 - 10; -1 -> -12;
  // 100 -> 190 saturates at 127.
  EXPECT_THAT(storage, ::testing::ElementsAre(-10, -9, -12, 127));

  QuantParams none;
  t.quant = &none;
  EXPECT_FALSE(ToInputDType(value, t, "sample").ok());

  t.shape = Shape{1, 3};
  t.quant = &q;
  auto wrong = ToInputDType(value, t, "sample 7");
  ASSERT_FALSE(wrong.ok());
  EXPECT_THAT(wrong.message(), HasSubstr("sample 7"));
}

}  // namespace
}  // namespace liteforge::cli
