#include <gmock/gmock.h>

#include "unit/authz/token_world.h"

namespace oauthsim::authz::testing {
namespace {

class RefreshTokenGrantTest : public TokenWorld {
 protected:
  void SetUp() override { first = token(code_form(put_code())); }
  std::string rt() const { return first["refresh_token"].get<std::string>(); }
  nlohmann::json first;
};

TEST_F(RefreshTokenGrantTest, RefreshRotatesTheRefreshToken) {
  const auto second = token(refresh_form(rt()));
  EXPECT_NE(second["refresh_token"], first["refresh_token"]);
  EXPECT_NE(second["access_token"], first["access_token"]);
  EXPECT_EQ(second["scope"], "user_me_read jobs_read");
  EXPECT_TRUE(active(second["access_token"].get<std::string>()));
}

TEST_F(RefreshTokenGrantTest, RefusalsCarryTheirTypedReason) {
  using common::RefusalReason;
  EXPECT_EQ(reason_of(refresh_form("never-issued")), RefusalReason::kRefreshTokenUnknown);
  const auto second = token(refresh_form(rt()));
  EXPECT_EQ(reason_of(refresh_form(rt())), RefusalReason::kRefreshTokenReused);
  // The reuse revoked the grant: its rotated successor is refused as revoked, not as reused.
  EXPECT_EQ(reason_of(refresh_form(second["refresh_token"].get<std::string>())),
            RefusalReason::kRefreshTokenRevoked);
}

TEST_F(RefreshTokenGrantTest, RotatedOutRefreshTokenIsRefusedAndRevokesGrant) {
  const auto second = token(refresh_form(rt()));
  EXPECT_EQ(error_of(refresh_form(rt())), "invalid_grant");
  // RFC 9700: everything in the grant dies, including the legitimately rotated tokens.
  EXPECT_FALSE(active(second["access_token"].get<std::string>()));
  EXPECT_EQ(error_of(refresh_form(second["refresh_token"].get<std::string>())), "invalid_grant");
}

TEST_F(RefreshTokenGrantTest, SameGrantIdAcrossRotation) {
  const auto second = token(refresh_form(rt()));
  EXPECT_EQ(verifier.verify(first["access_token"].get<std::string>()).grant_id,
            verifier.verify(second["access_token"].get<std::string>()).grant_id);
}

TEST_F(RefreshTokenGrantTest, ScopeCanBeNarrowedAndWidenedBackToTheGrant) {
  auto narrow = refresh_form(rt());
  narrow.add("scope", "jobs_read");
  const auto second = token(narrow);
  EXPECT_EQ(second["scope"], "jobs_read");
  EXPECT_EQ(verifier.verify(second["access_token"].get<std::string>()).scope, "jobs_read");
  const auto third = token(refresh_form(second["refresh_token"].get<std::string>()));
  EXPECT_EQ(third["scope"], "user_me_read jobs_read");
}

TEST_F(RefreshTokenGrantTest, ScopeWiderThanGrantIsInvalidScopeAndTokenSurvives) {
  auto wide = refresh_form(rt());
  wide.add("scope", "candidates_read");
  EXPECT_EQ(error_of(wide), "invalid_scope");
  EXPECT_EQ(error_of(refresh_form(rt())), "");
}

TEST_F(RefreshTokenGrantTest, ExpiredRefreshTokenIsInvalidGrant) {
  clock.advance_seconds(config.lifetimes.refresh_token);
  EXPECT_EQ(error_of(refresh_form(rt())), "invalid_grant");
}

TEST_F(RefreshTokenGrantTest, AccessTokenExpiresButRefreshStillWorks) {
  clock.advance_seconds(config.lifetimes.access_token);
  EXPECT_FALSE(active(first["access_token"].get<std::string>()));
  EXPECT_EQ(error_of(refresh_form(rt())), "");
}

TEST_F(RefreshTokenGrantTest, RefreshTokenOfAnotherClientIsInvalidGrant) {
  auto form = refresh_form(rt());
  form.set("client_id", "pkce-app");
  form.set("client_secret", "pkce-secret");
  EXPECT_EQ(error_of(form), "invalid_grant");
}

TEST_F(RefreshTokenGrantTest, DeletedUserBreaksRefresh) {
  users.remove("alice@example.com");
  EXPECT_EQ(error_of(refresh_form(rt())), "invalid_grant");
  EXPECT_FALSE(active(first["access_token"].get<std::string>()));
}

TEST_F(RefreshTokenGrantTest, MissingRefreshTokenIsInvalidRequest) {
  EXPECT_EQ(error_of({{"grant_type", "refresh_token"},
                      {"client_id", "acme-ats"},
                      {"client_secret", "acme-secret"}}),
            "invalid_request");
}

}  // namespace
}  // namespace oauthsim::authz::testing
