// mock_resource_server: the mock SR Customer API as its own process, checking tokens by RFC 7662
// introspection at the authorization server given by --authz-url.
#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "oauthsim/common/cli.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/common/tls_flags.h"
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
  // Serves https with --tls; calls an https authorization server verifying it against the CA.
  common::add_tls_options(args, common::TlsRole::kServerAndClient);
  std::string authz_url;
  int port = 0;
  common::TlsSetup tls;
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
    tls = common::tls_setup_from(args);
    if (url->scheme == "https" && !tls.client) {
      throw common::UsageError("--authz-url " + authz_url +
                               " is https: give --certs DIR or --ca FILE to verify it against");
    }
  } catch (const common::UsageError& e) {
    std::cerr << "mock_resource_server: " << e.what() << "\n";
    return 2;
  } catch (const common::CertificateError& e) {
    std::cerr << "mock_resource_server: " << e.what() << "\n";
    return 1;
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
  std::unique_ptr<common::SocketHttpTransport> transport;
  std::unique_ptr<oauthsim::rs::IntrospectionVerifier> verifier;
  std::unique_ptr<oauthsim::rs::ResourceServer> server;
  try {
    // Each constructor loads its TLS files and names an unusable one.
    transport =
        std::make_unique<common::SocketHttpTransport>(10, common::HttpResponseLimits{}, tls.client);
    verifier = std::make_unique<oauthsim::rs::IntrospectionVerifier>(
        authz_url, config.resource_server.client_id, config.resource_server.client_secret,
        *transport);
    server = std::make_unique<oauthsim::rs::ResourceServer>(config, clock, *verifier, nullptr,
                                                            tls.server);
    server->start(args.get("host"), port);
    if (args.has("ready-file")) {
      common::write_ready_file(args.get("ready-file"), {{"resource_server", server->base_url()}});
    }
  } catch (const std::exception& e) {
    std::cerr << "mock_resource_server: " << e.what() << "\n";
    return 1;
  }
  std::cout << "mock_resource_server listening on " << server->base_url() << ", introspecting at "
            << authz_url << std::endl;

  common::wait_for_termination_signal();
  server->stop();
  return 0;
}
