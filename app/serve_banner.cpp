#include "serve_banner.h"

#include "oauthsim/client/app_settings.h"
#include "oauthsim/control/clock_json.h"

namespace oauthsim::app {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out.empty() ? "none" : out;
}

}  // namespace

void print_banner(std::ostream& out, const ServeWorld& world) {
  const auto& config = world.config();
  const std::string authz = world.authz_url();
  out << "oauthsim serve: SmartRecruiters, mocked on this machine (configuration: " << config.source
      << ")\n\n"
      << "  authorization server  " << authz << "\n"
      << "    authorize " << authz << client::kAuthorizationPath << ", token " << authz
      << client::kTokenPath << "\n"
      << "  Customer API          " << world.api_url() << "\n"
      << "    token (as on api.smartrecruiters.com) " << world.api_url() << client::kTokenPath
      << "\n";
  if (!world.client_url().empty()) {
    out << "  vendor app            " << world.client_url() << " (acting as "
        << config.clients.front().client_id << ")\n";
  }
  if (world.loaded_state()) out << describe(*world.loaded_state());
  out << "  trace                 keeps the last " << world.trace_limit()
      << " exchanges (--trace-limit)\n";
  out << "\nClients:\n";
  for (const auto& c : config.clients) {
    out << "  client " << c.client_id
        << " (secret from the configuration); redirect URIs: " << joined(c.redirect_uris) << "\n";
  }
  out << "\nDemo users (log in with these):\n";
  for (const auto& u : config.users) {
    out << "  " << u.username << " / " << u.password << "  (" << u.first_name << " " << u.last_name
        << ", " << u.company << ")\n";
  }
  out << "\n";
  if (!world.client_url().empty()) {
    out << "Open " << world.client_url() << "/connect in a browser to start a flow.\n";
  }
  std::string curl = "curl -s";
  if (!world.ca_file().empty()) {
    out << "Every server speaks https with certificates from the CA in " << world.ca_file()
        << ": make your app (and browser) trust it.\n";
    curl += " --cacert " + world.ca_file();
  }
  out << "\nThe virtual clock reads " << control::rfc3339_utc(world.clock().now_ms())
      << " and stands still until you advance it:\n"
      << "Control API (loopback only, JSON): " << authz << "/_oauthsim/\n"
      << "  " << curl << " -X POST " << authz
      << "/_oauthsim/clock/advance -d '{\"seconds\": 1801}'   # expire the access tokens\n"
      << "\nStop with Ctrl-C." << std::endl;
}

}  // namespace oauthsim::app
