#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include "oauthsim/authz/authorization_server.h"
#include "oauthsim/client/client_flaw.h"
#include "oauthsim/client/client_settings.h"
#include "oauthsim/client/vendor_app.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/random.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/common/trace.h"
#include "oauthsim/rs/resource_server.h"
#include "oauthsim/scenario/user_agent.h"

namespace oauthsim::scenario {

struct WorldOptions {
  common::Config config = common::default_config();
  std::uint64_t seed = 1;           // randomness of every party: a run replays byte for byte
  std::string client_id;            // the reference client's registration; empty: the first one
  std::vector<std::string> scopes;  // what the reference client asks for; empty: defaults
  bool use_pkce = false;
  client::ClientAuthMethod auth_method = client::ClientAuthMethod::kClientSecretPost;
  // The reference client refreshes a token the clock says is dead before using it; off, it
  // sends it anyway and learns from the API's 401 (the flow RFC 6750 3.1 describes).
  bool refresh_ahead = true;
  // Misbehaviours the reference client is switched to (client_flaw.h): a broken variant whose
  // scenario proves the checks catch exactly that misbehaviour. Empty: the correct client.
  std::set<client::ClientFlaw> client_flaws;
};

// Four parties on loopback sharing one virtual clock and one trace: the mock authorization
// server, the mock Customer API (validating tokens against the authorization server's store),
// the reference vendor app, and a scripted user agent. Everything stops when it goes away.
class World {
 public:
  explicit World(WorldOptions options = {});
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  common::VirtualClock& clock() { return clock_; }
  common::Trace& trace() { return trace_; }
  const common::Config& config() const { return options_.config; }
  const common::ClientConfig& client_registration() const;
  authz::AuthorizationServer& authorization_server() { return *authz_; }
  rs::ResourceServer& resource_server() { return *rs_; }
  client::VendorApp& vendor_app() { return *app_; }
  UserAgent& user_agent() { return *user_agent_; }
  // The transport the world's own direct calls use (not traced as the user agent).
  common::HttpTransport& direct_transport() { return http_; }

  // Lets a scenario change what the user agent receives, after the sender recorded it and
  // before the user agent does: a man in the middle of the front channel (e.g. a tampered
  // code in the redirect back to the client). Set before the flow starts.
  using ResponseTamperer = std::function<void(const common::HttpRequest&, common::HttpResponse&)>;
  void tamper_user_agent_responses(ResponseTamperer tamperer) { tamperer_ = std::move(tamperer); }
  // Lets a scenario change what the vendor app sends on its back channel (token endpoint,
  // Customer API) before the receiving server sees it: a misbehaving client. Set before the
  // flow starts.
  using RequestTamperer = std::function<void(common::HttpRequest&)>;
  void tamper_client_requests(RequestTamperer tamperer) { request_tamperer_ = std::move(tamperer); }
  // Puts a harness marker into the trace ("action 2: advance_clock 1801 s"), so reports and
  // checks can tell which exchanges an action caused.
  void mark(std::string text);

  std::string connect_url() const;  // where the user starts: the vendor app's /connect
  std::string action_url(const std::string& api_path) const;  // makes the app call the API
  std::string app_url(const std::string& path) const;         // the vendor app's base + path
  std::string token_endpoint() const;
  // The party a URL origin belongs to, for the user agent's trace entries.
  std::string party_for_origin(const std::string& origin) const;

 private:
  WorldOptions options_;
  common::VirtualClock clock_;
  common::SeededRandom random_;
  common::Trace trace_;
  common::SocketHttpTransport http_;
  ResponseTamperer tamperer_;
  RequestTamperer request_tamperer_;
  std::unique_ptr<common::HttpTransport> client_transport_;
  std::unique_ptr<common::HttpTransport> tampering_transport_;
  std::unique_ptr<common::TracingTransport> user_agent_transport_;
  std::unique_ptr<client::VendorApp> app_;
  std::unique_ptr<authz::AuthorizationServer> authz_;
  std::unique_ptr<rs::ResourceServer> rs_;
  std::unique_ptr<UserAgent> user_agent_;
};

}  // namespace oauthsim::scenario
