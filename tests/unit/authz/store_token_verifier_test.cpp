#include <gmock/gmock.h>

#include "unit/authz/token_world.h"

namespace oauthsim::authz::testing {
namespace {

using StoreTokenVerifierTest = TokenWorld;

TEST_F(StoreTokenVerifierTest, UnknownTokenIsInactive) {
  EXPECT_FALSE(verifier.verify("nope").active);
}

TEST_F(StoreTokenVerifierTest, TokenExpiresExactlyAtExpiresIn) {
  const std::string at = token(code_form(put_code()))["access_token"];
  clock.advance_ms(config.lifetimes.access_token * 1000 - 1);
  EXPECT_TRUE(active(at));
  clock.advance_ms(1);
  EXPECT_FALSE(active(at));
}

TEST_F(StoreTokenVerifierTest, DeletedUsersTokensAreInactive) {
  const std::string at = token(code_form(put_code()))["access_token"];
  users.remove("alice@example.com");
  EXPECT_FALSE(active(at));
}

TEST_F(StoreTokenVerifierTest, ActiveInfoCarriesScopeGrantAndTimes) {
  const std::string at = token(code_form(put_code()))["access_token"];
  const auto info = verifier.verify(at);
  EXPECT_EQ(info.scope, "user_me_read jobs_read");
  EXPECT_TRUE(info.has_scope("jobs_read"));
  EXPECT_FALSE(info.grant_id.empty());
  EXPECT_EQ(info.iat, clock.now_seconds());
  EXPECT_EQ(info.token_type, "Bearer");
}

TEST_F(StoreTokenVerifierTest, BoundTokenReportsItsCertificateThumbprint) {
  config.clients.at(0).tls_client_certificate_bound_access_tokens = true;
  const authz::PresentedCertificate cert{"CN=vendor app,O=Acme", "thumb-1", true, true};
  std::string note;
  const std::string at =
      endpoint.handle(code_form(put_code()), std::nullopt, note, cert)["access_token"];
  EXPECT_EQ(verifier.verify(at).certificate_thumbprint, "thumb-1");
}

TEST_F(StoreTokenVerifierTest, UnboundClientsTokenHasNoThumbprintEvenWithACertificate) {
  const authz::PresentedCertificate cert{"CN=vendor app,O=Acme", "thumb-1", true, true};
  std::string note;
  const std::string at =
      endpoint.handle(code_form(put_code()), std::nullopt, note, cert)["access_token"];
  EXPECT_EQ(verifier.verify(at).certificate_thumbprint, "");
}

TEST_F(StoreTokenVerifierTest, BoundClientWithoutACertificateGetsNoToken) {
  config.clients.at(0).tls_client_certificate_bound_access_tokens = true;
  EXPECT_EQ(error_of(code_form(put_code())), "invalid_request");
}

}  // namespace
}  // namespace oauthsim::authz::testing
