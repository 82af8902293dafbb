// mock_authz_server: the mock SmartRecruiters authorization server as its own process.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "oauthsim/authz/authorization_server.h"
#include "oauthsim/common/cli.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/common/random.h"
#include "oauthsim/common/tls_flags.h"

int main(int argc, char** argv) {
  using namespace oauthsim;
  // Before any thread starts, so only sigwait below sees SIGINT/SIGTERM.
  common::block_termination_signals();

  common::ArgParser args("mock_authz_server",
                         "Mock SmartRecruiters OAuth 2.0 authorization server (login, consent, "
                         "token, revocation, introspection).");
  common::add_server_options(args, 8081);
  common::add_tls_options(args, common::TlsRole::kServer);
  common::Config config;
  std::string host;
  int port = 0;
  common::TlsSetup tls;
  try {
    args.parse(argc, argv);
    if (args.flag_set("help")) {
      std::cout << args.help();
      return 0;
    }
    host = args.get("host");
    port = args.get_int("port", 0, 65535);
    tls = common::tls_setup_from(args);
  } catch (const common::UsageError& e) {
    std::cerr << "mock_authz_server: " << e.what() << "\n";
    return 2;
  } catch (const common::CertificateError& e) {
    std::cerr << "mock_authz_server: " << e.what() << "\n";
    return 1;
  }
  if (tls.created) {
    std::cout << "mock_authz_server: wrote certificates to " << args.get("certs") << std::endl;
  }
  try {
    config = args.has("config") ? common::load_config_file(args.get("config"))
                                : common::default_config();
  } catch (const common::ConfigError& e) {
    std::cerr << "mock_authz_server: bad configuration: " << e.what() << "\n";
    return 2;
  }

  common::SystemClock clock;
  common::OpenSslRandom random;
  authz::AuthorizationServerSetup setup;
  setup.tls = tls.server;
  std::unique_ptr<authz::AuthorizationServer> server;
  try {
    // Constructing it loads the TLS files: an unusable one is named in the error.
    server = std::make_unique<authz::AuthorizationServer>(std::move(config), clock, random, nullptr,
                                                          std::move(setup));
    server->start(host, port);
    if (args.has("ready-file")) {
      common::write_ready_file(args.get("ready-file"),
                               nlohmann::json{{"authorization_server", server->base_url()}});
    }
  } catch (const std::exception& e) {
    std::cerr << "mock_authz_server: " << e.what() << "\n";
    return 1;
  }
  std::cout << "mock_authz_server listening on " << server->base_url() << std::endl;
  const int sig = common::wait_for_termination_signal();
  std::cout << "mock_authz_server: signal " << sig << ", stopping" << std::endl;
  server->stop();
  return 0;
}
