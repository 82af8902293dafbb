// `oauthsim check-client`: oauthsim plays SmartRecruiters (authorization server, Customer API and
// the user) and grades the vendor's own app, the client, from what it does on the wire.
#include "check_client_command.h"

#include <iostream>
#include <string>
#include <vector>

#include "oauthsim/client/app_settings.h"
#include "oauthsim/common/cli.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/random.h"
#include "oauthsim/common/tls_flags.h"
#include "oauthsim/scenario/reports/console_report.h"
#include "oauthsim/scenario/runner/check_client.h"
#include "run_command.h"

namespace oauthsim::app {
namespace {

constexpr const char* kCheckClientProgram = "oauthsim check-client";

// A fixed seed would make every code and token of the run known in advance to any process on
// the machine, while the mock servers listen on its ports.
std::uint64_t unpredictable_seed() {
  std::uint64_t seed = 0;
  common::OpenSslRandom().fill(reinterpret_cast<unsigned char*>(&seed), sizeof seed);
  return seed;
}

common::ArgParser make_check_client_parser() {
  common::ArgParser p(
      kCheckClientProgram,
      "Tests YOUR app as an SR OAuth client. oauthsim plays SmartRecruiters (the authorization\n"
      "server, the Customer API, and the user, who logs in and allows or denies); your app is\n"
      "the client. For each scenario of the client test plan it starts fresh mock servers on\n"
      "the ports below, opens your app's start URL, follows it to the mock SR, logs in,\n"
      "decides, follows the redirect back, and grades every step of the flow from what your\n"
      "app sent and answered on the wire.");
  p.option("start", "URL", "your app's \"connect\" URL, where a user starts the flow (required)")
      .option("action", "URL",
              "a URL that makes your app call the Customer API once (GET); without it the "
              "scenarios that need an API call are left out")
      .option("config", "FILE",
              "registers your app: clients[].client_id, client_secret and your callback in "
              "redirect_uris (default: the built-in demo configuration)")
      .option("client-id", "ID", "your app's registration (default: the configuration's first)")
      .option("user", "USERNAME",
              "the user who logs in and decides, its password from the configuration "
              "(default: the configuration's first user)")
      .option("host", "ADDR", "address the mock servers bind to", "127.0.0.1")
      .option("authz-port", "N", "authorization server port (0: any free port)", "8081")
      .option("api-port", "N", "Customer API port (0: any free port)", "8082")
      .option("scenario", "NAME",
              "run only this plan scenario (repeatable; default: the whole plan)")
      .option("json", "FILE", "also write the results, checks and redacted traces as JSON")
      .option("junit", "FILE", "also write the results as JUnit XML for CI")
      .option("html", "FILE",
              "also write one self-contained HTML page: each scenario's ten steps and its "
              "sequence diagram, failing checks with their evidence")
      .option("seed", "N",
              "seed of the mock servers' randomness, to replay a run (default: a random one, so "
              "codes and tokens cannot be predicted by other processes)")
      .flag("list", "list the client test plan and exit")
      .flag("strict", "failed WARNING checks fail their scenario too (exit 1)")
      .flag("verbose", "print every check and the redacted trace of each scenario");
  common::add_tls_options(p, common::TlsRole::kServerAndClient);
  p.epilog(R"(Before you run it:
  1. Register your app in a configuration file (README: Configuration): its client_id and
     client_secret, and your app's callback URL in redirect_uris, exactly as your app sends it.
  2. Configure your app with the mock's URLs (printed below when it starts):
       authorization endpoint  http://HOST:AUTHZ-PORT/identity/oauth/allow
       token endpoint          http://HOST:AUTHZ-PORT/identity/oauth/token
       Customer API base URL   http://HOST:API-PORT
  3. Start your app, then run for example
       oauthsim check-client --config vendor.json --start http://127.0.0.1:3000/connect \
           --action http://127.0.0.1:3000/sync --junit check-client.xml
The user logs in as the configuration's first user (--user picks another; the built-in
configuration's is alice@example.com / wonderland). Time passes only on SR's clock, by the
configuration's lifetimes: your app learns an access token expired from the API's 401. Every scenario starts a fresh SR: your app must connect anew each time.

HTTPS: with --tls --certs DIR (an `oauthsim certs` folder, written when missing) the mock
servers speak https only; your app must trust DIR/ca.pem, and an https start or action URL
of your app is verified against that CA too (or --ca FILE with --cert/--key for your own).
RFC 8705 clients register token_endpoint_auth_method tls_client_auth with
tls_client_auth_subject_dn as `oauthsim certs` prints it, and present DIR/client.pem.

Every check has a level: FAIL (the app would break against SmartRecruiters, or it breaks a
security rule of RFC 6749 section 10 / RFC 9700) or WARNING (it departs from an RFC, or relies
on an endpoint only the mock serves, where SR tolerates it or the app may cope). Warnings are
shown but do not fail a scenario unless --strict.

Exit status: 0 every scenario passes (warnings allowed without --strict); 1 any fails, or your app is not reachable at the start
URL; 2 bad usage, a bad configuration or a report file that cannot be written.)");
  return p;
}

// --scenario may be given several times; the parser keeps one value per option, so they are
// taken out before it runs.
std::vector<std::string> take_scenarios(int argc, char** argv, std::vector<char*>& rest) {
  std::vector<std::string> names;
  const std::string flag = "--scenario";
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == flag) {
      if (i + 1 >= argc) throw common::UsageError("--scenario needs a NAME");
      names.emplace_back(argv[++i]);
    } else if (arg.rfind(flag + "=", 0) == 0) {
      names.push_back(arg.substr(flag.size() + 1));
    } else {
      rest.push_back(argv[i]);
    }
  }
  return names;
}

