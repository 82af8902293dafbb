#include "oauthsim/rs/bearer_token.h"

#include <gtest/gtest.h>

#include "oauthsim/common/oauth_error.h"

namespace oauthsim::rs {
namespace {

using common::BearerError;

// The BearerError the call throws, or a failure when it throws nothing.
template <typename F>
BearerError error_of(F f) {
  try {
    f();
  } catch (const BearerError& e) {
    return e;
  }
  ADD_FAILURE() << "no BearerError thrown";
  return BearerError("none", "", 0);
}

TEST(BearerTokenTest, ReadsTokenAfterBearerScheme) {
  EXPECT_EQ(parse_bearer_authorization("Bearer abc.DEF-123_~+/=="), "abc.DEF-123_~+/==");
}

TEST(BearerTokenTest, SchemeIsCaseInsensitive) {
  EXPECT_EQ(parse_bearer_authorization("bearer tok"), "tok");
  EXPECT_EQ(parse_bearer_authorization("BEARER tok"), "tok");
}

TEST(BearerTokenTest, ToleratesExtraSpacesAroundToken) {
  EXPECT_EQ(parse_bearer_authorization("Bearer   tok  "), "tok");
}

TEST(BearerTokenTest, OtherSchemeIsTreatedAsNoBearerCredential) {
  auto e = error_of([] { parse_bearer_authorization("Basic YWJjOmRlZg=="); });
  EXPECT_EQ(e.status(), 401);
  EXPECT_EQ(e.error(), "");
}

TEST(BearerTokenTest, SchemeWithoutTokenIsInvalidRequest) {
  for (const char* v : {"Bearer", "Bearer ", ""}) {
    auto e = error_of([v] { parse_bearer_authorization(v); });
    EXPECT_EQ(e.error(), "invalid_request") << v;
    EXPECT_EQ(e.status(), 400) << v;
  }
}

TEST(BearerTokenTest, TokenWithSpaceOrIllegalCharacterIsInvalidRequest) {
  for (const char* v :
       {"Bearer a b", "Bearer a,b", "Bearer ==abc", "Bearer ab=c", "Bearer \"tok\""}) {
    auto e = error_of([v] { parse_bearer_authorization(v); });
    EXPECT_EQ(e.error(), "invalid_request") << v;
  }
}

TEST(BearerTokenTest, MissingHeaderIsMissingTokenWithoutErrorAttribute) {
  httplib::Request req;
  auto e = error_of([&] { extract_bearer_token(req); });
  EXPECT_EQ(e.status(), 401);
  EXPECT_EQ(e.error(), "");
  EXPECT_EQ(e.www_authenticate(), "Bearer realm=\"SmartRecruiters Customer API\"");
}

TEST(BearerTokenTest, TokenInQueryIsRefusedEvenWithAValidHeader) {
  httplib::Request req;
  req.headers.emplace("Authorization", "Bearer tok");
  req.params.emplace("access_token", "tok");
  auto e = error_of([&] { extract_bearer_token(req); });
  EXPECT_EQ(e.error(), "invalid_request");
  EXPECT_EQ(e.status(), 400);
}

TEST(BearerTokenTest, TokenInFormBodyIsRefused) {
  httplib::Request req;
  req.headers.emplace("Content-Type", "application/x-www-form-urlencoded");
  req.body = "a=1&access_token=tok";
  auto e = error_of([&] { extract_bearer_token(req); });
  EXPECT_EQ(e.error(), "invalid_request");
}

TEST(BearerTokenTest, JsonBodyMentioningAccessTokenIsNotAFormToken) {
  httplib::Request req;
  req.headers.emplace("Authorization", "Bearer tok");
  req.headers.emplace("Content-Type", "application/json");
  req.body = "access_token=x";
  EXPECT_EQ(extract_bearer_token(req), "tok");
}

TEST(BearerTokenTest, TwoAuthorizationHeadersAreInvalidRequest) {
  httplib::Request req;
  req.headers.emplace("Authorization", "Bearer a");
  req.headers.emplace("Authorization", "Bearer b");
  EXPECT_EQ(error_of([&] { extract_bearer_token(req); }).error(), "invalid_request");
}

}  // namespace
}  // namespace oauthsim::rs
