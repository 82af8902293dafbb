#include "oauthsim/common/oauth_error.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>
#include "support/text.h"

namespace oauthsim::common {
namespace {

using nlohmann::json;

using test_support::contains;

TEST(OAuthError, BodyJsonHasErrorAndDescription) {
  OAuthError e = OAuthError::invalid_grant("the code was already used");
  json j = json::parse(e.body_json());
  EXPECT_EQ(j.at("error"), "invalid_grant");
  EXPECT_EQ(j.at("error_description"), "the code was already used");
  EXPECT_EQ(e.status(), 400);
  EXPECT_TRUE(e.www_authenticate().empty());
}

TEST(OAuthError, BodyJsonEscapesHostileDescription) {
  OAuthError e = OAuthError::invalid_request("bad \"param\"\n\\ </script>");
  json j = json::parse(e.body_json());
  EXPECT_EQ(j.at("error_description"), "bad \"param\"\n\\ </script>");
}

TEST(OAuthError, EmptyDescriptionIsLeftOut) {
  OAuthError e("invalid_request", "");
  json j = json::parse(e.body_json());
  EXPECT_EQ(j.at("error"), "invalid_request");
  EXPECT_FALSE(j.contains("error_description"));
}

TEST(OAuthError, FactoriesUseTheRfc6749ErrorCodesAnd400) {
  EXPECT_EQ(OAuthError::invalid_request("d").error(), "invalid_request");
  EXPECT_EQ(OAuthError::invalid_grant("d").error(), "invalid_grant");
  EXPECT_EQ(OAuthError::unauthorized_client("d").error(), "unauthorized_client");
  EXPECT_EQ(OAuthError::unsupported_grant_type("d").error(), "unsupported_grant_type");
  EXPECT_EQ(OAuthError::invalid_scope("d").error(), "invalid_scope");
  for (const auto& e : {OAuthError::invalid_request("d"), OAuthError::invalid_grant("d"),
                        OAuthError::unauthorized_client("d"),
                        OAuthError::unsupported_grant_type("d"), OAuthError::invalid_scope("d")}) {
    EXPECT_EQ(e.status(), 400) << e.error();
  }
}

TEST(OAuthError, WhatNamesErrorAndDescription) {
  OAuthError e = OAuthError::invalid_scope("scope 'root' is unknown");
  EXPECT_TRUE(contains(e.what(), "invalid_scope")) << e.what();
  EXPECT_TRUE(contains(e.what(), "scope 'root' is unknown")) << e.what();
  EXPECT_EQ(e.description(), "scope 'root' is unknown");
}

TEST(OAuthError, InvalidClientIs401WithBasicChallenge) {
  for (bool used_basic : {true, false}) {
    OAuthError e = OAuthError::invalid_client("unknown client", used_basic);
    EXPECT_EQ(e.error(), "invalid_client");
    EXPECT_EQ(e.status(), 401);
    EXPECT_EQ(e.www_authenticate().rfind("Basic", 0), 0u) << e.www_authenticate();
    EXPECT_TRUE(contains(e.www_authenticate(), "realm=\"")) << e.www_authenticate();
  }
}

TEST(OAuthError, IsCatchableAsRuntimeError) {
  try {
    throw OAuthError::invalid_grant("x");
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(contains(e.what(), "invalid_grant"));
  }
}

TEST(BearerError, MissingTokenChallengeHasNoErrorAttribute) {
  BearerError e = BearerError::missing_token();
  EXPECT_EQ(e.status(), 401);
  EXPECT_TRUE(e.error().empty());
  const std::string h = e.www_authenticate();
  EXPECT_EQ(h, "Bearer realm=\"SmartRecruiters Customer API\"");
  EXPECT_FALSE(contains(h, "error")) << h;
}

TEST(BearerError, InvalidTokenChallengeHasErrorAndDescription) {
  BearerError e = BearerError::invalid_token("The access token expired");
  EXPECT_EQ(e.status(), 401);
  const std::string h = e.www_authenticate();
  EXPECT_EQ(h.rfind("Bearer realm=\"SmartRecruiters Customer API\"", 0), 0u) << h;
  EXPECT_TRUE(contains(h, "error=\"invalid_token\"")) << h;
  EXPECT_TRUE(contains(h, "error_description=\"The access token expired\"")) << h;
  EXPECT_FALSE(contains(h, "scope=")) << h;
}

TEST(BearerError, InsufficientScopeIs403AndNamesTheScope) {
  BearerError e = BearerError::insufficient_scope("jobs_read");
  EXPECT_EQ(e.status(), 403);
  EXPECT_EQ(e.scope(), "jobs_read");
  const std::string h = e.www_authenticate();
  EXPECT_TRUE(contains(h, "error=\"insufficient_scope\"")) << h;
  EXPECT_TRUE(contains(h, "scope=\"jobs_read\"")) << h;
  json j = json::parse(e.body_json());
  EXPECT_EQ(j.at("error"), "insufficient_scope");
  EXPECT_EQ(j.at("scope"), "jobs_read");
}

TEST(BearerError, InvalidRequestIs400) {
  BearerError e = BearerError::invalid_request("two tokens");
  EXPECT_EQ(e.status(), 400);
  EXPECT_TRUE(contains(e.www_authenticate(), "error=\"invalid_request\""));
}

TEST(BearerError, CustomRealmIsUsed) {
  EXPECT_EQ(BearerError::missing_token().www_authenticate("Test"), "Bearer realm=\"Test\"");
}

TEST(BearerError, QuotesBackslashesAndControlCharactersAreStrippedFromAttributes) {
  BearerError e("invalid_token", "token \"abc\" \\ bad\r\nX-Injected: 1", 401);
  const std::string h = e.www_authenticate("my \"realm\"");
  EXPECT_TRUE(contains(h, "realm=\"my realm\"")) << h;
  EXPECT_TRUE(contains(h, "error_description=\"token abc  badX-Injected: 1\"")) << h;
  EXPECT_FALSE(contains(h, "\r")) << h;
  EXPECT_FALSE(contains(h, "\n")) << h;
  // Every attribute value is a well-formed quoted-string: an even number of quotes.
  EXPECT_EQ(std::count(h.begin(), h.end(), '"') % 2, 0) << h;
}

TEST(BearerError, BodyJsonKeepsTheFullDescription) {
  BearerError e("invalid_token", "a \"quoted\" reason", 401);
  json j = json::parse(e.body_json());
  EXPECT_EQ(j.at("error"), "invalid_token");
  EXPECT_EQ(j.at("error_description"), "a \"quoted\" reason");
  EXPECT_FALSE(j.contains("scope"));
}

TEST(BearerError, MissingTokenBodyHasNoErrorCode) {
  json j = json::parse(BearerError::missing_token().body_json());
  EXPECT_FALSE(j.contains("error"));
  EXPECT_TRUE(j.contains("error_description"));
}

}  // namespace
}  // namespace oauthsim::common
