#pragma once
// The authorization server over real TLS (RFC 8705): clients registered by certificate subject,
// by self-signed thumbprint, with and without certificate-bound access tokens. Requests go
// through SocketHttpTransport presenting whichever client certificate a test picks.
#include <memory>
#include <regex>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "component/authz/tls_test_pki.h"
#include "oauthsim/authz/authorization_server.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/random.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/common/trace.h"
#include "oauthsim/common/url.h"

namespace oauthsim::authz::testing {

class MutualTlsTest : public ::testing::Test {
 protected:
  static constexpr const char* kRedirect = "http://localhost:9000/callback";
  static constexpr const char* kToken = "/identity/oauth/token";

  // Registrations: acme-ats (secret), dn-app (tls_client_auth, bound tokens), self-app
  // (self_signed_tls_client_auth for self_cert), bound-secret (secret, bound tokens).
  common::Config make_config() const {
    common::Config c = common::default_config();
    c.clients.at(0).redirect_uris = {kRedirect};
    const common::ClientConfig acme = c.clients.at(0);
    common::ClientConfig dn = acme;
    dn.client_id = "dn-app";
    dn.client_secret.clear();
    dn.token_endpoint_auth_method = "tls_client_auth";
    dn.tls_client_auth_subject_dn = oauthsim::testing::TestPki::kClientDn;
    dn.tls_client_certificate_bound_access_tokens = true;
    c.clients.push_back(dn);
    common::ClientConfig self = dn;
    self.client_id = "self-app";
    self.token_endpoint_auth_method = "self_signed_tls_client_auth";
    self.tls_client_auth_subject_dn.clear();
    self.tls_client_certificate_s256 =
        common::certificate_thumbprint_s256(self_cert.certificate_pem);
    self.tls_client_certificate_bound_access_tokens = false;
    c.clients.push_back(self);
    common::ClientConfig bound = acme;
    bound.client_id = "bound-secret";
    bound.client_secret = "bound-secret-secret";
    bound.tls_client_certificate_bound_access_tokens = true;
    c.clients.push_back(bound);
    return c;
  }

  void SetUp() override {
    AuthorizationServerSetup setup;
    setup.tls = pki.server_options();
    server = std::make_unique<AuthorizationServer>(make_config(), clock, random, &trace,
                                                   std::move(setup));
    server->start("127.0.0.1", 0);
  }
  void TearDown() override { server->stop(); }

  common::HttpResponse send(const common::HttpRequest& request,
                            const common::CertifiedKey& cert = {}) {
    common::SocketHttpTransport t(5, {}, pki.client_options(cert));
    return t.send(request);
  }
  common::HttpResponse post(const std::string& path, const common::Params& form,
                            const common::CertifiedKey& cert = {}) {
    return send(common::HttpRequest::post_form(server->base_url() + path, form), cert);
  }
  common::HttpResponse client_credentials(const std::string& client_id,
                                          const common::CertifiedKey& cert,
                                          const std::string& secret = "") {
    common::Params form{{"grant_type", "client_credentials"}, {"client_id", client_id}};
    if (!secret.empty()) form.add("client_secret", secret);
    return post(kToken, form, cert);
  }

  static nlohmann::json json_of(const common::HttpResponse& r) {
    return nlohmann::json::parse(r.body, nullptr, false);
  }
  static std::string field(const std::string& html, const std::string& name) {
    std::smatch m;
    const std::regex re("name=\"" + name + "\" value=\"([^\"]*)\"");
    return std::regex_search(html, m, re) ? m[1].str() : "";
  }

  // The browser leg for `client_id` (alice allows); returns the authorization code.
  std::string obtain_code(const std::string& client_id) {
    const std::string base = server->base_url();
    common::Params q{{"client_id", client_id}, {"redirect_uri", kRedirect}, {"state", "st-1"}};
    auto login = send(common::HttpRequest::get(base + "/identity/oauth/allow?" + q.encode()));
    EXPECT_EQ(login.status, 200) << login.body;
    auto login_post = common::HttpRequest::post_form(
        base + "/identity/oauth/login", {{"username", "alice@example.com"},
                                         {"password", "wonderland"},
                                         {"csrf_token", field(login.body, "csrf_token")},
                                         {"request_id", field(login.body, "request_id")}});
    const std::string login_cookie = login.header("Set-Cookie").value_or("");
    login_post.headers.add("Cookie", login_cookie.substr(0, login_cookie.find(';')));
    auto logged_in = send(login_post);
    EXPECT_EQ(logged_in.status, 302);
    const std::string set_cookie = logged_in.header("Set-Cookie").value_or("");
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    const auto consent_url = common::parse_url(logged_in.header("Location").value_or(""));
    auto consent_get = common::HttpRequest::get(
        base + (consent_url ? consent_url->path_and_query() : std::string("/")));
    consent_get.headers.add("Cookie", cookie);
    auto consent = send(consent_get);
    EXPECT_EQ(consent.status, 200);
    auto decide = common::HttpRequest::post_form(base + "/identity/oauth/consent",
                                                 {{"csrf_token", field(consent.body, "csrf_token")},
                                                  {"request_id", field(consent.body, "request_id")},
                                                  {"decision", "allow"}});
    decide.headers.add("Cookie", cookie);
    auto decided = send(decide);
    EXPECT_EQ(decided.status, 302);
    const auto back = common::parse_url(decided.header("Location").value_or(""));
    return back ? back->query_params().get_or("code", "") : "";
  }

  // The last trace note the authorization server wrote for the token endpoint.
  std::string last_token_note() const {
    std::string note;
    for (const auto& e : trace.entries()) {
      if (e.path.rfind(kToken, 0) == 0) note = e.note;
    }
    return note;
  }

  oauthsim::testing::TestPki pki;
  common::CertifiedKey dn_cert = pki.trusted_client();
  common::CertifiedKey self_cert = oauthsim::testing::TestPki::self_signed_client();
  common::VirtualClock clock;
  common::SeededRandom random{8705};
  common::Trace trace;
  std::unique_ptr<AuthorizationServer> server;
};

}  // namespace oauthsim::authz::testing
