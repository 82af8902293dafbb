#pragma once
// Shared fixture for the OAuthClient unit tests: a mock transport, a virtual clock and a
// seeded random source, so every test is deterministic and needs no network.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mocks/mock_http_transport.h"
#include "oauthsim/client/oauth_client.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/random.h"
#include "oauthsim/common/url.h"

namespace oauthsim::client::testing {

// The query parameters of a URL the client built; empty (and a test failure) when it does not
// parse.
inline common::Params query_of(const std::string& url) {
  auto parsed = common::parse_url(url);
  EXPECT_TRUE(parsed.has_value()) << url;
  return parsed ? parsed->query_params() : common::Params();
}

inline ClientSettings test_settings() {
  ClientSettings s;
  s.client_id = "acme-ats";
  s.client_secret = "acme-secret";
  s.redirect_uri = "http://localhost:9000/callback";
  s.authorization_endpoint = "http://127.0.0.1:7001/identity/oauth/allow";
  s.token_endpoint = "http://127.0.0.1:7001/identity/oauth/token";
  s.api_base_url = "http://127.0.0.1:7002";
  s.scopes = {"user_me_read", "jobs_read"};
  return s;
}

inline common::HttpResponse json_response(int status, const nlohmann::json& body) {
  common::HttpResponse r;
  r.status = status;
  r.headers.add("Content-Type", "application/json");
  r.body = body.dump();
  return r;
}

inline common::HttpResponse token_response(const std::string& access, const std::string& refresh,
                                           int expires_in = 1800) {
  nlohmann::json body = {{"access_token", access},
                         {"token_type", "Bearer"},
                         {"expires_in", expires_in},
                         {"scope", "user_me_read jobs_read"}};
  if (!refresh.empty()) body["refresh_token"] = refresh;
  return json_response(200, body);
}

inline common::Params form_of(const common::HttpRequest& r) {
  auto p = common::parse_params(r.body);
  return p ? *p : common::Params();
}

class OAuthClientTest : public ::testing::Test {
 protected:
  OAuthClient make_client(ClientSettings s = test_settings()) {
    return OAuthClient(std::move(s), transport, clock, random);
  }
  TokenSet live_tokens() {
    TokenSet t;
    t.access_token = "at-1";
    t.refresh_token = "rt-1";
    t.token_type = "Bearer";
    t.scope = "user_me_read";
    t.expires_at_ms = clock.now_ms() + 1800 * 1000;
    return t;
  }

  ::testing::StrictMock<oauthsim::testing::MockHttpTransport> transport;
  common::VirtualClock clock;
  common::SeededRandom random{42};
};

}  // namespace oauthsim::client::testing
