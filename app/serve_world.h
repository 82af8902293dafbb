#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "oauthsim/authz/authorization_server.h"
#include "oauthsim/client/vendor_app.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/random.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/common/trace.h"
#include "oauthsim/control/control_api.h"
#include "oauthsim/rs/resource_server.h"
#include "oauthsim/state/state_file.h"

namespace oauthsim::app {

struct ServeOptions {
  common::Config config = common::default_config();
  std::string host = "127.0.0.1";
  int authz_port = 8081;   // 0: any free port
  int api_port = 8082;     // 0: any free port
  int client_port = 9000;  // 0: any free port
  bool with_client = true;
  // Empty: everything in memory. Else the SQLite state file (`--state`): codes, grants,
  // tokens and the clock's time are kept there and loaded from it at start.
  std::string state_path;
  // Set (`--tls`): every server speaks https only and asks callers for a client certificate.
  std::optional<common::TlsServerOptions> tls_server;
  // How the vendor app verifies the servers (and which certificate it presents) when it calls
  // them; needed with tls_server.
  std::optional<common::TlsClientOptions> tls_client;
  // Entries the trace keeps (`--trace-limit`); the oldest are dropped past it, and the first
  // drop is announced once on stderr.
  std::size_t trace_limit = common::Trace::kDefaultCapacity;
  // In memory (no state file): access tokens kept, and refresh tokens kept; past it the oldest
  // is evicted, said once on stderr (`--max-live-tokens`).
  std::size_t max_live_tokens = authz::TokenStoreLimits{}.max_live_tokens;
};

// What `--state` found at start, for the banner.
struct LoadedState {
  std::string path;
  bool created = false;  // a new file: nothing was loaded
  state::StateSummary summary;
  std::int64_t clock_ms = 0;  // where the clock resumed (or started, in a new file)
};
// One banner line: "  state file  PATH: loaded N grants, ...; the clock resumed at T\n".
std::string describe(const LoadedState& loaded);

// A server that could not start (a port in use, an address not of this machine); what() names
// the party and host:port.
class ServeStartError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What `oauthsim serve` runs, in one process sharing one virtual clock (started at the
// system's current time, so expiry times look real, or with a state file where it was saved)
// and one trace: the mock authorization server with the control API, the mock Customer API
// (checking tokens against the authorization server's store in-process) and, optionally, the
// reference vendor app acting as the configuration's first client, its /callback added to
// that client's redirect URIs. With a state file, the authorization server's codes, grants
// and tokens live in it and every clock advance is saved to it.
class ServeWorld {
 public:
  // Starts everything; throws ServeStartError, state::StateError for a state file it cannot
  // use, or std::invalid_argument when the vendor app is wanted and the configuration has no
  // client.
  explicit ServeWorld(ServeOptions options);
  ~ServeWorld();  // stop()
  ServeWorld(const ServeWorld&) = delete;
  ServeWorld& operator=(const ServeWorld&) = delete;

  void stop();  // the vendor app first (it calls the others), then the API, then authz

  std::string authz_url() const { return authz_->base_url(); }
  std::string api_url() const { return rs_->base_url(); }
  std::string client_url() const { return app_ ? app_->base_url() : ""; }  // "" with no app
  // The configuration as served: the vendor app's redirect URI registered.
  const common::Config& config() const { return options_.config; }
  const common::VirtualClock& clock() const { return clock_; }
  // The CA the servers' certificates chain to; empty over plain http.
  std::string ca_file() const {
    return options_.tls_server && options_.tls_client ? options_.tls_client->ca_file : "";
  }
  // Set with a state file: what it held when serve started.
  const std::optional<LoadedState>& loaded_state() const { return loaded_; }
  std::size_t trace_limit() const { return trace_.capacity(); }
  std::uint64_t trace_dropped() const { return trace_.dropped(); }
  // {"authorization_server": url, "resource_server": url, "client": url (with the app only)}
  nlohmann::json ready_json() const;

 private:
  void start_app();  // binds first: its port makes the redirect URI
  void configure_app(const std::string& redirect_uri);  // once the servers' URLs are known

  ServeOptions options_;
  std::unique_ptr<state::StateFile> state_;  // before clock_: the clock starts from it
  common::VirtualClock clock_;
  // Rate-limit windows follow the wall clock: the virtual one stands still until advanced, and a
  // client making its 11th call on a route would otherwise get 429 until someone advanced it.
  common::SystemClock wall_clock_;
  std::optional<LoadedState> loaded_;
  common::OpenSslRandom random_;
  common::Trace trace_;
  common::SocketHttpTransport http_;
  std::unique_ptr<client::VendorApp> app_;
  std::unique_ptr<authz::AuthorizationServer> authz_;
  std::unique_ptr<rs::ResourceServer> rs_;
  std::unique_ptr<control::ControlApi> control_;
};

}  // namespace oauthsim::app
