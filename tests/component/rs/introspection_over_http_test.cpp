// The resource server as the separate executable runs it: tokens checked by RFC 7662
// introspection over real HTTP against a stand-in authorization server.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <mutex>

#include <nlohmann/json.hpp>

#include "oauthsim/common/encoding.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/rs/introspection_verifier.h"
#include "oauthsim/rs/resource_server.h"

namespace oauthsim::rs {
namespace {

class IntrospectionOverHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto cfg = common::default_config();
    expected_basic = "Basic " + common::base64_encode(cfg.resource_server.client_id + ":" +
                                                      cfg.resource_server.client_secret);
    authz.routes().Post(IntrospectionVerifier::kPath,
                        [this](const httplib::Request& req, httplib::Response& res) {
                          if (req.get_header_value("Authorization") != expected_basic) {
                            common::send_json(res, 401, {{"error", "invalid_client"}});
                            return;
                          }
                          auto form = common::form_params(req);
                          std::lock_guard lock(mu);
                          if (form.get("token") == active_token) {
                            common::send_json(res, 200,
                                              {{"active", true},
                                               {"client_id", "acme-ats"},
                                               {"username", "alice@example.com"},
                                               {"scope", "user_me_read"},
                                               {"token_type", "Bearer"},
                                               {"exp", clock.now_seconds() + 1800},
                                               {"iat", clock.now_seconds()},
                                               {"sub", "user-alice"},
                                               {"grant_id", "g-1"}});
                          } else {
                            common::send_json(res, 200, {{"active", false}});
                          }
                        });
    authz.start("127.0.0.1", 0);

    verifier =
        std::make_unique<IntrospectionVerifier>(authz.base_url(), cfg.resource_server.client_id,
                                                cfg.resource_server.client_secret, transport);
    server = std::make_unique<ResourceServer>(cfg, clock, *verifier, nullptr);
    client = std::make_unique<httplib::Client>("127.0.0.1", server->start());
  }

  httplib::Result get_me(const std::string& token) {
    return client->Get("/users/me", {{"Authorization", "Bearer " + token}});
  }

  common::VirtualClock clock;
  common::HttpServer authz{"authorization_server", nullptr, nullptr};
  std::string expected_basic;
  std::mutex mu;
  std::string active_token = "good-token";
  common::SocketHttpTransport transport{5};
  std::unique_ptr<IntrospectionVerifier> verifier;
  std::unique_ptr<ResourceServer> server;
  std::unique_ptr<httplib::Client> client;
};

TEST_F(IntrospectionOverHttpTest, ActiveTokenFromIntrospectionIsGranted) {
  auto r = get_me("good-token");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(nlohmann::json::parse(r->body)["email"], "alice@example.com");
}

TEST_F(IntrospectionOverHttpTest, RevocationAtTheAuthorizationServerIsSeenAtOnce) {
  ASSERT_EQ(get_me("good-token")->status, 200);
  {
    std::lock_guard lock(mu);
    active_token = "something-else";
  }
  EXPECT_EQ(get_me("good-token")->status, 401);
}

TEST_F(IntrospectionOverHttpTest, AuthorizationServerDownIs503) {
  authz.stop();
  auto r = get_me("good-token");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
}

}  // namespace
}  // namespace oauthsim::rs
