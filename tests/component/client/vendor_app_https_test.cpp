// The vendor app over https, authenticating at the token endpoint with its client certificate
// (RFC 8705 tls_client_auth): no secret in the form, the certificate on the connection.
#include <gmock/gmock.h>

#include <memory>

#include "component/authz/tls_test_pki.h"
#include "fake_sr_server.h"
#include "oauthsim/client/vendor_app.h"
#include "oauthsim/common/certificates.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/common/url.h"

namespace oauthsim::client::testing {
namespace {

using ::testing::HasSubstr;

class VendorAppHttpsTest : public ::testing::Test {
 protected:
  VendorAppHttpsTest()
      : sr(pki.server_options()),
        app_transport(5, {}, pki.client_options(cert)),
        browser(5, {}, pki.client_options()) {
    app = std::make_unique<VendorApp>(ClientSettings{}, app_transport, clock, random, nullptr,
                                      pki.server_options());
    app->start("127.0.0.1", 0);
    ClientSettings s;
    s.client_id = "mtls-app";
    s.redirect_uri = app->base_url() + "/callback";
    s.authorization_endpoint = sr.base_url() + "/identity/oauth/allow";
    s.token_endpoint = sr.base_url() + "/identity/oauth/token";
    s.revocation_endpoint = sr.base_url() + "/identity/oauth/revoke";
    s.api_base_url = sr.base_url();
    s.auth_method = ClientAuthMethod::kTlsClientAuth;
    app->set_settings(s);
  }
  ~VendorAppHttpsTest() override { app->stop(); }

  common::HttpResponse get(const std::string& path) {
    auto request = common::HttpRequest::get(app->base_url() + path);
    if (!cookie.empty()) request.headers.add("Cookie", cookie);
    return browser.send(request);
  }

  oauthsim::testing::TestPki pki;
  common::CertifiedKey cert = pki.trusted_client();
  FakeSrServer sr;
  common::SocketHttpTransport app_transport;
  common::SocketHttpTransport browser;
  common::VirtualClock clock;
  common::SeededRandom random{8705};
  std::unique_ptr<VendorApp> app;
  std::string cookie;
};

TEST_F(VendorAppHttpsTest, FlowOverHttpsAuthenticatesWithTheCertificateAndNoSecret) {
  EXPECT_EQ(app->base_url().rfind("https://", 0), 0u);
  const auto connect = get("/connect");
  ASSERT_EQ(connect.status, 302);
  const std::string set_cookie = connect.header("Set-Cookie").value_or("");
  EXPECT_THAT(set_cookie, HasSubstr("; Secure"));
  cookie = set_cookie.substr(0, set_cookie.find(';'));
  const auto to_authz = common::parse_url(connect.header("Location").value_or(""));
  ASSERT_TRUE(to_authz);
  const std::string state = to_authz->query_params().get_or("state", "");

  const auto done = get("/callback?" + common::Params{{"code", "c-1"}, {"state", state}}.encode());
  EXPECT_EQ(done.status, 200) << done.body;
  EXPECT_THAT(done.body, HasSubstr("Alice"));
  const common::Params form = sr.last_token_form();
  EXPECT_EQ(form.get("client_id"), "mtls-app");
  EXPECT_FALSE(form.has("client_secret"));
  EXPECT_EQ(sr.last_token_certificate(), common::certificate_thumbprint_s256(cert.certificate_pem));
}

TEST_F(VendorAppHttpsTest, PlainHttpBrowserGetsNoAnswerFromTheHttpsApp) {
  std::string url = app->base_url();
  url.replace(0, 5, "http");
  EXPECT_THROW(common::SocketHttpTransport(2).send(common::HttpRequest::get(url + "/")),
               common::TransportError);
}

}  // namespace
}  // namespace oauthsim::client::testing
