#pragma once
// The vendor app under test, a fake SR server behind it, and a browser that does not follow
// redirects and keeps one cookie.
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <httplib.h>

#include "fake_sr_server.h"
#include "oauthsim/client/vendor_app.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/common/url.h"

namespace oauthsim::client::testing {

class VendorAppTest : public ::testing::Test {
 protected:
  // session_limits: how long (on `wall`) and how many browser sessions the app keeps.
  explicit VendorAppTest(common::IdleLimits session_limits = VendorAppSessionLimits{}.limits) {
    app = std::make_unique<VendorApp>(ClientSettings{}, transport, clock, random, &trace,
                                      std::nullopt, VendorAppSessionLimits{&wall, session_limits});
    app->start("127.0.0.1", 0);
    // As in the e2e tests: the servers' ports are known only after the app is running.
    ClientSettings s;
    s.client_id = "acme-ats";
    s.client_secret = "acme-secret";
    s.redirect_uri = app->base_url() + "/callback";
    s.authorization_endpoint = sr.base_url() + "/identity/oauth/allow";
    s.token_endpoint = sr.base_url() + "/identity/oauth/token";
    s.revocation_endpoint = sr.base_url() + "/identity/oauth/revoke";
    s.api_base_url = sr.base_url();
    s.scopes = {"user_me_read"};
    app->set_settings(s);
    browser = std::make_unique<httplib::Client>(app->base_url());
  }
  ~VendorAppTest() override { app->stop(); }

  httplib::Result get(const std::string& path) {
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    auto res = browser->Get(path, headers);
    EXPECT_TRUE(res) << "no answer for " << path;
    return res;
  }

  // GET /connect: keeps the session cookie, returns the state the app sent.
  std::string connect() {
    auto res = get("/connect");
    EXPECT_EQ(res->status, 302);
    const std::string set_cookie = res->get_header_value("Set-Cookie");
    cookie = set_cookie.substr(0, set_cookie.find(';'));
    auto url = common::parse_url(res->get_header_value("Location"));
    EXPECT_TRUE(url);
    return url ? url->query_params().get_or("state", "") : "";
  }

  std::string callback(const common::Params& query) { return "/callback?" + query.encode(); }

  // POSTs `form` urlencoded, with the session cookie when there is one.
  httplib::Result post(const std::string& path, const common::Params& form) {
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    auto res = browser->Post(path, headers, form.encode(), "application/x-www-form-urlencoded");
    EXPECT_TRUE(res) << "no answer for POST " << path;
    return res;
  }

  // A full allowed flow: the session holds at-1 / rt-1 afterwards.
  void connect_and_allow() {
    const std::string state = connect();
    auto res = get(callback({{"code", "c"}, {"state", state}}));
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
  }

  FakeSrServer sr;
  common::SocketHttpTransport transport;
  common::VirtualClock clock;
  common::VirtualClock wall;  // the wall clock the app measures session idleness on
  common::SeededRandom random{7};
  common::Trace trace;
  std::unique_ptr<VendorApp> app;
  std::unique_ptr<httplib::Client> browser;
  std::string cookie;
};

}  // namespace oauthsim::client::testing
