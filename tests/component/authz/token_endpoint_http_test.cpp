#include <gmock/gmock.h>

#include "component/authz/authz_server_fixture.h"
#include "oauthsim/authz/pkce.h"
#include "oauthsim/common/encoding.h"

namespace oauthsim::authz::testing {
namespace {

using ::testing::HasSubstr;

using TokenEndpointHttpTest = AuthzServerTest;

TEST_F(TokenEndpointHttpTest, LoginConsentCodeTokenFullFlow) {
  auto res = exchange(obtain_code());
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(res->get_header_value("Pragma"), "no-cache");
  const auto body = json_of(res);
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_EQ(body["expires_in"], 1800);
  EXPECT_EQ(body["scope"], "user_me_read");
  ASSERT_TRUE(body["refresh_token"].is_string());
  const auto info = server->verifier().verify(body["access_token"].get<std::string>());
  EXPECT_TRUE(info.active);
  EXPECT_EQ(info.username, "alice@example.com");
}

TEST_F(TokenEndpointHttpTest, CodeReplayIsInvalidGrantAndRevokesFirstTokens) {
  const auto code = obtain_code();
  const auto first = json_of(exchange(code));
  const std::string at = first["access_token"];
  ASSERT_TRUE(server->verifier().verify(at).active);
  auto again = exchange(code);
  EXPECT_EQ(again->status, 400);
  EXPECT_EQ(json_of(again)["error"], "invalid_grant");
  EXPECT_FALSE(server->verifier().verify(at).active);
  EXPECT_EQ(json_of(refresh(first["refresh_token"]))["error"], "invalid_grant");
  bool noted = false;
  for (const auto& e : trace.entries()) noted |= e.note.find("code replayed") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST_F(TokenEndpointHttpTest, ExpiredCodeIsInvalidGrant) {
  const auto code = obtain_code();
  clock.advance_seconds(61);
  auto res = exchange(code);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(json_of(res)["error"], "invalid_grant");
}

TEST_F(TokenEndpointHttpTest, RedirectUriMismatchIsInvalidGrant) {
  common::Params form{{"grant_type", "authorization_code"},
                      {"code", obtain_code()},
                      {"redirect_uri", "https://acme.example/cb"},
                      {"client_id", "acme-ats"},
                      {"client_secret", "acme-secret"}};
  EXPECT_EQ(json_of(post_form("/identity/oauth/token", form))["error"], "invalid_grant");
}

TEST_F(TokenEndpointHttpTest, PkceS256FlowVerifiesTheVerifier) {
  const std::string verifier(50, 'k');
  const auto code = obtain_code(
      {{"code_challenge", s256_challenge(verifier)}, {"code_challenge_method", "S256"}});
  EXPECT_EQ(json_of(exchange(code, {{"code_verifier", std::string(50, 'j')}}))["error"],
            "invalid_grant");
  const auto code2 = obtain_code(
      {{"code_challenge", s256_challenge(verifier)}, {"code_challenge_method", "S256"}});
  EXPECT_EQ(exchange(code2, {{"code_verifier", verifier}})->status, 200);
}

TEST_F(TokenEndpointHttpTest, RefreshRotatesAndOldRefreshTokenIsRefused) {
  const auto first = json_of(exchange(obtain_code()));
  clock.advance_seconds(1800);
  EXPECT_FALSE(server->verifier().verify(first["access_token"].get<std::string>()).active);
  auto res = refresh(first["refresh_token"]);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  const auto second = json_of(res);
  EXPECT_NE(second["refresh_token"], first["refresh_token"]);
  EXPECT_TRUE(server->verifier().verify(second["access_token"].get<std::string>()).active);
  auto old = refresh(first["refresh_token"]);
  EXPECT_EQ(old->status, 400);
  EXPECT_EQ(json_of(old)["error"], "invalid_grant");
  // Reuse of the rotated-out token revoked the grant (RFC 9700).
  EXPECT_FALSE(server->verifier().verify(second["access_token"].get<std::string>()).active);
}

TEST_F(TokenEndpointHttpTest, RefuseTokenPolicyRefusesTheReusedTokenAndKeepsTheGrant) {
  server->stop();
  common::Config config = make_config();
  config.refresh_token_reuse = common::RefreshTokenReuse::kRefuseToken;
  server = std::make_unique<AuthorizationServer>(config, clock, random, &trace);
  port = server->start("127.0.0.1", 0);
  http = std::make_unique<httplib::Client>("127.0.0.1", port);

  const auto first = json_of(exchange(obtain_code()));
  const auto second = json_of(refresh(first["refresh_token"]));
  ASSERT_TRUE(second.contains("refresh_token")) << second;
  // A second worker refreshing with the same (now rotated-out) token: refused, nothing more.
  auto reused = refresh(first["refresh_token"]);
  EXPECT_EQ(reused->status, 400);
  EXPECT_EQ(json_of(reused)["error"], "invalid_grant");
  EXPECT_TRUE(server->verifier().verify(second["access_token"].get<std::string>()).active)
      << "refuse_token keeps the grant that the first refresh continued";
  EXPECT_EQ(refresh(second["refresh_token"])->status, 200);
}

TEST_F(TokenEndpointHttpTest, ClientCredentialsHasNoRefreshToken) {
  auto res = post_form("/identity/oauth/token", {{"grant_type", "client_credentials"},
                                                 {"client_id", "acme-ats"},
                                                 {"client_secret", "acme-secret"}});
  ASSERT_EQ(res->status, 200);
  const auto body = json_of(res);
  EXPECT_FALSE(body.contains("refresh_token"));
  EXPECT_EQ(body["scope"], "user_me_read");
}

TEST_F(TokenEndpointHttpTest, BasicAuthenticationIsAccepted) {
  httplib::Headers h{{"Authorization", "Basic " + common::base64_encode("acme-ats:acme-secret")}};
  auto res = post_form("/identity/oauth/token", {{"grant_type", "client_credentials"}}, "", h);
  EXPECT_EQ(res->status, 200);
}

TEST_F(TokenEndpointHttpTest, BothAuthenticationMethodsIsInvalidRequest) {
  httplib::Headers h{{"Authorization", "Basic " + common::base64_encode("acme-ats:acme-secret")}};
  auto res = post_form("/identity/oauth/token",
                       {{"grant_type", "client_credentials"},
                        {"client_id", "acme-ats"},
                        {"client_secret", "acme-secret"}},
                       "", h);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(json_of(res)["error"], "invalid_request");
}

TEST_F(TokenEndpointHttpTest, MissingClientAuthenticationIs401WithChallenge) {
  auto res = post_form("/identity/oauth/token", {{"grant_type", "client_credentials"}});
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(json_of(res)["error"], "invalid_client");
  EXPECT_FALSE(res->get_header_value("WWW-Authenticate").empty());
}

TEST_F(TokenEndpointHttpTest, WrongSecretIs401) {
  auto res = post_form(
      "/identity/oauth/token",
      {{"grant_type", "client_credentials"}, {"client_id", "acme-ats"}, {"client_secret", "nope"}});
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(json_of(res)["error"], "invalid_client");
}

TEST_F(TokenEndpointHttpTest, JsonBodyIsInvalidRequest) {
  auto res = http->Post("/identity/oauth/token",
                        R"({"grant_type":"client_credentials","client_id":"acme-ats"})",
                        "application/json");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(json_of(res)["error"], "invalid_request");
}

TEST_F(TokenEndpointHttpTest, UnsupportedGrantType) {
  auto res = post_form(
      "/identity/oauth/token",
      {{"grant_type", "password"}, {"client_id", "acme-ats"}, {"client_secret", "acme-secret"}});
  EXPECT_EQ(json_of(res)["error"], "unsupported_grant_type");
}

TEST_F(TokenEndpointHttpTest, DeletingTheUserBreaksTheGrant) {
  const auto tokens = json_of(exchange(obtain_code()));
  ASSERT_TRUE(server->delete_user("alice@example.com"));
  EXPECT_FALSE(server->verifier().verify(tokens["access_token"].get<std::string>()).active);
  EXPECT_EQ(json_of(refresh(tokens["refresh_token"]))["error"], "invalid_grant");
  EXPECT_FALSE(server->delete_user("alice@example.com"));
}

TEST_F(TokenEndpointHttpTest, TokenRequestsAreTracedFromTheClientWithSecretsRedacted) {
  const auto code = obtain_code();
  const auto body = json_of(exchange(code));
  const auto entries = trace.entries();
  ASSERT_FALSE(entries.empty());
  const auto& last = entries.back();
  EXPECT_EQ(last.from, common::party::kClient);
  EXPECT_EQ(last.path, "/identity/oauth/token");
  EXPECT_EQ(last.status, 200);
  const std::string dump = trace.to_json().dump();
  EXPECT_THAT(dump, ::testing::Not(HasSubstr(body["access_token"].get<std::string>())));
  EXPECT_THAT(dump, ::testing::Not(HasSubstr("acme-secret")));
}

}  // namespace
}  // namespace oauthsim::authz::testing
