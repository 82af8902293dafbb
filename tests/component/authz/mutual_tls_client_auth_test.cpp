// RFC 8705 2: client authentication at the token and revocation endpoints by the certificate of
// the TLS connection, over real TLS.
#include <gmock/gmock.h>

#include "component/authz/mutual_tls_fixture.h"

namespace oauthsim::authz::testing {
namespace {

using oauthsim::testing::TestPki;
using ::testing::HasSubstr;

// The answer must be 401 invalid_client whose description, and the trace note, contain `why`.
void expect_refusal(const common::HttpResponse& r, const std::string& note,
                    const std::string& why) {
  EXPECT_EQ(r.status, 401) << r.body;
  const auto body = nlohmann::json::parse(r.body, nullptr, false);
  EXPECT_EQ(body.value("error", ""), "invalid_client") << r.body;
  EXPECT_THAT(body.value("error_description", ""), HasSubstr(why));
  EXPECT_THAT(note, HasSubstr("invalid_client"));
  EXPECT_THAT(note, HasSubstr(why));
}

class MutualTlsClientAuthTest : public MutualTlsTest {
 protected:
  // Sends first, then reads the note the server wrote for it.
  void expect_invalid_client(const common::HttpResponse& r, const std::string& why) {
    expect_refusal(r, last_token_note(), why);
  }
};

TEST_F(MutualTlsClientAuthTest, RegisteredSubjectFromTheTrustedCaGetsTokens) {
  const auto r = client_credentials("dn-app", dn_cert);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(json_of(r)["access_token"].is_string());
  EXPECT_EQ(trace.entries().back().client_certificate,
            common::certificate_thumbprint_s256(dn_cert.certificate_pem));
}

TEST_F(MutualTlsClientAuthTest, CertificateWithAnotherSubjectIsInvalidClient) {
  const auto r = client_credentials("dn-app", pki.trusted_client("intruder"));
  expect_invalid_client(r, "is not the registered 'CN=vendor app,O=Acme'");
}

TEST_F(MutualTlsClientAuthTest, NoCertificateIsInvalidClient) {
  expect_invalid_client(client_credentials("dn-app", {}), "presented no client certificate");
}

TEST_F(MutualTlsClientAuthTest, ExpiredCertificateIsInvalidClient) {
  expect_invalid_client(client_credentials("dn-app", pki.expired_client()), "expired");
}

TEST_F(MutualTlsClientAuthTest, CertificateFromAnotherCaIsInvalidClient) {
  expect_invalid_client(client_credentials("dn-app", TestPki::foreign_client()),
                        "not issued by a certificate authority this server trusts");
}

TEST_F(MutualTlsClientAuthTest, SecretFromACertificateOnlyClientIsInvalidClient) {
  expect_invalid_client(client_credentials("dn-app", dn_cert, "guessed-secret"),
                        "must not send a client secret");
  // Without the certificate the secret alone is refused just the same.
  expect_invalid_client(client_credentials("dn-app", {}, "guessed-secret"),
                        "must not send a client secret");
}

TEST_F(MutualTlsClientAuthTest, SecretClientPresentingOnlyACertificateIsInvalidClient) {
  expect_invalid_client(client_credentials("acme-ats", dn_cert),
                        "authenticates with a client secret, not with a certificate");
}

TEST_F(MutualTlsClientAuthTest, SecretClientStillAuthenticatesOverTlsWithACertificateOnTheSide) {
  const auto r = client_credentials("acme-ats", dn_cert, "acme-secret");
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(MutualTlsClientAuthTest, RegisteredSelfSignedCertificateGetsTokens) {
  const auto r = client_credentials("self-app", self_cert);
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(MutualTlsClientAuthTest, AnotherSelfSignedCertificateIsInvalidClient) {
  expect_invalid_client(client_credentials("self-app", TestPki::self_signed_client()),
                        "SHA-256 thumbprint differs");
}

TEST_F(MutualTlsClientAuthTest, CertificateClientExchangesItsCodeWithoutASecret) {
  const std::string code = obtain_code("dn-app");
  const auto r = post(kToken,
                      {{"grant_type", "authorization_code"},
                       {"code", code},
                       {"redirect_uri", kRedirect},
                       {"client_id", "dn-app"}},
                      dn_cert);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(json_of(r)["refresh_token"].is_string());
}

TEST_F(MutualTlsClientAuthTest, LoginSessionCookieIsSecureOverHttps) {
  const auto login = send(common::HttpRequest::get(
      server->base_url() + "/identity/oauth/allow?" +
      common::Params{{"client_id", "dn-app"}, {"redirect_uri", kRedirect}}.encode()));
  ASSERT_EQ(login.status, 200);
  auto login_post =
      common::HttpRequest::post_form(server->base_url() + "/identity/oauth/login",
                                     {{"username", "alice@example.com"},
                                      {"password", "wonderland"},
                                      {"csrf_token", field(login.body, "csrf_token")},
                                      {"request_id", field(login.body, "request_id")}});
  const std::string login_cookie = login.header("Set-Cookie").value_or("");
  login_post.headers.add("Cookie", login_cookie.substr(0, login_cookie.find(';')));
  const auto logged_in = send(login_post);
  ASSERT_EQ(logged_in.status, 302);
  EXPECT_THAT(logged_in.header("Set-Cookie").value_or(""), HasSubstr("; Secure"));
}

TEST_F(MutualTlsClientAuthTest, RevocationAuthenticatesByCertificateToo) {
  const std::string token = json_of(client_credentials("dn-app", dn_cert))["access_token"];
  const common::Params form{{"token", token}, {"client_id", "dn-app"}};
  const auto refused = post("/identity/oauth/revoke", form);
  EXPECT_EQ(refused.status, 401) << refused.body;
  EXPECT_TRUE(server->verifier().verify(token).active);
  const auto revoked = post("/identity/oauth/revoke", form, dn_cert);
  EXPECT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_FALSE(server->verifier().verify(token).active);
}

TEST_F(MutualTlsClientAuthTest, MetadataOverHttpsAnnouncesCertificateMethodsAndBoundTokens) {
  const auto r = send(
      common::HttpRequest::get(server->base_url() + "/.well-known/oauth-authorization-server"));
  ASSERT_EQ(r.status, 200);
  const auto m = json_of(r);
  EXPECT_THAT(m["token_endpoint_auth_methods_supported"].get<std::vector<std::string>>(),
              ::testing::IsSupersetOf({"client_secret_post", "client_secret_basic",
                                       "tls_client_auth", "self_signed_tls_client_auth"}));
  EXPECT_EQ(m.value("tls_client_certificate_bound_access_tokens", false), true);
  EXPECT_EQ(m.value("issuer", "").rfind("https://127.0.0.1:", 0), 0u);
}

}  // namespace
}  // namespace oauthsim::authz::testing
