// RFC 8705 3: the Customer API over TLS accepts a certificate-bound access token only from the
// caller presenting that certificate; a plain bearer token works with or without one.
#include <gmock/gmock.h>

#include <memory>

#include "component/authz/tls_test_pki.h"
#include "fake_token_verifier.h"
#include "oauthsim/common/certificates.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/rs/resource_server.h"

namespace oauthsim::rs {
namespace {

using oauthsim::testing::TestPki;
using ::testing::HasSubstr;

class CertificateBoundTokenTest : public ::testing::Test {
 protected:
  void start(std::optional<common::TlsServerOptions> tls) {
    server = std::make_unique<ResourceServer>(common::default_config(), clock, verifier, &trace,
                                              std::move(tls));
    server->start("127.0.0.1", 0);
  }
  void SetUp() override {
    add("bound", common::certificate_thumbprint_s256(cert.certificate_pem));
    add("plain", "");
  }
  void add(const std::string& token, const std::string& thumbprint) {
    common::TokenInfo info;
    info.client_id = "acme-ats";
    info.username = "alice@example.com";
    info.scope = "user_me_read";
    info.exp = clock.now_seconds() + 1800;
    info.certificate_thumbprint = thumbprint;
    verifier.add(token, info);
  }
  common::HttpResponse me(const std::string& token, const common::CertifiedKey& presented = {}) {
    auto request = common::HttpRequest::get(server->base_url() + "/users/me");
    request.headers.add("Authorization", "Bearer " + token);
    common::SocketHttpTransport t(5, {}, pki.client_options(presented));
    return t.send(request);
  }
  static void expect_bound_refusal(const common::HttpResponse& r, const std::string& why) {
    EXPECT_EQ(r.status, 401) << r.body;
    const std::string challenge = r.header("WWW-Authenticate").value_or("");
    EXPECT_THAT(challenge, HasSubstr("error=\"invalid_token\""));
    EXPECT_THAT(challenge, HasSubstr(why));
  }

  TestPki pki;
  common::CertifiedKey cert = pki.trusted_client();
  common::VirtualClock clock;
  common::Trace trace;
  testing::FakeTokenVerifier verifier;
  std::unique_ptr<ResourceServer> server;
};

TEST_F(CertificateBoundTokenTest, BoundTokenWorksWithItsCertificate) {
  start(pki.server_options());
  EXPECT_EQ(server->base_url().rfind("https://", 0), 0u);
  EXPECT_EQ(me("bound", cert).status, 200);
}

TEST_F(CertificateBoundTokenTest, BoundTokenWithoutACertificateIsInvalidToken) {
  start(pki.server_options());
  expect_bound_refusal(me("bound"), "presented none");
  EXPECT_THAT(trace.entries().back().note, HasSubstr("bound to a client certificate"));
}

TEST_F(CertificateBoundTokenTest, BoundTokenFromAnotherCertificateIsInvalidToken) {
  start(pki.server_options());
  // The same subject from the same CA is still another certificate: the thumbprint decides.
  expect_bound_refusal(me("bound", pki.trusted_client()), "bound to another certificate");
  expect_bound_refusal(me("bound", TestPki::self_signed_client()), "bound to another certificate");
}

TEST_F(CertificateBoundTokenTest, PlainBearerTokenNeedsNoCertificate) {
  start(pki.server_options());
  EXPECT_EQ(me("plain").status, 200);
  EXPECT_EQ(me("plain", cert).status, 200);
}

TEST_F(CertificateBoundTokenTest, OverPlainHttpEveryBoundTokenIsRefused) {
  start(std::nullopt);
  auto request = common::HttpRequest::get(server->base_url() + "/users/me");
  request.headers.add("Authorization", "Bearer bound");
  expect_bound_refusal(common::SocketHttpTransport(5).send(request), "presented none");
}

TEST_F(CertificateBoundTokenTest, PagingLinksPointBackOverHttps) {
  start(pki.server_options());
  common::TokenInfo info;
  info.client_id = "acme-ats";
  info.username = "alice@example.com";
  info.scope = "candidates_read";
  info.exp = clock.now_seconds() + 1800;
  verifier.add("reader", info);
  auto request = common::HttpRequest::get(server->base_url() + "/candidates?limit=1");
  request.headers.add("Authorization", "Bearer reader");
  common::SocketHttpTransport t(5, {}, pki.client_options());
  const auto r = t.send(request);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(r.header("Link").value_or(""), ::testing::StartsWith("<https://"));
}

}  // namespace
}  // namespace oauthsim::rs
