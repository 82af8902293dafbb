#include <gmock/gmock.h>

#include "unit/authz/token_world.h"

namespace oauthsim::authz::testing {
namespace {

using AuthorizationCodeGrantTest = TokenWorld;

TEST_F(AuthorizationCodeGrantTest, ValidCodeGivesBearerTokensWithRefreshAndScope) {
  const auto body = token(code_form(put_code()));
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_EQ(body["expires_in"], 1800);
  EXPECT_EQ(body["scope"], "user_me_read jobs_read");
  EXPECT_EQ(body["access_token"].get<std::string>().size(), 43u);
  EXPECT_EQ(body["refresh_token"].get<std::string>().size(), 43u);
  const auto info = verifier.verify(body["access_token"].get<std::string>());
  EXPECT_TRUE(info.active);
  EXPECT_EQ(info.username, "alice@example.com");
  EXPECT_EQ(info.client_id, "acme-ats");
  EXPECT_EQ(info.exp, clock.now_seconds() + 1800);
}

TEST_F(AuthorizationCodeGrantTest, ReplayedCodeRevokesFirstTokens) {
  const auto code = put_code();
  const auto first = token(code_form(code));
  ASSERT_TRUE(active(first["access_token"]));
  EXPECT_EQ(error_of(code_form(code)), "invalid_grant");
  EXPECT_FALSE(active(first["access_token"]));
  EXPECT_EQ(error_of(refresh_form(first["refresh_token"])), "invalid_grant");
}

TEST_F(AuthorizationCodeGrantTest, ExpiredCodeIsInvalidGrant) {
  const auto code = put_code();
  clock.advance_seconds(config.lifetimes.authorization_code);
  EXPECT_EQ(error_of(code_form(code)), "invalid_grant");
}

TEST_F(AuthorizationCodeGrantTest, CodeJustBeforeExpiryWorks) {
  const auto code = put_code();
  clock.advance_ms(config.lifetimes.authorization_code * 1000 - 1);
  EXPECT_EQ(error_of(code_form(code)), "");
}

TEST_F(AuthorizationCodeGrantTest, UnknownCodeIsInvalidGrant) {
  EXPECT_EQ(error_of(code_form("not-a-code")), "invalid_grant");
}

TEST_F(AuthorizationCodeGrantTest, MissingCodeIsInvalidRequest) {
  auto form = code_form("x");
  form.erase("code");
  EXPECT_EQ(error_of(form), "invalid_request");
}

TEST_F(AuthorizationCodeGrantTest, CodeIssuedToAnotherClientIsInvalidGrant) {
  const auto code = put_code("acme-ats");
  EXPECT_EQ(error_of(code_form(code, "pkce-app", "pkce-secret")), "invalid_grant");
  // The rightful client can still use it.
  EXPECT_EQ(error_of(code_form(code)), "");
}

TEST_F(AuthorizationCodeGrantTest, MismatchedRedirectUriIsInvalidGrant) {
  auto form = code_form(put_code());
  form.set("redirect_uri", "https://acme.example/cb?tenant=1");
  EXPECT_EQ(error_of(form), "invalid_grant");
}

TEST_F(AuthorizationCodeGrantTest, RedirectUriMayBeLeftOutAtTheTokenEndpoint) {
  // SR-FACTS: some SR clients omit it, and the real service accepts that.
  auto form = code_form(put_code());
  form.erase("redirect_uri");
  EXPECT_EQ(error_of(form), "");
}

TEST_F(AuthorizationCodeGrantTest, PkceS256VerifierIsChecked) {
  const std::string verifier_value(64, 'v');
  const auto code = put_code("acme-ats", s256_challenge(verifier_value), "S256");
  auto form = code_form(code);
  form.add("code_verifier", verifier_value);
  EXPECT_EQ(error_of(form), "");

  // Checked, not merely accepted: another verifier for a code with the same challenge fails.
  auto other = code_form(put_code("acme-ats", s256_challenge(verifier_value), "S256"));
  other.add("code_verifier", std::string(64, 'w'));
  EXPECT_EQ(error_of(other), "invalid_grant");
}

TEST_F(AuthorizationCodeGrantTest, EachInvalidGrantCarriesItsOwnTypedReason) {
  using common::RefusalReason;
  const std::string verifier(64, 'v');
  auto pkce_form = [&](std::optional<std::string> sent) {
    auto form = code_form(put_code("acme-ats", s256_challenge(verifier), "S256"));
    if (sent) form.add("code_verifier", *sent);
    return form;
  };
  EXPECT_EQ(reason_of(pkce_form(std::string(64, 'w'))), RefusalReason::kCodeVerifierMismatch);
  EXPECT_EQ(reason_of(pkce_form(std::nullopt)), RefusalReason::kCodeVerifierMissing);
  auto no_challenge = code_form(put_code());
  no_challenge.add("code_verifier", verifier);
  EXPECT_EQ(reason_of(no_challenge), RefusalReason::kCodeVerifierWithoutChallenge);
  EXPECT_EQ(reason_of(code_form("never-issued")), RefusalReason::kCodeUnknown);

  const auto used = code_form(put_code());
  ASSERT_EQ(reason_of(used), RefusalReason::kNone);
  EXPECT_EQ(reason_of(used), RefusalReason::kCodeReplayed);

  auto moved = code_form(put_code());
  moved.set("redirect_uri", "https://acme.example/elsewhere");
  EXPECT_EQ(reason_of(moved), RefusalReason::kRedirectUriMismatch);

  const auto late = code_form(put_code());
  clock.advance_ms((config.lifetimes.authorization_code + 1) * 1000);
  EXPECT_EQ(reason_of(late), RefusalReason::kCodeExpired);
}

TEST_F(AuthorizationCodeGrantTest, PkceWrongVerifierIsInvalidGrant) {
  const auto code = put_code("acme-ats", s256_challenge(std::string(64, 'v')), "S256");
  auto form = code_form(code);
  form.add("code_verifier", std::string(64, 'w'));
  EXPECT_EQ(error_of(form), "invalid_grant");
}

TEST_F(AuthorizationCodeGrantTest, PkceMissingVerifierIsInvalidGrant) {
  const auto code = put_code("acme-ats", s256_challenge(std::string(64, 'v')), "S256");
  EXPECT_EQ(error_of(code_form(code)), "invalid_grant");
}

TEST_F(AuthorizationCodeGrantTest, VerifierWithoutChallengeIsInvalidGrant) {
  auto form = code_form(put_code());
  form.add("code_verifier", std::string(64, 'v'));
  EXPECT_EQ(error_of(form), "invalid_grant");
}

TEST_F(AuthorizationCodeGrantTest, CodeOfDeletedUserIsInvalidGrant) {
  const auto code = put_code();
  users.remove("alice@example.com");
  EXPECT_EQ(error_of(code_form(code)), "invalid_grant");
}

}  // namespace
}  // namespace oauthsim::authz::testing
