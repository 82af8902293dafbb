#include "serve_command.h"

#include <iostream>
#include <optional>
#include <string>

#include "oauthsim/common/cli.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/common/tls_flags.h"
#include "oauthsim/state/state_error.h"
#include "serve_banner.h"
#include "serve_world.h"

namespace oauthsim::app {
namespace {

constexpr const char* kServeProgram = "oauthsim serve";

common::ArgParser make_serve_parser() {
  common::ArgParser p(
      kServeProgram,
      "Plays SmartRecruiters on this machine until Ctrl-C (SIGINT) or SIGTERM: the mock\n"
      "authorization server, the mock Customer API and the reference vendor app, sharing one\n"
      "virtual clock that starts at the current time (with --state: where it stood). Point\n"
      "your own app at the printed URLs, and drive the clock, faults, users and the trace\n"
      "through the control API on the authorization server under /_oauthsim/ (loopback only,\n"
      "JSON).");
  p.option("config", "FILE",
           "clients, users, lifetimes and scopes (JSON; default: the built-in demo "
           "configuration)")
      .option("host", "ADDR", "address every server binds to", "127.0.0.1")
      .option("authz-port", "N", "authorization server port (0: any free port)", "8081")
      .option("api-port", "N", "Customer API port (0: any free port)", "8082")
      .option("client-port", "N", "vendor app port (0: any free port)", "9000")
      .option("ready-file", "FILE",
              "once all listen, write {\"authorization_server\": URL, \"resource_server\": URL, "
              "\"client\": URL} here (no \"client\" with --no-client)")
      .flag("no-client", "run without the reference vendor app (your own app is the client)")
      .option("state", "FILE",
              "keep codes, grants, tokens and the clock in this SQLite file across restarts "
              "(created when missing; see below)")
      .option("max-live-tokens", "N",
              "access tokens kept, and refresh tokens kept; past it the oldest is evicted "
              "(said once on stderr; without --state)",
              "100000")
      .option("trace-limit", "N",
              "entries the trace keeps; past it the oldest are dropped (and counted)", "10000");
  common::add_tls_options(p, common::TlsRole::kServerAndClient);
  p.epilog(R"(The vendor app acts as the configuration's first client; its /callback is
added to that client's redirect URIs. Register your own app's redirect URI in the
configuration (clients[].redirect_uris) to use the same or another client.

Example session:
  $ oauthsim serve --ready-file /tmp/oauthsim.json &
  (open http://127.0.0.1:9000/connect in a browser, log in as alice@example.com / wonderland)
  $ curl -s http://127.0.0.1:8081/_oauthsim/clock
  {"now":"2026-03-01T10:00:00.000Z","now_ms":1772359200000}
  $ curl -s -X POST http://127.0.0.1:8081/_oauthsim/clock/advance -d '{"seconds": 1801}'
  (every access token issued so far has now expired)
  $ curl -s -X POST http://127.0.0.1:8081/_oauthsim/faults \
      -d '{"server": "resource_server", "path": "/users/me", "status": 429, "retry_after": 2}'
  $ curl -s http://127.0.0.1:8081/_oauthsim/trace       (every exchange, secrets redacted)
  $ kill %1

With --state FILE, what the mock SR hands out outlives it: authorization codes (used or
not), grants, access and refresh tokens (with their rotation and revocations) and the virtual
clock's time are written to FILE before each answer, so after a restart, or a kill -9 in the
middle of traffic, your app's stored refresh token still works exactly once and the clock
resumes where it stood (it moves only when you advance it). Not kept: logged-in browser
sessions and half-finished authorizations, queued faults, the trace, and deleted users (the
configuration's users come back; their revoked grants stay revoked). POST /_oauthsim/reset
empties the file too but keeps the clock's time. The file holds SHA-256 digests of codes and
tokens, never the values. A file that is not an oauthsim state file, or one oauthsim cannot
write, is refused with exit status 2 and left untouched; one file serves one process at a time.

Control routes: GET /_oauthsim/clock, POST /_oauthsim/clock/advance, GET|POST|DELETE
/_oauthsim/faults, GET|DELETE /_oauthsim/trace (?since=SEQ&limit=N pages it), POST /_oauthsim/users/{username}/revoke-grants,
DELETE /_oauthsim/users/{username}, POST /_oauthsim/reset (README: "oauthsim serve").

Exit status: 0 stopped by a signal; 2 bad usage, a bad configuration (the message names the
file and key), a port in use (the message names host:port) or a state file that cannot be used
(the message names it); 1 any other failure to start.

HTTPS (--tls): every server answers https only, with the certificate of --certs DIR (an
`oauthsim certs` folder, written there when missing) or of --cert/--key, and asks callers
for a client certificate chaining to the CA (RFC 8705; whether one is acceptable is the token
endpoint's or the API's decision). The vendor app verifies the servers against that CA and
presents the folder's client.pem (or --client-cert/--client-key). Your own app must trust
ca.pem:
  $ oauthsim serve --tls --certs ./oauthsim-certs
  $ curl --cacert ./oauthsim-certs/ca.pem https://127.0.0.1:8081/.well-known/oauth-authorization-server
--tls12-only pins every server to TLS 1.2, as SmartRecruiters serves it.)");
  return p;
}

ServeOptions serve_options(const common::ArgParser& p) {
  ServeOptions o;
  o.host = p.get("host");
  o.authz_port = p.get_int("authz-port", 0, 65535);
  o.api_port = p.get_int("api-port", 0, 65535);
  o.client_port = p.get_int("client-port", 0, 65535);
  o.with_client = !p.flag_set("no-client");
  o.trace_limit = static_cast<std::size_t>(p.get_int("trace-limit", 1, 10'000'000));
  o.max_live_tokens = static_cast<std::size_t>(p.get_int("max-live-tokens", 1, 100'000'000));
  const common::TlsSetup tls = common::tls_setup_from(p);
  o.tls_server = tls.server;
  o.tls_client = tls.client;
  if (p.has("state")) {
    o.state_path = p.get("state");
    if (o.state_path.empty()) throw common::UsageError("--state needs a file name");
  }
  if (!p.positional().empty()) {
    throw common::UsageError("unexpected argument '" + p.positional().front() + "'");
  }
  return o;
}

}  // namespace

int serve_command(int argc, char** argv) {
  // Before any thread starts, so only the sigwait below receives SIGINT and SIGTERM.
  common::block_termination_signals();
  common::ArgParser parser = make_serve_parser();
  ServeOptions options;
  try {
    parser.parse(argc, argv);
    if (parser.flag_set("help")) {
      std::cout << parser.help();
      return 0;
    }
    options = serve_options(parser);
  } catch (const common::UsageError& e) {
    std::cerr << kServeProgram << ": " << e.what() << "\nRun '" << kServeProgram
              << " --help' for usage.\n";
    return 2;
  } catch (const common::CertificateError& e) {
    std::cerr << kServeProgram << ": cannot make the certificates: " << e.what() << "\n";
    return 2;
  }
  try {
    if (parser.has("config")) options.config = common::load_config_file(parser.get("config"));
  } catch (const common::ConfigError& e) {
    std::cerr << kServeProgram << ": bad configuration: " << e.what() << "\n";
    return 2;
  }

  std::optional<ServeWorld> world;
  try {
    world.emplace(std::move(options));
  } catch (const ServeStartError& e) {
    std::cerr << kServeProgram << ": " << e.what() << "\n";
    return 2;
  } catch (const state::StateError& e) {
    std::cerr << kServeProgram << ": " << e.what() << "\n";
    return 2;
  } catch (const std::invalid_argument& e) {
    std::cerr << kServeProgram << ": bad configuration: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << kServeProgram << ": cannot start: " << e.what() << "\n";
    return 1;
  }
  print_banner(std::cout, *world);
  if (parser.has("ready-file")) {
    try {
      common::write_ready_file(parser.get("ready-file"), world->ready_json());
    } catch (const std::exception& e) {
      std::cerr << kServeProgram << ": " << e.what() << "\n";
      return 1;
    }
  }
  const int sig = common::wait_for_termination_signal();
  std::cout << kServeProgram << ": signal " << sig << ", stopping (the trace dropped "
            << world->trace_dropped() << " entries)" << std::endl;
  world->stop();
  return 0;
}

}  // namespace oauthsim::app
