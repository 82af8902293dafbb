// mock_resource_server: the mock SR Customer API as its own process, checking tokens by RFC 7662
// introspection at the authorization server given by --authz-url.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "oauthsim/common/cli.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/common/url.h"
#include "oauthsim/rs/introspection_verifier.h"
#include "oauthsim/rs/resource_server.h"

namespace common = oauthsim::common;

int main(int argc, char** argv) {
  // Before any thread starts, so every thread inherits the mask and sigwait below gets them.
  common::block_termination_signals();

  common::ArgParser args("mock_resource_server",
                         "The mock SmartRecruiters Customer API (resource server).");
  common::add_server_options(args, 8082);
  args.option("authz-url", "URL",
              "base URL of the authorization server, whose introspection endpoint checks tokens "
              "(required)");
  std::string authz_url;
  int port = 0;
  try {
    args.parse(argc, argv);
    if (args.flag_set("help")) {
      std::cout << args.help();
      return 0;
    }
    if (!args.positional().empty()) {
      throw common::UsageError("unexpected argument '" + args.positional().front() + "'");
    }
    authz_url = args.get("authz-url");
    std::string error;
    auto url = common::parse_url(authz_url, &error);
    if (!url) throw common::UsageError("--authz-url '" + authz_url + "' is not a URL: " + error);
    port = args.get_int("port", 0, 65535);
  } catch (const common::UsageError& e) {
    std::cerr << "mock_resource_server: " << e.what() << "\n";
    return 2;
  }

  common::Config config;
  try {
    config = args.has("config") ? common::load_config_file(args.get("config"))
                                : common::default_config();
  } catch (const common::ConfigError& e) {
    std::cerr << "mock_resource_server: " << e.what() << "\n";
    return 2;
  }

  common::SystemClock clock;
  common::SocketHttpTransport transport;
  oauthsim::rs::IntrospectionVerifier verifier(authz_url, config.resource_server.client_id,
                                               config.resource_server.client_secret, transport);
  oauthsim::rs::ResourceServer server(config, clock, verifier, nullptr);
  try {
    server.start(args.get("host"), port);
    if (args.has("ready-file")) {
      common::write_ready_file(args.get("ready-file"), {{"resource_server", server.base_url()}});
    }
  } catch (const std::exception& e) {
    std::cerr << "mock_resource_server: " << e.what() << "\n";
    return 1;
  }
  std::cout << "mock_resource_server listening on " << server.base_url() << ", introspecting at "
            << authz_url << std::endl;

  common::wait_for_termination_signal();
  server.stop();
  return 0;
}
