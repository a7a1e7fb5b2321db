// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/base/status.h"

#include <gtest/gtest.h>

namespace liteforge {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgument("{} is odd", x);
  return x / 2;
}

Status Quarter(int x, int* out) {
  LF_ASSIGN_OR_RETURN(int h, Half(x));
  LF_ASSIGN_OR_RETURN(*out, Half(h));
  return Status::Ok();
}

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, ContextIsPrefixedOutermostFirst) {
  Status s = NotFound("tensor {} missing", 3);
  s.AddContext("op 2");
  s.AddContext("model.tflite");
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "model.tflite: op 2: tensor 3 missing");
  EXPECT_EQ(s.ToString(), "NotFound: model.tflite: op 2: tensor 3 missing");
}

TEST(StatusTest, CopiesDoNotShareContext) {
  Status a = Internal("x");
  Status b = a;
  b.AddContext("ctx");
  EXPECT_EQ(a.message(), "x");
  EXPECT_EQ(b.message(), "ctx: x");
}

TEST(StatusTest, MacrosPropagate) {
  int out = 0;
  EXPECT_TRUE(Quarter(8, &out).ok());
  EXPECT_EQ(out, 2);
  const Status s = Quarter(6, &out);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "3 is odd");
}

TEST(StatusTest, ResultFromOkStatusIsAnInternalError) {
  Result<int> r{Status::Ok()};
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace liteforge