scenario::CheckClientOptions check_options(const common::ArgParser& p,
                                           std::vector<std::string> scenarios) {
  if (!p.positional().empty()) {
    throw common::UsageError("unexpected argument '" + p.positional().front() + "'");
  }
  if (!p.has("start")) throw common::UsageError("--start URL is required (your app's connect URL)");
  scenario::CheckClientOptions o;
  o.client.start_url = p.get("start");
  if (p.has("action")) o.client.action_url = p.get("action");
  if (p.has("client-id")) o.client_id = p.get("client-id");
  if (p.has("user")) o.username = p.get("user");
  o.host = p.get("host");
  o.authz_port = p.get_int("authz-port", 0, 65535);
  o.api_port = p.get_int("api-port", 0, 65535);
  o.seed = p.has("seed") ? static_cast<std::uint64_t>(p.get_int("seed", 0, 1'000'000'000))
                         : unpredictable_seed();
  o.scenarios = std::move(scenarios);
  const common::TlsSetup tls = common::tls_setup_from(p);
  o.server_tls = tls.server;
  o.verify_tls = tls.client;
  if (o.verify_tls) {
    // The user agent presents no certificate; the app's own is the app's business.
    o.verify_tls->certificate_file.clear();
    o.verify_tls->private_key_file.clear();
  }
  return o;
}

std::string base_url(const std::string& host, int port, bool tls) {
  const std::string scheme = tls ? "https://" : "http://";
  return port == 0 ? scheme + host + ":<any free port, new each scenario>"
                   : scheme + host + ":" + std::to_string(port);
}

void print_setup(std::ostream& out, const scenario::CheckClientOptions& o) {
  const auto& reg =
      o.client_id.empty() ? o.config.clients.front() : *o.config.find_client(o.client_id);
  const bool tls = o.server_tls.has_value();
  const std::string authz = base_url(o.host, o.authz_port, tls);
  out << kCheckClientProgram << ": oauthsim plays SmartRecruiters, your app is the client\n\n"
      << "Configure your app with:\n"
      << "  authorization endpoint  " << authz << client::kAuthorizationPath << "\n"
      << "  token endpoint          " << authz << client::kTokenPath << "\n"
      << "  revocation endpoint     " << authz << client::kRevocationPath << "\n"
      << "  Customer API base URL   " << base_url(o.host, o.api_port, tls) << "\n"
      << "  client_id               " << reg.client_id
      << " (client_secret: as in the configuration)\n";
  for (const auto& uri : reg.redirect_uris) out << "  registered redirect URI " << uri << "\n";
  out << "\nYour app: start URL " << o.client.start_url << ", action URL "
      << (o.client.action_url.empty() ? "(none)" : o.client.action_url) << "\n"
      << "The user: " << scenario::plan_user(o).username << " (password: as in the configuration)\n"
      << "Lifetimes on SR's clock: access token " << o.config.lifetimes.access_token
      << " s, refresh token " << o.config.lifetimes.refresh_token << " s, code "
      << o.config.lifetimes.authorization_code << " s\n\n";
}

void print_plan(std::ostream& out) {
  for (const auto& s : scenario::client_test_plan()) {
    out << s.name << (scenario::needs_action_url(s) ? " (needs --action)" : "")
        << (scenario::needs_tls(s) ? " (needs --tls)" : "") << "\n  " << s.description << "\n";
  }
}

int usage_error(const std::string& what) {
  std::cerr << kCheckClientProgram << ": " << what << "\nRun '" << kCheckClientProgram
            << " --help' for usage.\n";
  return 2;
}

}  // namespace

int check_client_command(int argc, char** argv) {
  common::ArgParser parser = make_check_client_parser();
  scenario::CheckClientOptions options;
  try {
    std::vector<char*> rest;
    auto scenarios = take_scenarios(argc, argv, rest);
    parser.parse(static_cast<int>(rest.size()), rest.data());
    if (parser.flag_set("help")) {
      std::cout << parser.help();
      return 0;
    }
    if (parser.flag_set("list")) {
      print_plan(std::cout);
      return 0;
    }
    options = check_options(parser, std::move(scenarios));
  } catch (const common::UsageError& e) {
    return usage_error(e.what());
  } catch (const common::CertificateError& e) {
    std::cerr << kCheckClientProgram << ": cannot make the certificates: " << e.what() << "\n";
    return 2;
  }
  try {
    if (parser.has("config")) options.config = common::load_config_file(parser.get("config"));
  } catch (const common::ConfigError& e) {
    std::cerr << kCheckClientProgram << ": bad configuration: " << e.what() << "\n";
    return 2;
  }
  try {
    scenario::validate(options);
  } catch (const std::invalid_argument& e) {
    return usage_error(e.what());
  }

  print_setup(std::cout, options);
  std::vector<std::string> left_out;
  const auto plan = scenario::selected_plan(options, &left_out);
  for (const auto& why : left_out) std::cout << "left out " << why << "\n";
  if (plan.empty()) return usage_error("no scenario left to run: give --action URL");
  if (auto unreachable = scenario::probe_app(options.client.start_url, 5, options.verify_tls)) {
    std::cerr << kCheckClientProgram << ": your app is not reachable: " << *unreachable
              << "\nStart it first, configured with the URLs above, then run this again.\n";
    return 1;
  }
  std::cout << "Running " << plan.size() << " scenario(s) of the client test plan\n";
  std::vector<scenario::FlowResult> results;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    results.push_back(
        scenario::run_mission_flow(scenario::external_client_flow(plan[i], options), options.seed));
    if (parser.flag_set("strict")) scenario::make_warnings_fail(results.back());
    scenario::print_progress(std::cout, i + 1, plan.size(), results.back());
  }
  ReportFiles files;
  if (parser.has("json")) files.json = parser.get("json");
  if (parser.has("junit")) files.junit = parser.get("junit");
  if (parser.has("html")) files.html = parser.get("html");
  return report_results(kCheckClientProgram, results, files, parser.flag_set("verbose"));
}

}  // namespace oauthsim::app
