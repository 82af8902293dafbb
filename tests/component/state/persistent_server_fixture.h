#pragma once
#include <memory>

#include "component/authz/authz_server_fixture.h"
#include "oauthsim/control/control_api.h"
#include "oauthsim/rs/resource_server.h"
#include "oauthsim/state/state_file.h"
#include "unit/state/store_kinds.h"

namespace oauthsim::state::testing {

// The authorization server with its codes and tokens in a state file and the control API
// saving the clock there, as `oauthsim serve --state` wires them; restart() tears everything
// down (closing the file) and brings it back from the file alone, the clock included.
class PersistentServerTest : public authz::testing::AuthzServerTest {
 protected:
  void SetUp() override { start(); }
  void TearDown() override { shut_down(); }

  void start() {
    file = std::make_unique<StateFile>(dir / "state.db");
    if (auto saved = file->clock_ms()) clock.set_ms(*saved);
    authz::AuthorizationServerSetup setup;
    setup.codes = file->make_code_store();
    setup.tokens = file->make_token_store();
    server = std::make_unique<authz::AuthorizationServer>(make_config(), clock, random, &trace,
                                                          std::move(setup));
    api = std::make_unique<rs::ResourceServer>(make_config(), clock, server->verifier(), &trace);
    control::ControlTargets targets{*server, *api, clock, trace};
    targets.after_clock_advance = [this] { file->save_clock(clock); };
    control = std::make_unique<control::ControlApi>(std::move(targets));
    control->install(server->http());
    port = server->start("127.0.0.1", 0);
    http = std::make_unique<httplib::Client>("127.0.0.1", port);
    http->set_connection_timeout(5);
    http->set_read_timeout(5);
  }

  void shut_down() {
    if (server) server->stop();
    control.reset();
    api.reset();
    server.reset();
    file.reset();
  }

  // Forgets everything in memory, the clock's time included, and starts again from the file.
  void restart() {
    shut_down();
    clock.set_ms(0);
    start();
  }

  httplib::Result control_post(const std::string& path, const nlohmann::json& body = {}) {
    return http->Post(path, body.is_null() ? "" : body.dump(), "application/json");
  }

  // Alice's tokens from a full allow flow: {"access_token", "refresh_token", ...}.
  nlohmann::json alice_tokens() {
    auto res = exchange(obtain_code());
    EXPECT_EQ(res->status, 200) << res->body;
    return json_of(res);
  }

  bool active(const std::string& token) {
    auto res = introspect(token);
    EXPECT_EQ(res->status, 200) << res->body;
    return json_of(res).value("active", false);
  }

  ScratchDir dir;
  std::unique_ptr<StateFile> file;
  std::unique_ptr<rs::ResourceServer> api;
  std::unique_ptr<control::ControlApi> control;
};

}  // namespace oauthsim::state::testing
