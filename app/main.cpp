// The oauthsim command: dispatches to its subcommands.
#include <iostream>
#include <string>

#include "certs_command.h"
#include "check_client_command.h"
#include "replay_command.h"
#include "run_command.h"
#include "serve_command.h"

namespace {

constexpr const char* kUsage = R"(Usage: oauthsim COMMAND [options]

A four-party simulator and conformance harness for the SmartRecruiters three-legged OAuth 2.0
flow: a mock SR authorization server, a mock SR Customer API, a reference vendor app and a
scripted user agent talk real HTTP on 127.0.0.1, and every one of the ten steps is judged.

Commands:
  run        run the built-in scenario catalog, or the scenario files given, each in a fresh
             world, and print every scenario's ten-step verdicts; exit 0 when all pass,
             1 when any fails
  replay     run one scenario (a file or a catalog name, e.g. 'oauthsim replay deny') and
             walk it exchange by exchange: step, who sent what to whom, what came back,
             secrets redacted; then its ten-step verdicts
  serve      play SmartRecruiters on this machine until Ctrl-C: the mock authorization
             server, the mock Customer API and the reference vendor app on fixed ports,
             one virtual clock, and a control API under /_oauthsim/ (clock, faults, trace,
             users, reset) for testing your own client
  check-client
             test YOUR app as the client: oauthsim plays SmartRecruiters and the user, runs
             the client test plan against your app's --start URL and grades every step
  certs      write a local CA, server and client certificates into a folder for --tls
             --certs DIR, and print the client certificate's subject DN and thumbprint
  help       show this text

Run 'oauthsim COMMAND --help' for a command's options.
)";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = argv[1];
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "run") return oauthsim::app::run_command(argc - 1, argv + 1);
  if (command == "replay") return oauthsim::app::replay_command(argc - 1, argv + 1);
  if (command == "serve") return oauthsim::app::serve_command(argc - 1, argv + 1);
  if (command == "certs") return oauthsim::app::certs_command(argc - 1, argv + 1);
  if (command == "check-client") return oauthsim::app::check_client_command(argc - 1, argv + 1);
  std::cerr << "oauthsim: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}
