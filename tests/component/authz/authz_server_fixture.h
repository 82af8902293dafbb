#pragma once
#include <optional>
#include <regex>
#include <string>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "oauthsim/authz/authorization_server.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/random.h"
#include "oauthsim/common/trace.h"
#include "oauthsim/common/url.h"

namespace oauthsim::authz::testing {

// The real server on 127.0.0.1:0 with a virtual clock, driven over HTTP like a browser
// (manual cookie, no redirect following) and like a client.
class AuthzServerTest : public ::testing::Test {
 protected:
  static constexpr const char* kRedirect = "http://localhost:9000/callback";

  static common::Config make_config() {
    common::Config c = common::default_config();
    c.clients.at(0).redirect_uris = {kRedirect, "https://acme.example/cb"};
    common::ClientConfig other = c.clients.at(0);
    other.client_id = "globex-hr";
    other.client_secret = "globex-secret";
    other.name = "Globex HR";
    c.clients.push_back(other);
    return c;
  }

  void SetUp() override {
    server = std::make_unique<AuthorizationServer>(make_config(), clock, random, &trace);
    port = server->start("127.0.0.1", 0);
    http = std::make_unique<httplib::Client>("127.0.0.1", port);
    http->set_connection_timeout(5);
    http->set_read_timeout(5);
  }
  void TearDown() override { server->stop(); }

  static std::string field(const std::string& html, const std::string& name) {
    std::smatch m;
    const std::regex re("name=\"" + name + "\" value=\"([^\"]*)\"");
    return std::regex_search(html, m, re) ? m[1].str() : "";
  }

  static std::string authorize_path(const common::Params& extra = {},
                                    const std::string& client_id = "acme-ats") {
    common::Params p{{"client_id", client_id}, {"redirect_uri", kRedirect}};
    for (const auto& [k, v] : extra.items()) p.add(k, v);
    return "/identity/oauth/allow?" + p.encode();
  }

  httplib::Result get(const std::string& path, const std::string& cookie = "") {
    httplib::Headers h;
    if (!cookie.empty()) h.emplace("Cookie", cookie);
    auto res = http->Get(path, h);
    // The login form's CSRF token is bound to this browser's sr_login cookie.
    if (res && res->get_header_value("Set-Cookie").rfind("sr_login=", 0) == 0) {
      const std::string set = res->get_header_value("Set-Cookie");
      login_cookie = set.substr(0, set.find(';'));
    }
    return res;
  }

  httplib::Result post_form(const std::string& path, const common::Params& form,
                            const std::string& cookie = "", httplib::Headers h = {}) {
    if (!cookie.empty()) h.emplace("Cookie", cookie);
    return http->Post(path, h, form.encode(), "application/x-www-form-urlencoded");
  }

  // Submits the login form found in `login_html`; returns the response.
  httplib::Result submit_login(const std::string& login_html, const std::string& user,
                               const std::string& password) {
    return post_form("/identity/oauth/login",
                     {{"username", user},
                      {"password", password},
                      {"csrf_token", field(login_html, "csrf_token")},
                      {"request_id", field(login_html, "request_id")}},
                     login_cookie);
  }
  std::string login_cookie;  // "sr_login=...", from the last page that set it

  static std::string session_cookie(const httplib::Result& res) {
    const std::string set = res->get_header_value("Set-Cookie");
    return set.substr(0, set.find(';'));  // "sr_session=..."
  }

  struct ConsentScreen {
    std::string html;
    std::string cookie;
  };
  // Authorization request, login as alice, follow the redirect to the consent page.
  ConsentScreen reach_consent(const common::Params& extra = {{"state", "st-1"}},
                              const std::string& user = "alice@example.com",
                              const std::string& password = "wonderland") {
    auto login_page = get(authorize_path(extra));
    EXPECT_EQ(login_page->status, 200);
    auto logged_in = submit_login(login_page->body, user, password);
    EXPECT_EQ(logged_in->status, 302);
    const std::string cookie = session_cookie(logged_in);
    const auto loc = common::parse_url(logged_in->get_header_value("Location"));
    EXPECT_TRUE(loc.has_value());
    auto consent = get(loc ? loc->path_and_query() : "/", cookie);
    EXPECT_EQ(consent->status, 200);
    return {consent->body, cookie};
  }

  httplib::Result decide(const ConsentScreen& screen, const std::string& decision) {
    return post_form("/identity/oauth/consent",
                     {{"csrf_token", field(screen.html, "csrf_token")},
                      {"request_id", field(screen.html, "request_id")},
                      {"decision", decision}},
                     screen.cookie);
  }

  static common::Params location_params(const httplib::Result& res) {
    const auto url = common::parse_url(res->get_header_value("Location"));
    return url ? url->query_params() : common::Params{};
  }

  // Full browser leg: returns the authorization code.
  std::string obtain_code(const common::Params& extra = {{"state", "st-1"}}) {
    auto res = decide(reach_consent(extra), "allow");
    EXPECT_EQ(res->status, 302);
    return location_params(res).get_or("code", "");
  }

  httplib::Result exchange(const std::string& code, const common::Params& extra = {}) {
    common::Params form{{"grant_type", "authorization_code"},
                        {"code", code},
                        {"redirect_uri", kRedirect},
                        {"client_id", "acme-ats"},
                        {"client_secret", "acme-secret"}};
    for (const auto& [k, v] : extra.items()) form.add(k, v);
    return post_form("/identity/oauth/token", form);
  }

  httplib::Result refresh(const std::string& refresh_token) {
    return post_form("/identity/oauth/token", {{"grant_type", "refresh_token"},
                                               {"refresh_token", refresh_token},
                                               {"client_id", "acme-ats"},
                                               {"client_secret", "acme-secret"}});
  }

  httplib::Result introspect(const std::string& token, const std::string& id = "sr-customer-api",
                             const std::string& secret = "customer-api-secret") {
    return post_form("/identity/oauth/introspect",
                     {{"token", token}, {"client_id", id}, {"client_secret", secret}});
  }

  static nlohmann::json json_of(const httplib::Result& res) {
    return nlohmann::json::parse(res->body, nullptr, false);
  }

  common::VirtualClock clock;
  common::SeededRandom random{2026};
  common::Trace trace;
  std::unique_ptr<AuthorizationServer> server;
  int port = 0;
  std::unique_ptr<httplib::Client> http;
};

}  // namespace oauthsim::authz::testing
