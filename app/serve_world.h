#pragma once
#include <memory>
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

namespace oauthsim::app {

struct ServeOptions {
  common::Config config = common::default_config();
  std::string host = "127.0.0.1";
  int authz_port = 8081;   // 0: any free port
  int api_port = 8082;     // 0: any free port
  int client_port = 9000;  // 0: any free port
  bool with_client = true;
};

// A server that could not start (a port in use, an address not of this machine); what() names
// the party and host:port.
class ServeStartError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What `oauthsim serve` runs, in one process sharing one virtual clock (started at the
// system's current time, so expiry times look real) and one trace: the mock authorization
// server with the control API, the mock Customer API (checking tokens against the
// authorization server's store in-process) and, optionally, the reference vendor app acting
// as the configuration's first client, its /callback added to that client's redirect URIs.
class ServeWorld {
 public:
  // Starts everything; throws ServeStartError, or std::invalid_argument when the vendor app
  // is wanted and the configuration has no client.
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
  // {"authorization_server": url, "resource_server": url, "client": url (with the app only)}
  nlohmann::json ready_json() const;

 private:
  void start_app();  // binds first: its port makes the redirect URI
  void configure_app(const std::string& redirect_uri);  // once the servers' URLs are known

  ServeOptions options_;
  common::VirtualClock clock_;
  common::OpenSslRandom random_;
  common::Trace trace_;
  common::SocketHttpTransport http_;
  std::unique_ptr<client::VendorApp> app_;
  std::unique_ptr<authz::AuthorizationServer> authz_;
  std::unique_ptr<rs::ResourceServer> rs_;
  std::unique_ptr<control::ControlApi> control_;
};

}  // namespace oauthsim::app
