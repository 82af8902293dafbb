#pragma once
#include <memory>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "component/authz/authz_server_fixture.h"
#include "oauthsim/control/control_api.h"
#include "oauthsim/rs/resource_server.h"

namespace oauthsim::control::testing {

// The authorization server (with the control API installed) and the Customer API checking
// tokens against its store, on loopback port 0, sharing a virtual clock and a trace; the
// authz fixture's helpers drive the browser flow and the token endpoint.
class ControlApiTest : public authz::testing::AuthzServerTest {
 protected:
  void SetUp() override {
    server = std::make_unique<authz::AuthorizationServer>(make_config(), clock, random, &trace);
    api = std::make_unique<rs::ResourceServer>(make_config(), clock, server->verifier(), &trace);
    // As `oauthsim serve` does: SR's token endpoint on the Customer API's host too.
    api->serve_token_endpoint("/identity/oauth/token", server->token_endpoint_handler(),
                              common::party::kAuthorizationServer, server->faults());
    control = std::make_unique<ControlApi>(ControlTargets{*server, *api, clock, trace});
    control->install(server->http());
    port = server->start("127.0.0.1", 0);
    api_port = api->start("127.0.0.1", 0);
    http = std::make_unique<httplib::Client>("127.0.0.1", port);
    http->set_connection_timeout(5);
    http->set_read_timeout(5);
  }
  void TearDown() override {
    api->stop();
    server->stop();
  }

  // A control call; body is sent as JSON when given.
  httplib::Result call(const std::string& method, const std::string& path,
                       const std::string& body = "") {
    if (method == "GET") return http->Get(path);
    if (method == "DELETE") return http->Delete(path, body, "application/json");
    if (method == "PUT") return http->Put(path, body, "application/json");
    return http->Post(path, body, "application/json");
  }
  httplib::Result post_json(const std::string& path, const nlohmann::json& body) {
    return call("POST", path, body.dump());
  }

  // A Customer API call with a bearer token.
  httplib::Result api_get(const std::string& path, const std::string& token) {
    httplib::Client c("127.0.0.1", api_port);
    c.set_connection_timeout(5);
    c.set_read_timeout(5);
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    return c.Get(path, h);
  }

  // Alice's tokens from a full allow flow: {"access_token", "refresh_token", ...}.
  nlohmann::json alice_tokens() {
    auto res = exchange(obtain_code());
    EXPECT_EQ(res->status, 200) << res->body;
    return json_of(res);
  }

  std::unique_ptr<rs::ResourceServer> api;
  std::unique_ptr<ControlApi> control;
  int api_port = 0;
};

inline std::string description_of(const httplib::Result& res) {
  auto j = nlohmann::json::parse(res->body, nullptr, false);
  if (!j.is_object() || !j.contains("error_description")) return "<no error_description>";
  return j["error_description"].get<std::string>();
}

}  // namespace oauthsim::control::testing
